import { describe, expect, it } from 'vitest';
import { newTestContext, runPod } from './testing';
import { ReplicaSetController } from './replicaset';
import { DeploymentController } from './deployment';
import { computeHash, safeEncodeString } from './deployment-util';
import type { EngineContext } from '../cluster/context';
import type { StoredDeployment, StoredEvent, StoredPod, StoredReplicaSet } from '../api/types';

const HASH = /^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/;

function setup(seed = 1) {
  const ctx = newTestContext(seed);
  new DeploymentController(ctx).start();
  new ReplicaSetController(ctx).start();
  return ctx;
}

const deploy = (replicas: number, image = 'nginx:1.27', extra: Record<string, unknown> = {}) => ({
  metadata: { name: 'web' },
  spec: {
    replicas,
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } },
    ...extra,
  },
});

const get = (ctx: EngineContext) => ctx.store.get('deployments', 'default', 'web') as StoredDeployment;
const sets = (ctx: EngineContext) => (ctx.store.list('replicasets', { namespace: 'default' }) as StoredReplicaSet[]).sort((a, b) => a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp));
const activePods = (ctx: EngineContext) => (ctx.store.list('pods', { namespace: 'default' }) as StoredPod[]).filter((p) => !p.metadata.deletionTimestamp);
const scaling = (ctx: EngineContext) =>
  (ctx.store.list('events', { namespace: 'default' }) as StoredEvent[])
    .filter((e) => e.reason === 'ScalingReplicaSet')
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))
    .map((e) => e.message);

/** Play kubelet: terminating pods disappear, new pods become Ready, one step at a time. */
function settle(ctx: EngineContext, steps = 50): void {
  for (let i = 0; i < steps; i++) {
    ctx.clock.runUntilIdle();
    let changed = false;
    for (const p of ctx.store.list('pods', { namespace: 'default' }) as StoredPod[]) {
      if (p.metadata.deletionTimestamp) {
        ctx.store.delete('pods', 'default', p.metadata.name, { gracePeriodSeconds: 0 });
        changed = true;
      } else if (p.status?.phase !== 'Running') {
        runPod(ctx, 'default', p.metadata.name);
        changed = true;
      }
    }
    ctx.clock.advance(1000);
    if (!changed) return;
  }
}

function update(ctx: EngineContext, mutate: (d: StoredDeployment) => void): void {
  const d = structuredClone(get(ctx));
  mutate(d);
  ctx.store.update('deployments', d as never);
}

describe('pod-template-hash', () => {
  it('encodes the decimal fnv32a sum with the vowel-free alphabet', () => {
    // '3' (51) % 27 = 24 → '7', '4' → '8', '1' → '5', '0' → '4', '9' → 'f'
    expect(safeEncodeString('3410994433')).toBe('7854ff8877');
    const h = computeHash({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    expect(h).toMatch(HASH);
    expect(computeHash({ metadata: { labels: { app: 'web' } } }, 1)).not.toBe(computeHash({ metadata: { labels: { app: 'web' } } }));
  });
});

describe('DeploymentController', () => {
  it('creates <name>-<hash> ReplicaSet and pods, with revision and replica annotations', () => {
    const ctx = setup();
    ctx.store.create('deployments', deploy(3));
    ctx.clock.runUntilIdle();
    const [rs] = sets(ctx);
    const hash = rs!.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(HASH);
    expect(rs!.metadata.name).toBe(`web-${hash}`);
    expect(rs!.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(rs!.spec!.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs!.metadata.ownerReferences![0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    const pods = activePods(ctx);
    expect(pods).toHaveLength(3);
    for (const p of pods) {
      expect(p.metadata.name).toMatch(new RegExp(`^web-${hash}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      expect(p.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    }
    expect(get(ctx).metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
    expect(scaling(ctx)).toEqual([`Scaled up replica set web-${hash} from 0 to 3`]);
    // NewReplicaSetCreated first, then ReplicaSetUpdated once the ReplicaSet reports its pods.
    expect(get(ctx).status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'],
      ['Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "web-${hash}" is progressing.`],
    ]);
  });

  it('reports availability and a finished rollout once pods are ready', () => {
    const ctx = setup();
    ctx.store.create('deployments', deploy(3));
    settle(ctx);
    const d = get(ctx);
    const rsName = sets(ctx)[0]!.metadata.name;
    expect(d.status).toMatchObject({ observedGeneration: 1, replicas: 3, updatedReplicas: 3, readyReplicas: 3, availableReplicas: 3 });
    expect(d.status!.unavailableReplicas).toBeUndefined();
    expect(d.status!.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'],
      ['Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${rsName}" has successfully progressed.`],
    ]);
  });

  it('scales the ReplicaSet up and down with from/to events', () => {
    const ctx = setup();
    ctx.store.create('deployments', deploy(2));
    settle(ctx);
    const rsName = sets(ctx)[0]!.metadata.name;
    update(ctx, (d) => (d.spec!.replicas = 5));
    settle(ctx);
    expect(activePods(ctx)).toHaveLength(5);
    update(ctx, (d) => (d.spec!.replicas = 1));
    settle(ctx);
    expect(activePods(ctx)).toHaveLength(1);
    expect(scaling(ctx)).toEqual([
      `Scaled up replica set ${rsName} from 0 to 2`,
      `Scaled up replica set ${rsName} from 2 to 5`,
      `Scaled down replica set ${rsName} from 5 to 1`,
    ]);
    expect(sets(ctx)[0]!.metadata.annotations!['deployment.kubernetes.io/desired-replicas']).toBe('1');
  });

  it('heals a deleted pod through its ReplicaSet', () => {
    const ctx = setup();
    ctx.store.create('deployments', deploy(2));
    settle(ctx);
    const victim = activePods(ctx)[0]!.metadata.name;
    ctx.store.delete('pods', 'default', victim, { gracePeriodSeconds: 0 });
    settle(ctx);
    const names = activePods(ctx).map((p) => p.metadata.name);
    expect(names).toHaveLength(2);
    expect(names).not.toContain(victim);
  });

  it('rolls out a new template with a new ReplicaSet, within maxSurge and maxUnavailable', () => {
    const ctx = setup();
    ctx.store.create('deployments', deploy(4));
    settle(ctx);
    const oldName = sets(ctx)[0]!.metadata.name;
    update(ctx, (d) => (d.spec!.template.spec!.containers[0]!.image = 'nginx:1.28'));
    // Watch the rollout step by step: never more than 4 + 1 pods, never fewer than 4 - 1 available.
    for (let i = 0; i < 60; i++) {
      ctx.clock.runUntilIdle();
      const total = activePods(ctx).length;
      expect(total).toBeLessThanOrEqual(5);
      const ready = activePods(ctx).filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length;
      expect(ready).toBeGreaterThanOrEqual(3);
      settle(ctx, 1);
    }
    settle(ctx);
    const [oldRS, newRS] = sets(ctx);
    expect(oldRS!.metadata.name).toBe(oldName);
    expect(oldRS!.spec!.replicas).toBe(0);
    expect(newRS!.spec!.replicas).toBe(4);
    expect(newRS!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(get(ctx).metadata.annotations!['deployment.kubernetes.io/revision']).toBe('2');
    expect(activePods(ctx).every((p) => p.spec.containers[0]!.image === 'nginx:1.28')).toBe(true);
    const d = get(ctx);
    expect(d.metadata.generation).toBe(2);
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 4, updatedReplicas: 4, availableReplicas: 4 });
    expect(d.status!.conditions!.find((c) => c.type === 'Progressing')!.message).toBe(`ReplicaSet "${newRS!.metadata.name}" has successfully progressed.`);
    const events = scaling(ctx);
    expect(events[1]).toBe(`Scaled up replica set ${newRS!.metadata.name} from 0 to 1`);
    expect(events).toContain(`Scaled down replica set ${oldName} from 4 to 3`);
    expect(events.at(-1)).toMatch(/^Scaled down replica set .* to 0$/);
  });

  it('rolls back to an earlier template by reusing its ReplicaSet', () => {
    const ctx = setup();
    ctx.store.create('deployments', deploy(1));
    settle(ctx);
    update(ctx, (d) => (d.spec!.template.spec!.containers[0]!.image = 'nginx:1.28'));
    settle(ctx);
    update(ctx, (d) => (d.spec!.template.spec!.containers[0]!.image = 'nginx:1.27'));
    settle(ctx);
    const [first, second] = sets(ctx);
    expect(sets(ctx)).toHaveLength(2);
    expect(first!.spec!.replicas).toBe(1);
    expect(second!.spec!.replicas).toBe(0);
    expect(first!.metadata.annotations!['deployment.kubernetes.io/revision']).toBe('3');
    expect(first!.metadata.annotations!['deployment.kubernetes.io/revision-history']).toBe('1');
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods before scaling up', () => {
    const ctx = setup();
    // Pods terminate gracefully, as a kubelet would make them.
    ctx.store.registerStrategy('pods', { gracePeriod: (_o, opts) => opts.gracePeriodSeconds ?? 30 });
    ctx.store.create('deployments', deploy(2, 'nginx:1.27', { strategy: { type: 'Recreate' } }));
    settle(ctx);
    update(ctx, (d) => (d.spec!.template.spec!.containers[0]!.image = 'nginx:1.28'));
    ctx.clock.runUntilIdle();
    expect(sets(ctx)).toHaveLength(1);
    expect(sets(ctx)[0]!.spec!.replicas).toBe(0);
    settle(ctx);
    const [, newRS] = sets(ctx);
    expect(newRS!.spec!.replicas).toBe(2);
    expect(activePods(ctx).every((p) => p.spec.containers[0]!.image === 'nginx:1.28')).toBe(true);
  });

  it('marks a rollout that makes no progress as ProgressDeadlineExceeded', () => {
    const ctx = setup();
    ctx.store.create('deployments', deploy(1, 'nginx', { progressDeadlineSeconds: 30 }));
    ctx.clock.runUntilIdle();
    ctx.clock.advance(45_000);
    const p = get(ctx).status!.conditions!.find((c) => c.type === 'Progressing')!;
    expect([p.status, p.reason, p.message]).toEqual(['False', 'ProgressDeadlineExceeded', `ReplicaSet "${sets(ctx)[0]!.metadata.name}" has timed out progressing.`]);
  });

  it('names everything the same way for the same seed', () => {
    const run = () => {
      const ctx = setup(9);
      ctx.store.create('deployments', deploy(2));
      settle(ctx);
      return activePods(ctx).map((p) => p.metadata.name);
    };
    expect(run()).toEqual(run());
  });
});

describe('snapshot and restore', () => {
  it('continues a half-done rollout exactly as the original run does', () => {
    const build = () => {
      const ctx = newTestContext(5);
      const comps = [new DeploymentController(ctx), new ReplicaSetController(ctx)];
      return { ctx, comps };
    };
    const a = build();
    for (const c of a.comps) c.start();
    a.ctx.store.create('deployments', deploy(3));
    // Snapshot with work still queued: the key waits in the queue, the drain task in the clock.
    expect(a.comps[0]!.snapshot!()).toMatchObject({ queue: { keys: ['default/web'] } });
    const snap = JSON.parse(JSON.stringify({
      clock: a.ctx.clock.snapshot(), random: a.ctx.random.state(), store: a.ctx.store.snapshot(),
      events: a.ctx.events.snapshot(), comps: a.comps.map((c) => c.snapshot!()),
    }));
    const b = build();
    b.ctx.clock.restore(snap.clock);
    b.ctx.random.restoreState(snap.random);
    b.ctx.store.restore(snap.store);
    b.ctx.events.restore(snap.events);
    b.comps.forEach((c, i) => c.restore!(snap.comps[i]));
    for (const c of b.comps) c.start();
    for (const x of [a, b]) settle(x.ctx);
    expect(b.ctx.store.snapshot()).toEqual(a.ctx.store.snapshot());
    expect(activePods(b.ctx)).toHaveLength(3);
  });
});
