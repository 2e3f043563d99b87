// `-o json`: Go's encoding/json over kubectl's unstructured objects, so map keys come out in
// byte order at every level, strings are HTML-escaped and the indent is four spaces.
import { goCompare, isPlainObject } from './go-format';

// encoding/json encodeState.string with escapeHTML: <, >, & and U+2028/2029 become \u escapes.
export function goJSONString(s: string): string {
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x3c && c !== 0x3e && c !== 0x26 && c !== 0x2028 && c !== 0x2029 && (c < 0xd800 || c > 0xdfff)) continue;
    let esc: string;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { i++; continue; }
    if (c >= 0xd800 && c <= 0xdfff) esc = '\ufffd'; // a lone surrogate is invalid UTF-8: Go writes U+FFFD
    else if (c === 0x22) esc = '\\"';
    else if (c === 0x5c) esc = '\\\\';
    else if (c === 0x0a) esc = '\\n';
    else if (c === 0x0d) esc = '\\r';
    else if (c === 0x09) esc = '\\t';
    else esc = `\\u${c.toString(16).padStart(4, '0')}`;
    out += s.slice(start, i) + esc;
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

// encoding/json float64: %f-like unless the magnitude is < 1e-6 or >= 1e21, exponent without
// zero padding; this is exactly what JS's Number#toString produces.
function goJSONNumber(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`json: unsupported value: ${n}`);
  return String(n);
}

/** json.Marshal (indent '') or json.MarshalIndent(v, '', indent). */
export function marshalJSON(v: unknown, indent = ''): string {
  const parts: string[] = [];
  write(v, indent, '', parts);
  return parts.join('');
}

function write(v: unknown, indent: string, prefix: string, out: string[]): void {
  if (v === null || v === undefined) { out.push('null'); return; }
  if (typeof v === 'string') { out.push(goJSONString(v)); return; }
  if (typeof v === 'number') { out.push(goJSONNumber(v)); return; }
  if (typeof v === 'boolean') { out.push(v ? 'true' : 'false'); return; }
  const inner = indent ? prefix + indent : '';
  const nl = indent ? '\n' : '';
  if (Array.isArray(v)) {
    if (v.length === 0) { out.push('[]'); return; }
    out.push('[');
    v.forEach((e, i) => {
      out.push(i ? ',' + nl + inner : nl + inner);
      write(e, indent, inner, out);
    });
    out.push(nl + (indent ? prefix : '') + ']');
    return;
  }
  if (!isPlainObject(v)) { out.push('null'); return; }
  const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(goCompare);
  if (keys.length === 0) { out.push('{}'); return; }
  out.push('{');
  keys.forEach((k, i) => {
    out.push((i ? ',' + nl : nl) + inner + goJSONString(k) + (indent ? ': ' : ':'));
    write(v[k], indent, inner, out);
  });
  out.push(nl + (indent ? prefix : '') + '}');
}

// cli-runtime pkg/printers/json.go JSONPrinter.PrintObj: MarshalIndent with 4 spaces, then "\n".
export function printJSON(obj: unknown): string {
  return marshalJSON(obj, '    ') + '\n';
}
