// POST pods/<name>/binding: what the scheduler calls to put a Pod on a node
// (pkg/registry/core/pod/storage/storage.go BindingREST.Create → assignPod →
// setPodHostAndAnnotations).
//
// Upstream writes straight to storage, past the pod strategy (no update validation: the
// binding itself is the only change), which is what store.guaranteedUpdate offers.
import type { ApiStore } from '../../store/store';
import type { PodCondition, PodStatus, StoredPod } from '../../api/types';
import { newConflict } from '../../errors';

/**
 * Binds a pod to a node: sets spec.nodeName, merges the binding's annotations and sets the
 * PodScheduled condition to True. Throws NotFound for a missing pod and Conflict for a pod
 * that is being deleted or already bound.
 */
export function bindPod(
  store: ApiStore, namespace: string, name: string, nodeName: string, annotations: Record<string, string> = {},
): StoredPod {
  return store.guaranteedUpdate('pods', namespace, name, (pod) => {
    // storage.go setPodHostAndAnnotations; assignPod wraps these in errors.NewConflict(pods/binding)
    if (pod.metadata.deletionTimestamp) {
      throw newConflict('pods/binding', name, `pod ${name} is being deleted, cannot be assigned to a host`);
    }
    if (pod.spec.nodeName) {
      throw newConflict('pods/binding', name, `pod ${name} is already assigned to node ${JSON.stringify(pod.spec.nodeName)}`);
    }
    const metadata = Object.keys(annotations).length
      ? { ...pod.metadata, annotations: { ...pod.metadata.annotations, ...annotations } }
      : pod.metadata;
    const status: PodStatus = { ...pod.status, conditions: [...(pod.status.conditions ?? [])] };
    setPodScheduled(status, store.clock.nowRFC3339());
    return { ...pod, metadata, spec: { ...pod.spec, nodeName }, status };
  }) as StoredPod;
}

/**
 * podutil.UpdatePodCondition with {Type: PodScheduled, Status: True}: replaces an existing
 * PodScheduled condition (clearing reason and message, keeping lastTransitionTime if it was
 * already True) or appends one.
 */
export function setPodScheduled(status: { conditions?: PodCondition[] }, now: string): void {
  const conditions = (status.conditions ??= []);
  const i = conditions.findIndex((c) => c.type === 'PodScheduled');
  const old = i >= 0 ? conditions[i] : undefined;
  const cond = {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: old?.status === 'True' ? old.lastTransitionTime : now,
  } as unknown as PodCondition; // lastProbeTime is a metav1.Time that serialises as null
  if (i >= 0) conditions[i] = cond;
  else conditions.push(cond);
}
