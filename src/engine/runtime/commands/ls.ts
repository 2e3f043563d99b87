// ls in two implementations. GNU coreutils src/ls.c: command-line files first, then each directory
// (with "dir:" headers when there are several operands or -R); -l columns sized to the widest
// entry; "%b %e %H:%M" for recent times, "%b %e  %Y" otherwise; one name per line unless stdout is
// a terminal, then columns by calculate_columns with tab stops. Busybox coreutils/ls.c
// display_single: fixed widths ("%-10s %4lu %-8s %-8s %9llu "), the same dates from ctime(3),
// space-padded columns, colours on a terminal. Ownership is root's: Podlab files have no owner.
import { resolvePath } from '../fs/path';
import type { Program } from '../process/program';
import type { FsStat } from '../fs/memfs';
import { parseOpts, progName } from './msg';
import { groupName, userName } from './system';
import {
  blocks512, humanBusybox, humanGnu, instantProgram, modeString, padLeft, padRight, quoteaf, statOf, strerror,
  type Ctx, type Flavor,
} from './util';
import type { Vfs } from '../process/types';

interface Entry {
  /** what is printed: the operand as given, or the name inside a directory */
  name: string;
  /** the path to stat and recurse with (operand-relative, as ls builds it) */
  full: string;
  st: FsStat;
}

interface LsOpts {
  all: boolean;
  almostAll: boolean;
  long: boolean;
  one: boolean;
  columns: boolean;
  across: boolean;
  recursive: boolean;
  human: boolean;
  directory: boolean;
  classify: 'none' | 'slash' | 'all';
  reverse: boolean;
  sort: 'name' | 'time' | 'size' | 'none';
  numeric: boolean;
  noOwner: boolean;
  noGroup: boolean;
  color: boolean;
}

const SIX_MONTHS_S = 31556952 / 2; // coreutils ls.c: half a Gregorian year, in seconds

/** A Program (not a SimpleCommand) so it can ask whether stdout is a terminal. */
export function lsCommand(f: Flavor): Program<unknown> {
  return instantProgram((_p, c) => runLs(c, f));
}

function runLs(c: Ctx, f: Flavor): number {
  const p = parseOpts(c, f, {
    short: f === 'gnu' ? 'aAlo1gRhdFprtSnCxUf' : '1AaCxdLHRFplinshrSXvctugw:',
    long: {
      all: { key: 'a', arg: 'none' }, 'almost-all': { key: 'A', arg: 'none' }, recursive: { key: 'R', arg: 'none' },
      'human-readable': { key: 'h', arg: 'none' }, directory: { key: 'd', arg: 'none' }, classify: { key: 'F', arg: 'optional' },
      reverse: { key: 'r', arg: 'none' }, 'numeric-uid-gid': { key: 'n', arg: 'none' }, color: { key: 'color', arg: 'optional' },
      'group-directories-first': { key: 'gdf', arg: 'none' },
    },
  }, f === 'gnu' ? 2 : 1);
  if (typeof p === 'number') return p;
  const o: LsOpts = {
    all: false, almostAll: false, long: false, one: false, columns: false, across: false, recursive: false, human: false,
    directory: false, classify: 'none', reverse: false, sort: 'name', numeric: false, noOwner: false, noGroup: false,
    color: f === 'busybox' && c.tty && c.env.TERM !== 'dumb',
  };
  let format: 'long' | 'one' | 'columns' | 'across' | undefined;
  for (const [k, v] of p.opts) {
    switch (k) {
      case 'a': o.all = true; break;
      case 'A': o.almostAll = true; break;
      case 'l': format = 'long'; break;
      case 'n': o.numeric = true; format = 'long'; break;
      case 'g': o.noOwner = true; format = 'long'; break;
      case 'o': o.noGroup = true; format = 'long'; break;
      case '1': format = 'one'; break;
      case 'C': format = 'columns'; break;
      case 'x': format = 'across'; break;
      case 'R': o.recursive = true; break;
      case 'h': o.human = true; break;
      case 'd': o.directory = true; break;
      case 'F': o.classify = 'all'; break;
      case 'p': o.classify = 'slash'; break;
      case 'r': o.reverse = true; break;
      case 't': o.sort = 'time'; break;
      case 'S': o.sort = 'size'; break;
      case 'U': o.sort = 'none'; break;
      case 'f': o.sort = 'none'; o.all = true; break;
      case 'color': o.color = f === 'busybox' ? v !== 'never' && v !== 'no' && v !== 'none' && (v === 'always' || v === undefined || c.tty) : false; break;
    }
  }
  if (o.directory) o.recursive = false;
  // coreutils ls.c decode_switches / busybox ls.c: one per line unless stdout is a terminal
  format ??= c.tty ? 'columns' : 'one';
  o.long = format === 'long';
  o.one = format === 'one';
  o.columns = format === 'columns';
  o.across = format === 'across';

  const prog = progName(c, f);
  const operands = p.args.length ? p.args : ['.'];
  let status = 0;
  const files: Entry[] = [];
  const dirs: Entry[] = [];
  for (const arg of operands) {
    const st = statOf(c.fs, resolvePath(c.cwd, arg));
    if (typeof st === 'string') {
      // coreutils ls.c gobble_file: "cannot access %s" (exit 2); busybox my_stat: bb_simple_perror_msg
      c.err(f === 'gnu' ? `${prog}: cannot access ${quoteaf(arg)}: ${strerror(st)}\n` : `${prog}: ${arg}: ${strerror(st)}\n`);
      status = f === 'gnu' ? 2 : 1;
      continue;
    }
    const e = { name: arg, full: arg, st };
    if (st.type === 'dir' && !o.directory) dirs.push(e);
    else files.push(e);
  }
  const w = new Writer(c, f, o);
  if (files.length) w.list(files);
  const showNames = operands.length > 1 || o.recursive;
  let first = files.length === 0;
  const queue = sortEntries(dirs, o, true);
  const walk = (d: Entry): void => {
    if (showNames) {
      if (!first) c.out('\n');
      c.out(`${d.full}:\n`);
    }
    first = false;
    const entries = readDir(c, d, o);
    if (o.long) w.total(entries);
    w.list(entries);
    if (o.recursive) {
      for (const sub of sortEntries(entries, o)) {
        if (sub.st.type === 'dir' && sub.name !== '.' && sub.name !== '..') walk(sub);
      }
    }
  };
  for (const d of queue) walk(d);
  return status;
}

function readDir(c: Ctx, d: Entry, o: LsOpts): Entry[] {
  const dirPath = resolvePath(c.cwd, d.full);
  const join = (name: string): string => (d.full.endsWith('/') ? `${d.full}${name}` : `${d.full}/${name}`);
  const out: Entry[] = [];
  if (o.all) {
    out.push({ name: '.', full: join('.'), st: d.st });
    const parent = statOf(c.fs, resolvePath(dirPath, '..'));
    out.push({ name: '..', full: join('..'), st: typeof parent === 'string' ? d.st : parent });
  }
  for (const name of c.fs.readdir(dirPath)) {
    if (name.startsWith('.') && !o.all && !o.almostAll) continue;
    const st = statOf(c.fs, `${dirPath === '/' ? '' : dirPath}/${name}`);
    if (typeof st === 'string') continue;
    out.push({ name, full: join(name), st });
  }
  return out;
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** coreutils ls.c sort_files / busybox sortcmp: by name (C locale, strcmp), mtime or size; -r reverses. */
function sortEntries(entries: Entry[], o: LsOpts, operands = false): Entry[] {
  if (o.sort === 'none') return entries;
  const key = (e: Entry): string => (operands ? e.full : e.name);
  const sorted = [...entries].sort((a, b) => {
    if (o.sort === 'time' && a.st.mtimeMs !== b.st.mtimeMs) return b.st.mtimeMs - a.st.mtimeMs;
    if (o.sort === 'size' && sizeOf(a.st) !== sizeOf(b.st)) return sizeOf(b.st) - sizeOf(a.st);
    return byName(key(a), key(b));
  });
  return o.reverse ? sorted.reverse() : sorted;
}

function sizeOf(st: FsStat): number {
  return st.type === 'dir' ? 4096 : st.size;
}

/** Links: a directory has "." and its entry in the parent, plus each subdirectory's "..". */
function nlink(fs: Vfs, c: Ctx, e: Entry): number {
  if (e.st.type !== 'dir') return 1;
  const path = resolvePath(c.cwd, e.full);
  let n = 2;
  try {
    for (const name of fs.readdir(path)) {
      const s = statOf(fs, `${path === '/' ? '' : path}/${name}`);
      if (typeof s !== 'string' && s.type === 'dir') n++;
    }
  } catch {
    // unreadable: keep 2
  }
  return n;
}

/** Formats one listing (a directory's entries, or the command-line files). */
class Writer {
  constructor(private readonly c: Ctx, private readonly f: Flavor, private readonly o: LsOpts) {}

  total(entries: Entry[]): void {
    const sum = entries.reduce((n, e) => n + blocks512(e.st.size, e.st.type === 'dir'), 0);
    if (this.f === 'gnu') {
      // coreutils ls.c print_dir: "total" then human_readable (total_blocks, ..., ST_NBLOCKSIZE, 1024)
      this.c.out(`total ${this.o.human ? humanGnu(sum * 512) : Math.ceil(sum / 2)}\n`);
    } else {
      // busybox ls.c scan_and_display_dirs_recur: "total %-7s" (human) or "total %u", (blocks + 1) >> 1
      const blocks = Math.floor((sum + 1) / 2);
      this.c.out(this.o.human ? `total ${padRight(humanBusybox(blocks * 1024, false), 7)}\n` : `total ${blocks}\n`);
    }
  }

  list(entries: Entry[]): void {
    const sorted = sortEntries(entries, this.o);
    if (!sorted.length) return;
    if (this.o.long) {
      for (const line of this.longLines(sorted)) this.c.out(`${line}\n`);
    } else if (this.o.one) {
      for (const e of sorted) this.c.out(`${this.decorated(e)}\n`);
    } else if (this.f === 'gnu') {
      this.gnuColumns(sorted);
    } else {
      this.busyboxColumns(sorted);
    }
  }

  private indicator(e: Entry): string {
    if (this.o.classify === 'none') return '';
    if (e.st.type === 'dir') return '/';
    if (this.o.classify === 'all' && (e.st.mode & 0o111) !== 0) return '*';
    return '';
  }

  /** The name as printed: GNU quotes names that need it on a terminal; busybox colours them. */
  private decorated(e: Entry): string {
    let name = e.name;
    if (this.f === 'gnu' && this.c.tty && /[\s'"$`\\*?[\]{}()<>|&;!#~]/.test(name)) name = quoteaf(name);
    if (this.o.color) {
      // busybox ls.c: ESC"[%u;%um" with bold(mode) and fgcolor(mode), then ESC"[m"
      const exe = e.st.type === 'file' && (e.st.mode & 0o111) !== 0;
      const [bold, color] = e.st.type === 'dir' ? [1, 34] : exe ? [1, 32] : [0, 0];
      name = `\x1b[${bold};${color}m${name}\x1b[m`;
    }
    return name + this.indicator(e);
  }

  private width(e: Entry): number {
    let n = e.name.length + this.indicator(e).length;
    if (this.f === 'gnu' && this.c.tty && /[\s'"$`\\*?[\]{}()<>|&;!#~]/.test(e.name)) n = quoteaf(e.name).length + this.indicator(e).length;
    return n;
  }

  private longLines(entries: Entry[]): string[] {
    const fs = this.c.fs;
    const owner = (uid: number): string => (this.o.numeric ? String(uid) : userName(fs, uid) ?? String(uid));
    const group = (gid: number): string => (this.o.numeric ? String(gid) : groupName(fs, gid) ?? String(gid));
    const now = this.c.now();
    const rows = entries.map((e) => {
      const size = this.o.human
        ? this.f === 'gnu' ? humanGnu(sizeOf(e.st)) : humanBusybox(sizeOf(e.st))
        : String(sizeOf(e.st));
      return { e, mode: modeString(e.st.type, e.st.mode), links: String(nlink(fs, this.c, e)), user: owner(0), group: group(0), size, date: lsDate(e.st.mtimeMs, now, this.f) };
    });
    if (this.f === 'busybox') {
      // busybox ls.c display_single: "%-10s " "%4lu " "%-8s %-8s " "%9llu " (or "%7s " with -h) date name
      return rows.map((r) =>
        `${padRight(r.mode, 10)} ${padLeft(r.links, 4)} ${this.o.noOwner ? '' : `${padRight(r.user, 8)} `}${padRight(r.group, 8)} ${padLeft(r.size, this.o.human ? 7 : 9)} ${r.date} ${this.decorated(r.e)}`);
    }
    const wl = Math.max(...rows.map((r) => r.links.length));
    const wu = Math.max(...rows.map((r) => r.user.length));
    const wg = Math.max(...rows.map((r) => r.group.length));
    const ws = Math.max(...rows.map((r) => r.size.length));
    // coreutils ls.c print_long_format: "%s %*s " mode+nlink, owner, group (left, padded), size (right)
    return rows.map((r) =>
      `${r.mode} ${padLeft(r.links, wl)} ${this.o.noOwner ? '' : `${padRight(r.user, wu)} `}${this.o.noGroup ? '' : `${padRight(r.group, wg)} `}${padLeft(r.size, ws)} ${r.date} ${this.decorated(r.e)}`);
  }

  /** coreutils ls.c calculate_columns + print_many_per_line (or print_horizontal for -x), tabs every 8. */
  private gnuColumns(entries: Entry[]): void {
    const lineLength = Number(this.c.env.COLUMNS) > 0 ? Number(this.c.env.COLUMNS) : 80;
    const n = entries.length;
    const byColumns = !this.o.across;
    const MIN = 3;
    const maxIdx = Math.floor(lineLength / MIN) + (lineLength % MIN !== 0 ? 1 : 0);
    const maxCols = maxIdx > 0 && maxIdx < n ? maxIdx : n;
    const info = Array.from({ length: maxCols }, (_, i) => ({ valid: true, lineLen: (i + 1) * MIN, cols: new Array<number>(i + 1).fill(MIN) }));
    entries.forEach((e, fileno) => {
      const len = this.width(e);
      for (let i = 0; i < maxCols; i++) {
        const ci = info[i]!;
        if (!ci.valid) continue;
        const idx = byColumns ? Math.floor(fileno / Math.floor((n + i) / (i + 1))) : fileno % (i + 1);
        const real = len + (idx === i ? 0 : 2);
        if (ci.cols[idx]! < real) {
          ci.lineLen += real - ci.cols[idx]!;
          ci.cols[idx] = real;
          ci.valid = ci.lineLen < lineLength;
        }
      }
    });
    let cols = maxCols;
    while (cols > 1 && !info[cols - 1]!.valid) cols--;
    const widths = info[cols - 1]!.cols;
    const rows = Math.ceil(n / cols);
    const indent = (from: number, to: number): string => {
      let s = '';
      while (from < to) {
        if (Math.floor(to / 8) > Math.floor((from + 1) / 8)) {
          s += '\t';
          from += 8 - (from % 8);
        } else {
          s += ' ';
          from++;
        }
      }
      return s;
    };
    let out = '';
    if (byColumns) {
      for (let row = 0; row < rows; row++) {
        let col = 0;
        let pos = 0;
        for (let i = row; i < n; i += rows) {
          const e = entries[i]!;
          out += this.decorated(e);
          if (i + rows >= n) break;
          out += indent(pos + this.width(e), pos + widths[col]!);
          pos += widths[col++]!;
        }
        out += '\n';
      }
    } else {
      let pos = 0;
      entries.forEach((e, i) => {
        const col = i % cols;
        if (col === 0 && i) {
          out += '\n';
          pos = 0;
        }
        out += this.decorated(e);
        if (col < cols - 1 && i < n - 1) {
          out += indent(pos + this.width(e), pos + widths[col]!);
          pos += widths[col]!;
        }
      });
      out += '\n';
    }
    this.c.out(out);
  }

  /** busybox ls.c display_files: column width = longest name + 2, terminal width - 1, spaces. */
  private busyboxColumns(entries: Entry[]): void {
    const term = (Number(this.c.env.COLUMNS) > 0 ? Number(this.c.env.COLUMNS) : 80) - 1;
    const colWidth = Math.max(...entries.map((e) => this.width(e))) + 2;
    let ncols = Math.floor(term / colWidth);
    const n = entries.length;
    let nrows = n;
    if (ncols > 1) nrows = Math.ceil(n / ncols);
    else ncols = 1;
    let out = '';
    for (let row = 0; row < nrows; row++) {
      let column = 0;
      let nexttab = 0;
      for (let nc = 0; nc < ncols; nc++) {
        const i = this.o.across ? row * ncols + nc : nc * nrows + row;
        if (i >= n) continue;
        if (column > 0) {
          out += ' '.repeat(nexttab - column);
          column = nexttab;
        }
        nexttab = column + colWidth;
        out += this.decorated(entries[i]!);
        column += this.width(entries[i]!);
      }
      out += '\n';
    }
    this.c.out(out);
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * The -l timestamp (UTC: containers have no TZ). Recent (within six months): "Nov 21 12:00";
 * otherwise "Nov 21  2025". A time equal to now counts as recent: real time always moves on
 * between a write and the ls that follows it.
 */
export function lsDate(ms: number, now: number, f: Flavor): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const mon = MONTHS[d.getUTCMonth()]!;
  const ageS = (now - ms) / 1000;
  // coreutils ls.c print_long_format: six_months_ago < when < now; busybox: age < 6 months && age > -15 min
  const recent = f === 'gnu' ? ageS < SIX_MONTHS_S && ageS >= 0 : ageS < (3600 * 24 * 365) / 2 && ageS > -15 * 60;
  if (recent) return `${mon} ${day} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${mon} ${day}  ${d.getUTCFullYear()}`;
}

