// What the kubelet knows about one pod on its node: the runtime's view of it (sandbox and
// container instances, like kubecontainer.PodStatus), the last start failure per container (the
// reason cache, pkg/kubelet/reason_cache.go) and where its pod worker is. Plain JSON, so a
// snapshot is a copy.
import type { Container, KubeObject, PodStatus, StoredPod } from '../api/types';
import { refTo, type InvolvedObject } from '../events';
import type { ImageInfo } from '../runtime/cri';
import type { PullTicket } from './image-manager';
import { isRestartableInitContainer } from './phase';

export type ContainerKind = 'init' | 'sidecar' | 'regular' | 'ephemeral';

/** One container instance the runtime created (kubecontainer.Status). */
export interface RuntimeContainer {
  id: string;
  name: string;
  kind: ContainerKind;
  state: 'created' | 'running' | 'exited';
  /** the attempt label: restartCount in the API */
  attempt: number;
  /** what the runtime reports: normalized image and repo digest */
  image: string;
  imageID: string;
  /** container.image when it was created: HashContainer covers name and image */
  specImage: string;
  createdAt: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  reason?: string;
  message?: string;
  /** killed because its definition changed: restarted whatever the restart policy */
  restartAnyway?: boolean;
  /** the kubelet has asked the runtime to stop it */
  stopping?: boolean;
}

/** The reason cache entry: why the last start of a container failed. */
export interface StartFailure {
  reason: string;
  message: string;
}

export interface Sandbox {
  id: string;
  ip: string;
  ready: boolean;
  attempt: number;
}

/** The step of a start sequence that is waiting on the clock. */
export type PendingOp =
  | { kind: 'sandbox'; token: number }
  | { kind: 'pull'; token: number; name: string; ticket: PullTicket }
  | { kind: 'create'; token: number; name: string; image: ImageInfo }
  | { kind: 'start'; token: number; name: string; containerId: string };

export type Lifecycle = 'syncing' | 'terminating' | 'terminated';

export interface PodWorkerState {
  uid: string;
  /** a static pod from the node's manifest folder (status goes to its mirror pod) */
  isStatic: boolean;
  pod: StoredPod;
  lifecycle: Lifecycle;
  /** gone from its source: force-deleted from the API, or its manifest removed */
  removed: boolean;
  sandbox?: Sandbox;
  /** container instances, oldest first; the two newest per name are kept */
  containers: RuntimeContainer[];
  reasons: Record<string, StartFailure>;
  /** containers still to start in the current sync, in order */
  queue: string[];
  op?: PendingOp;
  opToken: number;
  /** a sync was asked for while the worker was busy */
  pendingSync: boolean;
  /** the start sequence of the current sync: did a container start, when to retry what failed */
  seq?: { started: boolean; retryAt?: number };
  resyncToken: number;
  /** termination: when it began and with which grace period (seconds) */
  terminatingAt?: number;
  gracePeriod?: number;
  /** sidecars still to be stopped, in the order they stop (reverse spec order) */
  sidecarsToStop?: string[];
  /** the last status the kubelet generated (lastTransitionTime, startTime, terminal phase guard) */
  lastStatus?: PodStatus;
}

export function newPodWorkerState(pod: StoredPod, isStatic: boolean): PodWorkerState {
  return {
    uid: pod.metadata.uid, isStatic, pod, lifecycle: 'syncing', removed: false,
    containers: [], reasons: {}, queue: [], opToken: 0, pendingSync: false, resyncToken: 0,
  };
}

/** The newest instance of a container, if any (podStatus.FindContainerStatusByName). */
export function latest(w: PodWorkerState, name: string): RuntimeContainer | undefined {
  for (let i = w.containers.length - 1; i >= 0; i--) if (w.containers[i]!.name === name) return w.containers[i];
  return undefined;
}

/** The spec of a container and its kind, looked up by name. */
export function containerSpec(pod: StoredPod, name: string): { spec: Container; kind: ContainerKind } | undefined {
  // Index loops: the spec arrays are frozen, where for-of is slow (see pod-actions.ts).
  const inits = pod.spec.initContainers;
  if (inits) {
    for (let i = 0; i < inits.length; i++) {
      const c = inits[i]!;
      if (c.name === name) return { spec: c, kind: isRestartableInitContainer(c) ? 'sidecar' : 'init' };
    }
  }
  const containers = pod.spec.containers;
  for (let i = 0; i < containers.length; i++) if (containers[i]!.name === name) return { spec: containers[i]!, kind: 'regular' };
  // an EphemeralContainer carries the container fields (EphemeralContainerCommon)
  const ephemeral = pod.spec.ephemeralContainers;
  if (ephemeral) {
    for (let i = 0; i < ephemeral.length; i++) if (ephemeral[i]!.name === name) return { spec: ephemeral[i] as Container, kind: 'ephemeral' };
  }
  return undefined;
}

/** An event's involvedObject: the pod, or one of its containers (pkg/kubelet/container/ref.go). */
export function podRef(pod: StoredPod, fieldPath?: string): InvolvedObject {
  const ref = refTo(pod as unknown as KubeObject, fieldPath);
  // a static pod has no resourceVersion: the reference leaves it out (omitempty)
  if (!ref.resourceVersion) delete ref.resourceVersion;
  return ref;
}

/** pkg/kubelet/container/ref.go: the field path of events about a container. */
export function fieldPathOf(name: string, kind: ContainerKind): string {
  if (kind === 'ephemeral') return `spec.ephemeralContainers{${name}}`;
  return kind === 'regular' ? `spec.containers{${name}}` : `spec.initContainers{${name}}`;
}

export function restartPolicyOf(pod: StoredPod): 'Always' | 'OnFailure' | 'Never' {
  return (pod.spec.restartPolicy ?? 'Always') as 'Always' | 'OnFailure' | 'Never';
}

/** kuberuntime_manager.go shouldRestartOnFailure */
export function shouldRestartOnFailure(pod: StoredPod): boolean {
  return restartPolicyOf(pod) !== 'Never';
}

/** pkg/kubelet/container/helpers.go ShouldContainerBeRestarted */
export function shouldContainerBeRestarted(container: Container, pod: StoredPod, last: RuntimeContainer | undefined): boolean {
  if (pod.metadata.deletionTimestamp) return false;
  if (!last) return true;
  if (last.state === 'running') return false;
  if (last.state === 'created') return true;
  if (last.restartAnyway) return true;
  const policy = restartPolicyOf(pod);
  if (policy === 'Never') return false;
  if (policy === 'OnFailure' && last.exitCode === 0) return false;
  return true;
}

/** kuberuntime/helpers.go GetStableKey: name_namespace_uid_container_hash (HashContainer: name + image). */
export function stableKey(pod: StoredPod, c: Container): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}_${pod.metadata.uid}_${c.name}_${hashContainer(c)}`;
}

/** fnv-32a over the fields HashContainer picks (name, image), in hex. */
export function hashContainer(c: Container): string {
  const s = JSON.stringify({ image: c.image ?? '', name: c.name });
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

/** util/format/pod.go Pod: name_namespace(uid). */
export function formatPod(pod: StoredPod): string {
  return `${pod.metadata.name}_${pod.metadata.namespace ?? 'default'}(${pod.metadata.uid})`;
}

/** Keep only the two newest instances of `name` (the current one and the last terminated one). */
export function pruneHistory(w: PodWorkerState, name: string): RuntimeContainer[] {
  const mine = w.containers.filter((c) => c.name === name);
  if (mine.length <= 2) return [];
  const drop = new Set(mine.slice(0, mine.length - 2));
  w.containers = w.containers.filter((c) => !drop.has(c));
  return [...drop];
}
