// minikube's storage-provisioner (k8s.io/minikube-hostpath, minikube pkg/storage/storage_provisioner.go)
// running on sig-storage-lib-external-provisioner: it provisions a hostPath PV under
// /tmp/hostpath-provisioner/<namespace>/<claim> for claims the PV controller hands to it, and deletes
// Released volumes it provisioned whose reclaim policy is Delete. It only works while the
// kube-system/storage-provisioner pod runs: delete that pod and claims stay Pending.
import type { EngineContext } from '../cluster/context';
import type { KubeObject, StoredPV, StoredPVC, StoredStorageClass } from '../api/types';
import { refTo } from '../events';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { isStatusError } from '../errors';
import { claimClass } from '../registry/pvc';

export const HOSTPATH_PROVISIONER = 'k8s.io/minikube-hostpath';
const PV_DIR = '/tmp/hostpath-provisioner';
// storagehelpers AnnStorageProvisioner / AnnBetaStorageProvisioner / AnnDynamicallyProvisioned
export const ANN_STORAGE_PROVISIONER = 'volume.kubernetes.io/storage-provisioner';
export const ANN_BETA_STORAGE_PROVISIONER = 'volume.beta.kubernetes.io/storage-provisioner';
export const ANN_PROVISIONED_BY = 'pv.kubernetes.io/provisioned-by';
/** The minikube addon pod the provisioner runs in. */
export const PROVISIONER_POD = { namespace: 'kube-system', name: 'storage-provisioner' };

export interface HostPathProvisionerState {
  queue: WorkQueueState;
  /** hostPathProvisionerIdentity (a UUID per provisioner process) and the controller's event identity. */
  identity?: string;
  eventId?: string;
}

type Pvc = StoredPVC & KubeObject;
type Pv = StoredPV & KubeObject;

export class HostPathProvisioner {
  private readonly queue: WorkQueue;
  private identity?: string;
  private eventId?: string;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'hostpath-provisioner', (key) => this.sync(key));
  }

  start(initialList: boolean): void {
    const { store } = this.ctx;
    store.watch('persistentvolumeclaims', (e) => {
      if (e.type !== 'DELETED') this.queue.add(`pvc|${e.object.metadata.namespace}|${e.object.metadata.name}`);
    });
    store.watch('persistentvolumes', (e) => {
      if (e.type !== 'DELETED') this.queue.add(`pv||${e.object.metadata.name}`);
    });
    // The provisioner coming up works through everything that waited for it.
    store.watch('pods', (e) => {
      const p = e.object;
      if (p.metadata.namespace !== PROVISIONER_POD.namespace || p.metadata.name !== PROVISIONER_POD.name || !this.running()) return;
      for (const c of store.list('persistentvolumeclaims')) this.queue.add(`pvc|${c.metadata.namespace}|${c.metadata.name}`);
      for (const v of store.list('persistentvolumes')) this.queue.add(`pv||${v.metadata.name}`);
    });
    if (initialList) {
      for (const c of store.list('persistentvolumeclaims')) this.queue.add(`pvc|${c.metadata.namespace}|${c.metadata.name}`);
      for (const v of store.list('persistentvolumes')) this.queue.add(`pv||${v.metadata.name}`);
    }
  }

  snapshot(): HostPathProvisionerState {
    return { queue: this.queue.snapshot(), identity: this.identity, eventId: this.eventId };
  }

  restore(state: HostPathProvisionerState): void {
    this.queue.restore(state.queue);
    this.identity = state.identity;
    this.eventId = state.eventId;
  }

  private sync(key: string): void {
    const [kind, ns, name] = key.split('|') as [string, string, string];
    if (!this.running()) return;
    try {
      if (kind === 'pvc') this.maybeProvision(ns, name);
      else this.maybeDelete(name);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  private running(): boolean {
    const pod = this.ctx.store.tryGet('pods', PROVISIONER_POD.namespace, PROVISIONER_POD.name);
    return !!pod && !pod.metadata.deletionTimestamp && pod.status?.phase === 'Running';
  }

  /** controller.go shouldProvision + provisionClaimOperation. */
  private maybeProvision(ns: string, name: string): void {
    const { store } = this.ctx;
    const claim = store.tryGet('persistentvolumeclaims', ns, name) as Pvc | undefined;
    if (!claim || claim.spec?.volumeName || claim.metadata.deletionTimestamp) return;
    const a = claim.metadata.annotations ?? {};
    if ((a[ANN_STORAGE_PROVISIONER] ?? a[ANN_BETA_STORAGE_PROVISIONER]) !== HOSTPATH_PROVISIONER) return;
    const sc = store.tryGet('storageclasses', undefined, claimClass(claim)) as StoredStorageClass | undefined;
    if (!sc || sc.provisioner !== HOSTPATH_PROVISIONER) return;
    const pvName = `pvc-${claim.metadata.uid}`;
    if (store.tryGet('persistentvolumes', undefined, pvName)) return;
    // controller.go provisionClaimOperation: "External provisioner is provisioning volume for claim %q"
    this.event(claim, 'Provisioning', `External provisioner is provisioning volume for claim ${JSON.stringify(`${ns}/${name}`)}`);
    this.identity ??= this.ctx.random.uuid();
    store.create('persistentvolumes', {
      metadata: {
        name: pvName,
        annotations: { hostPathProvisionerIdentity: this.identity, [ANN_PROVISIONED_BY]: HOSTPATH_PROVISIONER },
      },
      spec: {
        accessModes: [...(claim.spec?.accessModes ?? [])],
        capacity: { storage: claim.spec?.resources?.requests?.storage },
        hostPath: { path: `${PV_DIR}/${ns}/${name}` },
        persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: claim.spec?.volumeMode ?? 'Filesystem',
        ...(sc.mountOptions ? { mountOptions: [...sc.mountOptions] } : {}),
        claimRef: {
          kind: 'PersistentVolumeClaim',
          namespace: ns,
          name,
          uid: claim.metadata.uid,
          apiVersion: 'v1',
          resourceVersion: claim.metadata.resourceVersion,
        },
      },
    });
    // controller.go: "Successfully provisioned volume %s"
    this.event(claim, 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`);
  }

  /** controller.go shouldDelete + deleteVolumeOperation: Released, Delete policy, provisioned by us. */
  private maybeDelete(name: string): void {
    const pv = this.ctx.store.tryGet('persistentvolumes', undefined, name) as Pv | undefined;
    if (!pv || pv.metadata.deletionTimestamp) return;
    if (pv.status?.phase !== 'Released' || pv.spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    if (pv.metadata.annotations?.[ANN_PROVISIONED_BY] !== HOSTPATH_PROVISIONER) return;
    this.ctx.store.delete('persistentvolumes', undefined, name, { preconditions: { uid: pv.metadata.uid } });
  }

  private event(claim: Pvc, reason: string, message: string): void {
    // The library's recorder component: "<provisioner>_<hostname>_<uuid>"; the provisioner pod
    // runs with hostNetwork on the control-plane node, so its hostname is that node's name.
    this.eventId ??= this.ctx.random.uuid();
    const host = this.ctx.store.list('nodes').find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined)?.metadata.name ?? 'minikube';
    try {
      this.ctx.events.event({ component: `${HOSTPATH_PROVISIONER}_${host}_${this.eventId}` }, refTo(claim), 'Normal', reason, message);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }
}
