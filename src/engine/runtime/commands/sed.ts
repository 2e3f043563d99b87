// sed, the simple part: addresses (N, $, /re/, first~step, ranges, !), blocks, and the commands
// s (flags g p N I), p, d, q, Q, =, a, i, c, y. Errors in GNU sed's words (sed/compile.c
// bad_prog: "-e expression #N, char M: ...") or busybox's (editors/sed.c). -i edits files in place;
// -n, -E/-r, -s as usual. Not implemented: n, N, D, P, h/H/g/G/x, b/t labels, r/w files.
import { resolvePath } from '../fs/path';
import type { Program } from '../process/program';
import { busyboxUsage, parseOpts, progName } from './msg';
import { compile } from './regex';
import { parseScript, SedError, type Addr, type Cmd } from './sed-script';
import { streamProgram, type StreamCtx } from './stream';
import { splitLines, strerror, type Flavor } from './util';

interface SedState {
  cmds: Cmd[];
  quiet: boolean;
  separate: boolean;
  inPlace: boolean;
  suffix: string;
  ere: boolean;
  line: number;
  /** a line waiting until we know whether it is the last */
  pending?: string;
  /** -i: the edited text of the current file */
  edited: string;
  quit?: number;
  status: number;
}

export function sedCommand(f: Flavor): Program<unknown> {
  return streamProgram<SedState>({
    setup(c) {
      return setup(c, f);
    },
    begin(_c, s) {
      if (s.separate) s.line = 0;
      s.edited = '';
    },
    data(c, s, _name, text) {
      for (const line of splitLines(text)) {
        if (s.pending !== undefined) {
          cycle(c, s, s.pending, false);
          if (s.quit !== undefined) return 'stop';
        }
        s.pending = line;
      }
    },
    end(c, s, name) {
      if (!s.separate) return;
      if (s.pending !== undefined) cycle(c, s, s.pending, true);
      s.pending = undefined;
      if (s.inPlace) {
        const path = resolvePath(c.cwd, name);
        try {
          if (s.suffix) c.fs.writeFile(`${path}${s.suffix}`, c.fs.readFile(path));
          c.fs.writeFile(path, s.edited);
        } catch {
          // reported when the file could not be read
        }
      }
    },
    openError(c, s, name, code) {
      s.status = 2;
      // sed/execute.c open_next_file: "can't read %s: %s"; busybox fopen_or_warn
      if (f === 'gnu') c.err(`${progName(c, f)}: can't read ${name}: ${strerror(code)}\n`);
      else {
        s.status = 1;
        c.err(`${progName(c, f)}: ${name}: ${strerror(code)}\n`);
      }
    },
    finish(c, s) {
      if (!s.separate && s.pending !== undefined && s.quit === undefined) cycle(c, s, s.pending, true);
      s.pending = undefined;
      return s.quit ?? s.status;
    },
  });
}

function setup(c: StreamCtx, f: Flavor): { state: SedState; inputs: string[] } | number {
  const p = parseOpts(c, f, {
    short: 'ne:f:i::Ersz',
    long: {
      quiet: { key: 'n', arg: 'none' }, silent: { key: 'n', arg: 'none' }, expression: { key: 'e', arg: 'required' },
      file: { key: 'f', arg: 'required' }, 'in-place': { key: 'i', arg: 'optional' }, 'regexp-extended': { key: 'E', arg: 'none' },
      separate: { key: 's', arg: 'none' },
    },
  }, 1);
  if (typeof p === 'number') return p;
  const prog = progName(c, f);
  const scripts: { text: string; label: string }[] = [];
  const s: SedState = { cmds: [], quiet: false, separate: false, inPlace: false, suffix: '', ere: false, line: 0, edited: '', status: 0 };
  let n = 0;
  for (const [k, v] of p.opts) {
    if (k === 'n') s.quiet = true;
    else if (k === 'E' || k === 'r') s.ere = true;
    else if (k === 's') s.separate = true;
    else if (k === 'i') {
      s.inPlace = s.separate = true;
      s.suffix = v ?? '';
    } else if (k === 'e') scripts.push({ text: v!, label: `-e expression #${++n}` });
    else if (k === 'f') {
      try {
        scripts.push({ text: c.fs.readFile(resolvePath(c.cwd, v!)).replace(/\n$/, ''), label: `file ${v}` });
      } catch (e) {
        // sed/compile.c: "couldn't open file %s: %s"
        c.err(`${prog}: couldn't open file ${v}: ${strerror((e as { code?: string }).code ?? 'EIO')}\n`);
        return 1;
      }
    }
  }
  const args = [...p.args];
  if (!scripts.length) {
    if (!args.length) {
      if (f === 'busybox') return busyboxUsage(c, prog);
      // sed/sed.c usage(EXIT_BAD_USAGE): the usage line, then the option summary
      c.err(`Usage: ${prog} [OPTION]... {script-only-if-no-other-script} [input-file]...\n\n`);
      return 1;
    }
    scripts.push({ text: args.shift()!, label: `-e expression #${++n}` });
  }
  for (const sc of scripts) {
    try {
      s.cmds.push(...parseScript(sc.text, s.ere, f));
    } catch (e) {
      if (!(e instanceof SedError)) throw e;
      // sed/compile.c bad_prog: "-e expression #%lu, char %lu: %s"; busybox: "sed: <msg>"
      c.err(f === 'gnu' ? `${prog}: ${sc.label}, char ${e.pos}: ${e.message}\n` : `${prog}: ${e.message}\n`);
      return 1;
    }
  }
  const depth = s.cmds.filter((x) => x.op === '{').length - s.cmds.filter((x) => x.op === '}').length;
  if (depth > 0) {
    c.err(f === 'gnu' ? `${prog}: -e expression #${n}, char 0: unmatched \`{'\n` : `${prog}: unmatched '{'\n`);
    return 1;
  }
  if (s.inPlace && !args.length) {
    // sed/execute.c: "no input files"
    c.err(`${prog}: no input files\n`);
    return f === 'gnu' ? 1 : busyboxUsage(c, prog);
  }
  return { state: s, inputs: args.length ? args : ['-'] };
}

// ---------- execution ----------

/** One cycle: the pattern space through the commands, then (unless -n) out. */
function cycle(c: StreamCtx, s: SedState, raw: string, last: boolean): void {
  s.line++;
  const nl = raw.endsWith('\n');
  let ps = nl ? raw.slice(0, -1) : raw;
  let out = '';
  let append = '';
  let deleted = false;
  let lastRe = '';
  const emit = (t: string): void => {
    out += t;
  };
  const matchAddr = (a: Addr): boolean => {
    switch (a.k) {
      case 'line': return s.line === a.n;
      case 'last': return last;
      case 'step': return a.step <= 0 ? s.line === a.first : s.line >= a.first && (s.line - a.first) % a.step === 0;
      case 're': {
        const src = a.src || lastRe;
        lastRe = src;
        return new RegExp(src, a.flags).test(ps);
      }
    }
  };
  const selected = (cmd: Cmd): boolean => {
    if (!cmd.a1) return true;
    let hit: boolean;
    if (!cmd.a2) hit = matchAddr(cmd.a1);
    else if (cmd.active) {
      // the range ends on the line matching addr2 (a line number at or before this line ends it now)
      if (cmd.a2.k === 'line' ? s.line >= cmd.a2.n : matchAddr(cmd.a2)) cmd.active = false;
      hit = true;
    } else if (matchAddr(cmd.a1)) {
      hit = true;
      cmd.active = !(cmd.a2.k === 'line' && cmd.a2.n <= s.line) && !(cmd.a2.k === 'last' && last);
    } else hit = false;
    return hit !== cmd.neg;
  };
  let pc = 0;
  while (pc < s.cmds.length) {
    const cmd = s.cmds[pc]!;
    if (cmd.op === '}') {
      pc++;
      continue;
    }
    if (!selected(cmd)) {
      pc = cmd.op === '{' ? cmd.jump! : pc + 1;
      continue;
    }
    pc++;
    switch (cmd.op) {
      case '{':
        break;
      case 'p':
        emit(`${ps}\n`);
        break;
      case '=':
        emit(`${s.line}\n`);
        break;
      case 'd':
        deleted = true;
        pc = s.cmds.length;
        break;
      case 'q':
        s.quit = cmd.code!;
        pc = s.cmds.length;
        break;
      case 'Q':
        s.quit = cmd.code!;
        deleted = true;
        pc = s.cmds.length;
        break;
      case 'a':
        append += `${cmd.text}\n`;
        break;
      case 'i':
        emit(`${cmd.text}\n`);
        break;
      case 'c':
        if (!cmd.a2 || !cmd.active) emit(`${cmd.text}\n`);
        deleted = true;
        pc = s.cmds.length;
        break;
      case 'y': {
        const from = [...cmd.text!];
        const to = [...cmd.repl!];
        ps = [...ps].map((ch) => {
          const k = from.indexOf(ch);
          return k < 0 ? ch : to[k]!;
        }).join('');
        break;
      }
      case 's': {
        const src = cmd.re || lastRe;
        lastRe = src;
        const re = compile(src, `g${cmd.flags}`);
        if ('error' in re) break;
        let count = 0;
        let changed = false;
        ps = ps.replace(re, (...m: unknown[]) => {
          const whole = m[0] as string;
          count++;
          const want = cmd.nth ?? 1;
          if (count < want || (!cmd.global && count > want)) return whole;
          changed = true;
          return expandReplacement(cmd.repl!, m.slice(0, -2) as (string | undefined)[]);
        });
        if (changed && cmd.print) emit(`${ps}\n`);
        break;
      }
    }
  }
  if (!deleted && !s.quiet) emit(ps + (nl || !last ? '\n' : ''));
  out += append;
  if (s.inPlace) s.edited += out;
  else c.out(out);
}

/** The replacement of `s`: & the match, \1..\9 groups, \n newline, \x the character x. */
function expandReplacement(repl: string, m: (string | undefined)[]): string {
  let out = '';
  for (let i = 0; i < repl.length; i++) {
    const ch = repl[i]!;
    if (ch === '&') out += m[0] ?? '';
    else if (ch === '\\' && i + 1 < repl.length) {
      const n = repl[++i]!;
      if (/[0-9]/.test(n)) out += m[Number(n)] ?? '';
      else if (n === 'n') out += '\n';
      else if (n === 't') out += '\t';
      else out += n;
    } else out += ch;
  }
  return out;
}
