// kube-scheduler (pkg/scheduler/schedule_one.go, eventhandlers.go): watches pods and nodes,
// keeps the node cache and the scheduling queue up to date inside watch callbacks (cheap
// bookkeeping only), and schedules in clock tasks: filter → score → bind, or on failure
// FailedScheduling + PodScheduled=False and back to the queue.
import type { StoredNode, StoredPod } from '../api/types';
import type { Component, EngineContext } from '../cluster/context';
import type { ApiStore, WatchEvent } from '../store/store';
import { bindPod } from '../registry/pod/binding';
import {
  ActionType, nodeSchedulingPropertiesChange, podPriority, podSchedulingPropertiesChange, Status,
  type ClusterEvent, type CycleState, type EnqueueExtensions, type FilterPlugin,
} from './framework';
import { SchedulerCache } from './cache';
import { addPluginStatus, fitErrorMessage, newDiagnosis, NO_NODES_AVAILABLE, truncateMessage, type Diagnosis } from './fit-error';
import { newPodInfo, type NodeInfo, type PodInfo } from './node-info';
import { SchedulingQueue, type QueuedPodInfo, type SchedulingQueueState } from './queue';
import { prioritizeNodes, selectHost } from './score';
import { preempt, prepareCandidate, type PreemptionResult } from './preemption';
import { DEFAULT_SCHEDULER_NAME, recordSchedulerEvent, writePodCondition } from './pod-status';
import { NodeUnschedulable } from './plugins/node-unschedulable';
import { NodeName } from './plugins/node-name';
import { TaintToleration } from './plugins/taint-toleration';
import { NodeAffinity, nodeAffinityPreFilter, RequiredNodeAffinity } from './plugins/node-affinity';
import { NodePorts } from './plugins/node-ports';
import { NodeResourcesFit } from './plugins/node-resources-fit';
import { VolumeBinding, volumeBindingPreFilter } from './plugins/volume-binding';

/** POST pods/binding: sets spec.nodeName and PodScheduled=True; throws Conflict if already bound. */
export type BindFn = (store: ApiStore, namespace: string, name: string, nodeName: string) => unknown;

// The default profile (apis/config/v1/default_plugins.go), in upstream Filter order.
const FILTER_PLUGINS: readonly (FilterPlugin & EnqueueExtensions)[] = [
  NodeUnschedulable, NodeName, TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, VolumeBinding,
];

export { DEFAULT_SCHEDULER_NAME };
const RUN_TIMER = 'scheduler/run';

// schedule_one.go minFeasibleNodesToFind / minFeasibleNodesPercentageToFind
const MIN_FEASIBLE_NODES_TO_FIND = 100;
const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export interface SchedulerState {
  queue: SchedulingQueueState;
  nextStartNodeIndex: number;
  runScheduled: boolean;
}

type ScheduleResult =
  | { host: string }
  | { noNodes: true }
  | { fit: { numAllNodes: number; diagnosis: Diagnosis; state: CycleState } };

export class Scheduler implements Component {
  readonly name = 'scheduler';
  private readonly cache = new SchedulerCache();
  private readonly queue: SchedulingQueue;
  private readonly bind: BindFn;
  /** Derived per-pod data (requests, ports) for every pod we track, by uid. */
  private readonly podInfos = new Map<string, PodInfo>();
  /** Pending pods with status.nominatedNodeName (the queue's nominator): uid -> node. */
  private readonly nominated = new Map<string, string>();
  private nextStartNodeIndex = 0;
  private runScheduled = false;
  private draining = false;
  private restored: SchedulerState | undefined;
  private unwatch: (() => void)[] = [];

  constructor(private readonly ctx: EngineContext, opts: { bind?: BindFn } = {}) {
    this.bind = opts.bind ?? bindPod;
    this.queue = new SchedulingQueue(ctx.clock, FILTER_PLUGINS, () => this.ensureRun());
    ctx.clock.register(RUN_TIMER, () => this.run());
  }

  start(): void {
    this.stop();
    this.cache.clear();
    this.podInfos.clear();
    this.nominated.clear();
    const { store } = this.ctx;
    for (const node of store.list('nodes')) this.cache.addNode(node);
    const restored = new Map((this.restored?.queue.pods ?? []).map((p) => [p.uid, p]));
    for (const pod of store.list('pods')) {
      if (isAssignedActive(pod)) this.cache.addPod(this.infoFor(pod), pod.spec.nodeName!);
      else if (isPending(pod)) {
        const info = this.infoFor(pod);
        this.trackNomination(pod);
        const saved = restored.get(pod.metadata.uid);
        if (saved) this.queue.restorePod(info, saved);
        else this.queue.add(info);
      }
    }
    this.restored = undefined;
    this.unwatch.push(store.watch('nodes', (e) => this.onNodeEvent(e)));
    this.unwatch.push(store.watch('pods', (e) => this.onPodEvent(e)));
    // VolumeBinding's events: claims, volumes and classes appearing or changing.
    for (const [resource, kind] of [
      ['persistentvolumeclaims', 'PersistentVolumeClaim'], ['persistentvolumes', 'PersistentVolume'], ['storageclasses', 'StorageClass'],
    ] as const) {
      this.unwatch.push(store.watch(resource, (e) => {
        if (e.type === 'DELETED') return;
        const action = e.type === 'ADDED' ? ActionType.Add : ActionType.Update;
        this.queue.moveAllToActiveOrBackoffQueue({ resource: kind, action, label: `${kind}${e.type === 'ADDED' ? 'Add' : 'Update'}` },
          e.type === 'ADDED' ? undefined : e.oldObject, e.object);
      }));
    }
  }

  stop(): void {
    for (const u of this.unwatch) u();
    this.unwatch = [];
  }

  snapshot(): SchedulerState {
    return { queue: this.queue.snapshot(), nextStartNodeIndex: this.nextStartNodeIndex, runScheduled: this.runScheduled };
  }

  restore(state: unknown): void {
    const s = state as SchedulerState;
    this.restored = s;
    this.queue.restore(s.queue);
    this.nextStartNodeIndex = s.nextStartNodeIndex;
    this.runScheduled = s.runScheduled;
  }

  /** Where a pod waits: 'active' | 'backoff' | 'unschedulable', or undefined (tests, debugging). */
  queuedIn(uid: string): string | undefined {
    return this.queue.where(uid);
  }

  /** The backoff expiry of a queued pod, in virtual ms. */
  backoffExpiry(uid: string): number | undefined {
    const p = this.queue.get(uid);
    return p && this.queue.backoffExpiry(p);
  }

  // ---------- watch handlers (bookkeeping only; scheduling happens in RUN_TIMER tasks) ----------

  private onNodeEvent(e: WatchEvent<StoredNode>): void {
    const node = e.object;
    if (e.type === 'ADDED') {
      this.cache.addNode(node);
      this.queue.moveAllToActiveOrBackoffQueue(nodeEvent(ActionType.Add, 'NodeAdd'), undefined, node);
    } else if (e.type === 'MODIFIED') {
      this.cache.updateNode(node);
      const old = e.oldObject ?? node;
      for (const ev of nodeSchedulingPropertiesChange(node, old)) this.queue.moveAllToActiveOrBackoffQueue(ev, old, node);
    } else {
      this.queue.moveAllToActiveOrBackoffQueue(nodeEvent(ActionType.Delete, 'NodeDelete'), node, undefined);
      this.cache.removeNode(node.metadata.name);
    }
  }

  private onPodEvent(e: WatchEvent<StoredPod>): void {
    const pod = e.object;
    const uid = pod.metadata.uid;
    const alive = e.type !== 'DELETED';

    // Assigned, non-terminal pods are what the node cache counts (the scheduler's pod informer
    // excludes Succeeded and Failed pods, so finishing looks like a delete).
    if (this.cache.hasPod(uid)) {
      if (alive && isAssignedActive(pod)) this.infoFor(pod);
      else {
        this.cache.removePod(uid);
        this.podInfos.delete(uid);
        this.queue.moveAllToActiveOrBackoffQueue(
          { resource: 'AssignedPod', action: ActionType.Delete, label: 'AssignedPodDelete' }, pod, undefined);
      }
      return;
    }
    if (alive && isAssignedActive(pod)) {
      this.queue.delete(uid);
      this.nominated.delete(uid);
      this.cache.addPod(this.infoFor(pod), pod.spec.nodeName!);
      return;
    }

    // Unassigned pods for this scheduler are what the queue holds.
    if (alive && isPending(pod)) {
      const old = e.oldObject;
      if (old && old.metadata.resourceVersion === pod.metadata.resourceVersion) return;
      const info = this.infoFor(pod);
      this.trackNomination(pod);
      if (e.type === 'MODIFIED' && old && isPending(old)) this.queue.update(info, podSchedulingPropertiesChange(pod, old), old, pod);
      else if (!this.queue.has(uid)) this.queue.add(info);
      return;
    }
    this.queue.delete(uid);
    this.nominated.delete(uid);
    this.podInfos.delete(uid);
  }

  // ---------- the scheduling loop ----------

  private ensureRun(): void {
    if (this.runScheduled || this.draining) return;
    this.runScheduled = true;
    this.ctx.clock.schedule(0, RUN_TIMER);
  }

  private run(): void {
    this.runScheduled = false;
    this.draining = true;
    try {
      for (let p = this.queue.pop(); p; p = this.queue.pop()) this.scheduleOne(p);
    } finally {
      this.draining = false;
    }
  }

  /** schedule_one.go ScheduleOne */
  private scheduleOne(pInfo: QueuedPodInfo): void {
    const pod = pInfo.info.pod;
    if (pod.metadata.deletionTimestamp) {
      // skipPodSchedule: "skip schedule deleting pod: %v/%v"
      this.record(pod, 'Warning', 'FailedScheduling', `skip schedule deleting pod: ${pod.metadata.namespace}/${pod.metadata.name}`);
      this.queue.done(pInfo.info.uid);
      return;
    }
    const result = this.schedulePod(pInfo.info);
    if ('host' in result) {
      this.bindPod(pInfo, result.host);
    } else if ('noNodes' in result) {
      // schedulingCycle: ErrNoNodesAvailable is UnschedulableAndUnresolvable, so reason Unschedulable
      this.handleSchedulingFailure(pInfo, 'Unschedulable', NO_NODES_AVAILABLE, new Set(), '');
    } else {
      const { numAllNodes, diagnosis, state } = result.fit;
      const post = this.runPostFilter(state, diagnosis);
      diagnosis.postFilterMsg = post.message;
      this.handleSchedulingFailure(pInfo, 'Unschedulable', fitErrorMessage(numAllNodes, diagnosis), diagnosis.unschedulablePlugins, post.nominatedNodeName);
    }
  }

  /** schedule_one.go schedulePod + findNodesThatFitPod */
  private schedulePod(info: PodInfo): ScheduleResult {
    const allNodes = this.cache.nodes();
    if (allNodes.length === 0) return { noNodes: true };
    const pod = info.pod;
    const state: CycleState = { pod, podInfo: info, skipFilter: new Set() };
    const diagnosis = newDiagnosis();
    const fitError = () => ({ fit: { numAllNodes: allNodes.length, diagnosis, state } });

    // PreFilter, in plugin order: NodeAffinity, NodePorts (NodeResourcesFit only precomputes).
    const affinity = nodeAffinityPreFilter(pod);
    if (affinity.skip) state.skipFilter.add('NodeAffinity');
    else {
      state.requiredAffinity = new RequiredNodeAffinity(pod);
      if (affinity.status) {
        // Every node gets the PreFilter status; its message replaces the per-node histogram.
        affinity.status.withPlugin('NodeAffinity');
        diagnosis.nodeToStatus.absent = affinity.status;
        diagnosis.preFilterMsg = affinity.status.message();
        addPluginStatus(diagnosis, affinity.status);
        return fitError();
      }
    }
    if (info.hostPorts.length === 0) state.skipFilter.add('NodePorts');
    const volumes = volumeBindingPreFilter(pod, this.ctx.store);
    if (volumes.skip) state.skipFilter.add('VolumeBinding');
    else if (volumes.status) {
      volumes.status.withPlugin('VolumeBinding');
      diagnosis.nodeToStatus.absent = volumes.status;
      diagnosis.preFilterMsg = volumes.status.message();
      addPluginStatus(diagnosis, volumes.status);
      return fitError();
    } else state.boundVolumes = volumes.boundVolumes;

    // A pod nominated by an earlier preemption tries its nominated node first.
    const nominatedName = pod.status?.nominatedNodeName;
    const nominatedNode = nominatedName ? this.cache.get(nominatedName) : undefined;
    if (nominatedNode) {
      const s = this.runFilters(state, nominatedNode);
      if (!s) return { host: nominatedNode.name };
      diagnosis.nodeToStatus.set(nominatedNode.name, s);
      addPluginStatus(diagnosis, s);
    }

    let nodes = allNodes;
    if (affinity.nodeNames) {
      const names = affinity.nodeNames;
      nodes = allNodes.filter((n) => names.has(n.name));
      // findNodesThatFitPod: "node(s) didn't satisfy plugin(s) %v" for nodes the PreFilter ruled out
      diagnosis.nodeToStatus.absent = Status.unresolvable("node(s) didn't satisfy plugin(s) [NodeAffinity]");
      diagnosis.unschedulablePlugins.add('NodeAffinity');
    }

    // findNodesThatPassFilters: start where the last attempt stopped, stop once enough fit.
    const feasible: NodeInfo[] = [];
    const wanted = numFeasibleNodesToFind(nodes.length);
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[(this.nextStartNodeIndex + i) % nodes.length]!;
      const s = this.runFilters(state, node);
      if (!s) {
        feasible.push(node);
        if (feasible.length >= wanted) break;
      } else {
        diagnosis.nodeToStatus.set(node.name, s);
        addPluginStatus(diagnosis, s);
      }
    }
    this.nextStartNodeIndex = (this.nextStartNodeIndex + feasible.length + diagnosis.nodeToStatus.size) % allNodes.length;

    if (feasible.length === 0) return fitError();
    if (feasible.length === 1) return { host: feasible[0]!.name };
    return { host: feasible[selectHost(prioritizeNodes(state, feasible), this.ctx.random)]!.name };
  }

  /**
   * framework RunFilterPluginsWithNominatedPods: pods nominated to this node with equal or higher
   * priority count as already there. Plugins run in order; the first rejection wins.
   */
  private runFilters(state: CycleState, nodeInfo: NodeInfo): Status | null {
    let info = nodeInfo;
    if (this.nominated.size) {
      const prio = podPriority(state.pod);
      for (const [uid, node] of this.nominated) {
        if (node !== nodeInfo.name || uid === state.podInfo.uid) continue;
        const other = this.podInfos.get(uid);
        if (!other || podPriority(other.pod) < prio) continue;
        if (info === nodeInfo) info = nodeInfo.clone();
        info.addPod(other);
      }
    }
    const filters = state.filters ?? filtersToRun(state);
    for (let i = 0; i < filters.length; i++) {
      const s = filters[i]!.filter(state, info);
      if (s) return s.withPlugin(filters[i]!.name);
    }
    return null;
  }

  /** PostFilter (DefaultPreemption), then prepareCandidate's API calls when a node was chosen. */
  private runPostFilter(state: CycleState, diagnosis: Diagnosis): PreemptionResult {
    const result = preempt(state, diagnosis.nodeToStatus, {
      nodes: this.cache.nodes(),
      getNode: (name) => this.cache.get(name),
      filter: (s, n) => this.runFilters(s, n),
      now: () => this.ctx.clock.now(),
    });
    if (result.victims && result.nominatedNodeName) {
      // prepareCandidate: lower-priority pods nominated to the node lose their nomination.
      const prio = podPriority(state.pod);
      const nominatedThere = [...this.nominated]
        .filter(([uid, node]) => node === result.nominatedNodeName && uid !== state.podInfo.uid)
        .map(([uid]) => this.podInfos.get(uid)?.pod)
        .filter((p): p is StoredPod => !!p && podPriority(p) < prio);
      prepareCandidate(this.ctx, state.pod, result.nominatedNodeName, result.victims, nominatedThere);
    }
    return result;
  }

  /** schedule_one.go bind + finishBinding */
  private bindPod(pInfo: QueuedPodInfo, host: string): void {
    const pod = pInfo.info.pod;
    const ns = pod.metadata.namespace ?? 'default';
    try {
      this.bind(this.ctx.store, ns, pod.metadata.name, host);
    } catch (err) {
      // handleBindingCycleError: a pod that vanished or got bound meanwhile is simply dropped.
      const current = this.ctx.store.tryGet('pods', ns, pod.metadata.name);
      if (!current || current.spec.nodeName || current.metadata.uid !== pInfo.info.uid) {
        this.queue.done(pInfo.info.uid);
        return;
      }
      this.handleSchedulingFailure(pInfo, 'SchedulerError', err instanceof Error ? err.message : String(err), new Set(), '');
      return;
    }
    this.queue.done(pInfo.info.uid);
    // finishBinding: "Successfully assigned %v/%v to %v"
    this.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${pod.metadata.name} to ${host}`);
  }

  /**
   * schedule_one.go handleSchedulingFailure: back to the queue, a FailedScheduling event and the
   * PodScheduled=False condition (plus the nomination, when `nominate` is a string).
   */
  private handleSchedulingFailure(
    pInfo: QueuedPodInfo, reason: 'Unschedulable' | 'SchedulerError', message: string,
    plugins: Set<string>, nominate: string | undefined,
  ): void {
    const { store } = this.ctx;
    const pod = pInfo.info.pod;
    pInfo.unschedulablePlugins = plugins;
    const current = store.tryGet('pods', pod.metadata.namespace, pod.metadata.name);
    const stillPending = !!current && current.metadata.uid === pInfo.info.uid && !current.spec.nodeName;
    if (stillPending) {
      pInfo.info.pod = current;
      this.queue.addUnschedulableIfNotPresent(pInfo);
    } else {
      this.queue.done(pInfo.info.uid);
    }
    if (nominate !== undefined && stillPending) {
      if (nominate) this.nominated.set(pInfo.info.uid, nominate);
      else this.nominated.delete(pInfo.info.uid);
    }
    this.record(pod, 'Warning', 'FailedScheduling', truncateMessage(message));
    if (stillPending) writePodCondition(store, current, { type: 'PodScheduled', status: 'False', reason, message }, nominate);
  }

  private record(pod: StoredPod, type: 'Normal' | 'Warning', reason: string, message: string): void {
    recordSchedulerEvent(this.ctx, pod, type, reason, message);
  }

  private infoFor(pod: StoredPod): PodInfo {
    let info = this.podInfos.get(pod.metadata.uid);
    if (info) info.pod = pod;
    else this.podInfos.set(pod.metadata.uid, (info = newPodInfo(pod)));
    return info;
  }

  private trackNomination(pod: StoredPod): void {
    const node = pod.status?.nominatedNodeName;
    if (node) this.nominated.set(pod.metadata.uid, node);
    else this.nominated.delete(pod.metadata.uid);
  }
}

/**
 * The Filter plugins left once PreFilter is done, kept on the cycle state. (A closure over `state`
 * inside runFilters would cost an allocation on every call, and it runs for every node.)
 */
function filtersToRun(state: CycleState): readonly FilterPlugin[] {
  // NodeName has no PreFilter upstream, but its Filter passes every node for a pod without spec.nodeName.
  return (state.filters = FILTER_PLUGINS.filter((p) => !state.skipFilter.has(p.name) && (p !== NodeName || !!state.pod.spec.nodeName)));
}

/** schedule_one.go numFeasibleNodesToFind with the adaptive default percentage. */
export function numFeasibleNodesToFind(numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  const percentage = Math.max(50 - Math.trunc(numAllNodes / 125), MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

function nodeEvent(action: number, label: string): ClusterEvent {
  return { resource: 'Node', action, label };
}

function isTerminal(pod: StoredPod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** In the node cache: bound to a node and not finished (eventhandlers.go assignedPod + informer filter). */
function isAssignedActive(pod: StoredPod): boolean {
  return !!pod.spec.nodeName && !isTerminal(pod);
}

/** In the queue: unbound, for this scheduler (responsibleForPod), not finished. */
function isPending(pod: StoredPod): boolean {
  const name = pod.spec.schedulerName || DEFAULT_SCHEDULER_NAME;
  return !pod.spec.nodeName && name === DEFAULT_SCHEDULER_NAME && !isTerminal(pod);
}
