// tail, with -f following files on the virtual clock: GNU coreutils src/tail.c and busybox
// coreutils/tail.c. Last lines (or bytes) of each input, +N from the start, headers for several
// inputs; endless devices make it grow its memory (the `tail /dev/zero` hog).
import type { Program } from '../process/program';
import { resolvePath } from '../fs/path';
import { optMap } from './getopt';
import { parseOpts, progName } from './msg';
import { streamProgram } from './stream';
import { headerLine, obsoleteCount, parseSize } from './text';
import { quoteaf, quotef, splitLines, strerror, type Flavor } from './util';

interface TailFile {
  name: string;
  path: string;
  /** bytes (UTF-16 units) already shown */
  pos: number;
  missing: boolean;
}

interface TailState {
  lines: boolean;
  /** how many from the end, or from the start when `fromStart` */
  n: number;
  fromStart: boolean;
  follow: boolean;
  headers: boolean;
  /** the kept tail of the current input (lines, or a string for -c) */
  keep: string[];
  seen: number;
  first: boolean;
  status: number;
  files: TailFile[];
  /** the file whose header was printed last (tail -f prints a header when another file grows) */
  last: string;
  sleepMs: number;
}

/** How often tail -f looks at its files (coreutils' --sleep-interval default and busybox's loop: 1 s). */
const FOLLOW_MS = 1000;

export function tailCommand(f: Flavor): Program<unknown> {
  return streamProgram<TailState>({
    setup(c) {
      const p = parseOpts({ ...c, argv: obsoleteCount(c.argv) }, f, { short: 'n:c:fFqvs:', long: { lines: { key: 'n', arg: 'required' }, bytes: { key: 'c', arg: 'required' }, follow: { key: 'f', arg: 'optional' }, quiet: { key: 'q', arg: 'none' }, verbose: { key: 'v', arg: 'none' }, 'sleep-interval': { key: 's', arg: 'required' } } });
      if (typeof p === 'number') return p;
      const s: TailState = { lines: true, n: 10, fromStart: false, follow: false, headers: false, keep: [], seen: 0, first: true, status: 0, files: [], last: '', sleepMs: FOLLOW_MS };
      for (const [k, v] of p.opts) {
        if (k === 'f' || k === 'F') s.follow = true;
        if (k === 's' && Number(v) > 0) s.sleepMs = Number(v) * 1000;
        if (k !== 'n' && k !== 'c') continue;
        s.lines = k === 'n';
        s.fromStart = v!.startsWith('+');
        const size = parseSize(v!.replace(/^[+-]/, ''));
        if (size === undefined) {
          // coreutils tail.c parse_options: "invalid number of lines: %s"; busybox: "invalid number '%s'"
          c.err(f === 'gnu' ? `${progName(c, f)}: invalid number of ${s.lines ? 'lines' : 'bytes'}: ${quoteaf(v!)}\n` : `${progName(c, f)}: invalid number '${v}'\n`);
          return 1;
        }
        s.n = size;
      }
      const inputs = p.args.length ? p.args : ['-'];
      const o = optMap(p);
      s.headers = o.has('v') || (inputs.length > 1 && !o.has('q'));
      return { state: s, inputs };
    },
    begin(c, s, name) {
      s.keep = [];
      s.seen = 0;
      if (s.headers) c.out(headerLine(name, s.first));
      s.first = false;
      s.last = name;
    },
    data(c, s, _name, text) {
      const units = s.lines ? splitLines(text) : [...text];
      if (s.fromStart) {
        // +N: output from line (or byte) N on, as it comes
        const skip = Math.max(0, s.n - 1 - s.seen);
        s.seen += units.length;
        c.out(units.slice(skip).join(''));
        return;
      }
      s.keep.push(...units);
      if (s.keep.length > s.n) s.keep.splice(0, s.keep.length - s.n);
    },
    end(c, s, name) {
      if (!s.fromStart) c.out(s.keep.join(''));
      s.keep = [];
      if (s.follow && name !== '-') {
        const path = resolvePath(c.cwd, name);
        let pos = 0;
        let missing = false;
        try {
          pos = c.fs.readFile(path).length;
        } catch {
          missing = true;
        }
        s.files.push({ name, path, pos, missing });
      }
    },
    endless: () => 'hog',
    openError(c, s, name, code) {
      s.status = 1;
      // coreutils tail.c tail_file: "cannot open %s for reading" / "error reading %s";
      // busybox tail.c open_or_warn_stdin: "can't open '%s'"
      if (f === 'gnu') c.err(code === 'EISDIR' ? `${progName(c, f)}: error reading ${quoteaf(name)}: Is a directory\n` : `${progName(c, f)}: cannot open ${quoteaf(name)} for reading: ${strerror(code)}\n`);
      else c.err(`${progName(c, f)}: can't open '${name}': ${strerror(code)}\n`);
    },
    finish(c, s) {
      if (!s.follow || !s.files.length) {
        if (s.follow && f === 'gnu' && s.status) {
          // coreutils tail.c tail_forever: "no files remaining"
          c.err(`${progName(c, f)}: no files remaining\n`);
        }
        return s.status;
      }
      c.p.setTimer(s.sleepMs, 'follow');
      return undefined;
    },
    timer(c, s) {
      for (const file of s.files) {
        let text: string;
        try {
          text = c.fs.readFile(file.path);
        } catch {
          file.missing = true;
          continue;
        }
        if (text.length < file.pos) {
          // coreutils tail.c recheck/tail_forever: "%s: file truncated"; busybox says nothing
          if (f === 'gnu') c.err(`${progName(c, f)}: ${quotef(file.name)}: file truncated\n`);
          file.pos = 0;
        }
        if (text.length > file.pos) {
          if (s.headers && s.last !== file.name) {
            c.out(headerLine(file.name, false));
            s.last = file.name;
          }
          c.out(text.slice(file.pos));
          file.pos = text.length;
        }
      }
      c.p.setTimer(s.sleepMs, 'follow');
      return undefined;
    },
  });
}
