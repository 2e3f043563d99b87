// NodeName (pkg/scheduler/framework/plugins/nodename/node_name.go): a pod that names a node
// fits only that node. Pods created with spec.nodeName never reach the scheduler, so in practice
// this only matters for pods bound while queued.
import { ActionType, Status, type CycleState, type EnqueueExtensions, type FilterPlugin } from '../framework';
import type { NodeInfo } from '../node-info';

// node_name.go ErrReason
export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export const NodeName: FilterPlugin & EnqueueExtensions = {
  name: 'NodeName',

  filter(state: CycleState, nodeInfo: NodeInfo): Status | null {
    const wanted = state.pod.spec.nodeName;
    if (!wanted || wanted === nodeInfo.name) return null;
    return Status.unresolvable(ERR_REASON_NODE_NAME);
  },

  eventsToRegister() {
    // No hint function: a new node always queues (node_name.go EventsToRegister with QHints).
    return [{ event: { resource: 'Node', action: ActionType.Add } }];
  },
};
