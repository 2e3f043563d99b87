// A recursive-descent parser for the POSIX shell grammar (XCU 2.10) with the bash extensions Podlab
// needs ($'..', function, [[ ]], (( ))). Lexing is done on demand because shell tokens depend on
// context: here-documents are read after the next newline, $( ) nests a whole program.
//
// Like dash's list(1), the top level is parsed one line at a time in effect: when a syntax error
// is found, the commands on earlier lines are kept (they run first) and the error is returned with
// them, so `echo a` on line 1 prints before line 2's error, as in a real shell.
import type {
  ArithCmd, Assign, Case, CaseItem, CondCmd, For, FuncDef, Group, If, List, Node, ParamOp, ParamPart, Redir, RedirOp,
  Simple, Subshell, While, Word, WordPart,
} from './ast';
import type { DialectName, SyntaxErrorInfo, TokenInfo } from './dialect';

export interface ParseResult {
  list: List;
  /** a syntax error after the commands in `list` */
  error?: SyntaxErrorInfo;
  /** a here-document ran to the end of the text without its delimiter (more input may finish it) */
  heredocAtEof?: boolean;
}

export function parse(src: string, dialect: DialectName): ParseResult {
  return new Parser(src, dialect).program();
}

/** Parse the text of a `$((...))` or here-document body as a word (expansions only, no quotes). */
export function parseExpansionText(src: string, dialect: DialectName, mode: 'heredoc' | 'arith'): Word {
  const p = new Parser(src, dialect);
  return p.expansionWord(mode);
}

export class SyntaxError extends Error {
  constructor(readonly info: SyntaxErrorInfo) {
    super(info.kind);
  }
}

type Tok =
  | { k: 'word'; word: Word; line: number }
  | { k: 'op'; v: string; line: number }
  | { k: 'redir'; op: RedirOp; fd: number | null; line: number }
  | { k: 'nl'; line: number }
  | { k: 'eof'; line: number };

interface PendingHeredoc {
  redir: Redir;
  delim: string;
  strip: boolean;
  quoted: boolean;
}

const META = new Set([' ', '\t', '\n', ';', '&', '|', '(', ')', '<', '>']);
/** dash tokendlist: tokens that end a list */
const LIST_END = new Set(['then', 'else', 'elif', 'fi', 'do', 'done', 'esac', '}']);
const LIST_END_OPS = new Set([')', ';;', ';&', ';;&']);
const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'case', 'esac', 'while', 'until', 'for', 'in', '{', '}', '!']);

const isNameStart = (c: string | undefined): boolean => !!c && /[A-Za-z_]/.test(c);
const isNameChar = (c: string | undefined): boolean => !!c && /[A-Za-z0-9_]/.test(c);
export const isName = (s: string): boolean => /^[A-Za-z_][A-Za-z0-9_]*$/.test(s);

class Parser {
  private pos = 0;
  private line: number;
  private peeked: Tok | null = null;
  private peekedAt = 0;
  private heredocs: PendingHeredoc[] = [];
  private heredocAtEof = false;
  private readonly bashish: boolean;

  constructor(
    private readonly src: string,
    private readonly dialect: DialectName,
    firstLine = 1,
  ) {
    this.line = firstLine;
    this.bashish = dialect !== 'dash';
  }

  // ================= grammar =================

  program(): ParseResult {
    const items: List['items'] = [];
    let committed = 0;
    try {
      for (;;) {
        this.skipNewlines();
        const t = this.peek();
        if (t.k === 'eof') break;
        this.andOrList(items);
        const end = this.peek();
        if (end.k === 'nl') {
          this.next();
          committed = items.length;
        } else if (end.k === 'eof') {
          committed = items.length;
        } else {
          throw this.unexpected(end);
        }
      }
      return this.heredocAtEof ? { list: { t: 'list', items }, heredocAtEof: true } : { list: { t: 'list', items } };
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      return { list: { t: 'list', items: items.slice(0, committed) }, error: e.info };
    }
  }

  /** Parse `and_or ((; | &) and_or)*` on one line into items. */
  private andOrList(items: List['items']): void {
    for (;;) {
      const start = this.tokStart();
      const node = this.andOr();
      const t = this.peek();
      const text = this.src.slice(start, this.pos).trim();
      if (t.k === 'op' && (t.v === ';' || t.v === '&')) {
        this.next();
        items.push({ node, bg: t.v === '&', text: text.replace(/\s*[;&]$/, '') });
        const after = this.peek();
        if (after.k === 'nl' || after.k === 'eof' || this.atListEnd(after)) return;
        continue;
      }
      items.push({ node, bg: false, text });
      return;
    }
  }

  /** compound_list: newline-separated lists until a list-ending token. */
  private compoundList(): List {
    const items: List['items'] = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (t.k === 'eof' || this.atListEnd(t)) break;
      this.andOrList(items);
      const end = this.peek();
      if (end.k === 'nl') {
        this.skipNewlines();
        continue;
      }
      break;
    }
    if (!items.length) throw this.unexpected(this.peek());
    return { t: 'list', items };
  }

  private atListEnd(t: Tok): boolean {
    if (t.k === 'op') return LIST_END_OPS.has(t.v);
    const w = this.keyword(t);
    return w !== undefined && LIST_END.has(w);
  }

  private andOr(): Node {
    const first = this.pipeline();
    const rest: { op: '&&' | '||'; node: Node }[] = [];
    for (;;) {
      const t = this.peek();
      if (t.k !== 'op' || (t.v !== '&&' && t.v !== '||')) break;
      this.next();
      this.skipNewlines();
      rest.push({ op: t.v, node: this.pipeline() });
    }
    return rest.length ? { t: 'andor', first, rest } : first;
  }

  private pipeline(): Node {
    let bang = false;
    const line = this.peek().line;
    if (this.keyword(this.peek()) === '!') {
      this.next();
      bang = true;
    }
    const cmds = [this.command()];
    for (;;) {
      const t = this.peek();
      if (t.k !== 'op' || (t.v !== '|' && t.v !== '|&')) break;
      this.next();
      // bash |& is 2>&1 |
      if (t.v === '|&') addRedir(cmds[cmds.length - 1]!, { fd: 2, op: '>&', target: litWord('1') });
      this.skipNewlines();
      cmds.push(this.command());
    }
    if (cmds.length === 1 && !bang) return cmds[0]!;
    return { t: 'pipeline', cmds, bang, line };
  }

  private command(): Node {
    const t = this.peek();
    const kw = this.keyword(t);
    if (kw !== undefined) {
      switch (kw) {
        case 'if': return this.withRedirs(this.ifClause());
        case 'while':
        case 'until': return this.withRedirs(this.whileClause(kw === 'until'));
        case 'for': return this.withRedirs(this.forClause());
        case 'case': return this.withRedirs(this.caseClause());
        case '{': return this.withRedirs(this.group());
        case 'function':
          if (this.bashish) return this.functionKeyword();
          break;
        case '[[':
          if (this.bashish) return this.withRedirs(this.condCommand());
          break;
        default:
          if (KEYWORDS.has(kw)) throw this.unexpected(t);
      }
    }
    if (t.k === 'op' && t.v === '(') {
      this.next();
      const body = this.compoundList();
      this.expect(')');
      const node: Subshell = { t: 'subshell', body, redirs: [], line: t.line };
      return this.withRedirs(node);
    }
    if (t.k === 'op' && t.v === '((') {
      this.next();
      return this.withRedirs(this.arithCommand(t.line));
    }
    return this.simple();
  }

  private withRedirs<T extends { redirs: Redir[] }>(node: T): T {
    for (;;) {
      const t = this.peek();
      if (t.k !== 'redir') return node;
      this.next();
      node.redirs.push(this.redirection(t));
    }
  }

  private simple(): Node {
    const first = this.peek();
    const node: Simple = { t: 'simple', assigns: [], words: [], redirs: [], line: first.line };
    for (;;) {
      const t = this.peek();
      if (t.k === 'redir') {
        this.next();
        node.redirs.push(this.redirection(t));
      } else if (t.k === 'word') {
        this.next();
        const assign = !node.words.length ? asAssignment(t.word) : undefined;
        if (assign) node.assigns.push(assign);
        else node.words.push(t.word);
        // NAME ( ) compound-command: a function definition
        if (node.words.length === 1 && !node.assigns.length && !node.redirs.length) {
          const after = this.peek();
          if (after.k === 'op' && after.v === '(') return this.functionBody(t.word, first.line);
        }
      } else break;
    }
    if (!node.assigns.length && !node.words.length && !node.redirs.length) throw this.unexpected(first);
    return node;
  }

  private functionBody(nameWord: Word, line: number): FuncDef {
    this.next(); // (
    const close = this.peek();
    if (close.k !== 'op' || close.v !== ')') throw this.unexpected(close, ')');
    this.next();
    const name = nameWord.raw;
    // dash parser.c simplecmd: synerror("Bad function name")
    if (!isFunctionName(name, this.bashish)) throw new SyntaxError({ kind: 'bad', what: 'function-name', line });
    this.skipNewlines();
    return { t: 'func', name, body: this.command(), line };
  }

  private functionKeyword(): FuncDef {
    const kwTok = this.next();
    const nameTok = this.next();
    if (nameTok.k !== 'word') throw this.unexpected(nameTok);
    const after = this.peek();
    if (after.k === 'op' && after.v === '(') {
      this.next();
      this.expect(')');
    }
    this.skipNewlines();
    return { t: 'func', name: nameTok.word.raw, body: this.command(), line: kwTok.line };
  }

  private ifClause(): If {
    this.next();
    const clauses: If['clauses'] = [];
    const cond = this.compoundList();
    this.expectKeyword('then');
    clauses.push({ cond, body: this.compoundList() });
    let elsePart: List | undefined;
    for (;;) {
      const kw = this.keyword(this.peek());
      if (kw === 'elif') {
        this.next();
        const c = this.compoundList();
        this.expectKeyword('then');
        clauses.push({ cond: c, body: this.compoundList() });
        continue;
      }
      if (kw === 'else') {
        this.next();
        elsePart = this.compoundList();
      }
      break;
    }
    this.expectKeyword('fi');
    return { t: 'if', clauses, else: elsePart, redirs: [] };
  }

  private whileClause(until: boolean): While {
    this.next();
    const cond = this.compoundList();
    this.expectKeyword('do');
    const body = this.compoundList();
    this.expectKeyword('done');
    return { t: 'while', until, cond, body, redirs: [] };
  }

  private forClause(): For {
    const forTok = this.next();
    const nameTok = this.next();
    // dash parser.c: synerror("Bad for loop variable")
    if (nameTok.k !== 'word' || !isName(nameTok.word.raw)) throw new SyntaxError({ kind: 'bad', what: 'for-var', line: nameTok.line });
    let words: Word[] | null = null;
    this.skipNewlines();
    let t = this.peek();
    if (this.keyword(t) === 'in') {
      this.next();
      words = [];
      for (;;) {
        t = this.peek();
        if (t.k !== 'word') break;
        this.next();
        words.push(t.word);
      }
      if (t.k === 'op' && t.v === ';') this.next();
      else if (t.k !== 'nl') throw this.unexpected(t);
    } else if (t.k === 'op' && t.v === ';') {
      this.next();
    }
    this.skipNewlines();
    this.expectKeyword('do');
    const body = this.compoundList();
    this.expectKeyword('done');
    return { t: 'for', name: nameTok.word.raw, words, body, redirs: [], line: forTok.line };
  }

  private caseClause(): Case {
    const caseTok = this.next();
    const wordTok = this.next();
    if (wordTok.k !== 'word') throw this.unexpected(wordTok, 'word');
    this.skipNewlines();
    const inTok = this.peek();
    if (this.keyword(inTok) !== 'in') throw this.unexpected(inTok, 'in');
    this.next();
    const items: CaseItem[] = [];
    for (;;) {
      this.skipNewlines();
      const first = this.peek();
      if (this.keyword(first) === 'esac') break;
      if (first.k === 'op' && first.v === '(') this.next();
      const patterns: Word[] = [];
      for (;;) {
        const t = this.next();
        if (t.k !== 'word') throw this.unexpected(t);
        patterns.push(t.word);
        const sep = this.peek();
        if (sep.k === 'op' && sep.v === '|') {
          this.next();
          continue;
        }
        break;
      }
      const close = this.peek();
      if (close.k !== 'op' || close.v !== ')') throw this.unexpected(close, ')');
      this.next();
      this.skipNewlines();
      const next = this.peek();
      const body = this.keyword(next) === 'esac' || (next.k === 'op' && LIST_END_OPS.has(next.v)) ? null : this.compoundList();
      const end = this.peek();
      if (end.k === 'op' && (end.v === ';;' || end.v === ';&' || end.v === ';;&')) {
        this.next();
        items.push({ patterns, body, term: end.v });
        continue;
      }
      items.push({ patterns, body, term: ';;' });
      if (this.keyword(end) !== 'esac') throw this.unexpected(end, ';;');
    }
    this.expectKeyword('esac');
    return { t: 'case', word: wordTok.word, items, redirs: [], line: caseTok.line };
  }

  private group(): Group {
    this.next();
    const body = this.compoundList();
    this.expectKeyword('}');
    return { t: 'group', body, redirs: [] };
  }

  /** bash `(( expr ))`: the text up to the matching `))`. */
  private arithCommand(line: number): ArithCmd {
    const start = this.pos;
    const end = this.findArithEnd(start);
    if (end < 0) throw new SyntaxError({ kind: 'unterminated', what: 'paren', ch: '((', line: this.line, startLine: line });
    const text = this.src.slice(start, end);
    this.advanceTo(end + 2);
    return { t: 'arithcmd', expr: parseExpansionText(text, this.dialect, 'arith'), redirs: [], line };
  }

  /** bash `[[ ... ]]`: words up to `]]`; operators become literal words. */
  private condCommand(): CondCmd {
    const open = this.next();
    const words: Word[] = [];
    for (;;) {
      const t = this.next();
      if (t.k === 'eof' || t.k === 'nl') throw this.unexpected(t);
      if (t.k === 'word') {
        if (this.keyword(t) === ']]') break;
        words.push(t.word);
      } else if (t.k === 'op') words.push(litWord(t.v));
      else if (t.k === 'redir') words.push(litWord(t.op));
    }
    return { t: 'cond', words, redirs: [], line: open.line };
  }

  private redirection(t: Tok & { k: 'redir' }): Redir {
    const target = this.next();
    if (target.k !== 'word') throw this.unexpected(target);
    const r: Redir = { fd: t.fd, op: t.op, target: target.word };
    if (t.op === '<<' || t.op === '<<-') {
      const raw = target.word.raw;
      const quoted = /['"\\]/.test(raw);
      this.heredocs.push({ redir: r, delim: unquoteDelimiter(target.word), strip: t.op === '<<-', quoted });
    }
    return r;
  }

  // ================= tokens =================

  private keyword(t: Tok): string | undefined {
    if (t.k !== 'word') return undefined;
    const p = t.word.parts;
    if (p.length !== 1 || p[0]!.t !== 'lit') return undefined;
    return p[0]!.v;
  }

  private expect(op: string): void {
    const t = this.peek();
    if (t.k !== 'op' || t.v !== op) throw this.unexpected(t, op);
    this.next();
  }

  private expectKeyword(kw: string): void {
    const t = this.peek();
    if (this.keyword(t) !== kw) throw this.unexpected(t, kw);
    this.next();
  }

  private unexpected(t: Tok, expecting?: string): SyntaxError {
    let tok: TokenInfo;
    switch (t.k) {
      case 'eof': tok = { type: 'eof', text: '' }; break;
      case 'nl': tok = { type: 'newline', text: '\n' }; break;
      case 'op': tok = { type: 'op', text: t.v }; break;
      case 'redir': tok = { type: 'redir', text: t.op }; break;
      default: {
        const kw = this.keyword(t);
        tok = kw !== undefined && (KEYWORDS.has(kw) || kw === ']]') ? { type: 'keyword', text: kw } : { type: 'word', text: t.word.raw };
      }
    }
    const lines = this.src.split('\n');
    const line = t.line;
    return new SyntaxError({ kind: 'token', tok, expecting, line, source: lines[Math.min(line, lines.length) - 1] ?? '' });
  }

  private skipNewlines(): void {
    while (this.peek().k === 'nl') this.next();
  }

  private peek(): Tok {
    if (!this.peeked) {
      // where the token starts, for item texts (a nested $( ) scan may peek in between)
      this.skipBlanks();
      const at = this.pos;
      this.peeked = this.scan();
      this.peekedAt = at;
    }
    return this.peeked;
  }

  private next(): Tok {
    const t = this.peek();
    this.peeked = null;
    return t;
  }

  /** Source offset where the next token starts (for item texts). */
  private tokStart(): number {
    if (this.peeked) return this.peekedAt;
    this.skipBlanks();
    return this.pos;
  }

  private advanceTo(end: number): void {
    for (let i = this.pos; i < end; i++) if (this.src[i] === '\n') this.line++;
    this.pos = end;
  }

  private skipBlanks(): void {
    const s = this.src;
    for (;;) {
      const c = s[this.pos];
      if (c === ' ' || c === '\t' || c === '\r') this.pos++;
      else if (c === '\\' && s[this.pos + 1] === '\n') {
        this.pos += 2;
        this.line++;
      } else if (c === '#') {
        while (this.pos < s.length && s[this.pos] !== '\n') this.pos++;
      } else return;
    }
  }

  private scan(): Tok {
    this.skipBlanks();
    const s = this.src;
    const line = this.line;
    if (this.pos >= s.length) return { k: 'eof', line };
    const c = s[this.pos]!;
    if (c === '\n') {
      this.pos++;
      this.line++;
      if (this.heredocs.length) this.readHeredocs();
      return { k: 'nl', line };
    }
    const three = s.slice(this.pos, this.pos + 3);
    const two = three.slice(0, 2);
    const op = (v: string): Tok => {
      this.pos += v.length;
      return { k: 'op', v, line };
    };
    const redir = (v: RedirOp, fd: number | null = null): Tok => {
      this.pos += v.length;
      return { k: 'redir', op: v, fd, line };
    };
    if (this.bashish && three === ';;&') return op(';;&');
    if (three === '<<-') return redir('<<-');
    if (this.bashish && three === '<<<') return redir('<<<');
    if (this.bashish && three === '&>>') return redir('&>>');
    switch (two) {
      case '&&': case '||': case ';;': return op(two);
      case ';&': return op(';&');
      case '((':
        if (this.bashish && this.findArithEnd(this.pos + 2) >= 0) return op('((');
        break;
      case '|&': if (this.bashish) return op('|&'); break;
      case '<<': case '>>': case '<&': case '>&': case '<>': case '>|': return redir(two);
      case '&>': if (this.bashish) return redir('&>'); break;
    }
    if (c === ';' || c === '&' || c === '|' || c === '(' || c === ')') return op(c);
    if (c === '<' || c === '>') return redir(c as RedirOp);
    // An IO number: digits right before < or >
    if (c >= '0' && c <= '9') {
      let j = this.pos;
      while (j < s.length && s[j]! >= '0' && s[j]! <= '9') j++;
      if (s[j] === '<' || s[j] === '>') {
        const fd = Number(s.slice(this.pos, j));
        this.pos = j;
        const t = this.scan() as Tok & { k: 'redir' };
        t.fd = fd;
        return t;
      }
    }
    return { k: 'word', word: this.word(), line };
  }

  /** The offset of the `))` closing an arithmetic expression starting at `from`, or -1. */
  private findArithEnd(from: number): number {
    const s = this.src;
    let depth = 0;
    for (let i = from; i < s.length; i++) {
      const c = s[i];
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) return s[i + 1] === ')' ? i : -1;
        depth--;
      }
    }
    return -1;
  }

  // ================= words =================

  private word(): Word {
    const s = this.src;
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = (): void => {
      if (lit) {
        parts.push({ t: 'lit', v: lit });
        lit = '';
      }
    };
    // ~ or ~user at the start of a word
    if (s[this.pos] === '~') {
      let j = this.pos + 1;
      while (j < s.length && /[A-Za-z0-9._-]/.test(s[j]!)) j++;
      if (j >= s.length || s[j] === '/' || META.has(s[j]!)) {
        parts.push({ t: 'tilde', user: s.slice(this.pos + 1, j) });
        this.pos = j;
      }
    }
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (META.has(c)) break;
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        flush();
        if (n === undefined) {
          parts.push({ t: 'q', v: '\\' });
          this.pos++;
        } else {
          parts.push({ t: 'q', v: n });
          this.pos += 2;
        }
        continue;
      }
      if (c === "'") {
        flush();
        parts.push({ t: 'q', v: this.singleQuoted() });
        continue;
      }
      if (c === '"') {
        flush();
        parts.push(this.doubleQuoted());
        continue;
      }
      if (c === '$') {
        const part = this.dollar(false);
        if (part) {
          flush();
          parts.push(part);
        } else {
          lit += '$';
          this.pos++;
        }
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.backquote(false));
        continue;
      }
      lit += c;
      this.pos++;
    }
    flush();
    const raw = s.slice(start, this.pos);
    const w: Word = { parts, raw };
    if (parts.length === 1 && parts[0]!.t === 'lit' && !/[*?[]/.test(parts[0]!.v)) w.lit = parts[0]!.v;
    return w;
  }

  private singleQuoted(): string {
    const s = this.src;
    const startLine = this.line;
    const end = s.indexOf("'", this.pos + 1);
    if (end < 0) throw new SyntaxError({ kind: 'unterminated', what: 'quote', ch: "'", line: this.line, startLine });
    const v = s.slice(this.pos + 1, end);
    this.advanceTo(end + 1);
    return v;
  }

  private doubleQuoted(): WordPart {
    const s = this.src;
    const startLine = this.line;
    this.pos++;
    const parts: WordPart[] = [];
    let buf = '';
    const flush = (): void => {
      if (buf) {
        parts.push({ t: 'q', v: buf });
        buf = '';
      }
    };
    for (;;) {
      if (this.pos >= s.length) throw new SyntaxError({ kind: 'unterminated', what: 'quote', ch: '"', line: this.line, startLine });
      const c = s[this.pos]!;
      if (c === '"') {
        this.pos++;
        break;
      }
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        if (n === '$' || n === '`' || n === '"' || n === '\\') {
          buf += n;
          this.pos += 2;
          continue;
        }
        buf += '\\';
        this.pos++;
        continue;
      }
      if (c === '$') {
        const part = this.dollar(true);
        if (part) {
          flush();
          parts.push(part);
        } else {
          buf += '$';
          this.pos++;
        }
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.backquote(true));
        continue;
      }
      if (c === '\n') this.line++;
      buf += c;
      this.pos++;
    }
    flush();
    return { t: 'dq', parts };
  }

  /** A $-expansion at pos, or null when the $ is literal. */
  private dollar(inDq: boolean): WordPart | null {
    const s = this.src;
    const n = s[this.pos + 1];
    const startLine = this.line;
    if (n === '(') {
      if (s[this.pos + 2] === '(') {
        const end = this.findArithEnd(this.pos + 3);
        if (end >= 0) {
          const text = s.slice(this.pos + 3, end);
          this.advanceTo(end + 2);
          return { t: 'arith', expr: parseExpansionText(text, this.dialect, 'arith') };
        }
      }
      this.pos += 2;
      const saved = this.peeked;
      this.peeked = null;
      const body = this.subProgram(')');
      const close = this.next();
      this.peeked = saved;
      if (close.k !== 'op' || close.v !== ')') {
        if (close.k === 'eof') throw new SyntaxError({ kind: 'unterminated', what: 'paren', ch: '$(', line: this.line, startLine });
        throw this.unexpected(close, ')');
      }
      return { t: 'cmd', body };
    }
    if (n === '{') return this.braceParam(inDq);
    if (n === "'" && this.bashish && !inDq) {
      this.pos += 2;
      return { t: 'q', v: this.ansiC() };
    }
    if (isNameStart(n)) {
      let j = this.pos + 2;
      while (isNameChar(s[j])) j++;
      const name = s.slice(this.pos + 1, j);
      this.pos = j;
      return { t: 'param', name, op: '' };
    }
    if (n !== undefined && /[0-9@*#?$!-]/.test(n)) {
      this.pos += 2;
      return { t: 'param', name: n, op: '' };
    }
    return null;
  }

  /** A list inside $( ): parsed with this parser so nesting and here-docs work. */
  private subProgram(close: string): List {
    const items: List['items'] = [];
    this.skipNewlines();
    for (;;) {
      const t = this.peek();
      if (t.k === 'eof' || (t.k === 'op' && t.v === close)) break;
      this.andOrList(items);
      const end = this.peek();
      if (end.k === 'nl') {
        this.skipNewlines();
        continue;
      }
      if (end.k === 'eof' || (end.k === 'op' && end.v === close)) break;
      throw this.unexpected(end);
    }
    return { t: 'list', items };
  }

  private braceParam(inDq: boolean): ParamPart {
    const s = this.src;
    const startLine = this.line;
    this.pos += 2;
    const bad = (): SyntaxError => new SyntaxError({ kind: 'bad', what: 'substitution', line: this.line });
    let name: string;
    let op: ParamOp;
    // ${#name}: length (but ${#} is $# and ${#-...} is $# with a default)
    if (s[this.pos] === '#' && s[this.pos + 1] !== '}' && !/[-=?+:]/.test(s[this.pos + 1] ?? '')) {
      this.pos++;
      name = this.paramName();
      if (!name || s[this.pos] !== '}') throw bad();
      this.pos++;
      return { t: 'param', name, op: 'len' };
    }
    name = this.paramName();
    if (!name) {
      if (this.pos >= s.length) throw new SyntaxError({ kind: 'unterminated', what: 'brace', ch: '${', line: this.line, startLine });
      throw bad();
    }
    if (s[this.pos] === '}') {
      this.pos++;
      return { t: 'param', name, op: '' };
    }
    let colon = false;
    const rest = s.slice(this.pos, this.pos + 2);
    if (rest[0] === ':' && rest[1] && '-=?+'.includes(rest[1])) {
      colon = true;
      op = rest[1] as ParamOp;
      this.pos += 2;
    } else if (rest[0] === ':' && this.bashish) {
      this.pos++;
      const arg = this.braceWord(':}', inDq);
      let arg2: Word | undefined;
      if (s[this.pos] === ':') {
        this.pos++;
        arg2 = this.braceWord('}', inDq);
      }
      this.closeBrace(startLine);
      return { t: 'param', name, op: 'sub', arg, arg2 };
    } else if (rest === '##' || rest === '%%' || (this.bashish && (rest === '//' || rest === '/#' || rest === '/%' || rest === '^^' || rest === ',,'))) {
      op = rest as ParamOp;
      this.pos += 2;
    } else if ('-=?+#%'.includes(rest[0]!) || (this.bashish && '/^,'.includes(rest[0]!))) {
      op = rest[0] as ParamOp;
      this.pos++;
    } else {
      throw bad();
    }
    if (op === '/' || op === '//' || op === '/#' || op === '/%') {
      const arg = this.braceWord('/}', inDq);
      let arg2: Word | undefined;
      if (s[this.pos] === '/') {
        this.pos++;
        arg2 = this.braceWord('}', inDq);
      }
      this.closeBrace(startLine);
      return { t: 'param', name, op, arg, arg2 };
    }
    const arg = this.braceWord('}', inDq);
    this.closeBrace(startLine);
    return { t: 'param', name, op, colon, arg };
  }

  private closeBrace(startLine: number): void {
    if (this.src[this.pos] !== '}') throw new SyntaxError({ kind: 'unterminated', what: 'brace', ch: '${', line: this.line, startLine });
    this.pos++;
  }

  private paramName(): string {
    const s = this.src;
    const c = s[this.pos];
    if (isNameStart(c)) {
      let j = this.pos + 1;
      while (isNameChar(s[j])) j++;
      const n = s.slice(this.pos, j);
      this.pos = j;
      return n;
    }
    if (c !== undefined && c >= '0' && c <= '9') {
      let j = this.pos + 1;
      while (s[j] !== undefined && s[j]! >= '0' && s[j]! <= '9') j++;
      const n = s.slice(this.pos, j);
      this.pos = j;
      return n;
    }
    if (c !== undefined && '@*#?$!-'.includes(c)) {
      this.pos++;
      return c;
    }
    return '';
  }

  /** The word inside ${...} up to one of `stops` (at nesting depth 0). */
  private braceWord(stops: string, inDq: boolean): Word {
    const s = this.src;
    const start = this.pos;
    const parts: WordPart[] = [];
    let lit = '';
    const flush = (): void => {
      if (lit) {
        parts.push(inDq ? { t: 'q', v: lit } : { t: 'lit', v: lit });
        lit = '';
      }
    };
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (stops.includes(c)) break;
      if (c === '\\') {
        const n = s[this.pos + 1];
        flush();
        if (n === '\n') {
          this.pos += 2;
          this.line++;
          continue;
        }
        // Inside "..." a backslash only escapes $ ` " \ and }
        if (inDq && n !== undefined && !'$`"\\}'.includes(n)) parts.push({ t: 'q', v: '\\' + n });
        else parts.push({ t: 'q', v: n ?? '\\' });
        this.pos += n === undefined ? 1 : 2;
        continue;
      }
      if (c === "'" && !inDq) {
        flush();
        parts.push({ t: 'q', v: this.singleQuoted() });
        continue;
      }
      if (c === '"') {
        flush();
        parts.push(this.doubleQuoted());
        continue;
      }
      if (c === '$') {
        const part = this.dollar(inDq);
        if (part) {
          flush();
          parts.push(part);
        } else {
          lit += '$';
          this.pos++;
        }
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.backquote(inDq));
        continue;
      }
      if (c === '\n') this.line++;
      lit += c;
      this.pos++;
    }
    flush();
    return { parts, raw: s.slice(start, this.pos) };
  }

  private backquote(inDq: boolean): WordPart {
    const s = this.src;
    const startLine = this.line;
    let j = this.pos + 1;
    let text = '';
    for (;;) {
      if (j >= s.length) throw new SyntaxError({ kind: 'unterminated', what: 'backquote', ch: '`', line: this.line, startLine });
      const c = s[j]!;
      if (c === '`') break;
      if (c === '\\') {
        const n = s[j + 1];
        // XCU 2.6.3: inside backquotes a backslash escapes $ ` \ (and " inside double quotes)
        if (n === '$' || n === '`' || n === '\\' || (inDq && n === '"')) {
          text += n;
          j += 2;
          continue;
        }
      }
      text += c;
      j++;
    }
    const firstLine = this.line;
    this.advanceTo(j + 1);
    const sub = new Parser(text, this.dialect, firstLine);
    const res = sub.program();
    if (res.error) throw new SyntaxError(res.error);
    return { t: 'cmd', body: res.list };
  }

  /** bash $'...': C escapes. */
  private ansiC(): string {
    const s = this.src;
    let out = '';
    while (this.pos < s.length && s[this.pos] !== "'") {
      const c = s[this.pos]!;
      if (c === '\\' && this.pos + 1 < s.length) {
        const [text, used] = cEscape(s, this.pos + 1, true);
        out += text;
        this.pos += 1 + used;
        continue;
      }
      if (c === '\n') this.line++;
      out += c;
      this.pos++;
    }
    if (this.pos >= s.length) throw new SyntaxError({ kind: 'unterminated', what: 'quote', ch: "'", line: this.line, startLine: this.line });
    this.pos++;
    return out;
  }

  private readHeredocs(): void {
    const s = this.src;
    for (const h of this.heredocs.splice(0)) {
      const lines: string[] = [];
      for (;;) {
        if (this.pos >= s.length) {
          this.heredocAtEof = true; // delimited by end-of-file: accepted
          break;
        }
        let end = s.indexOf('\n', this.pos);
        if (end < 0) end = s.length;
        let line = s.slice(this.pos, end);
        this.pos = Math.min(end + 1, s.length);
        this.line++;
        if (h.strip) line = line.replace(/^\t+/, '');
        if (line === h.delim) break;
        lines.push(line);
      }
      const body = lines.length ? lines.join('\n') + '\n' : '';
      h.redir.here = h.quoted ? { parts: [{ t: 'q', v: body }], raw: body } : parseExpansionText(body, this.dialect, 'heredoc');
    }
  }

  /** Here-document bodies and $((...)) texts: $ and ` expand, backslash escapes $ ` \ (and newline). */
  expansionWord(mode: 'heredoc' | 'arith'): Word {
    const s = this.src;
    const parts: WordPart[] = [];
    let buf = '';
    const flush = (): void => {
      if (buf) {
        parts.push({ t: 'q', v: buf });
        buf = '';
      }
    };
    while (this.pos < s.length) {
      const c = s[this.pos]!;
      if (c === '\\') {
        const n = s[this.pos + 1];
        if (n === '\n') {
          this.pos += 2;
          continue;
        }
        if (n === '$' || n === '`' || n === '\\') {
          buf += n;
          this.pos += 2;
          continue;
        }
        buf += c;
        this.pos++;
        continue;
      }
      if (c === '$') {
        const part = this.dollar(true);
        if (part) {
          flush();
          parts.push(part);
        } else {
          buf += '$';
          this.pos++;
        }
        continue;
      }
      if (c === '`') {
        flush();
        parts.push(this.backquote(true));
        continue;
      }
      if (mode === 'arith' && (c === '"' || c === "'")) {
        // bash accepts quotes inside $(( )): drop them
        this.pos++;
        continue;
      }
      buf += c;
      this.pos++;
    }
    flush();
    return { parts, raw: s };
  }
}

/** `NAME=value` (or bash `NAME+=value`) as the first words of a simple command. */
function asAssignment(w: Word): Assign | undefined {
  const first = w.parts[0];
  if (!first || first.t !== 'lit') return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(\+?)=/.exec(first.v);
  if (!m) return undefined;
  let restText = first.v.slice(m[0].length);
  const parts: WordPart[] = [];
  // ~ right after = expands as in a word start
  const tilde = /^~([A-Za-z0-9._-]*)(?=\/|:|$)/.exec(restText);
  if (tilde) {
    parts.push({ t: 'tilde', user: tilde[1]! });
    restText = restText.slice(tilde[0].length);
  }
  if (restText) parts.push({ t: 'lit', v: restText });
  parts.push(...w.parts.slice(1));
  const value: Word = { parts, raw: w.raw.slice(m[0].length) };
  if (parts.length === 0) value.lit = '';
  else if (parts.length === 1 && parts[0]!.t === 'lit') value.lit = parts[0]!.v;
  const a: Assign = { name: m[1]!, value };
  if (m[2]) a.append = true;
  return a;
}

function isFunctionName(name: string, bashish: boolean): boolean {
  return bashish ? /^[^\s$`'"\\;&|()<>]+$/.test(name) && !/^\d+$/.test(name) : isName(name);
}

function unquoteDelimiter(w: Word): string {
  let out = '';
  const walk = (parts: WordPart[]): void => {
    for (const p of parts) {
      if (p.t === 'lit' || p.t === 'q') out += p.v;
      else if (p.t === 'dq') walk(p.parts);
      else if (p.t === 'param') out += `$${p.name}`;
      else if (p.t === 'tilde') out += `~${p.user}`;
    }
  };
  walk(w.parts);
  return out;
}

function litWord(v: string): Word {
  return { parts: [{ t: 'lit', v }], raw: v, lit: /[*?[]/.test(v) ? undefined : v };
}

function addRedir(node: Node, r: Redir): void {
  if ('redirs' in node) node.redirs.push(r);
}

/**
 * One C escape after a backslash at s[i] (for $'...', echo -e and printf %b): [text, chars used].
 * `ansi` adds the $'..' forms (\e \E \cX \' \").
 */
export function cEscape(s: string, i: number, ansi: boolean): [string, number] {
  const c = s[i]!;
  switch (c) {
    case 'a': return ['\x07', 1];
    case 'b': return ['\b', 1];
    case 'e': case 'E': return ['\x1b', 1];
    case 'f': return ['\f', 1];
    case 'n': return ['\n', 1];
    case 'r': return ['\r', 1];
    case 't': return ['\t', 1];
    case 'v': return ['\v', 1];
    case '\\': return ['\\', 1];
    case "'": return ansi ? ["'", 1] : ["\\'", 1];
    case '"': return ansi ? ['"', 1] : ['\\"', 1];
    case 'x': {
      const m = /^[0-9a-fA-F]{1,2}/.exec(s.slice(i + 1, i + 3));
      if (!m) return ['\\x', 1];
      return [String.fromCharCode(parseInt(m[0], 16)), 1 + m[0].length];
    }
    case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
      const m = /^[0-7]{1,3}/.exec(s.slice(i, i + 3))!;
      return [String.fromCharCode(parseInt(m[0], 8) & 0xff), m[0].length];
    }
    default:
      return ['\\' + c, 1];
  }
}
