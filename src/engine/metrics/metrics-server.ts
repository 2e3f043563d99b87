// metrics-server (kubernetes-sigs/metrics-server, as minikube's `metrics-server` addon runs it with
// --metric-resolution=60s): every resolution it scrapes each node's kubelet for container and node
// usage (here: the runtimes' CRI container stats), keeps the last two points and serves
// metrics.k8s.io/v1beta1 PodMetrics and NodeMetrics from them, which `kubectl top` reads.
import type { Component, EngineContext } from '../cluster/context';
import type { KubeObject, StoredNode, StoredPod } from '../api/types';
import type { RuntimeService } from '../runtime/cri';
import type { ListOptions } from '../store/store';
import { NODE_SYSTEM_OVERHEAD } from '../runtime/cgroup';
import { Quantity } from '../../shared/quantity';
import { formatRFC3339, goDuration, parseRFC3339 } from '../../shared/duration';
import { podUsage, storePod, usageBetween, type MetricsPoint, type PodPoints } from './storage';

/** minikube's addon: --metric-resolution=60s (metrics-server's own default is 60s too). */
export const METRIC_RESOLUTION_MS = 60_000;
export const METRICS_API_VERSION = 'metrics.k8s.io/v1beta1';

interface NodePoints {
  prev?: MetricsPoint;
  last?: MetricsPoint;
}

export interface MetricsServerState {
  pods: Record<string, PodPoints>;
  nodes: Record<string, NodePoints>;
  scheduled: boolean;
}

const TARGET = 'metrics-server';

export class MetricsServer implements Component {
  readonly name = 'metrics-server';
  private state: MetricsServerState = { pods: {}, nodes: {}, scheduled: false };

  constructor(private readonly ctx: EngineContext, private readonly runtimeFor: (node: string) => RuntimeService | undefined) {
    ctx.clock.register(TARGET, () => this.scrape());
  }

  start(): void {
    if (this.state.scheduled) return; // a restored clock holds the next scrape already
    this.state.scheduled = true;
    this.ctx.clock.schedule(METRIC_RESOLUTION_MS, TARGET);
  }

  snapshot(): MetricsServerState {
    return structuredClone(this.state);
  }

  restore(state: unknown): void {
    this.state = structuredClone(state as MetricsServerState);
  }

  /** The PodMetrics of the pods `opts` selects that have metrics (pkg/api/pod.go List). */
  podMetrics(opts: ListOptions = {}): KubeObject[] {
    const now = this.ctx.clock.now();
    const out: KubeObject[] = [];
    for (const pod of this.ctx.store.list('pods', opts) as StoredPod[]) {
      const u = podUsage(this.state.pods[keyOf(pod)], pod.spec.containers.map((c) => c.name));
      if (!u) continue;
      out.push({
        kind: 'PodMetrics', apiVersion: METRICS_API_VERSION,
        metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, creationTimestamp: formatRFC3339(now), labels: pod.metadata.labels ?? {} },
        timestamp: formatRFC3339(u.ts), window: goDuration(u.windowMs),
        containers: u.containers.map(([name, c]) => ({ name, usage: usageOf(c.nanoCores, c.memoryBytes) })),
      } as unknown as KubeObject);
    }
    return out;
  }

  /** The NodeMetrics of the nodes that have two scrapes (pkg/api/node.go List). */
  nodeMetrics(opts: ListOptions = {}): KubeObject[] {
    const now = this.ctx.clock.now();
    const out: KubeObject[] = [];
    for (const node of this.ctx.store.list('nodes', opts) as StoredNode[]) {
      const pts = this.state.nodes[node.metadata.name];
      const u = pts?.last && pts.prev ? usageBetween(pts.last, pts.prev) : undefined;
      if (!u) continue;
      out.push({
        kind: 'NodeMetrics', apiVersion: METRICS_API_VERSION,
        metadata: { name: node.metadata.name, creationTimestamp: formatRFC3339(now), labels: node.metadata.labels ?? {} },
        timestamp: formatRFC3339(u.ts), window: goDuration(u.windowMs), usage: usageOf(u.nanoCores, u.memoryBytes),
      } as unknown as KubeObject);
    }
    return out;
  }

  /** One scrape of every node (pkg/scraper/scraper.go Scrape) into storage. */
  private scrape(): void {
    const now = this.ctx.clock.now();
    this.ctx.clock.schedule(METRIC_RESOLUTION_MS, TARGET);
    const pods: Record<string, PodPoints> = {};
    const all = this.ctx.store.list('pods') as StoredPod[];
    for (const node of this.ctx.store.list('nodes') as StoredNode[]) {
      const runtime = this.runtimeFor(node.metadata.name);
      if (!runtime?.containerStats) continue;
      // the node's own cgroup: its pods plus the system daemons
      let cpuCoreNanos = 0;
      let memoryBytes = NODE_SYSTEM_OVERHEAD.memoryBytes;
      const here: PodPoints[] = [];
      for (const pod of all) {
        if (pod.spec.nodeName !== node.metadata.name) continue;
        const scraped: Record<string, MetricsPoint> = {};
        let any = false;
        for (const cs of pod.status.containerStatuses ?? []) {
          if (!cs.state?.running || !cs.containerID) continue;
          const stats = runtime.containerStats(runtimeId(cs.containerID));
          if (!stats) continue;
          any = true;
          const start = startTime(cs.state.running.startedAt) ?? stats.startedAt;
          scraped[cs.name] = { ts: now, start: Math.max(start, stats.startedAt), cpuCoreNanos: stats.cpuUsageCoreNanoSeconds, memoryBytes: stats.memoryWorkingSetBytes };
          memoryBytes += stats.memoryWorkingSetBytes;
        }
        if (!any) continue;
        const key = keyOf(pod);
        const points = storePod(this.state.pods[key], scraped, METRIC_RESOLUTION_MS);
        pods[key] = points;
        here.push(points);
      }
      const prevNode = this.state.nodes[node.metadata.name]?.last;
      // node CPU: the pods' CPU time since the last scrape (from their own accounts) plus the daemons'
      for (const p of here) {
        for (const [name, last] of Object.entries(p.last)) {
          const prev = p.prev[name];
          if (prev) cpuCoreNanos += last.cpuCoreNanos - prev.cpuCoreNanos;
        }
      }
      const elapsed = prevNode ? now - prevNode.ts : 0;
      cpuCoreNanos += NODE_SYSTEM_OVERHEAD.cpuMillis * elapsed * 1000;
      const last: MetricsPoint = { ts: now, start: 0, cpuCoreNanos: (prevNode?.cpuCoreNanos ?? 0) + cpuCoreNanos, memoryBytes };
      this.state.nodes[node.metadata.name] = { prev: prevNode, last };
    }
    this.state.pods = pods;
  }
}

/** `containerd://<id>` → `<id>` (the CRI's own id). */
function runtimeId(containerID: string): string {
  const at = containerID.indexOf('://');
  return at < 0 ? containerID : containerID.slice(at + 3);
}

/**
 * A running container's startedAt in ms. Every scrape reads the same few instants again (a start
 * time does not change while the container runs), so parsed texts are remembered.
 */
function startTime(text: string | undefined): number | undefined {
  if (!text) return undefined;
  let t = startTimes.get(text);
  if (t === undefined && !startTimes.has(text)) {
    t = parseRFC3339(text);
    if (startTimes.size >= START_TIMES_LIMIT) startTimes.clear();
    startTimes.set(text, t);
  }
  return t;
}
const START_TIMES_LIMIT = 4096;
const startTimes = new Map<string, number | undefined>();

function keyOf(pod: StoredPod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

/** cpu as resource.NewScaledQuantity(nanocores, -9), memory as resource.NewQuantity(bytes, BinarySI). */
function usageOf(nanoCores: number, memoryBytes: number): { cpu: string; memory: string } {
  return { cpu: Quantity.fromNano(BigInt(nanoCores)).toString(), memory: Quantity.fromNumber(memoryBytes, 'BinarySI').toString() };
}
