// The PersistentVolume controller (pkg/controller/volume/persistentvolume/pv_controller.go):
// binds claims to the smallest matching Available volume, hands claims of a provisioning class to
// the external provisioner, and reclaims volumes whose claim is gone. It also runs, as parts,
// minikube's hostPath provisioner and the pvc/pv protection controllers.
import type { Component, EngineContext } from '../cluster/context';
import type { KubeObject, ObjectReference, StoredPod, StoredPV, StoredPVC, StoredStorageClass } from '../api/types';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { AfterQueue, type AfterQueueState } from './after-queue';
import { deepClone } from '../store/clone';
import { fromLabelSelector, matches } from '../store/selectors';
import { isStatusError } from '../errors';
import { recordEvent } from './record';
import { claimClass } from '../registry/pvc';
import { storedQuantity } from '../registry/decode';
import { HostPathProvisioner, ANN_BETA_STORAGE_PROVISIONER, ANN_STORAGE_PROVISIONER, ANN_PROVISIONED_BY, type HostPathProvisionerState } from './hostpath-provisioner';
import { StorageProtection } from './storage-protection';

const COMPONENT = 'persistentvolume-controller';
// pv_controller.go: resync period of claims still waiting (--pvclaimbinder-sync-period)
const CLAIM_RESYNC_MS = 15_000;
// storagehelpers annotations
const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';

type Pvc = StoredPVC & KubeObject;
type Pv = StoredPV & KubeObject;

interface PersistentVolumeControllerState {
  claims: WorkQueueState;
  volumes: WorkQueueState;
  after: AfterQueueState;
  provisioner: HostPathProvisionerState;
  protection: WorkQueueState;
}

export class PersistentVolumeController implements Component {
  readonly name = COMPONENT;
  private readonly claims: WorkQueue;
  private readonly volumes: WorkQueue;
  private readonly after: AfterQueue;
  private readonly provisioner: HostPathProvisioner;
  private readonly protection: StorageProtection;
  private restored = false;

  constructor(private readonly ctx: EngineContext) {
    this.claims = new WorkQueue(ctx.clock, 'pv-claims', (key) => this.syncClaimKey(key));
    this.volumes = new WorkQueue(ctx.clock, 'pv-volumes', (name) => this.syncVolumeKey(name));
    this.after = new AfterQueue(ctx.clock, this.claims);
    this.provisioner = new HostPathProvisioner(ctx);
    this.protection = new StorageProtection(ctx);
  }

  start(): void {
    const { store } = this.ctx;
    store.watch('persistentvolumeclaims', (e) => {
      const c = e.object;
      if (e.type !== 'DELETED') this.claims.add(`${c.metadata.namespace}/${c.metadata.name}`);
      // A claim's volume may need to be released, or bound.
      if (c.spec?.volumeName) this.volumes.add(c.spec.volumeName);
      for (const pv of store.list('persistentvolumes')) {
        const ref = pv.spec?.claimRef;
        if (ref?.namespace === c.metadata.namespace && ref?.name === c.metadata.name && pv.metadata.name !== c.spec?.volumeName) this.volumes.add(pv.metadata.name);
      }
    });
    store.watch('persistentvolumes', (e) => {
      const v = e.object;
      if (e.type !== 'DELETED') this.volumes.add(v.metadata.name);
      // A new or changed volume may satisfy a waiting claim.
      const ref = v.spec?.claimRef;
      if (ref?.namespace && ref.name) this.claims.add(`${ref.namespace}/${ref.name}`);
      if (e.type === 'DELETED' || v.status?.phase === 'Available') {
        for (const c of store.list('persistentvolumeclaims')) if (c.status?.phase !== 'Bound') this.claims.add(`${c.metadata.namespace}/${c.metadata.name}`);
      }
    });
    // A consumer of a WaitForFirstConsumer claim.
    store.watch('pods', (e) => {
      if (e.type !== 'ADDED') return;
      for (const vol of (e.object as StoredPod).spec?.volumes ?? []) {
        if (vol.persistentVolumeClaim) this.claims.add(`${e.object.metadata.namespace}/${vol.persistentVolumeClaim.claimName}`);
      }
    });
    if (!this.restored) {
      for (const c of store.list('persistentvolumeclaims')) this.claims.add(`${c.metadata.namespace}/${c.metadata.name}`);
      for (const v of store.list('persistentvolumes')) this.volumes.add(v.metadata.name);
    }
    this.provisioner.start(!this.restored);
    this.protection.start(!this.restored);
  }

  snapshot(): PersistentVolumeControllerState {
    return {
      claims: this.claims.snapshot(), volumes: this.volumes.snapshot(), after: this.after.snapshot(),
      provisioner: this.provisioner.snapshot(), protection: this.protection.snapshot(),
    };
  }

  restore(state: unknown): void {
    const s = state as PersistentVolumeControllerState;
    this.claims.restore(s.claims);
    this.volumes.restore(s.volumes);
    this.after.restore(s.after);
    this.provisioner.restore(s.provisioner);
    this.protection.restore(s.protection);
    this.restored = true;
  }

  // ---- claims (pv_controller.go syncClaim / syncUnboundClaim / syncBoundClaim) ----

  private syncClaimKey(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const claim = this.ctx.store.tryGet('persistentvolumeclaims', ns, name) as Pvc | undefined;
    if (!claim) return;
    try {
      if (claim.metadata.annotations?.[ANN_BIND_COMPLETED] === 'yes') this.syncBoundClaim(claim);
      else this.syncUnboundClaim(claim, key);
    } catch (e) {
      if (!isStatusError(e)) throw e;
      this.after.addRateLimited(key);
    }
  }

  private syncUnboundClaim(claim: Pvc, key: string): void {
    const { store } = this.ctx;
    if (!claim.spec?.volumeName) {
      const volume = this.findBestMatch(claim);
      if (volume) return this.bind(volume, claim);
      const className = claimClass(claim);
      if (className) {
        const sc = store.tryGet('storageclasses', undefined, className) as StoredStorageClass | undefined;
        if (!sc) {
          // pv_controller.go provisionClaim: the class lookup error as a ProvisioningFailed event.
          this.event(claim, 'Warning', 'ProvisioningFailed', `storageclass.storage.k8s.io ${JSON.stringify(className)} not found`);
        } else if (sc.volumeBindingMode === 'WaitForFirstConsumer' && !claim.metadata.annotations?.[ANN_SELECTED_NODE] && !this.hasConsumer(claim)) {
          this.event(claim, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
        } else {
          this.provisionExternally(claim, sc);
        }
      } else {
        this.event(claim, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      }
      this.setClaimPhase(claim, 'Pending');
      // The controller's periodic resync looks at a waiting claim again.
      this.after.addAfter(key, CLAIM_RESYNC_MS);
      return;
    }
    // The user asked for a specific volume.
    const volume = store.tryGet('persistentvolumes', undefined, claim.spec.volumeName) as Pv | undefined;
    if (!volume) {
      this.setClaimPhase(claim, 'Pending');
      this.after.addAfter(key, CLAIM_RESYNC_MS);
      return;
    }
    const ref = volume.spec?.claimRef;
    if (!ref || (ref.namespace === claim.metadata.namespace && ref.name === claim.metadata.name && (!ref.uid || ref.uid === claim.metadata.uid))) {
      const mismatch = this.checkSatisfies(volume, claim);
      if (mismatch) {
        this.event(claim, 'Warning', 'VolumeMismatch', `Cannot bind to requested volume ${JSON.stringify(volume.metadata.name)}: ${mismatch}`);
        this.setClaimPhase(claim, 'Pending');
        return;
      }
      return this.bind(volume, claim);
    }
    this.event(claim, 'Warning', 'FailedBinding', `volume ${JSON.stringify(volume.metadata.name)} already bound to a different claim.`);
    this.setClaimPhase(claim, 'Pending');
  }

  private syncBoundClaim(claim: Pvc): void {
    const name = claim.spec?.volumeName;
    if (!name) {
      this.setClaimPhase(claim, 'Lost', ['ClaimLost', 'Bound claim has lost reference to PersistentVolume. Data on the volume is lost!']);
      return;
    }
    const volume = this.ctx.store.tryGet('persistentvolumes', undefined, name) as Pv | undefined;
    if (!volume) {
      this.setClaimPhase(claim, 'Lost', ['ClaimLost', 'Bound claim has lost its PersistentVolume. Data on the volume is lost!']);
      return;
    }
    const ref = volume.spec?.claimRef;
    if (!ref || ref.uid === claim.metadata.uid) return this.bind(volume, claim);
    this.setClaimPhase(claim, 'Lost', ['ClaimMisbound', 'Two claims are bound to the same volume, this one is bound incorrectly']);
  }

  /** index.go findBestMatchForClaim / volume util FindMatchingVolume: the smallest fit. */
  private findBestMatch(claim: Pvc): Pv | undefined {
    const want = storedQuantity(claim.spec?.resources?.requests?.storage);
    const cls = claimClass(claim);
    const selector = claim.spec?.selector ? fromLabelSelector(claim.spec.selector) : undefined;
    let best: Pv | undefined;
    for (const v of this.ctx.store.list('persistentvolumes') as Pv[]) {
      if (v.metadata.deletionTimestamp) continue;
      const ref = v.spec?.claimRef;
      // A volume pre-bound to this claim wins outright.
      if (ref && ref.namespace === claim.metadata.namespace && ref.name === claim.metadata.name && (!ref.uid || ref.uid === claim.metadata.uid)) {
        if (!this.checkSatisfies(v, claim, true)) return v;
        continue;
      }
      if (ref || v.status?.phase !== 'Available') continue;
      if (selector && !matches(selector, v.metadata.labels)) continue;
      if ((v.spec?.storageClassName ?? '') !== cls) continue;
      if (this.checkSatisfies(v, claim)) continue;
      const size = storedQuantity(v.spec?.capacity?.storage);
      if (!size || !want || size.cmp(want) < 0) continue;
      const bestSize = best ? storedQuantity(best.spec?.capacity?.storage) : undefined;
      if (!best || (bestSize && bestSize.cmp(size) > 0)) best = v;
    }
    return best;
  }

  /** pv_controller.go checkVolumeSatisfyClaim: the reason a volume cannot serve a claim, or ''. */
  private checkSatisfies(v: Pv, claim: Pvc, ignoreSize = false): string {
    const want = storedQuantity(claim.spec?.resources?.requests?.storage);
    const size = storedQuantity(v.spec?.capacity?.storage);
    if (!ignoreSize && want && size && size.cmp(want) < 0) return 'requested PV is too small';
    if ((v.spec?.storageClassName ?? '') !== claimClass(claim)) return 'storageClassName does not match';
    if ((v.spec?.volumeMode ?? 'Filesystem') !== (claim.spec?.volumeMode ?? 'Filesystem')) return 'incompatible volumeMode';
    const modes = v.spec?.accessModes ?? [];
    if (!(claim.spec?.accessModes ?? []).every((m) => modes.includes(m))) return 'incompatible accessMode';
    return '';
  }

  /** pv_controller.go provisionClaimOperationExternal: annotate the claim and wait for the provisioner. */
  private provisionExternally(claim: Pvc, sc: StoredStorageClass): void {
    const a = claim.metadata.annotations ?? {};
    if (a[ANN_STORAGE_PROVISIONER] !== sc.provisioner || a[ANN_BETA_STORAGE_PROVISIONER] !== sc.provisioner) {
      const next = deepClone(claim);
      next.metadata.annotations = { ...a, [ANN_BETA_STORAGE_PROVISIONER]: sc.provisioner, [ANN_STORAGE_PROVISIONER]: sc.provisioner };
      claim = this.ctx.store.update('persistentvolumeclaims', next) as Pvc;
    }
    const msg = `Waiting for a volume to be created either by the external provisioner '${sc.provisioner}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`;
    this.event(claim, 'Normal', 'ExternalProvisioning', msg);
  }

  private hasConsumer(claim: Pvc): boolean {
    return (this.ctx.store.list('pods', { namespace: claim.metadata.namespace }) as StoredPod[]).some((p) =>
      (p.spec?.volumes ?? []).some((v) => v.persistentVolumeClaim?.claimName === claim.metadata.name));
  }

  /** pv_controller.go bind: volume → claimRef + Bound, claim → volumeName + annotations + Bound. */
  private bind(volume: Pv, claim: Pvc): void {
    const { store } = this.ctx;
    const ref = volume.spec?.claimRef;
    if (!ref || ref.uid !== claim.metadata.uid) {
      const next = deepClone(volume);
      const claimRef: ObjectReference = {
        kind: 'PersistentVolumeClaim', namespace: claim.metadata.namespace, name: claim.metadata.name,
        uid: claim.metadata.uid, apiVersion: 'v1', resourceVersion: claim.metadata.resourceVersion,
      };
      next.spec = { ...next.spec, claimRef };
      // bindVolumeToClaim: the controller marks bindings it made itself.
      if (!ref) next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [ANN_BOUND_BY_CONTROLLER]: 'yes' };
      volume = store.update('persistentvolumes', next) as Pv;
    }
    volume = this.setVolumePhase(volume, 'Bound');
    const a = claim.metadata.annotations ?? {};
    if (claim.spec?.volumeName !== volume.metadata.name || a[ANN_BIND_COMPLETED] !== 'yes') {
      const next = deepClone(claim);
      const annotations: Record<string, string> = { ...a, [ANN_BIND_COMPLETED]: 'yes' };
      if (next.spec?.volumeName !== volume.metadata.name) {
        next.spec = { ...next.spec, volumeName: volume.metadata.name };
        annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
      }
      next.metadata.annotations = annotations;
      claim = store.update('persistentvolumeclaims', next) as Pvc;
    }
    const status = { phase: 'Bound', accessModes: [...(volume.spec?.accessModes ?? [])], capacity: { ...(volume.spec?.capacity ?? {}) } };
    if (JSON.stringify(claim.status) !== JSON.stringify(status)) {
      store.updateStatus('persistentvolumeclaims', { ...deepClone(claim), status });
    }
  }

  private setClaimPhase(claim: Pvc, phase: string, event?: [reason: string, message: string]): void {
    if (claim.status?.phase === phase) return;
    this.ctx.store.updateStatus('persistentvolumeclaims', { ...deepClone(claim), status: { ...(claim.status ?? {}), phase } });
    if (event) this.event(claim, 'Warning', event[0], event[1]);
  }

  // ---- volumes (pv_controller.go syncVolume, reclaimVolume) ----

  private syncVolumeKey(name: string): void {
    const volume = this.ctx.store.tryGet('persistentvolumes', undefined, name) as Pv | undefined;
    if (!volume) return;
    try {
      this.syncVolume(volume);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  private syncVolume(volume: Pv): void {
    const { store } = this.ctx;
    const ref = volume.spec?.claimRef;
    if (!ref) {
      this.setVolumePhase(volume, 'Available');
      return;
    }
    let claim = store.tryGet('persistentvolumeclaims', ref.namespace, ref.name ?? '') as Pvc | undefined;
    if (claim && ref.uid && claim.metadata.uid !== ref.uid) claim = undefined;
    if (!ref.uid) {
      // Pre-bound by the user to a claim by name: Available until the claim binds.
      this.setVolumePhase(volume, 'Available');
      if (claim) this.claims.add(`${ref.namespace}/${ref.name}`);
      return;
    }
    if (!claim) {
      // The claim is gone: Released, then reclaimed by policy.
      if (volume.status?.phase !== 'Released' && volume.status?.phase !== 'Failed') volume = this.setVolumePhase(volume, 'Released');
      this.reclaim(volume);
      return;
    }
    if (!claim.spec?.volumeName) {
      this.claims.add(`${claim.metadata.namespace}/${claim.metadata.name}`);
      return;
    }
    if (claim.spec.volumeName === volume.metadata.name) {
      this.setVolumePhase(volume, 'Bound');
      return;
    }
    // The claim went to another volume: undo a binding this controller made.
    if (volume.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER]) {
      const next = deepClone(volume);
      delete next.spec!.claimRef;
      const a = { ...(next.metadata.annotations ?? {}) };
      delete a[ANN_BOUND_BY_CONTROLLER];
      next.metadata.annotations = a;
      this.setVolumePhase(store.update('persistentvolumes', next) as Pv, 'Available');
    }
  }

  /** reclaimVolume: Retain keeps the volume; Delete removes it (hostPath only under /tmp, as the in-tree deleter). */
  private reclaim(volume: Pv): void {
    if (volume.spec?.persistentVolumeReclaimPolicy !== 'Delete' || volume.metadata.deletionTimestamp) return;
    if (volume.metadata.annotations?.[ANN_PROVISIONED_BY]) return; // the external provisioner deletes its own
    const path = volume.spec.hostPath?.path;
    let err = '';
    // host_path.go hostPathDeleter.Delete
    if (path === undefined) err = `error getting deleter volume plugin for volume ${JSON.stringify(volume.metadata.name)}: no deletable volume plugin matched`;
    else if (!/^\/tmp\/.+/.test(path)) err = `host_path deleter only supports /tmp/.+ but received provided ${path}`;
    if (err) {
      if (volume.status?.phase !== 'Failed') {
        this.setVolumePhase(volume, 'Failed', err);
        recordEvent(this.ctx, COMPONENT, volume, 'Warning', 'VolumeFailedDelete', err);
      }
      return;
    }
    this.ctx.store.delete('persistentvolumes', undefined, volume.metadata.name, { preconditions: { uid: volume.metadata.uid } });
  }

  /** updateVolumePhase: phase (and message), with lastPhaseTransitionTime when the phase changes. */
  private setVolumePhase(volume: Pv, phase: string, message?: string): Pv {
    if (volume.status?.phase === phase && volume.status?.message === message) return volume;
    const status: Record<string, unknown> = { ...(volume.status ?? {}), phase };
    if (message) status.message = message;
    else delete status.message;
    if (volume.status?.phase !== phase) status.lastPhaseTransitionTime = this.ctx.clock.nowRFC3339();
    return this.ctx.store.updateStatus('persistentvolumes', { ...deepClone(volume), status }) as Pv;
  }

  private event(claim: Pvc, type: 'Normal' | 'Warning', reason: string, message: string): void {
    recordEvent(this.ctx, COMPONENT, claim, type, reason, message);
  }
}
