// POST pods/<name>/binding: what the scheduler calls to put a Pod on a node
// (pkg/registry/core/pod/storage/storage.go BindingREST.Create → assignPod →
// setPodHostAndAnnotations).
//
// Upstream writes straight to storage, past the pod strategy. Our store has one write path,
// so bindPod goes through store.update and marks the write as a binding for its duration:
// the pod strategy then allows exactly this change (spec.nodeName from "" to the node) and
// sets the PodScheduled condition in the same write. The marker is keyed by store and pod,
// and only lives inside the synchronous update call.
import type { ApiStore } from '../../store/store';
import type { PodCondition, StoredPod } from '../../api/types';
import { deepClone } from '../../store/clone';
import { newConflict } from '../../errors';

export interface ActiveBinding {
  namespace: string;
  name: string;
  nodeName: string;
}

const active = new WeakMap<ApiStore, ActiveBinding>();

/** The binding being written to this pod right now, if any (read by the pod strategy). */
export function activeBinding(store: ApiStore, namespace: string | undefined, name: string): ActiveBinding | undefined {
  const b = active.get(store);
  return b && b.namespace === (namespace ?? 'default') && b.name === name ? b : undefined;
}

/**
 * Binds a pod to a node: sets spec.nodeName, merges the binding's annotations and sets the
 * PodScheduled condition to True. Throws NotFound for a missing pod and Conflict for a pod
 * that is being deleted or already bound.
 */
export function bindPod(
  store: ApiStore, namespace: string, name: string, nodeName: string, annotations: Record<string, string> = {},
): StoredPod {
  const pod = store.get('pods', namespace, name) as StoredPod; // NotFound: pods "x" not found
  // storage.go setPodHostAndAnnotations; assignPod wraps these in errors.NewConflict(pods/binding)
  if (pod.metadata.deletionTimestamp) {
    throw newConflict('pods/binding', name, `pod ${name} is being deleted, cannot be assigned to a host`);
  }
  if (pod.spec.nodeName) {
    throw newConflict('pods/binding', name, `pod ${name} is already assigned to node ${JSON.stringify(pod.spec.nodeName)}`);
  }
  const next = deepClone(pod);
  next.spec.nodeName = nodeName;
  if (Object.keys(annotations).length) next.metadata.annotations = { ...next.metadata.annotations, ...annotations };
  active.set(store, { namespace, name, nodeName });
  try {
    return store.update('pods', next) as StoredPod;
  } finally {
    active.delete(store);
  }
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
