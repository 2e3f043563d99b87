// Redirections: opening their targets, applying them to the shell's own fds (builtins, compound
// commands, `exec`) and undoing that, or building the fd map a child starts with.
import type { Redir } from './ast';
import { redirFailure } from './dialect';
import { expandString } from './expand';
import type { Interp } from './shell';
import { resolvePath } from '../fs/path';

export function expandRedirTargets(it: Interp, redirs: Redir[]): string[] {
  const out = new Array<string>(redirs.length);
  for (let i = 0; i < redirs.length; i++) {
    const r = redirs[i]!;
    if (r.op === '<<' || r.op === '<<-') out[i] = r.here ? expandString(r.here, it) : '';
    else if (r.op === '<<<') out[i] = `${expandString(r.target, it)}\n`;
    else out[i] = expandString(r.target, it);
  }
  return out;
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

/**
 * What the redirections of one command do, flat (one array per command, not one per redirection):
 * for each, in order, the fd, the source fd (CLOSE: close the fd) and whether the source is a
 * temporary the shell opened for it (TEMP) or one of its own fds (0).
 */
export type RedirPlan = number[];
const CLOSE = -1;
const TEMP = 1;

/** Open every redirection (see RedirPlan). */
export function openRedirs(it: Interp, redirs: Redir[], targets: string[]): RedirPlan | null {
  const p = it.p;
  const plan: RedirPlan = [];
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
        plan.push(fd, rd, TEMP);
        break;
      }
      case '>&':
      case '<&': {
        if (t === '-') {
          plan.push(fd, CLOSE, 0);
          break;
        }
        if (/^\d+$/.test(t)) {
          plan.push(fd, Number(t), 0);
          break;
        }
        if (r.op === '<&' || it.dialect !== 'bash' || r.fd !== null) {
          // dash/ash: ">&word" needs a number
          it.errorLine(it.dialect === 'bash' ? `${t}: ambiguous redirect` : `Syntax error: Bad fd number`);
          return abandon(it, plan);
        }
        const o = openFile(it, t, 'w');
        if (o < 0) return abandon(it, plan);
        plan.push(1, o, TEMP, 2, o, 0);
        break;
      }
      case '&>':
      case '&>>': {
        const o = openFile(it, t, r.op === '&>' ? 'w' : 'a');
        if (o < 0) return abandon(it, plan);
        plan.push(1, o, TEMP, 2, o, 0);
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
        plan.push(fd, o, TEMP);
      }
    }
  }
  return plan;
}

/** Close the temporaries of a plan from its `from`-th redirection on (all: what a failed openRedirs had opened). */
function abandon(it: Interp, plan: RedirPlan, from = 0): null {
  for (let i = from * 3; i < plan.length; i += 3) if (plan[i + 2] === TEMP && plan[i + 1] !== CLOSE) it.p.close(plan[i + 1]!);
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
  for (let i = 0; i < plan.length; i += 3) {
    const fd = plan[i]!;
    const src = plan[i + 1]!;
    if (src !== CLOSE && !p.isOpen(src)) {
      it.errorLine(`${src}: Bad file descriptor`);
      abandon(it, plan, i / 3);
      restoreFds(it, saved);
      return null;
    }
    if (!permanent && !saved.some((x) => x[0] === fd)) saved.push([fd, p.isOpen(fd) ? p.dup(fd, 10) : -1]);
    if (src === CLOSE) p.close(fd);
    else p.dup2(src, fd);
    if (plan[i + 2] === TEMP && src !== CLOSE && src !== fd) p.close(src);
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
export function childFds(it: Interp, redirs: Redir[], targets: string[]): ChildFds | null {
  // the common case (no redirection, only the standard fds) shares one plan
  const std = onlyStdFds(it);
  if (!redirs.length) return std ? STD_CHILD : { map: baseFds(it), temps: NONE_N };
  const map: (number | null)[] = std ? [0, 1, 2] : baseFds(it);
  const plan = openRedirs(it, redirs, targets);
  if (!plan) return null;
  let temps: number[] = NONE_N;
  for (let i = 0; i < plan.length; i += 3) {
    const fd = plan[i]!;
    const src = plan[i + 1]!;
    while (map.length <= fd) map.push(null);
    if (src === CLOSE) map[fd] = null;
    else if (plan[i + 2] === TEMP) {
      map[fd] = src;
      // a one-element literal for the usual single redirection
      if (temps === NONE_N) temps = [src];
      else temps.push(src);
    } else {
      const from = map[src];
      if (from === undefined || from === null) {
        it.errorLine(`${src}: Bad file descriptor`);
        for (const t of temps) it.p.close(t);
        return abandon(it, plan, i / 3 + 1);
      }
      map[fd] = from;
    }
  }
  return { map, temps };
}

/** A child's fds: the fd map for spawn, and the temporaries to close once it is spawned. */
export interface ChildFds {
  readonly map: (number | null)[];
  readonly temps: readonly number[];
}

const NONE_N: number[] = [];
/** A child of a shell with just fds 0, 1 and 2 and no redirections (shared: the kernel only reads fd maps). */
const STD_CHILD: ChildFds = Object.freeze({ map: [0, 1, 2], temps: NONE_N });
