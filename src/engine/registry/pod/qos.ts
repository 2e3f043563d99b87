// Pod QoS class: a port of ComputePodQOS (pkg/apis/core/v1/helper/qos/qos.go, identical to
// kubectl's pkg/util/qos). PodLevelResources is alpha and off in 1.32, so only container
// resources count.
import type { Container, PodSpec } from 'kubernetes-types/core/v1';
import { Quantity, tryParseQuantity } from '../../../shared/quantity';

export type QOSClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

// supportedQoSComputeResources
const QOS_RESOURCES = new Set(['cpu', 'memory']);

/** GetPodQOS: the stored class if set, else ComputePodQOS. */
export function getPodQOS(pod: { spec?: PodSpec; status?: { qosClass?: string } }): QOSClass {
  const stored = pod.status?.qosClass;
  if (stored === 'Guaranteed' || stored === 'Burstable' || stored === 'BestEffort') return stored;
  return computeQOS(pod);
}

/**
 * ComputePodQOS: BestEffort without any cpu/memory request or limit; Guaranteed when every
 * container (and init container) limits both cpu and memory and the summed requests equal the
 * summed limits; Burstable otherwise. Only quantities above zero count.
 */
export function computeQOS(pod: { spec?: PodSpec }): QOSClass {
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  // "ephemeral containers are not considered for QoS as they cannot define resources"
  const all: Container[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])];
  for (const c of all) {
    add(requests, c.resources?.requests);
    const found = add(limits, c.resources?.limits);
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (requests.size === 0 && limits.size === 0) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || lim.cmp(req) !== 0) {
        guaranteed = false;
        break;
      }
    }
  }
  return guaranteed && requests.size === limits.size ? 'Guaranteed' : 'Burstable';
}

/** Adds the positive cpu/memory quantities of `list` into `sum`; returns the names it saw. */
function add(sum: Map<string, Quantity>, list: Record<string, unknown> | undefined): Set<string> {
  const found = new Set<string>();
  for (const [name, raw] of Object.entries(list ?? {})) {
    if (!QOS_RESOURCES.has(name)) continue;
    const q = tryParseQuantity(raw);
    if (!q || q.sign() <= 0) continue;
    found.add(name);
    const cur = sum.get(name);
    sum.set(name, cur ? cur.add(q) : q);
  }
  return found;
}
