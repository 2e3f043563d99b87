// grep: GNU grep 3.8 (Debian bookworm) and busybox findutils/grep.c. Patterns are POSIX basic
// (default), extended (-E, egrep) or fixed strings (-F); output lines get "file:" and "N:" prefixes
// (":" for matches, "-" for context), "--" between context groups. Exit 0 when a line was selected,
// 1 when none, 2 on trouble (0 under -q once something matched).
import { resolvePath } from '../fs/path';
import type { Program } from '../process/program';
import type { Vfs } from '../process/types';
import { busyboxUsage, parseOpts, progName } from './msg';
import { compile, escapeLiteral, translateRegex } from './regex';
import { streamProgram, type StreamCtx } from './stream';
import { quotef, splitLines, statOf, strerror, type Flavor } from './util';

interface GrepState {
  sources: string[];
  flags: string;
  invert: boolean;
  count: boolean;
  list: 'none' | 'match' | 'nomatch';
  quiet: boolean;
  silent: boolean;
  only: boolean;
  lineNo: boolean;
  names: boolean;
  max: number;
  before: number;
  after: number;
  // per input
  n: number;
  matches: number;
  beforeBuf: [number, string][];
  afterLeft: number;
  lastPrinted: number;
  binary: boolean;
  // overall
  anyPrinted: boolean;
  selected: boolean;
  status: number;
}

const STDIN_NAME = '(standard input)'; // grep.c: _("(standard input)")

/**
 * grep (mode G), egrep (E) or fgrep (F). GNU grep 3.8 ships egrep and fgrep as scripts that warn
 * before running grep -E / grep -F: pass their warning as `warning`.
 */
export function grepCommand(f: Flavor, mode: 'G' | 'E' | 'F' = 'G', warning?: string): Program<unknown> {
  return streamProgram<GrepState>({
    setup(c) {
      if (warning) c.err(warning);
      return setup(c, f, mode);
    },
    begin(_c, s) {
      s.n = 0;
      s.matches = 0;
      s.beforeBuf = [];
      s.afterLeft = 0;
      s.lastPrinted = 0;
      s.binary = false;
    },
    data(c, s, name, text) {
      return lines(c, f, s, name, text);
    },
    end(c, s, name) {
      const shown = name === '-' ? STDIN_NAME : name;
      if (s.count && !s.quiet) c.out(`${s.names ? `${shown}:` : ''}${s.matches}\n`);
      if (s.list === 'nomatch' && s.matches === 0 && !s.quiet) c.out(`${shown}\n`);
      if (s.binary && s.matches > 0 && !s.quiet && !s.count && s.list === 'none') {
        // grep.c grep(): "%s: binary file matches" (to stdout before 3.5; stderr since)
        c.err(`${progName(c, f)}: ${shown}: binary file matches\n`);
      }
    },
    endless: () => 'hog',
    openError(c, s, name, code) {
      s.status = 2;
      // grep.c suppressible_error: "%s: %s" with the file name; busybox bb_simple_perror_msg
      if (!s.silent) c.err(`${progName(c, f)}: ${f === 'gnu' ? quotef(name) : name}: ${strerror(code)}\n`);
    },
    finish(_c, s) {
      if (s.quiet && s.selected) return 0;
      if (s.status) return s.status;
      return s.selected ? 0 : 1;
    },
  });
}

function setup(c: StreamCtx, f: Flavor, mode: 'G' | 'E' | 'F'): { state: GrepState; inputs: string[] } | number {
  const p = parseOpts(c, f, {
    short: f === 'gnu' ? 'EFGe:f:iyvwxcLlm:oqsHhnrRA:B:C:z' : 'HhnlLoqvsrRiwFExzcm:A:B:C:e:f:',
    long: {
      'extended-regexp': { key: 'E', arg: 'none' }, 'fixed-strings': { key: 'F', arg: 'none' }, 'basic-regexp': { key: 'G', arg: 'none' },
      regexp: { key: 'e', arg: 'required' }, file: { key: 'f', arg: 'required' }, 'ignore-case': { key: 'i', arg: 'none' },
      'invert-match': { key: 'v', arg: 'none' }, 'word-regexp': { key: 'w', arg: 'none' }, 'line-regexp': { key: 'x', arg: 'none' },
      count: { key: 'c', arg: 'none' }, 'files-with-matches': { key: 'l', arg: 'none' }, 'files-without-match': { key: 'L', arg: 'none' },
      'max-count': { key: 'm', arg: 'required' }, 'only-matching': { key: 'o', arg: 'none' }, quiet: { key: 'q', arg: 'none' },
      silent: { key: 'q', arg: 'none' }, 'no-messages': { key: 's', arg: 'none' }, 'with-filename': { key: 'H', arg: 'none' },
      'no-filename': { key: 'h', arg: 'none' }, 'line-number': { key: 'n', arg: 'none' }, recursive: { key: 'r', arg: 'none' },
      'dereference-recursive': { key: 'R', arg: 'none' }, 'after-context': { key: 'A', arg: 'required' },
      'before-context': { key: 'B', arg: 'required' }, context: { key: 'C', arg: 'required' }, color: { key: 'color', arg: 'optional' },
      colour: { key: 'color', arg: 'optional' },
    },
  }, 2);
  if (typeof p === 'number') return p;
  const prog = progName(c, f);
  let m = mode;
  const patterns: string[] = [];
  let explicit = false;
  let names: boolean | undefined;
  const s: GrepState = {
    sources: [], flags: '', invert: false, count: false, list: 'none', quiet: false, silent: false, only: false, lineNo: false,
    names: false, max: Infinity, before: 0, after: 0, n: 0, matches: 0, beforeBuf: [], afterLeft: 0, lastPrinted: 0, binary: false,
    anyPrinted: false, selected: false, status: 0,
  };
  let word = false;
  let line = false;
  let recursive = false;
  for (const [k, v] of p.opts) {
    switch (k) {
      case 'E': m = 'E'; break;
      case 'F': m = 'F'; break;
      case 'G': m = 'G'; break;
      case 'e': patterns.push(...v!.split('\n')); explicit = true; break;
      case 'f': {
        try {
          const text = c.fs.readFile(resolvePath(c.cwd, v!));
          patterns.push(...text.replace(/\n$/, '').split('\n').filter((x, i, a) => x !== '' || a.length === 1));
        } catch (e) {
          c.err(`${prog}: ${v}: ${strerror((e as { code?: string }).code ?? 'EIO')}\n`);
          return 2;
        }
        explicit = true;
        break;
      }
      case 'i': case 'y': s.flags = 'i'; break;
      case 'v': s.invert = true; break;
      case 'w': word = true; break;
      case 'x': line = true; break;
      case 'c': s.count = true; break;
      case 'l': s.list = 'match'; break;
      case 'L': s.list = 'nomatch'; break;
      case 'm': s.max = Number(v); break;
      case 'o': s.only = true; break;
      case 'q': s.quiet = true; break;
      case 's': s.silent = true; break;
      case 'H': names = true; break;
      case 'h': names = false; break;
      case 'n': s.lineNo = true; break;
      case 'r': case 'R': recursive = true; break;
      case 'A': s.after = Number(v); break;
      case 'B': s.before = Number(v); break;
      case 'C': s.after = s.before = Number(v); break;
    }
  }
  const args = [...p.args];
  if (!explicit) {
    if (!args.length) {
      if (f === 'busybox') return busyboxUsage(c, prog);
      // grep.c usage (EXIT_TROUBLE): "Usage: %s [OPTION]... PATTERNS [FILE]...\n" + the --help hint
      c.err(`Usage: ${prog} [OPTION]... PATTERNS [FILE]...\nTry '${prog} --help' for more information.\n`);
      return 2;
    }
    patterns.push(...args.shift()!.split('\n'));
  }
  const sources: string[] = [];
  for (const pat of patterns) {
    let src: string;
    if (m === 'F') src = escapeLiteral(pat);
    else {
      const r = translateRegex(pat, m === 'E');
      if ('error' in r) {
        // grep dfaerror: "%s" the regex message; busybox xregcomp: "bad regex '%s': %s"
        c.err(f === 'gnu' ? `${prog}: ${r.error}\n` : `${prog}: bad regex '${pat}': ${r.error}\n`);
        return 2;
      }
      src = r.source;
    }
    if (line) src = `^(?:${src})$`;
    else if (word) src = `(?<![\\w])(?:${src})(?![\\w])`;
    sources.push(src);
  }
  const all = compile(sources.map((x) => `(?:${x})`).join('|') || '(?:)', s.flags);
  if ('error' in all) {
    c.err(`${prog}: ${all.error}\n`);
    return 2;
  }
  s.sources = sources;
  let inputs = args.length ? args : recursive ? ['.'] : ['-'];
  if (recursive) {
    const expanded: string[] = [];
    for (const a of inputs) expanded.push(...walk(c.fs, c.cwd, a, !args.length));
    inputs = expanded;
  }
  s.names = names ?? (recursive || args.length > 1);
  if (!recursive) {
    const kept: string[] = [];
    for (const a of inputs) {
      if (a !== '-') {
        const st = statOf(c.fs, resolvePath(c.cwd, a));
        if (typeof st !== 'string' && st.type === 'dir') {
          // grep.c grepdesc: a directory without -r: "%s: Is a directory"
          if (!s.silent) c.err(`${prog}: ${a}: Is a directory\n`);
          s.status = 2;
          continue;
        }
      }
      kept.push(a);
    }
    inputs = kept;
  }
  return { state: s, inputs };
}

/** -r: the files under a directory, sorted, named as grep names them (no "./" for the implicit "."). */
function walk(fs: Vfs, cwd: string, name: string, implicit: boolean): string[] {
  const path = resolvePath(cwd, name);
  const st = statOf(fs, path);
  if (typeof st === 'string' || st.type !== 'dir') return [name];
  const out: string[] = [];
  for (const child of fs.readdir(path)) {
    const shown = implicit && name === '.' ? child : `${name.replace(/\/+$/, '')}/${child}`;
    out.push(...walk(fs, cwd, shown, false));
  }
  return out;
}

function lines(c: StreamCtx, f: Flavor, s: GrepState, name: string, text: string): void | 'next' | 'stop' {
  const re = new RegExp(s.sources.map((x) => `(?:${x})`).join('|') || '(?:)', s.flags);
  const shown = name === '-' ? STDIN_NAME : name;
  if (f === 'gnu' && text.includes('\0')) s.binary = true;
  const print = (lineNo: number, body: string, sep: ':' | '-'): void => {
    if (s.lastPrinted && lineNo > s.lastPrinted + 1 && (s.before || s.after)) c.out('--\n');
    else if (!s.lastPrinted && s.anyPrinted && (s.before || s.after)) c.out('--\n');
    c.out(`${s.names ? `${shown}${sep}` : ''}${s.lineNo ? `${lineNo}${sep}` : ''}${body}\n`);
    s.lastPrinted = lineNo;
    s.anyPrinted = true;
  };
  let out: void | 'next' | 'stop' = undefined;
  for (const raw of splitLines(text)) {
    const body = raw.endsWith('\n') ? raw.slice(0, -1) : raw;
    s.n++;
    re.lastIndex = 0;
    const hit = re.test(body) !== s.invert;
    if (!hit) {
      if (s.afterLeft > 0 && !s.count && s.list === 'none' && !s.quiet && !s.binary) {
        s.afterLeft--;
        print(s.n, body, '-');
      } else if (s.before) {
        s.beforeBuf.push([s.n, body]);
        if (s.beforeBuf.length > s.before) s.beforeBuf.shift();
      }
      continue;
    }
    s.selected = true;
    s.matches++;
    if (s.quiet) return 'stop';
    if (s.list === 'match') {
      c.out(`${shown}\n`);
      return 'next';
    }
    if (s.list === 'nomatch') return 'next';
    if (!s.count && !s.binary) {
      for (const [n, b] of s.beforeBuf) if (n > s.lastPrinted) print(n, b, '-');
      s.beforeBuf = [];
      if (s.only && !s.invert) {
        const g = new RegExp(re.source, `${s.flags}g`);
        for (const mm of body.matchAll(g)) if (mm[0]) print(s.n, mm[0], ':');
      } else print(s.n, body, ':');
      s.afterLeft = s.after;
    }
    if (s.matches >= s.max) {
      out = 'next';
      break;
    }
  }
  return out;
}
