// What the three patch kinds share: JSON value helpers and errors as the apiserver reports them
// (k8s.io/apiserver pkg/endpoints/handlers/patch.go applyJSPatch, interpretStrategicMergePatchError).
import { StatusError } from '../errors';

export type JsonMap = Record<string, unknown>;
export const isMap = (v: unknown): v is JsonMap => v !== null && typeof v === 'object' && !Array.isArray(v);


// errors.NewGenericServerResponse(422, ...): the library's reason is dropped from the Status, which
// is why kubectl only says "The request is invalid: the server rejected our request due to an error
// in our request". We keep the library's text in `cause` for debugging.
const REJECTED = 'the server rejected our request due to an error in our request';

export function rejected(detail: string): StatusError {
  const err = new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: REJECTED, reason: 'Invalid', details: {}, code: 422 });
  err.cause = detail;
  return err;
}

// apiserver ErrorToAPIStatus for an error that is not a Status: code 500, StatusReasonUnknown ("").
// kubectl prints these as "Error from server: <message>".
export function serverError(message: string): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: '', code: 500 });
}

/** Go's %v for decoded JSON: maps as `map[k:v]` with sorted keys, slices as `[a b]`, nil as `<nil>`. */
export function goFormat(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goFormat).join(' ')}]`;
  if (isMap(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goFormat(v[k])}`).join(' ')}]`;
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

// %v of int64 prints digits; of float64 it is %g with the exponent form below 1e-4 and from 1e21.
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const [mant, exp] = n.toExponential().split('e') as [string, string];
  const e = Number(exp);
  if (e < -4 || e >= 21) return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(n);
}

/** reflect.TypeOf names of decoded JSON values (int64 for integers, as UnmarshalCaseSensitivePreserveInts gives). */
export function goTypeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return '[]interface {}';
  if (typeof v === 'object') return 'map[string]interface {}';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return typeof v === 'boolean' ? 'bool' : 'string';
}

// encoding/json UnmarshalTypeError wording for the JSON kinds.
export function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}
