// NodeUnschedulable (pkg/scheduler/framework/plugins/nodeunschedulable/node_unschedulable.go):
// a cordoned node (spec.unschedulable) only takes pods that tolerate
// node.kubernetes.io/unschedulable:NoSchedule.
import type { StoredNode, StoredPod, Taint } from '../../api/types';
import { ActionType, Status, type CycleState, type EnqueueExtensions, type FilterPlugin, type QueueingHint } from '../framework';
import type { NodeInfo } from '../node-info';
import { tolerationsTolerateTaint } from './taint-toleration';

// node_unschedulable.go ErrReasonUnschedulable
export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';

// v1.TaintNodeUnschedulable with the NoSchedule effect, as the plugin checks it.
const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export const NodeUnschedulable: FilterPlugin & EnqueueExtensions = {
  name: 'NodeUnschedulable',

  filter(state: CycleState, nodeInfo: NodeInfo): Status | null {
    if (!nodeInfo.node!.spec?.unschedulable) return null;
    if (tolerationsTolerateTaint(state.pod.spec.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return Status.unresolvable(ERR_REASON_UNSCHEDULABLE);
  },

  eventsToRegister() {
    return [
      { event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeTaint }, hint: afterNodeChange },
      { event: { resource: 'Pod', action: ActionType.UpdatePodTolerations }, hint: afterPodTolerationChange },
    ];
  },
};

// node_unschedulable.go isSchedulableAfterNodeChange: a node was uncordoned, or added schedulable.
function afterNodeChange(_pod: StoredPod, oldObj: unknown, newObj: unknown): QueueingHint {
  const oldNode = oldObj as StoredNode | undefined;
  const newNode = newObj as StoredNode;
  if ((oldNode && oldNode.spec?.unschedulable && !newNode.spec?.unschedulable) || (!oldNode && !newNode.spec?.unschedulable)) return 'Queue';
  return 'QueueSkip';
}

// node_unschedulable.go isSchedulableAfterPodTolerationChange
function afterPodTolerationChange(pod: StoredPod, _oldObj: unknown, newObj: unknown): QueueingHint {
  const modified = newObj as StoredPod;
  if (modified.metadata.uid !== pod.metadata.uid) return 'QueueSkip';
  return tolerationsTolerateTaint(modified.spec.tolerations, UNSCHEDULABLE_TAINT) ? 'Queue' : 'QueueSkip';
}
