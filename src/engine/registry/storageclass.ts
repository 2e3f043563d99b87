// StorageClass strategy: SetDefaults_StorageClass (pkg/apis/storage/v1/defaults.go) and
// ValidateStorageClass(Update) (pkg/apis/storage/validation/validation.go).
import type { KubeObject, StoredStorageClass } from '../api/types';
import { field, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { isQualifiedName } from './names';
import { deepEqual } from '../store/clone';

type Sc = StoredStorageClass & KubeObject;

// validation.go supportedReclaimPolicy / supportedVolumeBindingModes
const RECLAIM_POLICIES = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];

export const storageClassStrategy: Strategy = {
  defaults(obj) {
    const sc = obj as Sc;
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },

  validate(obj) {
    return validateStorageClass(obj as Sc);
  },

  validateUpdate(obj, old) {
    const sc = obj as Sc;
    const prev = old as Sc;
    const errs = validateStorageClass(sc);
    // validation.go ValidateStorageClassUpdate
    if (!deepEqual(sc.parameters ?? {}, prev.parameters ?? {})) errs.push(field.forbidden('parameters', 'updates to parameters are forbidden.'));
    if (sc.provisioner !== prev.provisioner) errs.push(field.forbidden('provisioner', 'updates to provisioner are forbidden.'));
    if (sc.reclaimPolicy !== prev.reclaimPolicy) errs.push(field.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
    if (sc.volumeBindingMode !== prev.volumeBindingMode) errs.push(field.invalid('volumeBindingMode', sc.volumeBindingMode ?? '', 'field is immutable'));
    return errs;
  },
};

function validateStorageClass(sc: Sc): FieldError[] {
  const errs: FieldError[] = [];
  // validation.go validateProvisioner
  if (!sc.provisioner) errs.push(field.required('provisioner'));
  else for (const m of isQualifiedName(sc.provisioner.toLowerCase())) errs.push(field.invalid('provisioner', sc.provisioner, m));
  if (sc.reclaimPolicy && !RECLAIM_POLICIES.includes(sc.reclaimPolicy)) {
    errs.push(field.notSupported('reclaimPolicy', sc.reclaimPolicy, RECLAIM_POLICIES));
  }
  if (!sc.volumeBindingMode) errs.push(field.required('volumeBindingMode'));
  else if (!BINDING_MODES.includes(sc.volumeBindingMode)) errs.push(field.notSupported('volumeBindingMode', sc.volumeBindingMode, BINDING_MODES));
  return errs;
}
