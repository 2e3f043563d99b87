// The part of Go's text/template syntax kubectl users write in `-o go-template=...`
// (text/template/parse lex.go and parse.go): text and {{actions}} with trim markers and
// comments; pipelines of commands joined by "|"; fields (.a.b), variables ($, $x), literals,
// parenthesised pipelines and function calls; if/else if/else, range (with $i, $v :=), with,
// and variable declarations. Parse errors read as text/template words them:
// "template: output:1: unclosed action".
import { goSharpU } from '../go-format';

export type Arg =
  | { type: 'field'; pos: number; idents: string[] }
  | { type: 'variable'; pos: number; name: string; idents: string[] }
  | { type: 'dot'; pos: number }
  | { type: 'chain'; pos: number; node: Arg; idents: string[] }
  | { type: 'string'; pos: number; text: string; quoted: string }
  | { type: 'number'; pos: number; value: number; text: string; isFloat: boolean }
  | { type: 'bool'; pos: number; value: boolean }
  | { type: 'nil'; pos: number }
  | { type: 'identifier'; pos: number; name: string }
  | { type: 'pipe'; pos: number; pipe: Pipe };

export interface Command { pos: number; args: Arg[] }
export interface Pipe { pos: number; decl: string[]; isAssign: boolean; cmds: Command[] }

export type TemplateNode =
  | { type: 'text'; text: string }
  | { type: 'action'; pos: number; pipe: Pipe }
  | { type: 'if' | 'with'; pos: number; pipe: Pipe; list: TemplateNode[]; elseList?: TemplateNode[] }
  | { type: 'range'; pos: number; pipe: Pipe; list: TemplateNode[]; elseList?: TemplateNode[] };

export class TemplateParseError extends Error {}

/** The functions text/template and kubectl's GoTemplatePrinter define. */
export const FUNCTIONS = new Set([
  'and', 'or', 'not', 'len', 'index', 'print', 'printf', 'println', 'eq', 'ne', 'lt', 'le', 'gt', 'ge',
  'html', 'js', 'urlquery', 'slice', 'call', 'exists', 'base64decode',
]);

interface Token { kind: 'text' | 'open' | 'close' | 'space' | 'pipe' | 'lparen' | 'rparen' | 'declare' | 'assign' | 'comma' | 'field' | 'variable' | 'dot' | 'string' | 'raw' | 'number' | 'ident' | 'eof'; val: string; pos: number }

// lex.go: "{{" and "}}" with "- " trim markers; comments are dropped here.
function lex(input: string, name: string): Token[] {
  const toks: Token[] = [];
  let pos = 0;
  const line = (p: number): number => input.slice(0, p).split('\n').length;
  const fail = (p: number, msg: string): never => { throw new TemplateParseError(`template: ${name}:${line(p)}: ${msg}`); };
  let trimNext = false;
  while (pos <= input.length) {
    let open = input.indexOf('{{', pos);
    if (open < 0) open = input.length;
    let text = input.slice(pos, open);
    if (trimNext) text = text.replace(/^[ \t\r\n]+/, '');
    const trimLeft = open < input.length && /^\{\{- [\s\S]|^\{\{-[\t\r\n]/.test(input.slice(open));
    if (trimLeft) text = text.replace(/[ \t\r\n]+$/, '');
    if (text) toks.push({ kind: 'text', val: text, pos });
    if (open >= input.length) break;
    let p = open + 2 + (trimLeft ? 2 : 0);
    if (input.startsWith('/*', p)) {
      const end = input.indexOf('*/', p + 2);
      if (end < 0) fail(open, 'unclosed comment');
      p = end + 2;
      const trimRight = input.startsWith(' -}}', p);
      if (trimRight) p++;
      if (input.startsWith('-}}', p) && trimRight) p++;
      if (!input.startsWith('}}', p)) fail(open, 'comment ends before closing delimiter');
      pos = p + 2;
      trimNext = trimRight;
      continue;
    }
    toks.push({ kind: 'open', val: '{{', pos: open });
    for (;;) {
      const rightTrim = /^[ \t\r\n]+-\}\}/.exec(input.slice(p, p + 64));
      if (rightTrim) {
        toks.push({ kind: 'close', val: '}}', pos: p + rightTrim[0].length - 3 });
        pos = p + rightTrim[0].length;
        trimNext = true;
        break;
      }
      if (input.startsWith('}}', p)) {
        toks.push({ kind: 'close', val: '}}', pos: p });
        pos = p + 2;
        trimNext = false;
        break;
      }
      const c = input[p];
      if (c === undefined) fail(p, 'unclosed action');
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        const start = p;
        while (p < input.length && ' \t\r\n'.includes(input[p])) p++;
        if (!input.startsWith('}}', p) && !input.startsWith('-}}', p)) toks.push({ kind: 'space', val: ' ', pos: start });
        continue;
      }
      const start = p;
      if (c === '|') { toks.push({ kind: 'pipe', val: c, pos: p++ }); continue; }
      if (c === '(') { toks.push({ kind: 'lparen', val: c, pos: p++ }); continue; }
      if (c === ')') { toks.push({ kind: 'rparen', val: c, pos: p++ }); continue; }
      if (c === ',') { toks.push({ kind: 'comma', val: c, pos: p++ }); continue; }
      if (input.startsWith(':=', p)) { toks.push({ kind: 'declare', val: ':=', pos: p }); p += 2; continue; }
      if (c === '=') { toks.push({ kind: 'assign', val: c, pos: p++ }); continue; }
      if (c === '"') {
        p++;
        while (p < input.length && input[p] !== '"') {
          if (input[p] === '\\') p++;
          if (input[p] === '\n') fail(open, 'unterminated quoted string');
          p++;
        }
        if (p >= input.length) fail(open, 'unterminated quoted string');
        toks.push({ kind: 'string', val: input.slice(start, ++p), pos: start });
        continue;
      }
      if (c === '`') {
        const end = input.indexOf('`', p + 1);
        if (end < 0) fail(open, 'unterminated raw quoted string');
        toks.push({ kind: 'raw', val: input.slice(start, end + 1), pos: start });
        p = end + 1;
        continue;
      }
      if (c === '$' || c === '.') {
        p++;
        while (p < input.length && /[\p{L}\p{Nd}_]/u.test(input[p])) p++;
        const val = input.slice(start, p);
        toks.push({ kind: c === '$' ? 'variable' : val === '.' ? 'dot' : 'field', val, pos: start });
        continue;
      }
      if (/[0-9+-]/.test(c)) {
        const m = /^[+-]?(0[xX][0-9a-fA-F_]+|(\d[\d_]*)?\.?\d*([eE][+-]?\d+)?)/.exec(input.slice(p));
        const val = m?.[0] ?? '';
        if (!val || val === '+' || val === '-') fail(open, `bad number syntax: "${input.slice(p, p + 1)}"`);
        toks.push({ kind: 'number', val, pos: start });
        p += val.length;
        continue;
      }
      if (/[\p{L}_]/u.test(c)) {
        while (p < input.length && /[\p{L}\p{Nd}_]/u.test(input[p])) p++;
        toks.push({ kind: 'ident', val: input.slice(start, p), pos: start });
        continue;
      }
      fail(p, `unrecognized character in action: ${goSharpU(input.codePointAt(p)!)}`);
    }
  }
  toks.push({ kind: 'eof', val: '', pos: input.length });
  return toks;
}

/** parse.go Tree.Parse for one template named `name` ("output" in kubectl). */
export function parseTemplate(input: string, name = 'output'): TemplateNode[] {
  return new Parser(lex(input, name), input, name).parseRoot();
}

class Parser {
  private i = 0;
  private vars: string[] = ['$'];

  constructor(private readonly toks: Token[], private readonly input: string, private readonly name: string) {}

  private fail(msg: string, pos = this.peek().pos): never {
    const line = this.input.slice(0, pos).split('\n').length;
    throw new TemplateParseError(`template: ${this.name}:${line}: ${msg}`);
  }

  private peek(): Token { return this.toks[this.i]; }
  private next(): Token { return this.toks[this.i++]; }
  private peekNonSpace(): Token {
    while (this.peek().kind === 'space') this.i++;
    return this.peek();
  }

  parseRoot(): TemplateNode[] {
    const [list, end] = this.itemList(false);
    if (end) this.fail(`unexpected {{${end}}}`);
    return list;
  }

  // parse.go itemList: nodes up to {{end}} / {{else}} (or EOF at the top level).
  private itemList(nested: boolean): [TemplateNode[], string | undefined] {
    const list: TemplateNode[] = [];
    for (;;) {
      const t = this.next();
      if (t.kind === 'eof') {
        if (nested) this.fail('unexpected EOF', t.pos);
        return [list, undefined];
      }
      if (t.kind === 'text') { list.push({ type: 'text', text: t.val }); continue; }
      const kw = this.peekNonSpace();
      if (kw.kind === 'ident' && (kw.val === 'end' || kw.val === 'else')) {
        this.next();
        if (kw.val === 'end') { this.expectClose('end'); return [list, 'end']; }
        return [list, 'else'];
      }
      list.push(this.action(t.pos));
    }
  }

  private expectClose(context: string): void {
    const t = this.peekNonSpace();
    if (t.kind !== 'close') this.fail(`unexpected ${describe(t)} in ${context}`);
    this.next();
  }

  private action(pos: number): TemplateNode {
    const t = this.peekNonSpace();
    if (t.kind === 'ident' && (t.val === 'if' || t.val === 'with' || t.val === 'range')) {
      this.next();
      return this.control(t.val, t.pos);
    }
    if (t.kind === 'ident' && ['define', 'template', 'block', 'break', 'continue'].includes(t.val)) {
      this.fail(`{{${t.val}}} is not supported by Podlab's go-template printer`);
    }
    return { type: 'action', pos, pipe: this.pipeline('command', 'close') };
  }

  // parse.go parseControl: if/with/range with an optional {{else}} (or "else if" chains).
  private control(kind: 'if' | 'with' | 'range', pos: number): TemplateNode {
    const saved = this.vars.length;
    const pipe = this.pipeline(kind, 'close');
    const [list, end] = this.itemList(true);
    let elseList: TemplateNode[] | undefined;
    if (end === 'else') {
      const t = this.peekNonSpace();
      if ((kind === 'if' && t.kind === 'ident' && t.val === 'if') || (kind === 'with' && t.kind === 'ident' && t.val === 'with')) {
        // {{else if ...}} is {{else}}{{if ...}}...{{end}}{{end}} sharing one {{end}}
        this.next();
        elseList = [this.control(kind, t.pos)];
      } else {
        this.expectClose('else');
        const [l, end2] = this.itemList(true);
        if (end2 === 'else') this.fail('expected end; found {{else}}');
        elseList = l;
      }
    }
    this.vars.length = saved;
    return { type: kind, pos, pipe, list, elseList };
  }

  // parse.go pipeline: optional "$x :=" / "$i, $e :=" then commands joined by "|".
  private pipeline(context: string, end: 'close' | 'rparen'): Pipe {
    const pos = this.peekNonSpace().pos;
    const decl: string[] = [];
    let isAssign = false;
    const start = this.i;
    const v = this.peekNonSpace();
    if (v.kind === 'variable') {
      this.next();
      const after = this.peekNonSpace();
      if (after.kind === 'declare' || after.kind === 'assign') {
        this.next();
        decl.push(v.val);
        isAssign = after.kind === 'assign';
      } else if (after.kind === 'comma' && context === 'range') {
        this.next();
        const v2 = this.peekNonSpace();
        if (v2.kind !== 'variable') this.fail(`range can only initialize variables`);
        this.next();
        const d = this.peekNonSpace();
        if (d.kind !== 'declare' && d.kind !== 'assign') this.fail(`range can only initialize variables`);
        this.next();
        decl.push(v.val, v2.val);
        isAssign = d.kind === 'assign';
      } else {
        this.i = start;
      }
    }
    if (isAssign) for (const d of decl) if (!this.vars.includes(d)) this.fail(`undefined variable "${d}"`);
    const cmds: Command[] = [];
    for (;;) {
      const t = this.peekNonSpace();
      if ((end === 'close' && t.kind === 'close') || (end === 'rparen' && t.kind === 'rparen')) {
        this.next();
        break;
      }
      if (t.kind === 'eof' || t.kind === 'close' || t.kind === 'rparen') this.fail(end === 'rparen' ? 'unclosed left paren' : `unexpected ${describe(t)} in ${context}`);
      cmds.push(this.command());
      const sep = this.peekNonSpace();
      if (sep.kind === 'pipe') this.next();
    }
    if (cmds.length === 0) this.fail(`missing value for ${context}`);
    if (!isAssign) this.vars.push(...decl);
    return { pos, decl, isAssign, cmds };
  }

  private command(): Command {
    const pos = this.peekNonSpace().pos;
    const args: Arg[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === 'space') { this.next(); continue; }
      if (t.kind === 'pipe' || t.kind === 'close' || t.kind === 'rparen' || t.kind === 'eof') break;
      args.push(this.operand());
      const after = this.peek();
      if (after.kind !== 'space' && after.kind !== 'pipe' && after.kind !== 'close' && after.kind !== 'rparen') {
        this.fail(`unexpected ${describe(after)} in operand`);
      }
    }
    if (args.length === 0) this.fail('empty command');
    return { pos, args };
  }

  // parse.go operand: a term followed by .field chains.
  private operand(): Arg {
    const node = this.term();
    if (this.peek().kind !== 'field') return node;
    const idents: string[] = [];
    const pos = this.peek().pos;
    while (this.peek().kind === 'field') idents.push(this.next().val.slice(1));
    if (node.type === 'field') return { type: 'field', pos, idents: [...node.idents, ...idents] };
    if (node.type === 'variable') return { type: 'variable', pos, name: node.name, idents: [...node.idents, ...idents] };
    if (node.type === 'bool' || node.type === 'string' || node.type === 'number' || node.type === 'nil' || node.type === 'dot') {
      this.fail(`unexpected . after term "${argString(node)}"`);
    }
    return { type: 'chain', pos, node, idents };
  }

  private term(): Arg {
    const t = this.next();
    switch (t.kind) {
      case 'ident':
        if (t.val === 'true' || t.val === 'false') return { type: 'bool', pos: t.pos, value: t.val === 'true' };
        if (t.val === 'nil') return { type: 'nil', pos: t.pos };
        if (!FUNCTIONS.has(t.val)) this.fail(`function "${t.val}" not defined`, t.pos);
        return { type: 'identifier', pos: t.pos, name: t.val };
      case 'dot': return { type: 'dot', pos: t.pos };
      case 'field': return { type: 'field', pos: t.pos, idents: [t.val.slice(1)] };
      case 'variable':
        if (!this.vars.includes(t.val)) this.fail(`undefined variable "${t.val}"`, t.pos);
        return { type: 'variable', pos: t.pos, name: t.val, idents: [] };
      case 'string': case 'raw': {
        const text = t.kind === 'raw' ? t.val.slice(1, -1) : unquote(t.val);
        if (text === undefined) this.fail(`invalid syntax`, t.pos);
        return { type: 'string', pos: t.pos, text, quoted: t.val };
      }
      case 'number': {
        const value = Number(t.val.replaceAll('_', ''));
        if (Number.isNaN(value)) this.fail(`illegal number syntax: "${t.val}"`, t.pos);
        // parse.go newNumber + exec.go idealConstant: a constant with '.', 'e' or 'E' (not hex) is a float64
        const isFloat = !/^[+-]?0[xX]/.test(t.val) && /[.eE]/.test(t.val);
        return { type: 'number', pos: t.pos, value, text: t.val, isFloat };
      }
      case 'lparen': return { type: 'pipe', pos: t.pos, pipe: this.pipeline('parenthesized pipeline', 'rparen') };
      default: return this.fail(`unexpected ${describe(t)} in operand`, t.pos);
    }
  }
}

function describe(t: Token): string {
  if (t.kind === 'close') return '"}}"';
  if (t.kind === 'eof') return 'EOF';
  if (t.kind === 'rparen') return '")"';
  return `<${t.val}>`;
}

const ESCAPES: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\', '"': '"' };

// strconv.Unquote for a double-quoted Go string.
function unquote(q: string): string | undefined {
  let out = '';
  for (let i = 1; i < q.length - 1; i++) {
    if (q[i] !== '\\') { out += q[i]; continue; }
    const e = q[++i];
    if (ESCAPES[e] !== undefined) { out += ESCAPES[e]; continue; }
    const len = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    const digits = q.slice(i + 1, i + 1 + len);
    if (!len || !/^[0-9a-fA-F]+$/.test(digits) || digits.length !== len) return undefined;
    out += String.fromCodePoint(parseInt(digits, 16));
    i += len;
  }
  return out;
}

/** The node as text/template prints it in error contexts (<.metadata.name>). */
export function argString(a: Arg): string {
  switch (a.type) {
    case 'field': return a.idents.map((i) => `.${i}`).join('');
    case 'variable': return a.name + a.idents.map((i) => `.${i}`).join('');
    case 'dot': return '.';
    case 'chain': return `(${argString(a.node)})${a.idents.map((i) => `.${i}`).join('')}`;
    case 'string': return a.quoted;
    case 'number': return a.text;
    case 'bool': return String(a.value);
    case 'nil': return 'nil';
    case 'identifier': return a.name;
    case 'pipe': return `(${pipeString(a.pipe)})`;
  }
}

export function pipeString(p: Pipe): string {
  const decl = p.decl.length ? `${p.decl.join(', ')} ${p.isAssign ? '=' : ':='} ` : '';
  return decl + p.cmds.map((c) => c.args.map(argString).join(' ')).join(' | ');
}
