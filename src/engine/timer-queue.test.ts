import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../shared/random';
import { TimerQueue, type Timed } from './timer-queue';

const byDue = (a: Timed, b: Timed): number => a.at - b.at || a.seq - b.seq;

function drain(q: TimerQueue<Timed>): Timed[] {
  const out: Timed[] = [];
  for (let t = q.pop(); t !== undefined; t = q.pop()) out.push(t);
  return out;
}

describe('TimerQueue', () => {
  it('is empty at first', () => {
    const q = new TimerQueue<Timed>();
    expect(q.size).toBe(0);
    expect(q.peek()).toBeUndefined();
    expect(q.pop()).toBeUndefined();
  });

  it('pops by due time, and in scheduling order at one instant', () => {
    const q = new TimerQueue<Timed>();
    const tasks = [{ at: 5, seq: 1 }, { at: 3, seq: 2 }, { at: 5, seq: 3 }, { at: 1, seq: 4 }, { at: 3, seq: 5 }];
    for (const t of tasks) q.push(t);
    expect(q.peek()).toEqual({ at: 1, seq: 4 });
    expect(q.size).toBe(5);
    expect(drain(q).map((t) => t.seq)).toEqual([4, 2, 5, 1, 3]);
  });

  it('agrees with a sort under random pushes and pops', () => {
    const r = new SeededRandom(7);
    const q = new TimerQueue<Timed>();
    const model: Timed[] = [];
    let seq = 0;
    for (let step = 0; step < 5000; step++) {
      if (r.next() < 0.6 || !model.length) {
        // few distinct instants, so that ties are common
        const t = { at: r.int(40), seq: ++seq };
        q.push(t);
        model.push(t);
      } else {
        model.sort(byDue);
        expect(q.pop()).toBe(model.shift());
      }
      expect(q.size).toBe(model.length);
    }
    expect(drain(q)).toEqual(model.sort(byDue));
  });

  it('clears, and hands out a copy of what it holds', () => {
    const q = new TimerQueue<Timed>();
    q.push({ at: 2, seq: 1 });
    q.push({ at: 1, seq: 2 });
    const copy = q.toArray();
    copy.length = 0;
    expect(q.size).toBe(2);
    q.clear();
    expect(q.size).toBe(0);
    expect(q.pop()).toBeUndefined();
  });
});
