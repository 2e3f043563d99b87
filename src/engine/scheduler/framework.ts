// The scheduling framework's vocabulary: plugin statuses, the per-attempt cycle state,
// cluster events and queueing hints. Upstream: pkg/scheduler/framework/interface.go (Code,
// Status), cycle_state.go, types.go (ClusterEvent, ActionType) and events.go.
import type { NodeInfo, PodInfo } from './node-info';
import type { StoredNode, StoredPod, StoredPV } from '../api/types';
import type { RequiredNodeAffinity } from './plugins/node-affinity';
import { deepEqual } from '../store/clone';

/** interface.go Code (Error, Wait and Pending are not produced by the plugins we simulate). */
export type Code = 'Success' | 'Error' | 'Unschedulable' | 'UnschedulableAndUnresolvable' | 'Skip';

/** A plugin's verdict. Success is represented by `null` in hot paths to avoid allocations. */
export class Status {
  /** The plugin that produced the status (framework.Status.SetPlugin). */
  plugin = '';

  constructor(readonly code: Code, readonly reasons: readonly string[] = []) {}

  static unschedulable(...reasons: string[]): Status {
    return new Status('Unschedulable', reasons);
  }

  static unresolvable(...reasons: string[]): Status {
    return new Status('UnschedulableAndUnresolvable', reasons);
  }

  withPlugin(name: string): this {
    this.plugin = name;
    return this;
  }

  /** interface.go Status.IsRejected: Unschedulable, UnschedulableAndUnresolvable (or Pending). */
  isRejected(): boolean {
    return this.code === 'Unschedulable' || this.code === 'UnschedulableAndUnresolvable';
  }

  /** interface.go Status.Message: the reasons joined with ", ". */
  message(): string {
    return this.reasons.join(', ');
  }
}

/** The default profile's plugin names (pkg/scheduler/framework/plugins/names/names.go). */
export type PluginName =
  | 'SchedulingGates' | 'NodeUnschedulable' | 'NodeName' | 'TaintToleration' | 'NodeAffinity'
  | 'NodePorts' | 'NodeResourcesFit' | 'VolumeBinding' | 'NodeResourcesBalancedAllocation' | 'DefaultPreemption';

/** A host port a pod asks for (a containerPort with hostPort > 0). */
export interface HostPort {
  ip: string; // sanitised: '' becomes 0.0.0.0
  protocol: string; // sanitised: '' becomes TCP
  port: number;
}

/**
 * What one scheduling attempt computes once per pod and every plugin reads
 * (framework.CycleState plus the plugins' PreFilter states).
 */
export interface CycleState {
  pod: StoredPod;
  podInfo: PodInfo;
  /** NodeAffinity PreFilter: nodeSelector + required node affinity; undefined when the plugin skips. */
  requiredAffinity?: RequiredNodeAffinity;
  /** VolumeBinding PreFilter: the volumes of the pod's bound claims. */
  boundVolumes?: StoredPV[];
  /** Plugins whose PreFilter returned Skip: their Filter is not run (CycleState.SkipFilterPlugins). */
  skipFilter: Set<PluginName>;
  /** The Filter plugins left to run once PreFilter is done (computed on first use). */
  filters?: readonly FilterPlugin[];
}

/** A Filter plugin: may the pod run on this node? null means Success. */
export interface FilterPlugin {
  readonly name: PluginName;
  filter(state: CycleState, nodeInfo: NodeInfo): Status | null;
}

// ---------- cluster events (types.go ActionType, EventResource; events.go) ----------

/** types.go ActionType bit flags. */
export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4, // also spec.unschedulable becoming false
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodTolerations: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  UpdatePodOther: 1 << 11,
  /** Any kind of update. */
  Update: ((1 << 12) - 1) & ~3,
  All: (1 << 12) - 1,
} as const;

export type EventResource =
  | 'Pod' | 'AssignedPod' | 'UnscheduledPod' | 'Node' | 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass' | '*';

export interface ClusterEvent {
  resource: EventResource;
  action: number;
  label: string;
}

/** events.go EventUnschedulableTimeout: a wildcard event that moves every pod. */
export const UnschedulableTimeout: ClusterEvent = { resource: '*', action: ActionType.All, label: 'UnschedulableTimeout' };

export type QueueingHint = 'Queue' | 'QueueSkip';

/**
 * A QueueingHintFn: may this event make `pod`, rejected by the plugin, schedulable?
 * `oldObj`/`newObj` are the event's objects (undefined on add / delete respectively).
 */
export type QueueingHintFn = (pod: StoredPod, oldObj: unknown, newObj: unknown) => QueueingHint;

export interface ClusterEventWithHint {
  event: { resource: EventResource; action: number };
  /** Without a hint function the event always queues (as upstream). */
  hint?: QueueingHintFn;
}

/** A plugin that tells the queue which events may resolve its rejections (EnqueueExtensions). */
export interface EnqueueExtensions {
  readonly name: PluginName;
  eventsToRegister(): ClusterEventWithHint[];
}

/** types.go MatchClusterEvents: `registered` covers `incoming`. */
export function matchClusterEvent(registered: { resource: EventResource; action: number }, incoming: ClusterEvent): boolean {
  if (registered.resource === '*' && registered.action === ActionType.All) return true;
  const resourceMatches = registered.resource === '*' || registered.resource === incoming.resource ||
    (registered.resource === 'Pod' && (incoming.resource === 'AssignedPod' || incoming.resource === 'UnscheduledPod'));
  return resourceMatches && (registered.action & incoming.action) !== 0 && incoming.action <= registered.action;
}

export function isWildCard(e: ClusterEvent): boolean {
  return e.resource === '*' && e.action === ActionType.All;
}

// ---------- event extraction (events.go NodeSchedulingPropertiesChange, PodSchedulingPropertiesChange) ----------

export function nodeSchedulingPropertiesChange(newNode: StoredNode, oldNode: StoredNode): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  const add = (action: number, label: string) => out.push({ resource: 'Node', action, label });
  // extractNodeSpecUnschedulableChange: only the uncordon direction is interesting
  if (!!newNode.spec?.unschedulable !== !!oldNode.spec?.unschedulable && !newNode.spec?.unschedulable) {
    add(ActionType.UpdateNodeTaint, 'NodeSpecUnschedulableChange');
  }
  if (!jsonEqual(oldNode.status?.allocatable, newNode.status?.allocatable)) add(ActionType.UpdateNodeAllocatable, 'NodeAllocatableChange');
  if (!jsonEqual(oldNode.metadata.labels, newNode.metadata.labels)) add(ActionType.UpdateNodeLabel, 'NodeLabelChange');
  if (!jsonEqual(oldNode.spec?.taints, newNode.spec?.taints)) add(ActionType.UpdateNodeTaint, 'NodeTaintChange');
  if (!jsonEqual(conditionStatuses(oldNode), conditionStatuses(newNode))) add(ActionType.UpdateNodeCondition, 'NodeConditionChange');
  if (!jsonEqual(oldNode.metadata.annotations, newNode.metadata.annotations)) add(ActionType.UpdateNodeAnnotation, 'NodeAnnotationChange');
  return out;
}

export function podSchedulingPropertiesChange(newPod: StoredPod, oldPod: StoredPod): ClusterEvent[] {
  const resource: EventResource = newPod.spec.nodeName ? 'AssignedPod' : 'UnscheduledPod';
  const out: ClusterEvent[] = [];
  const add = (action: number, label: string) => out.push({ resource, action, label });
  if (!jsonEqual(oldPod.metadata.labels, newPod.metadata.labels)) add(ActionType.UpdatePodLabel, 'PodLabelChange');
  if ((oldPod.spec.schedulingGates?.length ?? 0) > 0 && (newPod.spec.schedulingGates?.length ?? 0) === 0) {
    add(ActionType.UpdatePodSchedulingGatesEliminated, 'PodSchedulingGateEliminatedChange');
  }
  if (!jsonEqual(oldPod.spec.tolerations, newPod.spec.tolerations)) add(ActionType.UpdatePodTolerations, 'PodTolerationChange');
  if (out.length === 0) add(ActionType.UpdatePodOther, 'PodUpdate');
  return out;
}

function conditionStatuses(node: StoredNode): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of node.status?.conditions ?? []) out[c.type] = c.status;
  return out;
}

function jsonEqual(a: unknown, b: unknown): boolean {
  // Semantic equality; empty and missing compare equal, as equality.Semantic.DeepEqual on
  // decoded Go structs treats nil maps and absent fields alike.
  return deepEqual(a, b) || (isEmpty(a) && isEmpty(b));
}

function isEmpty(v: unknown): boolean {
  return v == null || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v as object).length === 0);
}

/** corev1helpers.PodPriority: spec.priority, 0 when unset. */
export function podPriority(pod: StoredPod): number {
  return pod.spec.priority ?? 0;
}

/** MaxNodeScore (framework/interface.go). */
export const MAX_NODE_SCORE = 100;
