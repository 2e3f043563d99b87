// GET pods/<name>/log: the API server picks the container (LogLocation), the kubelet checks the
// container can have logs (validateContainerLogStatus), and the node's runtime reads them.
import type { ContainerStatus, StoredPod } from '../api/types';
import { newBadRequest, newNotFound } from '../errors';
import type { ApiStore } from '../store/store';
import type { Clock } from '../clock';
import type { RuntimeService } from '../runtime/cri';
import type { LogOptions, PodSubresources } from '../kube-api';

export class PodLogs implements Pick<PodSubresources, 'logs'> {
  constructor(
    private readonly store: ApiStore,
    private readonly clock: Clock,
    private readonly runtimeFor: (nodeName: string) => RuntimeService | undefined,
  ) {}

  logs(namespace: string, name: string, opts: LogOptions): string {
    const pod = this.store.tryGet('pods', namespace, name) as StoredPod | undefined;
    if (!pod) throw newNotFound('pods', name);
    const container = pickContainer(pod, opts.container);
    // LogLocation: an unscheduled pod has no node to ask, and the answer is empty.
    if (!pod.spec.nodeName) return '';
    const containerId = containerIdForLogs(pod, container, !!opts.previous);
    const runtime = this.runtimeFor(pod.spec.nodeName);
    if (!runtime?.containerLogs) return '';
    const sinceTime = opts.sinceSeconds !== undefined ? this.clock.now() - opts.sinceSeconds * 1000 : undefined;
    return runtime.containerLogs(stripScheme(containerId), { tailLines: opts.tailLines, timestamps: opts.timestamps, sinceTime });
  }
}

/** pkg/registry/core/pod/rest/log.go + strategy.go LogLocation: which container, or why none. */
function pickContainer(pod: StoredPod, requested: string | undefined): string {
  const name = pod.metadata.name;
  const containers = pod.spec.containers.map((c) => c.name);
  const inits = (pod.spec.initContainers ?? []).map((c) => c.name);
  const ephemeral = (pod.spec.ephemeralContainers ?? []).map((c) => c.name);
  if (!requested) {
    if (containers.length === 1) return containers[0]!;
    // strategy.go LogLocation: "a container name must be specified for pod %s, choose one of: %s"
    // (+ " or one of the init containers: %s" / " or one of the ephemeral containers: %s"), Go %s of []string
    let msg = `a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]`;
    if (inits.length) msg += ` or one of the init containers: [${inits.join(' ')}]`;
    if (ephemeral.length) msg += ` or one of the ephemeral containers: [${ephemeral.join(' ')}]`;
    throw newBadRequest(msg);
  }
  if (![...containers, ...inits, ...ephemeral].includes(requested)) {
    // strategy.go podHasContainerWithName check: "container %s is not valid for pod %s"
    throw newBadRequest(`container ${requested} is not valid for pod ${name}`);
  }
  return requested;
}

/** pkg/kubelet/kubelet_pods.go validateContainerLogStatus: the container id whose log to read. */
function containerIdForLogs(pod: StoredPod, container: string, previous: boolean): string {
  const podName = pod.metadata.name;
  const statuses: ContainerStatus[] = [
    ...(pod.status.containerStatuses ?? []), ...(pod.status.initContainerStatuses ?? []), ...(pod.status.ephemeralContainerStatuses ?? []),
  ];
  const status = statuses.find((s) => s.name === container);
  // "container %q in pod %q is not available"
  if (!status) throw newBadRequest(`container ${q(container)} in pod ${q(podName)} is not available`);
  const last = status.lastState?.terminated;
  const { running, terminated, waiting } = status.state ?? {};
  if (previous) {
    // "previous terminated container %q in pod %q not found"
    if (!last?.containerID) throw newBadRequest(`previous terminated container ${q(container)} in pod ${q(podName)} not found`);
    return last.containerID;
  }
  if (running) return status.containerID ?? '';
  if (terminated) {
    if (!terminated.containerID) throw newBadRequest(`container ${q(container)} in pod ${q(podName)} is terminated`);
    return terminated.containerID;
  }
  if (last) {
    if (!last.containerID) throw newBadRequest(`container ${q(container)} in pod ${q(podName)} is terminated`);
    return last.containerID;
  }
  if (waiting) {
    const why =
      waiting.reason === 'ErrImagePull' ? "image can't be pulled"
      : waiting.reason === 'ImagePullBackOff' ? 'trying and failing to pull image'
      : waiting.reason;
    throw newBadRequest(`container ${q(container)} in pod ${q(podName)} is waiting to start: ${why}`);
  }
  throw newBadRequest(`container ${q(container)} in pod ${q(podName)} is waiting to start - no logs yet`);
}

function q(s: string): string {
  return JSON.stringify(s);
}

function stripScheme(id: string): string {
  return id.replace(/^[a-z]+:\/\//, '');
}
