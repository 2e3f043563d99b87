// Shell pattern matching (XCU 2.13): `*`, `?`, bracket expressions with `!`/`^`, ranges and
// [:classes:], backslash escapes. Used by `case`, ${x#pattern} and friends, [[ == ]], and pathname
// expansion (where `*` and `?` stop at `/` and a leading `.` must be matched explicitly).
import { resolvePath } from '../fs/path';
import type { Vfs } from '../process/types';

const CLASSES: Record<string, string> = {
  alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: ' \\t\\n\\r\\f\\v',
  blank: ' \\t', punct: '!-\\/:-@\\[-`{-~', xdigit: '0-9A-Fa-f', cntrl: '\\x00-\\x1f\\x7f', print: ' -~', graph: '!-~', word: 'A-Za-z0-9_',
};

const cache = new Map<string, RegExp>();

/** Escape text so it matches itself as a pattern (quoted parts of a word). */
export function escapePattern(s: string): string {
  return s.replace(/[\\*?[\]]/g, '\\$&');
}

/** Whether a pattern has unescaped magic characters (otherwise it is literal text). */
export function hasMagic(pat: string): boolean {
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '\\') i++;
    else if (c === '*' || c === '?') return true;
    else if (c === '[' && bracketEnd(pat, i) > 0) return true;
  }
  return false;
}

/** Remove the escapes of a pattern without magic. */
export function unescapePattern(pat: string): string {
  return pat.replace(/\\(.)/gs, '$1');
}

/** The regular expression for a whole-string match of `pat`. */
export function patternRegExp(pat: string, pathname = false): RegExp {
  const key = (pathname ? '/' : ' ') + pat;
  let re = cache.get(key);
  if (!re) {
    re = new RegExp(`^${patternSource(pat, pathname)}$`, 's');
    if (cache.size > 2048) cache.clear();
    cache.set(key, re);
  }
  return re;
}

export function matchPattern(pat: string, text: string): boolean {
  if (!hasMagic(pat)) return unescapePattern(pat) === text;
  return patternRegExp(pat).test(text);
}

function patternSource(pat: string, pathname: boolean): string {
  let out = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i]!;
    if (c === '\\') {
      i++;
      out += i < pat.length ? reEscape(pat[i]!) : '\\\\';
    } else if (c === '*') out += pathname ? '[^/]*' : '.*';
    else if (c === '?') out += pathname ? '[^/]' : '.';
    else if (c === '[') {
      const end = bracketEnd(pat, i);
      if (end < 0) {
        out += '\\[';
        continue;
      }
      out += bracketSource(pat.slice(i + 1, end));
      i = end;
    } else out += reEscape(c);
  }
  return out;
}

/** Index of the `]` closing the bracket expression opened at `i`, or -1. */
function bracketEnd(pat: string, i: number): number {
  let j = i + 1;
  if (pat[j] === '!' || pat[j] === '^') j++;
  if (pat[j] === ']') j++; // a leading ] is literal
  for (; j < pat.length; j++) {
    if (pat[j] === '\\') j++;
    else if (pat[j] === '[' && pat[j + 1] === ':') {
      const close = pat.indexOf(':]', j + 2);
      if (close > 0) j = close + 1;
    } else if (pat[j] === ']') return j;
  }
  return -1;
}

function bracketSource(body: string): string {
  let neg = false;
  let i = 0;
  if (body[0] === '!' || body[0] === '^') {
    neg = true;
    i = 1;
  }
  let set = '';
  for (; i < body.length; i++) {
    const c = body[i]!;
    if (c === '[' && body[i + 1] === ':') {
      const close = body.indexOf(':]', i + 2);
      if (close > 0) {
        set += CLASSES[body.slice(i + 2, close)] ?? '';
        i = close + 1;
        continue;
      }
    }
    if (c === '\\' && i + 1 < body.length) {
      i++;
      set += reEscapeClass(body[i]!);
    } else if (c === '-' && set && i + 1 < body.length) set += '-';
    else set += reEscapeClass(c);
  }
  return `[${neg ? '^' : ''}${set}]`;
}

function reEscape(c: string): string {
  return /[.*+?^${}()|[\]\\/]/.test(c) ? `\\${c}` : c;
}

function reEscapeClass(c: string): string {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c;
}

// ---------- ${x#p} ${x%p} ${x/p/r} ----------

/** ${s#p} (longest: ${s##p}) */
export function removePrefix(s: string, pat: string, longest: boolean): string {
  const re = patternRegExp(pat);
  if (longest) {
    for (let i = s.length; i >= 0; i--) if (re.test(s.slice(0, i))) return s.slice(i);
  } else {
    for (let i = 0; i <= s.length; i++) if (re.test(s.slice(0, i))) return s.slice(i);
  }
  return s;
}

/** ${s%p} (longest: ${s%%p}) */
export function removeSuffix(s: string, pat: string, longest: boolean): string {
  const re = patternRegExp(pat);
  if (longest) {
    for (let i = 0; i <= s.length; i++) if (re.test(s.slice(i))) return s.slice(0, i);
  } else {
    for (let i = s.length; i >= 0; i--) if (re.test(s.slice(i))) return s.slice(0, i);
  }
  return s;
}

/** bash ${s/p/r}: mode '' first match, '/' all, '#' anchored at the start, '%' at the end. */
export function replacePattern(s: string, pat: string, rep: string, mode: '' | '/' | '#' | '%'): string {
  const re = patternRegExp(pat);
  if (mode === '#') {
    for (let e = s.length; e >= 0; e--) if (re.test(s.slice(0, e))) return rep + s.slice(e);
    return s;
  }
  if (mode === '%') {
    for (let b = 0; b <= s.length; b++) if (re.test(s.slice(b))) return s.slice(0, b) + rep;
    return s;
  }
  let out = '';
  let i = 0;
  while (i <= s.length) {
    let matched = -1;
    for (let e = s.length; e > i; e--) {
      if (re.test(s.slice(i, e))) {
        matched = e;
        break;
      }
    }
    if (matched < 0) {
      if (i < s.length) out += s[i];
      i++;
      continue;
    }
    out += rep;
    i = matched;
    if (mode !== '/') return out + s.slice(i);
  }
  return out;
}

// ---------- pathname expansion ----------

/** The paths matching `pat` (sorted, C collation), or [] when none does. */
export function globPaths(pat: string, cwd: string, fs: Vfs): string[] {
  const abs = pat.startsWith('/');
  const comps = pat.split('/');
  let results: string[] = [abs ? '/' : ''];
  for (let ci = abs ? 1 : 0; ci < comps.length; ci++) {
    const comp = comps[ci]!;
    const lastComp = ci === comps.length - 1;
    const next: string[] = [];
    for (const base of results) {
      const join = (name: string): string => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);
      if (comp === '') {
        if (lastComp) next.push(base.endsWith('/') ? base : `${base}/`);
        else next.push(base);
        continue;
      }
      if (!hasMagic(comp)) {
        next.push(join(unescapePattern(comp)));
        continue;
      }
      let names: string[];
      try {
        names = fs.readdir(resolvePath(cwd, base || '.'));
      } catch {
        continue;
      }
      const re = patternRegExp(comp, true);
      const dotOk = comp.startsWith('.') || comp.startsWith('\\.');
      for (const n of names) if ((dotOk || !n.startsWith('.')) && re.test(n)) next.push(join(n));
    }
    results = next;
    if (!results.length) return [];
  }
  // literal components were not checked on the way: keep what exists
  return results.filter((p) => fs.exists(resolvePath(cwd, p))).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
