// The scheduling queue (pkg/scheduler/backend/queue/scheduling_queue.go, v1.32 with
// SchedulerQueueingHints on): pods wait in one of three places —
//   activeQ        ready now, ordered by priority then arrival (queuesort PrioritySort);
//   backoffQ       failed recently; they return after 1s, 2s, 4s … 10s (per attempt);
//   unschedulable  failed and waiting for a cluster event that may help (asked of the
//                  rejecting plugins' queueing hints), or for the 5-minute flush.
// All timers go through the virtual clock with JSON data, so a snapshot resumes exactly.
import type { Clock } from '../clock';
import { Heap } from '../../shared/heap';
import {
  isWildCard, matchClusterEvent, podPriority, UnschedulableTimeout,
  type ClusterEvent, type ClusterEventWithHint, type EnqueueExtensions, type QueueingHintFn,
} from './framework';
import type { PodInfo } from './node-info';
import { SchedulingGates } from './plugins/scheduling-gates';

// scheduling_queue.go DefaultPodInitialBackoffDuration, DefaultPodMaxBackoffDuration,
// DefaultPodMaxInUnschedulablePodsDuration; Run flushes unschedulable pods every 30s.
export const POD_INITIAL_BACKOFF_MS = 1_000;
export const POD_MAX_BACKOFF_MS = 10_000;
export const POD_MAX_IN_UNSCHEDULABLE_PODS_MS = 5 * 60_000;
export const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

const BACKOFF_TIMER = 'scheduler/queue/backoff';
const FLUSH_TIMER = 'scheduler/queue/flush';

/** framework.QueuedPodInfo */
export interface QueuedPodInfo {
  info: PodInfo;
  /** When the pod was added, or re-added after a failed attempt (drives backoff and FIFO order). */
  timestamp: number;
  attempts: number;
  initialAttemptTimestamp?: number;
  unschedulablePlugins: Set<string>;
  gated: boolean;
  /** Order of entry into activeQ, breaking ties between equal priority and timestamp. */
  seq: number;
}

export type QueueName = 'active' | 'backoff' | 'unschedulable';

export interface QueuedPodState {
  uid: string;
  key: string;
  queue: QueueName;
  timestamp: number;
  attempts: number;
  initialAttemptTimestamp?: number;
  unschedulablePlugins: string[];
  gated: boolean;
  seq: number;
}

export interface SchedulingQueueState {
  seq: number;
  flushScheduled: boolean;
  pods: QueuedPodState[];
}

type Strategy = 'skip' | 'afterBackoff';

interface RegisteredHint extends ClusterEventWithHint {
  plugin: string;
}

export class SchedulingQueue {
  private active = new Map<string, QueuedPodInfo>();
  /** activeQ's order; entries go stale when their pod leaves activeQ (lazy deletion, see pop). */
  private heap = new Heap<ActiveEntry>(compareActive);
  private backoff = new Map<string, QueuedPodInfo>();
  private unschedulable = new Map<string, QueuedPodInfo>();
  private inFlight: { pInfo: QueuedPodInfo; events: { event: ClusterEvent; oldObj: unknown; newObj: unknown }[] } | undefined;
  private seq = 0;
  private flushScheduled = false;
  private readonly hints: RegisteredHint[];

  /**
   * @param plugins the plugins whose rejections can be resolved by cluster events
   * @param onActive called whenever a pod enters activeQ (the scheduler then runs a cycle)
   */
  constructor(private readonly clock: Clock, plugins: readonly EnqueueExtensions[], private readonly onActive: () => void) {
    this.hints = [...plugins, SchedulingGates].flatMap((p) => p.eventsToRegister().map((h) => ({ ...h, plugin: p.name })));
    clock.register(BACKOFF_TIMER, (data: { uid: string }) => this.backoffCompleted(data.uid));
    clock.register(FLUSH_TIMER, () => this.flushUnschedulablePodsLeftover());
  }

  // ---------- informer-side operations ----------

  /** PriorityQueue.Add: a new unscheduled pod. */
  add(info: PodInfo): void {
    this.moveToActiveQ(this.newQueuedPodInfo(info));
  }

  /** PriorityQueue.Update for an unscheduled pod (old and new objects from the watch event). */
  update(info: PodInfo, events: ClusterEvent[], oldObj: unknown, newObj: unknown): void {
    const uid = info.uid;
    if (this.inFlight?.pInfo.info.uid === uid) {
      // activeQueue.addEventsIfPodInFlight: remembered for when the attempt finishes
      for (const event of events) this.inFlight.events.push({ event, oldObj, newObj });
      this.inFlight.pInfo.info = info;
      return;
    }
    const queued = this.active.get(uid) ?? this.backoff.get(uid);
    if (queued) {
      queued.info = info;
      return;
    }
    const pInfo = this.unschedulable.get(uid);
    if (pInfo) {
      pInfo.info = info;
      // With queueing hints, only an update some rejecting plugin cares about moves the pod.
      for (const event of events) {
        const where = this.requeue(pInfo, this.isPodWorthRequeuing(pInfo, event, oldObj, newObj));
        if (where !== 'unschedulable') this.unschedulable.delete(uid);
        if (where === 'active') break;
      }
      this.ensureFlush();
      return;
    }
    this.moveToActiveQ(this.newQueuedPodInfo(info));
  }

  /** PriorityQueue.Delete: the pod was deleted or got bound elsewhere. */
  delete(uid: string): void {
    this.active.delete(uid);
    this.backoff.delete(uid);
    this.unschedulable.delete(uid);
  }

  has(uid: string): boolean {
    return this.active.has(uid) || this.backoff.has(uid) || this.unschedulable.has(uid) || this.inFlight?.pInfo.info.uid === uid;
  }

  where(uid: string): QueueName | 'inFlight' | undefined {
    if (this.active.has(uid)) return 'active';
    if (this.backoff.has(uid)) return 'backoff';
    if (this.unschedulable.has(uid)) return 'unschedulable';
    return this.inFlight?.pInfo.info.uid === uid ? 'inFlight' : undefined;
  }

  get(uid: string): QueuedPodInfo | undefined {
    return this.active.get(uid) ?? this.backoff.get(uid) ?? this.unschedulable.get(uid);
  }

  // ---------- scheduler-side operations ----------

  /** activeQueue.pop: the most important pod; counts an attempt and marks it in flight. */
  pop(): QueuedPodInfo | undefined {
    for (;;) {
      const entry = this.heap.pop();
      if (!entry) return undefined;
      const p = entry.pInfo;
      // Lazy deletion: skip entries for pods that left activeQ or re-entered it since.
      if (this.active.get(p.info.uid) !== p || p.seq !== entry.seq) continue;
      this.active.delete(p.info.uid);
      p.attempts++;
      this.inFlight = { pInfo: p, events: [] };
      return p;
    }
  }

  /** PriorityQueue.Done: the attempt finished (bound, or handed back via addUnschedulable). */
  done(uid: string): void {
    if (this.inFlight?.pInfo.info.uid === uid) this.inFlight = undefined;
  }

  /**
   * PriorityQueue.AddUnschedulableIfNotPresent (queueing-hint flavour): the attempt failed.
   * Events seen while the pod was in flight may send it straight back to backoffQ.
   */
  addUnschedulableIfNotPresent(pInfo: QueuedPodInfo): void {
    const events = this.inFlight?.pInfo === pInfo ? this.inFlight.events : [];
    this.done(pInfo.info.uid);
    if (this.has(pInfo.info.uid)) return;
    pInfo.timestamp = this.clock.now();
    let strategy: Strategy = pInfo.unschedulablePlugins.size === 0 ? 'afterBackoff' : 'skip';
    for (const e of events) {
      if (strategy === 'afterBackoff') break;
      strategy = this.isPodWorthRequeuing(pInfo, e.event, e.oldObj, e.newObj);
    }
    this.requeue(pInfo, strategy);
    this.ensureFlush();
  }

  /** MoveAllToActiveOrBackoffQueue: a cluster event happened; ask the rejecting plugins. */
  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    if (!this.isEventOfInterest(event)) return;
    this.movePods([...this.unschedulable.values()], event, oldObj, newObj);
    this.inFlight?.events.push({ event, oldObj, newObj });
  }

  isEventOfInterest(event: ClusterEvent): boolean {
    return isWildCard(event) || this.hints.some((h) => matchClusterEvent(h.event, event));
  }

  /** getBackoffTime: timestamp + 1s·2^(attempts−1), capped at 10s; no penalty before any attempt. */
  backoffExpiry(p: QueuedPodInfo): number {
    return p.timestamp + backoffDuration(p.attempts);
  }

  get sizes(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.active.size, backoff: this.backoff.size, unschedulable: this.unschedulable.size };
  }

  // ---------- snapshot ----------

  snapshot(): SchedulingQueueState {
    const pods: QueuedPodState[] = [];
    for (const [queue, map] of [['active', this.active], ['backoff', this.backoff], ['unschedulable', this.unschedulable]] as const) {
      for (const p of map.values()) {
        pods.push({
          uid: p.info.uid, key: p.info.key, queue, timestamp: p.timestamp, attempts: p.attempts,
          initialAttemptTimestamp: p.initialAttemptTimestamp, unschedulablePlugins: [...p.unschedulablePlugins], gated: p.gated, seq: p.seq,
        });
      }
    }
    return { seq: this.seq, flushScheduled: this.flushScheduled, pods };
  }

  /** Restore counters; entries come back one by one through restorePod once pods are known. */
  restore(state: SchedulingQueueState): void {
    this.active.clear();
    this.heap.clear();
    this.backoff.clear();
    this.unschedulable.clear();
    this.inFlight = undefined;
    this.seq = state.seq;
    this.flushScheduled = state.flushScheduled;
  }

  restorePod(info: PodInfo, s: QueuedPodState): void {
    const pInfo: QueuedPodInfo = {
      info, timestamp: s.timestamp, attempts: s.attempts, initialAttemptTimestamp: s.initialAttemptTimestamp,
      unschedulablePlugins: new Set(s.unschedulablePlugins), gated: s.gated, seq: s.seq,
    };
    // The clock snapshot already holds the backoff, flush and scheduling timers.
    ({ active: this.active, backoff: this.backoff, unschedulable: this.unschedulable })[s.queue].set(info.uid, pInfo);
    if (s.queue === 'active') this.heap.push({ pInfo, seq: pInfo.seq });
  }

  // ---------- internals ----------

  private newQueuedPodInfo(info: PodInfo): QueuedPodInfo {
    return { info, timestamp: this.clock.now(), attempts: 0, unschedulablePlugins: new Set(), gated: false, seq: 0 };
  }

  /** moveToActiveQ: PreEnqueue (scheduling gates) first; a gated pod waits with the unschedulable ones. */
  private moveToActiveQ(pInfo: QueuedPodInfo): boolean {
    const uid = pInfo.info.uid;
    const gate = SchedulingGates.preEnqueue(pInfo.info.pod);
    pInfo.gated = !!gate;
    if (gate) {
      pInfo.unschedulablePlugins.add(SchedulingGates.name);
      if (!this.active.has(uid) && !this.backoff.has(uid)) this.unschedulable.set(uid, pInfo);
      this.ensureFlush();
      return false;
    }
    pInfo.initialAttemptTimestamp ??= this.clock.now();
    pInfo.seq = ++this.seq;
    this.active.set(uid, pInfo);
    this.heap.push({ pInfo, seq: pInfo.seq });
    this.unschedulable.delete(uid);
    this.backoff.delete(uid);
    this.onActive();
    return true;
  }

  /** requeuePodViaQueueingHint: where the pod goes for a strategy. */
  private requeue(pInfo: QueuedPodInfo, strategy: Strategy): QueueName {
    const uid = pInfo.info.uid;
    if (strategy === 'skip') {
      this.unschedulable.set(uid, pInfo);
      return 'unschedulable';
    }
    const expiry = this.backoffExpiry(pInfo);
    if (expiry > this.clock.now()) {
      this.backoff.set(uid, pInfo);
      this.clock.scheduleAt(expiry, BACKOFF_TIMER, { uid });
      return 'backoff';
    }
    if (this.moveToActiveQ(pInfo)) return 'active';
    this.unschedulable.set(uid, pInfo);
    return 'unschedulable';
  }

  /** isPodWorthRequeuing: only hints of the plugins that rejected the pod are consulted. */
  private isPodWorthRequeuing(pInfo: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown): Strategy {
    if (pInfo.unschedulablePlugins.size === 0) return 'afterBackoff';
    if (isWildCard(event)) return 'afterBackoff';
    for (const h of this.hints) {
      if (!pInfo.unschedulablePlugins.has(h.plugin) || !matchClusterEvent(h.event, event)) continue;
      const hint: QueueingHintFn | undefined = h.hint;
      if (!hint || hint(pInfo.info.pod, oldObj, newObj) === 'Queue') return 'afterBackoff';
    }
    return 'skip';
  }

  private movePods(pods: QueuedPodInfo[], event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    for (const pInfo of pods) {
      // Gated pods only move when they themselves are updated (issue 124384 hotfix).
      if (pInfo.gated && pInfo.unschedulablePlugins.has(SchedulingGates.name)) continue;
      const strategy = this.isPodWorthRequeuing(pInfo, event, oldObj, newObj);
      if (strategy === 'skip') continue;
      this.unschedulable.delete(pInfo.info.uid);
      this.requeue(pInfo, strategy);
    }
  }

  // flushBackoffQCompleted, per pod: the timer fires at the pod's backoff expiry.
  private backoffCompleted(uid: string): void {
    const pInfo = this.backoff.get(uid);
    if (!pInfo || this.backoffExpiry(pInfo) > this.clock.now()) return; // stale timer
    this.backoff.delete(uid);
    this.moveToActiveQ(pInfo);
  }

  // flushUnschedulablePodsLeftover: pods unschedulable for more than 5 minutes are retried.
  private flushUnschedulablePodsLeftover(): void {
    this.flushScheduled = false;
    const now = this.clock.now();
    const stale = [...this.unschedulable.values()].filter((p) => now - p.timestamp > POD_MAX_IN_UNSCHEDULABLE_PODS_MS);
    if (stale.length) this.movePods(stale, UnschedulableTimeout, undefined, undefined);
    this.ensureFlush();
  }

  /** The 30-second flush runs only while some pod is unschedulable (aligned to 30s of virtual time). */
  private ensureFlush(): void {
    if (this.flushScheduled || this.unschedulable.size === 0) return;
    this.flushScheduled = true;
    const now = this.clock.now();
    this.clock.scheduleAt((Math.floor(now / UNSCHEDULABLE_FLUSH_PERIOD_MS) + 1) * UNSCHEDULABLE_FLUSH_PERIOD_MS, FLUSH_TIMER);
  }
}

/** calculateBackoffDuration */
export function backoffDuration(attempts: number): number {
  if (attempts === 0) return 0;
  let d = POD_INITIAL_BACKOFF_MS;
  for (let i = 1; i < attempts; i++) {
    if (d > POD_MAX_BACKOFF_MS - d) return POD_MAX_BACKOFF_MS;
    d += d;
  }
  return d;
}

/** An activeQ entry: the pod and the seq it entered activeQ with. */
interface ActiveEntry {
  pInfo: QueuedPodInfo;
  seq: number;
}

/** queuesort PrioritySort.Less as a comparison: higher priority first, then earlier timestamp (then FIFO). */
function compareActive(x: ActiveEntry, y: ActiveEntry): number {
  const a = x.pInfo;
  const b = y.pInfo;
  return podPriority(b.info.pod) - podPriority(a.info.pod) || a.timestamp - b.timestamp || a.seq - b.seq;
}
