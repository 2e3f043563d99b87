// cat, head, wc and tee as streaming filters, in GNU coreutils' words (src/cat.c, head.c, wc.c,
// tee.c) and busybox's (coreutils/cat.c, head.c, wc.c, tee.c). tail lives in tail.ts.
import type { Program } from '../process/program';
import { resolvePath } from '../fs/path';
import { utf8Length } from '../fs/memfs';
import { optMap } from './getopt';
import { parseOpts, progName } from './msg';
import { streamProgram, type StreamCtx } from './stream';
import { padLeft, quoteaf, quotef, splitLines, strerror, type Flavor } from './util';

// ---------- cat ----------

interface CatState {
  number: 'none' | 'all' | 'nonblank';
  showEnds: boolean;
  squeeze: boolean;
  line: number;
  /** the next character starts a line */
  bol: boolean;
  blank: boolean;
  status: number;
}

export function catCommand(f: Flavor): Program<unknown> {
  return streamProgram<CatState>({
    raw: true,
    setup(c) {
      const p = parseOpts(c, f, { short: f === 'gnu' ? 'AbeEnstTuv' : 'nbvteAu', long: { number: { key: 'n', arg: 'none' }, 'number-nonblank': { key: 'b', arg: 'none' }, 'show-ends': { key: 'E', arg: 'none' }, 'squeeze-blank': { key: 's', arg: 'none' } } });
      if (typeof p === 'number') return p;
      const o = optMap(p);
      const state: CatState = {
        number: o.has('b') ? 'nonblank' : o.has('n') ? 'all' : 'none',
        showEnds: o.has('E') || o.has('e') || o.has('A'), squeeze: o.has('s'), line: 0, bol: true, blank: false, status: 0,
      };
      return { state, inputs: p.args.length ? p.args : ['-'] };
    },
    data(c, s, _name, text) {
      if (s.number === 'none' && !s.showEnds && !s.squeeze) {
        c.out(text);
        return;
      }
      let out = '';
      for (const line of splitLines(text)) {
        const nl = line.endsWith('\n');
        const body = nl ? line.slice(0, -1) : line;
        const blank = s.bol && body === '' && nl;
        if (blank && s.squeeze && s.blank) continue;
        if (s.bol) s.blank = blank;
        // coreutils cat.c next_line_num: "%6d\t"; busybox the same
        if (s.bol && (s.number === 'all' || (s.number === 'nonblank' && !blank))) out += `${padLeft(++s.line, 6)}\t`;
        out += body + (nl ? `${s.showEnds ? '$' : ''}\n` : '');
        s.bol = nl;
      }
      c.out(out);
    },
    openError(c, s, name, code) {
      s.status = 1;
      const prog = progName(c, f);
      // coreutils cat.c: error (0, errno, "%s", quotef (infile)); busybox cat.c: open_or_warn
      // "can't open '%s'", and a directory fails on read: "read error"
      if (f === 'gnu') c.err(`${prog}: ${quotef(name)}: ${strerror(code)}\n`);
      else c.err(code === 'EISDIR' ? `${prog}: read error: Is a directory\n` : `${prog}: can't open '${name}': ${strerror(code)}\n`);
    },
    finish: (_c, s) => s.status,
  });
}

// ---------- head ----------

interface HeadState {
  lines: boolean;
  /** count to print; negative: all but the last -n */
  n: number;
  headers: boolean;
  left: number;
  /** for "all but the last": lines held back */
  held: string[];
  first: boolean;
  status: number;
}

/** `-5` → `-n 5` (the obsolete form both implementations accept). */
export function obsoleteCount(argv: readonly string[]): string[] {
  const a = [...argv];
  if (a[1] && /^-\d+[cbkmlq]*$/.test(a[1])) {
    const m = /^-(\d+)([cbkml]?)/.exec(a[1])!;
    a.splice(1, 1, m[2] === 'c' ? '-c' : '-n', m[1]!);
  }
  return a;
}

/** coreutils xdectoumax with a multiplier suffix (b=512, K/k=1024, M=1024², ...). */
export function parseSize(s: string): number | undefined {
  const m = /^(\d+)(b|kB|K|k|KiB|MB|M|MiB|GB|G|GiB)?$/.exec(s);
  if (!m) return undefined;
  const mult: Record<string, number> = { b: 512, kB: 1000, K: 1024, k: 1024, KiB: 1024, MB: 1e6, M: 1048576, MiB: 1048576, GB: 1e9, G: 1073741824, GiB: 1073741824 };
  return Number(m[1]) * (m[2] ? mult[m[2]]! : 1);
}

export function headerLine(name: string, first: boolean): string {
  // coreutils head.c write_header / tail.c: "%s==> %s <==\n" with a blank line before all but the first
  return `${first ? '' : '\n'}==> ${name === '-' ? 'standard input' : name} <==\n`;
}

export function headCommand(f: Flavor): Program<unknown> {
  return streamProgram<HeadState>({
    setup(c) {
      const p = parseOpts({ ...c, argv: obsoleteCount(c.argv) }, f, { short: 'n:c:qv', long: { lines: { key: 'n', arg: 'required' }, bytes: { key: 'c', arg: 'required' }, quiet: { key: 'q', arg: 'none' }, silent: { key: 'q', arg: 'none' }, verbose: { key: 'v', arg: 'none' } } });
      if (typeof p === 'number') return p;
      let lines = true;
      let n = 10;
      for (const [k, v] of p.opts) {
        if (k !== 'n' && k !== 'c') continue;
        lines = k === 'n';
        const neg = v!.startsWith('-') && f === 'gnu';
        const size = parseSize(neg ? v!.slice(1) : v!.replace(/^\+/, ''));
        if (size === undefined) {
          // coreutils head.c string_to_integer: "invalid number of lines: %s" / "invalid number of bytes";
          // busybox xatoul_range_sfx: "invalid number '%s'"
          c.err(f === 'gnu' ? `${progName(c, f)}: invalid number of ${lines ? 'lines' : 'bytes'}: ${quoteaf(v!)}\n` : `${progName(c, f)}: invalid number '${v}'\n`);
          return 1;
        }
        n = neg ? -size : size;
      }
      const inputs = p.args.length ? p.args : ['-'];
      const o = optMap(p);
      const headers = o.has('v') || (inputs.length > 1 && !o.has('q'));
      return { state: { lines, n, headers, left: n, held: [], first: true, status: 0 }, inputs };
    },
    raw: false,
    begin(c, s, name) {
      s.left = s.n;
      s.held = [];
      if (s.headers) c.out(headerLine(name, s.first));
      s.first = false;
    },
    data(c, s, _name, text) {
      if (!s.lines) {
        if (s.n < 0) {
          s.held.push(text);
          return;
        }
        const bytes = [...text];
        c.out(bytes.slice(0, s.left).join(''));
        s.left -= Math.min(s.left, bytes.length);
        return s.left <= 0 ? 'next' : undefined;
      }
      const lines = splitLines(text);
      if (s.n < 0) {
        s.held.push(...lines);
        const keep = -s.n;
        if (s.held.length > keep) c.out(s.held.splice(0, s.held.length - keep).join(''));
        return;
      }
      const take = lines.slice(0, s.left);
      c.out(take.join(''));
      s.left -= take.length;
      return s.left <= 0 ? 'next' : undefined;
    },
    end(c, s) {
      if (!s.lines && s.n < 0) {
        const all = [...s.held.join('')];
        c.out(all.slice(0, Math.max(0, all.length + s.n)).join(''));
      }
    },
    endless(_c, s) {
      return s.lines ? 'hog' : 'spin';
    },
    openError(c, s, name, code) {
      s.status = 1;
      // coreutils head.c head_file: "cannot open %s for reading" / "error reading %s";
      // busybox head.c fopen_or_warn_stdin: bb_simple_perror_msg
      if (f === 'gnu') c.err(code === 'EISDIR' ? `${progName(c, f)}: error reading ${quoteaf(name)}: Is a directory\n` : `${progName(c, f)}: cannot open ${quoteaf(name)} for reading: ${strerror(code)}\n`);
      else c.err(`${progName(c, f)}: ${name}: ${strerror(code)}\n`);
    },
    finish: (_c, s) => s.status,
  });
}

// ---------- wc ----------

interface WcCounts {
  lines: number;
  words: number;
  chars: number;
  bytes: number;
  maxLine: number;
}

interface WcState {
  show: { lines: boolean; words: boolean; chars: boolean; bytes: boolean; maxLine: boolean };
  cur: WcCounts;
  /** inside a word at the end of the previous chunk */
  inWord: boolean;
  lineLen: number;
  rows: { name: string; counts: WcCounts }[];
  failed: string[];
  inputs: string[];
  regularTotal: number;
  nonRegular: boolean;
  status: number;
}

const zero = (): WcCounts => ({ lines: 0, words: 0, chars: 0, bytes: 0, maxLine: 0 });

export function wcCommand(f: Flavor): Program<unknown> {
  return streamProgram<WcState>({
    raw: true,
    setup(c) {
      const p = parseOpts(c, f, { short: 'clmwL', long: { bytes: { key: 'c', arg: 'none' }, lines: { key: 'l', arg: 'none' }, chars: { key: 'm', arg: 'none' }, words: { key: 'w', arg: 'none' }, 'max-line-length': { key: 'L', arg: 'none' } } });
      if (typeof p === 'number') return p;
      const o = optMap(p);
      let show = { lines: o.has('l'), words: o.has('w'), chars: o.has('m'), bytes: o.has('c'), maxLine: o.has('L') };
      if (!Object.values(show).some(Boolean)) show = { lines: true, words: true, chars: false, bytes: true, maxLine: false };
      const inputs = p.args.length ? p.args : ['-'];
      return { state: { show, cur: zero(), inWord: false, lineLen: 0, rows: [], failed: [], inputs: p.args, regularTotal: 0, nonRegular: false, status: 0 }, inputs };
    },
    begin(c, s, name) {
      s.cur = zero();
      s.inWord = false;
      s.lineLen = 0;
      if (name === '-') s.nonRegular = true;
      else {
        try {
          s.regularTotal += c.fs.stat(resolvePath(c.cwd, name)).size;
        } catch {
          // reported by openError
        }
      }
    },
    data(_c, s, _name, text) {
      const k = s.cur;
      k.bytes += utf8Length(text);
      for (const ch of text) {
        k.chars++;
        if (ch === '\n') {
          k.lines++;
          k.maxLine = Math.max(k.maxLine, s.lineLen);
          s.lineLen = 0;
        } else s.lineLen += ch === '\t' ? 8 - (s.lineLen % 8) : 1;
        const space = ch === ' ' || ch === '\n' || ch === '\t' || ch === '\r' || ch === '\v' || ch === '\f';
        if (space) s.inWord = false;
        else if (!s.inWord) {
          s.inWord = true;
          k.words++;
        }
      }
    },
    end(_c, s, name) {
      s.cur.maxLine = Math.max(s.cur.maxLine, s.lineLen);
      if (!s.failed.includes(name)) s.rows.push({ name, counts: s.cur });
    },
    openError(c, s, name, code) {
      s.status = 1;
      s.failed.push(name);
      // coreutils wc.c wc_file: error (0, errno, "%s", quotef (file)); busybox: bb_simple_perror_msg
      c.err(`${progName(c, f)}: ${f === 'gnu' ? quotef(name) : name}: ${strerror(code)}\n`);
    },
    finish(c, s) {
      const order: (keyof WcCounts)[] = [];
      if (s.show.lines) order.push('lines');
      if (s.show.words) order.push('words');
      if (s.show.chars) order.push('chars');
      if (s.show.bytes) order.push('bytes');
      if (s.show.maxLine) order.push('maxLine');
      const total = zero();
      for (const r of s.rows) for (const k of order) total[k] = k === 'maxLine' ? Math.max(total[k], r.counts[k]) : total[k] + r.counts[k];
      const rows = [...s.rows];
      if (s.inputs.length > 1) rows.push({ name: 'total', counts: total });
      let out = '';
      if (f === 'gnu') {
        // coreutils wc.c compute_number_width: digits of the regular files' total size, at least 7 when
        // reading anything else; 1 when one count of one input is shown
        let width = 1;
        if (!(order.length === 1 && s.inputs.length <= 1)) {
          for (let t = s.regularTotal; t >= 10; t = Math.floor(t / 10)) width++;
          if (s.nonRegular) width = Math.max(width, 7);
        }
        for (const r of rows) {
          // coreutils wc.c write_counts: "%*s" then " %*s", then " %s" with the name
          out += order.map((k) => padLeft(r.counts[k], width)).join(' ') + (r.name === '-' && !s.inputs.length ? '' : ` ${r.name}`) + '\n';
        }
      } else {
        // busybox wc.c: "%9u" (" %9u" after the first); a lone count of at most one file: "%u"
        const lone = order.length === 1 && s.inputs.length <= 1;
        for (const r of rows) {
          out += order.map((k, i) => (lone ? String(r.counts[k]) : `${i ? ' ' : ''}${padLeft(r.counts[k], 9)}`)).join('') + (s.inputs.length ? ` ${r.name}` : '') + '\n';
        }
      }
      c.out(out);
      return s.status;
    },
  });
}

// ---------- tee ----------

interface TeeState {
  files: { name: string; path: string }[];
  status: number;
}

export function teeCommand(f: Flavor): Program<unknown> {
  return streamProgram<TeeState>({
    raw: true,
    setup(c: StreamCtx) {
      const p = parseOpts(c, f, { short: 'aip', long: { append: { key: 'a', arg: 'none' }, 'ignore-interrupts': { key: 'i', arg: 'none' } } });
      if (typeof p === 'number') return p;
      const append = p.opts.some(([k]) => k === 'a');
      if (p.opts.some(([k]) => k === 'i')) c.p.setSignal('INT', 'ignore');
      const s: TeeState = { files: [], status: 0 };
      for (const name of p.args) {
        const path = resolvePath(c.cwd, name);
        if (path === '/dev/null') continue;
        try {
          if (append) c.fs.appendFile(path, '');
          else c.fs.writeFile(path, '');
          s.files.push({ name, path });
        } catch (e) {
          s.status = 1;
          // coreutils tee.c: error (0, errno, "%s", quotef (files[i])); busybox fopen_or_warn
          c.err(`${progName(c, f)}: ${f === 'gnu' ? quotef(name) : name}: ${strerror((e as { code?: string }).code ?? 'EIO')}\n`);
        }
      }
      return { state: s, inputs: ['-'] };
    },
    data(c, s, _name, text) {
      c.out(text);
      for (const file of s.files) {
        try {
          c.fs.appendFile(file.path, text);
        } catch {
          s.status = 1;
        }
      }
    },
    openError() {},
    finish: (_c, s) => s.status,
  });
}

