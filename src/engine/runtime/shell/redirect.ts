// Redirections: opening their targets, applying them to the shell's own fds (builtins, compound
// commands, `exec`) and undoing that, or building the fd map a child starts with.
import type { Redir } from './ast';
import { redirFailure } from './dialect';
import { expandString } from './expand';
import type { Interp } from './shell';
import { resolvePath } from '../fs/path';

export function expandRedirTargets(it: Interp, redirs: Redir[]): string[] {
  return redirs.map((r) => {
    if (r.op === '<<' || r.op === '<<-') return r.here ? expandString(r.here, it) : '';
    if (r.op === '<<<') return `${expandString(r.target, it)}\n`;
    return expandString(r.target, it);
  });
}

/** The fds a child starts with: the shell's own 0–9 (≥ 10 are the shell's private copies). */
export function baseFds(it: Interp): (number | null)[] {
  const p = it.p;
  const map: (number | null)[] = [];
  for (let i = 0; i < 10; i++) map.push(p.isOpen(i) ? i : null);
  return map;
}

/** Whether the shell has exactly fds 0, 1 and 2 below 10 (a child then gets STD_FDS). */
export function onlyStdFds(it: Interp): boolean {
  const p = it.p;
  if (!p.isOpen(0) || !p.isOpen(1) || !p.isOpen(2)) return false;
  for (let i = 3; i < 10; i++) if (p.isOpen(i)) return false;
  return true;
}

/** Open every redirection: a list of [fd, source fd (or null to close), temporary]. */
export function openRedirs(it: Interp, redirs: Redir[], targets: string[]): [number, number | null, boolean][] | null {
  const p = it.p;
  const plan: [number, number | null, boolean][] = [];
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
        if (r.op === '<&' || it.dialect !== 'bash' || r.fd !== null) {
          // dash/ash: ">&word" needs a number
          it.errorLine(it.dialect === 'bash' ? `${t}: ambiguous redirect` : `Syntax error: Bad fd number`);
          return abandon(it, plan);
        }
        const o = openFile(it, t, 'w');
        if (o < 0) return abandon(it, plan);
        plan.push([1, o, true], [2, o, false]);
        break;
      }
      case '&>':
      case '&>>': {
        const o = openFile(it, t, r.op === '&>' ? 'w' : 'a');
        if (o < 0) return abandon(it, plan);
        plan.push([1, o, true], [2, o, false]);
        break;
      }
      default: {
        if (r.op === '>' && it.s.opts.C) {
          try {
            if (p.fs.stat(resolvePath(p.cwd, t)).type === 'file') {
              // bash redir.c: "cannot overwrite existing file"; dash: "cannot create %s: File exists"
              it.errorLine(it.dialect === 'bash' ? `${t}: cannot overwrite existing file` : redirFailure(it.dialect, t, 'EEXIST', true));
              return abandon(it, plan);
            }
          } catch {
            /* does not exist: fine */
          }
        }
        const mode = r.op === '<' ? 'r' : r.op === '>>' ? 'a' : r.op === '<>' ? 'rw' : 'w';
        const o = openFile(it, t, mode);
        if (o < 0) return abandon(it, plan);
        plan.push([fd, o, true]);
      }
    }
  }
  return plan;
}

/** Close what a failed openRedirs had opened so far. */
function abandon(it: Interp, plan: [number, number | null, boolean][]): null {
  for (const [, src, temp] of plan) if (temp && src !== null) it.p.close(src);
  return null;
}

export function openFile(it: Interp, path: string, mode: 'r' | 'w' | 'a' | 'rw'): number {
  const res = it.p.open(path, mode, 10);
  if (typeof res === 'number') return res;
  if (path === '') {
    // bash: ": No such file or directory" for an empty target; dash: "cannot create : Directory nonexistent"
    it.errorLine(redirFailure(it.dialect, path, 'ENOENT', mode !== 'r'));
    return -1;
  }
  it.errorLine(redirFailure(it.dialect, path, res.code, mode !== 'r'));
  return -1;
}

/** Apply redirections to the shell's own fds; returns what to restore (null on failure). */
export function redirectSelf(it: Interp, redirs: Redir[], targets: string[], permanent: boolean): [number, number][] | null {
  const p = it.p;
  const plan = openRedirs(it, redirs, targets);
  if (!plan) return null;
  const saved: [number, number][] = [];
  for (let i = 0; i < plan.length; i++) {
    const [fd, src, temp] = plan[i]!;
    if (src !== null && !p.isOpen(src)) {
      it.errorLine(`${src}: Bad file descriptor`);
      for (let j = i; j < plan.length; j++) if (plan[j]![2] && plan[j]![1] !== null) p.close(plan[j]![1]!);
      restoreFds(it, saved);
      return null;
    }
    if (!permanent && !saved.some((x) => x[0] === fd)) saved.push([fd, p.isOpen(fd) ? p.dup(fd, 10) : -1]);
    if (src === null) p.close(fd);
    else p.dup2(src, fd);
    if (temp && src !== null && src !== fd) p.close(src);
  }
  return saved;
}

export function restoreFds(it: Interp, saved: [number, number][]): void {
  const p = it.p;
  for (let i = saved.length - 1; i >= 0; i--) {
    const [fd, copy] = saved[i]!;
    if (copy >= 0) {
      p.dup2(copy, fd);
      p.close(copy);
    } else p.close(fd);
  }
}

/** A child's fd map with the redirections applied, and the temporary fds to close after spawn. */
export function childFds(it: Interp, redirs: Redir[], targets: string[]): { map: (number | null)[]; temps: number[] } | null {
  // the common case (no redirection, only the standard fds) shares one map
  const std = onlyStdFds(it);
  if (!redirs.length) return { map: std ? STD_FDS : baseFds(it), temps: NONE_N };
  const map: (number | null)[] = std ? [0, 1, 2] : baseFds(it);
  const plan = openRedirs(it, redirs, targets);
  if (!plan) return null;
  let temps: number[] = NONE_N;
  for (const [fd, src, temp] of plan) {
    while (map.length <= fd) map.push(null);
    if (src === null) map[fd] = null;
    else if (temp) {
      map[fd] = src;
      // a one-element literal for the usual single redirection
      if (temps === NONE_N) temps = [src];
      else temps.push(src);
    } else {
      const from = map[src];
      if (from === undefined || from === null) {
        it.errorLine(`${src}: Bad file descriptor`);
        for (const t of temps) it.p.close(t);
        return null;
      }
      map[fd] = from;
    }
  }
  return { map, temps };
}

const NONE_N: number[] = [];
/** A child's fd map when the shell has just 0, 1 and 2 (shared: the kernel only reads fd maps). */
const STD_FDS: (number | null)[] = [0, 1, 2];
