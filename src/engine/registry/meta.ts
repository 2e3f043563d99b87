// ObjectMeta validation (k8s.io/apimachinery pkg/api/validation/objectmeta.go ValidateObjectMeta):
// the name and namespace checks every kind gets in the store. The name rules live in ./names.
import type { KubeObject } from '../api/types';
import type { ResourceInfo } from '../api/resources';
import { field, type FieldError } from '../errors';
import { isDNS1123Label, isDNS1123Subdomain } from './names';

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
