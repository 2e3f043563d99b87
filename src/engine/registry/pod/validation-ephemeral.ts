// validateEphemeralContainers (pkg/apis/core/validation/validation.go): the container rules for
// spec.ephemeralContainers, minus the fields that would make a debugging container part of the
// workload (ports, probes, lifecycle, resources).
import type { PodSpec } from 'kubernetes-types/core/v1';
import type { Container } from '../../api/types';
import { field, type FieldError } from '../../errors';
import { validateContainerCommon } from './validation-containers';

type Json = Record<string, unknown>;

// validation.go validateEphemeralContainers, validateFieldAllowList's errorText
const NOT_FOR_EPHEMERAL = 'cannot be set for an Ephemeral Container';

/**
 * validation.go allowedEphemeralContainerFields: the EphemeralContainerCommon fields that may not
 * be set, in the struct's field order (validateFieldAllowList walks the fields in order and reports
 * a field whose value differs from its zero value).
 */
const DISALLOWED_FIELDS = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

/** validateEphemeralContainers: called from ValidatePodSpec. */
export function validateEphemeralContainers(spec: PodSpec, volumes: Set<string>, path: string): FieldError[] {
  const list = spec.ephemeralContainers ?? [];
  const errs: FieldError[] = [];
  if (!list.length) return errs;
  const others = new Set<string>();
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) others.add(c.name);
  const all = new Set(others);
  list.forEach((ec, i) => {
    const idx = `${path}[${i}]`;
    errs.push(...validateContainerCommon(ec as Container, volumes, idx));
    // validateContainerOnlyForPod
    const image = ec.image ?? '';
    if (image.length !== image.trim().length) errs.push(field.invalid(`${idx}.image`, image, 'must not have leading or trailing whitespace'));
    // "Ephemeral containers must have a name unique across all container types."
    if (all.has(ec.name)) errs.push(field.duplicate(`${idx}.name`, ec.name));
    else all.add(ec.name);
    // "The target container name must exist and be non-ephemeral."
    if (ec.targetContainerName && !others.has(ec.targetContainerName)) errs.push(field.notFound(`${idx}.targetContainerName`, ec.targetContainerName));
    for (const f of DISALLOWED_FIELDS) if (isSet((ec as unknown as Json)[f])) errs.push(field.forbidden(`${idx}.${f}`, NOT_FOR_EPHEMERAL));
    // "VolumeMount subpaths have the potential to leak resources ... they're disallowed entirely."
    (ec.volumeMounts ?? []).forEach((vm, j) => {
      if (vm.subPath) errs.push(field.forbidden(`${idx}.volumeMounts[${j}].subPath`, NOT_FOR_EPHEMERAL));
      if (vm.subPathExpr) errs.push(field.forbidden(`${idx}.volumeMounts[${j}].subPathExpr`, NOT_FOR_EPHEMERAL));
    });
  });
  return errs;
}

/**
 * Whether a decoded field differs from Go's zero value. The server always writes `resources: {}`
 * (a struct value), which is the zero value; an empty list or map sent by a client is not nil.
 */
function isSet(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v === 'object' && !Array.isArray(v)) return Object.values(v as Json).some((x) => x !== undefined && x !== null);
  return true;
}
