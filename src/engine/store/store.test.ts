import { describe, expect, it } from 'vitest';
import { Clock } from '../clock';
import { SeededRandom } from '../../shared/random';
import { ApiStore, type WatchEvent } from './store';
import { isStatusError, StatusError } from '../errors';
import type { KubeObject } from '../api/types';

function newStore() {
  const clock = new Clock(Date.UTC(2026, 10, 21, 12, 0, 0));
  const store = new ApiStore(clock, new SeededRandom(1));
  for (const ns of ['default', 'kube-system']) store.create('namespaces', { metadata: { name: ns } });
  return { clock, store };
}

function cm(name: string, labels?: Record<string, string>, namespace?: string) {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, labels, namespace }, data: { a: '1' } };
}

function errOf(fn: () => unknown): StatusError {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return e;
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('ApiStore', () => {
  it('stores with uid, resourceVersion, creationTimestamp, apiVersion and kind', () => {
    const { store } = newStore();
    const o = store.create('configmaps', { metadata: { name: 'a' }, data: {} });
    expect(o.kind).toBe('ConfigMap');
    expect(o.apiVersion).toBe('v1');
    expect(o.metadata.namespace).toBe('default');
    expect(o.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(o.metadata.creationTimestamp).toBe('2026-11-21T12:00:00Z');
    expect(Number(o.metadata.resourceVersion)).toBeGreaterThan(0);
    expect(Object.isFrozen(o.metadata)).toBe(true);
  });

  it('rejects duplicates and missing objects with the API server messages', () => {
    const { store } = newStore();
    store.create('configmaps', cm('a'));
    expect(errOf(() => store.create('configmaps', cm('a'))).message).toBe('configmaps "a" already exists');
    expect(errOf(() => store.get('configmaps', 'default', 'zz')).message).toBe('configmaps "zz" not found');
    expect(errOf(() => store.get('deployments', 'default', 'web')).message).toBe('deployments.apps "web" not found');
    expect(errOf(() => store.create('configmaps', cm('x', undefined, 'nope'))).message).toBe('namespaces "nope" not found');
  });

  it('requires a name and validates it', () => {
    const { store } = newStore();
    const e = errOf(() => store.create('configmaps', { metadata: {} }));
    expect(e.reason).toBe('Invalid');
    expect(e.message).toBe('ConfigMap "" is invalid: metadata.name: Required value: name or generateName is required');
    expect(errOf(() => store.create('configmaps', cm('My_Pod'))).message).toContain(
      `metadata.name: Invalid value: "My_Pod": a lowercase RFC 1123 subdomain must consist of`,
    );
  });

  it('generates names with a 5-character suffix from the Kubernetes alphabet', () => {
    const { store } = newStore();
    const o = store.create('configmaps', { metadata: { generateName: 'web-' } });
    expect(o.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('lists in namespace/name order with label and field selectors', () => {
    const { store } = newStore();
    store.create('configmaps', cm('b', { app: 'web', tier: 'fe' }));
    store.create('configmaps', cm('a', { app: 'db' }));
    store.create('configmaps', cm('c', { app: 'web' }, 'kube-system'));
    const names = (o: KubeObject[]) => o.map((x) => `${x.metadata.namespace}/${x.metadata.name}`);
    expect(names(store.list('configmaps'))).toEqual(['default/a', 'default/b', 'kube-system/c']);
    expect(names(store.list('configmaps', { namespace: 'default' }))).toEqual(['default/a', 'default/b']);
    expect(names(store.list('configmaps', { labelSelector: 'app=web' }))).toEqual(['default/b', 'kube-system/c']);
    expect(names(store.list('configmaps', { labelSelector: 'app in (db,web),!tier' }))).toEqual(['default/a', 'kube-system/c']);
    expect(names(store.list('configmaps', { labelSelector: 'tier' }))).toEqual(['default/b']);
    expect(names(store.list('configmaps', { fieldSelector: 'metadata.name!=b' }))).toEqual(['default/a', 'kube-system/c']);
    expect(names(store.list('configmaps', { fieldSelector: 'metadata.namespace=kube-system' }))).toEqual(['kube-system/c']);
  });

  it('bumps resourceVersion on change, skips no-op writes, and detects conflicts', () => {
    const { store } = newStore();
    const a = store.create('configmaps', cm('a'));
    const same = store.update('configmaps', { ...a, metadata: { ...a.metadata } });
    expect(same.metadata.resourceVersion).toBe(a.metadata.resourceVersion);
    const b = store.update('configmaps', { ...a, data: { a: '2' } });
    expect(Number(b.metadata.resourceVersion)).toBeGreaterThan(Number(a.metadata.resourceVersion));
    const e = errOf(() => store.update('configmaps', { ...a, data: { a: '3' } }));
    expect(e.reason).toBe('Conflict');
    expect(e.message).toBe(
      'Operation cannot be fulfilled on configmaps "a": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('keeps status on main-endpoint updates and spec on status updates', () => {
    const { store } = newStore();
    const svc = store.create('services', { metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } });
    const withStatus = store.updateStatus('services', { ...svc, spec: { ports: [] }, status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } } });
    expect(withStatus.spec).toEqual(svc.spec);
    expect(withStatus.status).toEqual({ loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } });
    const updated = store.update('services', { ...withStatus, status: {}, spec: { ports: [{ port: 81 }] } });
    expect(updated.status).toEqual(withStatus.status);
    expect(updated.spec?.ports?.[0]?.port).toBe(81);
  });

  it('tracks generation for apps kinds only when the spec changes', () => {
    const { store } = newStore();
    const d = store.create('deployments', { metadata: { name: 'd' }, spec: { replicas: 1 } });
    expect(d.metadata.generation).toBe(1);
    const d2 = store.update('deployments', { ...d, metadata: { ...d.metadata, labels: { a: 'b' } } });
    expect(d2.metadata.generation).toBe(1);
    const d3 = store.update('deployments', { ...d2, spec: { replicas: 3 } });
    expect(d3.metadata.generation).toBe(2);
    const cmap = store.create('configmaps', cm('x'));
    expect(cmap.metadata.generation).toBeUndefined();
  });

  it('deletes at once without a strategy, and with finalizers waits for them', () => {
    const { store } = newStore();
    store.create('configmaps', cm('a'));
    store.delete('configmaps', 'default', 'a');
    expect(store.tryGet('configmaps', 'default', 'a')).toBeUndefined();
    const f = store.create('configmaps', { ...cm('f'), metadata: { name: 'f', finalizers: ['example.com/x'] } });
    const marked = store.delete('configmaps', 'default', 'f');
    expect(marked.metadata.deletionTimestamp).toBe('2026-11-21T12:00:00Z');
    expect(marked.metadata.deletionGracePeriodSeconds).toBe(0);
    expect(store.tryGet('configmaps', 'default', 'f')).toBeDefined();
    store.update('configmaps', { ...store.get('configmaps', 'default', 'f'), metadata: { ...marked.metadata, finalizers: [] } });
    expect(store.tryGet('configmaps', 'default', 'f')).toBeUndefined();
    void f;
  });

  it('sets deletionTimestamp for graceful strategies and only shortens a pending grace period', () => {
    const { store, clock } = newStore();
    store.registerStrategy('configmaps', { gracePeriod: (_o, opts) => opts.gracePeriodSeconds ?? 30 });
    store.create('configmaps', cm('g'));
    const first = store.delete('configmaps', 'default', 'g');
    expect(first.metadata.deletionTimestamp).toBe('2026-11-21T12:00:30Z');
    expect(first.metadata.deletionGracePeriodSeconds).toBe(30);
    clock.advance(5000);
    const longer = store.delete('configmaps', 'default', 'g', { gracePeriodSeconds: 60 });
    expect(longer.metadata.resourceVersion).toBe(first.metadata.resourceVersion);
    const shorter = store.delete('configmaps', 'default', 'g', { gracePeriodSeconds: 1 });
    expect(shorter.metadata.deletionTimestamp).toBe('2026-11-21T12:00:06Z');
    store.delete('configmaps', 'default', 'g', { gracePeriodSeconds: 0 });
    expect(store.tryGet('configmaps', 'default', 'g')).toBeUndefined();
  });

  it('checks delete preconditions', () => {
    const { store } = newStore();
    store.create('configmaps', cm('p'));
    expect(errOf(() => store.delete('configmaps', 'default', 'p', { preconditions: { uid: 'other' } })).reason).toBe('Conflict');
  });

  it('delivers watch events, filtered, with objects entering and leaving a selection', () => {
    const { store } = newStore();
    const seen: string[] = [];
    const stop = store.watch('configmaps', (e: WatchEvent) => seen.push(`${e.type} ${e.object.metadata.name}`), { labelSelector: 'app=web' });
    const a = store.create('configmaps', cm('a', { app: 'web' }));
    store.create('configmaps', cm('b', { app: 'db' }));
    const a2 = store.update('configmaps', { ...a, metadata: { ...a.metadata, labels: { app: 'db' } } });
    store.update('configmaps', { ...a2, metadata: { ...a2.metadata, labels: { app: 'web' } } });
    store.delete('configmaps', 'default', 'a');
    stop();
    store.create('configmaps', cm('c', { app: 'web' }));
    expect(seen).toEqual(['ADDED a', 'DELETED a', 'ADDED a', 'DELETED a']);
  });

  it('deleting a namespace removes its contents', () => {
    const { store } = newStore();
    store.create('namespaces', { metadata: { name: 'team' } });
    store.create('configmaps', cm('x', undefined, 'team'));
    store.delete('namespaces', undefined, 'team');
    expect(store.list('configmaps', { namespace: 'team' })).toEqual([]);
  });

  it('snapshots and restores every object and the resourceVersion counter', () => {
    const { store, clock } = newStore();
    store.create('configmaps', cm('a', { x: 'y' }));
    const snap = JSON.parse(JSON.stringify(store.snapshot()));
    const other = new ApiStore(clock, new SeededRandom(1));
    other.restore(snap);
    expect(other.list('configmaps')).toEqual(store.list('configmaps'));
    expect(other.resourceVersion()).toBe(store.resourceVersion());
  });
});
