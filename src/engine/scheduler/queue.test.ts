import { describe, expect, it } from 'vitest';
import { Clock } from '../clock';
import type { StoredNode, StoredPod } from '../api/types';
import { ActionType } from './framework';
import { newPodInfo } from './node-info';
import { backoffDuration, SchedulingQueue } from './queue';
import { NodeResourcesFit } from './plugins/node-resources-fit';
import { TaintToleration } from './plugins/taint-toleration';

let n = 0;
function pod(o: { priority?: number; gates?: string[]; requests?: Record<string, string> } = {}): StoredPod {
  n++;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `p${n}`, namespace: 'default', uid: `uid-${n}`, resourceVersion: String(n), creationTimestamp: '' },
    spec: {
      containers: [{ name: 'c', image: 'x', ...(o.requests ? { resources: { requests: o.requests } } : {}) }],
      ...(o.priority !== undefined ? { priority: o.priority } : {}),
      ...(o.gates ? { schedulingGates: o.gates.map((name) => ({ name })) } : {}),
    },
    status: {},
  } as StoredPod;
}

function node(name: string, cpu = '4'): StoredNode {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: '' },
    spec: {}, status: { allocatable: { cpu, memory: '4Gi', pods: '110' } },
  } as StoredNode;
}

function setup() {
  const clock = new Clock(0);
  let activations = 0;
  const q = new SchedulingQueue(clock, [NodeResourcesFit, TaintToleration], () => activations++);
  return { clock, q, activations: () => activations };
}

/** Pop a pod and fail it as if `plugins` rejected it. */
function fail(q: SchedulingQueue, plugins: string[]) {
  const p = q.pop()!;
  p.unschedulablePlugins = new Set(plugins);
  q.addUnschedulableIfNotPresent(p);
  return p;
}

describe('SchedulingQueue', () => {
  it('pops by priority, then in arrival order', () => {
    const { clock, q } = setup();
    const low = pod({ priority: 0 });
    const high = pod({ priority: 1000 });
    const low2 = pod({ priority: 0 });
    q.add(newPodInfo(low));
    clock.advance(5);
    q.add(newPodInfo(high));
    q.add(newPodInfo(low2));
    expect([q.pop(), q.pop(), q.pop()].map((p) => p?.info.pod.metadata.name)).toEqual([high.metadata.name, low.metadata.name, low2.metadata.name]);
    expect(q.pop()).toBeUndefined();
  });

  it('backs off 1s, 2s, 4s, 8s, then 10s per attempt', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(backoffDuration)).toEqual([0, 1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('keeps a pod whose failure no event can fix in the unschedulable pool until the 5-minute flush', () => {
    const { clock, q } = setup();
    const p = pod({ requests: { cpu: '8' } });
    q.add(newPodInfo(p));
    fail(q, ['NodeResourcesFit']);
    expect(q.where(p.metadata.uid)).toBe('unschedulable');
    // An event the rejecting plugin does not care about changes nothing.
    q.moveAllToActiveOrBackoffQueue({ resource: 'Node', action: ActionType.UpdateNodeLabel, label: 'NodeLabelChange' }, node('a'), node('a'));
    expect(q.where(p.metadata.uid)).toBe('unschedulable');
    // A node too small for the pod: NodeResourcesFit's hint says QueueSkip.
    q.moveAllToActiveOrBackoffQueue({ resource: 'Node', action: ActionType.Add, label: 'NodeAdd' }, undefined, node('small', '2'));
    expect(q.where(p.metadata.uid)).toBe('unschedulable');
    // podMaxInUnschedulablePodsDuration is strict (> 5m), checked on a 30s tick: 5m30s here.
    clock.advance(5 * 60_000);
    expect(q.where(p.metadata.uid)).toBe('unschedulable');
    clock.advance(30_000);
    expect(q.where(p.metadata.uid)).toBe('active');
  });

  it('moves a pod back when a relevant event happens, through backoff if still backing off', () => {
    const { clock, q } = setup();
    const p = pod({ requests: { cpu: '8' } });
    q.add(newPodInfo(p));
    fail(q, ['NodeResourcesFit']);
    q.moveAllToActiveOrBackoffQueue({ resource: 'Node', action: ActionType.Add, label: 'NodeAdd' }, undefined, node('big', '16'));
    expect(q.where(p.metadata.uid)).toBe('backoff');
    expect(q.backoffExpiry(q.get(p.metadata.uid)!)).toBe(1000);
    clock.advance(999);
    expect(q.where(p.metadata.uid)).toBe('backoff');
    clock.advance(1);
    expect(q.where(p.metadata.uid)).toBe('active');

    // Second failure: 2s backoff; an assigned pod deleted after it has passed goes straight to activeQ.
    fail(q, ['NodeResourcesFit']);
    clock.advance(2500);
    const gone = { ...pod(), spec: { ...pod().spec, nodeName: 'big' } } as StoredPod;
    q.moveAllToActiveOrBackoffQueue({ resource: 'AssignedPod', action: ActionType.Delete, label: 'AssignedPodDelete' }, gone, undefined);
    expect(q.where(p.metadata.uid)).toBe('active');
  });

  it('records events while a pod is in flight and requeues it when the attempt fails', () => {
    const { q } = setup();
    const p = pod({ requests: { cpu: '8' } });
    q.add(newPodInfo(p));
    const popped = q.pop()!;
    q.moveAllToActiveOrBackoffQueue({ resource: 'Node', action: ActionType.Add, label: 'NodeAdd' }, undefined, node('big', '16'));
    popped.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(popped);
    expect(q.where(p.metadata.uid)).toBe('backoff');
  });

  it('holds gated pods until their gates are removed', () => {
    const { q, activations } = setup();
    const gated = pod({ gates: ['example.com/wait'] });
    q.add(newPodInfo(gated));
    expect(q.where(gated.metadata.uid)).toBe('unschedulable');
    expect(activations()).toBe(0);
    const ungated = { ...gated, metadata: { ...gated.metadata, resourceVersion: '99' }, spec: { ...gated.spec, schedulingGates: [] } } as StoredPod;
    q.update(newPodInfo(ungated), [{ resource: 'UnscheduledPod', action: ActionType.UpdatePodSchedulingGatesEliminated, label: 'x' }], gated, ungated);
    expect(q.where(gated.metadata.uid)).toBe('active');
    expect(activations()).toBe(1);
  });

  it('snapshots and restores queue placement, attempts and timestamps', () => {
    const { clock, q } = setup();
    const a = pod({ requests: { cpu: '8' } });
    const b = pod();
    q.add(newPodInfo(a));
    q.add(newPodInfo(b));
    fail(q, ['NodeResourcesFit']);
    const state = JSON.parse(JSON.stringify(q.snapshot()));
    const clock2 = new Clock(clock.now());
    const q2 = new SchedulingQueue(clock2, [NodeResourcesFit], () => {});
    q2.restore(state);
    for (const s of state.pods) q2.restorePod(newPodInfo(s.uid === a.metadata.uid ? a : b), s);
    expect(q2.snapshot()).toEqual(q.snapshot());
    expect(q2.where(a.metadata.uid)).toBe('unschedulable');
    expect(q2.pop()?.info.uid).toBe(b.metadata.uid);
  });
});
