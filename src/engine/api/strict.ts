// Strict decoding, as the API server's JSON serializer does it with fieldValidation=Strict:
// unknown fields (sigs.k8s.io/json DisallowUnknownFields), type mismatches (encoding/json
// UnmarshalTypeError) and the custom decoders that can fail (Quantity, IntOrString, []byte).
// Field knowledge comes from the generated schema (scripts/gen-k8s-schema.mjs).
//
// kubectl sends JSON it built from a Go map, so keys arrive sorted; the decoder walks them in
// that order, reports the first type error only, and the unknown fields only when nothing else
// failed. We walk keys sorted too, which also keeps results independent of YAML key order.
import schemaJson from './schema/k8s.json';
import { newBadRequest, type StatusError } from '../errors';
import { Quantity, QuantityError, ERR_FORMAT_WRONG } from '../../shared/quantity';
import { base64ErrorMessage, base64ErrorOffset } from '../../shared/base64';

export interface SchemaNode {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, SchemaNode>;
  additionalProperties?: boolean | SchemaNode;
  items?: SchemaNode;
  format?: string;
  enum?: unknown[];
  const?: unknown;
  description?: string;
  required?: string[];
}

export interface K8sSchema {
  /** `apiVersion/Kind` (e.g. `v1/Pod`, `apps/v1/Deployment`) → definition name. */
  kinds: Record<string, string>;
  /** OpenAPI definition names (`io.k8s.api.core.v1.PodSpec`) → schema. */
  definitions: Record<string, SchemaNode>;
}

export const k8sSchema = schemaJson as unknown as K8sSchema;

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.Time';
const MICRO_TIME = 'io.k8s.apimachinery.pkg.apis.meta.v1.MicroTime';

/** The definition name for a kind, or undefined if Podlab does not serve it. */
export function definitionFor(apiVersion: string | undefined, kind: string | undefined): string | undefined {
  return k8sSchema.kinds[`${apiVersion ?? ''}/${kind ?? ''}`];
}

/** The schema node a `$ref` (or a node with none) stands for. */
export function deref(node: SchemaNode): SchemaNode {
  let n = node;
  for (let i = 0; n.$ref && i < 8; i++) n = k8sSchema.definitions[refName(n.$ref)] ?? {};
  return n;
}

function refName(ref: string): string {
  return ref.replace('#/definitions/', '');
}

// Named Go types the schema cannot tell apart from plain strings/maps; they show in the
// decoder's "of type ..." text. Keyed "<definition>.<field>".
const GO_TYPES: Record<string, string> = {
  'io.k8s.api.core.v1.Container.imagePullPolicy': 'v1.PullPolicy',
  'io.k8s.api.core.v1.Container.terminationMessagePolicy': 'v1.TerminationMessagePolicy',
  'io.k8s.api.core.v1.Container.restartPolicy': 'v1.ContainerRestartPolicy',
  'io.k8s.api.core.v1.PodSpec.restartPolicy': 'v1.RestartPolicy',
  'io.k8s.api.core.v1.PodSpec.dnsPolicy': 'v1.DNSPolicy',
  'io.k8s.api.core.v1.PodSpec.preemptionPolicy': 'v1.PreemptionPolicy',
  'io.k8s.api.core.v1.PodSpec.overhead': 'v1.ResourceList',
  'io.k8s.api.core.v1.ContainerPort.protocol': 'v1.Protocol',
  'io.k8s.api.core.v1.ResourceRequirements.limits': 'v1.ResourceList',
  'io.k8s.api.core.v1.ResourceRequirements.requests': 'v1.ResourceList',
  'io.k8s.api.core.v1.Toleration.operator': 'v1.TolerationOperator',
  'io.k8s.api.core.v1.Toleration.effect': 'v1.TaintEffect',
  'io.k8s.api.core.v1.Taint.effect': 'v1.TaintEffect',
  'io.k8s.api.core.v1.HTTPGetAction.scheme': 'v1.URIScheme',
  'io.k8s.api.core.v1.ServiceSpec.type': 'v1.ServiceType',
  'io.k8s.api.core.v1.Secret.type': 'v1.SecretType',
  'io.k8s.api.core.v1.Secret.data': 'map[string][]uint8',
  'io.k8s.api.core.v1.ConfigMap.binaryData': 'map[string][]uint8',
  'io.k8s.api.core.v1.PersistentVolumeClaimSpec.accessModes': '[]v1.PersistentVolumeAccessMode',
  'io.k8s.api.core.v1.PersistentVolumeSpec.accessModes': '[]v1.PersistentVolumeAccessMode',
  'io.k8s.api.core.v1.PersistentVolumeSpec.capacity': 'v1.ResourceList',
  'io.k8s.api.core.v1.NodeStatus.capacity': 'v1.ResourceList',
  'io.k8s.api.core.v1.NodeStatus.allocatable': 'v1.ResourceList',
};

// Map fields whose values Go decodes as []byte (base64 in JSON).
const BYTES_MAPS = new Set(['io.k8s.api.core.v1.Secret.data', 'io.k8s.api.core.v1.ConfigMap.binaryData']);

interface Walk {
  strictPath: string; // sigs.k8s.io/json strictFieldStack: "spec.containers[0]"
  fieldStack: string[]; // encoding/json errorContext.FieldStack: JSON names of struct fields only
  struct: string; // errorContext.Struct.Name(): the Go struct holding the current field
  goType: string; // the Go type of the value being decoded
  bytes: boolean; // decode a string as base64 ([]byte)
}

interface Result {
  unknown: string[];
  error?: string; // the first decode error (d.saveError keeps only the first)
}

/**
 * The paths of unknown fields, sigs.k8s.io/json style: `spec.containers[0].imag`.
 * `partial` is for patch bodies: strategic-merge directives (`$patch`, `$setElementOrder/...`)
 * and nulls (deletions) are not fields.
 */
export function unknownFields(obj: unknown, partial = false): string[] {
  return decode(obj, partial)?.unknown ?? [];
}

/**
 * The message of the first error the decoder itself would report, e.g.
 * `json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports.containerPort of type int32`,
 * `quantities must match the regular expression ...`, `illegal base64 data at input byte 4`.
 */
export function decodeFailure(obj: unknown, partial = false): string | undefined {
  return decode(obj, partial)?.error;
}

/**
 * What the server answers for a body that does not decode: a type error (BadRequest) if there is
 * one, else under Strict the unknown fields. Undefined when the body is fine.
 */
export function checkDecode(obj: unknown, opts: { partial?: boolean; strict?: boolean } = {}): StatusError | undefined {
  const r = decode(obj, opts.partial ?? false);
  if (!r) return undefined;
  const o = obj as { apiVersion?: string; kind?: string };
  if (r.error) return decodeError(o.kind ?? '', o.apiVersion ?? '', r.error);
  if ((opts.strict ?? true) && r.unknown.length) return strictDecodingError(o.kind ?? '', o.apiVersion ?? '', r.unknown);
  return undefined;
}

/**
 * BadRequest for unknown fields:
 * `Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].imag"`.
 */
export function strictDecodingError(kind: string, apiVersion: string, paths: string[]): StatusError {
  // apimachinery runtime/error.go strictDecodingError.Error: "strict decoding error: " + errors joined by ", "
  // sigs.k8s.io/json strictError.Error: `unknown field "<path>"`
  const detail = `strict decoding error: ${paths.map((p) => `unknown field ${JSON.stringify(p)}`).join(', ')}`;
  return decodeError(kind, apiVersion, detail);
}

/** BadRequest for a body the server cannot decode into the kind (`apiVersion` may carry a group). */
export function decodeError(kind: string, apiVersion: string, message: string): StatusError {
  // apiserver endpoints/handlers/rest.go transformDecodeError: "%s in version %q cannot be handled as a %s: %v"
  // with gvk.Version, so apps/v1 prints as "v1"
  const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
  return newBadRequest(`${kind} in version ${JSON.stringify(version)} cannot be handled as a ${kind}: ${message}`);
}

function decode(obj: unknown, partial: boolean): Result | undefined {
  if (!isObject(obj)) return undefined;
  const def = definitionFor(obj.apiVersion as string | undefined, obj.kind as string | undefined);
  if (!def) return undefined;
  const result: Result = { unknown: [] };
  const kind = String(obj.kind);
  walk(obj, { $ref: def }, { strictPath: '', fieldStack: [], struct: kind, goType: `v1.${kind}`, bytes: false }, partial, result);
  return result;
}

function walk(value: unknown, node: SchemaNode, w: Walk, partial: boolean, r: Result): void {
  if (value === null || value === undefined) return; // JSON null leaves the Go zero value
  const refName_ = node.$ref ? refName(node.$ref) : undefined;
  if (refName_ === QUANTITY) return decodeQuantity(value, r);
  if (refName_ === INT_OR_STRING) return decodeIntOrString(value, r);
  if (refName_ === TIME || refName_ === MICRO_TIME) return decodeTime(value, r);
  const n = deref(node);
  const type = Array.isArray(n.type) ? undefined : n.type;

  if (type === 'object' && n.properties) {
    if (!isObject(value)) return typeError(value, w, r);
    const struct = refName_ ? refName_.slice(refName_.lastIndexOf('.') + 1) : w.struct;
    for (const key of Object.keys(value).sort()) {
      const child = value[key];
      if (partial && (key.startsWith('$') || child === null)) continue;
      const prop = n.properties[key];
      const path = w.strictPath ? `${w.strictPath}.${key}` : key;
      if (!prop) {
        // sigs.k8s.io/json newFieldError: the stack joined, then "." + field
        if (!r.unknown.includes(path) && r.unknown.length < 100) r.unknown.push(path);
        continue;
      }
      const defKey = `${refName_ ?? ''}.${key}`;
      walk(child, prop, {
        strictPath: path,
        fieldStack: [...w.fieldStack, key],
        struct,
        goType: GO_TYPES[defKey] ?? goTypeOf(prop),
        bytes: BYTES_MAPS.has(defKey),
      }, partial, r);
    }
    return;
  }
  if (type === 'object') {
    if (typeof n.additionalProperties !== 'object') return; // free-form JSON (FieldsV1)
    if (!isObject(value)) return typeError(value, w, r);
    const valueNode = n.additionalProperties;
    for (const key of Object.keys(value).sort()) {
      walk(value[key], valueNode, {
        ...w,
        strictPath: w.strictPath ? `${w.strictPath}.${key}` : key,
        goType: w.bytes ? '[]uint8' : goTypeOf(valueNode),
      }, partial, r);
    }
    return;
  }
  if (type === 'array') {
    if (!Array.isArray(value)) return typeError(value, w, r);
    const items = n.items ?? {};
    const elemType = w.goType.startsWith('[]') ? w.goType.slice(2) : goTypeOf(items);
    value.forEach((el, i) => walk(el, items, { ...w, strictPath: `${w.strictPath}[${i}]`, goType: elemType }, partial, r));
    return;
  }
  if (type === 'string') {
    if (typeof value !== 'string') return typeError(value, w, r);
    if (w.bytes) {
      // encoding/json decodes []byte with base64.StdEncoding; its error has no field context
      const bad = base64ErrorOffset(value);
      if (bad >= 0) setError(r, base64ErrorMessage(bad));
    }
    return;
  }
  if (type === 'integer') {
    if (typeof value !== 'number') return typeError(value, w, r);
    const bits = n.format === 'int32' ? 32 : 64;
    if (!Number.isInteger(value) || !fitsInt(value, bits)) typeError(value, w, r, `number ${goNumber(value)}`);
    return;
  }
  if (type === 'number') {
    if (typeof value !== 'number') typeError(value, w, r);
    return;
  }
  if (type === 'boolean') {
    if (typeof value !== 'boolean') typeError(value, w, r);
  }
}

// encoding/json UnmarshalTypeError.Error, with the context addErrorContext fills in.
function typeError(value: unknown, w: Walk, r: Result, valueText = jsonKind(value)): void {
  const field = w.fieldStack.join('.');
  setError(r, `json: cannot unmarshal ${valueText} into Go struct field ${w.struct}.${field} of type ${w.goType}`);
}

function setError(r: Result, message: string): void {
  r.error ??= message; // decodeState.saveError keeps the first error only
}

// resource.Quantity.UnmarshalJSON: anything that is not a parsable quantity fails the decode.
function decodeQuantity(value: unknown, r: Result): void {
  const text = typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : undefined;
  if (text === undefined) return setError(r, ERR_FORMAT_WRONG);
  try {
    Quantity.parse(text);
  } catch (e) {
    setError(r, e instanceof QuantityError ? e.message : ERR_FORMAT_WRONG);
  }
}

// intstr.IntOrString.UnmarshalJSON: a string, else json.Unmarshal into an int32 (no struct context).
function decodeIntOrString(value: unknown, r: Result): void {
  if (typeof value === 'string') return;
  if (typeof value === 'number' && Number.isInteger(value) && fitsInt(value, 32)) return;
  const text = typeof value === 'number' ? `number ${goNumber(value)}` : jsonKind(value);
  setError(r, `json: cannot unmarshal ${text} into Go value of type int32`);
}

// metav1.Time.UnmarshalJSON first reads a JSON string (no struct context on failure).
function decodeTime(value: unknown, r: Result): void {
  if (typeof value !== 'string') setError(r, `json: cannot unmarshal ${jsonKind(value)} into Go value of type string`);
}

/** The Go type name the decoder prints for a schema node. */
function goTypeOf(node: SchemaNode): string {
  if (node.$ref) return goName(refName(node.$ref));
  const n = node;
  const type = Array.isArray(n.type) ? undefined : n.type;
  switch (type) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'integer': return n.format === 'int32' ? 'int32' : 'int64';
    case 'number': return 'float64';
    case 'array': return `[]${goTypeOf(n.items ?? {})}`;
    case 'object':
      if (n.additionalProperties && typeof n.additionalProperties === 'object') return `map[string]${goTypeOf(n.additionalProperties)}`;
      return 'map[string]interface {}';
    default: return 'interface {}';
  }
}

/** `io.k8s.api.core.v1.PodSpec` → `v1.PodSpec` (package name + type name, as %v of a reflect.Type prints). */
export function goName(definition: string): string {
  const parts = definition.split('.');
  return `${parts[parts.length - 2]}.${parts[parts.length - 1]}`;
}

// encoding/json decode.go literalStore: "number", "string", "bool", "array", "object".
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function fitsInt(v: number, bits: 32 | 64): boolean {
  return bits === 32 ? v >= -2147483648 && v <= 2147483647 : Number.isSafeInteger(v) || Math.abs(v) < 2 ** 63;
}

// The literal as the JSON text held it; JS has lost the spelling, so print it the short way.
function goNumber(v: number): string {
  return String(v);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
