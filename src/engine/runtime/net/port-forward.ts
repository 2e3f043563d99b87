// CRI PortForward at the level Podlab's network speaks: each connection kubectl accepts on its
// local port becomes one HTTP exchange with localhost:<port> inside the pod's network namespace
// (containerd dials localhost there). When nothing listens, the stream fails with the error chain
// containerd and the kubelet build, which kubectl then logs for that connection.
import type { HttpOutcome, HttpRequest } from '../commands/network';
import type { ClusterNetwork } from './cluster-network';
import type { NetSandbox } from './net-host';

/** What kubectl sends through the tunnel: an HTTP request, addressed by the pod port of the session. */
export type PortForwardRequest = Omit<HttpRequest, 'ip' | 'port'>;

/** The exchange's outcome, or the error the kubelet's stream failed with. */
export type PortForwardOutcome = HttpOutcome | { kind: 'error'; message: string };

/** A port-forward to one pod port; close() ends it (later requests find the tunnel closed). */
export interface PortForwardSession {
  readonly port: number;
  http(req: PortForwardRequest): PortForwardOutcome;
  close(): void;
}

/**
 * The network namespace path containerd reports: /var/run/netns/cni-<uuid>. The uuid is the CNI
 * netns name made when the sandbox was created; Podlab derives it from the sandbox id (stable).
 */
export function netnsPath(sandbox: NetSandbox): string {
  if (sandbox.hostNetwork) return 'host';
  const h = sandbox.id;
  return `/var/run/netns/cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** containerd's wording when localhost:<port> refuses, wrapped by the kubelet's stream handler. */
export function refusedForwardError(sandbox: NetSandbox, port: number): string {
  // containerd 1.7 pkg/cri/server/sandbox_portforward_linux.go portForward: tcp4, then tcp6
  const dial = `failed to connect to localhost:${port} inside namespace "${sandbox.id}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
  // same function: "failed to execute portforward in network namespace %q: %w"
  const exec = `failed to execute portforward in network namespace "${netnsPath(sandbox)}": ${dial}`;
  return streamError(sandbox.id, port, exec);
}

/** pkg/kubelet/cri/streaming/portforward/httpstream.go portForward: "error forwarding port %d to pod %s, uid %v: %v" (the uid is empty there). */
function streamError(sandboxId: string, port: number, err: string): string {
  return `error forwarding port ${port} to pod ${sandboxId}, uid : ${err}`;
}

/** A session into `sandbox` on `nodeName`; `alive` says whether the sandbox still exists. */
export function portForwardSession(net: ClusterNetwork, nodeName: string, sandbox: NetSandbox, port: number, alive: () => boolean): PortForwardSession {
  let open = true;
  return {
    port,
    http(req) {
      if (!open) return { kind: 'closed' };
      // containerd portForward: "failed to find sandbox %q in store: %w"
      if (!alive()) return { kind: 'error', message: streamError(sandbox.id, port, `failed to find sandbox "${sandbox.id}" in store: not found`) };
      const out = net.httpInSandbox(nodeName, sandbox.id, { ...req, ip: '127.0.0.1', port });
      return out.kind === 'refused' ? { kind: 'error', message: refusedForwardError(sandbox, port) } : out;
    },
    close() {
      open = false;
    },
  };
}
