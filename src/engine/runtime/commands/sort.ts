// sort and uniq as GNU coreutils (src/sort.c, src/uniq.c) and busybox (coreutils/sort.c,
// coreutils/uniq.c) run them, in the C locale the images run with (the host's C.UTF-8 orders by
// code point too): bytes compare as unsigned values, keys are fields that keep their leading
// blanks, and equal keys fall back to comparing whole lines unless -s or -u.
import type { SimpleCommand } from '../process/program';
import { optMap, tryHelp } from './getopt';
import { busyboxUsage, parseOpts, progName } from './msg';
import { resolvePath } from '../fs/path';
import { openError, readInputs, readsStdinOperands, textLines } from './filter-input';
import { errCode, quote, quotef, readText, simpleCommand, strerror, type Flavor } from './util';

/** Ordering options, global or per key. */
interface Order {
  n?: boolean;
  h?: boolean;
  f?: boolean;
  r?: boolean;
  /** skip blanks before the key's start (b before the comma) and end (b after it) */
  bStart?: boolean;
  bEnd?: boolean;
}

interface Key extends Order {
  /** 1-based field and character of the start; end field 0: end of line; end char 0: end of field */
  sf: number;
  sc: number;
  ef: number;
  ec: number;
}

/** String comparison by code point (UTF-16 order puts U+E000..U+FFFF after the astral planes). */
export function compareBytes(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800) x = x < 0xe000 ? x + 0x2000 : x - 0x800;
    if (y >= 0xd800) y = y < 0xe000 ? y + 0x2000 : y - 0x800;
    return x - y;
  }
  return a.length - b.length;
}

const BLANK = /[ \t]/;

/** Where each field starts: without -t a field is its leading blanks and then non-blanks. */
function fieldStarts(line: string, tab: string | undefined): number[] {
  const starts = [0];
  if (tab !== undefined) {
    for (let i = line.indexOf(tab); i >= 0; i = line.indexOf(tab, i + 1)) starts.push(i + 1);
    return starts;
  }
  let i = 0;
  while (i < line.length) {
    while (i < line.length && BLANK.test(line[i]!)) i++;
    while (i < line.length && !BLANK.test(line[i]!)) i++;
    if (i < line.length) starts.push(i);
  }
  return starts;
}

/** The text of a key in a line (coreutils sort.c begfield/limfield). */
function keyText(line: string, k: Key, tab: string | undefined): string {
  const starts = fieldStarts(line, tab);
  const fieldEnd = (f: number): number => (f < starts.length ? (starts[f] ?? line.length + 1) - (tab !== undefined ? 1 : 0) : line.length);
  if (k.sf > starts.length) return '';
  let beg = starts[k.sf - 1]!;
  if (k.bStart) while (beg < line.length && BLANK.test(line[beg]!)) beg++;
  beg = Math.min(beg + k.sc - 1, fieldEnd(k.sf));
  let end = line.length;
  if (k.ef) {
    if (k.ef > starts.length) end = line.length;
    else if (k.ec === 0) end = fieldEnd(k.ef);
    else {
      let s = starts[k.ef - 1]!;
      if (k.bEnd) while (s < line.length && BLANK.test(line[s]!)) s++;
      end = Math.min(s + k.ec, fieldEnd(k.ef));
    }
  }
  return line.slice(beg, Math.max(beg, end));
}

const SUFFIXES = 'kKMGTPEZYRQ';

/** -n: leading blanks, sign, digits and a fraction; anything else counts as zero. */
function numeric(s: string): number {
  const m = /^[ \t]*(-?(\d+\.?\d*|\.\d+))/.exec(s);
  return m ? Number(m[1]) : 0;
}

/** -h: the suffix (k K M G ...) orders first, then the number (coreutils sort.c human_numcompare). */
function human(s: string): [number, number] {
  const m = /^[ \t]*(-?(\d+\.?\d*|\.\d+))([kKMGTPEZYRQ]?)/.exec(s);
  if (!m) return [0, 0];
  const v = Number(m[1]);
  const mag = m[3] ? Math.max(1, SUFFIXES.indexOf(m[3])) : 0;
  return [Math.sign(v) * mag, v];
}

function compareKey(a: string, b: string, o: Order): number {
  let d: number;
  if (o.n) d = numeric(a) - numeric(b);
  else if (o.h) {
    const [x, y] = [human(a), human(b)];
    d = x[0] - y[0] || x[1] - y[1];
  } else d = o.f ? compareBytes(a.toUpperCase(), b.toUpperCase()) : compareBytes(a, b);
  return o.r ? -d : d;
}

type KeyParse = Key | { error: string };

/** A -k argument: F[.C][OPTS][,F[.C][OPTS]] (coreutils sort.c main, case 'k'). */
function parseKey(spec: string, f: Flavor): KeyParse {
  // coreutils sort.c badfieldspec: "%s: invalid field specification %s"; busybox sort.c str2u: "bad field specification"
  const bad = (msg: string): KeyParse => ({ error: f === 'gnu' ? `${msg}: invalid field specification ${quote(spec)}` : 'bad field specification' });
  // coreutils sort.c parse_field_count: "%s: invalid count at start of %s"
  const badCount = (msg: string, rest: string): KeyParse => ({ error: f === 'gnu' ? `${msg}: invalid count at start of ${quote(rest)}` : 'bad field specification' });
  const k: Key = { sf: 0, sc: 1, ef: 0, ec: 0 };
  let m = /^\d+/.exec(spec);
  if (!m) return badCount('invalid number at field start', spec);
  k.sf = Number(m[0]);
  if (k.sf === 0) return bad('field number is zero');
  let rest = spec.slice(m[0].length);
  if (rest.startsWith('.')) {
    m = /^\d+/.exec(rest.slice(1));
    if (!m) return badCount("invalid number after '.'", rest.slice(1));
    k.sc = Number(m[0]);
    if (k.sc === 0) return bad('character offset is zero');
    rest = rest.slice(1 + m[0].length);
  }
  const opts = (s: string, end: boolean): string => {
    let i = 0;
    for (; i < s.length && 'bfhnr'.includes(s[i]!); i++) {
      const c = s[i]!;
      if (c === 'b') k[end ? 'bEnd' : 'bStart'] = true;
      else k[c as 'f' | 'h' | 'n' | 'r'] = true;
    }
    return s.slice(i);
  };
  rest = opts(rest, false);
  if (rest.startsWith(',')) {
    m = /^\d+/.exec(rest.slice(1));
    if (!m) return badCount("invalid number after ','", rest.slice(1));
    k.ef = Number(m[0]);
    if (k.ef === 0) return bad('field number is zero');
    rest = rest.slice(1 + m[0].length);
    if (rest.startsWith('.')) {
      m = /^\d+/.exec(rest.slice(1));
      if (!m) return badCount("invalid number after '.'", rest.slice(1));
      k.ec = Number(m[0]);
      rest = rest.slice(1 + m[0].length);
    }
    rest = opts(rest, true);
  }
  // busybox sort.c: a letter that is no key option: "unknown key option"
  if (rest) return f === 'gnu' ? bad('stray character in field spec') : { error: 'unknown key option' };
  return k;
}

export function sortCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c, stdin) => {
    const p = parseOpts(c, f, {
      short: 'bfhnrsuk:t:o:',
      long: f === 'gnu' ? {
        'ignore-leading-blanks': { key: 'b', arg: 'none' }, 'ignore-case': { key: 'f', arg: 'none' }, 'human-numeric-sort': { key: 'h', arg: 'none' },
        'numeric-sort': { key: 'n', arg: 'none' }, reverse: { key: 'r', arg: 'none' }, stable: { key: 's', arg: 'none' }, unique: { key: 'u', arg: 'none' },
        key: { key: 'k', arg: 'required' }, 'field-separator': { key: 't', arg: 'required' }, output: { key: 'o', arg: 'required' },
      } : undefined,
    }, 2);
    if (typeof p === 'number') return f === 'gnu' ? p : 2;
    const prog = progName(c, f);
    const die = (msg: string): number => {
      c.err(`${prog}: ${msg}\n`);
      return 2;
    };
    const o = optMap(p);
    const globalOrder: Order = { n: o.has('n'), h: o.has('h'), f: o.has('f'), r: o.has('r'), bStart: o.has('b'), bEnd: o.has('b') };
    let tab: string | undefined;
    if (o.has('t')) {
      tab = o.get('t')!;
      // coreutils sort.c main: "empty tab", "multi-character tab %s"; busybox sort.c: "bad -t parameter"
      if (f === 'busybox' && [...tab].length !== 1) return die('bad -t parameter');
      if (tab === '') return die('empty tab');
      if ([...tab].length > 1 && tab !== '\\0') return die(`multi-character tab ${quote(tab)}`);
    }
    const keys: Key[] = [];
    for (const [k, v] of p.opts) {
      if (k !== 'k') continue;
      const key = parseKey(v!, f);
      if ('error' in key) return die(key.error);
      // a key without ordering options of its own takes the global ones
      const own = key.n || key.h || key.f || key.r || key.bStart || key.bEnd;
      keys.push(own ? key : { ...globalOrder, ...key, bStart: globalOrder.bStart, bEnd: globalOrder.bEnd });
    }
    if (!keys.length) keys.push({ ...globalOrder, sf: 1, sc: 1, ef: 0, ec: 0 });
    const lines: string[] = [];
    for (const name of p.args.length ? p.args : ['-']) {
      const r = name === '-' ? { ok: true as const, text: stdin } : readText(c, name);
      if (!r.ok) {
        // coreutils sort.c main: sort_die (_("cannot read"), file) when it may not be read; a
        // directory passes that check and fails in fillbuf: "read failed";
        // busybox sort.c: xfopen_stdin, and sort exits 2 on every error
        if (f === 'busybox') c.err(openError(c, f, name, r.code));
        else c.err(`${prog}: ${r.code === 'EISDIR' ? 'read failed' : 'cannot read'}: ${quotef(name)}: ${strerror(r.code)}\n`);
        return 2;
      }
      lines.push(...textLines(r.text));
    }
    const unique = o.has('u');
    const lastResort = !o.has('s') && !unique;
    const cmp = (a: string, b: string): number => {
      for (const k of keys) {
        const d = compareKey(keyText(a, k, tab), keyText(b, k, tab), k);
        if (d) return d;
      }
      return lastResort ? (globalOrder.r ? -compareBytes(a, b) : compareBytes(a, b)) : 0;
    };
    const sorted = [...lines].sort(cmp);
    const out = unique ? sorted.filter((l, i) => i === 0 || cmp(sorted[i - 1]!, l) !== 0) : sorted;
    const text = out.map((l) => `${l}\n`).join('');
    if (!o.has('o')) {
      c.out(text);
      return 0;
    }
    try {
      c.fs.writeFile(resolvePath(c.cwd, o.get('o')!), text);
    } catch (e) {
      const name = o.get('o')!;
      // coreutils sort.c xfopen: sort_die (_("open failed"), file); busybox xfopen_for_write: "can't open '%s'"
      c.err(f === 'gnu' ? `${prog}: open failed: ${quotef(name)}: ${strerror(errCode(e))}\n` : openError(c, f, name, errCode(e)));
      return 2;
    }
    return 0;
  }, readsStdinOperands('kto'));
}

export function uniqCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c, stdin) => {
    const p = parseOpts(c, f, {
      short: 'cdiuf:s:w:',
      long: f === 'gnu' ? {
        count: { key: 'c', arg: 'none' }, repeated: { key: 'd', arg: 'none' }, 'ignore-case': { key: 'i', arg: 'none' }, unique: { key: 'u', arg: 'none' },
        'skip-fields': { key: 'f', arg: 'required' }, 'skip-chars': { key: 's', arg: 'required' }, 'check-chars': { key: 'w', arg: 'required' },
      } : undefined,
    });
    if (typeof p === 'number') return p;
    const prog = progName(c, f);
    const o = optMap(p);
    const nums: Record<string, number> = { f: 0, s: 0, w: Infinity };
    for (const k of ['f', 's', 'w']) {
      if (!o.has(k)) continue;
      const v = o.get(k)!;
      if (!/^\d+$/.test(v)) {
        // coreutils uniq.c size_opt: "%s: invalid number of fields to skip" (and of bytes to skip / compare);
        // busybox getopt32 "f:+": xatoi_positive "invalid number '%s'"
        const what = k === 'f' ? 'invalid number of fields to skip' : k === 's' ? 'invalid number of bytes to skip' : 'invalid number of bytes to compare';
        c.err(f === 'gnu' ? `${prog}: ${v}: ${what}\n` : `${prog}: invalid number '${v}'\n`);
        return 1;
      }
      nums[k] = Number(v);
    }
    if (p.args.length > 2) {
      if (f === 'busybox') return busyboxUsage(c, prog);
      // coreutils uniq.c main: error (0, 0, _("extra operand %s"), quoteaf (file[n_files]))
      c.err(`${prog}: extra operand ${quote(p.args[2]!)}\n${tryHelp(prog)}`);
      return 1;
    }
    const input = readInputs(c, f, p.args.slice(0, 1), stdin);
    if (!input.ok) return 1;
    // the part of a line that is compared: skip -f fields (blanks then non-blanks), -s chars, keep -w
    const compared = (line: string): string => {
      let at = 0;
      for (let k = 0; k < nums.f! && at < line.length; k++) {
        while (at < line.length && BLANK.test(line[at]!)) at++;
        while (at < line.length && !BLANK.test(line[at]!)) at++;
      }
      const s = line.slice(at + nums.s!).slice(0, nums.w);
      return o.has('i') ? s.toUpperCase() : s;
    };
    let out = '';
    const lines = textLines(input.texts[0]!);
    for (let i = 0; i < lines.length;) {
      let j = i + 1;
      while (j < lines.length && compared(lines[j]!) === compared(lines[i]!)) j++;
      const count = j - i;
      if ((!o.has('d') || count > 1) && (!o.has('u') || count === 1)) {
        // coreutils uniq.c writeline: "%7jd "; busybox uniq.c: "%7lu "
        out += `${o.has('c') ? `${String(count).padStart(7)} ` : ''}${lines[i]}\n`;
      }
      i = j;
    }
    const target = p.args[1];
    if (target === undefined || target === '-') {
      c.out(out);
      return 0;
    }
    try {
      c.fs.writeFile(resolvePath(c.cwd, target), out);
    } catch (e) {
      c.err(openError(c, f, target, errCode(e)));
      return 1;
    }
    return 0;
  }, readsStdinOperands('fsw', true));
}
