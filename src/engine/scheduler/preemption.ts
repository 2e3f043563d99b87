// DefaultPreemption, the PostFilter plugin (pkg/scheduler/framework/plugins/defaultpreemption/
// default_preemption.go and framework/preemption/preemption.go): when a pod fits nowhere, look
// for nodes where evicting lower-priority pods would make it fit. No PodDisruptionBudgets exist
// in the simulation, so every candidate is "non-violating".
import type { StoredPod } from '../api/types';
import type { EngineContext } from '../cluster/context';
import { parseTime } from '../clock';
import { isStatusError } from '../errors';
import { podPriority, Status, type CycleState } from './framework';
import { fitErrorMessage, newDiagnosis, type NodeToStatus } from './fit-error';
import type { NodeInfo, PodInfo } from './node-info';
import { clearNominatedNodeName, DEFAULT_SCHEDULER_NAME, recordSchedulerEvent, writePodCondition } from './pod-status';

export interface PreemptionHandle {
  /** The snapshot's nodes, in list order. */
  nodes: readonly NodeInfo[];
  getNode(name: string): NodeInfo | undefined;
  /** RunFilterPluginsWithNominatedPods on a (possibly modified) NodeInfo; null is success. */
  filter(state: CycleState, nodeInfo: NodeInfo): Status | null;
  now(): number;
}

export interface PreemptionResult {
  /** The PostFilter message: "preemption: …", or '' when a candidate was found. */
  message: string;
  /** NominatingInfo ModeOverride: the node to nominate ('' clears); undefined leaves it alone. */
  nominatedNodeName?: string;
  /** The chosen node's victims, most important first. */
  victims?: PodInfo[];
}

// default_preemption.go / preemption.go messages
export const MSG_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const MSG_TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';
export const MSG_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const MSG_NOT_HELPFUL = 'Preemption is not helpful for scheduling';

// DefaultPreemptionArgs defaults: minCandidateNodesPercentage 10, minCandidateNodesAbsolute 100.
const MIN_CANDIDATE_NODES_PERCENTAGE = 10;
const MIN_CANDIDATE_NODES_ABSOLUTE = 100;

/** DefaultPreemption.PostFilter → Evaluator.Preempt (dry run and candidate choice; no API writes). */
export function preempt(state: CycleState, m: NodeToStatus, h: PreemptionHandle): PreemptionResult {
  const pod = state.pod;
  const notEligible = podEligibleToPreemptOthers(pod, m, h);
  if (notEligible) return { message: `preemption: ${notEligible}` };

  const potential = m.nodesForStatusCode(h.nodes, 'Unschedulable');
  const statuses = newDiagnosis().nodeToStatus;
  const candidates: { node: NodeInfo; victims: PodInfo[] }[] = [];
  const wanted = numCandidates(potential.length);
  for (const node of potential) {
    const r = selectVictimsOnNode(state, node, h);
    if ('victims' in r) {
      candidates.push({ node, victims: r.victims });
      if (candidates.length >= wanted) break;
    } else {
      statuses.set(node.name, r.status);
    }
  }
  if (candidates.length === 0) {
    // Preempt: a FitError over all nodes; the ones never tried count as "not helpful".
    statuses.absent = Status.unresolvable(MSG_NOT_HELPFUL);
    const d = { ...newDiagnosis(), nodeToStatus: statuses };
    return { message: `preemption: ${fitErrorMessage(h.nodes.length, d)}`, nominatedNodeName: '' };
  }
  const best = pickOneNodeForPreemption(candidates, h.now());
  return { message: '', nominatedNodeName: best.node.name, victims: best.victims };
}

/** default_preemption.go PodEligibleToPreemptOthers: the reason it may not, or undefined. */
function podEligibleToPreemptOthers(pod: StoredPod, m: NodeToStatus, h: PreemptionHandle): string | undefined {
  if (pod.spec.preemptionPolicy === 'Never') return MSG_POLICY_NEVER;
  const nominated = pod.status?.nominatedNodeName;
  if (nominated) {
    if (m.get(nominated).code === 'UnschedulableAndUnresolvable') return undefined;
    const node = h.getNode(nominated);
    const prio = podPriority(pod);
    for (const p of node?.pods.values() ?? []) {
      if (podPriority(p.pod) < prio && terminatingByPreemption(p.pod)) return MSG_TERMINATING_ON_NOMINATED;
    }
  }
  return undefined;
}

// default_preemption.go podTerminatingByPreemption
function terminatingByPreemption(p: StoredPod): boolean {
  if (!p.metadata.deletionTimestamp) return false;
  const c = p.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
  return !!c && c.status === 'True' && c.reason === 'PreemptionByScheduler';
}

// default_preemption.go calculateNumCandidates
function numCandidates(numNodes: number): number {
  let n = Math.floor((numNodes * MIN_CANDIDATE_NODES_PERCENTAGE) / 100);
  if (n < MIN_CANDIDATE_NODES_ABSOLUTE) n = MIN_CANDIDATE_NODES_ABSOLUTE;
  return Math.min(n, numNodes);
}

/**
 * default_preemption.go SelectVictimsOnNode: remove every lower-priority pod; if the pod then
 * fits, put them back most-important-first, keeping as victims only those that do not fit back.
 */
function selectVictimsOnNode(state: CycleState, node: NodeInfo, h: PreemptionHandle): { victims: PodInfo[] } | { status: Status } {
  const prio = podPriority(state.pod);
  const potential = [...node.pods.values()].filter((p) => podPriority(p.pod) < prio);
  if (potential.length === 0) return { status: Status.unresolvable(MSG_NO_VICTIMS) };
  const trial = node.clone();
  for (const p of potential) trial.removePod(p.uid);
  const fits = h.filter(state, trial);
  if (fits) return { status: fits };
  const now = h.now();
  potential.sort((a, b) => (moreImportantPod(a.pod, b.pod, now) ? -1 : moreImportantPod(b.pod, a.pod, now) ? 1 : 0));
  const victims: PodInfo[] = [];
  for (const p of potential) {
    trial.addPod(p);
    if (h.filter(state, trial)) {
      trial.removePod(p.uid);
      victims.push(p);
    }
  }
  return { victims };
}

/** util.MoreImportantPod: higher priority, then the one that started earlier. */
function moreImportantPod(a: StoredPod, b: StoredPod, now: number): boolean {
  const pa = podPriority(a);
  const pb = podPriority(b);
  if (pa !== pb) return pa > pb;
  return startTime(a, now) < startTime(b, now);
}

// util.GetPodStartTime: status.startTime, or now for a pod that has not started.
function startTime(p: StoredPod, now: number): number {
  return parseTime(p.status?.startTime) ?? now;
}

/**
 * preemption.go pickOneNodeForPreemption: fewest PDB violations (always 0 here), then the lowest
 * highest-victim priority, the lowest priority sum, the fewest victims, the latest start of the
 * most important victims; remaining ties go to the first node in list order.
 */
function pickOneNodeForPreemption<C extends { victims: PodInfo[] }>(candidates: C[], now: number): C {
  const INT32_OFFSET = 2 ** 31; // "MaxInt32+1" so that negative priorities still sum up sensibly
  const scoreFuncs: ((c: C) => number)[] = [
    (c) => -podPriority(c.victims[0]!.pod),
    (c) => -c.victims.reduce((s, v) => s + podPriority(v.pod) + INT32_OFFSET, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfMostImportant(c.victims, now),
  ];
  let remaining = candidates;
  for (const f of scoreFuncs) {
    let max = -Infinity;
    let selected: C[] = [];
    for (const c of remaining) {
      const s = f(c);
      if (s > max) {
        max = s;
        selected = [];
      }
      if (s === max) selected.push(c);
    }
    if (selected.length === 1) return selected[0]!;
    remaining = selected;
  }
  return remaining[0]!;
}

// util.GetEarliestPodStartTime over the highest-priority victims.
function earliestStartOfMostImportant(victims: PodInfo[], now: number): number {
  let maxPrio = podPriority(victims[0]!.pod);
  let earliest = startTime(victims[0]!.pod, now);
  for (const v of victims) {
    const p = podPriority(v.pod);
    if (p === maxPrio) earliest = Math.min(earliest, startTime(v.pod, now));
    else if (p > maxPrio) {
      maxPrio = p;
      earliest = startTime(v.pod, now);
    }
  }
  return earliest;
}

/**
 * preemption.go prepareCandidate + PreemptPod: each victim gets DisruptionTarget=True, is deleted
 * (gracefully, so the kubelet stops it) and gets a Preempted event; lower-priority pods nominated
 * to the node lose their nomination.
 */
export function prepareCandidate(
  ctx: EngineContext, preemptor: StoredPod, nodeName: string, victims: readonly PodInfo[], lowerNominated: readonly StoredPod[],
): void {
  const { store } = ctx;
  for (const v of victims) {
    const victim = store.tryGet('pods', v.pod.metadata.namespace, v.pod.metadata.name);
    if (!victim || victim.metadata.uid !== v.uid) continue;
    writePodCondition(store, victim, {
      type: 'DisruptionTarget', status: 'True', reason: 'PreemptionByScheduler',
      // preemption.go PreemptPod: "%s: preempting to accommodate a higher priority pod"
      message: `${preemptor.spec.schedulerName || DEFAULT_SCHEDULER_NAME}: preempting to accommodate a higher priority pod`,
    });
    try {
      store.delete('pods', victim.metadata.namespace, victim.metadata.name);
    } catch (err) {
      if (!isStatusError(err, 'NotFound')) throw err;
    }
    // preemption.go PreemptPod: "Preempted by pod %v on node %v"
    recordSchedulerEvent(ctx, victim, 'Normal', 'Preempted', `Preempted by pod ${preemptor.metadata.uid} on node ${nodeName}`);
  }
  for (const p of lowerNominated) clearNominatedNodeName(store, p);
}
