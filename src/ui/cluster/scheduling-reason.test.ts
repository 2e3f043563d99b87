import { describe, expect, it } from 'vitest';
import { explainPending, parseFitError, type NodeRoom, type PodAsk } from './scheduling-reason';

const GiB = 2 ** 30;
const room = (name: string, cpuFree: number, memoryFree = 2 * GiB): NodeRoom => ({ name, cpuFree, memoryFree, ephemeralStorageFree: 10 * GiB, podsFree: 100, podsMax: 110 });
const ask = (o: Partial<PodAsk> = {}): PodAsk => ({ cpu: 0, memory: 0, ephemeralStorage: 0, ...o });
const unschedulable = (message: string) => ({ reason: 'Unschedulable', message });

describe('parseFitError', () => {
  it('reads the node count, the histogram and the preemption part', () => {
    const fit = parseFitError('0/3 nodes are available: 1 Insufficient memory, 2 Insufficient cpu. preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod.');
    expect(fit).toEqual({
      total: 3,
      reasons: [{ count: 1, reason: 'Insufficient memory' }, { count: 2, reason: 'Insufficient cpu' }],
      preemption: '0/3 nodes are available: 3 No preemption victims found for incoming pod.',
    });
  });

  it('keeps a PreFilter message whole', () => {
    expect(parseFitError('0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.')).toMatchObject({
      total: 1, reasons: [], preFilter: 'pod has unbound immediate PersistentVolumeClaims',
    });
  });

  it('is undefined for other text', () => {
    expect(parseFitError('something else')).toBeUndefined();
  });
});

describe('explainPending', () => {
  it('names the CPU asked for and the most any node has free', () => {
    const text = explainPending(unschedulable('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.'),
      ask({ cpu: 3000 }), [room('minikube', 1200)]);
    expect(text).toBe('No node has enough free CPU: the pod requests 3 CPUs, the largest free is 1.2 CPUs. Evicting lower-priority pods would not make room either.');
  });

  it('counts nodes when only some are short, and picks the largest free memory', () => {
    const text = explainPending(unschedulable('0/3 nodes are available: 2 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }.'),
      ask({ memory: 3 * GiB }), [room('a', 0, GiB / 2), room('b', 0, 1.5 * GiB), room('cp', 0, 0)]);
    expect(text).toBe("2 of 3 nodes don't have enough free memory: the pod requests 3Gi, the largest free is 1.5Gi. "
      + '1 of 3 nodes has a taint the pod does not tolerate: node-role.kubernetes.io/control-plane (control-plane nodes keep ordinary pods off).');
  });

  it('explains selectors, cordons and ports with the pod\'s own values', () => {
    const one = [room('n', 1000)];
    expect(explainPending(unschedulable("0/1 nodes are available: 1 node(s) didn't match Pod's node affinity/selector."), ask({ nodeSelector: { disktype: 'ssd' } }), one))
      .toBe("The only node lacks the labels the pod's node selector or affinity asks for (nodeSelector: disktype=ssd).");
    expect(explainPending(unschedulable('0/2 nodes are available: 2 node(s) were unschedulable.'), ask(), [room('a', 1), room('b', 1)]))
      .toBe('All 2 nodes are cordoned (marked unschedulable).');
    expect(explainPending(unschedulable("0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports."), ask(), one))
      .toBe('The only node already has a pod using the host port this pod asks for.');
  });

  it('covers gates, missing claims, no condition yet and unknown reasons', () => {
    expect(explainPending({ reason: 'SchedulingGated', message: 'Scheduling is blocked due to non-empty scheduling gates' }, ask({ schedulingGates: ['example.com/wait'] }), []))
      .toBe('The scheduler leaves the pod alone until its scheduling gates are removed (example.com/wait).');
    expect(explainPending(unschedulable('0/1 nodes are available: persistentvolumeclaim "data" not found.'), ask(), []))
      .toBe('The pod uses the PersistentVolumeClaim data, which does not exist.');
    expect(explainPending(undefined, ask(), [])).toBe('Waiting for the scheduler to pick a node.');
    expect(explainPending(unschedulable('no nodes available to schedule pods'), ask(), [])).toBe('The cluster has no nodes to run it.');
    expect(explainPending(unschedulable('0/1 nodes are available: 1 something new.'), ask(), [room('n', 0)])).toBe('1 node: something new.');
  });
});
