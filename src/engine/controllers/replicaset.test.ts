import { describe, expect, it } from 'vitest';
import { newTestContext, runPod } from './testing';
import { ReplicaSetController } from './replicaset';
import type { StoredEvent, StoredPod, StoredReplicaSet } from '../api/types';
import { field } from '../errors';

const rsSpec = (replicas: number, minReadySeconds = 0) => ({
  metadata: { name: 'web' },
  spec: {
    replicas,
    minReadySeconds,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } },
  },
});

function setup() {
  const ctx = newTestContext();
  const c = new ReplicaSetController(ctx);
  c.start();
  const pods = () => ctx.store.list('pods', { namespace: 'default' }) as StoredPod[];
  const active = () => pods().filter((p) => !p.metadata.deletionTimestamp);
  const rs = () => ctx.store.get('replicasets', 'default', 'web') as StoredReplicaSet;
  const events = (reason?: string) =>
    (ctx.store.list('events', { namespace: 'default' }) as StoredEvent[]).filter((e) => !reason || e.reason === reason).map((e) => e.message);
  return { ctx, c, pods, active, rs, events };
}

describe('ReplicaSetController', () => {
  it('creates the missing pods from the template, owned by the ReplicaSet', () => {
    const { ctx, active, rs, events } = setup();
    ctx.store.create('replicasets', rsSpec(3));
    ctx.clock.runUntilIdle();
    const pods = active();
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
      expect(p.metadata.labels).toEqual({ app: 'web' });
      expect(p.metadata.ownerReferences).toEqual([
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs().metadata.uid, controller: true, blockOwnerDeletion: true },
      ]);
    }
    expect(events('SuccessfulCreate').sort()).toEqual(pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    expect(rs().status).toEqual({ replicas: 3, fullyLabeledReplicas: 3, observedGeneration: 1 });
    const ev = ctx.store.list('events', { namespace: 'default' })[0] as StoredEvent;
    expect(ev.source).toEqual({ component: 'replicaset-controller' });
    expect(ev.involvedObject.kind).toBe('ReplicaSet');
  });

  it('counts ready and available pods, honouring minReadySeconds', () => {
    const { ctx, active, rs } = setup();
    ctx.store.create('replicasets', rsSpec(2, 5));
    ctx.clock.runUntilIdle();
    for (const p of active()) runPod(ctx, 'default', p.metadata.name);
    ctx.clock.runUntilIdle();
    expect(rs().status).toMatchObject({ replicas: 2, readyReplicas: 2 });
    expect(rs().status!.availableReplicas).toBeUndefined();
    ctx.clock.advance(7000);
    expect(rs().status).toMatchObject({ replicas: 2, readyReplicas: 2, availableReplicas: 2 });
  });

  it('replaces a deleted pod (self-healing)', () => {
    const { ctx, active, events } = setup();
    ctx.store.create('replicasets', rsSpec(2));
    ctx.clock.runUntilIdle();
    const [victim] = active();
    ctx.store.delete('pods', 'default', victim!.metadata.name);
    ctx.clock.runUntilIdle();
    const names = active().map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim!.metadata.name);
    expect(events('SuccessfulCreate')).toHaveLength(3);
  });

  it('scales down deleting not-ready pods before ready ones', () => {
    const { ctx, active, events } = setup();
    ctx.store.create('replicasets', rsSpec(3));
    ctx.clock.runUntilIdle();
    const [a, b, c] = active();
    runPod(ctx, 'default', a!.metadata.name);
    runPod(ctx, 'default', b!.metadata.name, { ready: false });
    runPod(ctx, 'default', c!.metadata.name);
    ctx.clock.runUntilIdle();
    const cur = ctx.store.get('replicasets', 'default', 'web') as StoredReplicaSet;
    ctx.store.update('replicasets', { ...structuredClone(cur), spec: { ...cur.spec!, replicas: 2 } });
    ctx.clock.runUntilIdle();
    expect(active().map((p) => p.metadata.name).sort()).toEqual([a!.metadata.name, c!.metadata.name].sort());
    expect(events('SuccessfulDelete')).toEqual([`Deleted pod: ${b!.metadata.name}`]);
  });

  it('adopts matching orphans instead of creating pods, and releases pods that stop matching', () => {
    const { ctx, active, rs } = setup();
    ctx.store.create('pods', { metadata: { name: 'stray', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } });
    ctx.store.create('replicasets', rsSpec(1));
    ctx.clock.runUntilIdle();
    expect(active().map((p) => p.metadata.name)).toEqual(['stray']);
    const stray = ctx.store.get('pods', 'default', 'stray') as StoredPod;
    expect(stray.metadata.ownerReferences?.[0]?.uid).toBe(rs().metadata.uid);
    ctx.store.update('pods', { ...structuredClone(stray), metadata: { ...structuredClone(stray.metadata), labels: { app: 'other' } } });
    ctx.clock.runUntilIdle();
    expect((ctx.store.get('pods', 'default', 'stray') as StoredPod).metadata.ownerReferences).toEqual([]);
    expect(active()).toHaveLength(2);
  });

  it('reports a failing create as FailedCreate and a ReplicaFailure condition, and retries with backoff', () => {
    const { ctx, rs } = setup();
    // A pod the API server refuses: validation fails for every create.
    ctx.store.registerStrategy('pods', { validate: () => [field.required('spec.containers[0].image')] });
    ctx.store.create('replicasets', rsSpec(2));
    ctx.clock.runUntilIdle();
    const failed = () => (ctx.store.list('events', { namespace: 'default' }) as StoredEvent[]).filter((e) => e.reason === 'FailedCreate');
    // The status write re-queues the ReplicaSet, so a second attempt follows at once.
    expect(failed().length).toBeGreaterThanOrEqual(1);
    for (const e of failed()) {
      expect(e.type).toBe('Warning');
      expect(e.message).toMatch(/^Error creating: Pod "web-[a-z0-9]{5}" is invalid: spec\.containers\[0\]\.image: Required value$/);
    }
    const before = failed().length;
    const cond = rs().status!.conditions![0]!;
    expect(cond).toMatchObject({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate' });
    expect(cond.message).toMatch(/^Pod "web-[a-z0-9]{5}" is invalid/);
    expect(rs().status!.replicas).toBe(0);
    ctx.clock.advance(2000);
    // Each retry creates one pod (slow start stops at the first failure), with a new generated name.
    expect(failed().length).toBeGreaterThan(before + 3);
    ctx.store.registerStrategy('pods', {});
    ctx.clock.advance(5000);
    expect(rs().status!.conditions).toBeUndefined();
    expect(rs().status!.replicas).toBe(2);
  });

  it('is deterministic for a seed', () => {
    const names = () => {
      const { ctx, active } = setup();
      ctx.store.create('replicasets', rsSpec(3));
      ctx.clock.runUntilIdle();
      return active().map((p) => `${p.metadata.name}/${p.metadata.uid}`);
    };
    expect(names()).toEqual(names());
  });
});
