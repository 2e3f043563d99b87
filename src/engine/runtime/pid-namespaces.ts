// The pod's shared PID namespace (spec.shareProcessNamespace): the sandbox's pause process is its
// PID 1 and every container of the pod runs its processes in it. The namespace is named by the
// sandbox id and lives as long as the sandbox: it is created with RunPodSandbox and goes with
// StopPodSandbox, whatever the containers do meanwhile. What stays per container (stop signals,
// exits, cgroups) is the runtime's business (container-runtime.ts); this file is the pause side.
import type { Clock } from '../clock';
import { ContainerFs } from './fs/container-fs';
import type { FsLayer } from './fs/memfs';
import type { Credentials } from './process/credentials';
import type { Kernel } from './process/kernel';

/** The sandbox image: cmd/kubeadm/app/constants PauseVersion is 3.10 in v1.32. */
export const PAUSE_IMAGE = 'registry.k8s.io/pause:3.10';

// kubernetes build/pause/Dockerfile: ENTRYPOINT ["/pause"], USER 65535:65535
const PAUSE_PATH = '/pause';
const PAUSE_USER: Credentials = Object.freeze({ uid: 65535, gid: 65535, groups: Object.freeze([65535]) });

/** The pause container's root filesystem, as the kernel's filesystem view named by the sandbox id. */
export function attachPauseFs(kernel: Kernel, clock: Pick<Clock, 'now'>, layer: FsLayer, sandboxId: string): void {
  kernel.attachFs(sandboxId, new ContainerFs(clock, { image: layer, filesystems: {} }));
}

/**
 * RunPodSandbox with a pod-level PID namespace: the namespace and its PID 1, /pause, which reaps
 * the orphans the containers leave (the kernel reaps a child once its parent has been told).
 */
export function startPause(kernel: Kernel, clock: Pick<Clock, 'now'>, layer: FsLayer, sandboxId: string): void {
  attachPauseFs(kernel, clock, layer, sandboxId);
  kernel.createNamespace(sandboxId);
  const pid = kernel.spawn({ ns: sandboxId, fs: sandboxId, path: PAUSE_PATH, argv: [PAUSE_PATH], env: {}, cwd: '/', cred: PAUSE_USER });
  if (pid !== 1) throw new Error(`kernel: /pause did not start as PID 1 of ${sandboxId}`);
}

/** StopPodSandbox: the pause process goes, and with it (the kernel kills them) whatever is left in the namespace. */
export function stopPause(kernel: Kernel, sandboxId: string): void {
  kernel.destroyNamespace(sandboxId);
  kernel.detachFs(sandboxId);
}
