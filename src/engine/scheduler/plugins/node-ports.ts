// NodePorts (pkg/scheduler/framework/plugins/nodeports/node_ports.go): a hostPort can be held by
// one pod per node (per IP and protocol; 0.0.0.0 overlaps every IP).
import type { StoredPod } from '../../api/types';
import { ActionType, Status, type CycleState, type EnqueueExtensions, type FilterPlugin, type HostPort, type QueueingHint } from '../framework';
import { HostPortInfo, podHostPorts, type NodeInfo } from '../node-info';

// node_ports.go ErrReason
export const ERR_REASON_NODE_PORTS = "node(s) didn't have free ports for the requested pod ports";

/** node_ports.go fitsPorts */
export function fitsPorts(want: readonly HostPort[], used: HostPortInfo): boolean {
  for (const hp of want) if (used.conflicts(hp)) return false;
  return true;
}

export const NodePorts: FilterPlugin & EnqueueExtensions = {
  name: 'NodePorts',

  filter(state: CycleState, nodeInfo: NodeInfo): Status | null {
    // PreFilter returns Skip for pods without host ports (see CycleState.skipFilter).
    if (fitsPorts(state.podInfo.hostPorts, nodeInfo.usedPorts)) return null;
    return Status.unschedulable(ERR_REASON_NODE_PORTS);
  },

  eventsToRegister() {
    return [
      { event: { resource: 'Pod', action: ActionType.Delete }, hint: afterPodDeleted },
      { event: { resource: 'Node', action: ActionType.Add } },
    ];
  },
};

// node_ports.go isSchedulableAfterPodDeleted: only a deleted scheduled pod holding one of our ports helps.
function afterPodDeleted(pod: StoredPod, oldObj: unknown): QueueingHint {
  const deleted = oldObj as StoredPod;
  if (!deleted.spec.nodeName) return 'QueueSkip';
  const used = new HostPortInfo();
  for (const hp of podHostPorts(deleted)) used.add(hp);
  if (used.size === 0) return 'QueueSkip';
  return fitsPorts(podHostPorts(pod), used) ? 'QueueSkip' : 'Queue';
}
