import { describe, expect, it } from 'vitest';
import { Clock, toRFC3339, toRFC3339Micro } from './clock';

function recorder(clock: Clock) {
  const log: string[] = [];
  clock.register('log', (data: string) => log.push(`${clock.now() - 0}:${data}`));
  return log;
}

describe('Clock', () => {
  it('runs due tasks in time order, ties in scheduling order, and moves time to each', () => {
    const c = new Clock(0);
    const log = recorder(c);
    c.schedule(30, 'log', 'c');
    c.schedule(10, 'log', 'a');
    c.schedule(10, 'log', 'b');
    c.advance(20);
    expect(log).toEqual(['10:a', '10:b']);
    expect(c.now()).toBe(20);
    c.advance(100);
    expect(log).toEqual(['10:a', '10:b', '30:c']);
    expect(c.now()).toBe(120);
  });

  it('runs work scheduled by a handler within the same advance when it falls due', () => {
    const c = new Clock(0);
    const log: number[] = [];
    c.register('tick', (n: number) => {
      log.push(c.now());
      if (n > 0) c.schedule(1000, 'tick', n - 1);
    });
    c.schedule(0, 'tick', 3);
    c.advance(2500);
    expect(log).toEqual([0, 1000, 2000]);
    c.advance(1000);
    expect(log).toEqual([0, 1000, 2000, 3000]);
  });

  it('cancels tasks', () => {
    const c = new Clock(0);
    const log = recorder(c);
    const id = c.schedule(5, 'log', 'x');
    c.schedule(6, 'log', 'y');
    c.cancel(id);
    c.advance(10);
    expect(log).toEqual(['6:y']);
    expect(c.nextAt()).toBeUndefined();
  });

  it('runUntilIdle runs only what is due now', () => {
    const c = new Clock(0);
    const log = recorder(c);
    c.schedule(0, 'log', 'now');
    c.schedule(1, 'log', 'later');
    c.runUntilIdle();
    expect(log).toEqual(['0:now']);
    expect(c.now()).toBe(0);
  });

  it('advanceUntil stops at the predicate or the limit', () => {
    const c = new Clock(0);
    let count = 0;
    c.register('inc', () => {
      count++;
      c.schedule(100, 'inc');
    });
    c.schedule(100, 'inc');
    expect(c.advanceUntil(() => count === 3, 10_000)).toBe(true);
    expect(c.now()).toBe(300);
    expect(c.advanceUntil(() => count === 1000, 1000)).toBe(false);
    expect(c.now()).toBe(1300);
    expect(count).toBe(13);
  });

  it('snapshots pending tasks and continues identically after restore', () => {
    const run = (c: Clock, log: string[]) => {
      c.register('echo', (d: { n: number }) => {
        log.push(`${c.now()}:${d.n}`);
        if (d.n < 5) c.schedule(d.n * 7, 'echo', { n: d.n + 1 });
      });
    };
    const a = new Clock(1000);
    const logA: string[] = [];
    run(a, logA);
    a.schedule(3, 'echo', { n: 1 });
    const dropped = a.schedule(4, 'echo', { n: 99 });
    a.cancel(dropped);
    a.advance(10);
    const snap = JSON.parse(JSON.stringify(a.snapshot()));
    const b = new Clock(0);
    const logB: string[] = [];
    run(b, logB);
    b.restore(snap);
    a.advance(100);
    b.advance(100);
    expect(logB).toEqual(logA.slice(logA.length - logB.length));
    expect(b.now()).toBe(a.now());
    expect(b.snapshot()).toEqual(a.snapshot());
  });

  it('refuses re-entrant advance and unknown targets', () => {
    const c = new Clock(0);
    c.register('reenter', () => c.advance(1));
    c.schedule(0, 'reenter');
    expect(() => c.advance(1)).toThrow(/inside a timer handler/);
    c.schedule(0, 'nobody');
    expect(() => c.advance(1)).toThrow(/no handler/);
  });

  it('formats metav1.Time and MicroTime', () => {
    expect(toRFC3339(Date.UTC(2026, 10, 21, 12, 11, 31, 900))).toBe('2026-11-21T12:11:31Z');
    expect(toRFC3339Micro(Date.UTC(2026, 10, 21, 12, 11, 31, 900))).toBe('2026-11-21T12:11:31.900000Z');
  });
});
