// SchedulingGates (pkg/scheduler/framework/plugins/schedulinggates/scheduling_gates.go): a pod
// with spec.schedulingGates is held back (PreEnqueue) until every gate is removed.
import type { StoredPod } from '../../api/types';
import { ActionType, Status, type EnqueueExtensions, type QueueingHint } from '../framework';

export const SchedulingGates: EnqueueExtensions & { preEnqueue(pod: StoredPod): Status | null } = {
  name: 'SchedulingGates',

  preEnqueue(pod: StoredPod): Status | null {
    const gates = pod.spec.schedulingGates ?? [];
    if (gates.length === 0) return null;
    // scheduling_gates.go PreEnqueue: "waiting for scheduling gates: %v" (Go prints a slice as [a b])
    return Status.unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  },

  eventsToRegister() {
    return [{ event: { resource: 'Pod', action: ActionType.UpdatePodSchedulingGatesEliminated }, hint: afterGatesEliminated }];
  },
};

// scheduling_gates.go isSchedulableAfterUpdatePodSchedulingGatesEliminated
function afterGatesEliminated(pod: StoredPod, _oldObj: unknown, newObj: unknown): QueueingHint {
  return (newObj as StoredPod).metadata.uid === pod.metadata.uid ? 'Queue' : 'QueueSkip';
}
