// What one sync of a pod has to do, from the pod spec and the runtime's view of it:
// pkg/kubelet/kuberuntime/kuberuntime_manager.go computePodActions and
// kuberuntime_container.go computeInitContainerActions (SidecarContainers on).
import type { StoredPod } from '../api/types';
import { isRestartableInitContainer } from './phase';
import { latest, shouldContainerBeRestarted, shouldRestartOnFailure, type PodWorkerState, type RuntimeContainer } from './pod-state';

export interface ContainerToKill {
  container: RuntimeContainer;
  message: string;
}

export interface PodActions {
  /** a ready sandbox is missing: create one (everything else waits for it) */
  createSandbox: boolean;
  /** stop everything: the pod is done (or an init container failed under restartPolicy Never) */
  killPod: boolean;
  /** containers to start, in order: ephemeral containers first, then init containers, then regular ones */
  toStart: string[];
  toKill: ContainerToKill[];
}

/** Whether a started startup probe result is in (ProberManager.isStarted). */
export type StartedFn = (name: string) => boolean;

const none = (): PodActions => ({ createSandbox: false, killPod: false, toStart: [], toKill: [] });

/** kuberuntime_manager.go containerSucceeded */
function succeeded(w: PodWorkerState, name: string): boolean {
  const c = latest(w, name);
  return !!c && c.state === 'exited' && c.exitCode === 0;
}

// Loops index the spec arrays: stored objects are frozen, and for-of over a frozen array is slow
// in V8 (no fast iteration path), while this runs on every sync of every pod.

/** kuberuntime_container.go hasAnyRegularContainerCreated */
function anyRegularContainerCreated(w: PodWorkerState, pod: StoredPod): boolean {
  const containers = pod.spec.containers;
  for (let i = 0; i < containers.length; i++) {
    const s = latest(w, containers[i]!.name);
    if (s && (s.state === 'created' || s.state === 'running' || s.state === 'exited')) return true;
  }
  return false;
}

/** Whether some regular container is still to run (under OnFailure, a succeeded one is not). */
function anyContainerToStart(w: PodWorkerState, pod: StoredPod): boolean {
  const containers = pod.spec.containers;
  for (let i = 0; i < containers.length; i++) {
    if (!(pod.spec.restartPolicy === 'OnFailure' && succeeded(w, containers[i]!.name))) return true;
  }
  return false;
}

export function computePodActions(w: PodWorkerState, started: StartedFn): PodActions {
  const pod = w.pod;
  const actions = none();
  if (!w.sandbox?.ready) {
    const attempt = w.sandbox ? w.sandbox.attempt + 1 : 0;
    // "we should not create a sandbox, and just kill the pod if it is already done"
    if (!shouldRestartOnFailure(pod) && attempt !== 0 && w.containers.length) return actions;
    if (!anyContainerToStart(w, pod) && anyRegularContainerCreated(w, pod)) return actions;
    actions.createSandbox = true;
    return actions;
  }

  // "Ephemeral containers may be started even if initialization is not yet complete." SyncPod
  // starts them before the init containers, so that a failing init container can be debugged.
  const ephemeral = ephemeralContainersToStart(w);
  const init = computeInitContainerActions(w, started);
  if (init.killPod) {
    actions.killPod = true;
    return actions;
  }
  for (const name of ephemeral) actions.toStart.push(name);
  for (const name of init.toStart) actions.toStart.push(name);
  for (const k of init.toKill) actions.toKill.push(k);
  if (!init.initialized) return actions;

  let keepCount = 0;
  const containers = pod.spec.containers;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    const s = latest(w, c.name);
    if (!s || s.state !== 'running') {
      if (shouldContainerBeRestarted(c, pod, s)) actions.toStart.push(c.name);
      continue;
    }
    // containerChanged: HashContainer covers the name and the image
    if (s.specImage !== (c.image ?? '')) {
      // kuberuntime_manager.go computePodActions: restarted regardless of the restart policy
      actions.toKill.push({ container: s, message: `Container ${c.name} definition changed, will be restarted` });
      continue;
    }
    keepCount++;
  }
  // (ephemeral containers are not ContainersToStart: they keep no pod alive)
  if (keepCount === 0 && actions.toStart.length === ephemeral.length && actions.toKill.length === 0) {
    // the restartable init containers must not keep the pod alive
    return { ...none(), killPod: true };
  }
  return actions;
}

/** computePodActions: "Ephemeral Containers are never restarted": only those never started are. */
function ephemeralContainersToStart(w: PodWorkerState): string[] {
  const out: string[] = [];
  const list = w.pod.spec.ephemeralContainers;
  if (list) for (let i = 0; i < list.length; i++) if (!latest(w, list[i]!.name)) out.push(list[i]!.name);
  return out;
}

interface InitActions {
  toStart: string[];
  toKill: ContainerToKill[];
  killPod: boolean;
  initialized: boolean;
}

export function computeInitContainerActions(w: PodWorkerState, started: StartedFn): InitActions {
  const pod = w.pod;
  const inits = pod.spec.initContainers ?? [];
  if (!inits.length) return { toStart: [], toKill: [], killPod: false, initialized: true };

  // A created or running regular container means initialization ran before.
  let podHasInitialized = false;
  const containers = pod.spec.containers;
  for (let i = 0; i < containers.length; i++) {
    const s = latest(w, containers[i]!.name);
    if (s && (s.state === 'created' || s.state === 'running')) {
      podHasInitialized = true;
      break;
    }
  }
  let isPreviouslyInitialized = podHasInitialized;
  const restartOnFailure = shouldRestartOnFailure(pod);
  const toStart: number[] = [];
  const toKill: ContainerToKill[] = [];

  // Walk backwards to find the next init container to run, then the sidecars to restart.
  for (let i = inits.length - 1; i >= 0; i--) {
    const c = inits[i]!;
    const sidecar = isRestartableInitContainer(c);
    const s = latest(w, c.name);
    if (!s) {
      if (isPreviouslyInitialized && sidecar) toStart.push(i);
      continue;
    }
    if (isPreviouslyInitialized && !sidecar) continue;
    if (s.state === 'created') {
      toStart.push(i);
    } else if (s.state === 'running') {
      if (sidecar && started(c.name)) {
        if (i === inits.length - 1) podHasInitialized = true;
        else if (!isPreviouslyInitialized) toStart.push(i + 1);
        // kuberuntime_container.go computeInitContainerActions; it restarts once it has exited
        if (s.specImage !== (c.image ?? '')) toKill.push({ container: s, message: `Init container ${c.name} definition changed` });
      }
      // a regular init container: wait for it to finish
    } else if (sidecar) {
      toStart.push(i);
    } else if (s.exitCode !== 0) {
      if (!restartOnFailure) return { toStart: [], toKill: [], killPod: true, initialized: false };
      toStart.push(i);
    } else if (i === inits.length - 1) {
      podHasInitialized = true;
    } else {
      toStart.push(i + 1);
    }
    if (!isPreviouslyInitialized) isPreviouslyInitialized = true;
  }
  if (!isPreviouslyInitialized) toStart.push(0);
  toStart.reverse();
  return { toStart: toStart.map((i) => inits[i]!.name), toKill, killPod: false, initialized: podHasInitialized };
}
