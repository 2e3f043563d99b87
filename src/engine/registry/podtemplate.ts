// The pod template rules shared by Deployments and ReplicaSets:
// ValidatePodTemplateSpecForReplicaSet (pkg/apis/apps/validation/validation.go) and
// ValidatePodTemplateSpec (pkg/apis/core/validation/validation.go).
import type { LabelSelector, PodTemplateSpec } from '../api/types';
import { field, type FieldError } from '../errors';
import { fromLabelSelector, isEmptyLabelSelector, matches } from '../store/selectors';
import { goField, goLabelSelector, goStringMap } from './gofmt';
import { validateLabelSelector } from './validation';
import { validateLabels } from './names';

/** How a workload spec's pod template is checked against its PodSpec rules (the Pod registry's). */
export type PodSpecValidator = (spec: NonNullable<PodTemplateSpec['spec']>, path: string) => FieldError[];

/** The selector rules of ValidateDeploymentSpec / ValidateReplicaSetSpec. */
export function validateWorkloadSelector(selector: LabelSelector | undefined, path: string): FieldError[] {
  if (!selector) return [field.required(path)];
  const errs = validateLabelSelector(selector, path);
  if (isEmptyLabelSelector(selector)) {
    // apps validation.go: the same text for ReplicaSets, an upstream quirk.
    errs.push(goField.invalid(path, goLabelSelector(selector), 'empty selector is invalid for deployment'));
  }
  return errs;
}

export function validatePodTemplateForReplicaSet(
  template: PodTemplateSpec | undefined, selector: LabelSelector | undefined, path: string, validatePodSpec?: PodSpecValidator,
): FieldError[] {
  if (!template) return [field.required(path)];
  const errs: FieldError[] = [];
  const labels = template.metadata?.labels;
  if (selector && !isEmptyLabelSelector(selector) && !matches(fromLabelSelector(selector), labels)) {
    errs.push(goField.invalid(`${path}.metadata.labels`, goStringMap(labels), '`selector` does not match template `labels`'));
  }
  // ValidatePodTemplateSpec: labels are reported on "<path>.labels" (sic).
  errs.push(...validateLabels(labels, `${path}.labels`));
  if (template.spec && validatePodSpec) errs.push(...validatePodSpec(template.spec, `${path}.spec`));
  if ((template.spec?.ephemeralContainers ?? []).length) {
    errs.push(field.forbidden(`${path}.spec.ephemeralContainers`, 'ephemeral containers not allowed in pod template'));
  }
  const restart = template.spec?.restartPolicy;
  if (restart !== 'Always') errs.push(field.notSupported(`${path}.spec.restartPolicy`, restart ?? '', ['Always']));
  if (template.spec?.activeDeadlineSeconds !== undefined) {
    errs.push(field.forbidden(`${path}.spec.activeDeadlineSeconds`, 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

/** apivalidation.ValidateImmutableField on spec.selector (pkg/registry/apps/deployment|replicaset strategy.go ValidateUpdate). */
export function validateSelectorImmutable(now: LabelSelector | undefined, was: LabelSelector | undefined, path: string): FieldError[] {
  if (JSON.stringify(normalize(now)) === JSON.stringify(normalize(was))) return [];
  return [goField.invalid(path, goLabelSelector(now), 'field is immutable')];
}

function normalize(s: LabelSelector | undefined) {
  if (!s) return null;
  const ml = s.matchLabels ? Object.fromEntries(Object.entries(s.matchLabels).sort()) : null;
  return { ml, me: s.matchExpressions ?? null };
}

