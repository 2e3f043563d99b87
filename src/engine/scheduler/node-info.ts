// Per-node aggregates the filters read: what the node offers, what its pods request, which host
// ports are taken. Kept incrementally (add/remove one pod) like pkg/scheduler/framework/types.go
// NodeInfo, so one scheduling attempt is O(nodes), never O(pods).
import type { StoredNode, StoredPod } from '../api/types';
import type { HostPort } from './framework';
import { allocatableResource, emptyResource, podRequests, toResource, type Resource } from './pod-requests';

/** What the scheduler derives once per pod uid (framework.PodInfo + calculateResource). */
export interface PodInfo {
  uid: string;
  /** namespace/name */
  key: string;
  /** The latest object seen; replaced on every watch event. */
  pod: StoredPod;
  requests: Resource;
  /** cpu and memory with the 100m / 200Mi defaults for containers that request none (scoring only). */
  nonZeroCPU: number;
  nonZeroMemory: number;
  /** Host ports of regular containers (NodeInfo.updateUsedPorts / nodeports getContainerPorts). */
  hostPorts: HostPort[];
}

export function newPodInfo(pod: StoredPod): PodInfo {
  const requests = toResource(podRequests(pod));
  const nonZero = toResource(podRequests(pod, true));
  const hostPorts = podHostPorts(pod);
  return {
    uid: pod.metadata.uid,
    key: `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`,
    pod,
    requests,
    nonZeroCPU: nonZero.milliCPU,
    nonZeroMemory: nonZero.memory,
    hostPorts,
  };
}

/** The host ports a pod's regular containers ask for (node_ports.go getContainerPorts). */
export function podHostPorts(pod: StoredPod): HostPort[] {
  const out: HostPort[] = [];
  // Index loops: the spec arrays are frozen, where for-of is slow in V8 (once per pod).
  const containers = pod.spec.containers ?? [];
  for (let i = 0; i < containers.length; i++) {
    const ports = containers[i]!.ports;
    if (!ports) continue;
    for (let j = 0; j < ports.length; j++) {
      const p = ports[j]!;
      if ((p.hostPort ?? 0) <= 0) continue;
      // HostPortInfo.sanitize: an empty IP binds all addresses, an empty protocol is TCP
      out.push({ ip: p.hostIP || DEFAULT_BIND_ALL_HOST_IP, protocol: p.protocol || 'TCP', port: p.hostPort! });
    }
  }
  return out;
}

/** framework.DefaultBindAllHostIP */
export const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';

/** framework.HostPortInfo: ip -> set of "protocol/port". */
export class HostPortInfo {
  private byIP = new Map<string, Set<string>>();

  add(hp: HostPort): void {
    let set = this.byIP.get(hp.ip);
    if (!set) this.byIP.set(hp.ip, (set = new Set()));
    set.add(`${hp.protocol}/${hp.port}`);
  }

  remove(hp: HostPort): void {
    const set = this.byIP.get(hp.ip);
    if (!set) return;
    set.delete(`${hp.protocol}/${hp.port}`);
    if (set.size === 0) this.byIP.delete(hp.ip);
  }

  get size(): number {
    let n = 0;
    for (const s of this.byIP.values()) n += s.size;
    return n;
  }

  /** HostPortInfo.CheckConflict: 0.0.0.0 conflicts with every IP, any IP with 0.0.0.0. */
  conflicts(hp: HostPort): boolean {
    const pp = `${hp.protocol}/${hp.port}`;
    if (hp.ip === DEFAULT_BIND_ALL_HOST_IP) {
      for (const s of this.byIP.values()) if (s.has(pp)) return true;
      return false;
    }
    return !!(this.byIP.get(DEFAULT_BIND_ALL_HOST_IP)?.has(pp) || this.byIP.get(hp.ip)?.has(pp));
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, s] of this.byIP) c.byIP.set(ip, new Set(s));
    return c;
  }
}

export class NodeInfo {
  node: StoredNode | undefined;
  allocatable: Resource & { allowedPodNumber: number } = { ...emptyResource(), allowedPodNumber: 0 };
  requested: Resource = emptyResource();
  nonZeroRequested = { milliCPU: 0, memory: 0 };
  usedPorts = new HostPortInfo();
  /** Pods on the node, in the order they arrived (uid -> info). */
  pods = new Map<string, PodInfo>();

  constructor(readonly name: string) {}

  /** NodeInfo.SetNode: allocatable is re-read from the node's status. */
  setNode(node: StoredNode): void {
    this.node = node;
    this.allocatable = allocatableResource(node.status?.allocatable as Record<string, unknown> | undefined);
  }

  addPod(pi: PodInfo): void {
    this.pods.set(pi.uid, pi);
    this.update(pi, 1);
  }

  removePod(uid: string): PodInfo | undefined {
    const pi = this.pods.get(uid);
    if (!pi) return undefined;
    this.pods.delete(uid);
    this.update(pi, -1);
    return pi;
  }

  /** A copy to try "what if" changes on (nominated pods, preemption dry runs). */
  clone(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.node = this.node;
    c.allocatable = this.allocatable;
    c.requested = { ...this.requested, scalar: this.requested.scalar ? { ...this.requested.scalar } : undefined };
    c.nonZeroRequested = { ...this.nonZeroRequested };
    c.usedPorts = this.usedPorts.clone();
    c.pods = new Map(this.pods);
    return c;
  }

  // NodeInfo.update: requested, non-zero requested and ports move together with the pod.
  private update(pi: PodInfo, sign: 1 | -1): void {
    const r = this.requested;
    r.milliCPU += sign * pi.requests.milliCPU;
    r.memory += sign * pi.requests.memory;
    r.ephemeralStorage += sign * pi.requests.ephemeralStorage;
    if (pi.requests.scalar) {
      r.scalar ??= {};
      for (const [k, v] of Object.entries(pi.requests.scalar)) r.scalar[k] = (r.scalar[k] ?? 0) + sign * v;
    }
    this.nonZeroRequested.milliCPU += sign * pi.nonZeroCPU;
    this.nonZeroRequested.memory += sign * pi.nonZeroMemory;
    for (const hp of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(hp);
      else this.usedPorts.remove(hp);
    }
  }
}
