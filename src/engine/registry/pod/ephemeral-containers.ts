// The pods/ephemeralcontainers subresource (pkg/registry/core/pod/strategy.go
// podEphemeralContainersStrategy, pkg/apis/core/validation/validation.go
// ValidatePodEphemeralContainersUpdate): the only way to add ephemeral containers to a Pod. An
// update through it changes nothing but spec.ephemeralContainers, and existing ones may not be
// changed or removed. The store routes `subresource: 'ephemeralcontainers'` writes here.
import type { EphemeralContainer, PodSpec } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types';
import type { SubresourceStrategy } from '../strategy';
import { field, type FieldError } from '../../errors';
import { deepEqual } from '../../store/clone';
import { MIRROR_POD_ANNOTATION, validatePodMetadataAndSpec } from './validation';
import { validateObjectMetaUpdate, validatePodSpecificAnnotationUpdates } from './validation-update';
import { goCmpDiff } from './gocmp-report';
import { goType } from './gotypes';

type Json = Record<string, unknown>;

export const ephemeralContainersStrategy: SubresourceStrategy = {
  prepareForUpdate(obj, old) {
    dropNonEphemeralContainerUpdates(obj, old);
  },
  validateUpdate(obj, old) {
    return validatePodEphemeralContainersUpdate(obj, old);
  },
};

/**
 * ValidatePodEphemeralContainersUpdate: the new pod differs from the old one only in its
 * ephemeral containers (the subresource's strategy dropped every other change).
 */
export function validatePodEphemeralContainersUpdate(pod: KubeObject, old: KubeObject): FieldError[] {
  const errs = validateObjectMetaUpdate(pod, old);
  errs.push(...validatePodMetadataAndSpec(pod));
  errs.push(...validatePodSpecificAnnotationUpdates(pod, old));
  // "static pods don't support ephemeral containers #113935"
  if (MIRROR_POD_ANNOTATION in (old.metadata.annotations ?? {})) return [field.forbidden('', 'static pods do not support ephemeral containers')];
  // "Existing EphemeralContainers may not be changed. Order isn't preserved by patch, so check each individually."
  const path = 'spec.ephemeralContainers';
  const next = new Map(((pod.spec as PodSpec).ephemeralContainers ?? []).map((c) => [c.name, c]));
  for (const prev of (old.spec as PodSpec).ephemeralContainers ?? []) {
    const now = next.get(prev.name);
    if (!now) {
      errs.push(field.forbidden(path, `existing ephemeral containers "${prev.name}" may not be removed\n`));
    } else if (!deepEqual(prev, now)) {
      const diff = goCmpDiff(goType('core.EphemeralContainer'), prev, now);
      errs.push(field.forbidden(path, `existing ephemeral containers "${prev.name}" may not be changed\n${diff}`));
    }
  }
  return errs;
}

/**
 * strategy.go podEphemeralContainersStrategy PrepareForUpdate (dropNonEphemeralContainerUpdates):
 * the request may only bring new ephemeral containers; everything else stays as stored.
 */
export function dropNonEphemeralContainerUpdates(pod: KubeObject, old: KubeObject): void {
  const ephemeral = (pod.spec as PodSpec | undefined)?.ephemeralContainers as EphemeralContainer[] | undefined;
  const spec: Json = { ...(old.spec as Json) };
  // podutil.DropDisabledPodFields: InPlacePodVerticalScaling is off in 1.32, so resizePolicy is
  // dropped unless the stored pod already uses it
  const oldSpec = old.spec as PodSpec;
  const resizeInUse = [...oldSpec.containers, ...(oldSpec.initContainers ?? [])].some((c) => c.resizePolicy?.length);
  if (!resizeInUse) for (const c of ephemeral ?? []) if ('resizePolicy' in c) delete c.resizePolicy;
  if (ephemeral) spec.ephemeralContainers = ephemeral;
  else delete spec.ephemeralContainers;
  pod.spec = spec;
  pod.status = old.status;
  // metav1.ResetObjectMetaForStatus: labels, annotations, finalizers and owners stay as stored
  pod.metadata = { ...old.metadata };
}
