// ConfigMap strategy: ValidateConfigMap(Update) (pkg/apis/core/validation/validation.go).
import type { KubeObject, StoredConfigMap } from '../api/types';
import { field, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { isConfigMapKey } from './names';
import { base64DecodedLength } from '../../shared/base64';
import { checkBase64Values } from './decode';
import { deepEqual } from '../store/clone';

type Cm = StoredConfigMap & KubeObject;

/** core.MaxSecretSize (1 MiB) bounds ConfigMaps too. */
export const MAX_DATA_SIZE = 1024 * 1024;

export const configMapStrategy: Strategy = {
  defaults(obj) {
    // binaryData is []byte: the JSON decoder rejects bad base64 before validation.
    checkBase64Values((obj as Cm).binaryData, 'ConfigMap', 'v1');
  },

  validate(obj) {
    return validateConfigMap(obj as Cm);
  },

  validateUpdate(obj, old) {
    const cm = obj as Cm;
    const prev = old as Cm;
    // validation.go ValidateConfigMapUpdate
    return [...validateImmutableData(cm, prev, ['data', 'binaryData']), ...validateConfigMap(cm)];
  },
};

/**
 * validation.go ValidateConfigMapUpdate / ValidateSecretUpdate: once `immutable` is set it stays
 * set, and the data fields may not change.
 */
export function validateImmutableData<T extends { immutable?: boolean }>(obj: T, old: T, fields: readonly (keyof T & string)[]): FieldError[] {
  if (!old.immutable) return [];
  const errs: FieldError[] = [];
  if (!obj.immutable) errs.push(field.forbidden('immutable', 'field is immutable when `immutable` is set'));
  for (const f of fields) if (!deepEqual(obj[f], old[f])) errs.push(field.forbidden(f, 'field is immutable when `immutable` is set'));
  return errs;
}

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
