// ObjectMeta validation (k8s.io/apimachinery pkg/api/validation/objectmeta.go ValidateObjectMeta)
// and the name rules of pkg/util/validation/validation.go.
import type { KubeObject } from '../api/types';
import type { ResourceInfo } from '../api/resources';
import { field, type FieldError } from '../errors';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

// validation.go IsDNS1123Label: dns1123LabelErrMsg + RegexError (note the two spaces before "or").
export const DNS1123_LABEL_MSG =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
// validation.go IsDNS1123Subdomain: dns1123SubdomainErrorMsg + RegexError.
export const DNS1123_SUBDOMAIN_MSG =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** IsDNS1123Label: the messages for a bad label-shaped name ([] when valid). */
export function isDNS1123Label(v: string): string[] {
  const errs: string[] = [];
  // validation.go MaxLenError: "must be no more than %d characters"
  if (v.length > 63) errs.push('must be no more than 63 characters');
  // A valid subdomain that is not a valid label can only be failing on its dots.
  if (!DNS1123_LABEL.test(v)) errs.push(DNS1123_SUBDOMAIN.test(v) ? 'must not contain dots' : DNS1123_LABEL_MSG);
  return errs;
}

/** IsDNS1123Subdomain. */
export function isDNS1123Subdomain(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(v)) errs.push(DNS1123_SUBDOMAIN_MSG);
  return errs;
}

/** Kinds whose names must be DNS-1123 labels (namespaces, services) rather than subdomains. */
const LABEL_NAMED = new Set(['namespaces', 'services']);

export function validateObjectMeta(obj: KubeObject, info: ResourceInfo): FieldError[] {
  const errs: FieldError[] = [];
  const meta = obj.metadata ?? {};
  // objectmeta.go ValidateObjectMeta: "name or generateName is required"
  if (!meta.name) {
    errs.push(field.required('metadata.name', 'name or generateName is required'));
  } else {
    const msgs = LABEL_NAMED.has(info.resource) ? isDNS1123Label(meta.name) : isDNS1123Subdomain(meta.name);
    for (const m of msgs) errs.push(field.invalid('metadata.name', meta.name, m));
  }
  if (info.namespaced && meta.namespace) {
    for (const m of isDNS1123Label(meta.namespace)) errs.push(field.invalid('metadata.namespace', meta.namespace, m));
  }
  return errs;
}
