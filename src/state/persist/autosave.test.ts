import { describe, expect, it } from 'vitest';
import { AUTOSAVE_INTERVAL_MS, Autosaver, CLOCK_SAVE_INTERVAL_MS, type AutosaveDeps } from './autosave';

/** Hand-driven timers: the test decides when a second passes and when the page is idle. */
function harness(opts: { write?: (text: string) => Promise<void>; blocked?: () => string | undefined } = {}) {
  let intervalFn: (() => void) | undefined;
  let intervalMs = 0;
  const idle: (() => void)[] = [];
  let wall = 1_000_000;
  let watch = 0;
  let n = 0;
  const written: string[] = [];
  const deps: AutosaveDeps = {
    capture: () => {
      watch += 40; // the capture "takes" 40 ms
      return `save ${++n}`;
    },
    write: opts.write ?? (async (text) => void written.push(text)),
    wallClock: () => wall,
    stopwatch: () => watch,
    whenIdle: (fn) => {
      idle.push(fn);
      return () => idle.splice(idle.indexOf(fn), 1);
    },
    every: (fn, ms) => {
      intervalFn = fn;
      intervalMs = ms;
      return () => (intervalFn = undefined);
    },
    blocked: opts.blocked,
  };
  const saver = new Autosaver(deps);
  return {
    saver,
    written,
    idle,
    intervalMs: () => intervalMs,
    second: () => {
      wall += 1000;
      intervalFn?.();
    },
    runIdle: async () => {
      for (const fn of idle.splice(0)) fn();
      await saver.flush();
    },
  };
}

describe('Autosaver', () => {
  it('writes nothing while another tab saves, and says so in its status', async () => {
    let blocked: string | undefined = 'another tab saves';
    const h = harness({ blocked: () => blocked });
    h.saver.markChanged();
    h.second();
    await h.runIdle();
    await h.saver.flush();
    expect(h.written).toEqual([]);
    expect(h.saver.getStatus()).toMatchObject({ dirty: true, error: 'another tab saves' });
    blocked = undefined;
    h.second();
    await h.runIdle();
    expect(h.written).toEqual(['save 1']);
    expect(h.saver.getStatus()).toMatchObject({ dirty: false, error: undefined });
  });

  it('says at once that another tab saves, even when only the cluster time moved', () => {
    const h = harness({ blocked: () => 'another tab saves' });
    h.saver.markChanged('clock');
    h.second();
    expect(h.saver.getStatus()).toMatchObject({ dirty: true, error: 'another tab saves' });
    expect(h.idle).toHaveLength(0);
  });

  it('saves nothing while nothing changed', async () => {
    const h = harness();
    h.second();
    h.second();
    await h.runIdle();
    expect(h.written).toEqual([]);
    expect(h.intervalMs()).toBe(AUTOSAVE_INTERVAL_MS);
  });

  it('coalesces many changes into one save at the next idle time', async () => {
    const h = harness();
    for (let i = 0; i < 100; i++) h.saver.markChanged();
    expect(h.idle).toHaveLength(0); // nothing happens inside the change itself
    h.second();
    h.second(); // a second tick before idle does not schedule twice
    expect(h.idle).toHaveLength(1);
    await h.runIdle();
    expect(h.written).toEqual(['save 1']);
    const s = h.saver.getStatus();
    expect(s).toMatchObject({ dirty: false, writing: 0, saves: 1, captureMs: 40, error: undefined });
    expect(s.savedAt).toBe(1_002_000);
  });

  it('saves a change of the cluster time alone every CLOCK_SAVE_INTERVAL_MS, and any other change within a second', async () => {
    const h = harness();
    const seconds = CLOCK_SAVE_INTERVAL_MS / 1000;
    // the page's idle time comes (runIdle would also flush, as a closing page does)
    const idle = async () => {
      for (const fn of h.idle.splice(0)) fn();
      await Promise.resolve();
    };
    // the clock ticks on: no save until its interval has passed since the last capture
    for (let s = 1; s < seconds; s++) {
      h.saver.markChanged('clock');
      h.second();
      await idle();
    }
    expect(h.written).toEqual([]);
    expect(h.saver.getStatus().dirty).toBe(true);
    h.saver.markChanged('clock');
    h.second();
    await idle();
    await h.saver.flush(); // the write settles
    expect(h.written).toEqual(['save 1']);
    // a change of the learner's among clock ticks: saved at the next second
    h.saver.markChanged('clock');
    h.saver.markChanged('work');
    h.saver.markChanged('clock');
    h.second();
    await idle();
    await h.saver.flush();
    expect(h.written).toEqual(['save 1', 'save 2']);
    // the page closing saves the time at once
    h.saver.markChanged('clock');
    await h.saver.flush();
    expect(h.written).toEqual(['save 1', 'save 2', 'save 3']);
  });

  it('saves again after further changes', async () => {
    const h = harness();
    h.saver.markChanged();
    h.second();
    await h.runIdle();
    h.saver.markChanged();
    h.second();
    await h.runIdle();
    expect(h.written).toEqual(['save 1', 'save 2']);
  });

  it('flush saves pending changes at once, and only then', async () => {
    const h = harness();
    await h.saver.flush();
    expect(h.written).toEqual([]);
    h.saver.markChanged();
    await h.saver.flush();
    expect(h.written).toEqual(['save 1']);
  });

  it('keeps the changes dirty and reports when a write fails, then recovers', async () => {
    let fail = true;
    const written: string[] = [];
    const h = harness({ write: async (t) => (fail ? Promise.reject(new Error('QuotaExceededError')) : void written.push(t)) });
    h.saver.markChanged();
    await h.saver.flush();
    expect(h.saver.getStatus()).toMatchObject({ dirty: true, saves: 0, error: 'saving failed: QuotaExceededError' });
    fail = false;
    h.second();
    await h.runIdle();
    expect(written).toEqual(['save 2']);
    expect(h.saver.getStatus()).toMatchObject({ dirty: false, saves: 1, error: undefined });
  });

  it('writes in order even when an earlier write is slow', async () => {
    const order: string[] = [];
    let release: () => void = () => undefined;
    const slow = new Promise<void>((r) => (release = r));
    const h = harness({ write: async (t) => (t === 'save 1' ? slow.then(() => void order.push(t)) : void order.push(t)) });
    h.saver.markChanged();
    const first = h.saver.saveNow();
    h.saver.markChanged();
    const second = h.saver.saveNow();
    expect(h.saver.getStatus()).toMatchObject({ dirty: false, writing: 2, saves: 0 });
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['save 1', 'save 2']);
    expect(h.saver.getStatus()).toMatchObject({ writing: 0, saves: 2 });
  });

  it('notifies subscribers and stops cleanly', async () => {
    const h = harness();
    let calls = 0;
    h.saver.subscribe(() => calls++);
    h.saver.markChanged();
    expect(calls).toBe(1);
    h.saver.stop();
    h.saver.markChanged();
    h.second();
    expect(h.idle).toHaveLength(0);
    await h.saver.saveNow();
    expect(h.written).toEqual([]);
  });
});
