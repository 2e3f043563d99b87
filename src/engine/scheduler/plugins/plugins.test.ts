import { describe, expect, it } from 'vitest';
import type { NodeSelectorRequirement, StoredNode, StoredPod, Taint } from '../../api/types';
import type { CycleState } from '../framework';
import { NodeInfo, newPodInfo } from '../node-info';
import { NodeUnschedulable } from './node-unschedulable';
import { NodeName } from './node-name';
import { TaintToleration, toleratesTaint } from './taint-toleration';
import { NodeAffinity, nodeAffinityPreFilter, RequiredNodeAffinity } from './node-affinity';
import { NodePorts } from './node-ports';
import { NodeResourcesFit } from './node-resources-fit';

let uid = 0;
function pod(spec: Partial<StoredPod['spec']> = {}, requests?: Record<string, string>): StoredPod {
  uid++;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name: `p${uid}`, namespace: 'default', uid: `uid-${uid}`, resourceVersion: '1', creationTimestamp: '' },
    spec: { containers: [{ name: 'c', image: 'x', ...(requests ? { resources: { requests } } : {}) }], ...spec },
    status: {},
  } as StoredPod;
}

function node(name: string, o: { labels?: Record<string, string>; taints?: Taint[]; unschedulable?: boolean; alloc?: Record<string, string> } = {}): NodeInfo {
  const n = {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, uid: name, resourceVersion: '1', creationTimestamp: '', labels: o.labels ?? {} },
    spec: { taints: o.taints, unschedulable: o.unschedulable },
    status: { allocatable: o.alloc ?? { cpu: '2', memory: '4Gi', pods: '110' } },
  } as StoredNode;
  const info = new NodeInfo(name);
  info.setNode(n);
  return info;
}

function state(p: StoredPod): CycleState {
  return { pod: p, podInfo: newPodInfo(p), skipFilter: new Set(), requiredAffinity: new RequiredNodeAffinity(p) };
}

describe('NodeUnschedulable', () => {
  it('rejects cordoned nodes unless the pod tolerates node.kubernetes.io/unschedulable:NoSchedule', () => {
    const cordoned = node('n', { unschedulable: true });
    expect(NodeUnschedulable.filter(state(pod()), cordoned)?.reasons).toEqual(['node(s) were unschedulable']);
    expect(NodeUnschedulable.filter(state(pod()), cordoned)?.code).toBe('UnschedulableAndUnresolvable');
    const tolerant = pod({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(NodeUnschedulable.filter(state(tolerant), cordoned)).toBeNull();
    expect(NodeUnschedulable.filter(state(pod()), node('m'))).toBeNull();
  });
});

describe('NodeName', () => {
  it("rejects other nodes than spec.nodeName with node(s) didn't match the requested node name", () => {
    const p = pod({ nodeName: 'a' });
    expect(NodeName.filter(state(p), node('a'))).toBeNull();
    expect(NodeName.filter(state(p), node('b'))?.reasons).toEqual(["node(s) didn't match the requested node name"]);
  });
});

describe('TaintToleration', () => {
  const cp: Taint = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };
  it('reports the first untolerated NoSchedule/NoExecute taint as {key: value}', () => {
    const n = node('n', { taints: [{ key: 'soft', value: 'x', effect: 'PreferNoSchedule' }, cp, { key: 'dedicated', value: 'db', effect: 'NoExecute' }] });
    expect(TaintToleration.filter(state(pod()), n)?.reasons).toEqual(['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }']);
    const tolCp = pod({ tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }] });
    expect(TaintToleration.filter(state(tolCp), n)?.reasons).toEqual(['node(s) had untolerated taint {dedicated: db}']);
  });

  it('ignores PreferNoSchedule taints', () => {
    expect(TaintToleration.filter(state(pod()), node('n', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }))).toBeNull();
  });

  it('matches tolerations like Toleration.ToleratesTaint', () => {
    const t: Taint = { key: 'k', value: 'v', effect: 'NoSchedule' };
    expect(toleratesTaint({ key: 'k', value: 'v' }, t)).toBe(true); // empty operator = Equal, empty effect = all
    expect(toleratesTaint({ key: 'k', operator: 'Equal', value: 'w' }, t)).toBe(false);
    expect(toleratesTaint({ operator: 'Exists' }, t)).toBe(true); // empty key + Exists tolerates everything
    expect(toleratesTaint({ key: 'k', operator: 'Exists', effect: 'NoExecute' }, t)).toBe(false);
    expect(toleratesTaint({ key: 'k', operator: 'Bogus' }, t)).toBe(false);
  });
});

describe('NodeAffinity', () => {
  const reason = "node(s) didn't match Pod's node affinity/selector";
  const required = (...exprs: NodeSelectorRequirement[]) =>
    pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: exprs }] } } } });
  const n = node('worker-1', { labels: { disk: 'ssd', gen: '5', zone: 'a' } });

  it('checks nodeSelector', () => {
    expect(NodeAffinity.filter(state(pod({ nodeSelector: { disk: 'ssd' } })), n)).toBeNull();
    expect(NodeAffinity.filter(state(pod({ nodeSelector: { disk: 'hdd' } })), n)?.reasons).toEqual([reason]);
  });

  it.each([
    [{ key: 'disk', operator: 'In', values: ['ssd', 'nvme'] }, true],
    [{ key: 'disk', operator: 'In', values: ['hdd'] }, false],
    [{ key: 'disk', operator: 'NotIn', values: ['hdd'] }, true],
    [{ key: 'missing', operator: 'NotIn', values: ['x'] }, true],
    [{ key: 'disk', operator: 'Exists' }, true],
    [{ key: 'disk', operator: 'DoesNotExist' }, false],
    [{ key: 'gen', operator: 'Gt', values: ['4'] }, true],
    [{ key: 'gen', operator: 'Gt', values: ['5'] }, false],
    [{ key: 'gen', operator: 'Lt', values: ['6'] }, true],
    [{ key: 'zone', operator: 'Gt', values: ['1'] }, false], // label is not an integer
    [{ key: 'gen', operator: 'Gt', values: ['x'] }, false], // invalid requirement: the term never matches
  ] as [NodeSelectorRequirement, boolean][])('%o matches: %s', (expr, ok) => {
    expect(NodeAffinity.filter(state(required(expr)), n) === null).toBe(ok);
  });

  it('ORs terms, ANDs expressions, and reads matchFields metadata.name', () => {
    const p = pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [
      { matchExpressions: [{ key: 'disk', operator: 'In', values: ['ssd'] }, { key: 'zone', operator: 'In', values: ['b'] }] },
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['worker-1'] }] },
    ] } } } });
    expect(NodeAffinity.filter(state(p), n)).toBeNull();
    expect(NodeAffinity.filter(state(p), node('worker-2', { labels: { disk: 'ssd', zone: 'a' } }))?.reasons).toEqual([reason]);
  });

  it('PreFilter skips pods without constraints, narrows to named nodes, detects conflicts', () => {
    expect(nodeAffinityPreFilter(pod()).skip).toBe(true);
    const named = (names: string[][]) => pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: {
      nodeSelectorTerms: names.map((values) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values }] })),
    } } } });
    expect([...nodeAffinityPreFilter(named([['a', 'b'], ['c']])).nodeNames!]).toEqual(['a', 'b', 'c']);
    const conflict = pod({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [
      { key: 'metadata.name', operator: 'In', values: ['a'] }, { key: 'metadata.name', operator: 'In', values: ['b'] },
    ] }] } } } });
    expect(nodeAffinityPreFilter(conflict).status?.reasons).toEqual(['pod affinity terms conflict']);
  });
});

describe('NodePorts', () => {
  it('rejects a node where the host port is taken, with 0.0.0.0 overlapping every IP', () => {
    const n = node('n');
    n.addPod(newPodInfo(pod({ containers: [{ name: 'a', image: 'x', ports: [{ containerPort: 80, hostPort: 8080, hostIP: '10.0.0.1' }] }] })));
    const want = (hostIP?: string, protocol?: string) =>
      pod({ containers: [{ name: 'b', image: 'x', ports: [{ containerPort: 80, hostPort: 8080, hostIP, protocol }] }] });
    expect(NodePorts.filter(state(want()), n)?.reasons).toEqual(["node(s) didn't have free ports for the requested pod ports"]);
    expect(NodePorts.filter(state(want()), n)?.code).toBe('Unschedulable');
    expect(NodePorts.filter(state(want('10.0.0.2')), n)).toBeNull();
    expect(NodePorts.filter(state(want('10.0.0.1', 'UDP')), n)).toBeNull();
    expect(NodePorts.filter(state(want('10.0.0.1')), n)).not.toBeNull();
  });
});

describe('NodeResourcesFit', () => {
  it('reports every shortfall of one node', () => {
    const n = node('n', { alloc: { cpu: '1', memory: '1Gi', 'ephemeral-storage': '1Gi', pods: '1', 'example.com/dongle': '1' } });
    n.addPod(newPodInfo(pod({}, { cpu: '500m' })));
    const s = NodeResourcesFit.filter(state(pod({}, { cpu: '600m', memory: '2Gi', 'ephemeral-storage': '2Gi', 'example.com/dongle': '2' })), n);
    expect(s?.code).toBe('Unschedulable');
    expect(s?.reasons).toEqual(['Too many pods', 'Insufficient cpu', 'Insufficient memory', 'Insufficient ephemeral-storage', 'Insufficient example.com/dongle']);
  });

  it('lets a pod use exactly what is left, and a pod without requests only needs a pod slot', () => {
    const n = node('n', { alloc: { cpu: '1', memory: '1Gi', pods: '2' } });
    n.addPod(newPodInfo(pod({}, { cpu: '400m', memory: '512Mi' })));
    expect(NodeResourcesFit.filter(state(pod({}, { cpu: '600m', memory: '512Mi' })), n)).toBeNull();
    expect(NodeResourcesFit.filter(state(pod({}, { cpu: '601m' })), n)?.reasons).toEqual(['Insufficient cpu']);
    n.addPod(newPodInfo(pod()));
    expect(NodeResourcesFit.filter(state(pod()), n)?.reasons).toEqual(['Too many pods']);
  });
});
