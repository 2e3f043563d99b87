// Pipelines, subshells and background jobs: each is a fork of the shell running one unit, with
// the fds it needs; the shell then waits for the pipeline, the subshell, or nothing (`&`). What a
// child's exit and a signal do to what the shell waits for.
import { signalNumber, type ExitStatus, type SignalName } from '../process/types';
import { baseFds } from './redirect';
import type { Interp } from './shell';
import { forkState, type Frame, type Job } from './state';
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
  // bash jobs.c: a new job takes the number after the highest one in the table (1 when it is empty)
  const n = s.jobs.length ? jobNumber(s.jobs, s.jobs.length - 1) + 1 : 1;
  s.jobs.push({ pid, text: ins.text, st: null, n });
  if (s.jobs.length > 64) s.jobs = s.jobs.filter((j) => j.st === null || j.pid === pid);
  s.bang = pid;
  if (s.opts.i) p.write(2, `[${n}] ${pid}\n`);
  s.st = 0;
}

/** A job's number: kept since it started (older saved sessions: its place in the table). */
export function jobNumber(jobs: readonly Job[], i: number): number {
  return jobs[i]!.n ?? i + 1;
}

/**
 * bash jobs.c get_job_spec: `%N`, `%%`/`%+`/`%` (the current job, the newest), `%-` (the one
 * before it), `%name` (the job whose command starts so). The index in the table, or undefined.
 */
export function findJob(jobs: readonly Job[], spec: string): number | undefined {
  const body = spec.slice(1);
  if (body === '' || body === '%' || body === '+') return jobs.length ? jobs.length - 1 : undefined;
  if (body === '-') return jobs.length > 1 ? jobs.length - 2 : jobs.length ? 0 : undefined;
  if (/^\d+$/.test(body)) {
    const i = jobs.findIndex((_, k) => jobNumber(jobs, k) === Number(body));
    return i < 0 ? undefined : i;
  }
  const matches = jobs.map((j, k) => (j.text.startsWith(body) ? k : -1)).filter((k) => k >= 0);
  return matches.length === 1 ? matches[0] : undefined;
}

// strsignal(3) as glibc words it, which bash prints for a job a signal ended
const SIGNAL_TEXT: Partial<Record<SignalName, string>> = {
  HUP: 'Hangup', INT: 'Interrupt', QUIT: 'Quit', KILL: 'Killed', TERM: 'Terminated', PIPE: 'Broken pipe',
  ALRM: 'Alarm clock', USR1: 'User defined signal 1', USR2: 'User defined signal 2', ABRT: 'Aborted', SEGV: 'Segmentation fault',
};

/**
 * bash jobs.c pretty_print_job: `[N]+  State                   command`, `+` marking the current
 * job and `-` the previous one; a running job's command ends in ` &`.
 */
export function jobLine(jobs: readonly Job[], i: number): string {
  const j = jobs[i]!;
  const mark = i === jobs.length - 1 ? '+' : i === jobs.length - 2 ? '-' : ' ';
  const state = j.st === null ? 'Running'
    : j.sig ? SIGNAL_TEXT[j.sig] ?? `Signal ${signalNumber(j.sig)}`
    : j.st === 0 ? 'Done' : `Exit ${j.st}`;
  return `[${jobNumber(jobs, i)}]${mark}  ${state.padEnd(22)}  ${j.text}${j.st === null ? ' &' : ''}\n`;
}

/** bash jobs.c notify_and_cleanup: before a prompt, say which jobs ended and forget them. */
export function notifyJobs(it: Interp): void {
  const s = it.s;
  if (!s.jobs.some((j) => j.st !== null)) return;
  let text = '';
  s.jobs.forEach((j, i) => {
    if (j.st !== null) text += jobLine(s.jobs, i);
  });
  s.jobs = s.jobs.filter((j) => j.st === null);
  it.p.write(2, text);
}

export function childExited(it: Interp, pid: number, status: ExitStatus): void {
  const s = it.s;
  for (const job of s.jobs) {
    if (job.pid !== pid) continue;
    job.st = status.code;
    if (status.signal) job.sig = status.signal;
  }
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
