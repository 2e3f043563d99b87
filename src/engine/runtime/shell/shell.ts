// The shell as a Program: sh -c, scripts, stdin/interactive input. It executes compiled units
// (compile.ts) with an explicit frame stack kept in the process state, so it can stop at any
// blocking point (a foreground child, a command substitution, read, wait, a full pipe) and go on
// from the event that unblocks it, in this process or in a restored copy of it.
//
// One Interp object is made per kernel event; it holds nothing that is not re-derivable.
import { readPasswd } from '../commands/system';
import { resolvePath } from '../fs/path';
import type { ExecError, Proc, Program } from '../process/program';
import { parseSignal, type ProcEvent, type SignalName } from '../process/types';
import { ArithError, arithMessage, evalArith } from './arith';
import { BLOCK, type BuiltinResult } from './builtins';
import { getScript, type Instr, type Script } from './compile';
import { errorPrefix, execFailure, notFound, redirFailStatus, syntaxError, type DialectName, type SyntaxErrorInfo } from './dialect';
import { expandPattern, expandString, expandWords, type CmdPart, type ExpandHost } from './expand';
import { globPaths, matchPattern } from './pattern';
import {
  EXPORTED, READONLY, environment, loadState, saveState,
  type After, type Frame, type ShellState, type ShellStateJSON, type ShellVar,
} from './state';
import { evalCond } from './cond';
import { readInput, retryRead } from './input';
import { cantOpenScript, parseArgs } from './invocation';
import { background, childExited, pipeline, signalled, subshell } from './jobs';
import { baseFds, expandRedirTargets, redirectSelf, restoreFds } from './redirect';
import { simple } from './simple-command';
import { startSubst, substDone } from './subst';

/** Instructions a shell runs before it yields the CPU (a busy loop then costs virtual time). */
export const SLICE_INSTRUCTIONS = 4096;
/** Virtual time a full slice costs: 4096 instructions per 10 ms, roughly a busy shell on one core. */
export const SLICE_MS = 10;

/** Thrown out of an expansion when a command substitution must wait; the instruction re-runs later. */
const BLOCKED = { blocked: true } as const;

/** An expansion error: printed with the shell's prefix, fatal when not interactive. */
export class ExpandFailure extends Error {
  constructor(msg: string, readonly status: number) {
    super(msg);
  }
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** A shell program in one dialect: `dash`, `ash` (busybox sh) or `bash`. */
export class ShellProgram implements Program<ShellState> {
  readonly kind = 'program';

  constructor(readonly dialect: DialectName) {}

  start(p: Proc<ShellState>): void {
    new Interp(this.dialect, p).start();
  }

  event(p: Proc<ShellState>, ev: ProcEvent): void {
    // One interpreter per shell state, kept on it out of sight of snapshots (non-enumerable).
    const s = p.state as ShellState & { [INTERP]?: Interp };
    let it = s[INTERP];
    if (!it || it.p !== p) {
      it = new Interp(this.dialect, p);
      Object.defineProperty(s, INTERP, { value: it, writable: true, enumerable: false, configurable: true });
    } else it.reset();
    it.onEvent(ev);
  }

  save(state: ShellState): unknown {
    return saveState(state);
  }

  load(json: unknown): ShellState {
    return loadState(json as ShellStateJSON);
  }
}

const envCache = new WeakMap<ShellState, Record<string, string>>();
const INTERP = Symbol('interp');

/** The interpreter for one event of one shell process. Builtins get it as their context. */
export class Interp implements ExpandHost {
  readonly s: ShellState;
  /** the builtin being run (error prefixes name it) */
  cmdName: string | undefined;
  /** stdout of a builtin run for a command substitution in-process */
  capture: string | null = null;
  /** the read builtin runs again after its fd became readable (no second prompt) */
  retrying = false;
  /** `exec` without a command: the redirections stay */
  keepRedirs = false;
  private replayPos = 0;
  private scripts: (Script | undefined)[] = [];
  private full = -1;

  constructor(readonly dialect: DialectName, readonly p: Proc<ShellState>) {
    this.s = p.state;
  }

  /** Forget what the previous event left behind. */
  reset(): void {
    this.cmdName = undefined;
    this.capture = null;
    this.retrying = false;
    this.keepRedirs = false;
    this.replayPos = 0;
    this.full = -1;
  }

  // ================= start-up =================

  start(): void {
    const p = this.p;
    const inv = parseArgs(this, p.argv);
    if (!inv) return;
    const vars = new Map<string, ShellVar>();
    for (const [k, v] of Object.entries(p.env)) vars.set(k, { v, f: EXPORTED });
    const def = (k: string, v: string, f = 0): void => {
      if (!vars.has(k)) vars.set(k, { v, f });
    };
    def('IFS', ' \t\n');
    def('PATH', DEFAULT_PATH);
    // busybox ash with FEATURE_EDITING_FANCY_PROMPT (alpine, busybox images) prompts with the
    // working directory: `/ # `, `/data # `; dash and bash without a bashrc print `# ` / `$ `
    // (dash var.c / bash variables.c: `# ` for euid 0, else `$ `)
    def('PS1', this.dialect === 'ash' ? '\\w \\$ ' : p.cred.uid === 0 ? '# ' : '$ ');
    def('PS2', '> ');
    def('PS4', '+ ');
    def('OPTIND', '1');
    vars.set('PPID', { v: String(p.ppid), f: 0 });
    if (this.dialect !== 'dash') {
      // bash variables.c adjust_shell_level, busybox ash init (BASH_SHLVL_VAR): SHLVL one up, exported;
      // dash leaves it alone
      const level = Number.parseInt(vars.get('SHLVL')?.v ?? '', 10);
      vars.set('SHLVL', { v: String((Number.isNaN(level) || level < 0 ? 0 : level) + 1), f: EXPORTED });
    }
    // bash variables.c set_shell_var: SHELL, when unset, is the user's login shell (not exported)
    if (this.dialect === 'bash') def('SHELL', readPasswd(p.fs).find((e) => e.uid === p.cred.uid)?.shell || '/bin/sh');
    const pwd = vars.get('PWD');
    if (!pwd || resolvePath('/', pwd.v) !== p.cwd) vars.set('PWD', { v: p.cwd, f: pwd?.f ?? EXPORTED });
    // dash options.c / bash shell.c: with no -c and no script, a shell reading a terminal is interactive
    if (inv.mode === 'stdin' && inv.opts.i === undefined && p.isatty(0)) inv.opts.i = true;
    const s: ShellState = {
      d: this.dialect, arg0: inv.arg0, mode: inv.mode, iname: inv.mode === 'c' ? '-c' : inv.file ?? inv.arg0,
      srcs: [], frames: [], vars, funcs: new Map(), st: 0, args: inv.args,
      opts: { e: false, u: false, x: false, f: false, C: false, pipefail: false, i: false, ...inv.opts },
      traps: new Map(), pend: [], jobs: [], bang: 0, shpid: p.pid, hash: new Map(), wait: null, exp: null,
      input: null, exiting: null, sub: false, t0: p.now(), line: 1, substSt: -1,
    };
    s.ishell = s.opts.i;
    p.state = s;
    (this as { s: ShellState }).s = s;
    if (s.opts.i) {
      // An interactive shell ignores SIGTERM and SIGQUIT and catches SIGINT (bash(1) INVOCATION).
      p.setSignal('TERM', 'ignore');
      p.setSignal('QUIT', 'ignore');
      p.setSignal('INT', 'catch');
    }
    if (inv.mode === 'c') {
      s.frames.push({ s: this.intern(inv.text!), u: 0, pc: 0, k: 'main', sc: [] });
    } else if (inv.mode === 'file') {
      let text: string;
      try {
        text = p.fs.readFile(resolvePath(p.cwd, inv.file!));
      } catch {
        cantOpenScript(this, inv.file!);
        return;
      }
      s.frames.push({ s: this.intern(text), u: 0, pc: 0, k: 'main', sc: [] });
    } else {
      s.input = { buf: '', eof: false, line: 1, prompted: false };
      // bash(1) INVOCATION: an interactive non-login bash first reads the system bashrc
      // (/etc/bash.bashrc on Debian and Ubuntu, config-top.h SYS_BASHRC), where their prompt is set
      if (this.dialect === 'bash' && s.opts.i) this.readStartupFile('/etc/bash.bashrc');
    }
    this.run();
  }

  /** Source a startup file if it is there (bash skips a missing one silently). */
  private readStartupFile(path: string): void {
    let text: string;
    try {
      text = this.p.fs.readFile(path);
    } catch {
      return;
    }
    this.pushSource(text, 'dot');
  }

  // ================= events =================

  onEvent(ev: ProcEvent): void {
    const s = this.s;
    const w = s.wait;
    switch (ev.type) {
      case 'forked':
        // Caught signals go back to default in a subshell; ignored ones stay ignored.
        for (const sig of ['HUP', 'INT', 'QUIT', 'TERM', 'USR1', 'USR2', 'ALRM', 'PIPE', 'CHLD'] as SignalName[]) {
          if (this.p.signalDisposition(sig) === 'catch') this.p.setSignal(sig, 'default');
        }
        // An interactive shell ignores TERM and QUIT for itself only (bash sig.c
        // initialize_terminating_signals / restore_original_signals): its jobs can be killed.
        for (const sig of ['TERM', 'QUIT'] as SignalName[]) {
          if (this.p.signalDisposition(sig) === 'ignore' && !this.s.traps.has(sig)) this.p.setSignal(sig, 'default');
        }
        break;
      case 'child':
        childExited(this, ev.pid, ev.status);
        break;
      case 'readable':
        if (w?.k === 'subst' && w.fd === ev.fd) {
          s.wait = null;
          if (!substDone(this, w)) return;
        } else if (w?.k === 'read') {
          s.wait = null;
          retryRead(this, w);
        } else if (w?.k === 'input') s.wait = null;
        break;
      case 'writable':
        if (w?.k === 'writable' && w.fd === ev.fd) s.wait = null;
        break;
      case 'timer':
        if (ev.data === 'slice' && w?.k === 'slice') s.wait = null;
        else if (ev.data === 'read-timeout' && w?.k === 'read' && w.timer === ev.id) {
          s.wait = null;
          this.finishAfter(w.after, 142); // bash read -t: status greater than 128
        }
        break;
      case 'signal':
        signalled(this, ev.signal);
        break;
      default:
        return;
    }
    this.run();
  }

  // ================= the run loop =================

  run(): void {
    const s = this.s;
    const p = this.p;
    let budget = SLICE_INSTRUCTIONS;
    for (;;) {
      // stop when blocked, dead, or no longer a shell (exec replaced the program)
      if (!p.alive || s.wait || p.state !== s) return;
      if (s.pend.length && s.frames[s.frames.length - 1]?.k !== 'trap') {
        this.startTrap(s.pend.shift()!);
        continue;
      }
      const f = s.frames[s.frames.length - 1];
      if (!f) {
        if (s.input && s.exiting === null) {
          if (!readInput(this)) return;
          continue;
        }
        this.finish(s.st);
        return;
      }
      if (--budget < 0) {
        // A busy loop yields: it costs virtual time instead of freezing the engine.
        s.wait = { k: 'slice' };
        p.yieldCpu(SLICE_MS, 'slice');
        return;
      }
      this.step(f, this.code(f)[f.pc]!);
      if (this.full >= 0 && !s.wait && p.alive) {
        s.wait = { k: 'writable', fd: this.full };
        p.waitWritable(this.full);
        this.full = -1;
      }
    }
  }

  private code(f: Frame): Instr[] {
    let sc = this.scripts[f.s];
    if (!sc) {
      sc = getScript(this.s.srcs[f.s]!, this.s.d);
      this.scripts[f.s] = sc;
    }
    return sc.units[f.u]!.code;
  }

  private step(f: Frame, ins: Instr): void {
    const s = this.s;
    switch (ins.op) {
      case 'simple':
        simple(this, f, ins);
        return;
      case 'jmp':
        f.pc = ins.to;
        return;
      case 'jt':
        f.pc = s.st === 0 ? ins.to : f.pc + 1;
        return;
      case 'jf':
        f.pc = s.st !== 0 ? ins.to : f.pc + 1;
        return;
      case 'not':
        s.st = s.st === 0 ? 1 : 0;
        f.pc++;
        return;
      case 'status':
        s.st = ins.v;
        f.pc++;
        return;
      case 'pipe':
        pipeline(this, f, ins);
        return;
      case 'sub':
        subshell(this, f, ins);
        return;
      case 'bg':
        background(this, f, ins);
        return;
      case 'redir':
        this.compoundRedir(f, ins);
        return;
      case 'unredir': {
        const sc = f.sc.pop();
        if (sc?.k === 'redir') restoreFds(this, sc.saved);
        f.pc++;
        return;
      }
      case 'loop':
        f.sc.push({ k: 'loop', brk: ins.brk, cont: ins.cont, st: 0 });
        f.pc++;
        return;
      case 'loopst': {
        const sc = f.sc[f.sc.length - 1];
        if (sc?.k === 'loop') sc.st = s.st;
        f.pc++;
        return;
      }
      case 'endloop': {
        const sc = f.sc.pop();
        s.st = sc?.k === 'loop' ? sc.st : 0;
        f.pc++;
        return;
      }
      case 'forinit': {
        let list: string[];
        if (ins.node.words) {
          this.beginExpand(ins.node.line);
          try {
            list = expandWords(ins.node.words, this);
          } catch (e) {
            this.expansionFailed(e, f);
            return;
          }
          s.exp = null;
        } else list = [...this.positional()];
        f.sc.push({ k: 'loop', brk: ins.brk, cont: ins.cont, st: 0, list, i: 0 });
        f.pc++;
        return;
      }
      case 'fornext': {
        const sc = f.sc[f.sc.length - 1];
        if (sc?.k === 'loop' && sc.list && sc.i! < sc.list.length) {
          if (!this.setVar(ins.name, sc.list[sc.i!++]!)) return;
          f.pc++;
        } else f.pc = ins.to;
        return;
      }
      case 'case':
        this.caseStep(f, ins);
        return;
      case 'func':
        s.funcs.set(ins.name, [f.s, ins.unit]);
        s.st = 0;
        f.pc++;
        return;
      case 'arith': {
        this.beginExpand(ins.node.line);
        let v: number;
        try {
          v = this.arith(expandString(ins.node.expr, this));
        } catch (e) {
          this.expansionFailed(e, f);
          return;
        }
        s.exp = null;
        f.pc++;
        this.done(v !== 0 ? 0 : 1, ins.ee);
        return;
      }
      case 'cond': {
        this.beginExpand(ins.node.line);
        let st: number;
        try {
          st = evalCond(ins.node.words, this);
        } catch (e) {
          this.expansionFailed(e, f);
          return;
        }
        s.exp = null;
        f.pc++;
        this.done(st, ins.ee);
        return;
      }
      case 'syntax':
        this.syntaxStep(f, ins.error);
        return;
      case 'end':
        this.endFrame(f);
        return;
    }
  }

  // ================= simple commands =================

  /** Builtins each dialect has beyond the POSIX set. */
  hasBuiltin(name: string): boolean {
    if (name === 'local') return true; // dash and busybox ash have it too
    if (name === 'source' || name === 'let' || name === 'declare' || name === 'typeset') return this.dialect !== 'dash';
    return true;
  }

  /** Put back what a builtin's redirections and assignments changed, then set its status. */
  finishAfter(after: After, status: number): void {
    if (after.redir) {
      if (this.keepRedirs) {
        for (const [, copy] of after.redir) if (copy >= 0) this.p.close(copy);
      } else restoreFds(this, after.redir);
    }
    this.keepRedirs = false;
    if (after.vars) this.restoreVars(after.vars);
    this.done(status, after.ee);
  }

  /** `command name args`: run an external command with the shell's current fds. */
  runExternal(argv: string[]): BuiltinResult {
    const name = argv[0]!;
    const path = this.findCommand(name);
    if (path === undefined) {
      const cmd = this.cmdName;
      this.cmdName = undefined;
      this.errorLine(notFound(this.dialect, name));
      this.cmdName = cmd;
      return 127;
    }
    const pid = this.p.spawn({ path, argv, env: this.environment(), fds: baseFds(this) });
    if (typeof pid !== 'number') return this.execFailed(name, pid);
    const st = this.p.reap(pid);
    if (st) return st.code;
    this.s.wait = { k: 'fg', pid, ee: false, after: { ee: false } };
    return BLOCK;
  }

  /** Print why exec failed; the status a shell gives it (126, or 127 when not found). */
  execFailed(name: string, err: ExecError): number {
    let isDir = false;
    try {
      isDir = this.p.fs.stat(resolvePath(this.p.cwd, err.path)).type === 'dir';
    } catch {
      /* gone */
    }
    this.errorLine(execFailure(this.dialect, name.includes('/') ? name : err.path, err.errno, isDir));
    return err.errno === 'ENOENT' || err.errno === 'ENOTDIR' ? 127 : 126;
  }

  /** $PATH search with the shell's hash table; undefined when not found. */
  findCommand(name: string): string | undefined {
    const s = this.s;
    // the hash first: only names without a slash are in it, and a hit is the common case
    const hashed = s.hash.get(name);
    if (hashed !== undefined) return hashed;
    if (name.includes('/')) return name;
    const fs = this.p.fs;
    const path = this.param('PATH') ?? DEFAULT_PATH;
    for (const dir of path.split(':')) {
      const cand = resolvePath(this.p.cwd, `${dir || '.'}/${name}`);
      let ok: boolean;
      try {
        const st = fs.stat(cand);
        ok = st.type === 'file' && (st.mode & 0o111) !== 0;
      } catch {
        ok = false;
      }
      if (ok) {
        s.hash.set(name, cand);
        return cand;
      }
    }
    return undefined;
  }

  // ================= pipelines, subshells, background jobs =================

  /** The status `wait` returns once every named job (all when null) has ended, else undefined. */
  waitStatus(pids: number[] | null): number | undefined {
    const s = this.s;
    const targets = pids ?? s.jobs.map((j) => j.pid);
    let st = 0;
    for (const pid of targets) {
      const job = s.jobs.find((j) => j.pid === pid);
      if (!job) {
        st = 127;
        continue;
      }
      if (job.st === null) return undefined;
      st = job.st;
    }
    if (!pids) {
      s.jobs = [];
      return 0;
    }
    return st;
  }

  // ================= command substitution =================

  /** ExpandHost: the output of $(...) with trailing newlines removed. */
  commandSubst(part: CmdPart): string {
    const s = this.s;
    const log = s.exp?.log;
    if (log && this.replayPos < log.length) {
      const [out, st] = log[this.replayPos++]!;
      s.substSt = st;
      return out;
    }
    const res = startSubst(this, part);
    if (!res) throw BLOCKED;
    (s.exp ??= { log: [] }).log.push(res);
    this.replayPos++;
    s.substSt = res[1];
    return res[0];
  }

  // ================= expansion host =================

  beginExpand(line: number): void {
    const s = this.s;
    s.line = line + (s.frames[s.frames.length - 1]?.lo ?? 0);
    this.replayPos = 0;
    this.s.substSt = -1;
  }

  expansionFailed(e: unknown, f: Frame): void {
    if (e === BLOCKED) return;
    const s = this.s;
    s.exp = null;
    let msg: string;
    let status: number;
    if (e instanceof ExpandFailure) {
      msg = e.message;
      status = e.status;
    } else if (e instanceof ArithError) {
      msg = arithMessage(this.dialect, e);
      status = this.dialect === 'bash' ? 1 : 2;
    } else throw e;
    this.errorLine(msg);
    // An expansion error ends a non-interactive shell (XCU 2.8.1).
    if (!s.opts.i) {
      this.finish(status);
      return;
    }
    f.pc++;
    s.st = status;
  }

  get nounset(): boolean {
    return this.s.opts.u;
  }

  get noglob(): boolean {
    return this.s.opts.f;
  }

  param(name: string): string | undefined {
    const s = this.s;
    const c = name.charCodeAt(0);
    if (c >= 48 && c <= 57) {
      if (name === '0') return s.arg0;
      const args = this.positional();
      return args[Number(name) - 1];
    }
    switch (name) {
      case '?': return String(s.st);
      case '$': return String(s.shpid);
      case '!': return s.bang ? String(s.bang) : undefined;
      case '#': return String(this.positional().length);
      case '-': return this.flags();
      case 'LINENO': return String(s.line);
      case 'RANDOM':
        if (this.dialect === 'dash') break;
        return this.recorded(() => String(this.p.random.int(32768)));
      case 'SECONDS':
        if (this.dialect !== 'bash') break;
        return this.recorded(() => String(Math.floor((this.p.now() - s.t0) / 1000)));
      case 'BASHPID':
        if (this.dialect === 'bash') return String(this.p.pid);
        break;
    }
    return s.vars.get(name)?.v;
  }

  /** A value that must not change when an expansion is replayed. */
  private recorded(fn: () => string): string {
    const s = this.s;
    const log = s.exp?.log;
    if (log && this.replayPos < log.length) return log[this.replayPos++]![0];
    const v = fn();
    (s.exp ??= { log: [] }).log.push([v, -1]);
    this.replayPos++;
    return v;
  }

  private flags(): string {
    const o = this.s.opts;
    let f = '';
    if (o.e) f += 'e';
    if (o.f) f += 'f';
    if (o.i) f += 'i';
    if (o.u) f += 'u';
    if (o.x) f += 'x';
    if (o.C) f += 'C';
    if (this.s.mode === 'c' && this.dialect === 'bash') f = 'h' + f + 'Bc';
    return f;
  }

  positional(): readonly string[] {
    const fr = this.s.frames;
    for (let i = fr.length - 1; i >= 0; i--) if (fr[i]!.args) return fr[i]!.args!;
    return this.s.args;
  }

  /** Replace the positional parameters (set --, shift). */
  setPositional(args: string[]): void {
    const fr = this.s.frames;
    for (let i = fr.length - 1; i >= 0; i--) {
      if (fr[i]!.args) {
        fr[i]!.args = args;
        return;
      }
    }
    this.s.args = args;
  }

  assign(name: string, value: string): void {
    if (!this.setVar(name, value)) throw new ExpandFailure(this.readonlyMessage(name), this.dialect === 'bash' ? 1 : 2);
  }

  arith(expr: string): number {
    // Replays must not repeat side effects: record results of expressions that assign.
    if (/\+\+|--|(^|[^=!<>])=(?!=)/.test(expr)) {
      const v = this.recorded(() => String(evalArith(expr, this.arithVars)));
      return Number(v);
    }
    return evalArith(expr, this.arithVars);
  }

  private arithVarsCache: { get(n: string): string | undefined; set(n: string, v: string): void } | undefined;

  private get arithVars(): { get(n: string): string | undefined; set(n: string, v: string): void } {
    return (this.arithVarsCache ??= {
      get: (n) => this.param(n),
      set: (n, v) => {
        if (!this.setVar(n, v)) throw new ExpandFailure(this.readonlyMessage(n), 1);
      },
    });
  }

  home(user: string): string | undefined {
    if (user === '' ) return this.param('HOME') ?? '/root';
    if (user === 'root') return '/root';
    try {
      const passwd = this.p.fs.readFile('/etc/passwd');
      for (const line of passwd.split('\n')) {
        const f = line.split(':');
        if (f[0] === user && f[5]) return f[5];
      }
    } catch {
      /* no passwd */
    }
    return undefined;
  }

  glob(pattern: string): string[] {
    return globPaths(pattern, this.p.cwd, this.p.fs);
  }

  fail(message: string, status = 2): never {
    throw new ExpandFailure(message, status);
  }

  // ================= variables =================

  /** Set a variable; false (after printing the error) when it is read-only. */
  setVar(name: string, value: string, flags = 0): boolean {
    const s = this.s;
    const old = s.vars.get(name);
    if (old && old.f & READONLY) {
      this.errorLine(this.readonlyMessage(name));
      return false;
    }
    const f = (old?.f ?? 0) | flags;
    s.vars.set(name, { v: value, f });
    if (f & EXPORTED) envCache.delete(s);
    if (name === 'PATH') s.hash.clear();
    return true;
  }

  unsetVar(name: string): boolean {
    const s = this.s;
    const old = s.vars.get(name);
    if (!old) return true;
    if (old.f & READONLY) {
      this.errorLine(this.dialect === 'bash' ? `${name}: cannot unset: readonly variable` : `${name}: is read only`);
      return false;
    }
    s.vars.delete(name);
    if (old.f & EXPORTED) envCache.delete(s);
    if (name === 'PATH') s.hash.clear();
    return true;
  }

  setFlags(name: string, flags: number): void {
    const s = this.s;
    const old = s.vars.get(name);
    s.vars.set(name, { v: old?.v ?? '', f: (old?.f ?? 0) | flags });
    envCache.delete(s);
  }

  readonlyMessage(name: string): string {
    // bash variables.c: "%s: readonly variable"; dash var.c setvareq: "%s: is read only"
    return this.dialect === 'bash' ? `${name}: readonly variable` : `${name}: is read only`;
  }

  failAssignment(ee: boolean): void {
    // dash and ash exit on an assignment error; bash fails the command
    if (this.dialect !== 'bash' && !this.s.opts.i) return this.finish(2);
    this.done(1, ee);
  }

  /** Assignments that last for one command; returns what to put back. */
  tempAssign(assigns: [string, string][]): [string, ShellVar | null][] {
    const s = this.s;
    const saved: [string, ShellVar | null][] = [];
    for (const [k, v] of assigns) {
      saved.push([k, s.vars.get(k) ?? null]);
      this.setVar(k, v, EXPORTED);
    }
    return saved;
  }

  restoreVars(saved: [string, ShellVar | null][]): void {
    const s = this.s;
    for (let i = saved.length - 1; i >= 0; i--) {
      const [k, v] = saved[i]!;
      if (v) s.vars.set(k, v);
      else s.vars.delete(k);
      if (k === 'PATH') s.hash.clear();
    }
    envCache.delete(s);
  }

  environment(): Record<string, string> {
    let env = envCache.get(this.s);
    if (!env) {
      env = environment(this.s);
      envCache.set(this.s, env);
    }
    return env;
  }

  // ================= redirections =================

  private compoundRedir(f: Frame, ins: Extract<Instr, { op: 'redir' }>): void {
    this.beginExpand(this.s.line);
    let targets: string[];
    try {
      targets = expandRedirTargets(this, ins.redirs);
    } catch (e) {
      this.expansionFailed(e, f);
      return;
    }
    this.s.exp = null;
    const saved = redirectSelf(this, ins.redirs, targets, false);
    if (!saved) {
      this.s.st = redirFailStatus(this.dialect);
      f.pc = ins.skip;
      return;
    }
    f.sc.push({ k: 'redir', saved });
    f.pc++;
  }

  // ================= case =================

  private caseStep(f: Frame, ins: Extract<Instr, { op: 'case' }>): void {
    const node = ins.node;
    this.beginExpand(node.line);
    try {
      const subject = expandString(node.word, this);
      for (let i = ins.from; i < node.items.length; i++) {
        for (const pw of node.items[i]!.patterns) {
          if (matchPattern(expandPattern(pw, this), subject)) {
            this.s.exp = null;
            f.pc = ins.bodies[i]!;
            return;
          }
        }
      }
    } catch (e) {
      this.expansionFailed(e, f);
      return;
    }
    this.s.exp = null;
    if (ins.from === 0) this.s.st = 0;
    f.pc = ins.end;
  }

  // ================= control flow =================

  /** A command finished with `status`: $?, then set -e. */
  done(status: number, ee: boolean): void {
    const s = this.s;
    s.st = status;
    if (status !== 0 && ee && s.opts.e && this.errexitActive()) this.finish(status);
  }

  private errexitActive(): boolean {
    for (const f of this.s.frames) if (f.ee === false) return false;
    return true;
  }

  /** `break n` / `continue n`: false when there is no enclosing loop. */
  loopJump(n: number, cont: boolean): boolean {
    const f = this.s.frames[this.s.frames.length - 1]!;
    let found = -1;
    let count = 0;
    for (let i = f.sc.length - 1; i >= 0; i--) {
      if (f.sc[i]!.k === 'loop') {
        found = i;
        if (++count === n) break;
      }
    }
    if (found < 0) return false;
    while (f.sc.length > found + 1) {
      const sc = f.sc.pop()!;
      if (sc.k === 'redir') restoreFds(this, sc.saved);
    }
    const loop = f.sc[found] as Extract<Frame['sc'][number], { k: 'loop' }>;
    if (cont) f.pc = loop.cont;
    else {
      loop.st = 0;
      f.pc = loop.brk;
    }
    return true;
  }

  /** Pop the top frame, undoing its redirections and local variables. */
  popFrame(): Frame {
    const s = this.s;
    const f = s.frames.pop()!;
    for (let i = f.sc.length - 1; i >= 0; i--) {
      const sc = f.sc[i]!;
      if (sc.k === 'redir') restoreFds(this, sc.saved);
    }
    if (f.saved) this.restoreVars(f.saved);
    return f;
  }

  /** `return n`: leave the innermost function or sourced file. */
  returnFrom(status: number): boolean {
    const s = this.s;
    let i = s.frames.length - 1;
    while (i >= 0 && s.frames[i]!.k !== 'func' && s.frames[i]!.k !== 'dot') i--;
    if (i < 0) return false;
    while (s.frames.length > i) {
      const f = this.popFrame();
      if (f.k === 'trap') s.st = f.ts ?? s.st;
    }
    s.st = status;
    return true;
  }

  private endFrame(f: Frame): void {
    const s = this.s;
    if (f.k === 'main' && s.frames.length === 1 && !s.input) {
      this.finish(s.st);
      return;
    }
    this.popFrame();
    if (f.k === 'trap') {
      if (s.exiting !== null && !s.frames.length) {
        this.p.exit(s.exiting);
        return;
      }
      s.st = f.ts ?? s.st;
      return;
    }
    if ((f.k === 'func' || f.k === 'dot' || f.k === 'eval') && f.ee !== undefined) this.done(s.st, f.ee);
    this.gcSources();
  }

  /** Exit the shell with `code`, running the EXIT trap first. */
  finish(code: number): void {
    const s = this.s;
    if (s.exiting !== null) {
      this.p.exit(code);
      return;
    }
    const action = s.traps.get('EXIT');
    if (action) {
      s.traps.delete('EXIT');
      s.exiting = code;
      s.frames = [];
      s.wait = null;
      s.st = code;
      s.frames.push({ s: this.intern(action), u: 0, pc: 0, k: 'trap', sc: [], ts: code });
      return;
    }
    this.p.exit(code);
  }

  private startTrap(sig: SignalName): void {
    const s = this.s;
    const action = s.traps.get(sig);
    if (!action) return;
    s.frames.push({ s: this.intern(action), u: 0, pc: 0, k: 'trap', sc: [], ts: s.st });
  }

  /** Push a frame running `text` (eval, `.`); returns false on a syntax error already reported. */
  pushSource(text: string, kind: 'eval' | 'dot', args?: string[]): void {
    const frame: Frame = { s: this.intern(text), u: 0, pc: 0, k: kind, sc: [] };
    if (args) frame.args = args;
    this.s.frames.push(frame);
  }

  private syntaxStep(f: Frame, e: SyntaxErrorInfo): void {
    const s = this.s;
    const info = { ...e, line: e.line + (f.lo ?? 0) } as SyntaxErrorInfo;
    this.p.write(2, syntaxError(this.dialect, info, s.arg0, s.iname, s.opts.i));
    if (s.opts.i || f.k === 'eval') {
      // eval reports the error and fails; an interactive shell goes on
      this.popFrame();
      s.st = 2;
      if (f.k === 'eval' && !s.opts.i && this.dialect !== 'bash') this.finish(2);
      return;
    }
    this.finish(2);
  }

  // ================= stdin input =================

  // ================= read (the builtin's blocking half) =================

  // ================= output and errors =================

  /** Write to an fd; output of a builtin run inside $(...) goes to the capture. */
  write(fd: number, text: string): boolean {
    if (fd === 1 && this.capture !== null) {
      this.capture += text;
      return true;
    }
    const ok = this.p.write(fd, text);
    if (!ok && this.p.alive && this.p.writeBlocked(fd)) this.full = fd;
    return ok || this.p.writeBlocked(fd);
  }

  /** An error line with the dialect's prefix (naming the running builtin, if any). */
  /** An error in the shell's words, on its stderr (or on `fd`: a child's stderr after its redirections). */
  errorLine(msg: string, fd = 2): void {
    const s = this.s;
    const prefix = errorPrefix(this.dialect, { arg0: s.arg0, line: s.line, interactive: s.opts.i, startedInteractive: s.ishell, script: s.mode === 'file', cmd: this.cmdName });
    this.p.write(fd, `${prefix}${msg}\n`);
  }

  // ================= sources =================

  intern(text: string): number {
    const s = this.s;
    const i = s.srcs.indexOf(text);
    if (i >= 0) return i;
    s.srcs.push(text);
    return s.srcs.length - 1;
  }

  /** Drop sources nothing refers to any more (eval in a loop would otherwise grow the state). */
  private gcSources(): void {
    const s = this.s;
    if (s.srcs.length <= 32) return;
    const used = new Set<number>();
    for (const f of s.frames) used.add(f.s);
    for (const [a] of s.funcs.values()) used.add(a);
    const remap = new Map<number, number>();
    const srcs: string[] = [];
    s.srcs.forEach((t, i) => {
      if (used.has(i)) {
        remap.set(i, srcs.length);
        srcs.push(t);
      }
    });
    s.srcs = srcs;
    for (const f of s.frames) f.s = remap.get(f.s)!;
    for (const [k, v] of s.funcs) s.funcs.set(k, [remap.get(v[0])!, v[1]]);
    this.scripts = [];
  }

  /** Signals by name for trap and kill (`TERM`, `SIGTERM`, `15`). */
  signalOf(name: string): SignalName | 'EXIT' | undefined {
    if (name === '0' || name.toUpperCase() === 'EXIT') return 'EXIT';
    return parseSignal(name);
  }

  /** Whether a trap is set, to keep the kernel's disposition in step. */
  syncSignal(sig: SignalName): void {
    const action = this.s.traps.get(sig);
    if (action === undefined) this.p.setSignal(sig, this.s.opts.i && (sig === 'TERM' || sig === 'QUIT') ? 'ignore' : this.s.opts.i && sig === 'INT' ? 'catch' : 'default');
    else this.p.setSignal(sig, action === '' ? 'ignore' : 'catch');
  }
}
