// `kubectl top nodes` / `kubectl top pods` over metrics.k8s.io/v1beta1 NodeMetrics and PodMetrics
// (kubectl pkg/metricsutil/metrics_printer.go TopCmdPrinter and metrics_sorter.go, v0.32).
// These lines end in a tab, so the tabwriter pads the last column too (trailing spaces, as real
// kubectl top prints).
import { Quantity, tryParseQuantity } from '../../../shared/quantity';
import { goCompare } from '../go-format';
import { TabWriter } from '../tabwriter';

type ResourceList = Readonly<Record<string, unknown>>;

export interface NodeMetrics {
  metadata: { name: string };
  usage: ResourceList;
}

export interface PodMetrics {
  metadata: { name: string; namespace?: string };
  containers: ReadonlyArray<{ name: string; usage: ResourceList }>;
}

export interface TopOptions {
  noHeaders?: boolean;
  /** --sort-by: "cpu" or "memory" (descending), otherwise by name */
  sortBy?: string;
}

// metrics_printer.go MeasuredResources, NodeColumns, PodColumns
const MEASURED = ['cpu', 'memory'] as const;
const NODE_COLUMNS = ['NAME', 'CPU(cores)', 'CPU(%)', 'MEMORY(bytes)', 'MEMORY(%)'];
const POD_COLUMNS = ['NAME', 'CPU(cores)', 'MEMORY(bytes)'];

const q = (list: ResourceList | undefined, res: string): Quantity => tryParseQuantity(list?.[res]) ?? Quantity.zero();

function sortKey(usage: ResourceList, sortBy: string | undefined): number | undefined {
  if (sortBy === 'cpu') return q(usage, 'cpu').milliValue();
  if (sortBy === 'memory') return q(usage, 'memory').value();
  return undefined;
}

// printSingleResourceUsage: cpu in millicores, memory in whole Mi.
function usageCell(res: string, quantity: Quantity): string {
  if (res === 'cpu') return `${quantity.milliValue()}m`;
  return `${Math.trunc(quantity.value() / (1024 * 1024))}Mi`;
}

function metricsLine(name: string, usage: ResourceList, available: ResourceList | undefined): string {
  let line = `${name}\t`;
  for (const res of MEASURED) {
    const used = q(usage, res);
    line += `${usageCell(res, used)}\t`;
    if (available && available[res] !== undefined) {
      const fraction = (used.milliValue() / q(available, res).milliValue()) * 100;
      line += `${Math.trunc(fraction)}%\t`;
    }
  }
  return line + '\n';
}

/** PrintNodeMetrics: `available` is each node's status.allocatable; nodes without metrics print <unknown>. */
export function printNodeMetrics(metrics: readonly NodeMetrics[], available: ReadonlyMap<string, ResourceList>, opts: TopOptions = {}): string {
  if (metrics.length === 0) return '';
  const sorted = [...metrics].sort((a, b) => {
    const ka = sortKey(a.usage, opts.sortBy);
    const kb = sortKey(b.usage, opts.sortBy);
    return ka !== undefined && kb !== undefined ? kb - ka : goCompare(a.metadata.name, b.metadata.name);
  });
  const w = new TabWriter();
  if (!opts.noHeaders) w.write(NODE_COLUMNS.map((c) => `${c}\t`).join('') + '\n');
  const missing = new Map(available);
  for (const m of sorted) {
    w.write(metricsLine(m.metadata.name, m.usage, available.get(m.metadata.name)));
    missing.delete(m.metadata.name);
  }
  for (const name of missing.keys()) w.write(`${name}\t` + '<unknown>\t<unknown>\t'.repeat(MEASURED.length) + '\n');
  return w.flush();
}

export interface TopPodOptions extends TopOptions {
  /** --containers: one line per container with a POD column */
  containers?: boolean;
  /** -A: a NAMESPACE column */
  withNamespace?: boolean;
  /** --sum: a total line */
  sum?: boolean;
}

// getPodMetrics: the sum over the pod's containers.
function podUsage(m: PodMetrics): Record<string, Quantity> {
  const out: Record<string, Quantity> = {};
  for (const res of MEASURED) out[res] = m.containers.reduce((acc, c) => acc.add(q(c.usage, res)), Quantity.zero());
  return out;
}

/** PrintPodMetrics */
export function printPodMetrics(metrics: readonly PodMetrics[], opts: TopPodOptions = {}): string {
  if (metrics.length === 0) return '';
  const w = new TabWriter();
  let columnWidth = POD_COLUMNS.length;
  if (!opts.noHeaders) {
    let header = '';
    if (opts.withNamespace) { header += 'NAMESPACE\t'; columnWidth++; }
    if (opts.containers) { header += 'POD\t'; columnWidth++; }
    w.write(header + POD_COLUMNS.map((c) => `${c}\t`).join('') + '\n');
  }
  const usages = new Map(metrics.map((m) => [m, podUsage(m)]));
  const sorted = [...metrics].sort((a, b) => {
    const ka = sortKey(usages.get(a)!, opts.sortBy);
    const kb = sortKey(usages.get(b)!, opts.sortBy);
    if (ka !== undefined && kb !== undefined) return kb - ka;
    if (opts.withNamespace && a.metadata.namespace !== b.metadata.namespace) return goCompare(a.metadata.namespace ?? '', b.metadata.namespace ?? '');
    return goCompare(a.metadata.name, b.metadata.name);
  });
  const ns = (m: PodMetrics): string => (opts.withNamespace ? `${m.metadata.namespace ?? ''}\t` : '');
  for (const m of sorted) {
    if (opts.containers) {
      const containers = [...m.containers].sort((a, b) => {
        const ka = sortKey(a.usage, opts.sortBy);
        const kb = sortKey(b.usage, opts.sortBy);
        return ka !== undefined && kb !== undefined ? kb - ka : goCompare(a.name, b.name);
      });
      for (const c of containers) w.write(ns(m) + `${m.metadata.name}\t` + metricsLine(c.name, c.usage, undefined));
    } else {
      w.write(ns(m) + metricsLine(m.metadata.name, usages.get(m)!, undefined));
    }
  }
  if (opts.sum) {
    // printPodResourcesSum: underscores under the usage columns, then the totals
    const total: Record<string, Quantity> = {};
    for (const res of MEASURED) total[res] = metrics.reduce((acc, m) => acc.add(usages.get(m)![res]), Quantity.zero());
    w.write('\t'.repeat(Math.max(0, columnWidth - 2)) + '________\t________\t\n');
    w.write('\t'.repeat(Math.max(0, columnWidth - 3)) + metricsLine('', total, undefined));
  }
  return w.flush();
}
