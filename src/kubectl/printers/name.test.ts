import { describe, expect, it } from 'vitest';
import { omitManagedFields, printableObject } from './list';
import { printName } from './name';
import type { KubeObject } from '../../engine/index';

const obj = (apiVersion: string, kind: string, name: string, extra: Record<string, unknown> = {}): KubeObject =>
  ({ apiVersion, kind, metadata: { name, uid: 'u', resourceVersion: '1', creationTimestamp: 'x', ...extra } }) as KubeObject;

describe('-o name (cli-runtime name.go)', () => {
  it('prints kind[.group]/name, for lists item by item, with an optional operation', () => {
    expect(printName(obj('v1', 'Pod', 'web'))).toBe('pod/web\n');
    expect(printName(obj('apps/v1', 'Deployment', 'web'), { operation: 'created' })).toBe('deployment.apps/web created\n');
    expect(printName(obj('storage.k8s.io/v1', 'StorageClass', 'standard'), { operation: 'deleted', shortOutput: true })).toBe('storageclass.storage.k8s.io/standard\n');
    expect(printName(printableObject([obj('v1', 'Pod', 'a'), obj('v1', 'Service', 'b')], false))).toBe('pod/a\nservice/b\n');
  });

  it('rejects objects without a kind', () => {
    expect(() => printName({ metadata: { name: 'x' } })).toThrow('missing apiVersion or kind');
    expect(() => printName({ apiVersion: 'v1', metadata: { name: 'x' } })).toThrow('missing kind for resource with name x');
  });
});

describe('what generic printers receive (get.go printGeneric)', () => {
  it('a named single object as itself, anything else as a List; managedFields hidden unless asked', () => {
    const p = obj('v1', 'Pod', 'a', { managedFields: [{ manager: 'kubectl' }] });
    expect(printableObject([p], true)).toEqual(omitManagedFields(p));
    expect((omitManagedFields(p) as KubeObject).metadata).not.toHaveProperty('managedFields');
    expect(printableObject([p], true, true)).toBe(p);
    expect(printableObject([], false)).toEqual({ apiVersion: 'v1', items: [], kind: 'List', metadata: { resourceVersion: '' } });
    expect(printableObject([p], false)).toMatchObject({ kind: 'List', items: [{ metadata: { name: 'a' } }] });
  });
});
