// The shell as a Program: sh -c, scripts, stdin/interactive input. It executes compiled units
// (compile.ts) with an explicit frame stack kept in the process state, so it can stop at any
// blocking point (a foreground child, a command substitution, read, wait, a full pipe) and go on
// from the event that unblocks it, in this process or in a restored copy of it.
//
// One Interp object is made per kernel event; it holds nothing that is not re-derivable.
import { basename, resolvePath } from '../fs/path';
import { isExecError, type ExecError, type Proc, type Program } from '../process/program';
import { parseSignal, signalNumber, type ExitStatus, type ProcEvent, type SignalName } from '../process/types';
import { ArithError, arithMessage, evalArith } from './arith';
import type { Redir } from './ast';
import { BLOCK, BUILTINS, PUSHED, SPECIAL_BUILTINS, type BuiltinResult } from './builtins';
import { getScript, type Instr, type Script } from './compile';
import { errorPrefix, execFailure, notFound, redirFailure, syntaxError, syntaxErrorAtEof, type DialectName, type SyntaxErrorInfo } from './dialect';
import { expandPattern, expandString, expandWords, type CmdPart, type ExpandHost } from './expand';
import { parse } from './parser';
import { globPaths, matchPattern } from './pattern';
import { shellQuote } from './printf';
import {
  EXPORTED, READONLY, environment, forkState, loadState, saveState,
  type After, type Frame, type ShellState, type ShellStateJSON, type ShellVar, type Wait,
} from './state';
import { evalCond } from './cond';

/** Instructions a shell runs before it yields the CPU (a busy loop then costs virtual time). */
export const SLICE_INSTRUCTIONS = 4096;
/** Virtual time a full slice costs: 4096 instructions per 10 ms, roughly a busy shell on one core. */
export const SLICE_MS = 10;
/** Frames past this crash the shell as a runaway recursion crashes dash (SIGSEGV, exit 139). */
const MAX_FRAMES = 10000;

/** Thrown out of an expansion when a command substitution must wait; the instruction re-runs later. */
const BLOCKED = { blocked: true } as const;

/** An expansion error: printed with the shell's prefix, fatal when not interactive. */
export class ExpandFailure extends Error {
  constructor(msg: string, readonly status: number) {
    super(msg);
  }
}

/** Options a shell is started with, parsed from argv. */
interface Invocation {
  mode: 'c' | 'file' | 'stdin';
  text?: string;
  file?: string;
  arg0: string;
  args: string[];
  opts: Partial<ShellState['opts']>;
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
    const inv = this.parseArgs(p.argv);
    if (!inv) return;
    const vars = new Map<string, ShellVar>();
    for (const [k, v] of Object.entries(p.env)) vars.set(k, { v, f: EXPORTED });
    const def = (k: string, v: string, f = 0): void => {
      if (!vars.has(k)) vars.set(k, { v, f });
    };
    def('IFS', ' \t\n');
    def('PATH', DEFAULT_PATH);
    def('PS1', p.env.USER === 'root' || !p.env.USER ? '# ' : '$ ');
    def('PS2', '> ');
    def('PS4', '+ ');
    def('OPTIND', '1');
    vars.set('PPID', { v: String(p.ppid), f: 0 });
    const pwd = vars.get('PWD');
    if (!pwd || resolvePath('/', pwd.v) !== p.cwd) vars.set('PWD', { v: p.cwd, f: pwd?.f ?? EXPORTED });
    const s: ShellState = {
      d: this.dialect, arg0: inv.arg0, mode: inv.mode, iname: inv.mode === 'c' ? '-c' : inv.file ?? inv.arg0,
      srcs: [], frames: [], vars, funcs: new Map(), st: 0, args: inv.args,
      opts: { e: false, u: false, x: false, f: false, C: false, pipefail: false, i: false, ...inv.opts },
      traps: new Map(), pend: [], jobs: [], bang: 0, shpid: p.pid, hash: new Map(), wait: null, exp: null,
      input: null, exiting: null, sub: false, t0: p.now(), line: 1, substSt: -1,
    };
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
        this.cantOpenScript(inv.file!);
        return;
      }
      s.frames.push({ s: this.intern(text), u: 0, pc: 0, k: 'main', sc: [] });
    } else {
      s.input = { buf: '', eof: false, line: 1, prompted: false };
    }
    this.run();
  }

  private parseArgs(argv: readonly string[]): Invocation | undefined {
    const inv: Invocation = { mode: 'stdin', arg0: argv[0] ?? 'sh', args: [], opts: {} };
    let i = 1;
    let wantC = false;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--' || a === '-') {
        i++;
        break;
      }
      if (a === '--login' || a === '--norc' || a === '--noprofile' || a === '--posix') continue;
      if (!/^[-+][a-zA-Z]+$/.test(a)) break;
      const on = a[0] === '-';
      for (const c of a.slice(1)) {
        switch (c) {
          case 'c': wantC = true; break;
          case 'e': case 'u': case 'x': case 'f': case 'C': case 'i':
            inv.opts[c] = on;
            break;
          case 's': case 'l': case 'v': case 'h': case 'm': case 'b': case 'n': case 'a': break;
          case 'o': {
            const name = argv[++i];
            if (name === 'pipefail') inv.opts.pipefail = on;
            else if (name === 'errexit') inv.opts.e = on;
            else if (name === 'nounset') inv.opts.u = on;
            else if (name === 'xtrace') inv.opts.x = on;
            break;
          }
          default:
            return this.startError(this.dialect === 'bash' ? `${a}: invalid option` : `Illegal option -${c}`, 2);
        }
      }
    }
    const rest = argv.slice(i);
    if (wantC) {
      if (!rest.length) {
        // dash options.c: "-c requires an argument"; bash shell.c: "%s: option requires an argument"
        return this.startError(this.dialect === 'bash' ? '-c: option requires an argument' : this.dialect === 'ash' ? "-c requires an argument" : '-c requires an argument', 2);
      }
      inv.mode = 'c';
      inv.text = rest[0];
      if (rest.length > 1) {
        inv.arg0 = rest[1]!;
        inv.args = rest.slice(2);
      }
    } else if (rest.length) {
      inv.mode = 'file';
      inv.file = rest[0];
      inv.arg0 = rest[0]!;
      inv.args = rest.slice(1);
    }
    return inv;
  }

  private startError(msg: string, code: number): undefined {
    const name = this.p.argv[0] ?? 'sh';
    // dash reports option errors with line 0
    this.p.write(2, this.dialect === 'dash' ? `${name}: 0: ${msg}\n` : `${name}: ${msg}\n`);
    this.p.exit(code);
    return undefined;
  }

  private cantOpenScript(file: string): void {
    const name = this.p.argv[0] ?? 'sh';
    // dash input.c setinputfile: "cannot open %s: %s" (line 0); busybox: "can't open '%s'" + strerror;
    // bash shell.c open_shell_script: file_error "%s: %s"
    const msg = this.dialect === 'dash' ? `${name}: 0: cannot open ${file}: No such file` : this.dialect === 'ash' ? `${name}: can't open '${file}': No such file or directory` : `${name}: ${file}: No such file or directory`;
    this.p.write(2, `${msg}\n`);
    this.p.exit(this.dialect === 'dash' ? 2 : 127);
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
        break;
      case 'child':
        this.childExited(ev.pid, ev.status);
        break;
      case 'readable':
        if (w?.k === 'subst' && w.fd === ev.fd) {
          s.wait = null;
          if (!this.substDone(w)) return;
        } else if (w?.k === 'read') {
          s.wait = null;
          this.retryRead(w);
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
        this.signalled(ev.signal);
        break;
      default:
        return;
    }
    this.run();
  }

  private childExited(pid: number, status: ExitStatus): void {
    const s = this.s;
    const job = s.jobs.find((j) => j.pid === pid);
    if (job) job.st = status.code;
    const w = s.wait;
    if (!w) return;
    if (w.k === 'fg' && w.pid === pid) {
      s.wait = null;
      if (w.after) this.finishAfter(w.after, status.code);
      else this.done(status.code, w.ee);
    } else if (w.k === 'pipe') {
      const i = w.pids.indexOf(pid);
      if (i < 0) return;
      w.sts[i] = status.code;
      if (w.sts.some((x) => x === null)) return;
      s.wait = null;
      let st = w.sts[w.sts.length - 1]!;
      if (s.opts.pipefail) st = [...w.sts].reverse().find((x) => x !== 0) ?? 0;
      if (w.bang) st = st === 0 ? 1 : 0;
      this.done(st, w.ee);
    } else if (w.k === 'subst' && w.pid === pid) {
      w.st = status.code;
      if (w.fd < 0) this.substDone(w);
    } else if (w.k === 'wait') {
      const st = this.waitStatus(w.pids);
      if (st !== undefined) {
        s.wait = null;
        this.finishAfter(w.after, st);
      }
    }
  }

  private signalled(sig: SignalName): void {
    const s = this.s;
    // like the kernel's pending-signal bits: one of each kind waits at a time
    if ((s.traps.has(sig) || (s.opts.i && sig === 'INT')) && !s.pend.includes(sig)) s.pend.push(sig);
    const w = s.wait;
    const code = 128 + signalNumber(sig);
    // wait, read and reading input are interrupted by a trapped signal; a foreground child is not
    // (the trap runs once it has finished, as in every POSIX shell)
    if (w?.k === 'wait') {
      s.wait = null;
      this.finishAfter(w.after, code);
    } else if (w?.k === 'read') {
      s.wait = null;
      if (w.timer !== undefined) this.p.clearTimer(w.timer);
      this.finishAfter(w.after, code);
    } else if (w?.k === 'input' && s.opts.i && sig === 'INT') {
      s.wait = null;
      s.input!.buf = '';
      s.input!.prompted = false;
      this.p.write(2, '\n');
      s.st = code;
    } else if (w?.k === 'slice') {
      s.wait = null;
    }
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
          if (!this.readInput()) return;
          continue;
        }
        this.finish(s.st);
        return;
      }
      if (--budget < 0) {
        // A busy loop yields: it costs virtual time instead of freezing the engine.
        s.wait = { k: 'slice' };
        p.setTimer(SLICE_MS, 'slice');
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
        this.simple(f, ins);
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
        this.pipeline(f, ins);
        return;
      case 'sub':
        this.subshell(f, ins);
        return;
      case 'bg':
        this.background(f, ins);
        return;
      case 'redir':
        this.compoundRedir(f, ins);
        return;
      case 'unredir': {
        const sc = f.sc.pop();
        if (sc?.k === 'redir') this.restoreFds(sc.saved);
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

  private simple(f: Frame, ins: Extract<Instr, { op: 'simple' }>): void {
    const node = ins.node;
    this.beginExpand(node.line);
    let argv: string[];
    const assigns: [string, string][] = node.assigns.length ? [] : NONE;
    let targets: string[] = NONE_S;
    try {
      argv = node.words.length ? expandWords(node.words, this) : NONE_S;
      for (const a of node.assigns) {
        let v = expandString(a.value, this);
        if (a.append) v = (this.param(a.name) ?? '') + v;
        assigns.push([a.name, v]);
      }
      if (node.redirs.length) targets = this.expandRedirTargets(node.redirs);
    } catch (e) {
      this.expansionFailed(e, f);
      return;
    }
    this.s.exp = null;
    f.pc++;
    this.command(argv, assigns, node.redirs, targets, ins.ee, ins.last);
  }

  /** Run an expanded command. */
  private command(argv: string[], assigns: [string, string][], redirs: Redir[], targets: string[], ee: boolean, last: boolean): void {
    const s = this.s;
    if (s.opts.x) this.trace(assigns, argv);
    if (!argv.length) {
      for (const [k, v] of assigns) if (!this.setVar(k, v)) return this.failAssignment(ee);
      if (redirs.length) {
        const saved = this.redirectSelf(redirs, targets, false);
        if (!saved) return this.done(1, ee);
        this.restoreFds(saved);
      }
      this.done(s.substSt >= 0 ? s.substSt : 0, ee);
      return;
    }
    const name = argv[0]!;
    if (SPECIAL_BUILTINS.has(name)) return this.builtin(name, argv, assigns, redirs, targets, ee, true);
    const fn = s.funcs.get(name);
    if (fn) return this.callFunction(fn, argv, assigns, redirs, targets, ee);
    if (BUILTINS[name] && this.hasBuiltin(name)) return this.builtin(name, argv, assigns, redirs, targets, ee, false);
    this.external(argv, assigns, redirs, targets, ee, last);
  }

  /** Builtins each dialect has beyond the POSIX set. */
  hasBuiltin(name: string): boolean {
    if (name === 'local') return true; // dash and busybox ash have it too
    if (name === 'source' || name === 'let' || name === 'declare' || name === 'typeset') return this.dialect !== 'dash';
    return true;
  }

  private builtin(name: string, argv: string[], assigns: [string, string][], redirs: Redir[], targets: string[], ee: boolean, special: boolean): void {
    const s = this.s;
    let vars: [string, ShellVar | null][] | undefined;
    if (assigns.length) {
      if (special) {
        for (const [k, v] of assigns) if (!this.setVar(k, v)) return this.failAssignment(ee);
      } else vars = this.tempAssign(assigns);
    }
    let saved: [number, number][] | undefined;
    if (redirs.length) {
      const r = this.redirectSelf(redirs, targets, false);
      if (!r) {
        if (vars) this.restoreVars(vars);
        // a redirection error on a special builtin ends a non-interactive shell (XCU 2.8.1)
        if (special && !s.opts.i) return this.finish(this.dialect === 'bash' ? 1 : 2);
        return this.done(1, ee);
      }
      saved = r;
    }
    const frames = s.frames.length;
    this.cmdName = name;
    const res: BuiltinResult = BUILTINS[name]!(this, argv);
    this.cmdName = undefined;
    if (res === BLOCK) {
      const w = s.wait as { after?: After } | null;
      if (w) w.after = { redir: saved, vars, ee };
      return;
    }
    if (res === PUSHED) {
      // eval and `.`: the redirections and assignments last as long as the new frame
      const top = s.frames[s.frames.length - 1]!;
      if (s.frames.length > frames) {
        if (saved) top.sc.unshift({ k: 'redir', saved });
        if (vars) top.saved = [...(top.saved ?? []), ...vars];
        top.ee = ee;
      }
      return;
    }
    if (!saved && !vars && !this.keepRedirs) return this.done(res, ee);
    this.finishAfter({ redir: saved, vars, ee }, res);
  }

  /** Put back what a builtin's redirections and assignments changed, then set its status. */
  finishAfter(after: After, status: number): void {
    if (after.redir) {
      if (this.keepRedirs) {
        for (const [, copy] of after.redir) if (copy >= 0) this.p.close(copy);
      } else this.restoreFds(after.redir);
    }
    this.keepRedirs = false;
    if (after.vars) this.restoreVars(after.vars);
    this.done(status, after.ee);
  }

  private callFunction(fn: [number, number], argv: string[], assigns: [string, string][], redirs: Redir[], targets: string[], ee: boolean): void {
    const s = this.s;
    if (s.frames.length >= MAX_FRAMES) {
      this.p.kill(this.p.pid, 'SEGV');
      return;
    }
    const frame: Frame = { s: fn[0], u: fn[1], pc: 0, k: 'func', args: argv.slice(1), sc: [], ee };
    if (assigns.length) frame.saved = this.tempAssign(assigns);
    if (redirs.length) {
      const saved = this.redirectSelf(redirs, targets, false);
      if (!saved) {
        if (frame.saved) this.restoreVars(frame.saved);
        return this.done(1, ee);
      }
      frame.sc.push({ k: 'redir', saved });
    }
    s.frames.push(frame);
  }

  private external(argv: string[], assigns: [string, string][], redirs: Redir[], targets: string[], ee: boolean, last: boolean): void {
    const s = this.s;
    const p = this.p;
    const name = argv[0]!;
    let path = this.findCommand(name);
    if (path === undefined) {
      this.errorLine(notFound(this.dialect, name));
      return this.done(127, ee);
    }
    const env = assigns.length ? { ...this.environment(), ...Object.fromEntries(assigns) } : this.environment();
    if (last && this.mayExec()) {
      // The last command of `sh -c` or of a subshell replaces the shell (exec), as dash, ash and
      // bash do: then `sh -c 'sleep 3600'` has sleep as PID 1.
      if (redirs.length && !this.redirectSelf(redirs, targets, true)) return this.finish(1);
      const err = p.exec({ path, argv, env });
      if (err) this.finish(this.execFailed(name, err));
      return;
    }
    const plan = this.childFds(redirs, targets);
    if (!plan) return this.done(1, ee);
    let res = p.run({ path, argv, env, fds: plan.map });
    if (isExecError(res) && res.errno === 'ENOENT' && !name.includes('/') && s.hash.get(name) === path) {
      // a hashed path that went away: search $PATH again (dash and bash do the same)
      s.hash.delete(name);
      path = this.findCommand(name);
      if (path !== undefined) res = p.run({ path, argv, env, fds: plan.map });
    }
    for (const t of plan.temps) p.close(t);
    if (isExecError(res)) return this.done(this.execFailed(name, res), ee);
    const st = res.status ?? p.reap(res.pid);
    if (st) return this.done(st.code, ee);
    s.wait = { k: 'fg', pid: res.pid, ee };
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
    const pid = this.p.spawn({ path, argv, env: this.environment(), fds: this.baseFds() });
    if (typeof pid !== 'number') return this.execFailed(name, pid);
    const st = this.p.reap(pid);
    if (st) return st.code;
    this.s.wait = { k: 'fg', pid, ee: false, after: { ee: false } };
    return BLOCK;
  }

  /** Print why exec failed; the status a shell gives it (126, or 127 when not found). */
  private execFailed(name: string, err: ExecError): number {
    let isDir = false;
    try {
      isDir = this.p.fs.stat(resolvePath(this.p.cwd, err.path)).type === 'dir';
    } catch {
      /* gone */
    }
    this.errorLine(execFailure(this.dialect, name.includes('/') ? name : err.path, err.errno, isDir));
    return err.errno === 'ENOENT' || err.errno === 'ENOTDIR' ? 127 : 126;
  }

  private mayExec(): boolean {
    const s = this.s;
    if (s.frames.length !== 1 || s.frames[0]!.k !== 'main' || s.input || s.opts.i) return false;
    if (!s.sub && s.mode !== 'c') return false;
    for (const v of s.traps.values()) if (v !== '') return false;
    return true;
  }

  /** $PATH search with the shell's hash table; undefined when not found. */
  findCommand(name: string): string | undefined {
    const s = this.s;
    const fs = this.p.fs;
    if (name.includes('/')) return name;
    const hashed = s.hash.get(name);
    if (hashed !== undefined) return hashed;
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

  private pipeline(f: Frame, ins: Extract<Instr, { op: 'pipe' }>): void {
    const p = this.p;
    const s = this.s;
    f.pc++;
    const pids: number[] = [];
    let prev = -1;
    ins.units.forEach((unit, i) => {
      const map = this.baseFds();
      let r = -1;
      let w = -1;
      if (i < ins.units.length - 1) {
        [r, w] = p.pipe(10);
        map[1] = w;
      }
      if (prev >= 0) map[0] = prev;
      pids.push(p.fork({ state: forkState(s, f.s, unit, [...this.positional()]), fds: map }));
      if (prev >= 0) p.close(prev);
      if (w >= 0) p.close(w);
      prev = r;
    });
    s.wait = { k: 'pipe', pids, sts: pids.map(() => null), bang: ins.bang, ee: ins.ee };
  }

  private subshell(f: Frame, ins: Extract<Instr, { op: 'sub' }>): void {
    f.pc++;
    const pid = this.p.fork({ state: forkState(this.s, f.s, ins.unit, [...this.positional()]), fds: this.baseFds() });
    this.s.wait = { k: 'fg', pid, ee: ins.ee };
  }

  private background(f: Frame, ins: Extract<Instr, { op: 'bg' }>): void {
    const p = this.p;
    const s = this.s;
    f.pc++;
    const map = this.baseFds();
    let devnull = -1;
    if (!s.opts.i) {
      // XCU 2.9.3: without job control, an asynchronous list's stdin is /dev/null
      const fd = p.open('/dev/null', 'r', 10);
      if (typeof fd === 'number') map[0] = devnull = fd;
    }
    const pid = p.fork({ state: forkState(s, f.s, ins.unit, [...this.positional()]), fds: map });
    if (devnull >= 0) p.close(devnull);
    s.jobs.push({ pid, text: ins.text, st: null });
    if (s.jobs.length > 64) s.jobs = s.jobs.filter((j) => j.st === null || j.pid === pid);
    s.bang = pid;
    if (s.opts.i) p.write(2, `[${s.jobs.length}] ${pid}\n`);
    s.st = 0;
  }

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
    const res = this.startSubst(part);
    if (!res) throw BLOCKED;
    (s.exp ??= { log: [] }).log.push(res);
    this.replayPos++;
    s.substSt = res[1];
    return res[0];
  }

  /** Run a command substitution: [output, status] now, or null after setting up a wait. */
  private startSubst(part: CmdPart): [string, number] | null {
    const p = this.p;
    const s = this.s;
    const f = s.frames[s.frames.length - 1]!;
    if (part.fast && !s.funcs.has(part.fast[0]!)) {
      // One command with literal words: no subshell needed (bash and dash exec it directly).
      const name = part.fast[0]!;
      if (BUILTINS[name] && PURE_BUILTINS.has(name) && this.hasBuiltin(name)) {
        const prev = this.capture;
        this.capture = '';
        this.cmdName = name;
        const st = BUILTINS[name]!(this, [...part.fast]) as number;
        this.cmdName = undefined;
        const out = this.capture;
        this.capture = prev;
        return [stripNewlines(out), st];
      }
      if (!BUILTINS[name] && !SPECIAL_BUILTINS.has(name)) {
        const path = this.findCommand(name);
        if (path === undefined) {
          this.errorLine(notFound(this.dialect, name));
          return ['', 127];
        }
        const [r, w] = p.pipe(10);
        const res = p.run({ path, argv: part.fast, env: this.environment(), fds: [0, w, 2], captureStdout: true });
        p.close(w);
        if (isExecError(res)) {
          p.close(r);
          return ['', this.execFailed(name, res)];
        }
        if (res.status) {
          p.close(r);
          return [stripNewlines(res.out), res.status.code];
        }
        return this.collectSubst({ k: 'subst', fd: r, pid: res.pid, out: '', st: null });
      }
    }
    const [r, w] = p.pipe(10);
    const map = this.baseFds();
    map[1] = w;
    const pid = p.fork({ state: forkState(s, f.s, part.unit!, [...this.positional()]), fds: map });
    p.close(w);
    return this.collectSubst({ k: 'subst', fd: r, pid, out: '', st: null });
  }

  /** Read a substitution's pipe; [output, status] when complete, else null with the wait set. */
  private collectSubst(w: Extract<Wait, { k: 'subst' }>): [string, number] | null {
    const p = this.p;
    while (w.fd >= 0) {
      const chunk = p.read(w.fd, 'all');
      if (chunk === null) {
        this.s.wait = w;
        p.waitReadable(w.fd);
        return null;
      }
      if (chunk === '') {
        p.close(w.fd);
        w.fd = -1;
      } else w.out += chunk;
    }
    if (w.st === null) {
      const st = p.reap(w.pid);
      if (!st) {
        this.s.wait = w;
        return null;
      }
      w.st = st.code;
    }
    return [stripNewlines(w.out), w.st];
  }

  /** Called from events: keep collecting; true when the instruction can be re-run. */
  private substDone(w: Extract<Wait, { k: 'subst' }>): boolean {
    const res = this.collectSubst(w);
    if (!res) return false;
    this.s.wait = null;
    (this.s.exp ??= { log: [] }).log.push(res);
    return true;
  }

  // ================= expansion host =================

  private beginExpand(line: number): void {
    const s = this.s;
    s.line = line + (s.frames[s.frames.length - 1]?.lo ?? 0);
    this.replayPos = 0;
    this.s.substSt = -1;
  }

  private expansionFailed(e: unknown, f: Frame): void {
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

  private failAssignment(ee: boolean): void {
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

  private expandRedirTargets(redirs: Redir[]): string[] {
    return redirs.map((r) => {
      if (r.op === '<<' || r.op === '<<-') return r.here ? expandString(r.here, this) : '';
      if (r.op === '<<<') return `${expandString(r.target, this)}\n`;
      return expandString(r.target, this);
    });
  }

  /** The fds a child starts with: the shell's own 0–9 (≥ 10 are the shell's private copies). */
  private baseFds(): (number | null)[] {
    const map: (number | null)[] = [];
    for (let i = 0; i < 10; i++) map.push(this.p.isOpen(i) ? i : null);
    return map;
  }

  /** Open every redirection: a list of [fd, source fd (or null to close), temporary]. */
  private openRedirs(redirs: Redir[], targets: string[]): [number, number | null, boolean][] | null {
    const p = this.p;
    const plan: [number, number | null, boolean][] = [];
    const fail = (): null => {
      for (const [, src, temp] of plan) if (temp && src !== null) p.close(src);
      return null;
    };
    for (let i = 0; i < redirs.length; i++) {
      const r = redirs[i]!;
      const t = targets[i]!;
      const output = r.op[0] === '>' || r.op === '&>' || r.op === '&>>';
      const fd = r.fd ?? (output ? 1 : 0);
      switch (r.op) {
        case '<<':
        case '<<-':
        case '<<<': {
          const [rd, wr] = p.pipe(10);
          p.write(wr, t);
          p.close(wr);
          plan.push([fd, rd, true]);
          break;
        }
        case '>&':
        case '<&': {
          if (t === '-') {
            plan.push([fd, null, false]);
            break;
          }
          if (/^\d+$/.test(t)) {
            plan.push([fd, Number(t), false]);
            break;
          }
          if (r.op === '<&' || this.dialect !== 'bash' || r.fd !== null) {
            // dash/ash: ">&word" needs a number
            this.errorLine(this.dialect === 'bash' ? `${t}: ambiguous redirect` : `Syntax error: Bad fd number`);
            return fail();
          }
          const o = this.openFile(t, 'w');
          if (o < 0) return fail();
          plan.push([1, o, true], [2, o, false]);
          break;
        }
        case '&>':
        case '&>>': {
          const o = this.openFile(t, r.op === '&>' ? 'w' : 'a');
          if (o < 0) return fail();
          plan.push([1, o, true], [2, o, false]);
          break;
        }
        default: {
          if (r.op === '>' && this.s.opts.C) {
            try {
              if (p.fs.stat(resolvePath(p.cwd, t)).type === 'file') {
                // bash redir.c: "cannot overwrite existing file"; dash: "cannot create %s: File exists"
                this.errorLine(this.dialect === 'bash' ? `${t}: cannot overwrite existing file` : redirFailure(this.dialect, t, 'EEXIST', true));
                return fail();
              }
            } catch {
              /* does not exist: fine */
            }
          }
          const mode = r.op === '<' ? 'r' : r.op === '>>' ? 'a' : r.op === '<>' ? 'rw' : 'w';
          const o = this.openFile(t, mode);
          if (o < 0) return fail();
          plan.push([fd, o, true]);
        }
      }
    }
    return plan;
  }

  private openFile(path: string, mode: 'r' | 'w' | 'a' | 'rw'): number {
    const res = this.p.open(path, mode, 10);
    if (typeof res === 'number') return res;
    if (path === '') {
      // bash: ": No such file or directory" for an empty target; dash: "cannot create : Directory nonexistent"
      this.errorLine(redirFailure(this.dialect, path, 'ENOENT', mode !== 'r'));
      return -1;
    }
    this.errorLine(redirFailure(this.dialect, path, res.code, mode !== 'r'));
    return -1;
  }

  /** Apply redirections to the shell's own fds; returns what to restore (null on failure). */
  redirectSelf(redirs: Redir[], targets: string[], permanent: boolean): [number, number][] | null {
    const p = this.p;
    const plan = this.openRedirs(redirs, targets);
    if (!plan) return null;
    const saved: [number, number][] = [];
    for (let i = 0; i < plan.length; i++) {
      const [fd, src, temp] = plan[i]!;
      if (src !== null && !p.isOpen(src)) {
        this.errorLine(`${src}: Bad file descriptor`);
        for (let j = i; j < plan.length; j++) if (plan[j]![2] && plan[j]![1] !== null) p.close(plan[j]![1]!);
        this.restoreFds(saved);
        return null;
      }
      if (!permanent && !saved.some((x) => x[0] === fd)) saved.push([fd, p.isOpen(fd) ? p.dup(fd, 10) : -1]);
      if (src === null) p.close(fd);
      else p.dup2(src, fd);
      if (temp && src !== null && src !== fd) p.close(src);
    }
    return saved;
  }

  restoreFds(saved: [number, number][]): void {
    const p = this.p;
    for (let i = saved.length - 1; i >= 0; i--) {
      const [fd, copy] = saved[i]!;
      if (copy >= 0) {
        p.dup2(copy, fd);
        p.close(copy);
      } else p.close(fd);
    }
  }

  /** A child's fd map with the redirections applied, and the temporary fds to close after spawn. */
  private childFds(redirs: Redir[], targets: string[]): { map: (number | null)[]; temps: number[] } | null {
    const map = this.baseFds();
    if (!redirs.length) return { map, temps: [] };
    const plan = this.openRedirs(redirs, targets);
    if (!plan) return null;
    const temps: number[] = [];
    for (const [fd, src, temp] of plan) {
      while (map.length <= fd) map.push(null);
      if (src === null) map[fd] = null;
      else if (temp) {
        map[fd] = src;
        temps.push(src);
      } else {
        const from = map[src];
        if (from === undefined || from === null) {
          this.errorLine(`${src}: Bad file descriptor`);
          for (const t of temps) this.p.close(t);
          return null;
        }
        map[fd] = from;
      }
    }
    return { map, temps };
  }

  private compoundRedir(f: Frame, ins: Extract<Instr, { op: 'redir' }>): void {
    this.beginExpand(this.s.line);
    let targets: string[];
    try {
      targets = this.expandRedirTargets(ins.redirs);
    } catch (e) {
      this.expansionFailed(e, f);
      return;
    }
    this.s.exp = null;
    const saved = this.redirectSelf(ins.redirs, targets, false);
    if (!saved) {
      this.s.st = 1;
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
      if (sc.k === 'redir') this.restoreFds(sc.saved);
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
      if (sc.k === 'redir') this.restoreFds(sc.saved);
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

  private readInput(): boolean {
    const s = this.s;
    const p = this.p;
    const inp = s.input!;
    for (;;) {
      const text = takeCommand(inp, this.dialect);
      if (text !== null) {
        s.frames.push({ s: this.intern(text), u: 0, pc: 0, k: 'input', sc: [], lo: inp.line - 1 });
        inp.line += countLines(text);
        inp.prompted = false;
        return true;
      }
      if (inp.eof) {
        if (inp.buf.trim()) {
          const rest = inp.buf;
          inp.buf = '';
          s.frames.push({ s: this.intern(rest), u: 0, pc: 0, k: 'input', sc: [], lo: inp.line - 1 });
          inp.line += countLines(rest);
          return true;
        }
        if (s.opts.i && this.dialect === 'bash') p.write(2, 'exit\n');
        this.finish(s.st);
        return false;
      }
      if (s.opts.i && !inp.prompted) {
        p.write(2, this.prompt(inp.buf ? 'PS2' : 'PS1'));
        inp.prompted = true;
      }
      const chunk = p.read(0, 'all');
      if (chunk === null) {
        s.wait = { k: 'input' };
        p.waitReadable(0);
        return false;
      }
      if (chunk === '') inp.eof = true;
      else {
        inp.buf += chunk;
        inp.prompted = inp.prompted && !chunk.includes('\n');
      }
    }
  }

  private prompt(which: 'PS1' | 'PS2'): string {
    const ps = this.param(which) ?? '';
    if (this.dialect !== 'bash') return ps;
    // bash PROMPTING: the backslash escapes Podlab's prompts use
    return ps.replace(/\\([uhHwWs$v\\n])/g, (_, c: string) => {
      switch (c) {
        case 'u': return this.param('USER') ?? 'root';
        case 'h': return (this.param('HOSTNAME') ?? 'localhost').split('.')[0]!;
        case 'H': return this.param('HOSTNAME') ?? 'localhost';
        case 'w': {
          const home = this.param('HOME');
          const cwd = this.p.cwd;
          return home && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
        }
        case 'W': return basename(this.p.cwd);
        case 's': return 'bash';
        case 'v': return '5.2';
        case '$': return this.param('USER') === 'root' || !this.param('USER') ? '#' : '$';
        case 'n': return '\n';
        default: return '\\';
      }
    });
  }

  // ================= read (the builtin's blocking half) =================

  /** Called by the read builtin's retry after its fd became readable. */
  private retryRead(w: Extract<Wait, { k: 'read' }>): void {
    if (w.timer !== undefined) this.p.clearTimer(w.timer);
    this.cmdName = 'read';
    this.retrying = true;
    const res = BUILTINS.read!(this, w.argv);
    this.retrying = false;
    this.cmdName = undefined;
    if (res === BLOCK) {
      const nw = this.s.wait as Extract<Wait, { k: 'read' }>;
      nw.after = w.after;
      if (w.timer !== undefined && nw.timer === undefined) nw.timer = w.timer;
      return;
    }
    this.finishAfter(w.after, res as number);
  }

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
  errorLine(msg: string): void {
    const s = this.s;
    const prefix = errorPrefix(this.dialect, { arg0: s.arg0, line: s.line, interactive: s.opts.i, script: s.mode === 'file', cmd: this.cmdName });
    this.p.write(2, `${prefix}${msg}\n`);
  }

  private trace(assigns: [string, string][], argv: string[]): void {
    const words = [...assigns.map(([k, v]) => `${k}=${this.dialect === 'bash' ? shellQuote(v) : v}`), ...argv.map((a) => (this.dialect === 'bash' ? shellQuote(a) : a))];
    this.p.write(2, `${this.param('PS4') ?? '+ '}${words.join(' ')}\n`);
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

const NONE: [string, string][] = [];
const NONE_S: string[] = [];

/** Builtins whose output a command substitution can take without a subshell (no side effects). */
const PURE_BUILTINS = new Set(['echo', 'printf', 'pwd', 'true', 'false', ':', 'test', '[', 'type', 'command']);

/** $(...) drops trailing newlines. */
function stripNewlines(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  return end === s.length ? s : s.slice(0, end);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first complete command in the input buffer (whole lines), or null when more is needed. */
function takeCommand(inp: { buf: string; eof: boolean }, d: DialectName): string | null {
  const buf = inp.buf;
  for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', nl + 1)) {
    const text = buf.slice(0, nl + 1);
    const e = parse(text, d).error;
    if (!e || !syntaxErrorAtEof(e)) {
      inp.buf = buf.slice(nl + 1);
      return text;
    }
  }
  return null;
}
