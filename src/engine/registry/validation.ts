// Field validators that are not name rules: label selectors (k8s.io/apimachinery
// pkg/apis/meta/v1/validation/validation.go ValidateLabelSelector, v0.32) and non-negative numbers
// (pkg/apis/core/validation ValidateNonnegativeField). The name rules live in ./names.
import { field, type FieldError } from '../errors';
import type { LabelSelector } from '../api/types';
import { isQualifiedName, isValidLabelValue, validateLabels } from './names';

/** meta/v1/validation ValidateLabelSelector (AllowInvalidLabelValueInSelector: false). */
export function validateLabelSelector(sel: LabelSelector | undefined, path: string): FieldError[] {
  if (!sel) return [];
  const errs = validateLabels(sel.matchLabels, `${path}.matchLabels`);
  (sel.matchExpressions ?? []).forEach((e, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = e.values ?? [];
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (!values.length) errs.push(field.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length) errs.push(field.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(field.invalid(`${p}.operator`, e.operator, 'not a valid selector operator'));
    }
    for (const m of isQualifiedName(e.key ?? '')) errs.push(field.invalid(`${p}.key`, e.key ?? '', m));
    values.forEach((v, j) => {
      for (const m of isValidLabelValue(v)) errs.push(field.invalid(`${p}.values[${j}]`, v, m));
    });
  });
  return errs;
}

/** core/validation ValidateNonnegativeField: "must be greater than or equal to 0". */
export function validateNonnegative(value: number | undefined, path: string): FieldError[] {
  return value !== undefined && value < 0 ? [field.invalid(path, value, 'must be greater than or equal to 0')] : [];
}
