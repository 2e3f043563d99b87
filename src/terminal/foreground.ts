// Which processes the terminal's Ctrl-C reaches. The runtime's shell has no job control, so there
// are no process groups to ask: the foreground job is what the shell waits for (a command, a
// pipeline's stages, a command substitution) and every process below those; background jobs
// (other children of the shell) are left alone, as a terminal's foreground group would be.
import type { Kernel, ShellState } from '../engine';

/** The state of the shell running as `pid` in `ns` (undefined once it has exec'd something else). */
export function shellStateOf(kernel: Kernel, ns: string, pid: number): ShellState | undefined {
  const st = kernel.record(ns, pid)?.state as ShellState | undefined;
  return st && typeof st === 'object' && 'frames' in st ? st : undefined;
}

/** The foreground job's pids; the shell itself when it waits in a builtin (read, wait). */
export function foregroundPids(kernel: Kernel, ns: string, shellPid: number, st: ShellState | undefined): number[] {
  const w = st?.wait;
  let roots: number[] = [];
  if (w?.k === 'fg' || w?.k === 'subst') roots = [w.pid];
  else if (w?.k === 'pipe') roots = [...w.pids];
  else if (w && w.k !== 'input') roots = [shellPid];
  const procs = kernel.processes(ns);
  const out = new Set(roots);
  for (let grew = true; grew;) {
    grew = false;
    for (const p of procs) {
      if (!out.has(p.pid) && out.has(p.ppid) && p.ppid !== shellPid && p.state !== 'Z') {
        out.add(p.pid);
        grew = true;
      }
    }
  }
  return [...out];
}
