// Typed API errors, shaped like metav1.Status, and field errors with their paths.
// Formats ported from k8s.io/apimachinery: pkg/api/errors/errors.go (New*) and
// pkg/util/validation/field/errors.go (Error.Error, ErrorType.String).

// '' is metav1.StatusReasonUnknown: kubectl prints such errors as "Error from server: <message>".
export type StatusReason =
  | ''
  | 'NotFound' | 'AlreadyExists' | 'Conflict' | 'Invalid' | 'BadRequest' | 'Forbidden'
  | 'MethodNotAllowed' | 'Gone' | 'InternalError' | 'Timeout' | 'Unauthorized';

export interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: Record<string, never>;
  status: 'Failure';
  message: string;
  reason: StatusReason;
  details?: { name?: string; group?: string; kind?: string; causes?: StatusCause[] };
  code: number;
}

export class StatusError extends Error {
  readonly status: Status;
  constructor(status: Status) {
    super(status.message);
    this.name = 'StatusError';
    this.status = status;
  }
  get reason(): StatusReason { return this.status.reason; }
  get code(): number { return this.status.code; }
}

export function isStatusError(e: unknown, reason?: StatusReason): e is StatusError {
  return e instanceof StatusError && (reason === undefined || e.status.reason === reason);
}

function status(code: number, reason: StatusReason, message: string, details?: Status['details']): StatusError {
  return new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, details, code });
}

/** Qualified resource as apimachinery prints it: `pods`, `deployments.apps`. */
export function qualified(resource: string, group = ''): string {
  return group ? `${resource}.${group}` : resource;
}

// errors.NewNotFound: "%s %q not found"
export function newNotFound(resource: string, name: string, group = ''): StatusError {
  return status(404, 'NotFound', `${qualified(resource, group)} ${goQuote(name)} not found`, { name, group: group || undefined, kind: resource });
}

// errors.NewAlreadyExists: "%s %q already exists"
export function newAlreadyExists(resource: string, name: string, group = ''): StatusError {
  return status(409, 'AlreadyExists', `${qualified(resource, group)} ${goQuote(name)} already exists`, { name, group: group || undefined, kind: resource });
}

// errors.NewConflict: "Operation cannot be fulfilled on %s %q: %v"
export function newConflict(resource: string, name: string, detail: string, group = ''): StatusError {
  return status(409, 'Conflict', `Operation cannot be fulfilled on ${qualified(resource, group)} ${goQuote(name)}: ${detail}`, { name, group: group || undefined, kind: resource });
}

export function newBadRequest(message: string): StatusError {
  return status(400, 'BadRequest', message);
}

// errors.NewForbidden: "%s %q is forbidden: %v"
export function newForbidden(resource: string, name: string, detail: string): StatusError {
  return status(403, 'Forbidden', `${resource} ${goQuote(name)} is forbidden: ${detail}`, { name, kind: resource });
}

export function newMethodNotAllowed(message: string): StatusError {
  return status(405, 'MethodNotAllowed', message);
}

export function newInternalError(message: string): StatusError {
  return status(500, 'InternalError', `Internal error occurred: ${message}`);
}

// errors.NewInvalid: "%s %q is invalid: %v" with the aggregate of field errors
// (one error prints bare; several print as "[a, b]" — utilerrors.aggregate.Error).
export function newInvalid(kind: string, name: string, errs: FieldError[], group = ''): StatusError {
  const causes = errs.map((e) => ({ reason: causeReason(e.type), message: e.bodyWithoutField(), field: e.field }));
  const parts = dedupe(errs.map((e) => e.toString()));
  const agg = parts.length === 1 ? parts[0]! : `[${parts.join(', ')}]`;
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  return status(422, 'Invalid', `${qualifiedKind} ${goQuote(name)} is invalid: ${agg}`, { name, group: group || undefined, kind, causes });
}

function dedupe(xs: string[]): string[] {
  return [...new Set(xs)];
}

// ---- field errors (pkg/util/validation/field/errors.go) ----

export type FieldErrorType = 'NotFound' | 'Required' | 'Invalid' | 'Duplicate' | 'NotSupported' | 'Forbidden' | 'TooLong' | 'TooMany' | 'Internal';

// ErrorType.String()
const TYPE_TEXT: Record<FieldErrorType, string> = {
  NotFound: 'Not found',
  Required: 'Required value',
  Invalid: 'Invalid value',
  Duplicate: 'Duplicate value',
  NotSupported: 'Unsupported value',
  Forbidden: 'Forbidden',
  TooLong: 'Too long',
  TooMany: 'Too many',
  Internal: 'Internal error',
};

// metav1.CauseType values used for Status causes (apimachinery/pkg/api/errors: NewInvalid).
function causeReason(t: FieldErrorType): string {
  return {
    NotFound: 'FieldValueNotFound', Required: 'FieldValueRequired', Invalid: 'FieldValueInvalid', Duplicate: 'FieldValueDuplicate',
    NotSupported: 'FieldValueNotSupported', Forbidden: 'FieldValueForbidden', TooLong: 'FieldValueTooLong',
    TooMany: 'FieldValueTooMany', Internal: 'InternalError',
  }[t];
}

const OMIT = Symbol('omit-value');

export class FieldError {
  constructor(
    readonly type: FieldErrorType,
    readonly field: string,
    readonly value: unknown,
    readonly detail: string,
  ) {}

  /** `<field>: <body>` exactly as field.Error.Error() prints it. */
  toString(): string {
    return `${this.field}: ${this.bodyWithoutField()}`;
  }

  // field.Error.ErrorBody: the type text, then ": <value>" for value-carrying types, then ": <detail>".
  bodyWithoutField(): string {
    let s = TYPE_TEXT[this.type];
    if (this.value !== OMIT && (this.type === 'NotFound' || this.type === 'Invalid' || this.type === 'Duplicate' || this.type === 'NotSupported')) {
      s += `: ${formatValue(this.value)}`;
    }
    if (this.detail) s += `: ${this.detail}`;
    return s;
  }
}

/** How field errors print values: strings quoted like Go %q, numbers and bools bare (ErrorBody). */
export function formatValue(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(v);
}

/** Go's %q for the printable ASCII we deal with. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}

export const field = {
  notFound: (path: string, value: unknown) => new FieldError('NotFound', path, value, ''),
  required: (path: string, detail = '') => new FieldError('Required', path, OMIT, detail),
  invalid: (path: string, value: unknown, detail: string) => new FieldError('Invalid', path, value, detail),
  duplicate: (path: string, value: unknown) => new FieldError('Duplicate', path, value, ''),
  // field.NotSupported: detail is `supported values: "A", "B"`
  notSupported: (path: string, value: unknown, valid: readonly string[]) =>
    new FieldError('NotSupported', path, value, valid.length ? `supported values: ${valid.map(goQuote).join(', ')}` : ''),
  forbidden: (path: string, detail: string) => new FieldError('Forbidden', path, OMIT, detail),
  // field.TooLong: "may not be more than %d bytes"
  tooLong: (path: string, max: number) => new FieldError('TooLong', path, OMIT, `may not be more than ${max} bytes`),
  // field.TooMany: "must have at most %d items"
  tooMany: (path: string, max: number) => new FieldError('TooMany', path, OMIT, `must have at most ${max} items`),
};
