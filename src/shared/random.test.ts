import { describe, expect, it } from 'vitest';
import { NAME_SUFFIX_ALPHABET, SeededRandom } from './random';

describe('SeededRandom', () => {
  it('gives the same sequence for the same seed and different ones for different seeds', () => {
    const a = new SeededRandom(42);
    const b = new SeededRandom(42);
    const c = new SeededRandom(43);
    const seqA = Array.from({ length: 8 }, () => a.nextUint32());
    expect(Array.from({ length: 8 }, () => b.nextUint32())).toEqual(seqA);
    expect(Array.from({ length: 8 }, () => c.nextUint32())).not.toEqual(seqA);
  });

  it('continues identically after a state snapshot', () => {
    const a = new SeededRandom('podlab');
    a.uuid();
    const b = SeededRandom.fromState(a.state());
    expect(b.uuid()).toBe(a.uuid());
    expect(b.nameSuffix()).toBe(a.nameSuffix());
  });

  it('makes v4 uuids and name suffixes from the Kubernetes alphabet', () => {
    const r = new SeededRandom(7);
    for (let i = 0; i < 50; i++) {
      expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const s = r.nameSuffix();
      expect(s).toHaveLength(5);
      for (const ch of s) expect(NAME_SUFFIX_ALPHABET).toContain(ch);
    }
  });

  it('spreads int() over its range', () => {
    const r = new SeededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(r.int(10));
    expect([...seen].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
