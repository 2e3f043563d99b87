// A shell process's whole state, as data. Nothing here is a closure or a generator: a frame is
// (source, unit, pc) plus plain values, so a snapshot is a JSON copy and a restored shell goes on
// from the instruction it was blocked in. Maps are used while running and become arrays in JSON.
import type { SignalName } from '../process/types';
import type { DialectName } from './dialect';

export interface ShellVar {
  v: string;
  /** 1: exported, 2: readonly */
  f: number;
}

export const EXPORTED = 1;
export const READONLY = 2;

export interface ShellOptions {
  /** -e errexit */
  e: boolean;
  /** -u nounset */
  u: boolean;
  /** -x xtrace */
  x: boolean;
  /** -f noglob */
  f: boolean;
  /** -C noclobber */
  C: boolean;
  /** -o pipefail */
  pipefail: boolean;
  /** interactive (-i): prompts, ignores SIGTERM, survives errors */
  i: boolean;
}

export type FrameKind = 'main' | 'func' | 'dot' | 'eval' | 'trap' | 'input';

export type Scope =
  /** a loop: where break and continue go, its last body status, a for loop's words */
  | { k: 'loop'; brk: number; cont: number; st: number; list?: string[]; i?: number }
  /** fds a compound command's redirections replaced: [fd, saved copy or -1 when it was closed] */
  | { k: 'redir'; saved: [number, number][] };

export interface Frame {
  /** index into ShellState.srcs */
  s: number;
  /** unit of that source's compiled script */
  u: number;
  pc: number;
  k: FrameKind;
  /** positional parameters of a function call or `.` with arguments */
  args?: string[];
  /** variables to put back when the frame ends (`local`, assignments before a function call) */
  saved?: [string, ShellVar | null][];
  sc: Scope[];
  /** whether this call's failure may trip set -e */
  ee?: boolean;
  /** a trap's saved $? */
  ts?: number;
  /** lines read before this source (commands typed on stdin): added to its line numbers */
  lo?: number;
}

/** Put back after a blocked builtin finishes. */
export interface After {
  redir?: [number, number][];
  vars?: [string, ShellVar | null][];
  ee: boolean;
}

export type Wait =
  | { k: 'fg'; pid: number; ee: boolean; after?: After }
  | { k: 'pipe'; pids: number[]; sts: (number | null)[]; bang: boolean; ee: boolean }
  /** reading a command substitution's output until end-of-file, then its status */
  | { k: 'subst'; fd: number; pid: number; out: string; st: number | null }
  | { k: 'read'; argv: string[]; timer?: number; after: After }
  | { k: 'wait'; pids: number[] | null; after: After }
  | { k: 'input' }
  | { k: 'slice' }
  | { k: 'writable'; fd: number };

export interface Job {
  pid: number;
  text: string;
  /** exit status once it ended */
  st: number | null;
  /** the job number (`%1`); absent in sessions saved before numbers were kept: its place + 1 */
  n?: number;
  /** the signal that ended it */
  sig?: SignalName;
}

export interface InputState {
  buf: string;
  eof: boolean;
  /** line number of the next command read */
  line: number;
  /** a prompt has been printed for the text being read */
  prompted: boolean;
}

export interface ShellState {
  d: DialectName;
  /** $0 */
  arg0: string;
  /** where commands come from: a -c string, a script file, or standard input */
  mode: 'c' | 'file' | 'stdin';
  /** bash's input name in syntax errors: `-c`, or the script path */
  iname: string;
  srcs: string[];
  frames: Frame[];
  vars: Map<string, ShellVar>;
  /** name → [source, unit] */
  funcs: Map<string, [number, number]>;
  /** $? */
  st: number;
  /** the positional parameters outside functions ($1 ...) */
  args: string[];
  opts: ShellOptions;
  /** 'EXIT' or a signal → action ('' ignores) */
  traps: Map<string, string>;
  /** caught signals whose traps have not run yet */
  pend: SignalName[];
  jobs: Job[];
  /** $! (0: none yet) */
  bang: number;
  /** $$: the pid of the shell that was started (subshells keep it) */
  shpid: number;
  /** command → path found on $PATH (the shells' hash table) */
  hash: Map<string, string>;
  wait: Wait | null;
  /** command substitution outputs (and side-effecting $((..))) of the instruction being expanded */
  exp: { log: [string, number][] } | null;
  input: InputState | null;
  /** running the EXIT trap; then exit with this status */
  exiting: number | null;
  /** a forked subshell */
  sub: boolean;
  /** the shell was started interactive; its subshells keep this while `opts.i` goes (bash interactive_shell) */
  ishell?: boolean;
  /** virtual ms at start, for $SECONDS */
  t0: number;
  /** LINENO of the command being run */
  line: number;
  /** status of the last command substitution of the current command (-1: none) */
  substSt: number;
}

export interface ShellStateJSON extends Omit<ShellState, 'vars' | 'funcs' | 'traps' | 'hash'> {
  vars: [string, string, number][];
  funcs: [string, number, number][];
  traps: [string, string][];
  hash: [string, string][];
}

export function saveState(s: ShellState): ShellStateJSON {
  return structuredClone({
    ...s,
    vars: [...s.vars].map(([k, v]) => [k, v.v, v.f] as [string, string, number]),
    funcs: [...s.funcs].map(([k, [a, b]]) => [k, a, b] as [string, number, number]),
    traps: [...s.traps],
    hash: [...s.hash],
  });
}

export function loadState(j: ShellStateJSON): ShellState {
  const c = structuredClone(j);
  return {
    ...c,
    vars: new Map(c.vars.map(([k, v, f]) => [k, { v, f }])),
    funcs: new Map(c.funcs.map(([k, a, b]) => [k, [a, b]])),
    traps: new Map(c.traps),
    hash: new Map(c.hash),
  };
}

/** The state of a forked subshell that runs `unit` of source `src`. */
export function forkState(s: ShellState, src: number, unit: number, args: string[]): ShellState {
  // Traps are reset in a subshell, except ignored signals (XCU 2.12 "Shell Execution Environment").
  const traps = new Map<string, string>();
  for (const [k, v] of s.traps) if (v === '' && k !== 'EXIT') traps.set(k, '');
  return {
    ...s,
    srcs: [...s.srcs],
    frames: [{ s: src, u: unit, pc: 0, k: 'main', sc: [] }],
    args,
    vars: new Map(s.vars),
    funcs: new Map(s.funcs),
    opts: { ...s.opts, i: false },
    traps,
    pend: [],
    jobs: [],
    hash: new Map(s.hash),
    wait: null,
    exp: null,
    input: null,
    exiting: null,
    sub: true,
    substSt: -1,
  };
}

/** The exported variables, as a process environment. */
export function environment(s: ShellState): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of s.vars) if (v.f & EXPORTED) env[k] = v.v;
  return env;
}
