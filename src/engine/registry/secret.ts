// Secret strategy: SetDefaults_Secret (pkg/apis/core/v1/defaults.go), the v1→internal conversion
// that merges stringData into data (pkg/apis/core/v1/conversion.go Convert_v1_Secret_To_core_Secret),
// and ValidateSecret(Update) (pkg/apis/core/validation/validation.go).
import type { KubeObject, StoredSecret } from '../api/types';
import { field, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { isConfigMapKey } from './names';
import { base64DecodedLength, base64EncodeUtf8 } from '../../shared/base64';
import { checkBase64Values } from './decode';
import { MAX_DATA_SIZE, validateImmutableData } from './configmap';

type Sec = StoredSecret & KubeObject;

// core/v1 types.go well-known secret keys and annotation
const SERVICE_ACCOUNT_NAME_KEY = 'kubernetes.io/service-account.name';

export const secretStrategy: Strategy = {
  defaults(obj) {
    const s = obj as Sec;
    s.type ||= 'Opaque';
    // data is []byte: the JSON decoder rejects bad base64 with the byte offset.
    checkBase64Values(s.data, 'Secret', 'v1');
    // Convert_v1_Secret_To_core_Secret: stringData overwrites data and is never stored.
    if (s.stringData) {
      const data = { ...(s.data ?? {}) };
      for (const [k, v] of Object.entries(s.stringData)) data[k] = base64EncodeUtf8(String(v));
      s.data = data;
      delete s.stringData;
    }
  },

  validate(obj) {
    return validateSecret(obj as Sec);
  },

  validateUpdate(obj, old) {
    const s = obj as Sec;
    const prev = old as Sec;
    const errs: FieldError[] = [];
    // validation.go ValidateSecretUpdate: ValidateImmutableField(type) prints the SecretType with %#v (quoted).
    if (s.type !== prev.type) errs.push(field.invalid('type', s.type ?? '', 'field is immutable'));
    errs.push(...validateImmutableData(s, prev, ['data']));
    return [...errs, ...validateSecret(s)];
  },
};

/** validation.go ValidateSecret. */
function validateSecret(s: Sec): FieldError[] {
  const errs: FieldError[] = [];
  const data = s.data ?? {};
  let size = 0;
  for (const [k, v] of Object.entries(data)) {
    for (const m of isConfigMapKey(k)) errs.push(field.invalid(`data[${k}]`, k, m));
    size += base64DecodedLength(String(v));
  }
  if (size > MAX_DATA_SIZE) errs.push(field.tooLong('data', MAX_DATA_SIZE));
  const has = (k: string) => Object.prototype.hasOwnProperty.call(data, k);
  switch (s.type) {
    case 'kubernetes.io/service-account-token':
      if (!s.metadata.annotations?.[SERVICE_ACCOUNT_NAME_KEY]) errs.push(field.required(`metadata.annotations[${SERVICE_ACCOUNT_NAME_KEY}]`));
      break;
    case 'kubernetes.io/dockercfg':
      if (!has('.dockercfg')) errs.push(field.required('data[.dockercfg]'));
      break;
    case 'kubernetes.io/dockerconfigjson':
      if (!has('.dockerconfigjson')) errs.push(field.required('data[.dockerconfigjson]'));
      break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        errs.push(field.required('data[username]'), field.required('data[password]'));
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!data['ssh-privatekey']) errs.push(field.required('data[ssh-privatekey]'));
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) errs.push(field.required('data[tls.crt]'));
      if (!has('tls.key')) errs.push(field.required('data[tls.key]'));
      break;
  }
  return errs;
}
