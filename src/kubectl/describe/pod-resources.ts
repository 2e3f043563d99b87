// kubectl pkg/util/resource/resource.go PodRequestsAndLimits: a pod's effective requests and
// limits — the sum over containers, raised to any larger init container (sidecars count in
// both), plus the pod overhead.
import type { Container, Pod } from '../../engine/index';
import { maxResourceLists, sumResourceLists, type Quantity } from '../../shared/quantity';

type List = Record<string, Quantity>;

export function podRequestsAndLimits(pod: Pod): { requests: List; limits: List } {
  return { requests: podResources(pod, (c) => c.resources?.requests), limits: podResources(pod, (c) => c.resources?.limits) };
}

// podRequests / podLimits (in-place resize is off in 1.32, so status.allocatedResources is unused)
function podResources(pod: Pod, pick: (c: Container) => Record<string, unknown> | undefined): List {
  const list = (c: Container) => pick(c) as Record<string, string> | undefined;
  let total: List = sumResourceLists((pod.spec?.containers ?? []).map(list));
  let sidecars: List = {};
  let init: List = {};
  for (const c of pod.spec?.initContainers ?? []) {
    let containerList: List;
    if (c.restartPolicy === 'Always') {
      total = sumResourceLists([total, list(c)]);
      sidecars = sumResourceLists([sidecars, list(c)]);
      containerList = sidecars;
    } else {
      containerList = sumResourceLists([list(c), sidecars]);
    }
    init = maxResourceLists(init, containerList);
  }
  total = maxResourceLists(total, init);
  if (pod.spec?.overhead) total = sumResourceLists([total, pod.spec.overhead as Record<string, string>]);
  return total;
}
