// Word expansion (XCU 2.6): tilde, parameters, command substitution, arithmetic, then field
// splitting on IFS, pathname expansion and quote removal. The shell supplies the state through
// ExpandHost; command substitutions may block, which the host signals by throwing (the shell
// re-runs the expansion later with the results it recorded meanwhile).
import type { ParamPart, Word, WordPart } from './ast';
import type { DialectName } from './dialect';
import { escapePattern, hasMagic, removePrefix, removeSuffix, replacePattern } from './pattern';

export type CmdPart = Extract<WordPart, { t: 'cmd' }>;

export interface ExpandHost {
  readonly dialect: DialectName;
  /** a variable or special parameter ($?, $$, $#, $0, $1, ...); undefined when unset */
  param(name: string): string | undefined;
  positional(): readonly string[];
  assign(name: string, value: string): void;
  /** output of a command substitution, trailing newlines removed (may throw to block) */
  commandSubst(part: CmdPart): string;
  arith(expr: string): number;
  /** a user's home directory for ~user */
  home(user: string): string | undefined;
  /** pathname expansion of a pattern: the sorted matches, or [] */
  glob(pattern: string): string[];
  /** set -u */
  readonly nounset: boolean;
  /** set -f */
  readonly noglob: boolean;
  /** an expansion error: the shell prints it and (when not interactive) exits */
  fail(message: string, status?: number): never;
}

interface Field {
  text: string;
  pat: string;
  magic: boolean;
  started: boolean;
}

/** Expand words into fields: the argv of a command, the list of a `for`. */
export function expandWords(words: readonly Word[], h: ExpandHost): string[] {
  const out: string[] = [];
  for (const w of words) {
    if (w.lit !== undefined) {
      out.push(w.lit);
      continue;
    }
    const b = new FieldBuilder(h);
    walk(w.parts, false, b, h);
    for (const f of b.finish()) {
      if (f.magic && !h.noglob && hasMagic(f.pat)) {
        const m = h.glob(f.pat);
        if (m.length) {
          out.push(...m);
          continue;
        }
      }
      out.push(f.text);
    }
  }
  return out;
}

/** Expand a word to one string: no field splitting, no pathname expansion (assignments, here-docs). */
export function expandString(w: Word, h: ExpandHost): string {
  if (w.lit !== undefined) return w.lit;
  const b = new StringBuilder(false);
  walk(w.parts, false, b, h);
  return b.text;
}

/** Expand a word as a pattern: quoted characters are escaped so they match literally. */
export function expandPattern(w: Word, h: ExpandHost): string {
  if (w.lit !== undefined) return w.lit;
  const b = new StringBuilder(true);
  walk(w.parts, false, b, h);
  return b.text;
}

interface Out {
  /** unquoted text from the source (glob characters live) */
  lit(s: string): void;
  /** quoted text */
  quoted(s: string): void;
  /** the result of an expansion; split on IFS when unquoted */
  expansion(s: string, quoted: boolean): void;
  /** end the current field ("$@" between parameters) */
  breakField(): void;
  /** a quoted empty string makes an (empty) field */
  markStarted(): void;
}

/** `inParam`: literal text of an unquoted ${x:-word} is split like expansion output. */
function walk(parts: readonly WordPart[], quoted: boolean, out: Out, h: ExpandHost, inParam = false): void {
  for (const p of parts) {
    switch (p.t) {
      case 'lit':
        if (quoted) out.quoted(p.v);
        else if (inParam) out.expansion(p.v, false);
        else out.lit(p.v);
        break;
      case 'q':
        out.quoted(p.v);
        break;
      case 'dq': {
        // "$@" with no positional parameters makes no field at all
        const onlyAt = p.parts.length === 1 && p.parts[0]!.t === 'param' && p.parts[0]!.name === '@' && p.parts[0]!.op === '';
        if (!onlyAt) out.markStarted();
        walk(p.parts, true, out, h);
        break;
      }
      case 'param':
        param(p, quoted, out, h);
        break;
      case 'cmd':
        out.expansion(h.commandSubst(p), quoted);
        break;
      case 'arith': {
        const text = expandString(p.expr, h);
        out.expansion(String(h.arith(text)), quoted);
        break;
      }
      case 'tilde': {
        const home = p.user === '' ? (h.param('HOME') ?? h.home('')) : h.home(p.user);
        if (home === undefined) out.lit(`~${p.user}`);
        else out.quoted(home);
        break;
      }
    }
  }
}

function param(p: ParamPart, quoted: boolean, out: Out, h: ExpandHost): void {
  const name = p.name;
  const isList = name === '@' || name === '*';
  if (isList && p.op === '') {
    const args = h.positional();
    if (quoted && name === '*') {
      out.expansion(args.join(ifsJoiner(h)), true);
      return;
    }
    args.forEach((a, i) => {
      if (i > 0) out.breakField();
      if (quoted) out.quoted(a);
      else out.expansion(a, false);
    });
    return;
  }
  let value = isList ? (h.positional().length ? h.positional().join(name === '*' ? ifsJoiner(h) : ' ') : undefined) : h.param(name);
  if (isList && p.op === 'len') {
    out.expansion(String(h.positional().length), quoted);
    return;
  }
  const unset = value === undefined;
  const test = p.colon ? value === undefined || value === '' : value === undefined;
  switch (p.op) {
    case '':
      if (unset && h.nounset) unbound(name, h);
      out.expansion(value ?? '', quoted);
      return;
    case 'len':
      if (unset && h.nounset) unbound(name, h);
      out.expansion(String([...(value ?? '')].length), quoted);
      return;
    case '-':
      if (test) walk(p.arg?.parts ?? [], quoted, out, h, true);
      else out.expansion(value!, quoted);
      return;
    case '+':
      if (!test) walk(p.arg?.parts ?? [], quoted, out, h, true);
      return;
    case '=':
      if (test) {
        value = p.arg ? expandString(p.arg, h) : '';
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
          // dash var.c setvar: "%s: bad variable name"; bash: "$%s: cannot assign in this way"
          h.fail(h.dialect === 'bash' ? `$${name}: cannot assign in this way` : `${name}: bad variable name`);
        }
        h.assign(name, value);
      }
      out.expansion(value!, quoted);
      return;
    case '?':
      if (test) {
        const word = p.arg && p.arg.parts.length ? expandString(p.arg, h) : '';
        // dash expand.c varunset: "parameter not set" (+ " or null" with a colon) or the word;
        // bash subst.c parameter_brace_expand_error: "parameter null or not set" / "parameter not set"
        let msg = word;
        if (!word) msg = h.dialect === 'bash' ? (p.colon ? 'parameter null or not set' : 'parameter not set') : `parameter not set${p.colon ? ' or null' : ''}`;
        h.fail(`${name}: ${msg}`, h.dialect === 'bash' ? 1 : 2);
      }
      out.expansion(value!, quoted);
      return;
    default:
      break;
  }
  if (unset && h.nounset) unbound(name, h);
  const v = value ?? '';
  let result: string;
  switch (p.op) {
    case '#':
    case '##':
      result = removePrefix(v, p.arg ? expandPattern(p.arg, h) : '', p.op === '##');
      break;
    case '%':
    case '%%':
      result = removeSuffix(v, p.arg ? expandPattern(p.arg, h) : '', p.op === '%%');
      break;
    case '/':
    case '//':
    case '/#':
    case '/%': {
      const pat = p.arg ? expandPattern(p.arg, h) : '';
      const rep = p.arg2 ? expandString(p.arg2, h) : '';
      result = pat === '' ? v : replacePattern(v, pat, rep, p.op === '/' ? '' : (p.op.slice(1) as '/' | '#' | '%'));
      break;
    }
    case 'sub': {
      const chars = [...v];
      let off = h.arith(p.arg ? expandString(p.arg, h) : '0');
      if (off < 0) off = Math.max(0, chars.length + off);
      let end = chars.length;
      if (p.arg2) {
        const len = h.arith(expandString(p.arg2, h));
        end = len < 0 ? chars.length + len : off + len;
      }
      result = chars.slice(off, Math.max(off, end)).join('');
      break;
    }
    case '^^': result = v.toUpperCase(); break;
    case ',,': result = v.toLowerCase(); break;
    case '^': result = v.slice(0, 1).toUpperCase() + v.slice(1); break;
    case ',': result = v.slice(0, 1).toLowerCase() + v.slice(1); break;
    default: result = v;
  }
  out.expansion(result, quoted);
}

function unbound(name: string, h: ExpandHost): never {
  // bash subst.c err_unboundvar: "%s: unbound variable"; dash/ash: "%s: parameter not set"
  return h.fail(h.dialect === 'bash' ? `${name}: unbound variable` : `${name}: parameter not set`, h.dialect === 'bash' ? 1 : 2);
}

function ifsJoiner(h: ExpandHost): string {
  const ifs = h.param('IFS');
  return ifs === undefined ? ' ' : ifs.slice(0, 1);
}

class StringBuilder implements Out {
  text = '';
  constructor(private readonly pattern: boolean) {}
  lit(s: string): void { this.text += s; }
  quoted(s: string): void { this.text += this.pattern ? escapePattern(s) : s; }
  expansion(s: string, quoted: boolean): void { this.text += quoted && this.pattern ? escapePattern(s) : s; }
  breakField(): void { this.text += ' '; }
  markStarted(): void {}
}

class FieldBuilder implements Out {
  private fields: Field[] = [];
  private cur: Field = { text: '', pat: '', magic: false, started: false };
  private readonly ifs: string;
  private readonly ws: string;

  constructor(h: ExpandHost) {
    const ifs = h.param('IFS');
    this.ifs = ifs === undefined ? ' \t\n' : ifs;
    this.ws = this.ifs === ' \t\n' ? this.ifs : [...this.ifs].filter((c) => c === ' ' || c === '\t' || c === '\n').join('');
  }

  lit(s: string): void {
    const c = this.cur;
    c.text += s;
    c.pat += s;
    c.started = true;
    if (!c.magic && /[*?[]/.test(s)) c.magic = true;
  }

  quoted(s: string): void {
    const c = this.cur;
    c.text += s;
    c.pat += escapePattern(s);
    c.started = true;
  }

  markStarted(): void {
    this.cur.started = true;
  }

  breakField(): void {
    this.fields.push(this.cur);
    this.cur = { text: '', pat: '', magic: false, started: false };
  }

  expansion(s: string, quoted: boolean): void {
    if (quoted) {
      this.quoted(s);
      return;
    }
    if (!this.ifs) {
      this.unquotedText(s);
      return;
    }
    const ifs = this.ifs;
    const ws = this.ws;
    let i = 0;
    let start = 0; // the current run of non-IFS characters (sliced, not built char by char)
    while (i < s.length) {
      if (!ifs.includes(s[i]!)) {
        i++;
        continue;
      }
      if (i > start) this.unquotedText(s.slice(start, i));
      // A delimiter: IFS white space runs around at most one other IFS character.
      let j = i;
      while (j < s.length && ws.includes(s[j]!)) j++;
      let hard = false;
      if (j < s.length && !ws.includes(s[j]!) && ifs.includes(s[j]!)) {
        hard = true;
        j++;
        while (j < s.length && ws.includes(s[j]!)) j++;
      }
      if (hard || this.cur.started) this.endField(hard);
      i = start = j;
    }
    if (i > start) this.unquotedText(start === 0 ? s : s.slice(start, i));
  }

  finish(): Field[] {
    if (this.cur.started) this.fields.push(this.cur);
    return this.fields;
  }

  private unquotedText(s: string): void {
    const c = this.cur;
    c.text += s;
    c.pat += s.replace(/\\/g, '\\\\');
    c.started = true;
    if (!c.magic && /[*?[]/.test(s)) c.magic = true;
  }

  private endField(force: boolean): void {
    if (this.cur.started || force) {
      this.cur.started = true;
      this.fields.push(this.cur);
    }
    this.cur = { text: '', pat: '', magic: false, started: false };
  }
}
