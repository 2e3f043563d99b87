// How Go's fmt, strconv and encoding/json print the values kubectl's printers work on. kubectl
// decodes API objects into unstructured maps (map[string]interface{}, []interface{}, string,
// int64, float64, bool, nil), so these are the only shapes that matter. A JS number that is an
// integer stands for int64, any other number for float64.

/** Go's byte-wise string order (sort.Strings, map key order in fmt and encoding/json). */
export function goCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function sortedKeys(o: object): string[] {
  return Object.keys(o).sort(goCompare);
}

/** A JSON object (not an array, not a class instance). */
export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

// strconv.FormatFloat(f, 'g', -1, 64): shortest digits; %e form when the exponent is < -4 or
// >= 6 (the precision used for that decision when the precision is "shortest").
export function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (Number.isInteger(f) && Math.abs(f) < 1e6) return String(f);
  const [mant, expStr] = f.toExponential().split('e');
  const exp = Number(expStr);
  if (exp < -4 || exp >= 6) {
    const sign = exp < 0 ? '-' : '+';
    const abs = Math.abs(exp);
    return `${mant}e${sign}${abs < 10 ? '0' : ''}${abs}`;
  }
  return String(f);
}

/** A number as Go prints an unstructured value: int64 in decimal, float64 with %v. */
export function goNumber(n: number): string {
  return Number.isInteger(n) && Math.abs(n) < 2 ** 63 ? Number(n).toFixed(0) : goFloat(n);
}

// fmt.Sprint(v) (%v) of an unstructured value: map[k:v k2:v2], [a b], <nil>.
export function goSprint(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null || v === undefined) return '<nil>';
  if (Array.isArray(v)) return `[${v.map(goSprint).join(' ')}]`;
  const o = v as Record<string, unknown>;
  return `map[${sortedKeys(o).map((k) => `${k}:${goSprint(o[k])}`).join(' ')}]`;
}

// fmt.Sprintf("%#v", v): Go-syntax representation, as kubectl's jsonpath error shows the object.
export function goSharpV(v: unknown): string {
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v === null || v === undefined) return 'interface {}(nil)';
  if (Array.isArray(v)) return `[]interface {}{${v.map(goSharpV).join(', ')}}`;
  const o = v as Record<string, unknown>;
  return `map[string]interface {}{${sortedKeys(o).map((k) => `${goQuote(k)}:${goSharpV(o[k])}`).join(', ')}}`;
}

const QUOTE_ESCAPES: Record<string, string> = {
  '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v', '\\': '\\\\', '"': '\\"',
};

// strconv.Quote: printable runes stay, the rest become \a..\v, \xNN, \uNNNN or \UNNNNNNNN.
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const esc = QUOTE_ESCAPES[ch];
    if (esc) { out += esc; continue; }
    const cp = ch.codePointAt(0)!;
    if (isGoPrintable(cp)) out += ch;
    else if (cp < 0x80) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return out + '"';
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const PRINTABLE = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

function isGoPrintable(cp: number): boolean {
  return cp === 0x20 || (cp >= 0x21 && cp < 0x7f) || (cp >= 0xa0 && PRINTABLE.test(String.fromCodePoint(cp)));
}

// fmt's %#U: U+007B '{' (the character only when printable).
export function goSharpU(cp: number): string {
  const hex = cp.toString(16).toUpperCase().padStart(4, '0');
  return isGoPrintable(cp) ? `U+${hex} '${String.fromCodePoint(cp)}'` : `U+${hex}`;
}
