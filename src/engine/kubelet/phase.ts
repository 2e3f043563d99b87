// The pod phase from its container statuses: pkg/kubelet/kubelet_pods.go getPhase, with the
// SidecarContainers feature gate on (beta in 1.32).
import type { Container, ContainerStatus, PodSpec } from '../api/types';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';

/** pkg/api/v1/pod IsRestartableInitContainer: an init container with restartPolicy Always (a sidecar). */
export function isRestartableInitContainer(c: Container): boolean {
  return c.restartPolicy === 'Always';
}

function statusOf(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (const s of statuses) if (s.name === name) return s;
  return undefined;
}

/** pkg/kubelet/container/helpers.go HasAnyRegularContainerStarted */
export function hasAnyRegularContainerStarted(spec: PodSpec, statuses: readonly ContainerStatus[]): boolean {
  if (!statuses.length) return false;
  const containers = spec.containers;
  for (let i = 0; i < containers.length; i++) {
    const s = statusOf(statuses, containers[i]!.name);
    if (s && (s.state?.running || s.state?.terminated)) return true;
  }
  return false;
}

/**
 * getPhase. `statuses` holds both init and regular container statuses. `podIsTerminal` says the
 * pod worker has finished the pod; static pods never take the terminal shortcut (TODO #116484).
 */
export function getPhase(spec: PodSpec, statuses: readonly ContainerStatus[], podIsTerminal: boolean, isStatic = false): PodPhase {
  let pendingRestartableInit = 0;
  let pendingRegularInit = 0;
  let failedInitialization = 0;

  // Index loops over the (frozen) spec arrays: for-of is slow on frozen arrays in V8.
  const inits = spec.initContainers ?? [];
  const containers = spec.containers;

  // regular init containers
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    if (isRestartableInitContainer(c)) continue;
    const s = statusOf(statuses, c.name);
    if (!s) {
      pendingRegularInit++;
      continue;
    }
    if (s.state?.running) pendingRegularInit++;
    else if (s.state?.terminated) {
      if (s.state.terminated.exitCode !== 0) failedInitialization++;
    } else if (s.state?.waiting) {
      const last = s.lastState?.terminated;
      if (last) {
        if (last.exitCode !== 0) failedInitialization++;
      } else pendingRegularInit++;
    } else pendingRegularInit++;
  }

  let unknown = 0;
  let running = 0;
  let waiting = 0;
  let stopped = 0;
  let succeeded = 0;

  // restartable init containers (sidecars)
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    if (!isRestartableInitContainer(c)) continue;
    const s = statusOf(statuses, c.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) {
      if (!s.started) pendingRestartableInit++;
      running++;
    } else if (s.state?.terminated) {
      // terminated sidecars do not count toward the phase
    } else if (s.state?.waiting) {
      if (!s.lastState?.terminated) {
        pendingRestartableInit++;
        waiting++;
      }
    } else {
      pendingRestartableInit++;
      unknown++;
    }
  }

  for (let i = 0; i < containers.length; i++) {
    const s = statusOf(statuses, containers[i]!.name);
    if (!s) {
      unknown++;
      continue;
    }
    if (s.state?.running) running++;
    else if (s.state?.terminated) {
      stopped++;
      if (s.state.terminated.exitCode === 0) succeeded++;
    } else if (s.state?.waiting) {
      if (s.lastState?.terminated) stopped++;
      else waiting++;
    } else unknown++;
  }

  const policy = spec.restartPolicy ?? 'Always'; // SetDefaults_PodSpec
  if (failedInitialization > 0 && policy === 'Never') return 'Failed';

  if (
    pendingRegularInit > 0 ||
    // initialized pods whose sidecars restart do not go back to Pending
    (pendingRestartableInit > 0 && !hasAnyRegularContainerStarted(spec, statuses)) ||
    waiting > 0
  ) {
    return 'Pending';
  }
  if (running > 0 && unknown === 0) return 'Running';
  if (running === 0 && stopped > 0 && unknown === 0) {
    if (podIsTerminal && !isStatic) return stopped === succeeded ? 'Succeeded' : 'Failed';
    if (policy === 'Always') return 'Running';
    if (stopped === succeeded) return 'Succeeded';
    if (policy === 'Never') return 'Failed';
    return 'Running';
  }
  return 'Pending';
}
