// Shell builtins. Each gets the interpreter (its state, its process) and argv, and returns an
// exit status, BLOCK (it set a wait: read, wait) or PUSHED (it pushed a frame: eval, `.`).
// Messages are in each dialect's words; the interpreter adds the "sh: 1: cd: " style prefix.
import { resolvePath } from '../fs/path';
import { isExecError } from '../process/program';
import { SIGNAL_NUMBERS, signalByNumber, type SignalName } from '../process/types';
import { parseNumber } from './arith';
import { echoText, formatPrintf, shellQuote } from './printf';
import type { Interp } from './shell';
import { EXPORTED, READONLY } from './state';
import { evalTest, missingBracket } from './test-expr';
import { findJob, jobLine } from './jobs';

export const BLOCK = Symbol('block');
export const PUSHED = Symbol('pushed');
export type BuiltinResult = number | typeof BLOCK | typeof PUSHED;
export type Builtin = (it: Interp, argv: string[]) => BuiltinResult;

/** POSIX special builtins (XCU 2.14): found before functions, assignments persist, errors are fatal. */
export const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'times', 'trap', 'unset']);

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'while', 'until', 'do', 'done', '{', '}', '!', 'in']);

const out = (it: Interp, text: string): void => void it.write(1, text);

/** A number argument or an error (dash "Illegal number: %s", bash "%s: numeric argument required"). */
function numberArg(it: Interp, a: string, bashMsg = 'numeric argument required'): number | undefined {
  if (/^-?\d+$/.test(a)) return Number(a);
  it.errorLine(it.dialect === 'bash' ? `${a}: ${bashMsg}` : `Illegal number: ${a}`);
  return undefined;
}

function echo(it: Interp, argv: string[]): number {
  out(it, echoText(argv.slice(1), it.dialect === 'dash'));
  return 0;
}

function printf(it: Interp, argv: string[]): number {
  let args = argv.slice(1);
  let target: string | undefined;
  if (it.dialect === 'bash' && args[0] === '-v') {
    target = args[1];
    args = args.slice(2);
  }
  if (args[0] === '--') args = args.slice(1);
  if (!args.length) {
    // bash: "printf: usage: printf [-v var] format [arguments]"; dash: "usage: printf format [arg ...]"
    it.errorLine(it.dialect === 'bash' ? 'usage: printf [-v var] format [arguments]' : 'usage: printf format [arg ...]');
    return 2;
  }
  const res = formatPrintf(args[0]!, args.slice(1), it.dialect);
  if (target) it.setVar(target, res.out);
  else out(it, res.out);
  for (const e of res.errors) it.errorLine(e);
  return res.status;
}

function cd(it: Interp, argv: string[]): number {
  const p = it.p;
  let arg = argv[1];
  let print = false;
  if (arg === '-L' || arg === '-P') arg = argv[2];
  if (arg === '-') print = true;
  const dir = arg === undefined ? it.param('HOME') : arg === '-' ? it.param('OLDPWD') : arg;
  if (dir === undefined) {
    // bash cd.def: "HOME not set" / "OLDPWD not set"
    it.errorLine(arg === undefined ? 'HOME not set' : 'OLDPWD not set');
    return 1;
  }
  const target = resolvePath(p.cwd, dir);
  let code: string | undefined;
  try {
    if (p.fs.stat(target).type !== 'dir') code = 'ENOTDIR';
  } catch (e) {
    code = (e as { code?: string }).code ?? 'ENOENT';
  }
  if (code) {
    const why = code === 'ENOTDIR' ? 'Not a directory' : 'No such file or directory';
    // dash cd.c: "can't cd to %s"; busybox ash: "can't cd to %s: %m"; bash cd.def: "%s: %s"
    if (it.dialect === 'dash') it.errorLine(`can't cd to ${dir}`);
    else if (it.dialect === 'ash') it.errorLine(`can't cd to ${dir}: ${why}`);
    else it.errorLine(`${dir}: ${why}`);
    return it.dialect === 'dash' ? 2 : 1;
  }
  const old = p.cwd;
  p.cwd = target;
  it.setVar('OLDPWD', old);
  it.setVar('PWD', target);
  if (print) out(it, `${target}\n`);
  return 0;
}

function test(it: Interp, argv: string[]): number {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args[args.length - 1] !== ']') {
      it.errorLine(missingBracket(it.dialect));
      return 2;
    }
    args = args.slice(0, -1);
  }
  const r = evalTest(args, { fs: it.p.fs, cwd: it.p.cwd, flavor: it.dialect, isatty: (fd) => it.p.isatty(fd) });
  if (r.error) {
    if (it.dialect === 'ash') it.p.write(2, `${it.s.arg0}: ${r.error}\n`);
    else it.errorLine(r.error);
  }
  return r.status;
}

function read(it: Interp, argv: string[]): BuiltinResult {
  const p = it.p;
  let raw = false;
  let prompt: string | undefined;
  let timeout: number | undefined;
  let i = 1;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      i++;
      break;
    }
    if (!a.startsWith('-') || a === '-') break;
    if (a === '-r') raw = true;
    else if (a === '-s') continue;
    else if (a === '-p') prompt = argv[++i];
    else if (a === '-t') timeout = Number(argv[++i]);
    else if (/^-[rs]+$/.test(a)) raw = raw || a.includes('r');
    else {
      it.errorLine(it.dialect === 'bash' ? `${a}: invalid option` : `Illegal option ${a}`);
      return 2;
    }
  }
  const names = argv.slice(i);
  if (!names.length) names.push('REPLY');
  if (prompt !== undefined && !it.retrying) p.write(2, prompt);
  let line = p.read(0, 'line');
  if (line === null) {
    it.s.wait = { k: 'read', argv, after: { ee: false } };
    p.waitReadable(0);
    if (timeout !== undefined && !it.retrying) (it.s.wait as { timer?: number }).timer = p.setTimer(timeout * 1000, 'read-timeout');
    return BLOCK;
  }
  // without -r a backslash-newline joins the next line (when it is there already)
  while (!raw && line.endsWith('\\\n')) {
    const more = p.read(0, 'line');
    if (!more) break;
    line = line.slice(0, -2) + more;
  }
  const eof = !line.endsWith('\n');
  if (line.endsWith('\n')) line = line.slice(0, -1);
  if (eof && line === '') {
    for (const n of names) it.setVar(n, '');
    return 1;
  }
  if (!raw) line = line.replace(/\\(.)/g, '$1');
  assignFields(it, names, line);
  return eof ? 1 : 0;
}

/** read's field splitting: one field per name, the last name gets the rest. */
function assignFields(it: Interp, names: string[], line: string): void {
  const ifs = it.param('IFS') ?? ' \t\n';
  const ws = [...ifs].filter((c) => ' \t\n'.includes(c)).join('');
  const isWs = (c: string): boolean => ws.includes(c);
  const isIfs = (c: string): boolean => ifs.includes(c);
  let s = line;
  // leading IFS white space is dropped
  let start = 0;
  while (start < s.length && isWs(s[start]!)) start++;
  s = s.slice(start);
  for (let n = 0; n < names.length; n++) {
    if (n === names.length - 1) {
      let end = s.length;
      while (end > 0 && isWs(s[end - 1]!)) end--;
      it.setVar(names[n]!, s.slice(0, end));
      return;
    }
    let j = 0;
    while (j < s.length && !isIfs(s[j]!)) j++;
    it.setVar(names[n]!, s.slice(0, j));
    // skip the delimiter: white space around at most one other IFS character
    while (j < s.length && isWs(s[j]!)) j++;
    if (j < s.length && isIfs(s[j]!) && !isWs(s[j]!)) j++;
    while (j < s.length && isWs(s[j]!)) j++;
    s = s.slice(j);
  }
}

function wait(it: Interp, argv: string[]): BuiltinResult {
  const args = argv.slice(1);
  let pids: number[] | null = null;
  if (args.length) {
    pids = [];
    for (const a of args) {
      const found = pidOf(it, a);
      if (found === undefined) return 127;
      const pid = found ?? Number(a);
      if (!Number.isInteger(pid)) {
        it.errorLine(it.dialect === 'bash' ? `\`${a}': not a pid or valid job spec` : `Illegal number: ${a}`);
        return 2;
      }
      if (!it.s.jobs.some((j) => j.pid === pid) && it.dialect === 'bash') {
        // bash jobs.c wait_for_single_pid: "pid %ld is not a child of this shell"
        it.errorLine(`pid ${pid} is not a child of this shell`);
      }
      pids.push(pid);
    }
  }
  const st = it.waitStatus(pids);
  if (st !== undefined) return st;
  it.s.wait = { k: 'wait', pids, after: { ee: false } };
  return BLOCK;
}

function kill(it: Interp, argv: string[]): number {
  let args = argv.slice(1);
  let sig: SignalName = 'TERM';
  if (args[0] === '-l' || args[0] === '-L') {
    if (args[1]) {
      const n = Number(args[1]);
      const name = signalByNumber(n > 128 ? n - 128 : n);
      if (!name) return 1;
      out(it, `${name}\n`);
      return 0;
    }
    out(it, Object.keys(SIGNAL_NUMBERS).join('\n') + '\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    const s = it.signalOf(args[1] ?? '');
    if (!s || s === 'EXIT') return badSignal(it, args[1] ?? '');
    sig = s;
    args = args.slice(2);
  } else if (args[0]?.startsWith('-') && args[0] !== '--') {
    const s = it.signalOf(args[0].slice(1));
    if (!s || s === 'EXIT') return badSignal(it, args[0].slice(1));
    sig = s;
    args = args.slice(1);
  }
  if (args[0] === '--') args = args.slice(1);
  if (!args.length) {
    it.errorLine(it.dialect === 'bash' ? 'usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]' : 'usage: kill [-s sigspec | -signum | -sigspec] [pid | job]... or\nkill -l [exitstatus]');
    return it.dialect === 'bash' ? 2 : 2;
  }
  let st = 0;
  for (const a of args) {
    const pid = pidOf(it, a);
    if (pid === undefined) {
      st = 1;
      continue;
    }
    if (pid === null) {
      it.errorLine(it.dialect === 'bash' ? `${a}: arguments must be process or job IDs` : `Illegal number: ${a}`);
      st = 1;
      continue;
    }
    if (!it.p.kill(pid, sig)) {
      // dash jobs.c killcmd: strerror; bash: "(%ld) - %s"; busybox kill.c: "can't kill pid %s: %s"
      if (it.dialect === 'bash') it.errorLine(`(${pid}) - No such process`);
      else if (it.dialect === 'ash') it.errorLine(`can't kill pid ${pid}: No such process`);
      else it.errorLine('No such process');
      st = 1;
    }
  }
  // A signal the shell sent itself is handled right after kill returns.
  for (const sig of it.p.takeSignals()) if (it.s.traps.has(sig) || (it.s.opts.i && sig === 'INT')) it.s.pend.push(sig);
  return st;
}

function badSignal(it: Interp, name: string): number {
  // bash: "%s: invalid signal specification"; dash: "invalid signal number or name: %s"
  it.errorLine(it.dialect === 'bash' ? `${name}: invalid signal specification` : `invalid signal number or name: ${name}`);
  return 1;
}

function exit(it: Interp, argv: string[]): number {
  let code = it.s.st;
  if (argv[1] !== undefined) {
    const n = numberArg(it, argv[1]);
    if (n === undefined) {
      it.finish(2);
      return 2;
    }
    code = n & 0xff;
  }
  if (it.s.opts.i && it.dialect === 'bash' && !it.s.sub) it.p.write(2, 'exit\n');
  it.finish(code);
  return code;
}

function ret(it: Interp, argv: string[]): number {
  let code = it.s.st;
  if (argv[1] !== undefined) {
    const n = numberArg(it, argv[1]);
    if (n === undefined) return 2;
    code = n & 0xff;
  }
  if (it.returnFrom(code)) return code;
  if (it.dialect === 'bash') {
    // bash return.def: "can only `return' from a function or sourced script"
    it.errorLine("can only `return' from a function or sourced script");
    return 1;
  }
  it.finish(code); // dash and ash: return at the top level ends the script
  return code;
}

function loop(cont: boolean): Builtin {
  return (it, argv) => {
    let n = 1;
    if (argv[1] !== undefined) {
      const v = numberArg(it, argv[1]);
      if (v === undefined) return 1;
      if (v < 1) {
        it.errorLine(it.dialect === 'bash' ? `${argv[1]}: loop count out of range` : `Illegal number: ${argv[1]}`);
        return 1;
      }
      n = v;
    }
    if (!it.loopJump(n, cont)) {
      // bash break.def: "only meaningful in a `for', `while', or `until' loop"; dash ignores it
      if (it.dialect === 'bash') it.errorLine("only meaningful in a `for', `while', or `until' loop");
    }
    return 0;
  };
}

function evalCmd(it: Interp, argv: string[]): BuiltinResult {
  const text = argv.slice(1).join(' ');
  if (!text.trim()) return 0;
  it.pushSource(text, 'eval');
  return PUSHED;
}

function dot(it: Interp, argv: string[]): BuiltinResult {
  const name = argv[1];
  if (name === undefined) {
    it.errorLine(it.dialect === 'bash' ? 'filename argument required' : 'missing filename'); // "." usage
    return 2;
  }
  let path: string | undefined;
  const fs = it.p.fs;
  const isFile = (x: string): boolean => {
    try {
      return fs.stat(resolvePath(it.p.cwd, x)).type === 'file';
    } catch {
      return false;
    }
  };
  if (name.includes('/')) path = name;
  else {
    for (const dir of (it.param('PATH') ?? '').split(':')) if (isFile(`${dir || '.'}/${name}`)) { path = `${dir || '.'}/${name}`; break; }
    if (!path && it.dialect === 'bash' && isFile(name)) path = name;
  }
  let text: string | undefined;
  if (path !== undefined) {
    try {
      text = fs.readFile(resolvePath(it.p.cwd, path));
    } catch {
      text = undefined;
    }
  }
  if (text === undefined) {
    // dash main.c dotcmd: "%s: not found"; bash source.def: file_error "%s: No such file or directory"
    if (it.dialect === 'bash') it.errorLine(`${name}: No such file or directory`);
    else {
      const cmd = it.cmdName;
      it.cmdName = undefined;
      it.errorLine(it.dialect === 'dash' ? `${cmd}: cannot open ${name}: No such file` : `${cmd}: can't open '${name}': No such file or directory`);
      it.cmdName = cmd;
      if (!it.s.opts.i) {
        it.finish(2);
        return 2;
      }
    }
    return 1;
  }
  it.pushSource(text, 'dot', argv.length > 2 ? argv.slice(2) : undefined);
  return PUSHED;
}

function exec(it: Interp, argv: string[]): BuiltinResult {
  if (argv.length < 2) {
    it.keepRedirs = true; // `exec >file` redirects the shell itself for good
    return 0;
  }
  const name = argv[1]!;
  const path = it.findCommand(name);
  if (path === undefined) {
    const cmd = it.cmdName;
    it.cmdName = it.dialect === 'bash' ? 'exec' : undefined;
    it.errorLine(it.dialect === 'bash' ? `${name}: not found` : `${name}: not found`);
    it.cmdName = cmd;
    if (!it.s.opts.i) it.finish(127);
    return 127;
  }
  it.keepRedirs = true;
  const err = it.p.exec({ path, argv: argv.slice(1), env: it.environment() });
  if (err && isExecError(err)) {
    it.errorLine(`${name}: ${err.errno === 'EACCES' ? 'Permission denied' : 'Exec format error'}`);
    if (!it.s.opts.i) it.finish(126);
    return 126;
  }
  return 0;
}

function exportLike(flag: number): Builtin {
  return (it, argv) => {
    let args = argv.slice(1);
    let remove = false;
    if (args[0] === '-p' || !args.length) {
      const lines: string[] = [];
      for (const [k, v] of [...it.s.vars].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
        if (!(v.f & flag) || k.startsWith('#')) continue;
        const word = flag === EXPORTED ? 'export' : 'readonly';
        // bash: `declare -x NAME="value"`; dash: `export NAME='value'`
        if (it.dialect === 'bash') lines.push(`declare -${flag === EXPORTED ? 'x' : 'r'} ${k}="${v.v.replace(/(["\\$`])/g, '\\$1')}"`);
        else lines.push(`${word} ${k}=${shellQuote(v.v)}`);
      }
      out(it, lines.map((l) => `${l}\n`).join(''));
      return 0;
    }
    if (args[0] === '-n' && flag === EXPORTED) {
      remove = true;
      args = args.slice(1);
    }
    let st = 0;
    for (const a of args) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a : a.slice(0, eq);
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
        // bash: "`%s': not a valid identifier"; dash: "%s: bad variable name"
        it.errorLine(it.dialect === 'bash' ? `\`${a}': not a valid identifier` : `${name}: bad variable name`);
        st = 1;
        continue;
      }
      if (remove) {
        const v = it.s.vars.get(name);
        if (v) it.s.vars.set(name, { v: v.v, f: v.f & ~EXPORTED });
        continue;
      }
      if (eq >= 0) {
        if (!it.setVar(name, a.slice(eq + 1), flag)) st = 1;
      } else it.setFlags(name, flag);
    }
    return st;
  };
}

function unset(it: Interp, argv: string[]): number {
  let args = argv.slice(1);
  let funcs = false;
  if (args[0] === '-f') {
    funcs = true;
    args = args.slice(1);
  } else if (args[0] === '-v') args = args.slice(1);
  let st = 0;
  for (const a of args) {
    if (funcs) it.s.funcs.delete(a);
    else if (it.dialect === 'bash' && !it.s.vars.has(a) && it.s.funcs.has(a)) it.s.funcs.delete(a); // bash: no such variable, so the function
    else if (!it.unsetVar(a)) st = 1;
  }
  return st;
}

function set(it: Interp, argv: string[]): number {
  const s = it.s;
  const args = argv.slice(1);
  if (!args.length) {
    const lines = [...s.vars].filter(([k]) => !k.startsWith('#')).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, v]) => `${k}=${shellQuote(v.v)}\n`);
    out(it, lines.join(''));
    return 0;
  }
  let i = 0;
  for (; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') {
      it.setPositional(args.slice(i + 1));
      return 0;
    }
    if (a === '-' ) {
      s.opts.x = false;
      continue;
    }
    if (!/^[-+][a-zA-Z]+$/.test(a) && a !== '-o' && a !== '+o') break;
    const on = a[0] === '-';
    if (a.slice(1) === 'o') {
      const name = args[++i];
      if (name === undefined) {
        for (const [k, v] of Object.entries({ errexit: s.opts.e, noglob: s.opts.f, nounset: s.opts.u, pipefail: s.opts.pipefail, xtrace: s.opts.x })) {
          out(it, `${k.padEnd(15)}\t${v ? 'on' : 'off'}\n`);
        }
        continue;
      }
      const map: Record<string, keyof typeof s.opts> = { errexit: 'e', nounset: 'u', xtrace: 'x', noglob: 'f', noclobber: 'C', pipefail: 'pipefail' };
      const key = map[name];
      if (!key) {
        it.errorLine(it.dialect === 'bash' ? `${name}: invalid option name` : `Illegal option -o ${name}`);
        return it.dialect === 'bash' ? 1 : 2;
      }
      s.opts[key] = on;
      continue;
    }
    for (const c of a.slice(1)) {
      if (c === 'e' || c === 'u' || c === 'x' || c === 'f' || c === 'C') s.opts[c] = on;
      else if ('vhmbnaBH'.includes(c)) continue;
      else {
        it.errorLine(it.dialect === 'bash' ? `${a[0]}${c}: invalid option` : `Illegal option ${a[0]}${c}`);
        return 2;
      }
    }
  }
  if (i < args.length) it.setPositional(args.slice(i));
  return 0;
}

function shift(it: Interp, argv: string[]): number {
  let n = 1;
  if (argv[1] !== undefined) {
    const v = numberArg(it, argv[1]);
    if (v === undefined) return 2;
    n = v;
  }
  const args = it.positional();
  if (n > args.length || n < 0) {
    if (it.dialect === 'bash') return 1;
    // dash options.c shiftcmd: "can't shift that many"
    it.errorLine("can't shift that many");
    return 2;
  }
  it.setPositional(args.slice(n));
  return 0;
}

function trap(it: Interp, argv: string[]): number {
  const s = it.s;
  let args = argv.slice(1);
  if (args[0] === '--') args = args.slice(1);
  if (!args.length || args[0] === '-p') {
    const lines: string[] = [];
    // in signal-number order, EXIT (0) first, as dash's loop over signo does
    const num = (k: string): number => (k === 'EXIT' ? 0 : SIGNAL_NUMBERS[k as SignalName]);
    for (const [k, v] of [...s.traps].sort(([a], [b]) => num(a) - num(b))) {
      // dash trap.c trapcmd: "trap -- %s %s\n" (single-quoted action, signal name);
      // bash prints the SIG prefix on signals
      const name = k === 'EXIT' ? 'EXIT' : it.dialect === 'bash' ? `SIG${k}` : k;
      lines.push(`trap -- ${shellQuote(v)} ${name}\n`);
    }
    out(it, lines.join(''));
    return 0;
  }
  let action: string | null = args[0]!;
  let sigs = args.slice(1);
  if (!sigs.length || /^\d+$/.test(action)) {
    sigs = args;
    action = null;
  } else if (action === '-') action = null;
  let st = 0;
  for (const name of sigs) {
    const sig = it.signalOf(name);
    if (!sig) {
      // dash trap.c: "%s: bad trap"; bash: "%s: invalid signal specification"
      if (it.dialect === 'bash') it.errorLine(`${name}: invalid signal specification`);
      else it.errorLine(`${name}: bad trap`);
      st = 1;
      continue;
    }
    if (action === null) s.traps.delete(sig);
    else s.traps.set(sig, action);
    if (sig !== 'EXIT') it.syncSignal(sig);
  }
  return st;
}

function type(it: Interp, argv: string[]): number {
  let st = 0;
  for (const name of argv.slice(1)) {
    const line = describeCommand(it, name, true);
    if (line === undefined) {
      if (it.dialect === 'bash') it.errorLine(`${name}: not found`);
      else out(it, `${name}: not found\n`);
      st = it.dialect === 'bash' ? 1 : 127;
    } else out(it, `${line}\n`);
  }
  return st;
}

/** What `type` / `command -V` says about a name; undefined when not found. */
function describeCommand(it: Interp, name: string, verbose: boolean): string | undefined {
  if (KEYWORDS.has(name) || (it.dialect !== 'dash' && name === '[[')) return verbose ? `${name} is a shell keyword` : name;
  // dash exec.c describe_command: "is a shell function"; busybox ash and bash: "is a function"
  if (it.s.funcs.has(name)) return verbose ? (it.dialect === 'dash' ? `${name} is a shell function` : `${name} is a function`) : name;
  if (SPECIAL_BUILTINS.has(name)) return verbose ? (it.dialect === 'bash' ? `${name} is a shell builtin` : `${name} is a special shell builtin`) : name;
  if (builtinNamed(name) && it.hasBuiltin(name)) return verbose ? `${name} is a shell builtin` : name;
  const hashed = it.s.hash.has(name);
  const path = it.findCommand(name);
  if (path === undefined || (name.includes('/') && !isExecutable(it, path))) return undefined;
  if (!verbose) return path;
  // a command found before: dash "is a tracked alias for %s", bash "is hashed (%s)"; ash always "is %s"
  if (hashed && it.dialect === 'dash') return `${name} is a tracked alias for ${path}`;
  if (hashed && it.dialect === 'bash') return `${name} is hashed (${path})`;
  return `${name} is ${path}`;
}

function isExecutable(it: Interp, path: string): boolean {
  try {
    const st = it.p.fs.stat(resolvePath(it.p.cwd, path));
    return st.type === 'file' && (st.mode & 0o111) !== 0;
  } catch {
    return false;
  }
}

function command(it: Interp, argv: string[]): BuiltinResult {
  const args = argv.slice(1);
  if (args[0] === '-v' || args[0] === '-V') {
    let st = 0;
    for (const name of args.slice(1)) {
      const d = describeCommand(it, name, args[0] === '-V');
      if (d === undefined) {
        st = 1;
        if (args[0] === '-V') it.errorLine(`${name}: not found`);
      } else out(it, `${d}\n`);
    }
    return st;
  }
  if (!args.length) return 0;
  const name = args[0]!;
  const b = builtinNamed(name);
  if (b && it.hasBuiltin(name)) {
    it.cmdName = name;
    return b(it, args);
  }
  return it.runExternal(args);
}

function local(it: Interp, argv: string[]): number {
  const s = it.s;
  let f = s.frames.length - 1;
  while (f >= 0 && s.frames[f]!.k !== 'func') f--;
  if (f < 0) {
    // bash: "can only be used in a function"; dash var.c: "not in a function"
    it.errorLine(it.dialect === 'bash' ? 'can only be used in a function' : 'not in a function');
    return it.dialect === 'bash' ? 1 : 2;
  }
  const frame = s.frames[f]!;
  frame.saved ??= [];
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!frame.saved.some(([k]) => k === name)) frame.saved.push([name, s.vars.get(name) ?? null]);
    if (eq >= 0) it.setVar(name, a.slice(eq + 1));
    else if (it.dialect === 'bash') s.vars.delete(name); // bash: a new local is unset; dash keeps the value
  }
  return 0;
}

function letCmd(it: Interp, argv: string[]): number {
  let v = 0;
  for (const a of argv.slice(1)) v = it.arith(a);
  return v !== 0 ? 0 : 1;
}

function declare(it: Interp, argv: string[]): number {
  let flags = 0;
  const names: string[] = [];
  for (const a of argv.slice(1)) {
    if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('x')) flags |= EXPORTED;
      if (a.includes('r')) flags |= READONLY;
    } else names.push(a);
  }
  const inFunc = it.s.frames.some((f) => f.k === 'func') && !argv.slice(1).some((a) => /^-[a-zA-Z]*g/.test(a));
  if (inFunc) local(it, ['local', ...names]);
  for (const a of names) {
    const eq = a.indexOf('=');
    if (eq >= 0) it.setVar(a.slice(0, eq), a.slice(eq + 1), flags);
    else if (flags) it.setFlags(a, flags);
  }
  return 0;
}

function getopts(it: Interp, argv: string[]): number {
  const optstring = argv[1];
  const name = argv[2];
  if (optstring === undefined || name === undefined) {
    it.errorLine('usage: getopts optstring name [arg ...]');
    return 2;
  }
  const args = argv.length > 3 ? argv.slice(3) : [...it.positional()];
  let optind = Number(it.param('OPTIND') ?? '1') || 1;
  // the position inside a cluster like -abc is kept in an internal variable
  let pos = Number(it.s.vars.get('#OPTPOS')?.v ?? '1');
  const silent = optstring.startsWith(':');
  const arg = args[optind - 1];
  if (arg === undefined || arg === '--' || !arg.startsWith('-') || arg === '-') {
    if (arg === '--') optind++;
    it.setVar('OPTIND', String(optind));
    it.setVar(name, '?');
    it.s.vars.delete('#OPTPOS');
    return 1;
  }
  const c = arg[pos]!;
  const at = optstring.indexOf(c);
  const advance = (): void => {
    pos++;
    if (pos >= arg.length) {
      optind++;
      pos = 1;
    }
  };
  if (at < 0 || c === ':') {
    advance();
    it.setVar(name, '?');
    if (silent) it.setVar('OPTARG', c);
    else it.p.write(2, `${it.s.arg0}: illegal option -- ${c}\n`);
  } else if (optstring[at + 1] === ':') {
    let val: string | undefined;
    if (pos + 1 < arg.length) val = arg.slice(pos + 1);
    else val = args[optind];
    optind += pos + 1 < arg.length ? 1 : 2;
    pos = 1;
    if (val === undefined) {
      if (silent) {
        it.setVar(name, ':');
        it.setVar('OPTARG', c);
      } else {
        it.setVar(name, '?');
        it.p.write(2, `${it.s.arg0}: option requires an argument -- ${c}\n`);
      }
    } else {
      it.setVar(name, c);
      it.setVar('OPTARG', val);
    }
  } else {
    advance();
    it.setVar(name, c);
  }
  it.setVar('OPTIND', String(optind));
  it.s.vars.set('#OPTPOS', { v: String(pos), f: 0 });
  return 0;
}

function jobs(it: Interp): number {
  const table = it.s.jobs;
  out(it, table.map((_, i) => jobLine(table, i)).join(''));
  // bash jobs.c list_jobs + cleanup_dead_jobs: an ended job, once reported, leaves the table
  it.s.jobs = table.filter((j) => j.st === null);
  return 0;
}

/** A pid, or a job spec's pid; undefined after bash's "no such job" (other shells: their number error). */
function pidOf(it: Interp, a: string): number | undefined | null {
  if (!a.startsWith('%')) return /^-?\d+$/.test(a) ? Number(a) : null;
  const i = findJob(it.s.jobs, a);
  // bash jobs.c get_job_spec / builtins common.c sh_badjob: "%s: no such job"
  if (i === undefined) it.errorLine(`${a}: no such job`);
  return i === undefined ? undefined : it.s.jobs[i]!.pid;
}

export const BUILTINS: Record<string, Builtin> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  echo,
  printf,
  pwd: (it) => (out(it, `${it.p.cwd}\n`), 0),
  cd,
  test,
  '[': test,
  read,
  wait,
  kill,
  exit,
  return: ret,
  break: loop(false),
  continue: loop(true),
  eval: evalCmd,
  '.': dot,
  source: dot,
  exec,
  export: exportLike(EXPORTED),
  readonly: exportLike(READONLY),
  unset,
  set,
  shift,
  trap,
  type,
  command,
  local,
  let: letCmd,
  declare,
  typeset: declare,
  getopts,
  jobs,
  umask: (it, argv) => (argv[1] === undefined ? (out(it, '0022\n'), 0) : 0),
  hash: (it, argv) => (argv[1] === '-r' ? (it.s.hash.clear(), 0) : 0),
  alias: () => 0,
  unalias: () => 0,
  times: (it) => (out(it, '0m0.000s 0m0.000s\n0m0.000s 0m0.000s\n'), 0),
};

/**
 * The builtin named `name`, if the shell has one. A Map, not `BUILTINS[name]`: the name a user
 * types is not an own property lookup (`constructor`, `toString` are no builtins), and a shell
 * loop asks for the same few names every iteration.
 */
export function builtinNamed(name: string): Builtin | undefined {
  return BUILTIN_MAP.get(name);
}
const BUILTIN_MAP = new Map(Object.entries(BUILTINS));

export { parseNumber };
