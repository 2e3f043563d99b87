// The ReplicaSet controller (pkg/controller/replicaset/replica_set.go, replica_set_utils.go):
// keeps spec.replicas active pods that match the selector, adopting orphans and releasing pods
// that stopped matching, and reports replicas / fullyLabeled / ready / available in status.
import type { Component, EngineContext } from '../cluster/context';
import type { KubeObject, StoredPod, StoredReplicaSet } from '../api/types';
import type { WatchEvent } from '../store/store';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { AfterQueue, type AfterQueueState } from './after-queue';
import { fromLabelSelector, isEmptyLabelSelector, matches } from '../store/selectors';
import { deepClone, deepEqual } from '../store/clone';
import { claimObjects, getControllerOf, newControllerRef } from './owner';
import { isPodActive, isPodAvailable, isPodReady } from './podutil';
import { recordEvent } from './record';
import { rankPodsForDeletion } from './pod-ranking';
import { isStatusError } from '../errors';

const COMPONENT = 'replicaset-controller';
// replica_set.go BurstReplicas: at most this many creates or deletes per sync.
const BURST_REPLICAS = 500;
// controller_utils.go SlowStartInitialBatchSize
const SLOW_START_INITIAL_BATCH = 1;

type Rs = StoredReplicaSet & KubeObject;
type Pod = StoredPod & KubeObject;

interface ReplicaSetControllerState {
  queue: WorkQueueState;
  after: AfterQueueState;
}

const keyOf = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;

export class ReplicaSetController implements Component {
  readonly name = COMPONENT;
  private readonly queue: WorkQueue;
  private readonly after: AfterQueue;
  private restored = false;
  /** ReplicaSets as the store lists them per namespace, until any of them changes (the informer's cache). */
  private replicaSets = new Map<string | undefined, Rs[]>();

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'replicaset', (key) => this.syncKey(key));
    this.after = new AfterQueue(ctx.clock, this.queue);
  }

  start(): void {
    const { store } = this.ctx;
    store.watch('replicasets', (e) => {
      this.replicaSets.clear();
      this.queue.add(keyOf(e.object));
    });
    store.watch('pods', (e) => this.onPod(e as WatchEvent<Pod>));
    // The informers' initial list; after a restore the queue already holds what was pending.
    if (!this.restored) for (const rs of store.list('replicasets')) this.queue.add(keyOf(rs));
  }

  snapshot(): ReplicaSetControllerState {
    return { queue: this.queue.snapshot(), after: this.after.snapshot() };
  }

  restore(state: unknown): void {
    const s = state as ReplicaSetControllerState;
    this.queue.restore(s.queue);
    this.after.restore(s.after);
    this.restored = true;
  }

  // ---- event handlers (replica_set.go addPod / updatePod / deletePod) ----

  private onPod(e: WatchEvent<Pod>): void {
    const pod = e.object;
    const old = e.oldObject;
    const ref = getControllerOf(pod);
    if (ref) this.enqueueOwner(pod.metadata.namespace!, ref.kind, ref.name, ref.uid);
    const oldRef = old ? getControllerOf(old) : undefined;
    if (oldRef && oldRef.uid !== ref?.uid) this.enqueueOwner(pod.metadata.namespace!, oldRef.kind, oldRef.name, oldRef.uid);
    if (!ref && e.type !== 'DELETED') {
      // An orphan: every ReplicaSet that could adopt it syncs (getPodReplicaSets).
      const labelsChanged = !old || !deepEqual(old.metadata.labels, pod.metadata.labels) || !!oldRef;
      if (labelsChanged) for (const rs of this.replicaSetsMatching(pod)) this.queue.add(keyOf(rs));
    }
    // updatePod: a pod that just became ready is re-checked once minReadySeconds have passed.
    if (ref && old && !isPodReady(old) && isPodReady(pod)) {
      const rs = this.ctx.store.tryGet('replicasets', pod.metadata.namespace, ref.name) as Rs | undefined;
      const min = rs?.spec?.minReadySeconds ?? 0;
      if (rs && min > 0) this.after.addAfter(keyOf(rs), min * 1000 + 1000);
    }
  }

  private enqueueOwner(ns: string, kind: string, name: string, uid: string): void {
    if (kind !== 'ReplicaSet') return;
    const rs = this.ctx.store.tryGet('replicasets', ns, name);
    if (rs && rs.metadata.uid === uid) this.queue.add(keyOf(rs));
  }

  private replicaSetsMatching(pod: Pod): Rs[] {
    const ns = pod.metadata.namespace;
    let all = this.replicaSets.get(ns);
    if (!all) this.replicaSets.set(ns, (all = this.ctx.store.list('replicasets', { namespace: ns }) as Rs[]));
    return all.filter(
      (rs) => !isEmptyLabelSelector(rs.spec?.selector) && matches(fromLabelSelector(rs.spec?.selector), pod.metadata.labels),
    );
  }

  // ---- sync (replica_set.go syncReplicaSet) ----

  private syncKey(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const rs = this.ctx.store.tryGet('replicasets', ns, name) as Rs | undefined;
    if (!rs) return;
    let err: Error | undefined;
    try {
      this.sync(rs);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      err = e;
    }
    if (err) this.after.addRateLimited(key);
    else this.after.forget(key);
  }

  private sync(rs: Rs): void {
    const { store, clock } = this.ctx;
    const ns = rs.metadata.namespace!;
    const all = store.list('pods', { namespace: ns }) as Pod[];
    const active = this.claimPods(rs, all.filter(isPodActive));
    let manageErr: Error | undefined;
    if (!rs.metadata.deletionTimestamp) {
      try {
        this.manageReplicas(rs, active);
      } catch (e) {
        if (!isStatusError(e)) throw e;
        manageErr = e;
      }
    }
    const current = store.tryGet('replicasets', ns, rs.metadata.name) as Rs | undefined;
    if (!current || current.metadata.uid !== rs.metadata.uid) return;
    const fresh = (store.list('pods', { namespace: ns }) as Pod[]).filter((p) => isPodActive(p) && getControllerOf(p)?.uid === rs.metadata.uid);
    const status = calculateStatus(current, fresh, manageErr, clock.now(), clock.nowRFC3339());
    const updated = this.updateStatus(current, status);
    const replicas = updated.spec?.replicas ?? 1;
    const min = updated.spec?.minReadySeconds ?? 0;
    // syncReplicaSet: resync after MinReadySeconds as a last line of defense.
    if (!manageErr && min > 0 && (updated.status?.readyReplicas ?? 0) === replicas && (updated.status?.availableReplicas ?? 0) !== replicas) {
      this.after.addAfter(keyOf(updated), min * 1000);
    }
    if (manageErr) throw manageErr;
  }

  /** controller_ref_manager.go ClaimPods: adopt matching orphans, release owned pods that stopped matching. */
  private claimPods(rs: Rs, pods: Pod[]): Pod[] {
    const selector = fromLabelSelector(rs.spec?.selector);
    const empty = isEmptyLabelSelector(rs.spec?.selector);
    return claimObjects(this.ctx.store, 'pods', rs, pods, (pod) => !empty && matches(selector, pod.metadata.labels));
  }

  /** replica_set.go manageReplicas. */
  private manageReplicas(rs: Rs, pods: Pod[]): void {
    const want = rs.spec?.replicas ?? 1;
    let diff = pods.length - want;
    if (diff < 0) {
      diff = Math.min(-diff, BURST_REPLICAS);
      // slowStartBatch: batches of 1, 2, 4, ...; a failing batch stops the rest.
      let remaining = diff;
      let batch = Math.min(remaining, SLOW_START_INITIAL_BATCH);
      while (batch > 0) {
        for (let i = 0; i < batch; i++) this.createPod(rs);
        remaining -= batch;
        batch = Math.min(2 * batch, remaining);
      }
    } else if (diff > 0) {
      diff = Math.min(diff, BURST_REPLICAS);
      const related = this.relatedPods(rs);
      for (const pod of podsToDelete(pods, related, diff, this.ctx.clock.now())) this.deletePod(rs, pod);
    }
  }

  /** controller_utils.go GetPodFromTemplate + RealPodControl.createPods. */
  private createPod(rs: Rs): void {
    const template = rs.spec?.template ?? {};
    const labels = { ...(template.metadata?.labels ?? {}) };
    const pod: Record<string, unknown> = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: podsPrefix(rs.metadata.name),
        namespace: rs.metadata.namespace,
        labels,
        ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
        ...(template.metadata?.finalizers ? { finalizers: [...template.metadata.finalizers] } : {}),
        ownerReferences: [newControllerRef(rs)],
      },
      spec: deepClone(template.spec ?? {}),
    };
    try {
      // createPods: "unable to create pods, no labels" is a client-side refusal.
      if (!Object.keys(labels).length) throw new Error('unable to create pods, no labels');
      const created = this.ctx.store.create('pods', pod);
      recordEvent(this.ctx, COMPONENT, rs, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`);
    } catch (e) {
      const terminating = isStatusError(e) && e.reason === 'Forbidden' && e.message.includes('because it is being terminated');
      // controller_utils.go: FailedCreate "Error creating: %v" unless the namespace is terminating.
      if (!terminating) recordEvent(this.ctx, COMPONENT, rs, 'Warning', 'FailedCreate', `Error creating: ${(e as Error).message}`);
      throw e;
    }
  }

  /** RealPodControl.DeletePod: events SuccessfulDelete / FailedDelete; NotFound is fine. */
  private deletePod(rs: Rs, pod: Pod): void {
    try {
      this.ctx.store.delete('pods', pod.metadata.namespace, pod.metadata.name, { preconditions: { uid: pod.metadata.uid } });
      recordEvent(this.ctx, COMPONENT, rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name}`);
    } catch (e) {
      if (isStatusError(e, 'NotFound')) return;
      recordEvent(this.ctx, COMPONENT, rs, 'Warning', 'FailedDelete', `Error deleting: ${(e as Error).message}`);
      throw e;
    }
  }

  /** replica_set.go getIndirectlyRelatedPods: pods of every ReplicaSet with the same controller. */
  private relatedPods(rs: Rs): Pod[] {
    const { store } = this.ctx;
    const owner = getControllerOf(rs);
    const sets = owner
      ? (store.list('replicasets', { namespace: rs.metadata.namespace }) as Rs[]).filter((r) => getControllerOf(r)?.uid === owner.uid)
      : [rs];
    const uids = new Set(sets.map((r) => r.metadata.uid));
    return (store.list('pods', { namespace: rs.metadata.namespace }) as Pod[]).filter((p) => uids.has(getControllerOf(p)?.uid ?? ''));
  }

  /** replica_set_utils.go updateReplicaSetStatus: skipped when nothing changed. */
  private updateStatus(rs: Rs, status: NonNullable<Rs['status']>): Rs {
    const withGen = compactStatus({ ...status, observedGeneration: rs.metadata.generation });
    if (deepEqual(withGen, compactStatus({ ...(rs.status ?? { replicas: 0 }) }))) return rs;
    return this.ctx.store.updateStatus('replicasets', { ...deepClone(rs), status: withGen }) as Rs;
  }
}

/** controller_utils.go getPodsPrefix: "<name>-" when that is a valid generateName, else the name. */
function podsPrefix(name: string): string {
  const prefix = `${name}-`;
  return prefix.length <= 253 ? prefix : name;
}

/** replica_set.go getPodsToDelete: the lowest-ranked pods go first. */
export function podsToDelete(pods: Pod[], related: Pod[], diff: number, nowMs: number): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  return rankPodsForDeletion(pods, related, nowMs).slice(0, diff);
}

/** replica_set_utils.go calculateStatus. */
export function calculateStatus(rs: Rs, pods: Pod[], manageErr: Error | undefined, nowMs: number, nowRFC3339: string): NonNullable<Rs['status']> {
  const templateLabels = rs.spec?.template?.metadata?.labels ?? {};
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const p of pods) {
    if (Object.entries(templateLabels).every(([k, v]) => p.metadata.labels?.[k] === v)) fullyLabeled++;
    if (isPodReady(p)) {
      ready++;
      if (isPodAvailable(p, rs.spec?.minReadySeconds ?? 0, nowMs)) available++;
    }
  }
  let conditions = rs.status?.conditions ?? [];
  const failure = conditions.find((c) => c.type === 'ReplicaFailure');
  if (manageErr && !failure) {
    const diff = pods.length - (rs.spec?.replicas ?? 1);
    const reason = diff < 0 ? 'FailedCreate' : diff > 0 ? 'FailedDelete' : '';
    conditions = [...conditions, { type: 'ReplicaFailure', status: 'True', lastTransitionTime: nowRFC3339, reason, message: manageErr.message }];
  } else if (!manageErr && failure) {
    conditions = conditions.filter((c) => c.type !== 'ReplicaFailure');
  }
  return {
    replicas: pods.length,
    fullyLabeledReplicas: fullyLabeled,
    readyReplicas: ready,
    availableReplicas: available,
    ...(conditions.length ? { conditions } : {}),
  };
}

/** The v1 JSON drops omitempty zero counts; `replicas` is always written. */
function compactStatus(s: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined) continue;
    if (k !== 'replicas' && (v === 0 || (Array.isArray(v) && !v.length))) continue;
    out[k] = v;
  }
  out.replicas ??= 0;
  return out;
}
