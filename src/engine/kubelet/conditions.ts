// The pod conditions the kubelet owns: pkg/kubelet/status/generate.go, in the order
// generateAPIPodStatus appends them (pkg/kubelet/kubelet_pods.go).
import type { ContainerStatus, PodCondition, PodSpec } from '../api/types';
import { hasAnyRegularContainerStarted, isRestartableInitContainer, type PodPhase } from './phase';

/** A condition before the status manager stamps lastTransitionTime. */
export interface ConditionDraft {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
}

// pkg/kubelet/status/generate.go reasons
export const UNKNOWN_CONTAINER_STATUSES = 'UnknownContainerStatuses';
export const POD_COMPLETED = 'PodCompleted';
export const POD_FAILED = 'PodFailed';
export const CONTAINERS_NOT_READY = 'ContainersNotReady';
export const CONTAINERS_NOT_INITIALIZED = 'ContainersNotInitialized';
export const READINESS_GATES_NOT_READY = 'ReadinessGatesNotReady';

/** pkg/kubelet/types/pod_status.go PodConditionsByKubelet */
export const KUBELET_CONDITION_TYPES: readonly string[] = ['PodScheduled', 'Ready', 'Initialized', 'ContainersReady', 'PodReadyToStartContainers'];

/** Go's %s of a []string: "[a b]". */
function goList(names: string[]): string {
  return `[${names.join(' ')}]`;
}

function find(statuses: readonly ContainerStatus[], name: string): ContainerStatus | undefined {
  for (const s of statuses) if (s.name === name) return s;
  return undefined;
}

/** generate.go GeneratePodReadyToStartContainersCondition: True once a ready sandbox exists. */
export function podReadyToStartContainersCondition(sandboxReady: boolean): ConditionDraft {
  return { type: 'PodReadyToStartContainers', status: sandboxReady ? 'True' : 'False' };
}

/** generate.go GenerateContainersReadyCondition */
export function containersReadyCondition(spec: PodSpec, statuses: readonly ContainerStatus[] | undefined, phase: PodPhase): ConditionDraft {
  if (!statuses) return { type: 'ContainersReady', status: 'False', reason: UNKNOWN_CONTAINER_STATUSES };
  const unknown: string[] = [];
  const unready: string[] = [];
  // Index loops over the (frozen) spec arrays: for-of is slow on frozen arrays in V8.
  const inits = spec.initContainers ?? [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    if (!isRestartableInitContainer(c)) continue;
    const s = find(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  const containers = spec.containers;
  for (let i = 0; i < containers.length; i++) {
    const c = containers[i]!;
    const s = find(statuses, c.name);
    if (!s) unknown.push(c.name);
    else if (!s.ready) unready.push(c.name);
  }
  if ((phase === 'Succeeded' && unknown.length === 0) || phase === 'Failed') return terminalCondition('ContainersReady', phase);
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (unready.length) messages.push(`containers with unready status: ${goList(unready)}`);
  if (messages.length) return { type: 'ContainersReady', status: 'False', reason: CONTAINERS_NOT_READY, message: messages.join(', ') };
  return { type: 'ContainersReady', status: 'True' };
}

/** generate.go GeneratePodReadyCondition: ContainersReady plus every readiness gate. */
export function podReadyCondition(
  spec: PodSpec, conditions: readonly PodCondition[], statuses: readonly ContainerStatus[] | undefined, phase: PodPhase,
): ConditionDraft {
  const cr = containersReadyCondition(spec, statuses, phase);
  if (cr.status !== 'True') return { type: 'Ready', status: cr.status, reason: cr.reason, message: cr.message };
  const messages: string[] = [];
  for (const gate of spec.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (!c) messages.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') messages.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (messages.length) return { type: 'Ready', status: 'False', reason: READINESS_GATES_NOT_READY, message: messages.join(', ') };
  return { type: 'Ready', status: 'True' };
}

/** generate.go GeneratePodInitializedCondition */
export function podInitializedCondition(spec: PodSpec, statuses: readonly ContainerStatus[] | undefined, phase: PodPhase): ConditionDraft {
  const inits = spec.initContainers ?? [];
  if (!statuses && inits.length > 0) return { type: 'Initialized', status: 'False', reason: UNKNOWN_CONTAINER_STATUSES };
  const all = statuses ?? [];
  const unknown: string[] = [];
  const incomplete: string[] = [];
  for (let i = 0; i < inits.length; i++) {
    const c = inits[i]!;
    const s = find(all, c.name);
    if (!s) {
      unknown.push(c.name);
      continue;
    }
    // isInitContainerInitialized: sidecars need started, regular init containers need ready (exited 0)
    const done = isRestartableInitContainer(c) ? s.started === true : s.ready;
    if (!done) incomplete.push(c.name);
  }
  if (phase === 'Succeeded' && unknown.length === 0) return { type: 'Initialized', status: 'True', reason: POD_COMPLETED };
  if (hasAnyRegularContainerStarted(spec, all)) return { type: 'Initialized', status: 'True' };
  const messages: string[] = [];
  if (unknown.length) messages.push(`containers with unknown status: ${goList(unknown)}`);
  if (incomplete.length) messages.push(`containers with incomplete status: ${goList(incomplete)}`);
  if (messages.length) return { type: 'Initialized', status: 'False', reason: CONTAINERS_NOT_INITIALIZED, message: messages.join(', ') };
  return { type: 'Initialized', status: 'True' };
}

/** generate.go generate{ContainersReady,PodReady}ConditionForTerminalPhase */
export function terminalCondition(type: 'ContainersReady' | 'Ready', phase: PodPhase): ConditionDraft {
  const reason = phase === 'Failed' ? POD_FAILED : phase === 'Succeeded' ? POD_COMPLETED : undefined;
  return reason ? { type, status: 'False', reason } : { type, status: 'False' };
}

/**
 * The kubelet's conditions in generateAPIPodStatus order: PodReadyToStartContainers, Initialized,
 * Ready, ContainersReady, PodScheduled (always True once the kubelet has the pod).
 * `otherConditions` are the conditions the kubelet does not own (readiness gates read them).
 */
export function kubeletConditions(
  spec: PodSpec, statuses: readonly ContainerStatus[], phase: PodPhase, sandboxReady: boolean, otherConditions: readonly PodCondition[],
): ConditionDraft[] {
  const out = [
    podReadyToStartContainersCondition(sandboxReady),
    podInitializedCondition(spec, statuses, phase),
    podReadyCondition(spec, otherConditions, statuses, phase),
    containersReadyCondition(spec, statuses, phase),
    { type: 'PodScheduled', status: 'True' } as ConditionDraft,
  ];
  // status_manager.go mergePodStatus: a terminal phase never reports Ready or ContainersReady True
  if (phase === 'Succeeded' || phase === 'Failed') {
    for (let i = 0; i < out.length; i++) {
      const c = out[i]!;
      if ((c.type === 'Ready' || c.type === 'ContainersReady') && c.status === 'True') out[i] = terminalCondition(c.type, phase);
    }
  }
  return out;
}
