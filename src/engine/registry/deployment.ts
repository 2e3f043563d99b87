// Deployment strategy: SetDefaults_Deployment (pkg/apis/apps/v1/defaults.go),
// pkg/registry/apps/deployment/strategy.go and ValidateDeployment(Spec|Update)
// (pkg/apis/apps/validation/validation.go).
import type { KubeObject, PodTemplateSpec, StoredDeployment } from '../api/types';
import { field, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { defaultPodSpec, validateTemplatePodSpec } from './pod';
import { goField, goIntOrString } from './gofmt';
import { validatePodTemplateForReplicaSet, validateSelectorImmutable, validateWorkloadSelector } from './podtemplate';
import { validateNonnegative } from './validation';
import { isValidPercent } from './names';

type Deploy = StoredDeployment & KubeObject;

/** Template defaults shared by Deployments and ReplicaSets: SetDefaults_PodSpec and friends. */
export function defaultTemplate(template: PodTemplateSpec | undefined, kind: string): void {
  if (!template) return;
  // A zero metav1.Time encodes as null: `template.metadata.creationTimestamp: null` in -o yaml.
  template.metadata = { creationTimestamp: null as unknown as undefined, ...(template.metadata ?? {}) };
  if (template.spec) defaultPodSpec(template.spec, kind, 'apps/v1');
}

export const deploymentStrategy: Strategy = {
  defaults(obj) {
    const d = obj as Deploy;
    const spec = (d.spec ??= { selector: undefined as never, template: {} });
    // defaults.go SetDefaults_Deployment
    spec.replicas ??= 1;
    const strategy = (spec.strategy ??= {});
    strategy.type ||= 'RollingUpdate';
    if (strategy.type === 'RollingUpdate') {
      const ru = (strategy.rollingUpdate ??= {});
      ru.maxUnavailable ??= '25%';
      ru.maxSurge ??= '25%';
    }
    spec.revisionHistoryLimit ??= 10;
    spec.progressDeadlineSeconds ??= 600;
    defaultTemplate(spec.template, 'Deployment');
  },

  validate(obj) {
    return validateDeploymentSpec(obj as Deploy);
  },

  validateUpdate(obj, old) {
    const d = obj as Deploy;
    // strategy.go ValidateUpdate: apps/v1 forbids selector changes, checked after the spec.
    return [...validateDeploymentSpec(d), ...validateSelectorImmutable(d.spec?.selector, (old as Deploy).spec?.selector, 'spec.selector')];
  },
};

/** validation.go ValidateDeploymentSpec. */
function validateDeploymentSpec(d: Deploy): FieldError[] {
  const spec = d.spec!;
  const errs: FieldError[] = [...validateNonnegative(spec.replicas, 'spec.replicas')];
  errs.push(...validateWorkloadSelector(spec.selector, 'spec.selector'));
  errs.push(...validatePodTemplateForReplicaSet(spec.template, spec.selector, 'spec.template', validateTemplatePodSpec));
  errs.push(...validateStrategy(d));
  errs.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (spec.progressDeadlineSeconds !== undefined) {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (spec.minReadySeconds ?? 0)) {
      errs.push(field.invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

/** validation.go ValidateDeploymentStrategy / ValidateRollingUpdateDeployment. */
function validateStrategy(d: Deploy): FieldError[] {
  const s = d.spec!.strategy ?? {};
  const errs: FieldError[] = [];
  if (s.type === 'Recreate') {
    if (s.rollingUpdate) errs.push(field.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (s.type === 'RollingUpdate') {
    const ru = s.rollingUpdate!;
    const path = 'spec.strategy.rollingUpdate';
    errs.push(...validateIntOrPercent(ru.maxUnavailable, `${path}.maxUnavailable`));
    errs.push(...validateIntOrPercent(ru.maxSurge, `${path}.maxSurge`));
    if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
      errs.push(goField.invalid(`${path}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
    }
    if (typeof ru.maxUnavailable === 'string' && !isValidPercent(ru.maxUnavailable).length && intOrPercentValue(ru.maxUnavailable) > 100) {
      errs.push(goField.invalid(`${path}.maxUnavailable`, goIntOrString(ru.maxUnavailable), 'must not be greater than 100%'));
    }
  } else {
    const v = `apps.DeploymentStrategy{Type:${JSON.stringify(s.type ?? '')}, RollingUpdate:(*apps.RollingUpdateDeployment)(nil)}`;
    errs.push(goField.notSupported('spec.strategy', v, ['Recreate', 'RollingUpdate']));
  }
  return errs;
}

// validation.go ValidatePositiveIntOrPercent
function validateIntOrPercent(v: number | string | undefined, path: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => goField.invalid(path, goIntOrString(v), m));
  return validateNonnegative(v, path);
}

// validation.go getIntOrPercentValue
function intOrPercentValue(v: number | string | undefined): number {
  if (typeof v === 'string') return isValidPercent(v).length ? 0 : Number(v.slice(0, -1));
  return v ?? 0;
}
