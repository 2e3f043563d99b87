// Storage object in-use protection: pkg/controller/volume/pvcprotection/pvc_protection_controller.go
// and pvprotection/pv_protection_controller.go. A claim being deleted keeps its finalizer while a
// scheduled pod still references it; a volume being deleted keeps its finalizer while Bound.
import type { EngineContext } from '../cluster/context';
import type { KubeObject, StoredPod, StoredPV, StoredPVC } from '../api/types';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { deepClone } from '../store/clone';
import { isStatusError } from '../errors';
import { PVC_PROTECTION_FINALIZER } from '../registry/pvc';
import { PV_PROTECTION_FINALIZER } from '../registry/pv';

export class StorageProtection {
  private readonly queue: WorkQueue;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'storage-protection', (key) => this.sync(key));
  }

  start(initialList: boolean): void {
    const { store } = this.ctx;
    store.watch('persistentvolumeclaims', (e) => {
      if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.queue.add(`pvc|${e.object.metadata.namespace}|${e.object.metadata.name}`);
    });
    store.watch('persistentvolumes', (e) => {
      if (e.type !== 'DELETED' && e.object.metadata.deletionTimestamp) this.queue.add(`pv||${e.object.metadata.name}`);
    });
    // A pod going away (or finishing) may release the claims it used.
    store.watch('pods', (e) => {
      // An index loop: stored arrays are frozen, where for-of is slow in V8 (every pod write comes here).
      const volumes = (e.object as StoredPod).spec?.volumes ?? [];
      for (let i = 0; i < volumes.length; i++) {
        const claim = volumes[i]!.persistentVolumeClaim;
        if (claim) this.queue.add(`pvc|${e.object.metadata.namespace}|${claim.claimName}`);
      }
    });
    if (initialList) {
      for (const c of store.list('persistentvolumeclaims')) if (c.metadata.deletionTimestamp) this.queue.add(`pvc|${c.metadata.namespace}|${c.metadata.name}`);
      for (const v of store.list('persistentvolumes')) if (v.metadata.deletionTimestamp) this.queue.add(`pv||${v.metadata.name}`);
    }
  }

  snapshot(): WorkQueueState {
    return this.queue.snapshot();
  }

  restore(state: WorkQueueState): void {
    this.queue.restore(state);
  }

  private sync(key: string): void {
    const [kind, ns, name] = key.split('|') as [string, string, string];
    const { store } = this.ctx;
    try {
      if (kind === 'pvc') {
        const pvc = store.tryGet('persistentvolumeclaims', ns, name) as (StoredPVC & KubeObject) | undefined;
        if (!pvc?.metadata.deletionTimestamp || !(pvc.metadata.finalizers ?? []).includes(PVC_PROTECTION_FINALIZER)) return;
        if (this.claimInUse(pvc)) return;
        this.removeFinalizer('persistentvolumeclaims', pvc, PVC_PROTECTION_FINALIZER);
      } else {
        const pv = store.tryGet('persistentvolumes', undefined, name) as (StoredPV & KubeObject) | undefined;
        if (!pv?.metadata.deletionTimestamp || !(pv.metadata.finalizers ?? []).includes(PV_PROTECTION_FINALIZER)) return;
        // pv_protection_controller.go isBeingUsed: a Bound volume is in use.
        if (pv.status?.phase === 'Bound') return;
        this.removeFinalizer('persistentvolumes', pv, PV_PROTECTION_FINALIZER);
      }
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  /** pvc_protection_controller.go podUsesPVC: only scheduled pods count, whatever their phase. */
  private claimInUse(pvc: StoredPVC): boolean {
    return (this.ctx.store.list('pods', { namespace: pvc.metadata.namespace }) as StoredPod[]).some(
      (p) => !!p.spec?.nodeName && (p.spec.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === pvc.metadata.name),
    );
  }

  private removeFinalizer(resource: string, obj: KubeObject, finalizer: string): void {
    const next = deepClone(obj);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.ctx.store.update(resource, next);
  }
}
