// POST pods/<name>/exec and pods/<name>/portforward: the API server's checks
// (pkg/registry/core/pod/strategy.go ExecLocation / PortForwardLocation, rest/subresources.go)
// and the kubelet's, then the node's runtime carries the stream. Port-forward is HTTP-level, as
// Podlab's network is: the session carries one HTTP exchange per connection kubectl accepts.
import type { StoredPod } from '../api/types';
import { MIRROR_POD_ANNOTATION } from '../registry/pod/validation';
import { newBadRequest, newInternalError, newNotFound, type StatusError } from '../errors';
import type { ApiStore } from '../store/store';
import type { RuntimeService, StreamIO } from '../runtime/cri';
import type { PortForwardSession } from '../runtime/net/port-forward';

export interface ExecRequest {
  container?: string;
  command: string[];
  stdin?: boolean;
  tty?: boolean;
}

export class PodStreams {
  constructor(
    private readonly store: ApiStore,
    private readonly runtimeFor: (nodeName: string) => RuntimeService | undefined,
  ) {}

  exec(namespace: string, name: string, req: ExecRequest, io: StreamIO): void {
    const pod = this.runnablePod(namespace, name);
    const id = this.runningContainerId(pod, req.container);
    const runtime = this.runtimeFor(pod.spec.nodeName!);
    if (!runtime?.exec) throw unsupported('exec');
    runtime.exec(id, req.command, io, { stdin: req.stdin, tty: req.tty });
  }

  /** POST pods/<name>/attach (strategy.go AttachLocation): the stream of a running container's PID 1; returns the detach function. */
  attach(namespace: string, name: string, container: string | undefined, io: StreamIO): () => void {
    const pod = this.runnablePod(namespace, name);
    const id = this.runningContainerId(pod, container);
    const runtime = this.runtimeFor(pod.spec.nodeName!);
    if (!runtime?.attach) throw unsupported('attach');
    return runtime.attach(id, io);
  }

  /** The runtime's id of `container` (default: the first), which must be running. */
  private runningContainerId(pod: StoredPod, name: string | undefined): string {
    const container = name ?? pod.spec.containers[0]!.name;
    const all = [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])];
    // strategy.go ExecLocation/AttachLocation → podHasContainerWithName: "container %s is not valid for pod %s"
    if (!all.some((c) => c.name === container)) throw newBadRequest(`container ${container} is not valid for pod ${pod.metadata.name}`);
    const status = [...(pod.status.containerStatuses ?? []), ...(pod.status.initContainerStatuses ?? []), ...(pod.status.ephemeralContainerStatuses ?? [])]
      .find((s) => s.name === container);
    if (!status?.state?.running || !status.containerID) {
      // The kubelet finds no running container to attach the stream to (streaming server:
      // "unable to upgrade connection: container not found (%q)").
      throw newBadRequest(`unable to upgrade connection: container not found (${JSON.stringify(container)})`);
    }
    return status.containerID.replace(/^[a-z]+:\/\//, '');
  }

  portForward(namespace: string, name: string, port: number): PortForwardSession {
    const pod = this.runnablePod(namespace, name);
    const runtime = this.runtimeFor(pod.spec.nodeName!);
    if (!runtime?.portForward) throw unsupported('port forwarding');
    // pkg/kubelet/server/server.go getPortForward → kl.GetPodByName: the pod manager answers a
    // mirror pod's name with its static pod, whose UID is the mirror's config.mirror hash
    const uid = pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] ?? pod.metadata.uid;
    const session = runtime.portForward(uid, port);
    // pkg/kubelet/kuberuntime/kuberuntime_manager.go GetPortForward (format.PodDesc: name_namespace(uid))
    if (!session) throw newInternalError(`failed to find sandboxID for pod ${name}_${namespace}(${uid})`);
    return session;
  }

  private runnablePod(namespace: string, name: string): StoredPod {
    const pod = this.store.tryGet('pods', namespace, name) as StoredPod | undefined;
    if (!pod) throw newNotFound('pods', name);
    // strategy.go streamLocation: "pod %s does not have a host assigned"
    // (kubectl itself refuses completed pods before asking the server.)
    if (!pod.spec.nodeName) throw newBadRequest(`pod ${name} does not have a host assigned`);
    return pod;
  }
}

function unsupported(what: string): StatusError {
  return newBadRequest(`${what} is not supported by this node's container runtime`);
}
