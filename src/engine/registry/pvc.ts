// PersistentVolumeClaim strategy: SetDefaults_PersistentVolumeClaim(Spec) (pkg/apis/core/v1/defaults.go),
// pkg/registry/core/persistentvolumeclaim/strategy.go, ValidatePersistentVolumeClaim(Update)
// (pkg/apis/core/validation/validation.go) and the admission plugins that touch claims:
// DefaultStorageClass, StorageObjectInUseProtection and PersistentVolumeClaimResize.
import type { KubeObject, StoredPVC, StoredStorageClass } from '../api/types';
import { field, newForbidden, type FieldError } from '../errors';
import type { RegistryContext, Strategy } from './strategy';
import { canonicalizeResourceList, storedQuantity } from './decode';
import { isDNS1123Subdomain } from './names';
import { validateLabelSelector } from './validation';
import { deepEqual } from '../store/clone';

type Pvc = StoredPVC & KubeObject;

/** plugin/pkg/admission/storage/storageobjectinuseprotection: the finalizer the pvc-protection controller removes. */
export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
// storage/v1 util.go IsDefaultStorageClassAnnotation / BetaIsDefaultStorageClassAnnotation
export const IS_DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_IS_DEFAULT_CLASS_ANNOTATION = 'storageclass.beta.kubernetes.io/is-default-class';
// core/v1 BetaStorageClassAnnotation
export const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

// validation.go supportedAccessModes / supportedVolumeModes (sets.List order)
export const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];

/** storage/util.GetPersistentVolumeClaimClass: the beta annotation wins, then spec.storageClassName. */
export function claimClass(pvc: Pick<StoredPVC, 'metadata' | 'spec'>): string {
  const beta = pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION];
  if (beta !== undefined) return beta;
  return pvc.spec?.storageClassName ?? '';
}

export function isDefaultClass(sc: StoredStorageClass): boolean {
  const a = sc.metadata.annotations ?? {};
  return a[IS_DEFAULT_CLASS_ANNOTATION] === 'true' || a[BETA_IS_DEFAULT_CLASS_ANNOTATION] === 'true';
}

/** plugin/pkg/admission/storage/storageclass/setdefault GetDefaultClass: the newest default class wins. */
export function defaultStorageClass(ctx: RegistryContext): StoredStorageClass | undefined {
  const defaults = ctx.store.list('storageclasses').filter(isDefaultClass);
  defaults.sort((a, b) => (a.metadata.creationTimestamp === b.metadata.creationTimestamp
    ? (a.metadata.name < b.metadata.name ? -1 : 1)
    : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? -1 : 1));
  return defaults[0];
}

export const pvcStrategy: Strategy = {
  prepareForCreate(obj) {
    // strategy.go PrepareForCreate resets status; reading it back defaults phase to Pending.
    obj.status = { phase: 'Pending' };
  },

  defaults(obj) {
    const pvc = obj as Pvc;
    const spec = (pvc.spec ??= {});
    // defaults.go SetDefaults_PersistentVolumeClaimSpec
    spec.volumeMode ??= 'Filesystem';
    canonicalizeResourceList(spec.resources?.requests as Record<string, unknown> | undefined, 'PersistentVolumeClaim', 'v1');
    canonicalizeResourceList(spec.resources?.limits as Record<string, unknown> | undefined, 'PersistentVolumeClaim', 'v1');
  },

  admit(obj, ctx) {
    const pvc = obj as Pvc;
    // setdefault/admission.go Admit: only a nil class (and no beta annotation) gets the default.
    if (pvc.spec!.storageClassName === undefined && pvc.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] === undefined) {
      const def = defaultStorageClass(ctx);
      if (def) pvc.spec!.storageClassName = def.metadata.name;
    }
    // storageobjectinuseprotection/admission.go admitPVC
    const fin = pvc.metadata.finalizers ?? [];
    if (!fin.includes(PVC_PROTECTION_FINALIZER)) pvc.metadata.finalizers = [...fin, PVC_PROTECTION_FINALIZER];
  },

  validate(obj) {
    return validatePvcSpec(obj as Pvc);
  },

  validateUpdate(obj, old, ctx) {
    const pvc = obj as Pvc;
    const prev = old as Pvc;
    const errs = [...validatePvcSpec(pvc), ...validatePvcUpdate(pvc, prev)];
    if (!errs.length) admitResize(pvc, prev, ctx);
    return errs;
  },
};

/** validation.go ValidatePersistentVolumeClaimSpec. */
function validatePvcSpec(pvc: Pvc): FieldError[] {
  const errs: FieldError[] = [];
  const spec = pvc.spec ?? {};
  const modes = spec.accessModes ?? [];
  if (!modes.length) errs.push(field.required('spec.accessModes', 'at least 1 access mode is required'));
  if (spec.selector) errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(field.notSupported('spec.accessModes', m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(m)) other = true;
  }
  if (rwop && other) errs.push(field.forbidden('spec.accessModes', 'may not use ReadWriteOncePod with other access modes'));
  const storage = spec.resources?.requests?.storage;
  if (storage === undefined) {
    errs.push(field.required('spec.resources[storage]'));
  } else {
    const q = storedQuantity(storage);
    // validation.go ValidatePositiveQuantityValue: isNotPositiveErrorMsg
    if (q && q.sign() <= 0) errs.push(field.invalid('spec.resources[storage]', String(storage), 'must be greater than zero'));
  }
  if (spec.storageClassName) {
    for (const m of isDNS1123Subdomain(spec.storageClassName)) errs.push(field.invalid('spec.storageClassName', spec.storageClassName, m));
  }
  if (spec.volumeMode !== undefined && !VOLUME_MODES.includes(spec.volumeMode)) {
    errs.push(field.notSupported('spec.volumeMode', spec.volumeMode, VOLUME_MODES));
  }
  return errs;
}

/** validation.go ValidatePersistentVolumeClaimUpdate. */
function validatePvcUpdate(pvc: Pvc, old: Pvc): FieldError[] {
  const errs: FieldError[] = [];
  const next = structuredClone(pvc.spec ?? {});
  const prev = structuredClone(old.spec ?? {});
  // The PV controller may set volumeName once.
  if (!prev.volumeName) prev.volumeName = next.volumeName;
  // validateStorageClassUpgradeFromNil: a nil class may be set once (retroactive default class).
  if (prev.storageClassName === undefined && old.metadata.annotations?.[BETA_STORAGE_CLASS_ANNOTATION] === undefined) {
    prev.storageClassName = next.storageClassName;
  }
  const bound = old.status?.phase === 'Bound';
  if (bound && next.resources?.requests) next.resources.requests = { ...next.resources.requests, storage: prev.resources?.requests?.storage as string };
  if (bound && next.volumeAttributesClassName !== undefined) next.volumeAttributesClassName = prev.volumeAttributesClassName;
  if (!deepEqual(next, prev)) {
    // The upstream message continues with a go-cmp diff of core.PersistentVolumeClaimSpec (not rendered here).
    errs.push(field.forbidden('spec', 'spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims'));
  }
  const newSize = storedQuantity(pvc.spec?.resources?.requests?.storage);
  const oldSize = storedQuantity(old.spec?.resources?.requests?.storage);
  if (newSize && oldSize && newSize.cmp(oldSize) < 0) {
    // RecoverVolumeExpansionFailure is beta (on) in 1.32: shrinking is allowed down to status.capacity.
    const statusSize = storedQuantity(old.status?.capacity?.storage);
    if (!statusSize || newSize.cmp(statusSize) <= 0) {
      errs.push(field.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
    }
  }
  if ((pvc.spec?.volumeMode ?? '') !== (old.spec?.volumeMode ?? '')) {
    errs.push(field.invalid('volumeMode', pvc.spec?.volumeMode ?? '', 'field is immutable'));
  }
  return errs;
}

/** plugin/pkg/admission/storage/persistentvolume/resize/admission.go Validate (runs after validation). */
function admitResize(pvc: Pvc, old: Pvc, ctx: RegistryContext): void {
  const newSize = storedQuantity(pvc.spec?.resources?.requests?.storage);
  const oldSize = storedQuantity(old.spec?.resources?.requests?.storage);
  if (!newSize || !oldSize || newSize.cmp(oldSize) <= 0) return;
  if (old.status?.phase !== 'Bound') {
    throw newForbidden('persistentvolumeclaims', pvc.metadata.name, 'Only bound persistent volume claims can be expanded');
  }
  const sc = ctx.store.tryGet('storageclasses', undefined, claimClass(old));
  if (!sc?.allowVolumeExpansion) {
    throw newForbidden('persistentvolumeclaims', pvc.metadata.name,
      'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize');
  }
}
