// Picking a pod's container the way kubectl does when -c is not given
// (kubectl pkg/cmd/util/podcmd/podcmd.go FindOrDefaultContainerByName, AllContainerNames).
import type { KubeObject } from '../engine';

interface ContainerLike {
  name: string;
}

export interface PodLike {
  metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  spec: { containers: ContainerLike[]; initContainers?: ContainerLike[]; ephemeralContainers?: ContainerLike[] };
}

// podcmd.go DefaultContainerAnnotationName
export const DEFAULT_CONTAINER_ANNOTATION = 'kubectl.kubernetes.io/default-container';

export function asPod(obj: KubeObject): PodLike {
  return obj as unknown as PodLike;
}

/** podcmd.go AllContainerNames: regular, then ephemeral `(ephem)`, then init `(init)`. */
export function allContainerNames(pod: PodLike): string {
  return [
    ...pod.spec.containers.map((c) => c.name),
    ...(pod.spec.ephemeralContainers ?? []).map((c) => `${c.name} (ephem)`),
    ...(pod.spec.initContainers ?? []).map((c) => `${c.name} (init)`),
  ].join(', ');
}

/**
 * The container to use when none is named: the default-container annotation's, or the first
 * one, with podcmd.go's notice `Defaulted container %q out of: %s` when there was a choice.
 */
export function defaultContainer(pod: PodLike, quiet: boolean, warn: (line: string) => void): string {
  const annotated = pod.metadata.annotations?.[DEFAULT_CONTAINER_ANNOTATION];
  if (annotated && pod.spec.containers.some((c) => c.name === annotated)) return annotated;
  const first = pod.spec.containers[0]!.name;
  const choice = pod.spec.containers.length > 1 || !!pod.spec.initContainers?.length || !!pod.spec.ephemeralContainers?.length;
  if (!quiet && choice) warn(`Defaulted container ${JSON.stringify(first)} out of: ${allContainerNames(pod)}\n`);
  return first;
}

/** Whether `name` is one of the pod's containers (any kind). */
export function hasContainer(pod: PodLike, name: string): boolean {
  return [...pod.spec.containers, ...(pod.spec.initContainers ?? []), ...(pod.spec.ephemeralContainers ?? [])].some((c) => c.name === name);
}
