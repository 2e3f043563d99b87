import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../api/types';
import { Bucket } from './bucket';

function obj(namespace: string, name: string, rv = '1'): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { namespace, name, resourceVersion: rv } } as KubeObject;
}

const names = (objs: KubeObject[]) => objs.map((o) => `${o.metadata.namespace}/${o.metadata.name}`);
const all = () => true;

describe('Bucket', () => {
  it('finds objects by namespace and name', () => {
    const b = new Bucket();
    b.set('a', 'x', obj('a', 'x'));
    b.set('b', 'x', obj('b', 'x'));
    expect(b.get('a', 'x')?.metadata.namespace).toBe('a');
    expect(b.get('b', 'x')?.metadata.namespace).toBe('b');
    expect(b.has('a', 'y')).toBe(false);
    expect(b.get('c', 'x')).toBeUndefined();
    expect(b.size).toBe(2);
  });

  it('keeps creation order: a replaced object keeps its place, a re-created one goes last', () => {
    const b = new Bucket();
    b.set('ns', 'c', obj('ns', 'c'));
    b.set('other', 'a', obj('other', 'a'));
    b.set('ns', 'b', obj('ns', 'b'));
    b.set('ns', 'c', obj('ns', 'c', '2')); // replace
    expect(names(b.values())).toEqual(['ns/c', 'other/a', 'ns/b']);
    expect(b.values()[0]!.metadata.resourceVersion).toBe('2');
    b.delete('ns', 'c');
    b.set('ns', 'c', obj('ns', 'c', '3')); // re-create
    expect(names(b.values())).toEqual(['other/a', 'ns/b', 'ns/c']);
    expect(b.size).toBe(3);
  });

  it('lists in key order (namespace, then name), one namespace or all', () => {
    const b = new Bucket();
    for (const [ns, n] of [['kube-system', 'b'], ['default', 'pod-10'], ['default', 'pod-2'], ['default', 'a'], ['kube-system', 'a']]) {
      b.set(ns!, n!, obj(ns!, n!));
    }
    expect(names(b.list('default', all))).toEqual(['default/a', 'default/pod-10', 'default/pod-2']);
    expect(names(b.list(undefined, all))).toEqual(['default/a', 'default/pod-10', 'default/pod-2', 'kube-system/a', 'kube-system/b']);
    expect(names(b.list('default', (o) => o.metadata.name.startsWith('pod')))).toEqual(['default/pod-10', 'default/pod-2']);
    expect(b.list('missing', all)).toEqual([]);
  });

  it('lists the current objects after a full list was kept, and new and deleted ones', () => {
    const b = new Bucket();
    b.set('ns', 'b', obj('ns', 'b'));
    b.set('ns', 'a', obj('ns', 'a'));
    expect(names(b.list('ns', all))).toEqual(['ns/a', 'ns/b']); // kept for the next list
    b.set('ns', 'a', obj('ns', 'a', '2')); // a replacement shows through the kept order
    expect(b.list('ns', all)[0]!.metadata.resourceVersion).toBe('2');
    b.set('ns', 'aa', obj('ns', 'aa'));
    expect(names(b.list('ns', all))).toEqual(['ns/a', 'ns/aa', 'ns/b']);
    b.delete('ns', 'a');
    expect(names(b.list('ns', all))).toEqual(['ns/aa', 'ns/b']);
    expect(names(b.list('ns', (o) => o.metadata.name === 'b'))).toEqual(['ns/b']);
  });
});
