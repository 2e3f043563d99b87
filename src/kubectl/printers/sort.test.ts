import { describe, expect, it } from 'vitest';
import { sortObjects } from './sort';

const o = (name: string, extra: Record<string, unknown> = {}) => ({ metadata: { name, creationTimestamp: extra.ts ?? '2026-01-01T00:00:00Z' }, spec: extra });
const names = (xs: Array<{ metadata: { name: string } }>) => xs.map((x) => x.metadata.name);

describe('--sort-by', () => {
  it('sorts strings lexically, numbers numerically, and quantities by value', () => {
    expect(names(sortObjects([o('b'), o('c'), o('a')], '.metadata.name'))).toEqual(['a', 'b', 'c']);
    expect(names(sortObjects([o('x', { n: 10 }), o('y', { n: 9 }), o('z', { n: 100 })], '{.spec.n}'))).toEqual(['y', 'x', 'z']);
    expect(names(sortObjects([o('x', { m: '1Gi' }), o('y', { m: '500M' }), o('z', { m: '64Mi' })], 'spec.m'))).toEqual(['z', 'y', 'x']);
  });

  it('orders timestamps as time and puts objects without the field first', () => {
    const xs = [o('late', { ts: '2026-01-02T00:00:00Z' }), o('none'), o('early', { ts: '2025-12-31T23:59:59Z' })];
    xs[1].metadata.creationTimestamp = undefined as unknown as string;
    expect(names(sortObjects(xs, '.metadata.creationTimestamp'))).toEqual(['none', 'early', 'late']);
  });

  it('fails like kubectl when no object has the field or the values cannot be ordered', () => {
    expect(() => sortObjects([o('a'), o('b')], '.spec.nope')).toThrow('couldn\'t find any field with path "{.spec.nope}" in the list of objects');
    expect(() => sortObjects([o('a', { n: 1 }), o('b', { n: 'x' })], '.spec.n')).toThrow('unsortable');
    expect(() => sortObjects([o('a'), o('b')], '{.a')).toThrow('sorting error: unclosed action');
  });
});
