import { describe, expect, it } from 'vitest';
import { newTestContext } from './testing';
import { GarbageCollector } from './garbage-collector';
import { DeploymentController } from './deployment';
import { ReplicaSetController } from './replicaset';
import type { StoredPod } from '../api/types';

function setup() {
  const ctx = newTestContext();
  new GarbageCollector(ctx).start();
  new DeploymentController(ctx).start();
  new ReplicaSetController(ctx).start();
  return ctx;
}

const deployment = {
  metadata: { name: 'web' },
  spec: {
    replicas: 2,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
};

describe('GarbageCollector', () => {
  it('cascades a Deployment deletion to its ReplicaSets and their pods', () => {
    const ctx = setup();
    ctx.store.create('deployments', deployment);
    ctx.clock.runUntilIdle();
    expect(ctx.store.list('replicasets')).toHaveLength(1);
    expect(ctx.store.list('pods')).toHaveLength(2);
    ctx.store.delete('deployments', 'default', 'web');
    ctx.clock.runUntilIdle();
    expect(ctx.store.list('replicasets')).toHaveLength(0);
    expect(ctx.store.list('pods')).toHaveLength(0);
  });

  it('deletes pods gracefully (they get a deletionTimestamp first)', () => {
    const ctx = setup();
    ctx.store.registerStrategy('pods', { gracePeriod: (_o, opts) => opts.gracePeriodSeconds ?? 30 });
    ctx.store.create('deployments', deployment);
    ctx.clock.runUntilIdle();
    ctx.store.delete('deployments', 'default', 'web');
    ctx.clock.runUntilIdle();
    const pods = ctx.store.list('pods') as StoredPod[];
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => p.metadata.deletionTimestamp)).toBe(true);
  });

  it('removes only the dangling reference when another owner remains', () => {
    const ctx = setup();
    const a = ctx.store.create('configmaps', { metadata: { name: 'a' } });
    const b = ctx.store.create('configmaps', { metadata: { name: 'b' } });
    const ref = (o: typeof a) => ({ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid });
    ctx.store.create('secrets', { metadata: { name: 's', ownerReferences: [ref(a), ref(b)] } });
    ctx.store.delete('configmaps', 'default', 'a');
    ctx.clock.runUntilIdle();
    expect(ctx.store.get('secrets', 'default', 's').metadata.ownerReferences).toEqual([ref(b)]);
    ctx.store.delete('configmaps', 'default', 'b');
    ctx.clock.runUntilIdle();
    expect(ctx.store.tryGet('secrets', 'default', 's')).toBeUndefined();
  });

  it('deletes a dependent created after its owner is gone, but leaves owners it cannot look up', () => {
    const ctx = setup();
    ctx.store.create('secrets', { metadata: { name: 'orphan', ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'gone', uid: 'nope' }] } });
    ctx.store.create('secrets', { metadata: { name: 'ds', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'x' }] } });
    ctx.clock.runUntilIdle();
    expect(ctx.store.tryGet('secrets', 'default', 'orphan')).toBeUndefined();
    expect(ctx.store.tryGet('secrets', 'default', 'ds')).toBeDefined();
  });

  it('orphans dependents of an owner deleted with the orphan finalizer', () => {
    const ctx = setup();
    ctx.store.create('replicasets', { metadata: { name: 'web' }, spec: { ...deployment.spec } });
    ctx.clock.runUntilIdle();
    expect(ctx.store.list('pods')).toHaveLength(2);
    // What `kubectl delete --cascade=orphan` asks for: the API server adds the `orphan` finalizer.
    const owner = structuredClone(ctx.store.get('replicasets', 'default', 'web'));
    owner.metadata.finalizers = ['orphan'];
    ctx.store.update('replicasets', owner);
    ctx.store.delete('replicasets', 'default', 'web');
    ctx.clock.runUntilIdle();
    expect(ctx.store.tryGet('replicasets', 'default', 'web')).toBeUndefined();
    const pods = ctx.store.list('pods') as StoredPod[];
    expect(pods).toHaveLength(2);
    expect(pods.every((p) => !p.metadata.ownerReferences?.length)).toBe(true);
  });
});
