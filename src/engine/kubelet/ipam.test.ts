import { describe, it, expect } from 'vitest';
import { Ipam } from './ipam';

describe('Ipam (host-local)', () => {
  it('hands out addresses from .2 in order; the gateway is .1', () => {
    const ipam = new Ipam('10.244.0.0/24');
    expect(ipam.gateway()).toBe('10.244.0.1');
    expect(['a', 'b', 'c'].map((o) => ipam.allocate(o))).toEqual(['10.244.0.2', '10.244.0.3', '10.244.0.4']);
    expect(ipam.allocate('b')).toBe('10.244.0.3'); // same owner, same address
  });

  it('does not reuse a released address at once, and wraps around past the end', () => {
    const ipam = new Ipam('10.244.1.0/29'); // .2 - .6
    for (const o of ['a', 'b', 'c', 'd', 'e']) ipam.allocate(o);
    ipam.release('b');
    expect(ipam.allocate('f')).toBe('10.244.1.3');
    expect(() => ipam.allocate('g')).toThrow('no IP addresses available in range set: 10.244.1.1-10.244.1.6');
    ipam.release('a');
    ipam.release('d');
    expect(ipam.allocate('g')).toBe('10.244.1.5');
    expect(ipam.allocate('h')).toBe('10.244.1.2');
  });

  it('restores from a snapshot and continues after the last address', () => {
    const a = new Ipam('10.244.0.0/24');
    a.allocate('x');
    a.allocate('y');
    a.release('x');
    const b = new Ipam('10.244.0.0/24');
    b.restore(JSON.parse(JSON.stringify(a.snapshot())));
    expect(b.allocate('z')).toBe('10.244.0.4');
    expect(b.inUse()).toBe(2);
    // a restored owner keeps its address, and releasing it frees that address
    expect(b.allocate('y')).toBe('10.244.0.3');
    b.release('y');
    expect(b.inUse()).toBe(1);
    expect(b.snapshot().allocated).toEqual([['10.244.0.4', 'z']]);
  });
});
