// The pod workers of one kubelet (pkg/kubelet/pod_workers.go): each pod moves through
// sync → terminating → terminated. A sync reports the status and does what computePodActions
// asks (the start sequence is start-sequence.ts); termination kills the containers with the grace
// period, sidecars last, then stops the sandbox and, for a deleted pod, removes it from the API.
import type { StoredPod } from '../api/types';
import { WorkQueue, type WorkQueueState } from '../controllers/workqueue';
import type { ContainerExit } from '../runtime/cri';
import { deepClone } from '../store/clone';
import {
  Backoff, CONTAINER_BACKOFF_EXPIRY_MS, CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS, type BackoffState,
} from './backoff';
import { DEFAULT_GRACE_PERIOD_SECONDS, MINIMUM_GRACE_PERIOD_SECONDS, type PodWorkerDeps } from './kubelet-deps';
import { computePodActions } from './pod-actions';
import { fieldPathOf, latest, newPodWorkerState, podRef, type PodWorkerState, type RuntimeContainer } from './pod-state';
import { StartSequence } from './start-sequence';

export { KUBELET_TIMINGS, SYNC_BACKOFF_PERIOD_MS, MINIMUM_GRACE_PERIOD_SECONDS, type KubeletTimings, type PodWorkerDeps, type PodProber } from './kubelet-deps';

export interface PodWorkersState {
  workers: PodWorkerState[];
  backoff: BackoffState;
  queue: WorkQueueState;
}

interface TimerData {
  uid: string;
  token: number;
}

const isTerminal = (p: string | undefined) => p === 'Succeeded' || p === 'Failed';

export class PodWorkers {
  private workers = new Map<string, PodWorkerState>();
  private byContainer = new Map<string, string>();
  readonly backoff: Backoff;
  private readonly queue: WorkQueue;
  private readonly starter: StartSequence;
  private readonly resyncTarget: string;
  private readonly source: { component: string; host: string };

  constructor(private readonly d: PodWorkerDeps) {
    const { clock } = d.ctx;
    this.source = { component: 'kubelet', host: d.nodeName };
    this.backoff = new Backoff(() => clock.now(), CONTAINER_BACKOFF_INITIAL_MS, CONTAINER_BACKOFF_MAX_MS, CONTAINER_BACKOFF_EXPIRY_MS);
    this.queue = new WorkQueue(clock, `kubelet/${d.nodeName}`, (uid) => this.sync(uid));
    this.starter = new StartSequence(d, this.backoff, {
      worker: (uid) => this.workers.get(uid),
      track: (id, uid) => this.byContainer.set(id, uid),
      untrack: (id) => this.byContainer.delete(id),
      afterSandbox: (w) => this.sync(w.uid, true),
      resyncNow: (w) => this.queue.add(w.uid),
      requeue: (w, delayMs) => this.requeue(w, delayMs),
    });
    this.resyncTarget = `kubelet/${d.nodeName}/resync`;
    clock.register(this.resyncTarget, (t: TimerData) => {
      const w = this.workers.get(t.uid);
      if (w && w.resyncToken === t.token) this.queue.add(t.uid);
    });
  }

  get(uid: string): PodWorkerState | undefined {
    return this.workers.get(uid);
  }

  all(): IterableIterator<PodWorkerState> {
    return this.workers.values();
  }

  /** A pod (new or updated) from a source: remember the spec and sync it. */
  upsert(pod: StoredPod, isStatic: boolean): void {
    let w = this.workers.get(pod.metadata.uid);
    if (!w) {
      w = newPodWorkerState(pod, isStatic);
      this.workers.set(w.uid, w);
    } else {
      w.pod = pod;
    }
    this.queue.add(w.uid);
  }

  /** The pod left its source (deleted from the API, or its manifest removed). */
  markRemoved(uid: string): void {
    const w = this.workers.get(uid);
    if (!w || w.removed) return;
    w.removed = true;
    // pod_workers.go UpdatePod: a kill with a shorter grace period shortens one under way
    if (w.lifecycle === 'terminating' && !w.isStatic) {
      for (const c of w.containers) if (c.state === 'running') this.stop(c, 0);
    }
    this.queue.add(uid);
  }

  requestSync(uid: string): void {
    if (this.workers.has(uid)) this.queue.add(uid);
  }

  /**
   * A readiness or startup result flipped. The status manager writes readiness at once
   * (status_manager.go SetContainerReadiness), even while the pod worker is busy; the sync
   * then starts whatever waited for a sidecar to start.
   */
  probeResultChanged(uid: string): void {
    const w = this.workers.get(uid);
    if (!w) return;
    if (w.op && w.lifecycle === 'syncing') this.d.status.sync(w, false);
    this.queue.add(uid);
  }

  /** RuntimeListener: a container process ended (what PLEG reports as ContainerDied). */
  onContainerExited(exit: ContainerExit): void {
    const uid = this.byContainer.get(exit.containerId);
    const w = uid ? this.workers.get(uid) : undefined;
    const c = w?.containers.find((x) => x.id === exit.containerId);
    if (!w || !c || c.state === 'exited') return;
    c.state = 'exited';
    c.finishedAt = exit.finishedAt;
    c.exitCode = exit.exitCode;
    c.reason = exit.reason;
    if (exit.message) c.message = exit.message;
    this.d.prober.removeContainer(w.uid, c.name);
    this.queue.add(w.uid);
  }

  /** ProberHost.killContainerForProbe: stop the container; its exit restarts it per restart policy. */
  killForProbe(uid: string, containerId: string, message: string, probeGracePeriodSeconds?: number): void {
    const w = this.workers.get(uid);
    const c = w?.containers.find((x) => x.id === containerId);
    if (!w || !c || c.state !== 'running' || w.lifecycle !== 'syncing') return;
    // kuberuntime_container.go setTerminationGracePeriod
    const grace = w.pod.metadata.deletionGracePeriodSeconds ?? probeGracePeriodSeconds ?? w.pod.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_PERIOD_SECONDS;
    this.killContainer(w, c, message, grace);
  }

  snapshot(): PodWorkersState {
    return { workers: deepClone([...this.workers.values()]), backoff: this.backoff.snapshot(), queue: this.queue.snapshot() };
  }

  restore(state: PodWorkersState): void {
    this.workers = new Map(deepClone(state.workers).map((w) => [w.uid, w]));
    this.byContainer = new Map();
    for (const w of this.workers.values()) for (const c of w.containers) this.byContainer.set(c.id, w.uid);
    this.backoff.restore(state.backoff);
    this.queue.restore(state.queue);
  }

  // ---------- sync ----------

  /** @param afterSandbox the sync goes on right after creating the sandbox, as SyncPod does, without a status in between */
  private sync(uid: string, afterSandbox = false): void {
    const w = this.workers.get(uid);
    if (!w) return;
    if (w.lifecycle === 'syncing' && (w.removed || w.pod.metadata.deletionTimestamp)) {
      this.startTermination(w);
      return;
    }
    if (w.op) {
      w.pendingSync = true;
      return;
    }
    if (w.lifecycle === 'terminating') {
      this.continueTermination(w);
      return;
    }
    if (w.lifecycle === 'terminated') {
      if (w.removed) this.forget(w);
      else if (!w.isStatic && w.pod.metadata.deletionTimestamp) this.deleteFromApi(w);
      else this.d.status.sync(w, true);
      return;
    }
    if (w.isStatic && this.blockedByPreviousStatic(w)) return;
    w.pendingSync = false;

    // kubelet.go SyncPod: the status first; a terminal pod goes on to termination
    if (!afterSandbox && isTerminal(this.d.status.sync(w, false).phase)) {
      this.startTermination(w);
      return;
    }
    const actions = computePodActions(w, (name) => this.d.prober.isStarted(uid, name));
    if (actions.createSandbox) {
      this.starter.createSandbox(w);
      return;
    }
    if (actions.killPod) {
      this.startTermination(w);
      return;
    }
    for (const k of actions.toKill) {
      k.container.restartAnyway = true;
      this.killContainer(w, k.container, k.message, this.podGracePeriod(w));
    }
    this.starter.begin(w, actions.toStart, !afterSandbox && actions.toKill.length === 0);
  }

  private requeue(w: PodWorkerState, delayMs: number): void {
    w.resyncToken++;
    this.d.ctx.clock.schedule(Math.max(0, delayMs), this.resyncTarget, { uid: w.uid, token: w.resyncToken } satisfies TimerData);
  }

  // ---------- kill and terminate ----------

  /** kuberuntime_container.go killContainer: the Killing event, then StopContainer with at least 2 s. */
  private killContainer(w: PodWorkerState, c: RuntimeContainer, message: string, gracePeriod: number): void {
    this.d.ctx.events.event(this.source, podRef(w.pod, fieldPathOf(c.name, c.kind)), 'Normal', 'Killing', message);
    this.stop(c, gracePeriod);
  }

  private stop(c: RuntimeContainer, gracePeriod: number): void {
    c.stopping = true;
    this.d.runtime.stopContainer(c.id, Math.max(gracePeriod, MINIMUM_GRACE_PERIOD_SECONDS));
  }

  /** setTerminationGracePeriod without a probe: the deletion's grace period, else the pod's. */
  private podGracePeriod(w: PodWorkerState): number {
    return w.pod.metadata.deletionGracePeriodSeconds ?? w.pod.spec.terminationGracePeriodSeconds ?? DEFAULT_GRACE_PERIOD_SECONDS;
  }

  /** pod_workers.go: the pod is to stop (deleted, removed, or finished). Containers get the grace period. */
  private startTermination(w: PodWorkerState): void {
    const deleting = w.removed || !!w.pod.metadata.deletionTimestamp;
    w.lifecycle = 'terminating';
    w.terminatingAt = this.d.ctx.clock.now();
    // a pod removed from the API without a deletion grace period is killed with the minimum
    w.gracePeriod = w.removed && !w.isStatic ? (w.pod.metadata.deletionGracePeriodSeconds ?? 0) : this.podGracePeriod(w);
    if (deleting) this.d.prober.onPodDeleting(w.uid);
    this.starter.abort(w);
    w.queue = [];
    w.seq = undefined;
    w.pendingSync = false;
    // kubelet.go SyncTerminatingPod: report the status before stopping anything
    if (!w.removed) this.d.status.sync(w, false);
    const running = w.containers.filter((c) => c.state === 'running');
    const sidecars = running.filter((c) => c.kind === 'sidecar');
    // killContainersWithSyncResult: every container gets its Killing event at once; sidecars
    // wait for the regular containers and for the sidecars after them (terminationOrdering)
    for (const c of running) {
      this.d.ctx.events.event(this.source, podRef(w.pod, fieldPathOf(c.name, c.kind)), 'Normal', 'Killing', `Stopping container ${c.name}`);
      if (c.kind !== 'sidecar') this.stop(c, w.gracePeriod);
    }
    const order = (w.pod.spec.initContainers ?? []).map((c) => c.name).reverse();
    w.sidecarsToStop = order.filter((n) => sidecars.some((c) => c.name === n));
    this.continueTermination(w);
  }

  private continueTermination(w: PodWorkerState): void {
    const running = w.containers.filter((c) => c.state === 'running');
    if (running.some((c) => c.kind !== 'sidecar') || !w.sidecarsToStop) {
      if (!w.removed) this.d.status.sync(w, false);
      return;
    }
    while (w.sidecarsToStop.length) {
      const c = latest(w, w.sidecarsToStop[0]!);
      if (!c || c.state !== 'running') {
        w.sidecarsToStop.shift();
        continue;
      }
      if (!c.stopping) {
        const elapsed = Math.floor((this.d.ctx.clock.now() - (w.terminatingAt ?? 0)) / 1000);
        this.stop(c, (w.gracePeriod ?? 0) - elapsed);
      }
      if (!w.removed) this.d.status.sync(w, false);
      return;
    }
    this.finishTermination(w);
  }

  /** Everything has stopped: stop the sandbox, release the IP, report the final status. */
  private finishTermination(w: PodWorkerState): void {
    this.stopSandbox(w);
    w.lifecycle = 'terminated';
    w.sidecarsToStop = undefined;
    this.d.prober.removePod(w.uid);
    if (w.removed) {
      this.forget(w);
      return;
    }
    // kubelet.go SyncTerminatingPod / SyncTerminatedPod: the status with the pod terminal
    this.d.status.sync(w, true);
    if (!w.isStatic && w.pod.metadata.deletionTimestamp) this.deleteFromApi(w);
  }

  private stopSandbox(w: PodWorkerState): void {
    if (!w.sandbox?.ready) return;
    this.d.runtime.stopPodSandbox(w.sandbox.id);
    w.sandbox.ready = false;
    if (!w.pod.spec.hostNetwork) this.d.ipam.release(w.uid);
  }

  /** status_manager.go syncPod: a terminated pod being deleted is removed for good (grace 0, uid precondition). */
  private deleteFromApi(w: PodWorkerState): void {
    const { store } = this.d.ctx;
    const cur = store.tryGet('pods', w.pod.metadata.namespace, w.pod.metadata.name);
    if (!cur || cur.metadata.uid !== w.uid) return;
    store.delete('pods', w.pod.metadata.namespace, w.pod.metadata.name, { gracePeriodSeconds: 0, preconditions: { uid: w.uid } });
  }

  /** The pod is gone for good: its containers, sandbox, IP, probes and backoff entries go too. */
  private forget(w: PodWorkerState): void {
    this.starter.abort(w);
    this.stopSandbox(w);
    for (const c of w.containers) {
      if (c.state === 'running') this.d.runtime.stopContainer(c.id, 0);
      this.d.runtime.removeContainer(c.id);
      this.byContainer.delete(c.id);
    }
    this.d.prober.removePod(w.uid);
    this.d.images.forgetPod(w.uid);
    this.backoff.deletePrefix(`${w.pod.metadata.name}_${w.pod.metadata.namespace ?? 'default'}_${w.uid}_`);
    this.workers.delete(w.uid);
    if (w.isStatic) {
      // pod_workers.go allowStaticPodStart: the next static pod of this name may start
      for (const o of this.workers.values()) {
        if (o.isStatic && o.pod.metadata.name === w.pod.metadata.name && o.pod.metadata.namespace === w.pod.metadata.namespace) this.queue.add(o.uid);
      }
    }
  }

  /** pod_workers.go allowStaticPodStart: one static pod per full name runs at a time. */
  private blockedByPreviousStatic(w: PodWorkerState): boolean {
    for (const o of this.workers.values()) {
      if (o === w || !o.isStatic || !o.removed) continue;
      if (o.pod.metadata.name === w.pod.metadata.name && o.pod.metadata.namespace === w.pod.metadata.namespace) return true;
    }
    return false;
  }
}
