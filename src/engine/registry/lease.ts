// Lease strategy (pkg/registry/coordination/lease/strategy.go) and ValidateLeaseSpec
// (pkg/apis/coordination/validation/validation.go). Lease has no status: every field is spec.
import type { KubeObject, StoredLease } from '../api/types';
import { field, type FieldError } from '../errors';
import type { Strategy } from './strategy';

type L = StoredLease & KubeObject;

export const leaseStrategy: Strategy = {
  prepareForCreate(obj) {
    // strategy.go PrepareForCreate: the CoordinatedLeaderElection gate is off (alpha in 1.32),
    // so the coordinated-election fields are dropped
    const spec = (obj as L).spec;
    if (spec) {
      delete spec.strategy;
      delete spec.preferredHolder;
    }
  },

  prepareForUpdate(obj, old) {
    // strategy.go PrepareForUpdate: with the gate off, a field may only stay if it was already set
    const spec = (obj as L).spec;
    const prev = (old as L).spec;
    if (!spec) return;
    if (prev?.strategy === undefined) delete spec.strategy;
    if (prev?.preferredHolder === undefined) delete spec.preferredHolder;
  },

  validate(obj) {
    return validateLeaseSpec(obj as L);
  },
};

/** validation.go ValidateLeaseSpec: acquireTime and renewTime are MicroTimes the decoder checks. */
function validateLeaseSpec(lease: L): FieldError[] {
  const errs: FieldError[] = [];
  const spec = lease.spec ?? {};
  if (spec.leaseDurationSeconds !== undefined && spec.leaseDurationSeconds <= 0) {
    errs.push(field.invalid('spec.leaseDurationSeconds', spec.leaseDurationSeconds, 'must be greater than 0'));
  }
  if (spec.leaseTransitions !== undefined && spec.leaseTransitions < 0) {
    errs.push(field.invalid('spec.leaseTransitions', spec.leaseTransitions, 'must be greater than or equal to 0'));
  }
  return errs;
}
