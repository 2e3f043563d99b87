// TaintToleration (pkg/scheduler/framework/plugins/tainttoleration/taint_toleration.go): a pod
// may only land on a node whose NoSchedule / NoExecute taints it tolerates. Scoring of
// PreferNoSchedule taints lives in ../score.ts.
import type { StoredNode, StoredPod, Taint, Toleration } from '../../api/types';
import { ActionType, Status, type CycleState, type EnqueueExtensions, type FilterPlugin, type QueueingHint } from '../framework';
import type { NodeInfo } from '../node-info';

/** k8s.io/api core/v1 toleration.go Toleration.ToleratesTaint */
export function toleratesTaint(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.key && t.key !== taint.key) return false;
  switch (t.operator ?? '') {
    case '': // empty operator means Equal
    case 'Equal':
      return (t.value ?? '') === (taint.value ?? '');
    case 'Exists':
      return true;
    default:
      return false;
  }
}

/** pkg/apis/core/v1/helper TolerationsTolerateTaint */
export function tolerationsTolerateTaint(tolerations: readonly Toleration[] | undefined, taint: Taint): boolean {
  if (!tolerations) return false;
  for (let i = 0; i < tolerations.length; i++) if (toleratesTaint(tolerations[i]!, taint)) return true;
  return false;
}

/** helper/taint.go DoNotScheduleTaintsFilterFunc: only NoSchedule and NoExecute taints block scheduling. */
function doNotSchedule(t: Taint): boolean {
  return t.effect === 'NoSchedule' || t.effect === 'NoExecute';
}

/** v1helper.FindMatchingUntoleratedTaint: the first blocking taint (in node order) nobody tolerates. */
export function findUntoleratedTaint(taints: readonly Taint[] | undefined, tolerations: readonly Toleration[] | undefined): Taint | undefined {
  // Index loops: this runs for every node of every scheduling attempt.
  if (!taints) return undefined;
  for (let i = 0; i < taints.length; i++) {
    const taint = taints[i]!;
    if (!doNotSchedule(taint)) continue;
    if (!tolerationsTolerateTaint(tolerations, taint)) return taint;
  }
  return undefined;
}

export const TaintToleration: FilterPlugin & EnqueueExtensions = {
  name: 'TaintToleration',

  filter(state: CycleState, nodeInfo: NodeInfo): Status | null {
    const taint = findUntoleratedTaint(nodeInfo.node!.spec?.taints, state.pod.spec.tolerations);
    if (!taint) return null;
    // taint_toleration.go Filter: "node(s) had untolerated taint {%s: %s}"
    return Status.unresolvable(`node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  },

  eventsToRegister() {
    return [
      { event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeTaint }, hint: afterNodeChange },
      { event: { resource: 'Pod', action: ActionType.UpdatePodTolerations }, hint: afterPodTolerationChange },
    ];
  },
};

// taint_toleration.go isSchedulableAfterNodeChange: queue when a blocking taint went away.
function afterNodeChange(pod: StoredPod, oldObj: unknown, newObj: unknown): QueueingHint {
  const oldNode = oldObj as StoredNode | undefined;
  const newNode = newObj as StoredNode;
  const wasUntolerated = oldNode ? !!findUntoleratedTaint(oldNode.spec?.taints, pod.spec.tolerations) : true;
  const isUntolerated = !!findUntoleratedTaint(newNode.spec?.taints, pod.spec.tolerations);
  return wasUntolerated && !isUntolerated ? 'Queue' : 'QueueSkip';
}

// taint_toleration.go isSchedulableAfterPodTolerationChange: the rejected pod itself gained a toleration.
function afterPodTolerationChange(pod: StoredPod, _oldObj: unknown, newObj: unknown): QueueingHint {
  return (newObj as StoredPod).metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip';
}
