import { describe, it, expect } from 'vitest';
import type { KubeObject } from '../../api/types';
import { checkGracefulDelete } from './strategy';
import { computeQOS, getPodQOS } from './qos';
import { bindPod } from './binding';
import { edit, errorOf, newStore, pod } from './testutil';

const res = (requests?: Record<string, string>, limits?: Record<string, string>) => ({ requests, limits });
const qos = (containers: Array<{ requests?: Record<string, string>; limits?: Record<string, string> }>, init: typeof containers = []) =>
  computeQOS({ spec: {
    containers: containers.map((r, i) => ({ name: `c${i}`, resources: r })),
    initContainers: init.map((r, i) => ({ name: `i${i}`, resources: r })),
  } });

describe('computeQOS (facts §7.3)', () => {
  it('is BestEffort without cpu/memory requests or limits', () => {
    expect(qos([{}])).toBe('BestEffort');
    expect(qos([res({ 'ephemeral-storage': '1Gi' })])).toBe('BestEffort');
    expect(qos([res({ cpu: '0' })])).toBe('BestEffort'); // only quantities > 0 count
  });

  it('is Guaranteed when every container limits cpu and memory and requests equal limits', () => {
    expect(qos([res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })])).toBe('Guaranteed');
    expect(qos([res({ cpu: '1000m', memory: '1024Mi' }, { cpu: '1', memory: '1Gi' })])).toBe('Guaranteed');
    expect(qos([res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], [res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })])).toBe('Guaranteed');
  });

  it('is Burstable otherwise', () => {
    expect(qos([res({ cpu: '100m' })])).toBe('Burstable');
    expect(qos([res({ cpu: '1', memory: '1Gi' }, { cpu: '2', memory: '1Gi' })])).toBe('Burstable');
    expect(qos([res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' }), {}])).toBe('Burstable');
    expect(qos([res(undefined, { cpu: '1' })])).toBe('Burstable');
  });

  it('is Guaranteed for limits-only pods once requests default to limits', () => {
    const store = newStore();
    const p = store.create('pods', pod({ containers: [{ name: 'a', image: 'x', resources: { limits: { cpu: '500m', memory: '128Mi' } } }] }));
    expect(p.status.qosClass).toBe('Guaranteed');
    expect(getPodQOS(p)).toBe('Guaranteed');
  });
});

describe('PrepareForCreate / PrepareForUpdate / status writes', () => {
  it('replaces any client status with Pending and the QoS class', () => {
    const p = newStore().create('pods', { ...pod({ containers: [{ name: 'a', image: 'x', resources: { requests: { cpu: '1' } } }] }), status: { phase: 'Running', podIP: '1.2.3.4' } });
    expect(p.status).toEqual({ phase: 'Pending', qosClass: 'Burstable' });
  });

  it('drops fields of features that are off in 1.32', () => {
    const p = newStore().create('pods', pod({ resources: { limits: { cpu: '1' } }, containers: [{ name: 'a', image: 'x', resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }] }] }));
    expect((p.spec as unknown as Record<string, unknown>).resources).toBeUndefined();
    expect(p.spec.containers[0]!.resizePolicy).toBeUndefined();
  });

  it('keeps status, generation and priority through the main endpoint', () => {
    const store = newStore();
    const created = store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }));
    const withStatus = store.updateStatus('pods', { ...edit(created), status: { ...created.status, phase: 'Running' } });
    const next = edit(withStatus);
    next.status = { phase: 'Failed' };
    next.metadata.generation = 5;
    delete next.spec.priority;
    next.metadata.labels = { a: 'b' };
    const updated = store.update('pods', next);
    expect(updated.status.phase).toBe('Running');
    expect(updated.metadata.generation).toBeUndefined();
    expect(updated.spec.priority).toBe(0);
  });

  it('backfills qosClass on status writes and keeps it immutable', () => {
    const store = newStore();
    const created = store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }));
    const kept = store.updateStatus('pods', { ...edit(created), status: { phase: 'Running' } });
    expect(kept.status.qosClass).toBe('BestEffort');
    expect(errorOf(() => store.updateStatus('pods', { ...edit(kept), status: { ...kept.status, qosClass: 'Guaranteed' } })))
      .toBe('Pod "web" is invalid: status.qosClass: Invalid value: "Guaranteed": field is immutable');
  });
});

describe('CheckGracefulDelete (facts §3.6)', () => {
  const p = (spec: Record<string, unknown>, phase = 'Running') => ({ metadata: { name: 'x' }, spec, status: { phase } }) as unknown as KubeObject;

  it('uses the request, else the pod\'s terminationGracePeriodSeconds', () => {
    expect(checkGracefulDelete(p({ nodeName: 'n', terminationGracePeriodSeconds: 30 }), {})).toBe(30);
    expect(checkGracefulDelete(p({ nodeName: 'n', terminationGracePeriodSeconds: 30 }), { gracePeriodSeconds: 5 })).toBe(5);
    expect(checkGracefulDelete(p({ nodeName: 'n', terminationGracePeriodSeconds: 30 }), { gracePeriodSeconds: 0 })).toBe(0);
    expect(checkGracefulDelete(p({ nodeName: 'n' }), {})).toBe(0);
  });

  it('deletes unscheduled and finished pods at once', () => {
    expect(checkGracefulDelete(p({ terminationGracePeriodSeconds: 30 }), {})).toBe(0);
    expect(checkGracefulDelete(p({ nodeName: 'n', terminationGracePeriodSeconds: 30 }, 'Succeeded'), {})).toBe(0);
    expect(checkGracefulDelete(p({ nodeName: 'n', terminationGracePeriodSeconds: 30 }, 'Failed'), { gracePeriodSeconds: 10 })).toBe(0);
  });

  it('turns negative periods into 1', () => {
    expect(checkGracefulDelete(p({ nodeName: 'n', terminationGracePeriodSeconds: -5 }), {})).toBe(1);
    expect(checkGracefulDelete(p({ nodeName: 'n' }), { gracePeriodSeconds: -1 })).toBe(1);
  });

  it('drives the store\'s graceful deletion', () => {
    const store = newStore();
    store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }));
    expect(store.delete('pods', 'default', 'web').metadata.deletionTimestamp).toBeUndefined();
    expect(store.tryGet('pods', 'default', 'web')).toBeUndefined();
    store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }));
    bindPod(store, 'default', 'web', 'minikube');
    const deleting = store.delete('pods', 'default', 'web');
    expect(deleting.metadata.deletionTimestamp).toBe('2026-11-21T12:00:30Z');
    expect(deleting.metadata.deletionGracePeriodSeconds).toBe(30);
  });
});

describe('pods/binding', () => {
  it('sets nodeName and PodScheduled=True in one write', () => {
    const store = newStore();
    store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }));
    const events: string[] = [];
    store.watch('pods', (e) => events.push(`${e.type} ${(e.object as { spec: { nodeName?: string } }).spec.nodeName ?? ''}`));
    const bound = bindPod(store, 'default', 'web', 'minikube', { 'example.com/bound-by': 'test' });
    expect(bound.spec.nodeName).toBe('minikube');
    expect(bound.status.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-21T12:00:00Z' }]);
    expect(bound.metadata.annotations).toEqual({ 'example.com/bound-by': 'test' });
    expect(events).toEqual(['MODIFIED minikube']);
  });

  it('replaces an Unschedulable condition', () => {
    const store = newStore();
    const created = store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }));
    store.updateStatus('pods', { ...edit(created), status: { ...created.status, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/1 nodes are available', lastProbeTime: null, lastTransitionTime: '2026-11-21T11:00:00Z' }] } });
    const bound = bindPod(store, 'default', 'web', 'node-2');
    expect(bound.status.conditions).toEqual([{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: '2026-11-21T12:00:00Z' }]);
  });

  it('refuses a bound, deleting or missing pod', () => {
    const store = newStore();
    store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }));
    bindPod(store, 'default', 'web', 'minikube');
    expect(errorOf(() => bindPod(store, 'default', 'web', 'other')))
      .toBe('Operation cannot be fulfilled on pods/binding "web": pod web is already assigned to node "minikube"');
    expect(errorOf(() => bindPod(store, 'default', 'nope', 'minikube'))).toBe('pods "nope" not found');
    store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }, { name: 'fin', finalizers: ['example.com/hold'] }));
    store.delete('pods', 'default', 'fin');
    expect(errorOf(() => bindPod(store, 'default', 'fin', 'minikube')))
      .toBe('Operation cannot be fulfilled on pods/binding "fin": pod fin is being deleted, cannot be assigned to a host');
  });

  it('does not let a plain update change nodeName once bound', () => {
    const store = newStore();
    store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }));
    const bound = bindPod(store, 'default', 'web', 'minikube');
    const next = edit(bound);
    next.spec.nodeName = 'other';
    expect(errorOf(() => store.update('pods', next))).toContain('- \tNodeName:                     "minikube",\n+ \tNodeName:                     "other",\n');
  });
});

describe('warnings (pkg/api/pod/warnings.go)', () => {
  it('warns about duplicate ports and env names, dotted names and negative grace', async () => {
    const { podCreateWarnings } = await import('./warnings');
    const p = {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web.v1', uid: '', resourceVersion: '', creationTimestamp: '' },
      spec: {
        terminationGracePeriodSeconds: -1,
        containers: [
          { name: 'a', image: 'x', ports: [{ containerPort: 80, protocol: 'TCP' }], env: [{ name: 'A', value: '1' }, { name: 'A', value: '2' }, { name: 'A', value: '$(A)-x' }] },
          { name: 'b', image: 'x', ports: [{ containerPort: 80, protocol: 'TCP' }] },
        ],
      },
    } as unknown as KubeObject;
    expect(podCreateWarnings(p)).toEqual([
      "metadata.name: this is used in the Pod's hostname, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]",
      'spec.containers[0].env[1]: hides previous definition of "A", which may be dropped when using apply',
      'spec.containers[1].ports[0]: duplicate port definition with spec.containers[0].ports[0]',
      'spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1',
    ]);
  });
});
