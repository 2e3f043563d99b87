// The `printf` template function: Go's fmt.Sprintf for the verbs templates use over
// unstructured values (%v %s %d %q %f %e %g %t %x %X %c %T %%), with flags, width and precision,
// and fmt's in-band errors (%!d(string=x), %!s(MISSING), %!(EXTRA ...)).
import { utf8Encode } from '../../../shared/base64';
import { goFloat, goNumber, goQuote, goSprint } from '../go-format';
import { unwrapFloat } from './values';

const VERB_RE = /%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d*))?(.)?/gsy;

export function goSprintf(format: string, args: readonly unknown[]): string {
  args = args.map(unwrapFloat);
  let out = '';
  let argi = 0;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) { out += format.slice(i); break; }
    out += format.slice(i, pct);
    VERB_RE.lastIndex = pct;
    const m = VERB_RE.exec(format)!;
    i = VERB_RE.lastIndex;
    const [, flags, widthSpec, precSpec, verb] = m;
    if (verb === undefined) { out += '%!(NOVERB)'; break; }
    if (verb === '%' && !flags && widthSpec === undefined && precSpec === undefined) { out += '%'; continue; }
    const takeInt = (spec: string | undefined): number | undefined => {
      if (spec === undefined || spec === '') return spec === '' ? 0 : undefined;
      if (spec !== '*') return Number(spec);
      const a = args[argi++];
      return typeof a === 'number' && Number.isInteger(a) ? a : undefined;
    };
    const width = takeInt(widthSpec);
    const prec = takeInt(precSpec);
    if (verb === '%') { out += '%'; continue; }
    if (argi >= args.length) { out += `%!${verb}(MISSING)`; continue; }
    const arg = args[argi++];
    out += pad(formatOne(verb, arg, flags, prec), width, flags, verb, arg);
  }
  if (argi < args.length) {
    out += `%!(EXTRA ${args.slice(argi).map((a) => `${typeName(a)}=${valueText(a)}`).join(', ')})`;
  }
  return out;
}

function typeName(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int64' : 'float64';
  return Array.isArray(v) ? '[]interface {}' : 'map[string]interface {}';
}

function valueText(v: unknown): string {
  return v === undefined ? '<nil>' : goSprint(v);
}

// fmt's bad-verb form: %!d(string=hello), %!s(<nil>)
function badVerb(verb: string, v: unknown): string {
  return v === null || v === undefined ? `%!${verb}(<nil>)` : `%!${verb}(${typeName(v)}=${valueText(v)})`;
}

function formatOne(verb: string, v: unknown, flags: string, prec: number | undefined): string {
  const isInt = typeof v === 'number' && Number.isInteger(v);
  switch (verb) {
    case 'v': return v === undefined ? '<nil>' : typeof v === 'number' ? goNumber(v) : goSprint(v);
    case 'T': return typeName(v);
    case 's':
      if (typeof v === 'string') return prec !== undefined ? [...v].slice(0, prec).join('') : v;
      if (Array.isArray(v) || (typeof v === 'object' && v !== null)) return goSprint(v);
      return badVerb(verb, v);
    case 'q':
      if (typeof v === 'string') return goQuote(v);
      if (isInt) return `'${String.fromCodePoint(v as number)}'`;
      return badVerb(verb, v);
    case 't': return typeof v === 'boolean' ? String(v) : badVerb(verb, v);
    case 'd':
      if (!isInt) return badVerb(verb, v);
      return (flags.includes('+') && (v as number) >= 0 ? '+' : '') + (v as number).toFixed(0);
    case 'c': return isInt ? String.fromCodePoint(v as number) : badVerb(verb, v);
    case 'x': case 'X': {
      let s: string;
      if (isInt) s = ((v as number) < 0 ? '-' : '') + Math.abs(v as number).toString(16);
      else if (typeof v === 'string') s = utf8Encode(v).map((b) => b.toString(16).padStart(2, '0')).join('');
      else return badVerb(verb, v);
      if (flags.includes('#')) s = s.startsWith('-') ? `-0x${s.slice(1)}` : `0x${s}`;
      return verb === 'X' ? s.toUpperCase() : s;
    }
    case 'f': case 'F': case 'e': case 'g': {
      if (typeof v !== 'number' || isInt) return badVerb(verb, v);
      let s: string;
      if (verb === 'g') s = prec === undefined ? goFloat(v) : Number(v.toPrecision(prec || 1)).toString();
      else if (verb === 'e') s = goExp(v.toExponential(prec ?? 6));
      else s = toFixedHalfEven(v, prec ?? 6);
      return (flags.includes('+') && v >= 0 ? '+' : '') + s;
    }
    default: return badVerb(verb, v);
  }
}

// strconv rounds an exact tie to even (2.25 -> "2.2"); Number#toFixed rounds it up.
function toFixedHalfEven(x: number, prec: number): string {
  const rounded = x.toFixed(prec);
  const exact = Math.abs(x).toFixed(Math.min(100, prec + 30));
  const dot = exact.indexOf('.');
  if (!/^50*$/.test(exact.slice(dot + 1 + prec))) return rounded;
  const truncated = exact.slice(0, prec === 0 ? dot : dot + 1 + prec);
  if (Number(truncated[truncated.length - 1]) % 2 !== 0) return rounded;
  return (x < 0 ? '-' : '') + truncated;
}

// Go writes at least two exponent digits: 1.5e+00
function goExp(s: string): string {
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}

function pad(s: string, width: number | undefined, flags: string, verb: string, v: unknown): string {
  const len = [...s].length;
  if (width === undefined || len >= width) return s;
  const n = width - len;
  if (flags.includes('-')) return s + ' '.repeat(n);
  if (flags.includes('0') && typeof v === 'number' && 'dfFegxX'.includes(verb)) {
    const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
    return sign + '0'.repeat(n) + s.slice(sign.length);
  }
  return ' '.repeat(n) + s;
}
