// The comparison half of github.com/google/go-cmp (v0.6, cmp/compare.go + report_value.go +
// internal/diff): walks two values of a Go type (read from JSON through gotypes.ts) and builds
// the value tree the reporter prints. Only what a PodSpec needs: structs, pointers, slices,
// maps, primitives, and resource.Quantity compared with its Equal method.
import { tryParseQuantity } from '../../../shared/quantity';
import type { GoField, GoType } from './gotypes';

export interface VNode {
  type: GoType;
  parent?: VNode;
  x: unknown;
  y: unknown;
  xValid: boolean; // false for a missing map entry or slice element
  yValid: boolean;
  numSame: number;
  numDiff: number;
  numCompared: number;
  numChildren: number;
  maxDepth: number;
  /** Struct fields (key = Go name), slice elements (no key) or map entries (key = map key). */
  records?: Array<{ key?: string; node: VNode }>;
  /** The pointee of a pointer. */
  value?: VNode;
}

type Json = Record<string, unknown>;

/** compareAny: the value tree for x and y of type t. */
export function compareValues(t: GoType, x: unknown, y: unknown): VNode {
  return compareAny(t, x, y, true, true);
}

function node(t: GoType, x: unknown, y: unknown, xValid: boolean, yValid: boolean): VNode {
  return { type: t, x, y, xValid, yValid, numSame: 0, numDiff: 0, numCompared: 0, numChildren: 0, maxDepth: 0 };
}

// valueNode.Report: a leaf
function leaf(n: VNode, equal: boolean, byMethod = false): VNode {
  if (equal) n.numSame++;
  else n.numDiff++;
  if (byMethod) n.numCompared++;
  return n;
}

// valueNode.PopStep: a child's counts roll up into its parent
function attach(parent: VNode, child: VNode): VNode {
  child.parent = parent;
  parent.numSame += child.numSame;
  parent.numDiff += child.numDiff;
  parent.numCompared += child.numCompared;
  parent.numChildren += child.numChildren + 1;
  parent.maxDepth = Math.max(parent.maxDepth, child.maxDepth + 1);
  return child;
}

function compareAny(t: GoType, x: unknown, y: unknown, xValid: boolean, yValid: boolean): VNode {
  const n = node(t, x, y, xValid, yValid);
  // options.go validator: "Implies missing slice element or map entry."
  if (!xValid || !yValid) return leaf(n, xValid === yValid);
  switch (t.k) {
    case 'bool': return leaf(n, Boolean(x) === Boolean(y));
    case 'int': return leaf(n, Number(x ?? 0) === Number(y ?? 0));
    case 'string': return leaf(n, String(x ?? '') === String(y ?? ''));
    case 'quantity': return leaf(n, quantityEqual(x, y), true); // tryMethod: Quantity.Equal
    case 'json': return leaf(n, JSON.stringify(x ?? null) === JSON.stringify(y ?? null));
    case 'struct': {
      n.records = [];
      for (const f of t.fields) {
        const child = compareAny(f.type, fieldValue(x, f, t), fieldValue(y, f, t), true, true);
        n.records.push({ key: f.go, node: attach(n, child) });
      }
      return n;
    }
    case 'ptr': {
      // comparePtr: nil on either side is a leaf
      if (isNil(x) || isNil(y)) return leaf(n, isNil(x) && isNil(y));
      n.value = attach(n, compareAny(t.elem, x, y, true, true));
      return n;
    }
    case 'slice': {
      if (isNil(x) || isNil(y)) return leaf(n, isNil(x) && isNil(y));
      const xs = x as unknown[];
      const ys = y as unknown[];
      n.records = [];
      let ix = 0;
      let iy = 0;
      for (const e of editScript(xs, ys, t.elem)) {
        const child = e === 'X' ? compareAny(t.elem, xs[ix++], undefined, true, false)
          : e === 'Y' ? compareAny(t.elem, undefined, ys[iy++], false, true)
            : compareAny(t.elem, xs[ix++], ys[iy++], true, true);
        n.records.push({ node: attach(n, child) });
      }
      return n;
    }
    case 'map': {
      if (isNil(x) || isNil(y)) return leaf(n, isNil(x) && isNil(y));
      const xm = x as Json;
      const ym = y as Json;
      n.records = [];
      // value.SortKeys over the union of both key sets
      for (const k of [...new Set([...Object.keys(xm), ...Object.keys(ym)])].sort()) {
        const child = compareAny(t.elem, xm[k], ym[k], k in xm, k in ym);
        n.records.push({ key: k, node: attach(n, child) });
      }
      return n;
    }
  }
}

/** The JSON value behind a struct field; embedded structs read the enclosing object. */
export function fieldValue(obj: unknown, f: GoField, parent: GoType): unknown {
  if (parent.k === 'struct' && parent.name === 'intstr.IntOrString') return intOrString(obj, f.go);
  if (f.json === '') return obj ?? {};
  if (obj === null || typeof obj !== 'object') return undefined;
  const v = (obj as Json)[f.json];
  return f.type.k === 'struct' && v === undefined ? {} : v;
}

// intstr.IntOrString{Type, IntVal, StrVal} from its JSON number or string
function intOrString(v: unknown, field: string): unknown {
  const isStr = typeof v === 'string';
  if (field === 'Type') return isStr ? 1 : 0;
  if (field === 'IntVal') return isStr ? 0 : v;
  return isStr ? v : '';
}

export function isNil(v: unknown): boolean {
  return v === undefined || v === null;
}

function quantityEqual(x: unknown, y: unknown): boolean {
  const nano = (v: unknown) => (v === undefined ? 0n : tryParseQuantity(v)?.nano ?? 0n);
  return nano(x) === nano(y);
}

/** reflect.Value.IsZero for a JSON value read as type t. */
export function isZero(t: GoType, v: unknown): boolean {
  switch (t.k) {
    case 'bool': return !v;
    case 'int': return !v;
    case 'string': return !v;
    case 'quantity': return v === undefined;
    case 'json': case 'ptr': case 'slice': case 'map': return isNil(v);
    case 'struct': return t.fields.every((f) => isZero(f.type, fieldValue(v, f, t)));
  }
}

// ---- edit scripts (internal/diff Difference) ----

type Edit = '.' | 'X' | 'Y' | 'M';

// diff.Result.Similar: "NumSame+1 to offset NumSame so that binary comparisons are similar"
function similar(r: VNode): boolean {
  return r.numSame + 1 >= r.numDiff;
}

/**
 * An edit script turning xs into ys: identical pairs, modified pairs (when similar), and
 * unique elements. upstream searches the edit graph Myers-style; this computes a minimal
 * script by dynamic programming, which agrees on the small lists a PodSpec holds.
 */
function editScript(xs: unknown[], ys: unknown[], elem: GoType): Edit[] {
  const nx = xs.length;
  const ny = ys.length;
  const cmp = (i: number, j: number) => compareAny(elem, xs[i], ys[j], true, true);
  // cost[i][j]: edits needed for xs[i:] vs ys[j:]
  const cost: number[][] = Array.from({ length: nx + 1 }, () => new Array<number>(ny + 1).fill(0));
  const kind: Edit[][] = Array.from({ length: nx + 1 }, () => new Array<Edit>(ny + 1).fill('.'));
  for (let i = nx; i >= 0; i--) {
    for (let j = ny; j >= 0; j--) {
      if (i === nx && j === ny) continue;
      let best = Infinity;
      let how: Edit = '.';
      if (i < nx && j < ny) {
        const r = cmp(i, j);
        if (r.numDiff === 0 && cost[i + 1]![j + 1]! < best) { best = cost[i + 1]![j + 1]!; how = '.'; }
        else if (similar(r) && cost[i + 1]![j + 1]! + 1 < best) { best = cost[i + 1]![j + 1]! + 1; how = 'M'; }
      }
      if (i < nx && cost[i + 1]![j]! + 1 < best) { best = cost[i + 1]![j]! + 1; how = 'X'; }
      if (j < ny && cost[i]![j + 1]! + 1 < best) { best = cost[i]![j + 1]! + 1; how = 'Y'; }
      cost[i]![j] = best;
      kind[i]![j] = how;
    }
  }
  const out: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < nx || j < ny) {
    const e = kind[i]![j]!;
    out.push(e);
    if (e !== 'Y') i++;
    if (e !== 'X') j++;
  }
  return out;
}
