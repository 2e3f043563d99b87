// Pod state helpers controllers share: pkg/api/v1/pod/util.go (IsPodReady, IsPodAvailable) and
// pkg/controller/controller_utils.go (IsPodActive).
import type { PodCondition, StoredPod } from '../api/types';
import { parseTime } from '../clock';

type PodLike = Pick<StoredPod, 'metadata' | 'status'>;

export function podReadyCondition(pod: PodLike): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === 'Ready');
}

/** util.go IsPodReady: the Ready condition is True. */
export function isPodReady(pod: PodLike): boolean {
  return podReadyCondition(pod)?.status === 'True';
}

/** util.go IsPodAvailable: ready for at least minReadySeconds (strictly before now). */
export function isPodAvailable(pod: PodLike, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = parseTime(podReadyCondition(pod)?.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

/** controller_utils.go IsPodActive: not Succeeded, not Failed, not being deleted. */
export function isPodActive(pod: PodLike): boolean {
  const phase = pod.status?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed' && !pod.metadata.deletionTimestamp;
}

export function isPodTerminal(pod: PodLike): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}
