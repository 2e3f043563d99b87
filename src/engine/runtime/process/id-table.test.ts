import { describe, expect, it } from 'vitest';
import { SeededRandom } from '../../../shared/random';
import { IdTable } from './id-table';

describe('IdTable', () => {
  it('keeps values in id order, whatever order they arrive in', () => {
    const t = new IdTable<string>();
    for (const id of [5, 9, 2, 14, 7]) t.set(id, `v${id}`);
    expect(t.values()).toEqual(['v2', 'v5', 'v7', 'v9', 'v14']);
    expect(t.size).toBe(5);
    t.set(7, 'seven');
    expect(t.get(7)).toBe('seven');
    expect(t.size).toBe(5);
  });

  it('deletes from the front, the middle and the end', () => {
    const t = new IdTable<number>();
    for (let id = 1; id <= 5; id++) t.set(id, id * 10);
    expect(t.delete(3)).toBe(true);
    expect(t.delete(3)).toBe(false);
    expect(t.delete(1)).toBe(true);
    expect(t.delete(5)).toBe(true);
    expect(t.values()).toEqual([20, 40]);
    expect(t.has(2)).toBe(true);
    expect(t.has(5)).toBe(false);
    expect(t.get(1)).toBeUndefined();
    t.clear();
    expect(t.size).toBe(0);
    expect(t.values()).toEqual([]);
  });

  it('agrees with a Map over a random run of sets and deletes, small and large', () => {
    const random = new SeededRandom('id-table');
    for (const span of [6, 40, 400]) {
      const t = new IdTable<number>();
      const m = new Map<number, number>();
      for (let step = 0; step < 3000; step++) {
        const id = random.int(span);
        if (random.int(3) === 0) expect(t.delete(id)).toBe(m.delete(id));
        else {
          t.set(id, step);
          m.set(id, step);
        }
        expect(t.get(id)).toBe(m.get(id));
      }
      expect(t.size).toBe(m.size);
      expect(t.values()).toEqual([...m.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v));
      for (let id = 0; id < span; id++) expect(t.has(id)).toBe(m.has(id));
    }
  });
});
