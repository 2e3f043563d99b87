// The whole cluster as the view draws it: nodes with their capacity and what their pods request
// (kubectl describe node's "Allocated resources"), the pods on each node, and the scheduling
// queue of pods no node has taken yet, each with the scheduler's reason in plain words.
import type { Node as ApiNode, Pod as ApiPod, StoredNode as Node, StoredPod as Pod } from '../../engine';
import { podRequestsAndLimits } from '../../kubectl/describe/pod-resources';
import { findNodeRoles } from '../../kubectl/describe/node';
import { nodeStatus } from '../../kubectl/printers/table/node';
import { parseQuantity, tryParseQuantity, type Quantity } from '../../shared/quantity';
import { podModel, type PodModel } from './pod-model';
import { explainPending, type NodeRoom } from './scheduling-reason';
import { bytesShort, cpuShort } from './units';

export interface Allocation {
  /** amount as kubectl prints it and its share of allocatable, e.g. "750m" and 37 */
  requests: string;
  requestsPercent: number;
  limits: string;
  limitsPercent: number;
}

export interface NodeModel {
  name: string;
  /** kubectl get nodes STATUS: Ready, NotReady, Ready,SchedulingDisabled */
  status: string;
  ready: boolean;
  roles: string[];
  unschedulable: boolean;
  /** "key=value:Effect" */
  taints: string[];
  internalIP?: string;
  capacity: { cpu: string; memory: string; pods: number };
  allocated: { cpu: Allocation; memory: Allocation; pods: number };
  room: NodeRoom;
  pods: PodModel[];
  label: string;
}

export interface PendingPod {
  pod: PodModel;
  /** the PodScheduled condition's message, as the scheduler wrote it */
  schedulerMessage?: string;
  /** the same in plain words */
  explanation: string;
}

/** Pending pods that wait for the same reason: the reason is shown once, over all of them. */
export interface PendingGroup {
  explanation: string;
  schedulerMessage?: string;
  pods: PodModel[];
}

export interface ClusterModel {
  nodes: NodeModel[];
  pending: PendingPod[];
  /** every pod shown, by namespace/name */
  pods: Map<string, PodModel>;
  namespaces: string[];
}

const ZERO = parseQuantity('0');
const quantity = (v: unknown): Quantity => tryParseQuantity(v) ?? ZERO;

const terminal = (p: Pod) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';

/** describe.go describeNodeResource: int64 of the float percentage. */
function percent(part: number, whole: number): number {
  return whole > 0 ? Math.trunc((part / whole) * 100) : 0;
}

const requestCache = new WeakMap<Pod, ReturnType<typeof podRequestsAndLimits>>();
function requestsOf(pod: Pod): ReturnType<typeof podRequestsAndLimits> {
  let r = requestCache.get(pod);
  if (!r) {
    r = podRequestsAndLimits(pod as unknown as ApiPod);
    requestCache.set(pod, r);
  }
  return r;
}

function sum(pods: readonly Pod[], pick: (r: ReturnType<typeof podRequestsAndLimits>) => Quantity | undefined, milli: boolean): number {
  let total = 0;
  for (const p of pods) {
    const q = pick(requestsOf(p));
    if (q) total += milli ? q.milliValue() : q.value();
  }
  return total;
}

function buildNode(node: Node, pods: readonly Pod[]): NodeModel {
  const status = node.status ?? {};
  const allocatable = Object.keys(status.allocatable ?? {}).length ? status.allocatable! : (status.capacity ?? {});
  // describe.go describeNodeResource counts the node's non-terminated pods
  const running = pods.filter((p) => !terminal(p));
  const cpuAlloc = quantity(allocatable.cpu).milliValue();
  const memAlloc = quantity(allocatable.memory).value();
  const podsMax = quantity(allocatable.pods).value();
  const cpuReq = sum(running, (r) => r.requests.cpu, true);
  const cpuLim = sum(running, (r) => r.limits.cpu, true);
  const memReq = sum(running, (r) => r.requests.memory, false);
  const memLim = sum(running, (r) => r.limits.memory, false);
  const storAlloc = quantity(allocatable['ephemeral-storage']).value();
  const storReq = sum(running, (r) => r.requests['ephemeral-storage'], false);
  const name = node.metadata.name;
  const nodeStatusText = nodeStatus(node as unknown as ApiNode);
  const taints = (node.spec?.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`);
  const roles = findNodeRoles(node as unknown as ApiNode);
  const models = pods.map(podModel).sort(podOrder);
  const label = [
    `Node ${name}`, nodeStatusText, roles.length && `roles ${roles.join(', ')}`,
    `CPU requests ${cpuShort(cpuReq)} of ${cpuShort(cpuAlloc)}`, `memory requests ${bytesShort(memReq)} of ${bytesShort(memAlloc)}`,
    `${running.length} of ${podsMax} pods`, taints.length && `taints ${taints.join(', ')}`,
  ].filter(Boolean).join(', ');
  return {
    name,
    status: nodeStatusText,
    ready: nodeStatusText.startsWith('Ready'),
    roles,
    unschedulable: !!node.spec?.unschedulable,
    taints,
    internalIP: status.addresses?.find((a) => a.type === 'InternalIP')?.address,
    capacity: { cpu: cpuShort(quantity(status.capacity?.cpu).milliValue()), memory: bytesShort(quantity(status.capacity?.memory).value()), pods: quantity(status.capacity?.pods).value() },
    allocated: {
      cpu: { requests: cpuShort(cpuReq), requestsPercent: percent(cpuReq, cpuAlloc), limits: cpuShort(cpuLim), limitsPercent: percent(cpuLim, cpuAlloc) },
      memory: { requests: bytesShort(memReq), requestsPercent: percent(memReq, memAlloc), limits: bytesShort(memLim), limitsPercent: percent(memLim, memAlloc) },
      pods: running.length,
    },
    room: {
      name,
      cpuFree: cpuAlloc - cpuReq,
      memoryFree: memAlloc - memReq,
      ephemeralStorageFree: storAlloc - storReq,
      podsFree: podsMax - running.length,
      podsMax,
    },
    pods: models,
    label,
  };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The learner's pods first, kube-system last; by name within a namespace. */
function podOrder(a: PodModel, b: PodModel): number {
  const sys = (m: PodModel) => (m.namespace === 'kube-system' ? 1 : 0);
  return sys(a) - sys(b) || compare(a.namespace, b.namespace) || compare(a.name, b.name);
}

function explain(pod: Pod, rooms: readonly NodeRoom[]): PendingPod {
  const model = podModel(pod);
  const cond = pod.status?.conditions?.find((c) => c.type === 'PodScheduled');
  const req = requestsOf(pod).requests;
  const ask = {
    cpu: req.cpu?.milliValue() ?? 0,
    memory: req.memory?.value() ?? 0,
    ephemeralStorage: req['ephemeral-storage']?.value() ?? 0,
    nodeSelector: pod.spec?.nodeSelector,
    schedulingGates: pod.spec?.schedulingGates?.map((g) => g.name),
  };
  return { pod: model, schedulerMessage: cond?.message, explanation: explainPending(cond, ask, rooms) };
}

/** The view's model of the cluster from the stored nodes and pods. */
export function buildClusterModel(nodes: readonly Node[], pods: readonly Pod[]): ClusterModel {
  const byNode = new Map<string, Pod[]>(nodes.map((n) => [n.metadata.name, []]));
  const unscheduled: Pod[] = [];
  const orphans: Pod[] = [];
  for (const p of pods) {
    const nodeName = p.spec?.nodeName;
    if (!nodeName) unscheduled.push(p);
    else if (byNode.has(nodeName)) byNode.get(nodeName)!.push(p);
    else orphans.push(p);
  }
  const nodeModels = nodes.map((n) => buildNode(n, byNode.get(n.metadata.name)!));
  const rooms = nodeModels.map((n) => n.room);
  const pending = unscheduled.filter((p) => !terminal(p)).map((p) => explain(p, rooms));
  for (const p of orphans) {
    pending.push({ pod: podModel(p), explanation: `It is bound to node ${p.spec!.nodeName}, which is not in the cluster.` });
  }
  pending.sort((a, b) => a.pod.createdAt - b.pod.createdAt || podOrder(a.pod, b.pod));
  const all = new Map<string, PodModel>();
  for (const n of nodeModels) for (const p of n.pods) all.set(p.key, p);
  for (const p of pending) all.set(p.pod.key, p.pod);
  const namespaces = [...new Set(pods.map((p) => p.metadata.namespace ?? ''))].sort();
  return { nodes: nodeModels, pending, pods: all, namespaces };
}

/**
 * The queue by reason, in the queue's order (each group where its first pod is). Pods waiting
 * for the same thing get the scheduler's very same message, often by the dozen (a node full of
 * pods), and one paragraph over them reads better than a copy in every card.
 */
export function groupPending(pending: readonly PendingPod[]): PendingGroup[] {
  const groups = new Map<string, PendingGroup>();
  for (const p of pending) {
    const key = `${p.explanation}\n${p.schedulerMessage ?? ''}`;
    let g = groups.get(key);
    if (!g) {
      g = { explanation: p.explanation, schedulerMessage: p.schedulerMessage, pods: [] };
      groups.set(key, g);
    }
    g.pods.push(p.pod);
  }
  return [...groups.values()];
}
