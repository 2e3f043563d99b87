// kubectl pkg/util/qos/qos.go GetPodQOS / ComputePodQOS: the pod's QoS class as describe shows it.
import type { Pod } from '../../engine/index';
import { tryParseQuantity, type Quantity } from '../../shared/quantity';

const QOS_RESOURCES = new Set(['cpu', 'memory']); // isSupportedQoSComputeResource

export function podQOS(pod: Pod): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
    addPositive(requests, c.resources?.requests);
    const found = addPositive(limits, c.resources?.limits);
    if (!found.has('cpu') || !found.has('memory')) guaranteed = false;
  }
  if (!requests.size && !limits.size) return 'BestEffort';
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

/** Add the positive cpu/memory quantities of `list` into `sums`; returns the names added. */
function addPositive(sums: Map<string, Quantity>, list: Readonly<Record<string, unknown>> | undefined): Set<string> {
  const found = new Set<string>();
  for (const [name, v] of Object.entries(list ?? {})) {
    const q = tryParseQuantity(v);
    if (!QOS_RESOURCES.has(name) || !q || q.sign() <= 0) continue;
    found.add(name);
    const prev = sums.get(name);
    sums.set(name, prev ? prev.add(q) : q);
  }
  return found;
}
