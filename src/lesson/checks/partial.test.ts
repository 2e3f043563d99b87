import { describe, expect, it } from 'vitest';
import { describeMismatch, partialMatch, regexOf } from './partial';

describe('partialMatch', () => {
  const pod = { metadata: { name: 'web', labels: { app: 'web', tier: 'front' } }, spec: { containers: [{ name: 'a', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'busybox' }] } };

  it('maps match by subset, scalars as text, lists item by item', () => {
    expect(partialMatch(pod, { metadata: { labels: { app: 'web' } } })).toBeUndefined();
    expect(partialMatch(pod, { spec: { containers: [{ ports: [{ containerPort: '80' }] }] } })).toBeUndefined();
    expect(partialMatch(pod, { spec: { containers: [{ name: 'b' }, { name: 'a' }] } })).toBeUndefined();
    expect(partialMatch(pod, { spec: { containers: [{}, {}, {}] } })).toEqual({ reason: 'too-few', path: ['spec', 'containers'], actual: 2, want: 3 });
    expect(partialMatch(pod, { spec: { containers: [{ image: 'redis' }] } })).toEqual({ reason: 'no-item', path: ['spec', 'containers'], want: { image: 'redis' } });
    expect(partialMatch(pod, { metadata: { annotations: { x: 'y' } } })).toEqual({ reason: 'missing', path: ['metadata', 'annotations'], want: { x: 'y' } });
    expect(partialMatch(pod, { metadata: { name: { first: 'w' } } })).toEqual({ reason: 'value', path: ['metadata', 'name'], actual: 'web', want: { first: 'w' } });
  });

  it('treats /.../ strings as regular expressions', () => {
    expect(partialMatch(pod, { spec: { containers: [{ image: '/^nginx:1\\.2[0-9]$/' }] } })).toBeUndefined();
    expect(partialMatch({ a: 'x/y' }, { a: '/' })).toEqual({ reason: 'value', path: ['a'], actual: 'x/y', want: '/' });
    expect(regexOf('/[/')).toBeUndefined();
    expect(regexOf('plain')).toBeUndefined();
  });

  it('explains the item with the same name when a named item differs', () => {
    const m = partialMatch(pod, { spec: { containers: [{ name: 'a', ports: [{ containerPort: 8080 }] }] } })!;
    expect(describeMismatch('pod web', m, true)).toBe('pod web exists but has no port like {containerPort: 8080} in spec.containers[a]');
    const m2 = partialMatch(pod, { spec: { containers: [{ name: 'a', ports: [{}, {}] }] } })!;
    expect(describeMismatch('pod web', m2, true)).toBe('pod web exists but has 1 port in spec.containers[a]; the task wants 2');
  });
});
