// NodeResourcesFit (pkg/scheduler/framework/plugins/noderesources/fit.go): the pod's requests
// must fit in the node's allocatable minus what its pods already request, and the node must
// have room for one more pod. Every shortfall is reported, so one node can give several reasons.
import type { StoredNode, StoredPod } from '../../api/types';
import { ActionType, Status, type CycleState, type EnqueueExtensions, type FilterPlugin, type QueueingHint } from '../framework';
import type { NodeInfo } from '../node-info';
import { allocatableResource, podRequests, toResource, type Resource } from '../pod-requests';

/** fit.go InsufficientResource */
export interface InsufficientResource {
  resourceName: string;
  reason: string;
  requested: number;
  used: number;
  capacity: number;
}

type NodeCapacity = Pick<NodeInfo, 'allocatable' | 'requested'>;

const FITS: readonly InsufficientResource[] = Object.freeze([]);

/** fit.go fitsRequest: the shortfalls, in upstream order (pods, cpu, memory, ephemeral-storage, scalars). */
export function fitsRequest(req: Resource, node: NodeCapacity, podCount: number): readonly InsufficientResource[] {
  if (fits(req, node, podCount)) return FITS;
  const alloc = node.allocatable;
  const used = node.requested;
  const out: InsufficientResource[] = [];
  if (podCount + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: podCount, capacity: alloc.allowedPodNumber });
  }
  if (req.milliCPU === 0 && req.memory === 0 && req.ephemeralStorage === 0 && !req.scalar) return out;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: req.memory, used: used.memory, capacity: alloc.memory });
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage', reason: 'Insufficient ephemeral-storage',
      requested: req.ephemeralStorage, used: used.ephemeralStorage, capacity: alloc.ephemeralStorage,
    });
  }
  for (const [name, q] of Object.entries(req.scalar ?? {})) {
    if (q === 0) continue;
    const a = alloc.scalar?.[name] ?? 0;
    const u = used.scalar?.[name] ?? 0;
    // fit.go: fmt.Sprintf("Insufficient %v", rName)
    if (q > a - u) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: u, capacity: a });
  }
  return out;
}

/** The same test without building reasons: the hot path, run for every node of every attempt. */
function fits(req: Resource, node: NodeCapacity, podCount: number): boolean {
  const alloc = node.allocatable;
  const used = node.requested;
  if (podCount + 1 > alloc.allowedPodNumber) return false;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) return false;
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) return false;
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) return false;
  if (req.scalar) {
    for (const name in req.scalar) {
      const q = req.scalar[name]!;
      if (q !== 0 && q > (alloc.scalar?.[name] ?? 0) - (used.scalar?.[name] ?? 0)) return false;
    }
  }
  return true;
}

export const NodeResourcesFit: FilterPlugin & EnqueueExtensions = {
  name: 'NodeResourcesFit',

  filter(state: CycleState, nodeInfo: NodeInfo): Status | null {
    const insufficient = fitsRequest(state.podInfo.requests, nodeInfo, nodeInfo.pods.size);
    if (insufficient.length === 0) return null;
    return Status.unschedulable(...insufficient.map((i) => i.reason));
  },

  eventsToRegister() {
    return [
      { event: { resource: 'Pod', action: ActionType.Delete }, hint: afterPodEvent },
      { event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeAllocatable }, hint: afterNodeChange },
    ];
  },
};

// fit.go isSchedulableAfterPodEvent: deleting any scheduled pod may free room (scale-down needs
// InPlacePodVerticalScaling, off in 1.32).
function afterPodEvent(_pod: StoredPod, oldObj: unknown, newObj: unknown): QueueingHint {
  if (newObj) return 'QueueSkip';
  return (oldObj as StoredPod).spec.nodeName ? 'Queue' : 'QueueSkip';
}

// fit.go isSchedulableAfterNodeChange: the pod must fit an empty copy of the node, and on update
// some resource it requests must have grown.
function afterNodeChange(pod: StoredPod, oldObj: unknown, newObj: unknown): QueueingHint {
  const req = toResource(podRequests(pod));
  const node = newObj as StoredNode;
  const alloc = allocatableResource(node.status?.allocatable as Record<string, unknown> | undefined);
  const empty: Resource = { milliCPU: 0, memory: 0, ephemeralStorage: 0 };
  if (fitsRequest(req, { allocatable: alloc, requested: empty }, 0).length) return 'QueueSkip';
  if (!oldObj) return 'Queue';
  const before = allocatableResource((oldObj as StoredNode).status?.allocatable as Record<string, unknown> | undefined);
  return anyRequestedResourceIncreased(req, before, alloc) ? 'Queue' : 'QueueSkip';
}

// fit.go haveAnyRequestedResourcesIncreased
function anyRequestedResourceIncreased(req: Resource, before: ReturnType<typeof allocatableResource>, after: ReturnType<typeof allocatableResource>): boolean {
  if (after.allowedPodNumber > before.allowedPodNumber) return true;
  if (req.milliCPU > 0 && after.milliCPU > before.milliCPU) return true;
  if (req.memory > 0 && after.memory > before.memory) return true;
  if (req.ephemeralStorage > 0 && after.ephemeralStorage > before.ephemeralStorage) return true;
  for (const [name, q] of Object.entries(req.scalar ?? {})) {
    if (q > 0 && (after.scalar?.[name] ?? 0) > (before.scalar?.[name] ?? 0)) return true;
  }
  return false;
}
