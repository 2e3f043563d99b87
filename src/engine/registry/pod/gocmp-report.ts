// The reporter of github.com/google/go-cmp (v0.6, cmp/report_compare.go FormatDiff and
// formatDiffList, report_reflect.go FormatValue/FormatType/formatString): turns a value tree
// into the text cmp.Diff returns. Not ported: the specialised line/byte diffs of long strings
// and primitive slices (report_slices.go); such values print whole, as a removed and an
// inserted line.
import { compareValues, fieldValue, isNil, isZero, type VNode } from './gocmp-compare';
import { isNamed, typeString, type GoType } from './gotypes';
import { DiffStats, TEXT_ELLIPSIS, TEXT_NIL, TextLine, TextList, TextWrap, type DiffMode, type TextNode } from './gocmp-text';
import { quantityInternals } from './gocmp-quantity';

type TypeMode = 'emit' | 'elide' | 'auto';

interface Opts {
  diffMode: DiffMode;
  typeMode: TypeMode;
  verbosity: number;
  limit: boolean;
}

const NUM_CONTEXT_RECORDS = 2;
const MAX_VERBOSITY_PRESET = 6;

/** cmp.Diff(x, y): '' when equal, else the report (ending in a newline). */
export function goCmpDiff(t: GoType, x: unknown, y: unknown): string {
  const root = compareValues(t, x, y);
  if (root.numDiff === 0) return '';
  const text = formatDiff({ diffMode: '', typeMode: 'emit', verbosity: 0, limit: false }, root);
  const wrapped = text instanceof TextWrap ? text : new TextWrap('{', text, '}');
  return wrapped.toString();
}

const withMode = (o: Opts, diffMode: DiffMode): Opts => ({ ...o, diffMode });
const withType = (o: Opts, typeMode: TypeMode): Opts => ({ ...o, typeMode });
const withVerbosity = (o: Opts, verbosity: number): Opts => ({ ...o, verbosity, limit: true });
const verbosityOf = (o: Opts) => Math.max(0, Math.min(16, o.verbosity));
// verbosityPreset: each step doubles what is shown
const preset = (o: Opts, i: number): Opts => ({ ...o, verbosity: verbosityOf(o) + 2 * i });

// FormatDiff
function formatDiff(opts0: Opts, v: VNode): TextNode {
  let opts = opts0;
  if (opts.diffMode === ' ') opts = withVerbosity(opts, 1);
  else if (verbosityOf(opts) < 3) opts = withVerbosity(opts, 3);
  const parentKind = v.parent?.type.k;

  if (v.maxDepth === 0) {
    switch (opts.diffMode) {
      case '':
      case ' ': {
        if (v.numDiff === 0) {
          const outx = formatValue(opts, v.type, v.x, v.xValid, parentKind);
          const outy = formatValue(opts, v.type, v.y, v.yValid, parentKind);
          if (!outx) return outy!;
          if (!outy) return outx;
          return outx.len() < outy.len() ? outx : outy;
        }
        let outx = formatValue(withType(opts, 'elide'), v.type, v.x, v.xValid, parentKind);
        let outy = formatValue(withType(opts, 'elide'), v.type, v.y, v.yValid, parentKind);
        for (let i = 0; i <= MAX_VERBOSITY_PRESET && outx && outy && outx.equal(outy); i++) {
          const o2 = withType(preset(opts, i), 'elide');
          outx = formatValue(o2, v.type, v.x, v.xValid, parentKind);
          outy = formatValue(o2, v.type, v.y, v.yValid, parentKind);
        }
        const list = new TextList();
        if (outx) list.records.push({ diff: '-', key: '', value: outx });
        if (outy) list.records.push({ diff: '+', key: '', value: outy });
        return formatType(withType(opts, 'emit'), v.type, list);
      }
      case '-': return formatValue(opts, v.type, v.x, v.xValid, parentKind) ?? TEXT_NIL;
      case '+': return formatValue(opts, v.type, v.y, v.yValid, parentKind) ?? TEXT_NIL;
    }
  }
  const t = v.type;
  if (t.k === 'ptr') return new TextWrap('&', formatDiff(opts, v.value!), '');
  const out = formatDiffList(opts, v.records ?? [], t.k === 'struct' ? 'struct' : t.k === 'map' ? 'map' : 'slice');
  return formatType(opts, t, out);
}

// formatDiffList
function formatDiffList(opts0: Opts, recs0: Array<{ key?: string; node: VNode }>, kind: 'struct' | 'slice' | 'map'): TextNode {
  let opts = opts0;
  const name = kind === 'struct' ? 'field' : kind === 'map' ? 'entry' : 'element';
  opts = withType(opts, kind === 'struct' ? 'auto' : 'elide');
  const formatKey = (k: string | undefined) => (kind === 'struct' ? k ?? '' : kind === 'map' ? formatMapKey(recs0[0]?.node.parent?.type, k ?? '') : '');

  let maxLen = -1;
  if (opts.limit) {
    maxLen = opts.diffMode === ' ' ? ((1 << verbosityOf(opts)) >> 1) << 2 : (1 << verbosityOf(opts)) << 1;
    opts = { ...opts, verbosity: opts.verbosity - 1 };
  }

  // Handle unification (identical, removed or inserted subtrees).
  if (opts.diffMode !== '') {
    const list = new TextList();
    let deferredEllipsis = false;
    for (const r of recs0) {
      if (list.records.length === maxLen) {
        deferredEllipsis = true;
        break;
      }
      if (kind === 'struct') {
        const n = r.node;
        const zx = !n.xValid || isZero(n.type, n.x);
        const zy = !n.yValid || isZero(n.type, n.y);
        const zero = opts.diffMode === ' ' ? zx || zy : opts.diffMode === '-' ? zx : zy;
        if (zero) continue; // "Elide struct fields that are zero value."
      }
      const out = formatDiff(opts, r.node);
      list.records.push({ diff: '', key: formatKey(r.key), value: out });
    }
    if (deferredEllipsis) list.appendEllipsis(new DiffStats(name));
    return new TextWrap('{', list, '}');
  }

  // Handle differencing.
  let recs = recs0;
  let numDiffs = 0;
  const list = new TextList();
  const groups = coalesceAdjacentRecords(name, recs);
  let maxGroup = new DiffStats(name);
  groups.forEach((ds, i) => {
    if (maxLen >= 0 && numDiffs >= maxLen) {
      maxGroup = maxGroup.append(ds);
      return;
    }
    if (ds.numDiff() === 0) {
      // Equal records: show up to two on each side of a difference, elide the rest.
      let numLo = 0;
      let numHi = 0;
      const numEqual = ds.numIgnored + ds.numIdentical;
      while (numLo < NUM_CONTEXT_RECORDS && numLo + numHi < numEqual && i !== 0) numLo++;
      while (numHi < NUM_CONTEXT_RECORDS && numLo + numHi < numEqual && i !== groups.length - 1) numHi++;
      if (numEqual - (numLo + numHi) === 1 && ds.numIgnored === 0) numHi++; // "Avoid pointless coalescing of a single equal record"
      for (const r of recs.slice(0, numLo)) list.records.push({ diff: '', key: formatKey(r.key), value: formatDiff(withMode(opts, ' '), r.node) });
      if (numEqual > numLo + numHi) {
        ds.numIdentical -= numLo + numHi;
        list.appendEllipsis(ds);
      }
      for (const r of recs.slice(numEqual - numHi, numEqual)) list.records.push({ diff: '', key: formatKey(r.key), value: formatDiff(withMode(opts, ' '), r.node) });
      recs = recs.slice(numEqual);
      return;
    }
    // Unequal records.
    for (const r of recs.slice(0, ds.numDiff())) {
      const n = r.node;
      if (n.numChildren === n.maxDepth) {
        let outx: TextNode | undefined = formatDiff(withMode(opts, '-'), n);
        let outy: TextNode | undefined = formatDiff(withMode(opts, '+'), n);
        if (!n.xValid) outx = undefined;
        if (!n.yValid) outy = undefined;
        for (let k = 0; k <= MAX_VERBOSITY_PRESET && outx && outy && outx.equal(outy); k++) {
          outx = formatDiff(withMode(preset(opts, k), '-'), n);
          outy = formatDiff(withMode(preset(opts, k), '+'), n);
        }
        if (outx) list.records.push({ diff: '-', key: formatKey(r.key), value: outx });
        if (outy) list.records.push({ diff: '+', key: formatKey(r.key), value: outy });
      } else {
        list.records.push({ diff: '', key: formatKey(r.key), value: formatDiff(opts, n) });
      }
    }
    recs = recs.slice(ds.numDiff());
    numDiffs += ds.numDiff();
  });
  if (!maxGroup.isZero()) list.appendEllipsis(maxGroup);
  return new TextWrap('{', list, '}');
}

// coalesceAdjacentRecords: runs of equal and of unequal records
function coalesceAdjacentRecords(name: string, recs: Array<{ node: VNode }>): DiffStats[] {
  const groups: DiffStats[] = [];
  let prev = 0;
  const last = (c: number) => {
    if (prev !== c) {
      groups.push(new DiffStats(name));
      prev = c;
    }
    return groups[groups.length - 1]!;
  };
  for (const { node: n } of recs) {
    if (n.numDiff === 0) last(1).numIdentical++;
    else if (!n.yValid) last(2).numRemoved++;
    else if (!n.xValid) last(2).numInserted++;
    else last(2).numModified++;
  }
  return groups;
}

// FormatType: wrap a value with its type name, per the type mode
function formatType(opts: Opts, t: GoType, s: TextNode): TextNode {
  if (opts.typeMode === 'elide') return s;
  if (opts.typeMode === 'auto') {
    if (t.k !== 'struct' && t.k !== 'slice' && t.k !== 'map' && t.k !== 'quantity') return s;
    if (s.equal(TEXT_NIL)) return s;
    if (opts.diffMode === ' ') return s; // "elide type for identical nodes"
  }
  let name = typeString(t);
  if (!isNamed(t) && t.k === 'ptr') name = `(${name})`;
  return new TextWrap(name, wrapParens(s), '');
}

function wrapParens(s: TextNode): TextNode {
  if (s instanceof TextWrap) {
    const parens = s.prefix.startsWith('(') && s.suffix.endsWith(')');
    const braces = s.prefix.startsWith('{') && s.suffix.endsWith('}');
    if (parens || braces) return s;
  }
  return new TextWrap('(', s, ')');
}

// FormatValue: print a whole value (no diffing)
function formatValue(opts0: Opts, t: GoType, v: unknown, valid: boolean, parentKind?: string): TextNode | undefined {
  if (!valid) return undefined;
  let opts = opts0;
  const typed = (out: TextNode) => formatType(opts0, t, out);
  switch (t.k) {
    case 'bool': return new TextLine(String(Boolean(v)));
    case 'int': return new TextLine(typeof v === 'bigint' ? v.toString() : String(Number(v ?? 0)));
    case 'string':
      // fmt.Stringer (core.ResourceName) prints as s"..."
      return formatString(opts, t.stringer ? 's' : '', String(v ?? ''));
    case 'json': return new TextLine(goLiteral(v));
    case 'quantity': {
      // Quantity has no Stringer on its value type: cmp prints its fields
      const q = quantityInternals(v);
      return typed(formatValue(withType(opts, 'elide'), q.type, q.value, true, parentKind)!);
    }
    case 'struct': {
      const list = new TextList();
      let maxLen = t.fields.length;
      if (opts.limit) {
        maxLen = ((1 << verbosityOf(opts)) >> 1) << 2;
        opts = { ...opts, verbosity: opts.verbosity - 1 };
      }
      for (const f of t.fields) {
        const fv = fieldValue(v, f, t);
        if (isZero(f.type, fv)) continue; // "Elide fields with zero values"
        if (list.records.length === maxLen) {
          list.appendEllipsis(new DiffStats(''));
          break;
        }
        list.records.push({ diff: '', key: f.go, value: formatValue(withType(opts, 'auto'), f.type, fv, true, 'struct')! });
      }
      return typed(new TextWrap('{', list, '}'));
    }
    case 'slice': {
      if (isNil(v)) return TEXT_NIL;
      const arr = v as unknown[];
      let maxLen = arr.length;
      if (opts.limit) {
        maxLen = ((1 << verbosityOf(opts)) >> 1) << 2;
        opts = { ...opts, verbosity: opts.verbosity - 1 };
      }
      const list = new TextList();
      for (const el of arr) {
        if (list.records.length === maxLen) {
          list.appendEllipsis(new DiffStats(''));
          break;
        }
        list.records.push({ diff: '', key: '', value: formatValue(withType(opts, 'elide'), t.elem, el, true, 'slice')! });
      }
      return typed(new TextWrap('{', list, '}'));
    }
    case 'map': {
      if (isNil(v)) return TEXT_NIL;
      const m = v as Record<string, unknown>;
      let maxLen = Object.keys(m).length;
      if (opts.limit) {
        maxLen = ((1 << verbosityOf(opts)) >> 1) << 2;
        opts = { ...opts, verbosity: opts.verbosity - 1 };
      }
      const list = new TextList();
      for (const k of Object.keys(m).sort()) {
        if (list.records.length === maxLen) {
          list.appendEllipsis(new DiffStats(''));
          break;
        }
        list.records.push({ diff: '', key: formatMapKey(t, k), value: formatValue(withType(opts, 'elide'), t.elem, m[k], true, 'map')! });
      }
      return typed(new TextWrap('{', list, '}'));
    }
    case 'ptr': {
      if (isNil(v)) return TEXT_NIL;
      // "Skip the name only if this is an unnamed pointer type."
      return new TextWrap('&', formatValue(opts, t.elem, v, true, 'ptr')!, '');
    }
  }
}

// formatMapKey: a key as a single line (ResourceName keys print as s"cpu")
function formatMapKey(mapType: GoType | undefined, k: string): string {
  const keyType = mapType?.k === 'map' ? mapType.key : { k: 'string' as const };
  const opts: Opts = { diffMode: ' ', typeMode: 'elide', verbosity: MAX_VERBOSITY_PRESET, limit: true };
  const out = formatValue(opts, keyType, k, true, 'map');
  return out instanceof TextLine ? out.s.trim() : k;
}

// formatString: quoted, truncated by verbosity; multi-line text in removed/inserted nodes
// uses the triple-quote form.
function formatString(opts: Opts, prefix: string, s: string): TextNode {
  let maxLen = s.length;
  let maxLines = s.split('\n').length;
  if (opts.limit) {
    maxLen = (1 << verbosityOf(opts)) << 5;
    maxLines = (1 << verbosityOf(opts)) << 2;
  }
  const lines = s.replace(/\n$/, '').split('\n');
  let triple = lines.length >= 4 && (opts.diffMode === '-' || opts.diffMode === '+');
  for (let i = 0; i < lines.length && triple; i++) {
    lines[i] = lines[i]!.replace(/^\r/, '').replace(/\r$/, '');
    const line = lines[i]!;
    triple = !line.slice(prefix.length).startsWith('"""') && !line.startsWith('...') && isPrintable(line, true) && line.length <= maxLen;
  }
  if (triple) {
    const list = new TextList();
    list.records.push({ diff: opts.diffMode, key: '', value: new TextLine(`${prefix}"""`), elideComma: true });
    for (let i = 0; i < lines.length; i++) {
      const elided = lines.length - i;
      if (i === maxLines - 1 && elided > 1) {
        list.records.push({ diff: opts.diffMode, key: '', value: TEXT_ELLIPSIS, elideComma: true, comment: `${elided} elided lines` });
        break;
      }
      list.records.push({ diff: opts.diffMode, key: '', value: new TextLine(lines[i]!), elideComma: true });
    }
    list.records.push({ diff: opts.diffMode, key: '', value: new TextLine(`${prefix}"""`), elideComma: true });
    return new TextWrap('(', list, ')');
  }
  if (s.length > maxLen + TEXT_ELLIPSIS.s.length) return new TextLine(prefix + goStringLiteral(s.slice(0, maxLen)) + '...');
  return new TextLine(prefix + goStringLiteral(s));
}

// formatString (package level): strconv.Quote, or a raw `...` literal when that is shorter
function goStringLiteral(s: string): string {
  const q = goQuote(s);
  if (q.length === s.length + 2) return q;
  if (!/[`\n]/.test(s) && isPrintable(s, true)) return `\`${s}\``;
  return q;
}

/** strconv.Quote for the strings we meet (printable Unicode kept, controls escaped). */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

function isPrintable(s: string, allowTab: boolean): boolean {
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c < 0x20 && !(allowTab && ch === '\t')) || c === 0x7f) return false;
  }
  return true;
}

// A Go-ish rendering of JSON for types we do not model: {Key: value}, quoted strings.
function goLiteral(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'string') return goQuote(v);
  if (typeof v !== 'object') return String(v);
  if (Array.isArray(v)) return `{${v.map(goLiteral).join(', ')}}`;
  const parts = Object.keys(v).sort().map((k) => `${k[0]!.toUpperCase()}${k.slice(1)}: ${goLiteral((v as Record<string, unknown>)[k])}`);
  return `{${parts.join(', ')}}`;
}
