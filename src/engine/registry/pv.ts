// PersistentVolume strategy: SetDefaults_PersistentVolume (pkg/apis/core/v1/defaults.go),
// pkg/registry/core/persistentvolume/strategy.go, ValidatePersistentVolume(Update)
// (pkg/apis/core/validation/validation.go), StorageObjectInUseProtection admission.
import type { KubeObject, StoredPV } from '../api/types';
import { field, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { canonicalizeResourceList, storedQuantity } from './decode';
import { isDNS1123Subdomain } from './names';
import { ACCESS_MODES } from './pvc';
import { validatePathNoBacksteps } from './pod/validation-volumes';
import { goField } from './gofmt';
import { deepEqual } from '../store/clone';

type Pv = StoredPV & KubeObject;

/** storageobjectinuseprotection/admission.go: the finalizer the pv-protection controller removes. */
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

// validation.go supportedReclaimPolicy (sets.List order)
const RECLAIM_POLICIES = ['Delete', 'Recycle', 'Retain'];

// The volume sources a PersistentVolumeSpec may carry (core/v1 PersistentVolumeSource).
const SOURCES = [
  'hostPath', 'gcePersistentDisk', 'awsElasticBlockStore', 'nfs', 'rbd', 'quobyte', 'iscsi', 'cinder', 'cephfs', 'fc',
  'flocker', 'flexVolume', 'azureFile', 'vsphereVolume', 'azureDisk', 'photonPersistentDisk', 'portworxVolume',
  'scaleIO', 'local', 'storageos', 'csi', 'glusterfs',
] as const;

export const pvStrategy: Strategy = {
  prepareForCreate(obj, ctx) {
    // strategy.go PrepareForCreate: Pending, with lastPhaseTransitionTime (GA in 1.31).
    obj.status = { phase: 'Pending', lastPhaseTransitionTime: ctx.clock.nowRFC3339() };
  },

  defaults(obj) {
    const pv = obj as Pv;
    const spec = (pv.spec ??= {});
    // defaults.go SetDefaults_PersistentVolume / SetDefaults_HostPathVolumeSource
    spec.persistentVolumeReclaimPolicy ||= 'Retain';
    spec.volumeMode ??= 'Filesystem';
    if (spec.hostPath && spec.hostPath.type === undefined) spec.hostPath.type = '';
    canonicalizeResourceList(spec.capacity as Record<string, unknown> | undefined, 'PersistentVolume', 'v1');
  },

  admit(obj) {
    const fin = obj.metadata.finalizers ?? [];
    if (!fin.includes(PV_PROTECTION_FINALIZER)) obj.metadata.finalizers = [...fin, PV_PROTECTION_FINALIZER];
  },

  validate(obj) {
    return validatePv(obj as Pv);
  },

  validateUpdate(obj, old) {
    const pv = obj as Pv;
    const prev = old as Pv;
    const errs = validatePv(pv);
    const source = (p: Pv) => Object.fromEntries(SOURCES.filter((k) => p.spec?.[k] !== undefined).map((k) => [k, p.spec![k]]));
    if (!deepEqual(source(pv), source(prev))) {
      // The upstream message continues with a go-cmp diff (not rendered here).
      errs.push(field.forbidden('spec.persistentvolumesource', 'spec.persistentvolumesource is immutable after creation'));
    }
    if ((pv.spec?.volumeMode ?? '') !== (prev.spec?.volumeMode ?? '')) {
      errs.push(field.invalid('volumeMode', pv.spec?.volumeMode ?? '', 'field is immutable'));
    }
    return errs;
  },
};

/** validation.go ValidatePersistentVolume / ValidatePersistentVolumeSpec (non-inline). */
function validatePv(pv: Pv): FieldError[] {
  const errs: FieldError[] = [];
  const spec = pv.spec ?? {};
  const modes = spec.accessModes ?? [];
  if (!modes.length) errs.push(field.required('spec.accessModes'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(field.notSupported('spec.accessModes', m, ACCESS_MODES));
  if (modes.includes('ReadWriteOncePod') && modes.some((m) => m !== 'ReadWriteOncePod' && ACCESS_MODES.includes(m))) {
    errs.push(field.forbidden('spec.accessModes', 'may not use ReadWriteOncePod with other access modes'));
  }
  const capacity = (spec.capacity ?? {}) as Record<string, string>;
  const keys = Object.keys(capacity);
  if (!keys.length) errs.push(field.required('spec.capacity'));
  if (capacity.storage === undefined || keys.length > 1) {
    const v = keys.length ? `core.ResourceList{${keys.sort().map((k) => `"${k}":resource.Quantity{...}`).join(', ')}}` : 'core.ResourceList(nil)';
    errs.push(goField.notSupported('spec.capacity', v, ['storage']));
  }
  for (const k of keys) {
    const q = storedQuantity(capacity[k]);
    if (q && q.sign() <= 0) errs.push(field.invalid(`spec.capacity[${k}]`, capacity[k], 'must be greater than zero'));
  }
  if (spec.persistentVolumeReclaimPolicy && !RECLAIM_POLICIES.includes(spec.persistentVolumeReclaimPolicy)) {
    errs.push(field.notSupported('spec.persistentVolumeReclaimPolicy', spec.persistentVolumeReclaimPolicy, RECLAIM_POLICIES));
  }
  let sources = 0;
  for (const k of SOURCES) {
    if (spec[k] === undefined) continue;
    if (sources > 0) {
      errs.push(field.forbidden(`spec.${k}`, 'may not specify more than 1 volume type'));
      continue;
    }
    sources++;
    if (k === 'hostPath') {
      const path = spec.hostPath?.path ?? '';
      if (!path) errs.push(field.required('spec.hostPath.path'));
      else errs.push(...validatePathNoBacksteps(path, 'spec.hostPath.path'));
    }
  }
  if (!sources) errs.push(field.required('spec', 'must specify a volume type'));
  if (spec.storageClassName) {
    for (const m of isDNS1123Subdomain(spec.storageClassName)) errs.push(field.invalid('spec.storageClassName', spec.storageClassName, m));
  }
  if (spec.volumeMode !== undefined && !['Block', 'Filesystem'].includes(spec.volumeMode)) {
    errs.push(field.notSupported('spec.volumeMode', spec.volumeMode, ['Block', 'Filesystem']));
  }
  return errs;
}
