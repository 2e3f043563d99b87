// POSIX regular expressions (basic and extended, with the GNU extensions grep and sed accept:
// \+ \? \| in BRE, \< \> \b \w \s, back-references) translated to JavaScript RegExp source.
// Errors carry glibc's regerror(3) texts (posix/regcomp.c __re_error_msgid), which grep and sed print.

export interface RegexOk {
  source: string;
  /** capture groups, for sed's \1..\9 */
  groups: number;
}

export interface RegexError {
  error: string;
}

// glibc posix/regcomp.c __re_error_msgid
export const REG_MSG = {
  EPAREN: 'Unmatched ( or \\(',
  ERPAREN: 'Unmatched ) or \\)',
  EBRACK: 'Unmatched [, [^, [:, [., or [=',
  EBRACE: 'Unmatched \\{',
  BADBR: 'Invalid content of \\{\\}',
  BADRPT: 'Invalid preceding regular expression',
  EESCAPE: 'Trailing backslash',
  ECTYPE: 'Invalid character class name',
  ESUBREG: 'Invalid back reference',
  ERANGE: 'Invalid range end',
} as const;

const CLASSES: Record<string, string> = {
  alpha: 'a-zA-Z', digit: '0-9', alnum: 'a-zA-Z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v', blank: ' \\t',
  punct: '!-\\/:-@\\[-`{-~', print: ' -~', graph: '!-~', cntrl: '\\x00-\\x1f\\x7f', xdigit: '0-9A-Fa-f', word: '\\w',
};

const JS_SPECIAL = /[\\^$.|?*+()[\]{}/]/;

function lit(ch: string): string {
  return JS_SPECIAL.test(ch) ? `\\${ch}` : ch;
}

/** Translate a POSIX regex (`ere`: extended) to JS source. */
export function translateRegex(pat: string, ere: boolean): RegexOk | RegexError {
  let out = '';
  let i = 0;
  let groups = 0;
  const open: number[] = [];
  /** where the last atom starts in `out` (-1: no atom to repeat) */
  let atom = -1;
  let quantified = false;
  const startOfRe = (): boolean => atom === -1;
  const addAtom = (s: string): void => {
    atom = out.length;
    out += s;
    quantified = false;
  };
  const quantify = (q: string): void => {
    if (quantified) {
      out = `${out.slice(0, atom)}(?:${out.slice(atom)})`;
    }
    out += q;
    quantified = true;
  };
  while (i < pat.length) {
    const c = pat[i]!;
    let op: string | undefined;
    if (c === '\\') {
      if (i + 1 >= pat.length) return { error: REG_MSG.EESCAPE };
      const n = pat[i + 1]!;
      i += 2;
      if (!ere && '(){}|+?'.includes(n)) op = n;
      else if (/[1-9]/.test(n)) {
        if (Number(n) > groups) return { error: REG_MSG.ESUBREG };
        addAtom(`\\${n}`);
        continue;
      } else if (n === '<') {
        out += '\\b(?=\\w)';
        atom = -1;
        continue;
      } else if (n === '>') {
        out += '\\b(?<=\\w)';
        atom = -1;
        continue;
      } else if (n === 'b' || n === 'B') {
        out += `\\${n}`;
        atom = -1;
        continue;
      } else if ('wWsS'.includes(n)) {
        addAtom(`\\${n}`);
        continue;
      } else if (n === 'n') {
        addAtom('\\n');
        continue;
      } else if (n === 't') {
        addAtom('\\t');
        continue;
      } else {
        addAtom(lit(n));
        continue;
      }
    } else if (ere && '(){}|+?'.includes(c)) {
      op = c;
      i++;
    }
    if (op !== undefined) {
      switch (op) {
        case '(':
          open.push(out.length);
          groups++;
          out += '(';
          atom = -1;
          continue;
        case ')': {
          const at = open.pop();
          if (at === undefined) {
            if (ere) return { error: REG_MSG.ERPAREN };
            return { error: REG_MSG.ERPAREN };
          }
          out += ')';
          atom = at;
          quantified = false;
          continue;
        }
        case '|':
          out += '|';
          atom = -1;
          continue;
        case '+':
        case '?':
          if (startOfRe()) {
            addAtom(lit(op));
            continue;
          }
          quantify(op);
          continue;
        case '{': {
          const close = ere ? pat.indexOf('}', i) : pat.indexOf('\\}', i);
          const body = close < 0 ? '' : pat.slice(i, close);
          if (!/^\d+(,\d*)?$|^,\d+$/.test(body)) {
            if (ere) {
              // GNU ERE: a brace that does not start a valid interval is an ordinary character
              addAtom('\\{');
              continue;
            }
            return { error: close < 0 ? REG_MSG.EBRACE : REG_MSG.BADBR };
          }
          if (startOfRe()) {
            if (ere) return { error: REG_MSG.BADRPT };
            return { error: REG_MSG.BADRPT };
          }
          const [lo, hi] = body.split(',');
          if (hi !== undefined && hi !== '' && Number(hi) < Number(lo || '0')) return { error: REG_MSG.BADBR };
          i = close + (ere ? 1 : 2);
          quantify(`{${lo || '0'}${hi === undefined ? '' : `,${hi}`}}`);
          continue;
        }
        case '}':
          addAtom('\\}');
          continue;
      }
    }
    i++;
    switch (c) {
      case '[': {
        const r = bracket(pat, i);
        if ('error' in r) return r;
        i = r.end;
        addAtom(r.source);
        continue;
      }
      case '.':
        addAtom('.');
        continue;
      case '*':
        if (startOfRe()) addAtom('\\*');
        else quantify('*');
        continue;
      case '^': {
        // BRE: an anchor only at the start of the pattern or of a group/alternative
        const anchor = ere || out === '' || /[(|]$/.test(out);
        if (anchor) {
          out += '^';
          atom = -1;
        } else addAtom('\\^');
        continue;
      }
      case '$': {
        const rest = pat.slice(i);
        const anchor = ere || rest === '' || rest.startsWith('\\)') || rest.startsWith('\\|');
        if (anchor) {
          out += '$';
          atom = -1;
        } else addAtom('\\$');
        continue;
      }
      default:
        addAtom(lit(c));
    }
  }
  if (open.length) return { error: REG_MSG.EPAREN };
  return { source: out, groups };
}

/** A bracket expression starting after `[`: the JS class and where it ends. */
function bracket(pat: string, start: number): { source: string; end: number } | RegexError {
  let i = start;
  let neg = false;
  if (pat[i] === '^') {
    neg = true;
    i++;
  }
  let body = '';
  let first = true;
  for (;;) {
    if (i >= pat.length) return { error: REG_MSG.EBRACK };
    const c = pat[i]!;
    if (c === ']' && !first) {
      i++;
      break;
    }
    first = false;
    if (c === '[' && (pat[i + 1] === ':' || pat[i + 1] === '=' || pat[i + 1] === '.')) {
      const kind = pat[i + 1]!;
      const close = pat.indexOf(`${kind}]`, i + 2);
      if (close < 0) return { error: REG_MSG.EBRACK };
      const name = pat.slice(i + 2, close);
      if (kind === ':') {
        const cls = CLASSES[name];
        if (!cls) return { error: REG_MSG.ECTYPE };
        body += cls;
      } else body += name.split('').map(classLit).join('');
      i = close + 2;
      continue;
    }
    if (pat[i + 1] === '-' && pat[i + 2] !== undefined && pat[i + 2] !== ']') {
      const hi = pat[i + 2]!;
      if (hi < c) return { error: REG_MSG.ERANGE };
      body += `${classLit(c)}-${classLit(hi)}`;
      i += 3;
      continue;
    }
    body += classLit(c);
    i++;
  }
  return { source: `[${neg ? '^' : ''}${body}]`, end: i };
}

function classLit(ch: string): string {
  return /[\\\]^[-]/.test(ch) ? `\\${ch}` : ch;
}

/** A fixed string as JS regex source (grep -F). */
export function escapeLiteral(s: string): string {
  return s.replace(/[\\^$.|?*+()[\]{}/]/g, '\\$&');
}

/** Compile with flags, turning JS syntax errors into glibc's catch-all message. */
export function compile(source: string, flags: string): RegExp | RegexError {
  try {
    return new RegExp(source, flags);
  } catch {
    return { error: REG_MSG.BADRPT };
  }
}
