// `kubectl describe node` (describe.go NodeDescriber.Describe, describeNode, describeNodeResource).
import type { Event, KubeApi, Lease, Node, Pod } from '../../engine/index';
import { parseQuantity, type Quantity } from '../../shared/quantity';
import { describeEvents, searchEvents } from './events';
import {
  compareStrings, formatRFC1123Z, printAnnotationsMultiline, printLabelsMultiline, printTaintsMultiline, translateTimestampSince,
} from './format';
import { podRequestsAndLimits } from './pod-resources';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './prefix-writer';
import type { DescribeSettings } from './settings';

// describe/interface.go LabelNodeRolePrefix, NodeLabelRole
const LABEL_NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';
const NODE_LABEL_ROLE = 'kubernetes.io/role';

export async function describeNodeByName(api: KubeApi, _namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const node = (await api.get('nodes', undefined, name)) as Node;
  // Non-terminated pods: one field-selected list across namespaces.
  const pods = (await api.list('pods', {
    fieldSelector: `spec.nodeName=${name},status.phase!=Succeeded,status.phase!=Failed`,
  })).items as unknown as Pod[];
  let events: Event[] | undefined;
  if (s.showEvents) {
    // Controllers record node events under the node's uid, the kubelet under its name: ask for both.
    events = [
      ...(await searchEvents(api, { name, namespace: '', kind: 'Node', uid: node.metadata?.uid })),
      ...(await searchEvents(api, { name, namespace: '', kind: 'Node', uid: name })),
    ];
  }
  const lease = await getLease(api, name);
  return describeNode(node, pods, events, lease, s.now);
}

/** The node's Lease in kube-node-lease, or the error text kubectl prints when it cannot get it. */
async function getLease(api: KubeApi, name: string): Promise<Lease | string> {
  try {
    return (await api.get('leases', 'kube-node-lease', name)) as Lease;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

// describe.go describeNode
export function describeNode(node: Node, pods: readonly Pod[], events: readonly Event[] | undefined, lease: Lease | string, now: number): string {
  return tabbedString((w) => {
    const spec = node.spec ?? {};
    const status = node.status ?? {};
    w.write(LEVEL_0, `Name:\t${node.metadata?.name ?? ''}\n`);
    const roles = findNodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata?.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(node.metadata?.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    if (typeof lease === 'string') w.write(LEVEL_0, `Lease:\tFailed to get lease: ${lease}\n`);
    else describeNodeLease(lease, w);
    if (status.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of status.conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastHeartbeatTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of status.addresses ?? []) w.write(LEVEL_1, `${a.type}:\t${a.address}\n`);
    const printResourceList = (list: Readonly<Record<string, unknown>>) => {
      for (const name of Object.keys(list).sort(compareStrings)) w.write(LEVEL_0, `  ${name}:\t${quantity(list[name]).toString()}\n`);
    };
    if (Object.keys(status.capacity ?? {}).length) {
      w.write(LEVEL_0, 'Capacity:\n');
      printResourceList(status.capacity!);
    }
    if (Object.keys(status.allocatable ?? {}).length) {
      w.write(LEVEL_0, 'Allocatable:\n');
      printResourceList(status.allocatable!);
    }
    const info = status.nodeInfo;
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${info?.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${info?.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${info?.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${info?.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${info?.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${info?.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${info?.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${info?.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${info?.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${info?.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, now);
    if (events) describeEvents(events, w, now);
  });
}

// describe.go findNodeRoles: node-role.kubernetes.io/<role> labels and kubernetes.io/role, sorted
export function findNodeRoles(node: Node): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata?.labels ?? {})) {
    if (k.startsWith(LABEL_NODE_ROLE_PREFIX)) {
      const role = k.slice(LABEL_NODE_ROLE_PREFIX.length);
      if (role) roles.add(role);
    } else if (k === NODE_LABEL_ROLE && v !== '') roles.add(v);
  }
  return [...roles].sort(compareStrings);
}

// describe.go describeNodeLease
function describeNodeLease(lease: Lease, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${lease.spec?.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${lease.spec?.acquireTime ? formatRFC1123Z(lease.spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${lease.spec?.renewTime ? formatRFC1123Z(lease.spec.renewTime) : '<unset>'}\n`);
}

const quantity = (v: unknown): Quantity => (v instanceof Object ? (v as Quantity) : parseQuantity(String(v ?? '0')));
const ZERO = parseQuantity('0');

/** Go's int64(float64) of a percentage; a zero allocatable gives ±Inf/NaN, which amd64 converts to MinInt64. */
function percent(part: number, whole: number): string {
  const f = (part / whole) * 100;
  return Number.isFinite(f) ? String(Math.trunc(f)) : '-9223372036854775808';
}

// describe.go describeNodeResource
function describeNodeResource(pods: readonly Pod[], node: Node, w: PrefixWriter, now: number): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const allocatable = Object.keys(node.status?.allocatable ?? {}).length ? node.status!.allocatable! : (node.status?.capacity ?? {});
  const alloc = (name: string) => (allocatable[name] === undefined ? ZERO : quantity(allocatable[name]));
  const cpuAlloc = alloc('cpu').milliValue();
  const memAlloc = alloc('memory').value();
  const reqs = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    const get = (list: Record<string, Quantity>, name: string) => list[name] ?? ZERO;
    const [cpuReq, cpuLim, memReq, memLim] = [get(r.requests, 'cpu'), get(r.limits, 'cpu'), get(r.requests, 'memory'), get(r.limits, 'memory')];
    w.write(LEVEL_1, `${pod.metadata?.namespace ?? ''}\t${pod.metadata?.name ?? ''}\t\t` +
      `${cpuReq} (${percent(cpuReq.milliValue(), cpuAlloc)}%)\t${cpuLim} (${percent(cpuLim.milliValue(), cpuAlloc)}%)\t` +
      `${memReq} (${percent(memReq.value(), memAlloc)}%)\t${memLim} (${percent(memLim.value(), memAlloc)}%)\t` +
      `${translateTimestampSince(pod.metadata?.creationTimestamp, now)}\n`);
    // getPodsTotalRequestsAndLimits: the first pod's quantity is the one added to (its format wins)
    for (const [list, sums] of [[r.requests, reqs], [r.limits, limits]] as const) {
      for (const [name, q] of Object.entries(list)) sums.set(name, sums.get(name)?.add(q) ?? q);
    }
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const row = (name: string, value: (q: Quantity) => number, whole: number) => {
    const req = reqs.get(name) ?? ZERO;
    const lim = limits.get(name) ?? ZERO;
    // a zero allocatable shows 0%, unlike the per-pod rows
    const pct = (q: Quantity) => (whole !== 0 ? percent(value(q), whole) : '0');
    w.write(LEVEL_1, `${name}\t${req} (${pct(req)}%)\t${lim} (${pct(lim)}%)\n`);
  };
  row('cpu', (q) => q.milliValue(), cpuAlloc);
  row('memory', (q) => q.value(), memAlloc);
  row('ephemeral-storage', (q) => q.value(), alloc('ephemeral-storage').value());
  const names = Object.keys(allocatable).sort(compareStrings);
  for (const name of names.filter((n) => n.startsWith('hugepages-'))) row(name, (q) => q.value(), alloc(name).value());
  // extended resources: not standard container resources and not pods
  for (const name of names.filter((n) => !n.startsWith('hugepages-') && !STANDARD_CONTAINER_RESOURCES.has(n) && n !== 'pods')) {
    w.write(LEVEL_1, `${name}\t${reqs.get(name) ?? ZERO}\t${limits.get(name) ?? ZERO}\n`);
  }
}

// kubectl pkg/util/resource standardContainerResources
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);
