// metrics-server's storage (pkg/storage/pod.go, node.go): the last two scrapes of every container
// and node, and the usage between them: CPU is the rate of cumulative CPU time over the window,
// memory the last working set.

/** One scrape of one container (pkg/storage/types.go MetricsPoint). */
export interface MetricsPoint {
  /** virtual ms of the sample */
  ts: number;
  /** when the container started (a new start time drops the previous point) */
  start: number;
  cpuCoreNanos: number;
  memoryBytes: number;
}

/** Usage over a window. */
export interface Usage {
  ts: number;
  windowMs: number;
  nanoCores: number;
  memoryBytes: number;
}

export interface PodPoints {
  /** containers by name */
  prev: Record<string, MetricsPoint>;
  last: Record<string, MetricsPoint>;
}

// pkg/storage/pod.go freshContainerMinMetricsResolution
const FRESH_CONTAINER_MIN_MS = 10_000;

/**
 * pod.go Store: the new scrape becomes `last`; the old `last` of a container with the same start
 * time becomes `prev`. A container that started within the last resolution (and at least 10 s ago)
 * gets a point at its start time with no CPU used, so fresh pods show up after one scrape.
 */
export function storePod(old: PodPoints | undefined, scraped: Record<string, MetricsPoint>, resolutionMs: number): PodPoints {
  const prev: Record<string, MetricsPoint> = {};
  for (const [name, p] of Object.entries(scraped)) {
    const before = old?.last[name];
    if (before && before.start === p.start && before.ts < p.ts) prev[name] = before;
    else if (p.ts - p.start < resolutionMs && p.ts - p.start >= FRESH_CONTAINER_MIN_MS) prev[name] = { ...p, ts: p.start, cpuCoreNanos: 0 };
  }
  return { prev, last: scraped };
}

/** pkg/storage/types.go resourceUsage: CPU rate and last memory; undefined when CPU went backwards. */
export function usageBetween(last: MetricsPoint, prev: MetricsPoint): Usage | undefined {
  const windowMs = last.ts - prev.ts;
  if (windowMs <= 0 || last.cpuCoreNanos < prev.cpuCoreNanos) return undefined;
  return { ts: last.ts, windowMs, nanoCores: Math.round(((last.cpuCoreNanos - prev.cpuCoreNanos) * 1000) / windowMs), memoryBytes: last.memoryBytes };
}

/**
 * pod.go GetMetrics: a pod has metrics only when every container has two points; the pod's
 * timestamp and window are those of its earliest container.
 */
export function podUsage(points: PodPoints | undefined, order: readonly string[]): { ts: number; windowMs: number; containers: [string, Usage][] } | undefined {
  if (!points) return undefined;
  const names = Object.keys(points.last).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  if (!names.length) return undefined;
  const containers: [string, Usage][] = [];
  let earliest: Usage | undefined;
  for (const name of names) {
    const prev = points.prev[name];
    if (!prev) return undefined;
    const u = usageBetween(points.last[name]!, prev);
    if (!u) return undefined;
    containers.push([name, u]);
    if (!earliest || u.ts < earliest.ts) earliest = u;
  }
  return { ts: earliest!.ts, windowMs: earliest!.windowMs, containers };
}
