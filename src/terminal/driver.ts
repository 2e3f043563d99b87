// Driving a session without a person or a wall clock (replay, tests): type, then let the
// foreground job run, moving virtual time only while it waits.
//
// Rules:
// - Promises run first (kubectl's steps are microtasks): the driver yields until nothing
//   asynchronous has happened for QUIET_TURNS turns. No real timers are involved.
// - A job waiting on a timer of its own (sleep, timeout, kubectl's --timeout or wait) gets time:
//   the clock jumps to its next task (cluster work due earlier runs first), again and again,
//   until the job finishes or waits for typing.
// - A job waiting with no deadline (`kubectl get pods -w`, `port-forward`, `logs -f` — a kubectl
//   sleeping the same interval three times in a row without output is polling) gets time
//   in the same steps until it has printed nothing for `quietMs` of virtual time (default 10 s)
//   or has run for `maxMs` (default 30 s); then the driver presses Ctrl-C and `^C` shows. A job
//   that keeps printing on timers of its own (`watch`, a `while ...; sleep 2; done` loop) is
//   stopped the same way once it has run for `maxMs`.
// - A job that reads what is typed (`read`, `kubectl apply -f -`, `exec -it`) and a shell at
//   PS2 hand control back: the next line is typed into it.
// - Back at the prompt, the cluster work due at this instant runs before the next line is typed
//   (a person takes longer than that to type).
import type { HostSession } from './session';

export interface DriveOptions {
  quietMs?: number;
  maxMs?: number;
}

export type Settled = 'idle' | 'input' | 'closed';

const QUIET_TURNS = 100;
/** clock steps one command may take before the driver gives up on it (a busy loop) */
const MAX_STEPS = 200_000;

/** Let promise chains run until nothing asynchronous happens for a while. */
export async function quiesce(session: HostSession): Promise<void> {
  let last = session.activity;
  for (let quiet = 0, turns = 0; quiet < QUIET_TURNS && turns < 1_000_000; turns++) {
    await Promise.resolve();
    if (session.pendingCompletion) await session.pendingCompletion;
    if (session.activity !== last) {
      last = session.activity;
      quiet = 0;
    } else quiet++;
  }
}

/** Run the foreground job until the shell prompts again, wants typing, or has exited. */
export async function settle(session: HostSession, opts: DriveOptions = {}): Promise<Settled> {
  const quietMs = opts.quietMs ?? 10_000;
  const maxMs = opts.maxMs ?? 30_000;
  const clock = session.cluster.clock;
  const started = clock.now();
  let interrupts = 0;
  for (let steps = 0; ; steps++) {
    await quiesce(session);
    session.update();
    if (session.closed) return 'closed';
    if (session.atPrompt()) {
      if (!session.isIdle()) return 'input';
      // typing the next line takes a person a moment: the cluster work due by now (a kubelet
      // reacting to a manifest just written, a controller's queue) runs before it
      if (clock.nextAt() !== undefined && clock.nextAt()! <= clock.now()) {
        clock.runUntilIdle();
        session.clockMoved();
        continue;
      }
      return 'idle';
    }
    const fg = session.foreground();
    if (fg.wantsInput) return 'input';
    // a job on timers of its own that keeps printing (watch, a polling loop) is capped like a watch
    const repeating = session.lastOutputAt > started && clock.now() - started >= maxMs;
    if (fg.timers && !repeating && steps < MAX_STEPS) {
      clock.skipToNext();
      session.clockMoved();
      continue;
    }
    const deadline = Math.min(Math.max(session.lastOutputAt, started) + quietMs, started + maxMs);
    if (clock.now() >= deadline || steps >= MAX_STEPS) {
      // a job that survives two interrupts is left running: the next line is typed into it
      if (++interrupts > 2) return 'input';
      session.input('\x03');
      continue;
    }
    if (!clock.skipToNext(deadline - clock.now())) clock.advance(deadline - clock.now());
    session.clockMoved();
  }
}
