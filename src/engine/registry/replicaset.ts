// ReplicaSet strategy: SetDefaults_ReplicaSet (pkg/apis/apps/v1/defaults.go),
// pkg/registry/apps/replicaset/strategy.go and ValidateReplicaSet(Spec|Update)
// (pkg/apis/apps/validation/validation.go).
import type { KubeObject, StoredReplicaSet } from '../api/types';
import type { FieldError } from '../errors';
import type { Strategy } from './strategy';
import { validateTemplatePodSpec } from './pod';
import { defaultTemplate } from './deployment';
import { validatePodTemplateForReplicaSet, validateSelectorImmutable, validateWorkloadSelector } from './podtemplate';
import { validateNonnegative } from './validation';

type Rs = StoredReplicaSet & KubeObject;

export const replicaSetStrategy: Strategy = {
  defaults(obj) {
    const rs = obj as Rs;
    const spec = (rs.spec ??= { selector: undefined as never });
    spec.replicas ??= 1;
    defaultTemplate(spec.template, 'ReplicaSet');
  },

  validate(obj) {
    return validateReplicaSetSpec(obj as Rs);
  },

  validateUpdate(obj, old) {
    const rs = obj as Rs;
    return [...validateReplicaSetSpec(rs), ...validateSelectorImmutable(rs.spec?.selector, (old as Rs).spec?.selector, 'spec.selector')];
  },
};

/** validation.go ValidateReplicaSetSpec. */
function validateReplicaSetSpec(rs: Rs): FieldError[] {
  const spec = rs.spec!;
  return [
    ...validateNonnegative(spec.replicas, 'spec.replicas'),
    ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateWorkloadSelector(spec.selector, 'spec.selector'),
    ...validatePodTemplateForReplicaSet(spec.template, spec.selector, 'spec.template', validateTemplatePodSpec),
  ];
}
