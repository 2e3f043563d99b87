// Ranking the feasible nodes (schedule_one.go prioritizeNodes + selectHost) with the default
// profile's score plugins we simulate, at their default weights
// (apis/config/v1/default_plugins.go): TaintToleration ×3, NodeAffinity ×2,
// NodeResourcesFit (LeastAllocated on cpu and memory) ×1, NodeResourcesBalancedAllocation ×1.
// PodTopologySpread, InterPodAffinity and ImageLocality are not simulated.
import type { SeededRandom } from '../../shared/random';
import { MAX_NODE_SCORE, type CycleState } from './framework';
import type { NodeInfo } from './node-info';
import { PreferredSchedulingTerms } from './plugins/node-affinity';
import { tolerationsTolerateTaint } from './plugins/taint-toleration';
import type { Toleration } from '../api/types';

/**
 * schedule_one.go prioritizeNodes: each feasible node's weighted total, in the order of `nodes`.
 * Written allocation-light: it runs for every pod.
 */
export function prioritizeNodes(state: CycleState, nodes: readonly NodeInfo[]): number[] {
  const pod = state.pod;
  const pi = state.podInfo;
  const count = nodes.length;
  const totals = new Array<number>(count);

  // TaintToleration: intolerable PreferNoSchedule taints per node, normalized in reverse (weight 3).
  const tolerations = pod.spec.tolerations;
  const preferTolerations = tolerations?.length ? tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule') : [];
  let maxTaints = 0;
  for (let i = 0; i < count; i++) {
    const c = countIntolerablePreferNoSchedule(nodes[i]!, preferTolerations);
    totals[i] = c;
    if (c > maxTaints) maxTaints = c;
  }
  for (let i = 0; i < count; i++) totals[i] = 3 * normalize(totals[i]!, maxTaints, true);

  // NodeAffinity: sum of matching preferred terms' weights, normalized (weight 2); PreScore skips without terms.
  const preferred = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length
    ? new PreferredSchedulingTerms(pod) : undefined;
  if (preferred && !preferred.empty) {
    const raw = nodes.map((n) => preferred.score(n.node!));
    const max = raw.reduce((m, v) => (v > m ? v : m), 0);
    for (let i = 0; i < count; i++) totals[i]! += 2 * normalize(raw[i]!, max, false);
  }

  // NodeResourcesFit (LeastAllocated) and BalancedAllocation: weight 1 each, not normalized.
  for (let i = 0; i < count; i++) {
    const n = nodes[i]!;
    totals[i]! += leastAllocatedScore(n, pi.nonZeroCPU, pi.nonZeroMemory) + balancedAllocationScore(n, pi.requests.milliCPU, pi.requests.memory);
  }
  return totals;
}

/**
 * schedule_one.go selectHost: the highest total wins; ties are broken by reservoir sampling,
 * with the cluster's seeded random so that a run can be replayed. Returns an index into `totals`.
 */
export function selectHost(totals: readonly number[], random: SeededRandom): number {
  let best = 0;
  let ties = 1;
  for (let i = 1; i < totals.length; i++) {
    const t = totals[i]!;
    if (t > totals[best]!) {
      best = i;
      ties = 1;
    } else if (t === totals[best]) {
      ties++;
      if (random.int(ties) === 0) best = i;
    }
  }
  return best;
}

// taint_toleration.go countIntolerableTaintsPreferNoSchedule
function countIntolerablePreferNoSchedule(n: NodeInfo, tolerations: readonly Toleration[]): number {
  const taints = n.node!.spec?.taints;
  if (!taints) return 0;
  let count = 0;
  for (const taint of taints) {
    if (taint.effect === 'PreferNoSchedule' && !tolerationsTolerateTaint(tolerations, taint)) count++;
  }
  return count;
}

// helper/normalize_score.go DefaultNormalizeScore, for one node's score.
function normalize(score: number, max: number, reverse: boolean): number {
  if (max === 0) return reverse ? MAX_NODE_SCORE : score;
  const s = Math.trunc((MAX_NODE_SCORE * score) / max);
  return reverse ? MAX_NODE_SCORE - s : s;
}

/**
 * noderesources/least_allocated.go: the mean over cpu and memory (weight 1 each) of
 * (allocatable − requested) × 100 / allocatable, using the non-zero requests
 * (resource_allocation.go calculateResourceAllocatableRequest with useRequested=false).
 */
export function leastAllocatedScore(n: NodeInfo, podCPU: number, podMemory: number): number {
  let score = 0;
  let weights = 0;
  const cpu = n.allocatable.milliCPU;
  if (cpu !== 0) {
    score += leastRequestedScore(n.nonZeroRequested.milliCPU + podCPU, cpu);
    weights++;
  }
  const mem = n.allocatable.memory;
  if (mem !== 0) {
    score += leastRequestedScore(n.nonZeroRequested.memory + podMemory, mem);
    weights++;
  }
  return weights === 0 ? 0 : Math.floor(score / weights);
}

// least_allocated.go leastRequestedScore
function leastRequestedScore(requested: number, capacity: number): number {
  if (requested > capacity) return 0;
  return Math.floor(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/**
 * noderesources/balanced_allocation.go balancedResourceScorer: (1 − std of the cpu and memory
 * fractions) × 100, with the real requests (useRequested=true). For two resources std = |f1−f2|/2.
 */
export function balancedAllocationScore(n: NodeInfo, podCPU: number, podMemory: number): number {
  const cpu = n.allocatable.milliCPU;
  const mem = n.allocatable.memory;
  if (cpu === 0 || mem === 0) return MAX_NODE_SCORE; // fewer than two fractions: std is 0
  const fc = Math.min((n.requested.milliCPU + podCPU) / cpu, 1);
  const fm = Math.min((n.requested.memory + podMemory) / mem, 1);
  return Math.trunc((1 - Math.abs((fc - fm) / 2)) * MAX_NODE_SCORE);
}
