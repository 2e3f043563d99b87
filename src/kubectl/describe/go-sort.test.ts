import { describe, expect, it } from 'vitest';
import { goSort } from './go-sort';

describe('goSort (Go pdqsort)', () => {
  it('sorts every length and shape, keeping the elements', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (const n of [0, 1, 2, 5, 12, 13, 49, 50, 51, 100, 333]) {
      for (const shape of ['random', 'sorted', 'reversed', 'few-keys'] as const) {
        const items = [...Array(n).keys()].map((i) => ({
          id: i,
          key: shape === 'random' ? Math.floor(rand() * n) : shape === 'sorted' ? i : shape === 'reversed' ? n - i : i % 3,
        }));
        const out = goSort([...items], (a, b) => a.key < b.key);
        for (let i = 1; i < out.length; i++) expect(out[i - 1]!.key).toBeLessThanOrEqual(out[i]!.key);
        expect(out.map((x) => x.id).sort((a, b) => a - b)).toEqual(items.map((x) => x.id));
      }
    }
  });

  it('is insertion sort up to 12 elements (stable there), unstable beyond', () => {
    const small = [...Array(12).keys()].map((i) => ({ id: i, key: i % 2 }));
    expect(goSort([...small], (a, b) => a.key < b.key).map((x) => x.id)).toEqual([0, 2, 4, 6, 8, 10, 1, 3, 5, 7, 9, 11]);
    const big = [...Array(40).keys()].map((i) => ({ id: i, key: i % 2 }));
    const ids = goSort([...big], (a, b) => a.key < b.key).map((x) => x.id);
    expect(ids.slice(0, 20).sort((a, b) => a - b)).toEqual([...Array(20).keys()].map((i) => i * 2));
    expect(ids).not.toEqual([...ids].sort((a, b) => (a % 2) - (b % 2) || a - b));
  });
});
