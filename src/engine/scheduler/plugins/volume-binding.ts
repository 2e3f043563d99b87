// VolumeBinding (pkg/scheduler/framework/plugins/volumebinding/volume_binding.go, binder.go),
// the parts a PVC lesson meets: PreFilter rejects a pod whose claim is missing, lost, being
// deleted, or unbound with Immediate binding (the PV controller must bind it first); Filter checks
// that a bound volume's nodeAffinity admits the node. WaitForFirstConsumer claims are let through:
// choosing and provisioning their volumes at PreBind is not simulated.
import type { StoredPod, StoredPV, StoredPVC } from '../../api/types';
import type { ApiStore } from '../../store/store';
import { ActionType, Status, type CycleState, type EnqueueExtensions, type FilterPlugin, type QueueingHint } from '../framework';
import type { NodeInfo } from '../node-info';
import { nodeSelectorTermsMatchLabels } from './node-affinity';

// binder.go ErrReasonNodeConflict
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
// volume_binding.go PreFilter
export const MSG_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';
// component-helpers storage/volume AnnBindCompleted: set by the PV controller once a claim is bound.
const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';

export interface VolumeBindingPreFilter {
  skip: boolean;
  status?: Status;
  /** The PersistentVolumes of fully bound claims, for Filter. */
  boundVolumes?: StoredPV[];
}

function claimNames(pod: StoredPod): string[] {
  const out: string[] = [];
  for (const v of pod.spec.volumes ?? []) if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
  return out;
}

/** volume_binding.go PreFilter (podHasPVCs + GetPodVolumeClaims). */
export function volumeBindingPreFilter(pod: StoredPod, store: ApiStore): VolumeBindingPreFilter {
  const names = claimNames(pod);
  if (names.length === 0) return { skip: true };
  const ns = pod.metadata.namespace;
  const claims: StoredPVC[] = [];
  for (const name of names) {
    const pvc = store.tryGet('persistentvolumeclaims', ns, name);
    // The lister's NotFound error: errors.NewNotFound(v1.Resource("persistentvolumeclaim"), name)
    if (!pvc) return { skip: false, status: Status.unresolvable(`persistentvolumeclaim "${name}" not found`) };
    if (pvc.status?.phase === 'Lost') {
      return { skip: false, status: Status.unresolvable(`persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${pvc.spec?.volumeName ?? ''}"`) };
    }
    if (pvc.metadata.deletionTimestamp) return { skip: false, status: Status.unresolvable(`persistentvolumeclaim "${name}" is being deleted`) };
    claims.push(pvc);
  }
  const boundVolumes: StoredPV[] = [];
  for (const pvc of claims) {
    const volumeName = pvc.spec?.volumeName;
    // binder.go isPVCFullyBound wants the bind-completed annotation; a Bound phase is accepted too,
    // in case a simulated PV controller does not write the annotation.
    if (volumeName && (pvc.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined || pvc.status?.phase === 'Bound')) {
      const pv = store.tryGet('persistentvolumes', undefined, volumeName);
      if (pv) boundVolumes.push(pv);
      continue;
    }
    // Prebound claims and claims of Immediate classes must be bound by the PV controller first.
    if (volumeName || !delayBinding(pvc, store)) return { skip: false, status: Status.unresolvable(MSG_UNBOUND_IMMEDIATE) };
  }
  return { skip: false, boundVolumes };
}

// component-helpers storage/volume IsDelayBindingMode: no class, or a missing one, binds at once.
function delayBinding(pvc: StoredPVC, store: ApiStore): boolean {
  const className = pvc.spec?.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
  if (!className) return false;
  const sc = store.tryGet('storageclasses', undefined, className);
  return sc?.volumeBindingMode === 'WaitForFirstConsumer';
}

export const VolumeBinding: FilterPlugin & EnqueueExtensions = {
  name: 'VolumeBinding',

  filter(state: CycleState, nodeInfo: NodeInfo): Status | null {
    const labels = nodeInfo.node!.metadata.labels ?? {};
    for (const pv of state.boundVolumes ?? []) {
      // volume.CheckNodeAffinity
      const terms = pv.spec?.nodeAffinity?.required?.nodeSelectorTerms;
      if (terms && !nodeSelectorTermsMatchLabels(terms, labels)) return Status.unresolvable(ERR_REASON_NODE_CONFLICT);
    }
    return null;
  },

  eventsToRegister() {
    return [
      { event: { resource: 'StorageClass', action: ActionType.Add | ActionType.Update }, hint: afterStorageClassChange },
      { event: { resource: 'PersistentVolumeClaim', action: ActionType.Add | ActionType.Update }, hint: afterClaimChange },
      { event: { resource: 'PersistentVolume', action: ActionType.Add | ActionType.Update } },
      { event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeLabel } },
    ];
  },
};

// volume_binding.go isSchedulableAfterPersistentVolumeClaimChange: a claim this pod uses.
function afterClaimChange(pod: StoredPod, _oldObj: unknown, newObj: unknown): QueueingHint {
  const pvc = newObj as StoredPVC;
  if (pvc.metadata.namespace !== pod.metadata.namespace) return 'QueueSkip';
  return claimNames(pod).includes(pvc.metadata.name) ? 'Queue' : 'QueueSkip';
}

// volume_binding.go isSchedulableAfterStorageClassChange: a new class, or changed allowedTopologies.
function afterStorageClassChange(_pod: StoredPod, oldObj: unknown, newObj: unknown): QueueingHint {
  if (!oldObj) return 'Queue';
  const before = JSON.stringify((oldObj as { allowedTopologies?: unknown }).allowedTopologies ?? null);
  const after = JSON.stringify((newObj as { allowedTopologies?: unknown }).allowedTopologies ?? null);
  return before === after ? 'QueueSkip' : 'Queue';
}
