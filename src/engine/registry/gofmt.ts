// Go's `%#v` rendering of the few non-scalar values that field errors print.
// In v1.32, field.Error.ErrorBody (k8s.io/apimachinery pkg/util/validation/field/errors.go)
// prints anything that is not a string, number or bool with `%#v` (after dereferencing a
// pointer), so learners see e.g. `map[string]string{"app":"x"}` rather than JSON.
import { FieldError, goQuote, type FieldErrorType } from '../errors';
import type { LabelSelector } from '../api/types';

// ErrorType.String() for the value-carrying types.
const TYPE_TEXT: Partial<Record<FieldErrorType, string>> = {
  Invalid: 'Invalid value',
  Duplicate: 'Duplicate value',
  NotSupported: 'Unsupported value',
  NotFound: 'Not found',
};

/** A field error whose bad value is already rendered the way Go's `%#v` prints it. */
export class GoValueFieldError extends FieldError {
  constructor(type: 'Invalid' | 'Duplicate' | 'NotSupported', fieldPath: string, readonly goValue: string, detail: string) {
    super(type, fieldPath, goValue, detail);
  }

  override bodyWithoutField(): string {
    let s = `${TYPE_TEXT[this.type]}: ${this.goValue}`;
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }
}

export const goField = {
  invalid: (path: string, goValue: string, detail: string) => new GoValueFieldError('Invalid', path, goValue, detail),
  duplicate: (path: string, goValue: string) => new GoValueFieldError('Duplicate', path, goValue, ''),
  notSupported: (path: string, goValue: string, valid: readonly string[]) =>
    new GoValueFieldError('NotSupported', path, goValue, valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : ''),
};

/** `map[string]string{"a":"1", "b":"2"}` (fmt sorts map keys); nil prints `map[string]string(nil)`. */
export function goStringMap(m: Readonly<Record<string, string>> | undefined | null): string {
  if (!m) return 'map[string]string(nil)';
  const entries = Object.keys(m).sort().map((k) => `${goQuote(k)}:${goQuote(m[k]!)}`);
  return `map[string]string{${entries.join(', ')}}`;
}

/** `[]string{"a", "b"}`; nil prints `[]string(nil)`. */
export function goStringSlice(xs: readonly string[] | undefined | null): string {
  if (!xs) return '[]string(nil)';
  return `[]string{${xs.map(goQuote).join(', ')}}`;
}

/** A metav1.LabelSelector (the pointer is dereferenced by ErrorBody, so no leading `&`). */
export function goLabelSelector(sel: LabelSelector | undefined | null): string {
  if (!sel) return 'null';
  const exprs = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions
        .map((e) => `v1.LabelSelectorRequirement{Key:${goQuote(e.key)}, Operator:${goQuote(e.operator)}, Values:${goStringSlice(e.values)}}`)
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels)}, MatchExpressions:${exprs}}`;
}

/** An intstr.IntOrString value: Type 0 is Int, 1 is String. */
export function goIntOrString(v: number | string | undefined): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  return `intstr.IntOrString{Type:0, IntVal:${v ?? 0}, StrVal:""}`;
}
