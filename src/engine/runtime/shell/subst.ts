// Command substitution, $(...) and `...`: a builtin or one external command with literal words
// runs without a subshell; anything else is a forked subshell whose stdout is read through a pipe.
// When the output is not complete yet the shell waits and the instruction runs again later.
import { isExecError } from '../process/program';
import { builtinNamed, SPECIAL_BUILTINS } from './builtins';
import { notFound } from './dialect';
import type { CmdPart } from './expand';
import { baseFds } from './redirect';
import type { Interp } from './shell';
import { forkState, type Wait } from './state';

/** Run a command substitution: [output, status] now, or null after setting up a wait. */
export function startSubst(it: Interp, part: CmdPart): [string, number] | null {
  const p = it.p;
  const s = it.s;
  const f = s.frames[s.frames.length - 1]!;
  if (part.fast && !s.funcs.has(part.fast[0]!)) {
    // One command with literal words: no subshell needed (bash and dash exec it directly).
    const name = part.fast[0]!;
    const b = builtinNamed(name);
    if (b && PURE_BUILTINS.has(name) && it.hasBuiltin(name)) {
      const prev = it.capture;
      it.capture = '';
      it.cmdName = name;
      const st = b(it, [...part.fast]) as number;
      it.cmdName = undefined;
      const out = it.capture;
      it.capture = prev;
      return [stripNewlines(out), st];
    }
    if (!b && !SPECIAL_BUILTINS.has(name)) {
      const path = it.findCommand(name);
      if (path === undefined) {
        it.errorLine(notFound(it.dialect, name));
        return ['', 127];
      }
      const [r, w] = p.pipe(10);
      const res = p.run({ path, argv: part.fast, env: it.environment(), fds: [0, w, 2], captureStdout: true });
      p.close(w);
      if (isExecError(res)) {
        p.close(r);
        return ['', it.execFailed(name, res)];
      }
      if (res.status) {
        p.close(r);
        return [stripNewlines(res.out), res.status.code];
      }
      return collectSubst(it, { k: 'subst', fd: r, pid: res.pid, out: '', st: null });
    }
  }
  const [r, w] = p.pipe(10);
  const map = baseFds(it);
  map[1] = w;
  const pid = p.fork({ state: forkState(s, f.s, part.unit!, [...it.positional()]), fds: map });
  p.close(w);
  return collectSubst(it, { k: 'subst', fd: r, pid, out: '', st: null });
}

/** Read a substitution's pipe; [output, status] when complete, else null with the wait set. */
export function collectSubst(it: Interp, w: Extract<Wait, { k: 'subst' }>): [string, number] | null {
  const p = it.p;
  while (w.fd >= 0) {
    const chunk = p.read(w.fd, 'all');
    if (chunk === null) {
      it.s.wait = w;
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
      it.s.wait = w;
      return null;
    }
    w.st = st.code;
  }
  return [stripNewlines(w.out), w.st];
}

/** Called from events: keep collecting; true when the instruction can be re-run. */
export function substDone(it: Interp, w: Extract<Wait, { k: 'subst' }>): boolean {
  const res = collectSubst(it, w);
  if (!res) return false;
  it.s.wait = null;
  (it.s.exp ??= { log: [] }).log.push(res);
  return true;
}

/** Builtins whose output a command substitution can take without a subshell (no side effects). */
const PURE_BUILTINS = new Set(['echo', 'printf', 'pwd', 'true', 'false', ':', 'test', '[', 'type', 'command']);

/** $(...) drops trailing newlines. */
function stripNewlines(s: string): string {
  let end = s.length;
  while (end > 0 && s.charCodeAt(end - 1) === 10) end--;
  return end === s.length ? s : s.slice(0, end);
}
