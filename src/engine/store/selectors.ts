// Label and field selectors, as the API server evaluates them.
// Syntax from k8s.io/apimachinery/pkg/labels/selector.go (Parse) and pkg/fields/selector.go.
import type { LabelSelector } from '../api/types';
import { newBadRequest } from '../errors';

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

/** A parsed selector: every requirement must hold. An empty selector matches everything. */
export type Selector = Requirement[];

export function matches(sel: Selector, labels: Readonly<Record<string, string>> | undefined): boolean {
  for (const r of sel) if (!matchRequirement(r, labels ?? {})) return false;
  return true;
}

function matchRequirement(r: Requirement, labels: Readonly<Record<string, string>>): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.op) {
    case 'Equals':
    case 'In':
      return has && r.values.includes(v!);
    case 'NotEquals':
    case 'NotIn':
      return !has || !r.values.includes(v!);
    case 'Exists':
      return has;
    case 'DoesNotExist':
      return !has;
    case 'Gt':
    case 'Lt': {
      if (!has) return false;
      const n = Number(v);
      const bound = Number(r.values[0]);
      if (!Number.isInteger(n) || !Number.isInteger(bound)) return false;
      return r.op === 'Gt' ? n > bound : n < bound;
    }
  }
}

/** metav1.LabelSelectorAsSelector: matchLabels and matchExpressions to requirements. */
export function fromLabelSelector(ls: LabelSelector | undefined | null): Selector {
  if (!ls) return [];
  const out: Selector = [];
  for (const [k, v] of Object.entries(ls.matchLabels ?? {})) out.push({ key: k, op: 'Equals', values: [v] });
  for (const e of ls.matchExpressions ?? []) {
    const op = e.operator as Operator;
    out.push({ key: e.key, op, values: [...(e.values ?? [])] });
  }
  return out;
}

/** Whether a nil/empty LabelSelector should match nothing (for controllers) — callers decide. */
export function isEmptyLabelSelector(ls: LabelSelector | undefined | null): boolean {
  return !ls || ((!ls.matchLabels || !Object.keys(ls.matchLabels).length) && !ls.matchExpressions?.length);
}

/**
 * Parse the string form: `a=b,c!=d,e in (x,y),f notin (z),g,!h`. `==` is accepted as `=`.
 * Errors read like the API server's (labels.Parse via the list handler).
 */
export function parseLabelSelector(input: string): Selector {
  const s = input.trim();
  if (s === '') return [];
  const out: Selector = [];
  let i = 0;
  const fail = (msg: string): never => {
    throw newBadRequest(`unable to parse requirement: ${msg}`);
  };
  const skipWs = () => {
    while (i < s.length && /\s/.test(s[i]!)) i++;
  };
  const readKey = (): string => {
    skipWs();
    const start = i;
    while (i < s.length && /[A-Za-z0-9._\-/]/.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  while (i < s.length) {
    skipWs();
    let negate = false;
    if (s[i] === '!') {
      negate = true;
      i++;
    }
    const key = readKey();
    if (!key) fail(`found '${s[i] ?? ''}', expected: identifier`);
    skipWs();
    if (negate) {
      out.push({ key, op: 'DoesNotExist', values: [] });
    } else if (i >= s.length || s[i] === ',') {
      out.push({ key, op: 'Exists', values: [] });
    } else if (s.startsWith('!=', i)) {
      i += 2;
      out.push({ key, op: 'NotEquals', values: [readValue()] });
    } else if (s.startsWith('==', i)) {
      i += 2;
      out.push({ key, op: 'Equals', values: [readValue()] });
    } else if (s[i] === '=') {
      i += 1;
      out.push({ key, op: 'Equals', values: [readValue()] });
    } else if (s[i] === '>' || s[i] === '<') {
      const op = s[i] === '>' ? 'Gt' : 'Lt';
      i += 1;
      out.push({ key, op, values: [readValue()] });
    } else {
      const word = readKey().toLowerCase();
      if (word !== 'in' && word !== 'notin') fail(`found '${word}', expected: in, notin, =, ==, !=, gt, lt`);
      skipWs();
      if (s[i] !== '(') fail(`found '${s[i] ?? ''}', expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        skipWs();
        if (s[i] === ')') {
          i++;
          break;
        }
        values.push(readValue());
        skipWs();
        if (s[i] === ',') i++;
        else if (s[i] !== ')') fail(`found '${s[i] ?? ''}', expected: ',' or ')'`);
      }
      out.push({ key, op: word === 'in' ? 'In' : 'NotIn', values });
    }
    skipWs();
    if (i < s.length) {
      if (s[i] !== ',') fail(`found '${s[i]}', expected: ',' or 'end of string'`);
      i++;
    }
  }
  return out;

  function readValue(): string {
    skipWs();
    const start = i;
    while (i < s.length && /[A-Za-z0-9._-]/.test(s[i]!)) i++;
    return s.slice(start, i);
  }
}

/** Render a selector back to the string form (labels.Selector.String). */
export function selectorString(sel: Selector): string {
  return sel
    .map((r) => {
      switch (r.op) {
        case 'Equals': return `${r.key}=${r.values[0]}`;
        case 'NotEquals': return `${r.key}!=${r.values[0]}`;
        case 'In': return `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn': return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists': return r.key;
        case 'DoesNotExist': return `!${r.key}`;
        case 'Gt': return `${r.key}>${r.values[0]}`;
        case 'Lt': return `${r.key}<${r.values[0]}`;
      }
    })
    .join(',');
}

// ---- field selectors ----

export interface FieldRequirement {
  field: string;
  op: '=' | '!=';
  value: string;
}

/** `metadata.name=web,status.phase!=Running` (fields.ParseSelector; `==` accepted). */
export function parseFieldSelector(input: string): FieldRequirement[] {
  const s = input.trim();
  if (!s) return [];
  return s.split(',').map((part) => {
    const m = /^\s*([^!=\s]+)\s*(==|=|!=)\s*(.*?)\s*$/.exec(part);
    if (!m) throw newBadRequest(`invalid selector: '${input}'; can't understand '${part}'`);
    return { field: m[1]!, op: m[2] === '!=' ? '!=' : '=', value: m[3]! };
  });
}

type Getter = (obj: any) => string; // eslint-disable-line @typescript-eslint/no-explicit-any

const str = (v: unknown): string => (v === undefined || v === null ? '' : String(v));

const META: Record<string, Getter> = {
  'metadata.name': (o) => str(o.metadata?.name),
  'metadata.namespace': (o) => str(o.metadata?.namespace),
};

/**
 * The fields each kind lets selectors use, as getters (pkg/registry/core/pod/strategy.go
 * PodToSelectableFields, event/strategy.go, node/strategy.go, namespace/strategy.go,
 * secret/strategy.go, apps replicaset/strategy.go).
 */
const SELECTABLE: Record<string, Record<string, Getter>> = {
  pods: {
    'spec.nodeName': (o) => str(o.spec?.nodeName),
    'spec.restartPolicy': (o) => str(o.spec?.restartPolicy),
    'spec.schedulerName': (o) => str(o.spec?.schedulerName),
    'spec.serviceAccountName': (o) => str(o.spec?.serviceAccountName),
    'spec.hostNetwork': (o) => String(o.spec?.hostNetwork ?? false),
    'status.phase': (o) => str(o.status?.phase),
    'status.podIP': (o) => str(o.status?.podIP),
    'status.nominatedNodeName': (o) => str(o.status?.nominatedNodeName),
  },
  events: {
    'involvedObject.kind': (o) => str(o.involvedObject?.kind),
    'involvedObject.namespace': (o) => str(o.involvedObject?.namespace),
    'involvedObject.name': (o) => str(o.involvedObject?.name),
    'involvedObject.uid': (o) => str(o.involvedObject?.uid),
    'involvedObject.apiVersion': (o) => str(o.involvedObject?.apiVersion),
    'involvedObject.resourceVersion': (o) => str(o.involvedObject?.resourceVersion),
    'involvedObject.fieldPath': (o) => str(o.involvedObject?.fieldPath),
    reason: (o) => str(o.reason),
    reportingComponent: (o) => str(o.reportingComponent),
    source: (o) => str(o.source?.component),
    type: (o) => str(o.type),
  },
  nodes: { 'spec.unschedulable': (o) => String(o.spec?.unschedulable ?? false) },
  namespaces: { 'status.phase': (o) => str(o.status?.phase) },
  secrets: { type: (o) => str(o.type) },
  replicasets: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
};

/** A compiled field selector: a predicate over objects of one resource. */
export type FieldMatcher = (obj: unknown) => boolean;

/**
 * Compile requirements once (per list or watch). An unsupported field is a BadRequest, as the
 * conversion funcs report it (pkg/apis/core/v1/conversion.go: "field label not supported: %s").
 */
export function compileFieldSelector(resource: string, reqs: FieldRequirement[]): FieldMatcher | undefined {
  if (!reqs.length) return undefined;
  const table = SELECTABLE[resource];
  const checks = reqs.map((r) => {
    const get = META[r.field] ?? table?.[r.field];
    if (!get) throw newBadRequest(`field label not supported: ${r.field}`);
    return { get, eq: r.op === '=', value: r.value };
  });
  return (obj) => {
    for (const c of checks) if ((c.get(obj) === c.value) !== c.eq) return false;
    return true;
  };
}

/** Every selectable field of an object (for display and tests). */
export function selectableFields(resource: string, obj: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, get] of Object.entries({ ...META, ...(SELECTABLE[resource] ?? {}) })) out[k] = get(obj);
  return out;
}
