// The taint eviction controller (pkg/controller/tainteviction/taint_eviction.go): a pod bound to a
// node with NoExecute taints is deleted at once if it does not tolerate them all, after the least
// tolerationSeconds of the tolerations used if those are bounded, and never if one is unbounded.
// Scheduled evictions are cancelled (with an event) when the taints go or the pod stops caring.
import type { EngineContext } from '../cluster/context';
import type { StoredNode, StoredPod, Taint, Toleration } from '../api/types';
import { isStatusError } from '../errors';
import { toleratesTaint, tolerationsTolerateTaint } from '../scheduler/plugins/taint-toleration';
import { writePodCondition } from '../scheduler/pod-status';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { recordEvent } from './record';

// controllermanager: the controller's name is its event source
const COMPONENT = 'taint-eviction-controller';
const FIRE = 'taint-eviction/fire';

/** A scheduled eviction (timed_workers.go TimedWorker): when it was queued and when it fires. */
interface Scheduled {
  createdAt: number;
  fireAt: number;
}

interface TaintEvictionState {
  queue: WorkQueueState;
  scheduled: [string, Scheduled][];
}

export class TaintEvictionController {
  readonly name = 'taint-eviction';
  private readonly queue: WorkQueue;
  private scheduled = new Map<string, Scheduled>();
  private readonly tainted = new Set<string>();

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'taint-eviction', (key) => this.sync(key));
    // a stale timer (cancelled or rescheduled eviction) finds no due entry and does nothing
    ctx.clock.register(FIRE, (key: string) => this.fire(key));
  }

  start(): void {
    const { store } = this.ctx;
    // taint_eviction.go taintedNodes: pods on untainted nodes need no work (every pod write comes here)
    for (const n of store.list('nodes') as StoredNode[]) if (noExecuteTaints(n).length) this.tainted.add(n.metadata.name);
    store.watch('pods', (e) => {
      const pod = e.object as StoredPod;
      const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
      if (e.type === 'DELETED') this.cancel(key, pod.metadata.namespace!, pod.metadata.name);
      else if (pod.spec?.nodeName && (this.tainted.has(pod.spec.nodeName) || this.scheduled.has(key))) this.queue.add(key);
    });
    store.watch('nodes', (e) => {
      const name = e.object.metadata.name;
      if (e.type === 'DELETED') {
        this.tainted.delete(name);
        return;
      }
      // taint_eviction.go handleNodeUpdate: only a change of NoExecute taints matters; then every
      // pod on the node is looked at again
      const taints = noExecuteTaints(e.object as StoredNode);
      if (taints.length) this.tainted.add(name);
      else this.tainted.delete(name);
      if (e.type === 'MODIFIED' && JSON.stringify(noExecuteTaints(e.oldObject as StoredNode | undefined)) === JSON.stringify(taints)) return;
      for (const p of store.list('pods', { fieldSelector: `spec.nodeName=${name}` })) this.queue.add(`${p.metadata.namespace}/${p.metadata.name}`);
    });
  }

  snapshot(): TaintEvictionState {
    return { queue: this.queue.snapshot(), scheduled: [...this.scheduled] };
  }

  restore(state: TaintEvictionState): void {
    this.queue.restore(state.queue);
    this.scheduled = new Map(state.scheduled);
  }

  /** taint_eviction.go handlePodUpdate + processPodOnNode. */
  private sync(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const { store, clock } = this.ctx;
    const pod = store.tryGet('pods', ns, name) as StoredPod | undefined;
    if (!pod) return this.cancel(key, ns, name);
    // already on its way out: Podlab does not evict it a second time
    if (!pod.spec.nodeName || pod.metadata.deletionTimestamp) return;
    const node = store.tryGet('nodes', undefined, pod.spec.nodeName) as StoredNode | undefined;
    const taints = noExecuteTaints(node);
    if (!taints.length) return this.cancel(key, ns, name);
    const used = matchingTolerations(taints, pod.spec.tolerations);
    const now = clock.now();
    if (!used) {
      this.cancel(key, ns, name);
      return this.schedule(key, now, now);
    }
    const min = minTolerationMs(used);
    // getMinTolerationTime: a negative time means tolerated forever
    if (min < 0) return this.cancel(key, ns, name);
    let createdAt = now;
    const existing = this.scheduled.get(key);
    if (existing) {
      createdAt = existing.createdAt;
      // the eviction already scheduled comes sooner: keep it
      if (createdAt + min < now + min) return;
      this.cancel(key, ns, name);
    }
    this.schedule(key, createdAt, createdAt + min);
  }

  private schedule(key: string, createdAt: number, fireAt: number): void {
    if (this.scheduled.has(key)) return;
    this.scheduled.set(key, { createdAt, fireAt });
    this.ctx.clock.scheduleAt(Math.max(fireAt, this.ctx.clock.now()), FIRE, key);
  }

  /** taint_eviction.go cancelWorkWithEvent */
  private cancel(key: string, ns: string, name: string): void {
    if (!this.scheduled.delete(key)) return;
    const pod = this.ctx.store.tryGet('pods', ns, name);
    // taint_eviction.go emitCancelPodDeletionEvent
    if (pod) recordEvent(this.ctx, COMPONENT, pod, 'Normal', 'TaintManagerEviction', `Cancelling deletion of Pod ${key}`);
  }

  /** taint_eviction.go deletePodHandler: the event, then DisruptionTarget and the delete. */
  private fire(key: string): void {
    const entry = this.scheduled.get(key);
    if (!entry || entry.fireAt > this.ctx.clock.now()) return;
    this.scheduled.delete(key);
    const [ns, name] = key.split('/') as [string, string];
    const { store } = this.ctx;
    const pod = store.tryGet('pods', ns, name) as StoredPod | undefined;
    if (!pod || pod.metadata.deletionTimestamp) return;
    // taint_eviction.go emitPodDeletionEvent
    recordEvent(this.ctx, COMPONENT, pod, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${key}`);
    try {
      // taint_eviction.go addConditionAndDeletePod
      writePodCondition(store, pod, { type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' });
      store.delete('pods', ns, name);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }
}

function noExecuteTaints(node: StoredNode | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

/** taint_eviction.go getMatchingTolerations: the toleration used for each taint, or undefined if one is not tolerated. */
export function matchingTolerations(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): Toleration[] | undefined {
  const used: Toleration[] = [];
  for (const taint of taints) {
    if (!tolerationsTolerateTaint(tolerations, taint)) return undefined;
    used.push(tolerations!.find((t) => toleratesTaint(t, taint))!);
  }
  return used;
}

/** taint_eviction.go getMinTolerationTime: 0 for none or a non-positive bound, -1 if all are unbounded. */
export function minTolerationMs(tolerations: readonly Toleration[]): number {
  if (!tolerations.length) return 0;
  let min = Infinity;
  for (const t of tolerations) {
    if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) continue;
    if (t.tolerationSeconds <= 0) return 0;
    min = Math.min(min, t.tolerationSeconds);
  }
  return min === Infinity ? -1 : min * 1000;
}
