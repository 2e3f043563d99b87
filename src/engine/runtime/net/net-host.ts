// What the cluster network needs from each node's container runtime: its pod sandboxes (network
// namespaces with their IPs), which PID namespaces share each network namespace, and the node's
// kernel whose listening sockets answer connections. ContainerRuntime implements it.
import type { Kernel } from '../process/kernel';

/** A pod sandbox as the network sees it. */
export interface NetSandbox {
  id: string;
  /** the pod IP (the node's InternalIP for hostNetwork pods) */
  ip: string;
  namespace: string;
  name: string;
  /** hostNetwork: the sandbox lives in the node's network namespace */
  hostNetwork: boolean;
}

/** One node's runtime, seen from the network. */
export interface NetHost {
  readonly nodeName: string;
  readonly kernel: Kernel;
  /** the node's live sandboxes */
  netSandboxes(): readonly NetSandbox[];
  /** the live sandbox with this pod IP (not a hostNetwork one: those have the node's address) */
  sandboxByIP(ip: string): NetSandbox | undefined;
  /** the sandbox a PID namespace (a container id) belongs to */
  sandboxOfContainer(containerId: string): string | undefined;
  /** the PID namespaces in a network namespace: a sandbox's containers, or (undefined) the node's hostNetwork containers */
  netNamespaceMembers(sandboxId: string | undefined): readonly string[];
  /**
   * Whether an image stand-in answers health checks on `port` in these PID namespaces (the control
   * plane and CoreDNS images, until their programs listen for real).
   */
  standInListens(members: readonly string[], port: number): boolean;
  /** Whether a CoreDNS server runs in the sandbox (it answers DNS queries on port 53). */
  servesDns(sandboxId: string): boolean;
}
