import { describe, expect, it } from 'vitest';
import { Clock } from '../clock';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import { EventRecorder } from '../events';
import type { EngineContext } from '../cluster/context';
import { Scheduler } from './scheduler';
import { addNode, addPod, eventsFor, newTestCluster, podNode, podObject, podScheduledCondition } from './testing';

const NO_VICTIMS = 'preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';

describe('Scheduler: binding', () => {
  it('binds a pod and records Scheduled from default-scheduler', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'minikube');
    addPod(store, 'nginx');
    expect(podNode(store, 'nginx')).toBeUndefined(); // scheduling happens in a clock task
    clock.runUntilIdle();
    expect(podNode(store, 'nginx')).toBe('minikube');
    const [ev] = eventsFor(store, 'nginx', 'Scheduled');
    expect(ev?.type).toBe('Normal');
    expect(ev?.message).toBe('Successfully assigned default/nginx to minikube');
    expect(ev?.reportingComponent).toBe('default-scheduler');
    expect(ev?.eventTime).toBeTruthy();
  });

  it('goes through the Pod strategy: defaults, PodScheduled=True on bind, False while unschedulable', () => {
    const { store, clock } = newTestCluster(1, { podStrategy: true });
    addNode(store, 'minikube', { cpu: '2' });
    addPod(store, 'web', { cpu: '500m' });
    addPod(store, 'huge', { cpu: '4' });
    clock.runUntilIdle();
    const web = store.get('pods', 'default', 'web');
    expect(web.spec.schedulerName).toBe('default-scheduler');
    expect(web.spec.nodeName).toBe('minikube');
    expect(podScheduledCondition(store, 'web')).toMatchObject({ type: 'PodScheduled', status: 'True' });
    expect(store.get('pods', 'default', 'huge').status.phase).toBe('Pending');
    expect(podScheduledCondition(store, 'huge')).toMatchObject({
      status: 'False', reason: 'Unschedulable', message: `0/1 nodes are available: 1 Insufficient cpu. ${NO_VICTIMS}`,
    });
  });

  it('leaves pods created with spec.nodeName and pods for another scheduler alone', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'a');
    addNode(store, 'b');
    addPod(store, 'pinned', {}, { nodeName: 'b' });
    addPod(store, 'other', {}, { schedulerName: 'my-scheduler' });
    clock.advance(60_000);
    expect(podNode(store, 'pinned')).toBe('b');
    expect(podNode(store, 'other')).toBeUndefined();
    expect(store.list('events')).toEqual([]);
    expect(podScheduledCondition(store, 'other')).toBeUndefined();
  });

  it('spreads equal pods over equal nodes (LeastAllocated)', () => {
    const { store, clock } = newTestCluster();
    for (const n of ['n1', 'n2', 'n3']) addNode(store, n);
    for (const p of ['a', 'b', 'c']) addPod(store, p, { cpu: '500m', memory: '256Mi' });
    clock.runUntilIdle();
    expect(new Set(['a', 'b', 'c'].map((p) => podNode(store, p)))).toEqual(new Set(['n1', 'n2', 'n3']));
  });

  it('prefers nodes without PreferNoSchedule taints, and nodes matching preferred affinity', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const { store, clock } = newTestCluster(seed);
      addNode(store, 'soft', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] });
      addNode(store, 'plain');
      addPod(store, 'a');
      addNode(store, 'ssd', { labels: { disk: 'ssd' }, taints: [{ key: 'x', effect: 'PreferNoSchedule' }] });
      clock.runUntilIdle();
      expect(podNode(store, 'a')).toBe('plain'); // TaintToleration: 3 × 100 for the untainted node
      const c = newTestCluster(seed);
      addNode(c.store, 'plain');
      addNode(c.store, 'ssd', { labels: { disk: 'ssd' } });
      addPod(c.store, 'b', {}, { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [
        { weight: 10, preference: { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }] } },
      ] } } });
      c.clock.runUntilIdle();
      expect(podNode(c.store, 'b')).toBe('ssd'); // NodeAffinity: 2 × 100 after normalization
    }
  });
});

describe('Scheduler: FailedScheduling (facts §5 canonical texts)', () => {
  it('0/1 Insufficient cpu with the no-victims preemption suffix, and PodScheduled=False', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'minikube', { cpu: '2' });
    addPod(store, 'pending-big', { cpu: '3' });
    clock.runUntilIdle();
    const msg = `0/1 nodes are available: 1 Insufficient cpu. ${NO_VICTIMS}`;
    const [ev] = eventsFor(store, 'pending-big', 'FailedScheduling');
    expect(ev?.type).toBe('Warning');
    expect(ev?.message).toBe(msg);
    expect(podScheduledCondition(store, 'pending-big')).toEqual({
      type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: clock.nowRFC3339(), reason: 'Unschedulable', message: msg,
    });
  });

  it('0/3 with a control-plane taint and a node selector', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'controlplane', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] });
    addNode(store, 'node01');
    addNode(store, 'node02');
    addPod(store, 'web', {}, { nodeSelector: { disk: 'ssd' } });
    clock.runUntilIdle();
    expect(eventsFor(store, 'web', 'FailedScheduling')[0]?.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('0/1 with a missing PersistentVolumeClaim (a PreFilter message)', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'minikube');
    addPod(store, 'web', {}, { volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'web-pvc' } }] });
    clock.runUntilIdle();
    expect(eventsFor(store, 'web', 'FailedScheduling')[0]?.message).toBe(
      '0/1 nodes are available: persistentvolumeclaim "web-pvc" not found. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('mixes reasons from every plugin, a node reporting several', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'cordoned', { unschedulable: true });
    addNode(store, 'tainted', { taints: [{ key: 'dedicated', value: 'db', effect: 'NoExecute' }] });
    addNode(store, 'small', { cpu: '1', memory: '1Gi' });
    addNode(store, 'ports');
    const port = { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 80 }] }] };
    addPod(store, 'holder', {}, { ...port, nodeName: 'ports' });
    addPod(store, 'web', {}, { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80, hostPort: 80 }], resources: { requests: { cpu: '1500m', memory: '2Gi' } } }] });
    clock.runUntilIdle();
    expect(eventsFor(store, 'web', 'FailedScheduling')[0]?.message).toBe(
      "0/4 nodes are available: 1 Insufficient cpu, 1 Insufficient memory, 1 node(s) didn't have free ports for the requested pod ports, " +
      '1 node(s) had untolerated taint {dedicated: db}, 1 node(s) were unschedulable. ' +
      'preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.',
    );
  });

  it('names the PreFilter plugin for nodes outside a matchFields node list', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'a', { unschedulable: true });
    addNode(store, 'b');
    addNode(store, 'c');
    addPod(store, 'web', {}, { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a'] }] },
    ] } } } });
    clock.runUntilIdle();
    expect(eventsFor(store, 'web', 'FailedScheduling')[0]?.message).toBe(
      "0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't satisfy plugin(s) [NodeAffinity]. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
  });

  it('says "no nodes available to schedule pods" without nodes, then schedules once a node joins', () => {
    const { store, clock } = newTestCluster();
    addPod(store, 'web');
    clock.runUntilIdle();
    expect(eventsFor(store, 'web', 'FailedScheduling')[0]?.message).toBe('no nodes available to schedule pods');
    expect(podScheduledCondition(store, 'web')?.reason).toBe('Unschedulable');
    addNode(store, 'late');
    clock.advance(999);
    expect(podNode(store, 'web')).toBeUndefined(); // still backing off after its first attempt
    clock.advance(1);
    expect(podNode(store, 'web')).toBe('late');
  });

  it("checks a bound volume's node affinity", () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'n1');
    addNode(store, 'n2', { unschedulable: true });
    store.create('persistentvolumes', { metadata: { name: 'local-pv' }, spec: {
      capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], local: { path: '/mnt/disk' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n2'] }] }] } },
    } });
    store.create('persistentvolumeclaims', {
      metadata: { name: 'data', namespace: 'default', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeName: 'local-pv' },
    });
    addPod(store, 'db', {}, { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] });
    clock.runUntilIdle();
    expect(eventsFor(store, 'db', 'FailedScheduling')[0]?.message).toBe(
      '0/2 nodes are available: 1 node(s) had volume node affinity conflict, 1 node(s) were unschedulable. preemption: 0/2 nodes are available: 2 Preemption is not helpful for scheduling.',
    );
    const n2 = store.get('nodes', undefined, 'n2');
    store.update('nodes', { ...n2, spec: {} });
    clock.advance(1000);
    expect(podNode(store, 'db')).toBe('n2');
  });

  it('reports preemptionPolicy=Never', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'minikube', { cpu: '1' });
    addPod(store, 'web', { cpu: '2' }, { preemptionPolicy: 'Never' });
    clock.runUntilIdle();
    expect(eventsFor(store, 'web', 'FailedScheduling')[0]?.message).toBe(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.',
    );
  });

  it('reports a claim that is not bound yet, and schedules once the PV controller binds it', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'minikube');
    store.create('persistentvolumeclaims', { metadata: { name: 'data', namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } });
    addPod(store, 'db', {}, { volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] });
    clock.runUntilIdle();
    expect(eventsFor(store, 'db', 'FailedScheduling')[0]?.message).toBe(
      '0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    store.create('persistentvolumes', { metadata: { name: 'pv1' }, spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } } });
    const pvc = store.get('persistentvolumeclaims', 'default', 'data');
    store.update('persistentvolumeclaims', { ...pvc, metadata: { ...pvc.metadata, annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } }, spec: { ...pvc.spec, volumeName: 'pv1' } });
    clock.advance(1000);
    expect(podNode(store, 'db')).toBe('minikube');
  });
});

describe('Scheduler: retries', () => {
  it('retries when a node is added, after the pod backoff', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'small', { cpu: '1' });
    addPod(store, 'web', { cpu: '2' });
    clock.runUntilIdle();
    expect(podNode(store, 'web')).toBeUndefined();
    clock.advance(300);
    addNode(store, 'big', { cpu: '4' });
    clock.advance(699); // the first failure backs off 1s from the failed attempt
    expect(podNode(store, 'web')).toBeUndefined();
    clock.advance(1);
    expect(podNode(store, 'web')).toBe('big');
    expect(eventsFor(store, 'web', 'Scheduled')[0]?.message).toBe('Successfully assigned default/web to big');
  });

  it('retries when a pod on the node is deleted or finishes', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'n1', { cpu: '2' });
    addPod(store, 'a', { cpu: '1500m' });
    addPod(store, 'b', { cpu: '1500m' });
    clock.runUntilIdle();
    expect(podNode(store, 'a')).toBe('n1');
    expect(podNode(store, 'b')).toBeUndefined();
    const a = store.get('pods', 'default', 'a');
    store.updateStatus('pods', { ...a, status: { ...a.status, phase: 'Succeeded' } });
    clock.advance(1000);
    expect(podNode(store, 'b')).toBe('n1');
    addPod(store, 'c', { cpu: '1' });
    clock.advance(5000);
    expect(podNode(store, 'c')).toBeUndefined();
    store.delete('pods', 'default', 'b');
    clock.advance(2000);
    expect(podNode(store, 'c')).toBe('n1');
  });

  it('retries when a node is uncordoned, not on unrelated node updates', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'n1', { unschedulable: true });
    addPod(store, 'web');
    clock.runUntilIdle();
    expect(eventsFor(store, 'web', 'FailedScheduling')[0]?.message).toBe(
      '0/1 nodes are available: 1 node(s) were unschedulable. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
    const n = store.get('nodes', undefined, 'n1');
    store.update('nodes', { ...n, metadata: { ...n.metadata, labels: { ...n.metadata.labels, extra: 'x' } } });
    clock.advance(10_000);
    expect(eventsFor(store, 'web', 'FailedScheduling')[0]?.series).toBeUndefined(); // not retried
    const n2 = store.get('nodes', undefined, 'n1');
    store.update('nodes', { ...n2, spec: { ...n2.spec, unschedulable: false } });
    clock.runUntilIdle();
    expect(podNode(store, 'web')).toBe('n1');
  });

  it('backs off 1s, 2s, 4s, 8s, 10s, 10s and folds the repeats into one FailedScheduling series', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'n1', { cpu: '1' });
    for (let i = 0; i < 7; i++) addPod(store, `filler-${i}`, {}, { nodeName: 'n1' });
    const start = clock.now();
    addPod(store, 'big', { cpu: '2' });
    clock.runUntilIdle();
    const count = () => eventsFor(store, 'big', 'FailedScheduling')[0]?.series?.count ?? 1;
    const attempts: number[] = [0];
    for (let i = 0; i < 6; i++) {
      // Deleting a scheduled pod may free room, so the pod is requeued, through its backoff.
      store.delete('pods', 'default', `filler-${i}`);
      const before = count();
      clock.advanceUntil(() => count() > before, 60_000);
      attempts.push(clock.now() - start);
    }
    expect(attempts).toEqual([0, 1000, 3000, 7000, 15000, 25000, 35000]);
    const events = eventsFor(store, 'big', 'FailedScheduling');
    expect(events).toHaveLength(1);
    expect(events[0]?.series?.count).toBe(7);
    expect(events[0]?.series?.lastObservedTime).toBe('2026-11-21T12:00:35.000000Z');
  });

  it('retries a stuck pod every 5m30s (unschedulable flush) with the same condition', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'n1', { cpu: '1' });
    addPod(store, 'big', { cpu: '2' });
    clock.runUntilIdle();
    const transition = podScheduledCondition(store, 'big')?.lastTransitionTime;
    const rv = store.get('pods', 'default', 'big').metadata.resourceVersion;
    clock.advance(5 * 60_000 + 29_999);
    expect(eventsFor(store, 'big', 'FailedScheduling')[0]?.series).toBeUndefined();
    clock.advance(1);
    expect(eventsFor(store, 'big', 'FailedScheduling')[0]?.series?.count).toBe(2);
    // UpdatePodCondition: an unchanged condition is not written again.
    expect(store.get('pods', 'default', 'big').metadata.resourceVersion).toBe(rv);
    expect(podScheduledCondition(store, 'big')?.lastTransitionTime).toBe(transition);
  });
});

describe('Scheduler: preemption', () => {
  it('evicts lower-priority pods, nominates the node and binds there once they are gone', () => {
    const { store, clock } = newTestCluster();
    addNode(store, 'n1', { cpu: '2' });
    addPod(store, 'low-a', { cpu: '800m' }, { priority: 0 });
    addPod(store, 'low-b', { cpu: '800m' }, { priority: 10 });
    clock.runUntilIdle();
    const high = addPod(store, 'high', { cpu: '1' }, { priority: 1000 });
    clock.runUntilIdle();
    // Preemption found a candidate, so the message has no "preemption:" part.
    expect(eventsFor(store, 'high', 'FailedScheduling')[0]?.message).toBe('0/1 nodes are available: 1 Insufficient cpu.');
    expect(store.get('pods', 'default', 'high').status.nominatedNodeName).toBe('n1');
    // Removing both fits; low-b (more important) is reprieved, low-a is the victim.
    expect(store.tryGet('pods', 'default', 'low-a')).toBeUndefined();
    expect(podNode(store, 'low-b')).toBe('n1');
    expect(eventsFor(store, 'low-a', 'Preempted')[0]?.message).toBe(`Preempted by pod ${high.metadata.uid} on node n1`);
    clock.advance(1000);
    expect(podNode(store, 'high')).toBe('n1');
  });

  it('marks a victim that terminates gracefully with DisruptionTarget and waits for it', () => {
    const { store, clock } = newTestCluster(1, { podStrategy: true });
    addNode(store, 'n1', { cpu: '1' });
    addPod(store, 'low', { cpu: '1' });
    clock.runUntilIdle();
    addPod(store, 'high', { cpu: '1' }, { priorityClassName: 'system-cluster-critical' });
    clock.runUntilIdle();
    const low = store.get('pods', 'default', 'low');
    expect(low.metadata.deletionTimestamp).toBeTruthy(); // 30s grace: the kubelet has to stop it
    expect(low.status.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({
      status: 'True', reason: 'PreemptionByScheduler', message: 'default-scheduler: preempting to accommodate a higher priority pod',
    });
    clock.advance(5 * 60_000 + 30_000); // flushed and retried while the victim is still terminating
    expect(eventsFor(store, 'high', 'FailedScheduling').map((e) => e.message)).toContain(
      '0/1 nodes are available: 1 Insufficient cpu. preemption: not eligible due to a terminating pod on the nominated node.',
    );
    expect(podNode(store, 'high')).toBeUndefined();
    store.delete('pods', 'default', 'low', { gracePeriodSeconds: 0 }); // what the kubelet does once it stopped
    clock.advance(10_000);
    expect(podNode(store, 'high')).toBe('n1');
  });
});

describe('Scheduler: determinism and state', () => {
  function run(seed: number): Record<string, string | undefined> {
    const { store, clock } = newTestCluster(seed);
    for (let i = 0; i < 12; i++) addNode(store, `node-${i}`);
    for (let i = 0; i < 40; i++) addPod(store, `p-${i}`);
    clock.runUntilIdle();
    return Object.fromEntries(store.list('pods').map((p) => [p.metadata.name, p.spec.nodeName]));
  }

  it('binds identically for the same seed', () => {
    const a = run(7);
    expect(run(7)).toEqual(a);
    expect(Object.values(a).every((n) => n)).toBe(true);
    expect(new Set(Object.values(a)).size).toBeGreaterThan(6); // ties spread over many nodes
  });

  it('continues identically after snapshot and restore', () => {
    const a = newTestCluster(3);
    addNode(a.store, 'n1', { cpu: '1' });
    addPod(a.store, 'big', { cpu: '2' });
    addPod(a.store, 'small', { cpu: '500m' });
    a.clock.runUntilIdle();
    a.clock.advance(400);

    // Restore everything into a fresh cluster.
    const clock = new Clock();
    clock.restore(JSON.parse(JSON.stringify(a.clock.snapshot())));
    const random = SeededRandom.fromState(a.ctx.random.state());
    const store = new ApiStore(clock, random);
    store.restore(JSON.parse(JSON.stringify(a.store.snapshot())));
    const events = new EventRecorder(store, clock);
    events.restore(JSON.parse(JSON.stringify(a.ctx.events.snapshot())));
    const ctx: EngineContext = { clock, random, store, events };
    const b = new Scheduler(ctx);
    b.restore(JSON.parse(JSON.stringify(a.scheduler.snapshot())));
    b.start();
    expect(b.snapshot()).toEqual(a.scheduler.snapshot());

    for (const side of [{ store: a.store, clock: a.clock }, { store, clock }]) {
      side.store.create('nodes', { metadata: { name: 'n2' }, status: { allocatable: { cpu: '4', memory: '4Gi', pods: '110' } } });
      side.clock.advance(30_000);
      side.store.create('pods', podObject('later', { cpu: '1' }));
      side.clock.advance(400_000);
    }
    const view = (s: ApiStore) => JSON.stringify({ pods: s.list('pods'), events: s.list('events') });
    expect(view(store)).toEqual(view(a.store));
    expect(podNode(store, 'big')).toBe('n2');
  });

  // speed is measured by `npm run bench`, not here: a timed unit test fails on a busy machine
  it('schedules 1,000 pods onto 100 nodes evenly', () => {
    const { store, clock } = newTestCluster(11);
    for (let i = 0; i < 100; i++) addNode(store, `node-${String(i).padStart(3, '0')}`, { cpu: '8', memory: '32Gi' });
    for (let i = 0; i < 1000; i++) addPod(store, `p-${i}`, { cpu: '50m', memory: '64Mi' });
    clock.runUntilIdle();
    const pods = store.list('pods');
    expect(pods.every((p) => p.spec.nodeName)).toBe(true);
    const perNode = new Map<string, number>();
    for (const p of pods) perNode.set(p.spec.nodeName!, (perNode.get(p.spec.nodeName!) ?? 0) + 1);
    expect(perNode.size).toBe(100);
    expect(Math.max(...perNode.values()) - Math.min(...perNode.values())).toBeLessThanOrEqual(4);
  });
});
