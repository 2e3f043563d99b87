// The namespace controller (pkg/controller/namespace/namespace_controller.go and
// deletion/namespaced_resources_deleter.go): a namespace being deleted turns Terminating, all its
// content is deleted, and once nothing is left the `kubernetes` finalizer is removed and the
// namespace goes away. Pods terminating gracefully keep it Terminating for a while.
import type { Component, EngineContext } from '../cluster/context';
import type { KubeObject, StoredNamespace, StoredPod } from '../api/types';
import { RESOURCES } from '../api/resources';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { AfterQueue, type AfterQueueState } from './after-queue';
import { deepClone, deepEqual } from '../store/clone';
import { isStatusError } from '../errors';
import { FINALIZER_KUBERNETES } from '../registry/namespace';

type Ns = StoredNamespace & KubeObject;
type NsCondition = NonNullable<NonNullable<StoredNamespace['status']>['conditions']>[number];

// deletion/status_condition_utils.go conditionTypes, okReasons, okMessages
const CONDITIONS: [type: string, okReason: string, okMessage: string][] = [
  ['NamespaceDeletionDiscoveryFailure', 'ResourcesDiscovered', 'All resources successfully discovered'],
  ['NamespaceDeletionGroupVersionParsingFailure', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  ['NamespaceDeletionContentFailure', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  ['NamespaceContentRemaining', 'ContentRemoved', 'All content successfully removed'],
  ['NamespaceFinalizersRemaining', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
];

interface NamespaceControllerState {
  queue: WorkQueueState;
  after: AfterQueueState;
}

export class NamespaceController implements Component {
  readonly name = 'namespace-controller';
  private readonly queue: WorkQueue;
  private readonly after: AfterQueue;
  private restored = false;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'namespace', (name) => this.sync(name));
    this.after = new AfterQueue(ctx.clock, this.queue);
  }

  start(): void {
    const { store } = this.ctx;
    store.watch('namespaces', (e) => {
      if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.queue.add(e.object.metadata.name);
    });
    if (!this.restored) {
      for (const ns of store.list('namespaces')) if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name);
    }
  }

  snapshot(): NamespaceControllerState {
    return { queue: this.queue.snapshot(), after: this.after.snapshot() };
  }

  restore(state: unknown): void {
    const s = state as NamespaceControllerState;
    this.queue.restore(s.queue);
    this.after.restore(s.after);
    this.restored = true;
  }

  /** namespaced_resources_deleter.go Delete. */
  private sync(name: string): void {
    const { store } = this.ctx;
    let ns = store.tryGet('namespaces', undefined, name) as Ns | undefined;
    if (!ns?.metadata.deletionTimestamp) return;
    try {
      ns = this.markTerminating(ns);
      const { estimate, remaining, finalizers } = this.deleteAllContent(name);
      ns = this.updateConditions(ns, remaining, finalizers);
      if (estimate > 0) {
        // namespace_controller.go: requeue after estimate/2 + 1 seconds.
        this.after.addAfter(name, (Math.floor(estimate / 2) + 1) * 1000);
        return;
      }
      this.finalize(ns);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.after.addRateLimited(name);
    }
  }

  /** The first step of deletion: status.phase Terminating (storage.go Delete does this upstream). */
  private markTerminating(ns: Ns): Ns {
    if (ns.status?.phase === 'Terminating') return ns;
    const next = deepClone(ns);
    next.status = { ...(next.status ?? {}), phase: 'Terminating' };
    return this.ctx.store.updateStatus('namespaces', next) as Ns;
  }

  /** deleteAllContent: delete everything namespaced, then count what is left and estimate the wait. */
  private deleteAllContent(ns: string): { estimate: number; remaining: string[]; finalizers: string[] } {
    const { store } = this.ctx;
    let estimate = 0;
    const remaining: string[] = [];
    const byFinalizer = new Map<string, number>();
    for (const info of RESOURCES) {
      if (!info.namespaced) continue;
      for (const obj of store.list(info.resource, { namespace: ns })) {
        if (obj.metadata.deletionTimestamp) continue;
        try {
          store.delete(info.resource, ns, obj.metadata.name, { preconditions: { uid: obj.metadata.uid } });
        } catch (e) {
          if (!isStatusError(e)) throw e;
        }
      }
      const left = store.list(info.resource, { namespace: ns });
      if (!left.length) continue;
      // "%s.%s has %d resource instances" with the GroupVersionResource's resource and group.
      remaining.push(`${info.resource}.${info.group} has ${left.length} resource instances`);
      for (const obj of left) {
        for (const f of obj.metadata.finalizers ?? []) byFinalizer.set(f, (byFinalizer.get(f) ?? 0) + 1);
        if (info.resource === 'pods') {
          // estimateGracefulTerminationForPods: the longest grace period of a non-terminal pod.
          const pod = obj as StoredPod;
          if (pod.status?.phase !== 'Succeeded' && pod.status?.phase !== 'Failed') {
            estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 0);
          }
        }
        // finalizerEstimateSeconds: something with finalizers is worth a look again in a second.
        if ((obj.metadata.finalizers ?? []).length) estimate = Math.max(estimate, 1);
      }
    }
    const finalizers = [...byFinalizer].map(([f, n]) => `${f} in ${n} resource instances`);
    return { estimate, remaining: remaining.sort(), finalizers: finalizers.sort() };
  }

  /** status_condition_utils.go namespaceConditionUpdater.Update. */
  private updateConditions(ns: Ns, remaining: string[], finalizers: string[]): Ns {
    const now = this.ctx.clock.nowRFC3339();
    const current = ns.status?.conditions ?? [];
    const conditions: NsCondition[] = CONDITIONS.map(([type, reason, message]) => {
      let next: NsCondition = { type, status: 'False', reason, message };
      if (type === 'NamespaceContentRemaining' && remaining.length) {
        next = { type, status: 'True', reason: 'SomeResourcesRemain', message: `Some resources are remaining: ${remaining.join(', ')}` };
      }
      if (type === 'NamespaceFinalizersRemaining' && finalizers.length) {
        next = { type, status: 'True', reason: 'SomeFinalizersRemain', message: `Some content in the namespace has finalizers remaining: ${finalizers.join(', ')}` };
      }
      const old = current.find((c) => c.type === type);
      const unchanged = old && old.status === next.status && old.reason === next.reason && old.message === next.message;
      return { type, status: next.status, lastTransitionTime: unchanged ? old.lastTransitionTime : now, reason: next.reason, message: next.message };
    });
    if (deepEqual(conditions, current)) return ns;
    const next = deepClone(ns);
    next.status = { ...(next.status ?? {}), conditions };
    return this.ctx.store.updateStatus('namespaces', next) as Ns;
  }

  /** finalizeNamespace: drop the kubernetes finalizer; with none left the namespace is removed. */
  private finalize(ns: Ns): void {
    const { store } = this.ctx;
    const finalizers = ns.spec?.finalizers ?? [];
    if (finalizers.includes(FINALIZER_KUBERNETES)) {
      const next = deepClone(ns);
      next.spec = { ...(next.spec ?? {}), finalizers: finalizers.filter((f) => f !== FINALIZER_KUBERNETES) };
      ns = store.update('namespaces', next) as Ns;
    }
    if (!(ns.spec?.finalizers ?? []).length) store.delete('namespaces', undefined, ns.metadata.name, { gracePeriodSeconds: 0 });
  }
}
