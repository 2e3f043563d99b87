// Which pods a ReplicaSet deletes first when it scales down: controller_utils.go
// ActivePodsWithRanks.Less with PodDeletionCost and LogarithmicScaleDown (both on in 1.32), and
// replica_set.go getPodsRankedByRelatedPodsOnSameNode.
import type { StoredPod } from '../api/types';
import { parseTime } from '../clock';
import { isPodActive, isPodReady, podReadyCondition } from './podutil';

type Pod = Pick<StoredPod, 'metadata' | 'spec' | 'status'>;

// controller_utils.go podPhaseToOrdinal
const PHASE_ORDINAL: Record<string, number> = { Pending: 0, Unknown: 1, Running: 2 };
// core.PodDeletionCost annotation
const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** Sorted copy of `pods`, the ones to delete first at the front. */
export function rankPodsForDeletion<P extends Pod>(pods: P[], related: Pod[], nowMs: number): P[] {
  const onNode = new Map<string, number>();
  for (const p of related) if (isPodActive(p)) onNode.set(p.spec?.nodeName ?? '', (onNode.get(p.spec?.nodeName ?? '') ?? 0) + 1);
  const ranked = pods.map((pod) => ({ pod, rank: onNode.get(pod.spec?.nodeName ?? '') ?? 0 }));
  ranked.sort((a, b) => (less(a, b, nowMs) ? -1 : less(b, a, nowMs) ? 1 : 0));
  return ranked.map((r) => r.pod);
}

function less(a: { pod: Pod; rank: number }, b: { pod: Pod; rank: number }, now: number): boolean {
  const pi = a.pod;
  const pj = b.pod;
  const ni = pi.spec?.nodeName ?? '';
  const nj = pj.spec?.nodeName ?? '';
  // 1. Unassigned < assigned
  if (ni !== nj && (!ni || !nj)) return !ni;
  // 2. PodPending < PodUnknown < PodRunning
  const oi = PHASE_ORDINAL[pi.status?.phase ?? ''] ?? 0;
  const oj = PHASE_ORDINAL[pj.status?.phase ?? ''] ?? 0;
  if (oi !== oj) return oi < oj;
  // 3. Not ready < ready
  if (isPodReady(pi) !== isPodReady(pj)) return !isPodReady(pi);
  // 4. Lower pod-deletion-cost < higher
  const ci = deletionCost(pi);
  const cj = deletionCost(pj);
  if (ci !== cj) return ci < cj;
  // 5. Doubled up < not doubled up
  if (a.rank !== b.rank) return a.rank > b.rank;
  // 6. Been ready for less time < more time (logarithmic buckets, then UID)
  if (isPodReady(pi) && isPodReady(pj)) {
    const ti = parseTime(podReadyCondition(pi)?.lastTransitionTime) ?? 0;
    const tj = parseTime(podReadyCondition(pj)?.lastTransitionTime) ?? 0;
    if (ti !== tj) {
      if (!ti || !tj) return afterOrZero(ti, tj);
      const d = logRankDiff(ti, tj, now);
      return d === 0 ? pi.metadata.uid < pj.metadata.uid : d < 0;
    }
  }
  // 7. Higher restart counts < lower
  const ri = maxRestarts(pi);
  const rj = maxRestarts(pj);
  if (ri !== rj) return ri > rj;
  // 8. Newer pods < older pods (logarithmic buckets, then UID)
  const ci8 = parseTime(pi.metadata.creationTimestamp) ?? 0;
  const cj8 = parseTime(pj.metadata.creationTimestamp) ?? 0;
  if (ci8 !== cj8) {
    if (!ci8 || !cj8) return afterOrZero(ci8, cj8);
    const d = logRankDiff(ci8, cj8, now);
    return d === 0 ? pi.metadata.uid < pj.metadata.uid : d < 0;
  }
  return false;
}

function deletionCost(p: Pod): number {
  const v = p.metadata.annotations?.[POD_DELETION_COST];
  const n = v === undefined ? 0 : Number(v);
  return Number.isInteger(n) ? n : 0;
}

// afterOrZero: a zero time sorts first, otherwise the later one does.
function afterOrZero(t1: number, t2: number): boolean {
  if (!t1 || !t2) return !t1;
  return t1 > t2;
}

// logarithmicRankDiff: compare floor(log2(age in ns)) buckets.
function logRankDiff(t1: number, t2: number, now: number): number {
  const r = (t: number) => {
    const d = (now - t) * 1e6;
    return d > 0 ? Math.floor(Math.log2(d)) : -1;
  };
  return r(t1) - r(t2);
}

function maxRestarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount ?? 0));
}
