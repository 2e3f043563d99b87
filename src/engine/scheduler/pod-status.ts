// What the scheduler writes about pods besides bindings: events, conditions (PodScheduled,
// DisruptionTarget) and status.nominatedNodeName. Ported from schedule_one.go updatePod,
// pkg/api/v1/pod/util.go UpdatePodCondition and pkg/scheduler/util ClearNominatedNodeName.
import type { PodCondition, StoredPod } from '../api/types';
import type { EngineContext } from '../cluster/context';
import { refTo } from '../events';
import type { ApiStore } from '../store/store';
import { deepClone } from '../store/clone';

/** v1.DefaultSchedulerName: the schedulerName pods get by default, and the events' source. */
export const DEFAULT_SCHEDULER_NAME = 'default-scheduler';

/** The scheduler reports through the events.k8s.io API: eventTime + series, from default-scheduler. */
export function recordSchedulerEvent(ctx: EngineContext, pod: StoredPod, type: 'Normal' | 'Warning', reason: string, message: string): void {
  ctx.events.event({ component: DEFAULT_SCHEDULER_NAME }, refTo(pod), type, reason, message, { series: true });
}

export interface ConditionUpdate {
  type: string;
  status: 'True' | 'False';
  reason: string;
  message: string;
}

/**
 * updatePod: set the condition (UpdatePodCondition: lastTransitionTime moves only when the status
 * flips) and, when `nominate` is a string, status.nominatedNodeName ('' clears it). Nothing is
 * written when nothing changed.
 */
export function writePodCondition(store: ApiStore, pod: StoredPod, c: ConditionUpdate, nominate?: string): void {
  const status = deepClone(pod.status ?? {});
  const conditions = (status.conditions ?? []) as PodCondition[];
  const next = {
    type: c.type, status: c.status, lastProbeTime: null, lastTransitionTime: store.clock.nowRFC3339(),
    reason: c.reason, message: c.message,
  } as unknown as PodCondition; // lastProbeTime is a zero metav1.Time, which serialises as null
  const i = conditions.findIndex((x) => x.type === c.type);
  let changed = true;
  if (i < 0) conditions.push(next);
  else {
    const old = conditions[i]!;
    if (old.status === next.status) next.lastTransitionTime = old.lastTransitionTime;
    changed = !(old.status === next.status && old.reason === next.reason && old.message === next.message &&
      (old.lastProbeTime ?? null) === null && old.lastTransitionTime === next.lastTransitionTime);
    conditions[i] = next;
  }
  const nominationChanged = nominate !== undefined && (pod.status?.nominatedNodeName ?? '') !== nominate;
  if (!changed && !nominationChanged) return;
  status.conditions = conditions;
  if (nominationChanged) {
    if (nominate) status.nominatedNodeName = nominate;
    else delete status.nominatedNodeName;
  }
  store.updateStatus('pods', { ...pod, status });
}

/** util.ClearNominatedNodeName for one pod (looked up fresh). */
export function clearNominatedNodeName(store: ApiStore, pod: StoredPod): void {
  const current = store.tryGet('pods', pod.metadata.namespace, pod.metadata.name);
  if (!current?.status?.nominatedNodeName || current.metadata.uid !== pod.metadata.uid) return;
  const status = deepClone(current.status);
  delete status.nominatedNodeName;
  store.updateStatus('pods', { ...current, status });
}
