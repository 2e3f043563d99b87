// Pipelines, subshells and background jobs: each is a fork of the shell running one unit, with
// the fds it needs; the shell then waits for the pipeline, the subshell, or nothing (`&`). What a
// child's exit and a signal do to what the shell waits for.
import { signalNumber, type ExitStatus, type SignalName } from '../process/types';
import { baseFds } from './redirect';
import type { Interp } from './shell';
import { forkState, type Frame } from './state';
import type { Instr } from './compile';
import { substDone } from './subst';

export function pipeline(it: Interp, f: Frame, ins: Extract<Instr, { op: 'pipe' }>): void {
  const p = it.p;
  const s = it.s;
  f.pc++;
  const pids: number[] = [];
  let prev = -1;
  ins.units.forEach((unit, i) => {
    const map = baseFds(it);
    let r = -1;
    let w = -1;
    if (i < ins.units.length - 1) {
      [r, w] = p.pipe(10);
      map[1] = w;
    }
    if (prev >= 0) map[0] = prev;
    pids.push(p.fork({ state: forkState(s, f.s, unit, [...it.positional()]), fds: map }));
    if (prev >= 0) p.close(prev);
    if (w >= 0) p.close(w);
    prev = r;
  });
  s.wait = { k: 'pipe', pids, sts: pids.map(() => null), bang: ins.bang, ee: ins.ee };
}

export function subshell(it: Interp, f: Frame, ins: Extract<Instr, { op: 'sub' }>): void {
  f.pc++;
  const pid = it.p.fork({ state: forkState(it.s, f.s, ins.unit, [...it.positional()]), fds: baseFds(it) });
  it.s.wait = { k: 'fg', pid, ee: ins.ee };
}

export function background(it: Interp, f: Frame, ins: Extract<Instr, { op: 'bg' }>): void {
  const p = it.p;
  const s = it.s;
  f.pc++;
  const map = baseFds(it);
  let devnull = -1;
  if (!s.opts.i) {
    // XCU 2.9.3: without job control, an asynchronous list's stdin is /dev/null
    const fd = p.open('/dev/null', 'r', 10);
    if (typeof fd === 'number') map[0] = devnull = fd;
  }
  const pid = p.fork({ state: forkState(s, f.s, ins.unit, [...it.positional()]), fds: map });
  if (devnull >= 0) p.close(devnull);
  s.jobs.push({ pid, text: ins.text, st: null });
  if (s.jobs.length > 64) s.jobs = s.jobs.filter((j) => j.st === null || j.pid === pid);
  s.bang = pid;
  if (s.opts.i) p.write(2, `[${s.jobs.length}] ${pid}\n`);
  s.st = 0;
}

export function childExited(it: Interp, pid: number, status: ExitStatus): void {
  const s = it.s;
  for (const job of s.jobs) if (job.pid === pid) job.st = status.code;
  const w = s.wait;
  if (!w) return;
  if (w.k === 'fg' && w.pid === pid) {
    s.wait = null;
    if (w.after) it.finishAfter(w.after, status.code);
    else it.done(status.code, w.ee);
  } else if (w.k === 'pipe') {
    const i = w.pids.indexOf(pid);
    if (i < 0) return;
    w.sts[i] = status.code;
    if (w.sts.some((x) => x === null)) return;
    s.wait = null;
    let st = w.sts[w.sts.length - 1]!;
    if (s.opts.pipefail) st = [...w.sts].reverse().find((x) => x !== 0) ?? 0;
    if (w.bang) st = st === 0 ? 1 : 0;
    it.done(st, w.ee);
  } else if (w.k === 'subst' && w.pid === pid) {
    w.st = status.code;
    if (w.fd < 0) substDone(it, w);
  } else if (w.k === 'wait') {
    const st = it.waitStatus(w.pids);
    if (st !== undefined) {
      s.wait = null;
      it.finishAfter(w.after, st);
    }
  }
}

export function signalled(it: Interp, sig: SignalName): void {
  const s = it.s;
  // like the kernel's pending-signal bits: one of each kind waits at a time
  if ((s.traps.has(sig) || (s.opts.i && sig === 'INT')) && !s.pend.includes(sig)) s.pend.push(sig);
  const w = s.wait;
  const code = 128 + signalNumber(sig);
  // wait, read and reading input are interrupted by a trapped signal; a foreground child is not
  // (the trap runs once it has finished, as in every POSIX shell)
  if (w?.k === 'wait') {
    s.wait = null;
    it.finishAfter(w.after, code);
  } else if (w?.k === 'read') {
    s.wait = null;
    if (w.timer !== undefined) it.p.clearTimer(w.timer);
    it.finishAfter(w.after, code);
  } else if (w?.k === 'input' && s.opts.i && sig === 'INT') {
    s.wait = null;
    s.input!.buf = '';
    s.input!.prompted = false;
    it.p.write(2, '\n');
    s.st = code;
  } else if (w?.k === 'slice') {
    s.wait = null;
  }
}
