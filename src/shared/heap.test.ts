import { describe, it, expect } from 'vitest';
import { Heap } from './heap';
import { SeededRandom } from './random';

function drain<T>(h: Heap<T>): T[] {
  const out: T[] = [];
  for (let x = h.pop(); x !== undefined; x = h.pop()) out.push(x);
  return out;
}

describe('Heap', () => {
  it('is empty at first', () => {
    const h = new Heap<number>((a, b) => a - b);
    expect(h.size).toBe(0);
    expect(h.peek()).toBeUndefined();
    expect(h.pop()).toBeUndefined();
  });

  it('pops in compare order and peeks without removing', () => {
    const h = new Heap<number>((a, b) => a - b);
    for (const n of [5, 3, 9, 1, 7, 3]) h.push(n);
    expect(h.size).toBe(6);
    expect(h.peek()).toBe(1);
    expect(h.size).toBe(6);
    expect(drain(h)).toEqual([1, 3, 3, 5, 7, 9]);
    expect(h.size).toBe(0);
  });

  it('follows the compare function, so a reversed one gives a max-heap', () => {
    const h = new Heap<number>((a, b) => b - a);
    for (const n of [2, 8, 4]) h.push(n);
    expect(drain(h)).toEqual([8, 4, 2]);
  });

  it('breaks ties by a second key, as the clock does with seq', () => {
    const h = new Heap<{ at: number; seq: number }>((a, b) => a.at - b.at || a.seq - b.seq);
    const items = [{ at: 2, seq: 1 }, { at: 1, seq: 2 }, { at: 2, seq: 3 }, { at: 1, seq: 4 }];
    for (const it of items) h.push(it);
    expect(drain(h).map((t) => t.seq)).toEqual([2, 4, 1, 3]);
  });

  it('sorts a long random sequence with interleaved pushes and pops', () => {
    const random = new SeededRandom('heap');
    const h = new Heap<number>((a, b) => a - b);
    const model: number[] = [];
    for (let i = 0; i < 2000; i++) {
      if (model.length && random.int(3) === 0) {
        model.sort((a, b) => a - b);
        expect(h.pop()).toBe(model.shift());
      } else {
        const n = random.int(500);
        h.push(n);
        model.push(n);
      }
      expect(h.size).toBe(model.length);
    }
    expect(drain(h)).toEqual(model.sort((a, b) => a - b));
  });

  it('lists its items (a copy) and clears', () => {
    const h = new Heap<number>((a, b) => a - b);
    for (const n of [3, 1, 2]) h.push(n);
    const items = h.toArray();
    expect([...items].sort()).toEqual([1, 2, 3]);
    items.length = 0;
    expect(h.size).toBe(3);
    h.clear();
    expect(h.size).toBe(0);
    expect(h.pop()).toBeUndefined();
  });
});
