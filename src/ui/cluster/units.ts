// Resource amounts in words a learner reads at a glance: CPUs as decimal cores, memory in the
// binary units Kubernetes manifests use (Mi, Gi).

/** 3000 → "3 CPUs", 1200 → "1.2 CPUs", 250 → "0.25 CPU" (singular up to one core). */
export function cpuWords(milli: number): string {
  const cores = Math.round(milli / 10) / 100;
  return `${cores} ${cores > 1 ? 'CPUs' : 'CPU'}`;
}

/** A short CPU amount for tight places: 250 → "250m", 2000 → "2". */
export function cpuShort(milli: number): string {
  return milli % 1000 === 0 ? String(milli / 1000) : `${Math.round(milli)}m`;
}

const BINARY = [
  ['Ti', 2 ** 40],
  ['Gi', 2 ** 30],
  ['Mi', 2 ** 20],
  ['Ki', 2 ** 10],
] as const;

/** 3 × 2^30 → "3Gi", 1.5 × 2^30 → "1.5Gi", 700 × 2^20 → "700Mi"; under 1Ki in bytes. */
export function bytesShort(bytes: number): string {
  for (const [unit, size] of BINARY) {
    if (Math.abs(bytes) >= size) return `${Math.round((bytes / size) * 10) / 10}${unit}`;
  }
  return `${Math.round(bytes)}B`;
}

/** "1 node" / "3 nodes": English plurals for the counts the scheduler reports. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
