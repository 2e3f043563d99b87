// What the seed-walkthrough scenarios share: a minikube-like cluster on the real container runtime,
// driven only through the engine's public surfaces (Cluster, its KubeApi, runtime accessors).
import { Cluster } from '../../cluster/cluster';
import type { StoredPod } from '../../api/types';
import { ContainerRuntime } from '../container-runtime';
import type { StreamIO } from '../cri';
import { registerGitSync } from '../images/git-sync/image';
import type { GitRemotes } from '../images/git-sync/remotes';

/** The real container runtime per node; git-sync containers see `remotes` (so a test can push). */
export function runtimeWith(remotes?: GitRemotes): NonNullable<Parameters<typeof Cluster.create>[0]>['runtime'] {
  return (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, {
    nodeFs, network, commands: remotes ? (r) => registerGitSync(r, remotes) : undefined,
  });
}

export function cluster(seed: string, remotes?: GitRemotes): Cluster {
  return Cluster.create({ seed, runtime: runtimeWith(remotes) });
}

export function pod(name: string, spec: Record<string, unknown>, labels?: Record<string, string>) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', ...(labels ? { labels } : {}) }, spec };
}

export function getPod(c: Cluster, name: string): StoredPod {
  return c.store.get('pods', 'default', name) as StoredPod;
}

export function containerStatus(c: Cluster, pod: string, container: string) {
  const p = getPod(c, pod);
  return [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])].find((s) => s.name === container);
}

/** The runtime's id of a container (containerd://<id> without the scheme). */
export function containerId(c: Cluster, pod: string, container: string): string {
  return containerStatus(c, pod, container)!.containerID!.replace(/^containerd:\/\//, '');
}

/** The container runtime of the node a pod runs on. */
export function runtimeOf(c: Cluster, pod: string): ContainerRuntime {
  return c.runtimes.get(getPod(c, pod).spec.nodeName!) as ContainerRuntime;
}

/** Whether every container of a pod is running (the pod's Running phase with all ready). */
export function allRunning(c: Cluster, name: string): boolean {
  const p = c.store.tryGet('pods', 'default', name) as StoredPod | undefined;
  return !!p && p.status.phase === 'Running' && (p.status.containerStatuses ?? []).every((s) => s.state?.running !== undefined);
}

/** `kubectl exec <pod> -c <container> -- command...` through the API's exec subresource. */
export async function exec(c: Cluster, name: string, container: string, command: string[]): Promise<{ out: string; code?: number }> {
  const r: { out: string; code?: number } = { out: '' };
  const io: StreamIO = { output: (_s, d) => void (r.out += d), close: (code) => void (r.code = code) };
  await c.api.exec('default', name, { container, command }, io);
  return r;
}

/** Every event message about a pod, oldest first. */
export function eventMessages(c: Cluster, name: string): string[] {
  return c.store.list('events', { namespace: 'default' })
    .map((e) => e as { involvedObject?: { name?: string }; message?: string })
    .filter((e) => e.involvedObject?.name === name)
    .map((e) => e.message ?? '');
}
