// ConfigMap strategy: ValidateConfigMap(Update) (pkg/apis/core/validation/validation.go).
import type { KubeObject, StoredConfigMap } from '../api/types';
import { field, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { isConfigMapKey } from './validation';
import { base64DecodedLength, base64ErrorMessage, base64ErrorOffset } from './base64';
import { decodeError } from './decode';
import { deepEqual } from '../store/clone';

type Cm = StoredConfigMap & KubeObject;

/** core.MaxSecretSize (1 MiB) bounds ConfigMaps too. */
export const MAX_DATA_SIZE = 1024 * 1024;

export const configMapStrategy: Strategy = {
  defaults(obj) {
    // binaryData is []byte: the JSON decoder rejects bad base64 before validation.
    for (const v of Object.values((obj as Cm).binaryData ?? {})) {
      const off = base64ErrorOffset(String(v));
      if (off >= 0) throw decodeError('ConfigMap', 'v1', base64ErrorMessage(off));
    }
  },

  validate(obj) {
    return validateConfigMap(obj as Cm);
  },

  validateUpdate(obj, old) {
    const cm = obj as Cm;
    const prev = old as Cm;
    const errs: FieldError[] = [];
    // validation.go ValidateConfigMapUpdate
    if (prev.immutable) {
      if (!cm.immutable) errs.push(field.forbidden('immutable', 'field is immutable when `immutable` is set'));
      if (!deepEqual(cm.data, prev.data)) errs.push(field.forbidden('data', 'field is immutable when `immutable` is set'));
      if (!deepEqual(cm.binaryData, prev.binaryData)) errs.push(field.forbidden('binaryData', 'field is immutable when `immutable` is set'));
    }
    return [...errs, ...validateConfigMap(cm)];
  },
};

/** validation.go ValidateConfigMap. */
function validateConfigMap(cm: Cm): FieldError[] {
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of Object.entries(cm.data ?? {})) {
    for (const m of isConfigMapKey(k)) errs.push(field.invalid(`data[${k}]`, k, m));
    if (cm.binaryData && k in cm.binaryData) errs.push(field.invalid(`data[${k}]`, k, 'duplicate of key present in binaryData'));
    size += String(v).length;
  }
  for (const [k, v] of Object.entries(cm.binaryData ?? {})) {
    for (const m of isConfigMapKey(k)) errs.push(field.invalid(`binaryData[${k}]`, k, m));
    size += base64DecodedLength(String(v));
  }
  // validation.go: field.TooLong(field.NewPath(""), ...) names the whole object.
  if (size > MAX_DATA_SIZE) errs.push(field.tooLong('', MAX_DATA_SIZE));
  return errs;
}
