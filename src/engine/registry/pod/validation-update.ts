// ValidatePodUpdate (pkg/apis/core/validation/validation.go): what a user may change in a
// running Pod — container images, a shorter activeDeadlineSeconds, added tolerations, removed
// scheduling gates — and the Forbidden error with a go-cmp diff of core.PodSpec for the rest.
import type { PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { field, formatValue, type FieldError } from '../../errors';
import type { KubeObject } from '../../api/types';
import { deepClone, deepEqual } from '../../store/clone';
import { validateLabels, validateAnnotations, inclusiveRangeError } from '../names';
import { MIRROR_POD_ANNOTATION, validatePodMetadataAndSpec, validateTolerations } from './validation';
import { goCmpDiff } from './gocmp-report';
import { goField, goStringMap } from '../gofmt';
import { goType, toInternalPodSpec } from './gotypes';

type Json = Record<string, unknown>;

const MAX_INT32 = 2147483647;

// validation.go updatablePodSpecFields
const UPDATABLE_POD_SPEC_FIELDS = [
  '`spec.containers[*].image`',
  '`spec.initContainers[*].image`',
  '`spec.activeDeadlineSeconds`',
  '`spec.tolerations` (only additions to existing tolerations)',
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
];

/** ValidatePodUpdate. */
export function validatePodUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pod, old);
  errs.push(...validatePodMetadataAndSpec(pod));
  errs.push(...validatePodSpecificAnnotationUpdates(pod, old));
  const spec = (pod.spec ?? {}) as PodSpec;
  const oldSpec = (old.spec ?? {}) as PodSpec;

  for (const [key, path] of [['containers', 'spec.containers'], ['initContainers', 'spec.initContainers']] as const) {
    const next = spec[key] ?? [];
    const prev = oldSpec[key] ?? [];
    // ValidateContainerUpdates
    if (next.length !== prev.length) {
      errs.push(field.forbidden(path, 'pod updates may not add or remove containers'));
      return errs;
    }
    next.forEach((c, i) => {
      const image = c.image ?? '';
      if (!image) errs.push(field.required(`${path}[${i}].image`));
      if (image.trim().length !== image.length) errs.push(field.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }

  // activeDeadlineSeconds: from nil to positive, or from positive to a lesser, non-negative value
  const ads = spec.activeDeadlineSeconds;
  if (ads != null) {
    if (ads < 0 || ads > MAX_INT32) {
      errs.push(field.invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, MAX_INT32)));
      return errs;
    }
    if (oldSpec.activeDeadlineSeconds != null && oldSpec.activeDeadlineSeconds < ads) {
      errs.push(field.invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value'));
      return errs;
    }
  } else if (oldSpec.activeDeadlineSeconds != null) {
    errs.push(field.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }

  errs.push(...validateOnlyAddedTolerations(spec.tolerations ?? [], oldSpec.tolerations ?? []));
  errs.push(...validateOnlyDeletedSchedulingGates(spec, oldSpec));

  if (semanticEqual(spec, oldSpec)) return errs;

  // Munge the updatable fields back to their old values, then compare what is left.
  const munged = deepClone(spec) as PodSpec & Json;
  (munged.containers ?? []).forEach((c, i) => { c.image = oldSpec.containers?.[i]?.image; });
  (munged.initContainers ?? []).forEach((c, i) => { c.image = oldSpec.initContainers?.[i]?.image; });
  setOrDelete(munged, 'activeDeadlineSeconds', oldSpec.activeDeadlineSeconds);
  setOrDelete(munged, 'schedulingGates', oldSpec.schedulingGates);
  setOrDelete(munged, 'tolerations', oldSpec.tolerations);
  // "Relax validation of immutable fields to allow it to be set to 1 if it was previously negative."
  if ((oldSpec.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = oldSpec.terminationGracePeriodSeconds;
  }
  // "Handle validations specific to gated pods": nodeSelector may only grow while gated
  if (oldSpec.schedulingGates?.length && !semanticEqual(munged.nodeSelector ?? {}, oldSpec.nodeSelector ?? {})) {
    const next = munged.nodeSelector ?? {};
    const changed = Object.entries(oldSpec.nodeSelector ?? {}).some(([k, v]) => next[k] !== v);
    if (changed) errs.push(goField.invalid('spec.nodeSelector', goStringMap(next), 'only additions to spec.nodeSelector are allowed (no mutations or deletions)'));
    setOrDelete(munged, 'nodeSelector', oldSpec.nodeSelector);
  }

  if (!semanticEqual(munged, oldSpec)) {
    // "This diff isn't perfect, but it's a helluva lot better an "I'm not going to tell you what the difference is"."
    const specDiff = goCmpDiff(goType('core.PodSpec'), storedForm(toInternalPodSpec(oldSpec as unknown as Json)), storedForm(toInternalPodSpec(munged)));
    errs.push(field.forbidden('spec', `pod updates may not change fields other than ${UPDATABLE_POD_SPEC_FIELDS.join(',')}\n${specDiff}`));
  }
  return errs;
}

// ValidateObjectMetaAccessorUpdate: what metadata an update may not change.
export function validateObjectMetaUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const m = pod.metadata;
  const o = old.metadata;
  if (o.deletionTimestamp) {
    // ValidateNoNewFinalizers
    const added = (m.finalizers ?? []).filter((f) => !(o.finalizers ?? []).includes(f));
    if (added.length) {
      errs.push(field.forbidden('metadata.finalizers', `no new finalizers can be added if the object is being deleted, found new finalizers ${goStringSlice(added)}`));
    }
  }
  // ValidateImmutableField: `Invalid value: <new>: field is immutable`
  for (const key of ['name', 'namespace', 'uid', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds'] as const) {
    if (!deepEqual(m[key], o[key])) errs.push(field.invalid(`metadata.${key}`, m[key] ?? null, 'field is immutable'));
  }
  errs.push(...validateLabels(m.labels, 'metadata.labels'));
  errs.push(...validateAnnotations(m.annotations, 'metadata.annotations'));
  return errs;
}

// ValidatePodSpecificAnnotationUpdates: the mirror-pod annotation cannot be added, changed or removed
export function validatePodSpecificAnnotationUpdates(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const next = pod.metadata.annotations ?? {};
  const prev = old.metadata.annotations ?? {};
  const path = `metadata.annotations[${MIRROR_POD_ANNOTATION}]`;
  if (MIRROR_POD_ANNOTATION in prev && next[MIRROR_POD_ANNOTATION] !== prev[MIRROR_POD_ANNOTATION]) {
    errs.push(field.forbidden(path, 'may not remove or update mirror pod annotation'));
  }
  if (!(MIRROR_POD_ANNOTATION in prev) && MIRROR_POD_ANNOTATION in next) errs.push(field.forbidden(path, 'may not add mirror pod annotation'));
  return errs;
}

// validateOnlyAddedTolerations: every old toleration must still be there (its tolerationSeconds may change)
function validateOnlyAddedTolerations(next: Toleration[], prev: Toleration[]): FieldError[] {
  for (const o of prev) {
    // "assign to our clone before doing a deep equal so we can allow tolerationseconds to change"
    const found = next.some((n) => deepEqual(normToleration({ ...o, tolerationSeconds: n.tolerationSeconds }), normToleration(n)));
    if (!found) return [field.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, 'spec.tolerations');
}

function normToleration(t: Toleration): Json {
  return { key: t.key ?? '', operator: t.operator ?? '', value: t.value ?? '', effect: t.effect ?? '', tolerationSeconds: t.tolerationSeconds ?? null };
}

// validateOnlyDeletedSchedulingGates
function validateOnlyDeletedSchedulingGates(spec: PodSpec, old: PodSpec): FieldError[] {
  const next = spec.schedulingGates ?? [];
  if (!next.length) return [];
  const oldNames = new Set((old.schedulingGates ?? []).map((g) => g.name));
  const added = new Map<string, number>();
  next.forEach((g, i) => added.set(g.name, i));
  const errs: FieldError[] = [];
  for (const [name, i] of added) {
    if (oldNames.has(name)) continue;
    errs.push(field.forbidden(`spec.schedulingGates[${i}].name`, `only deletion is allowed, but found new scheduling gate '${name}'`));
  }
  return errs;
}

/**
 * apiequality.Semantic.DeepEqual on stored JSON: nil equals empty for lists and maps (quantities
 * are already canonical strings after defaulting, so they compare as strings).
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmpty(a) && isEmpty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

// a nil, an empty list or an empty map
function isEmpty(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (isPlainObject(v) && Object.keys(v).length === 0);
}

function isPlainObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function setOrDelete(obj: Json, key: string, value: unknown): void {
  if (value === undefined) delete obj[key];
  else obj[key] = deepClone(value);
}

/**
 * The old object comes from storage (protobuf), where an empty list decodes as nil; our store
 * keeps `[]` from the request, so both sides are read that way (a request's explicit `[]`
 * versus nil is semantically equal anyway).
 */
function storedForm(v: unknown): unknown {
  if (Array.isArray(v)) return v.length ? v.map(storedForm) : undefined;
  if (isPlainObject(v)) {
    const out: Json = {};
    for (const [k, x] of Object.entries(v)) {
      const s = storedForm(x);
      if (s !== undefined) out[k] = s;
    }
    return out;
  }
  return v;
}

// %#v of a sorted []string: []string{"a", "b"}
function goStringSlice(xs: string[]): string {
  return `[]string{${[...xs].sort().map((x) => formatValue(x)).join(', ')}}`;
}
