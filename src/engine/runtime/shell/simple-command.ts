// A simple command: expand its words, assignments and redirection targets, then run it as a
// special builtin, a function, a builtin, or an external command (found on $PATH, run inline or
// as a child the shell waits for, or exec'd when it is the last thing the shell does).
import { isExecError, type RunResult } from '../process/program';
import type { Redir } from './ast';
import { BLOCK, builtinNamed, PUSHED, SPECIAL_BUILTINS, type BuiltinResult } from './builtins';
import type { Instr } from './compile';
import { notFound, redirFailStatus } from './dialect';
import { expandString, expandWords } from './expand';
import { shellQuote } from './printf';
import { childFds, expandRedirTargets, onlyStdFds, redirectSelf, restoreFds } from './redirect';
import type { Interp } from './shell';
import type { After, Frame, ShellVar } from './state';

/** Frames past this crash the shell as a runaway recursion crashes dash (SIGSEGV, exit 139). */
const MAX_FRAMES = 10000;

export function simple(it: Interp, f: Frame, ins: Extract<Instr, { op: 'simple' }>): void {
  const node = ins.node;
  it.beginExpand(node.line);
  let argv: string[];
  const assigns: [string, string][] = node.assigns.length ? [] : NONE;
  let targets: string[] = NONE_S;
  try {
    argv = ins.argv ?? (node.words.length ? expandWords(node.words, it) : NONE_S);
    for (const a of node.assigns) {
      let v = expandString(a.value, it);
      if (a.append) v = (it.param(a.name) ?? '') + v;
      assigns.push([a.name, v]);
    }
    if (node.redirs.length) targets = expandRedirTargets(it, node.redirs);
  } catch (e) {
    it.expansionFailed(e, f);
    return;
  }
  it.s.exp = null;
  f.pc++;
  command(it, argv, assigns, node.redirs, targets, ins.ee, ins.last);
}

/** Run an expanded command. */
export function command(it: Interp, argv: string[], assigns: [string, string][], redirs: Redir[], targets: string[], ee: boolean, last: boolean): void {
  const s = it.s;
  if (s.opts.x) trace(it, assigns, argv);
  if (!argv.length) {
    for (const [k, v] of assigns) if (!it.setVar(k, v)) return it.failAssignment(ee);
    if (redirs.length) {
      const saved = redirectSelf(it, redirs, targets, false);
      if (!saved) return it.done(redirFailStatus(it.dialect), ee);
      restoreFds(it, saved);
    }
    it.done(s.substSt >= 0 ? s.substSt : 0, ee);
    return;
  }
  const name = argv[0]!;
  if (SPECIAL_BUILTINS.has(name)) return builtin(it, name, argv, assigns, redirs, targets, ee, true);
  const fn = s.funcs.size ? s.funcs.get(name) : undefined;
  if (fn) return callFunction(it, fn, argv, assigns, redirs, targets, ee);
  if (builtinNamed(name) && it.hasBuiltin(name)) return builtin(it, name, argv, assigns, redirs, targets, ee, false);
  external(it, argv, assigns, redirs, targets, ee, last);
}

export function builtin(it: Interp, name: string, argv: string[], assigns: [string, string][], redirs: Redir[], targets: string[], ee: boolean, special: boolean): void {
  const s = it.s;
  let vars: [string, ShellVar | null][] | undefined;
  if (assigns.length) {
    if (special) {
      for (const [k, v] of assigns) if (!it.setVar(k, v)) return it.failAssignment(ee);
    } else vars = it.tempAssign(assigns);
  }
  let saved: [number, number][] | undefined;
  if (redirs.length) {
    const r = redirectSelf(it, redirs, targets, false);
    if (!r) {
      if (vars) it.restoreVars(vars);
      // a redirection error on a special builtin ends a non-interactive shell (XCU 2.8.1)
      if (special && !s.opts.i) return it.finish(redirFailStatus(it.dialect));
      return it.done(redirFailStatus(it.dialect), ee);
    }
    saved = r;
  }
  const frames = s.frames.length;
  it.cmdName = name;
  const res: BuiltinResult = builtinNamed(name)!(it, argv);
  it.cmdName = undefined;
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
  if (!saved && !vars && !it.keepRedirs) return it.done(res, ee);
  it.finishAfter({ redir: saved, vars, ee }, res);
}

export function callFunction(it: Interp, fn: [number, number], argv: string[], assigns: [string, string][], redirs: Redir[], targets: string[], ee: boolean): void {
  const s = it.s;
  if (s.frames.length >= MAX_FRAMES) {
    it.p.kill(it.p.pid, 'SEGV');
    return;
  }
  const frame: Frame = { s: fn[0], u: fn[1], pc: 0, k: 'func', args: argv.slice(1), sc: [], ee };
  if (assigns.length) frame.saved = it.tempAssign(assigns);
  if (redirs.length) {
    const saved = redirectSelf(it, redirs, targets, false);
    if (!saved) {
      if (frame.saved) it.restoreVars(frame.saved);
      return it.done(redirFailStatus(it.dialect), ee);
    }
    frame.sc.push({ k: 'redir', saved });
  }
  s.frames.push(frame);
}

export function external(it: Interp, argv: string[], assigns: [string, string][], redirs: Redir[], targets: string[], ee: boolean, last: boolean): void {
  const s = it.s;
  const p = it.p;
  const name = argv[0]!;
  let path = it.findCommand(name);
  if (path === undefined) return notFoundWithRedirs(it, name, redirs, targets, ee);
  let env = assigns.length ? { ...it.environment(), ...Object.fromEntries(assigns) } : it.environment();
  // bash execute_cmd.c put_command_name_into_env: a command bash runs gets _ = its full path, last
  if (it.dialect === 'bash') {
    const { _: _old, ...rest } = env;
    env = { ...rest, _: path };
  }
  if (last && mayExec(it)) {
    // The last command of `sh -c` or of a subshell replaces the shell (exec), as dash, ash and
    // bash do: then `sh -c 'sleep 3600'` has sleep as PID 1.
    if (redirs.length && !redirectSelf(it, redirs, targets, true)) return it.finish(redirFailStatus(it.dialect));
    const err = p.exec({ path, argv, env });
    if (err) it.finish(it.execFailed(name, err));
    return;
  }
  // `date >> log`: one plain output redirection, straight into the file (what a writer loop does)
  const direct = redirs.length === 1 ? runToFile(it, path, argv, env, redirs[0]!, targets[0]!) : undefined;
  if (direct) {
    const st = direct.status ?? p.reap(direct.pid);
    return it.done(st ? st.code : 0, ee);
  }
  const plan = childFds(it, redirs, targets);
  if (!plan) return it.done(redirFailStatus(it.dialect), ee);
  let res = p.run({ path, argv, env, fds: plan.map });
  if (isExecError(res) && res.errno === 'ENOENT' && !name.includes('/') && s.hash.get(name) === path) {
    // a hashed path that went away: search $PATH again (dash and bash do the same)
    s.hash.delete(name);
    path = it.findCommand(name);
    if (path !== undefined) res = p.run({ path, argv, env, fds: plan.map });
  }
  for (const t of plan.temps) p.close(t);
  if (isExecError(res)) return it.done(it.execFailed(name, res), ee);
  const st = res.status ?? p.reap(res.pid);
  if (st) return it.done(st.code, ee);
  s.wait = { k: 'fg', pid: res.pid, ee };
}

/**
 * A command that is not found still gets its redirections: the shell opens them (creating
 * `out` in `nosuch > out`), and the error goes to the command's stderr (dash reports it from
 * the child, after the redirections; `nosuch 2> err` writes it into err). A redirection that
 * fails comes first and is the only error.
 */
function notFoundWithRedirs(it: Interp, name: string, redirs: Redir[], targets: string[], ee: boolean): void {
  const plan = redirs.length ? childFds(it, redirs, targets) : undefined;
  if (plan === null) return it.done(redirFailStatus(it.dialect), ee);
  const err = plan ? plan.map[2] : 2;
  if (err !== null && err !== undefined) it.errorLine(notFound(it.dialect, name), err);
  if (plan) for (const t of plan.temps) it.p.close(t);
  it.done(127, ee);
}

/**
 * `cmd > file` / `cmd >> file` for a shell with just fds 0–2: the kernel runs an inline command
 * with its stdout in the file, without the descriptor shuffle (open, hand over, close) of the
 * general path. Undefined when that path is needed (then it also reports any error).
 */
function runToFile(it: Interp, path: string, argv: string[], env: Record<string, string>, r: Redir, target: string): RunResult | undefined {
  if ((r.op !== '>>' && (r.op !== '>' || it.s.opts.C)) || (r.fd !== null && r.fd !== 1) || !target || !onlyStdFds(it)) return undefined;
  const res = it.p.runToFile({ path, argv, env }, target, r.op === '>>');
  return res && !isExecError(res) ? res : undefined;
}

export function mayExec(it: Interp): boolean {
  const s = it.s;
  if (s.frames.length !== 1 || s.frames[0]!.k !== 'main' || s.input || s.opts.i) return false;
  if (!s.sub && s.mode !== 'c') return false;
  for (const v of s.traps.values()) if (v !== '') return false;
  return true;
}

export function trace(it: Interp, assigns: [string, string][], argv: string[]): void {
  const words = [...assigns.map(([k, v]) => `${k}=${it.dialect === 'bash' ? shellQuote(v) : v}`), ...argv.map((a) => (it.dialect === 'bash' ? shellQuote(a) : a))];
  it.p.write(2, `${it.param('PS4') ?? '+ '}${words.join(' ')}\n`);
}

const NONE: [string, string][] = [];
const NONE_S: string[] = [];
