// Kubernetes' JSONPath template syntax (k8s.io/client-go util/jsonpath parser.go): text with
// `{...}` actions holding paths (.a.b, [0], [1:3], [*], ..x, [?(@.k=="v")], ['key'], [a,b]),
// quoted text, numbers, true/false and the range/end keywords. The grammar and every error
// message follow parser.go, so a template that fails in kubectl fails here with the same words.
import { goSharpU } from '../go-format';

export type Node =
  | ListNode
  | { type: 'text'; text: string }
  | { type: 'field'; name: string }
  | { type: 'identifier'; name: string }
  | { type: 'array'; params: [SliceParam, SliceParam, SliceParam] }
  | { type: 'filter'; left: ListNode; right: ListNode; op: string }
  | { type: 'int'; value: number }
  | { type: 'float'; value: number }
  | { type: 'bool'; value: boolean }
  | { type: 'wildcard' }
  | { type: 'recursive' }
  | { type: 'union'; nodes: ListNode[] };

export interface ListNode { type: 'list'; nodes: Node[] }

export interface SliceParam { value: number; known: boolean; derived: boolean }

export class JSONPathParseError extends Error {}

const EOF = -1;
const DICT_KEY_RE = /^'([^']*)'$/;
const SLICE_RE = /^(-?\d*)(:-?\d*)?(:-?\d*)?$/;
const FILTER_RE = /^([^!<>=]+)([!<>=]+)(.+?)$/s;
const LETTER = /^\p{L}$/u;
const DIGIT = /^\p{Nd}$/u;

/** Parse a whole template; throws JSONPathParseError with parser.go's message. */
export function parseJSONPath(text: string): ListNode {
  return new Parser(text).parse();
}

// parser.go parseAction: parse "{text}" and return the action's list.
function parseAction(text: string): ListNode {
  return parseJSONPath(`{${text}}`).nodes[0] as ListNode;
}

class Parser {
  private readonly root: ListNode = { type: 'list', nodes: [] };
  private pos = 0;
  private start = 0;
  private width = 0;

  constructor(private readonly input: string) {}

  parse(): ListNode {
    // Iterative form of parser.go's mutual recursion: text, then an action, then text again...
    for (;;) {
      const next = this.input.indexOf('{', this.pos);
      if (next < 0) break;
      this.pos = next;
      if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consume() });
      this.pos += 1; // the left delimiter
      this.consume();
      const action: ListNode = { type: 'list', nodes: [] };
      this.root.nodes.push(action);
      this.parseInsideAction(action);
    }
    this.pos = this.input.length;
    if (this.pos > this.start) this.root.nodes.push({ type: 'text', text: this.consume() });
    return this.root;
  }

  private consume(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): number {
    if (this.pos >= this.input.length) { this.width = 0; return EOF; }
    const cp = this.input.codePointAt(this.pos)!;
    this.width = cp > 0xffff ? 2 : 1;
    this.pos += this.width;
    return cp;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  private rest(): string {
    return this.input.slice(this.pos);
  }

  // parser.go parseInsideAction; returns once the action's right delimiter is consumed.
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.rest();
      if (rest.startsWith('}')) { this.pos += 1; this.consume(); return; }
      if (rest.startsWith('[?(')) { this.parseFilter(cur); continue; }
      if (rest.startsWith('..')) { this.parseRecursive(cur); continue; }
      const r = this.next();
      if (r === EOF || r === 0x0d || r === 0x0a) throw new JSONPathParseError('unclosed action');
      if (r === 0x20 || r === 0x40 /* @ */ || r === 0x24 /* $ */) this.consume();
      else if (r === 0x5b /* [ */) this.parseArray(cur);
      else if (r === 0x22 || r === 0x27) this.parseQuote(cur, r);
      else if (r === 0x2e /* . */) this.parseField(cur);
      else if (r === 0x2b || r === 0x2d || isDigit(r)) { this.backup(); this.parseNumber(cur); }
      else if (isAlphaNumeric(r)) { this.backup(); this.parseIdentifier(cur); }
      else throw new JSONPathParseError(`unrecognized character in action: ${goSharpU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    while (!isTerminator(this.next()));
    this.backup();
    const value = this.consume();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    if (cur.nodes.at(-1)?.type === 'recursive') throw new JSONPathParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consume();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    const first = this.peek();
    if (first === 0x2b || first === 0x2d) this.next();
    for (;;) {
      const r = this.next();
      if (r !== 0x2e && !isDigit(r)) { this.backup(); break; }
    }
    const value = this.consume();
    if (/^[+-]?\d+$/.test(value)) cur.nodes.push({ type: 'int', value: Number(value) });
    else if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(value)) cur.nodes.push({ type: 'float', value: Number(value) });
    else throw new JSONPathParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JSONPathParseError('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consume().slice(1, -1);
    if (text === '*') text = ':';
    const parts = text.split(',');
    if (parts.length > 1) {
      cur.nodes.push({ type: 'union', nodes: parts.map((s) => parseAction(`[${s.replace(/^ +| +$/g, '')}]`)) });
      return;
    }
    const key = DICT_KEY_RE.exec(text);
    if (key) {
      cur.nodes.push(...parseAction(`.${key[1]}`).nodes);
      return;
    }
    const m = SLICE_RE.exec(text);
    if (!m) throw new JSONPathParseError(`invalid array index ${text}`);
    const params: SliceParam[] = [];
    for (let i = 0; i < 3; i++) {
      let v = m[i + 1] ?? '';
      if (v !== '') {
        if (i > 0) v = v.slice(1);
        if (i > 0 && v === '') params.push({ value: 0, known: false, derived: false });
        else {
          if (!/^-?\d+$/.test(v)) throw new JSONPathParseError(`array index ${v} is not a number`);
          params.push({ value: Number(v), known: true, derived: false });
        }
      } else if (i === 1) {
        params.push({ value: params[0].value + 1, known: true, derived: true });
      } else {
        params.push({ value: 0, known: false, derived: false });
      }
    }
    cur.nodes.push({ type: 'array', params: params as [SliceParam, SliceParam, SliceParam] });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consume();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JSONPathParseError('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) { begin = true; pair = r; continue; }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29 && begin === end) break;
    }
    if (this.next() !== 0x5d) throw new JSONPathParseError('unclosed array expect ]');
    const text = this.consume().slice(0, -2);
    const m = FILTER_RE.exec(text);
    if (!m) cur.nodes.push({ type: 'filter', left: parseAction(text), right: { type: 'list', nodes: [] }, op: 'exists' });
    else cur.nodes.push({ type: 'filter', left: parseAction(m[1]), right: parseAction(m[3]), op: m[2] });
  }

  private parseQuote(cur: ListNode, quote: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JSONPathParseError('unterminated quoted string');
      if (r === quote && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consume();
    const s = unquoteExtend(value);
    if (s === undefined) throw new JSONPathParseError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consume();
    for (;;) {
      const r = this.next();
      if (r === 0x5c /* \ */) this.next();
      else if (isTerminator(r)) { this.backup(); break; }
    }
    const value = this.consume();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', name: value.replaceAll('\\', '') });
  }
}

function isTerminator(r: number): boolean {
  // space, tab, CR, LF, eof, and . , [ ] $ @ { }
  return r === EOF || r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a || '.,[]$@{}'.includes(String.fromCodePoint(r));
}

function isDigit(r: number): boolean {
  return r >= 0x30 && r <= 0x39 ? true : r > 0x7f && DIGIT.test(String.fromCodePoint(r));
}

function isAlphaNumeric(r: number): boolean {
  if (r === EOF) return false;
  return r === 0x5f || isDigit(r) || (r < 0x80 ? /[A-Za-z]/.test(String.fromCharCode(r)) : LETTER.test(String.fromCodePoint(r)));
}

const SIMPLE_ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };

// parser.go UnquoteExtend: strconv.Unquote that also accepts single quotes (Go escape rules).
function unquoteExtend(s: string): string | undefined {
  const q = s[0];
  if (s.length < 2 || s[s.length - 1] !== q || (q !== '"' && q !== "'")) return undefined;
  const body = s.slice(1, -1);
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c === q) return undefined;
    if (c !== '\\') { out += c; continue; }
    const e = body[++i];
    if (e === undefined) return undefined;
    if (SIMPLE_ESCAPES[e]) { out += SIMPLE_ESCAPES[e]; continue; }
    if (e === "'" || e === '"') { if (e !== q) return undefined; out += e; continue; }
    const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : /[0-7]/.test(e) ? 3 : 0;
    if (len === 0) return undefined;
    const digits = e >= '0' && e <= '7' ? body.slice(i, i + 3) : body.slice(i + 1, i + 1 + len);
    const ok = e >= '0' && e <= '7' ? /^[0-7]{3}$/.test(digits) : new RegExp(`^[0-9a-fA-F]{${len}}$`).test(digits);
    if (!ok) return undefined;
    const cp = parseInt(digits, e >= '0' && e <= '7' ? 8 : 16);
    if (cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000 && len >= 4) || (len === 3 && cp > 255)) return undefined;
    out += String.fromCodePoint(cp);
    i += e >= '0' && e <= '7' ? 2 : len;
  }
  return out;
}
