// The Deployment controller (pkg/controller/deployment/deployment_controller.go): watches
// Deployments, their ReplicaSets and (for Recreate) their pods, and syncs each Deployment in a
// work-queue task. The sync itself is in deployment-sync.ts.
import type { Component, EngineContext } from '../cluster/context';
import type { KubeObject, StoredDeployment, StoredPod, StoredReplicaSet } from '../api/types';
import type { WatchEvent } from '../store/store';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { AfterQueue, type AfterQueueState } from './after-queue';
import { fromLabelSelector, isEmptyLabelSelector, matches } from '../store/selectors';
import { isStatusError } from '../errors';
import { getControllerOf } from './owner';
import { DEPLOYMENT_COMPONENT, DeploymentSync } from './deployment-sync';
import type { Deploy } from './deployment-util';

interface DeploymentControllerState {
  queue: WorkQueueState;
  after: AfterQueueState;
}

type Rs = StoredReplicaSet & KubeObject;

const keyOf = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;

export class DeploymentController implements Component {
  readonly name = DEPLOYMENT_COMPONENT;
  private readonly queue: WorkQueue;
  private readonly after: AfterQueue;
  private readonly syncer: DeploymentSync;
  private restored = false;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'deployment', (key) => this.syncKey(key));
    this.after = new AfterQueue(ctx.clock, this.queue);
    // progress.go requeueStuckDeployment: "now" is a rate-limited enqueue, never an immediate one
    // (an immediate add would loop inside this queue's drain while the rollout stays stuck)
    this.syncer = new DeploymentSync(ctx, {
      requeueAfter: (key, ms) => (ms <= 0 ? this.after.addRateLimited(key) : this.after.addAfter(key, ms)),
    });
  }

  start(): void {
    const { store } = this.ctx;
    store.watch('deployments', (e) => this.queue.add(keyOf(e.object)));
    store.watch('replicasets', (e) => this.onReplicaSet(e as WatchEvent<Rs>));
    store.watch('pods', (e) => {
      if (e.type === 'DELETED') this.onPodDeleted(e.object as StoredPod);
    });
    if (!this.restored) for (const d of store.list('deployments')) this.queue.add(keyOf(d));
  }

  snapshot(): DeploymentControllerState {
    return { queue: this.queue.snapshot(), after: this.after.snapshot() };
  }

  restore(state: unknown): void {
    const s = state as DeploymentControllerState;
    this.queue.restore(s.queue);
    this.after.restore(s.after);
    this.restored = true;
  }

  private syncKey(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const d = this.ctx.store.tryGet('deployments', ns, name) as Deploy | undefined;
    if (!d) return;
    try {
      this.syncer.sync(d);
      this.after.forget(key);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.after.addRateLimited(key);
    }
  }

  /** addReplicaSet / updateReplicaSet / deleteReplicaSet: sync the owner, or whoever may adopt an orphan. */
  private onReplicaSet(e: WatchEvent<Rs>): void {
    const rs = e.object;
    const refs = [getControllerOf(rs), e.oldObject ? getControllerOf(e.oldObject) : undefined];
    for (const ref of refs) {
      if (ref?.kind !== 'Deployment') continue;
      const d = this.ctx.store.tryGet('deployments', rs.metadata.namespace, ref.name);
      if (d && d.metadata.uid === ref.uid) this.queue.add(keyOf(d));
    }
    if (!refs[0] && e.type !== 'DELETED') {
      for (const d of this.ctx.store.list('deployments', { namespace: rs.metadata.namespace })) {
        const sel = d.spec?.selector;
        if (!isEmptyLabelSelector(sel) && matches(fromLabelSelector(sel), rs.metadata.labels)) this.queue.add(keyOf(d));
      }
    }
  }

  /** deletePod: a Recreate rollout waits for the old pods to be gone. */
  private onPodDeleted(pod: StoredPod): void {
    const rsRef = getControllerOf(pod);
    if (rsRef?.kind !== 'ReplicaSet') return;
    const rs = this.ctx.store.tryGet('replicasets', pod.metadata.namespace, rsRef.name);
    const dRef = rs ? getControllerOf(rs) : undefined;
    if (dRef?.kind !== 'Deployment') return;
    const d = this.ctx.store.tryGet('deployments', pod.metadata.namespace, dRef.name) as StoredDeployment | undefined;
    if (d && d.metadata.uid === dRef.uid && d.spec?.strategy?.type === 'Recreate') this.queue.add(keyOf(d));
  }
}
