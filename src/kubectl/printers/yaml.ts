// `-o yaml`: kubectl prints sigs.k8s.io/yaml output, which is JSON turned into YAML by its
// go-yaml v2 fork. That emitter has quirks a general YAML library does not share — YAML 1.1
// resolution (so "y", "on", "0x1F", "1:20" and dates get quoted), single quotes where a plain
// scalar is not allowed, sequences not indented under their key, plain and quoted scalars folded
// once the line passes column 80 — so this is a small port of the parts JSON can reach
// (goyaml.v2 encode.go stringv, resolve.go resolve, emitterc.go analyze_scalar, select_scalar_style
// and the write_*_scalar functions).
import { goFloat, goCompare, isPlainObject } from './go-format';

const BEST_WIDTH = 80; // emitterc.go yaml_emitter_emit_stream_start: best_width
const BEST_INDENT = 2;

/** yaml.Marshal of one value (a document without `---`), ending in a newline. */
export function marshalYAML(v: unknown): string {
  const e = new Emitter();
  if (isPlainObject(v) && Object.keys(v).length > 0) e.mapping(v, 0, true);
  else if (Array.isArray(v) && v.length > 0) e.sequence(v, 0, true);
  else e.value(v, 0);
  return e.buf + '\n';
}

// cli-runtime pkg/printers/yaml.go YAMLPrinter.PrintObj: documents after the first get "---".
export function printYAML(obj: unknown, index = 0): string {
  return (index > 0 ? '---\n' : '') + marshalYAML(obj);
}

class Emitter {
  buf = '';
  private lineStart = 0;

  private get column(): number {
    return this.buf.length - this.lineStart;
  }

  private newline(indent: number): void {
    this.buf += '\n';
    this.lineStart = this.buf.length;
    this.buf += ' '.repeat(indent);
  }

  mapping(o: Record<string, unknown>, indent: number, inline: boolean): void {
    const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort(goCompare);
    keys.forEach((k, i) => {
      if (i > 0 || !inline) this.newline(indent);
      this.scalar(k, indent, true);
      this.buf += ':';
      const v = o[k];
      if (isPlainObject(v) && Object.keys(v).some((kk) => v[kk] !== undefined)) this.mapping(v, indent + BEST_INDENT, false);
      // emitterc.go emit_block_sequence_item: a sequence in a mapping is not indented
      else if (Array.isArray(v) && v.length > 0) this.sequence(v, indent, false);
      else { this.buf += ' '; this.value(v, indent); }
    });
  }

  sequence(a: readonly unknown[], indent: number, inline: boolean): void {
    a.forEach((item, i) => {
      if (i > 0 || !inline) this.newline(indent);
      this.buf += '- ';
      if (isPlainObject(item) && Object.keys(item).some((k) => item[k] !== undefined)) this.mapping(item, indent + BEST_INDENT, true);
      else if (Array.isArray(item) && item.length > 0) this.sequence(item, indent + BEST_INDENT, true);
      else this.value(item, indent);
    });
  }

  /** A scalar or an empty collection, written where the cursor is. */
  value(v: unknown, indent: number): void {
    if (v === null || v === undefined) this.buf += 'null';
    else if (typeof v === 'boolean') this.buf += v ? 'true' : 'false';
    else if (typeof v === 'number') this.buf += yamlNumber(v);
    else if (typeof v === 'string') this.scalar(v, indent, false);
    else if (Array.isArray(v)) this.buf += '[]';
    else this.buf += '{}';
  }

  // encode.go stringv + emitterc.go select_scalar_style: literal for multi-line text, plain when
  // the text reads back as a string and the emitter allows it, else single, else double quotes.
  private scalar(s: string, indent: number, simpleKey: boolean): void {
    const a = analyzeScalar(s);
    let style: 'plain' | 'single' | 'double' | 'literal' =
      s.includes('\n') ? 'literal' : resolvesToString(s) ? 'plain' : 'double';
    if (simpleKey && a.multiline) style = 'double';
    if (style === 'plain' && (!a.blockPlainAllowed || (s === '' && simpleKey))) style = 'single';
    if (style === 'single' && !a.singleQuotedAllowed) style = 'double';
    if (style === 'literal' && (!a.blockAllowed || simpleKey)) style = 'double';
    const contIndent = indent + BEST_INDENT; // emit_scalar increases the indent for continuation lines
    const allowBreaks = !simpleKey;
    if (style === 'plain') this.writePlain(s, contIndent, allowBreaks);
    else if (style === 'single') this.writeSingle(s, contIndent, allowBreaks);
    else if (style === 'double') this.writeDouble(s, contIndent, allowBreaks);
    else this.writeLiteral(s, contIndent);
  }

  private writePlain(s: string, indent: number, allowBreaks: boolean): void {
    let spaces = false;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && s[i + 1] !== ' ') this.newline(indent);
        else this.buf += c;
        spaces = true;
      } else {
        this.buf += c;
        spaces = false;
      }
    }
  }

  private writeSingle(s: string, indent: number, allowBreaks: boolean): void {
    this.buf += "'";
    let spaces = false;
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      if (c === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < s.length - 1 && s[i + 1] !== ' ') this.newline(indent);
        else this.buf += c;
        spaces = true;
      } else {
        this.buf += c === "'" ? "''" : c;
        spaces = false;
      }
    }
    this.buf += "'";
  }

  private writeDouble(s: string, indent: number, allowBreaks: boolean): void {
    this.buf += '"';
    let spaces = false;
    const chars = Array.from(s);
    for (let i = 0; i < chars.length; i++) {
      const ch = chars[i];
      const cp = ch.codePointAt(0)!;
      if (!isPrintable(cp) || isBreak(cp) || ch === '"' || ch === '\\' || cp === 0xfeff) {
        this.buf += escapeDouble(cp);
        spaces = false;
      } else if (ch === ' ') {
        if (allowBreaks && !spaces && this.column > BEST_WIDTH && i > 0 && i < chars.length - 1) {
          this.newline(indent);
          if (chars[i + 1] === ' ') this.buf += '\\';
        } else this.buf += ch;
        spaces = true;
      } else {
        this.buf += ch;
        spaces = false;
      }
    }
    this.buf += '"';
  }

  // emitterc.go write_block_scalar_hints + write_literal_scalar
  private writeLiteral(s: string, indent: number): void {
    this.buf += '|';
    if (s[0] === ' ' || s[0] === '\n') this.buf += String(BEST_INDENT);
    if (!s.endsWith('\n')) this.buf += '-';
    else if (s.length === 1 || s.endsWith('\n\n')) this.buf += '+';
    const lines = s.split('\n');
    if (s.endsWith('\n')) lines.pop();
    for (const line of lines) {
      if (line === '') { this.buf += '\n'; this.lineStart = this.buf.length; } else this.newline(indent);
      this.buf += line;
    }
  }
}

// encode.go floatv: 'g' formatting, with YAML's names for the infinities and NaN.
function yamlNumber(n: number): string {
  if (Number.isInteger(n)) return n.toFixed(0);
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  return goFloat(n);
}

// resolve.go resolveMapList: the YAML 1.1 words that do not read back as strings.
const RESOLVE_WORDS = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL',
  '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);
const INT_RE = /^[-+]?(?:0[xX][0-9a-fA-F]+|0[bB][01]+|0[oO][0-7]+|0[0-7]*|[1-9][0-9]*)$/;
const YAML_FLOAT_RE = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/; // resolve.go yamlStyleFloat
const DOT_FLOAT_RE = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const BASE60_RE = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/; // encode.go isBase60Float
const TIMESTAMP_RE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2}))|(?: (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?))?$/;

/** resolve.go resolve("", s) == !!str, and not a base-60 float (encode.go stringv). */
export function resolvesToString(s: string): boolean {
  if (RESOLVE_WORDS.has(s)) return false;
  if (BASE60_RE.test(s)) return false;
  const c = s[0];
  if (c === '.') return !DOT_FLOAT_RE.test(s);
  if (c === '+' || c === '-' || (c >= '0' && c <= '9')) {
    if (isTimestamp(s)) return false;
    const plain = s.replaceAll('_', '');
    return !(INT_RE.test(plain) || YAML_FLOAT_RE.test(plain));
  }
  return true;
}

// resolve.go parseTimestamp: the time.Parse layouts it tries, with their range checks.
function isTimestamp(s: string): boolean {
  const m = TIMESTAMP_RE.exec(s);
  if (!m) return false;
  const month = Number(m[2]);
  const day = Number(m[3]);
  const [h, mi, sec] = m[4] !== undefined ? [m[4], m[5], m[6]] : [m[7] ?? '0', m[8] ?? '0', m[9] ?? '0'];
  const dim = new Date(Date.UTC(Number(m[1]), month, 0)).getUTCDate();
  return month >= 1 && month <= 12 && day >= 1 && day <= dim && Number(h) < 24 && Number(mi) < 60 && Number(sec) < 60;
}

interface ScalarAnalysis {
  multiline: boolean;
  blockPlainAllowed: boolean;
  singleQuotedAllowed: boolean;
  blockAllowed: boolean;
}

// emitterc.go yaml_emitter_analyze_scalar (block context; kubectl output never uses flow style).
function analyzeScalar(s: string): ScalarAnalysis {
  if (s === '') return { multiline: false, blockPlainAllowed: true, singleQuotedAllowed: true, blockAllowed: false };
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let lineBreaks = false, special = false, leadingSpace = false, leadingBreak = false;
  let trailingSpace = false, trailingBreak = false, breakSpace = false, spaceBreak = false;
  let precededByWhitespace = true, previousSpace = false, previousBreak = false;
  const chars = Array.from(s);
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i];
    const cp = ch.codePointAt(0)!;
    const next = chars[i + 1];
    const followedByWhitespace = next === undefined || next === ' ' || next === '\t' || isBreak(next.codePointAt(0)!);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWhitespace) blockIndicators = true;
    } else if ((ch === ':' && followedByWhitespace) || (ch === '#' && precededByWhitespace)) {
      blockIndicators = true;
    }
    if (!isPrintable(cp) || cp === 0xfeff) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (i === chars.length - 1) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true; previousBreak = false;
    } else if (isBreak(cp)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (i === chars.length - 1) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false; previousBreak = true;
    } else {
      previousSpace = false; previousBreak = false;
    }
    precededByWhitespace = ch === ' ' || ch === '\t' || isBreak(cp);
  }
  let blockPlainAllowed = true, singleQuotedAllowed = true, blockAllowed = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlainAllowed = false;
  if (trailingSpace) blockAllowed = false;
  if (breakSpace) { blockPlainAllowed = false; singleQuotedAllowed = false; }
  if (spaceBreak || special) { blockPlainAllowed = false; singleQuotedAllowed = false; blockAllowed = false; }
  if (lineBreaks) { blockPlainAllowed = false; singleQuotedAllowed = false; }
  if (blockIndicators) blockPlainAllowed = false;
  return { multiline: lineBreaks, blockPlainAllowed, singleQuotedAllowed, blockAllowed };
}

// yamlh.go is_printable (with the emitter's unicode flag on).
function isPrintable(cp: number): boolean {
  return cp === 0x0a || (cp >= 0x20 && cp <= 0x7e) || cp === 0x85 || (cp >= 0xa0 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd && cp !== 0xfeff) || (cp >= 0x10000 && cp <= 0x10ffff);
}

function isBreak(cp: number): boolean {
  return cp === 0x0a || cp === 0x0d || cp === 0x85 || cp === 0x2028 || cp === 0x2029;
}

const DOUBLE_ESCAPES: Record<number, string> = {
  0x00: '0', 0x07: 'a', 0x08: 'b', 0x09: 't', 0x0a: 'n', 0x0b: 'v', 0x0c: 'f', 0x0d: 'r', 0x1b: 'e',
  0x22: '"', 0x5c: '\\', 0x85: 'N', 0xa0: '_', 0x2028: 'L', 0x2029: 'P',
};

// emitterc.go write_double_quoted_scalar escapes (upper-case hex).
function escapeDouble(cp: number): string {
  const e = DOUBLE_ESCAPES[cp];
  if (e) return '\\' + e;
  const h = cp.toString(16).toUpperCase();
  if (cp <= 0xff) return '\\x' + h.padStart(2, '0');
  if (cp <= 0xffff) return '\\u' + h.padStart(4, '0');
  return '\\U' + h.padStart(8, '0');
}
