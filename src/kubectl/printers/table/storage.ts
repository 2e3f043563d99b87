// `kubectl get pvc`, `pv`, `storageclass`: printers.go printPersistentVolumeClaim,
// printPersistentVolume, printStorageClass.
import type { PersistentVolume, PersistentVolumeClaim, StorageClass } from '../../../engine/index';
import { AGE_COLUMN, NAME_COLUMN, accessModesString, age, quantityString, type TableHandler } from './types';

// pkg/apis/core/annotation_key_constants.go BetaStorageClassAnnotation
const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
// pkg/apis/storage/util/helpers.go IsDefaultStorageClassAnnotation, BetaIsDefaultStorageClassAnnotation
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

export const pvcHandler: TableHandler = {
  columns: [
    NAME_COLUMN, { name: 'Status' }, { name: 'Volume' }, { name: 'Capacity' }, { name: 'Access Modes' },
    { name: 'StorageClass' }, { name: 'VolumeAttributesClass' }, AGE_COLUMN, { name: 'VolumeMode', priority: 1 },
  ],
  row(obj, ctx) {
    const pvc = obj as unknown as PersistentVolumeClaim;
    const spec = pvc.spec ?? {};
    const phase = obj.metadata.deletionTimestamp ? 'Terminating' : pvc.status?.phase ?? '';
    // capacity and access modes only once bound to a volume
    const bound = !!spec.volumeName;
    const capacity = bound ? quantityString(pvc.status?.capacity?.storage) : '';
    const modes = bound ? accessModesString(pvc.status?.accessModes) : '';
    // helper.GetPersistentVolumeClaimClass: the beta annotation first
    const annotations = obj.metadata.annotations ?? {};
    const cls = BETA_STORAGE_CLASS in annotations ? annotations[BETA_STORAGE_CLASS] : spec.storageClassName ?? '';
    return [
      obj.metadata.name, phase, spec.volumeName ?? '', capacity, modes, cls,
      spec.volumeAttributesClassName ?? '<unset>', age(obj, ctx), spec.volumeMode ?? '<unset>',
    ];
  },
};

export const pvHandler: TableHandler = {
  columns: [
    NAME_COLUMN, { name: 'Capacity' }, { name: 'Access Modes' }, { name: 'Reclaim Policy' }, { name: 'Status' },
    { name: 'Claim' }, { name: 'StorageClass' }, { name: 'VolumeAttributesClass' }, { name: 'Reason' }, AGE_COLUMN,
    { name: 'VolumeMode', priority: 1 },
  ],
  row(obj, ctx) {
    const pv = obj as unknown as PersistentVolume;
    const spec = pv.spec ?? {};
    const claim = spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : '';
    const phase = obj.metadata.deletionTimestamp ? 'Terminating' : pv.status?.phase ?? '';
    // helper.GetPersistentVolumeClass: the beta annotation first
    const annotations = obj.metadata.annotations ?? {};
    const cls = BETA_STORAGE_CLASS in annotations ? annotations[BETA_STORAGE_CLASS] : spec.storageClassName ?? '';
    return [
      obj.metadata.name, quantityString(spec.capacity?.storage), accessModesString(spec.accessModes),
      spec.persistentVolumeReclaimPolicy ?? '', phase, claim, cls, spec.volumeAttributesClassName ?? '<unset>',
      pv.status?.reason ?? '', age(obj, ctx), spec.volumeMode ?? '<unset>',
    ];
  },
};

export const storageClassHandler: TableHandler = {
  columns: [
    NAME_COLUMN, { name: 'Provisioner' }, { name: 'ReclaimPolicy' }, { name: 'VolumeBindingMode' },
    { name: 'AllowVolumeExpansion' }, AGE_COLUMN,
  ],
  row(obj, ctx) {
    const sc = obj as unknown as StorageClass;
    const a = obj.metadata.annotations ?? {};
    const isDefault = a[DEFAULT_CLASS] === 'true' || a[BETA_DEFAULT_CLASS] === 'true';
    return [
      obj.metadata.name + (isDefault ? ' (default)' : ''), sc.provisioner ?? '', sc.reclaimPolicy ?? 'Delete',
      sc.volumeBindingMode ?? 'Immediate', String(sc.allowVolumeExpansion ?? false), age(obj, ctx),
    ];
  },
};
