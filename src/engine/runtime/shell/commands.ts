// A handful of external commands the shell needs to be useful and testable: echo, printf, cat,
// sleep, date, true, false, test/[ (GNU coreutils wording), and the shells themselves. The
// coreutils/busybox engineers add the rest of the toolbox the same way: register a command, then
// put programFile(name) at its path in an image.
import { resolvePath } from '../fs/path';
import { CommandRegistry, type Proc, type Program, type SimpleCommand, type SimpleIO } from '../process/program';
import type { ProcEvent } from '../process/types';
import { echoText, formatPrintf } from './printf';
import { ShellProgram } from './shell';
import { evalTest, missingBracket } from './test-expr';

/** Registry names: `dash`, `bash`, `ash` for the shells, `coreutils/<name>` for commands. */
export const SHELL_PROGRAMS = { dash: 'dash', bash: 'bash', ash: 'ash' } as const;

export function registerShells(r: CommandRegistry): CommandRegistry {
  r.register('dash', new ShellProgram('dash'));
  r.register('bash', new ShellProgram('bash'));
  r.register('ash', new ShellProgram('ash'));
  return r;
}

export function registerBasicCommands(r: CommandRegistry): CommandRegistry {
  r.register('coreutils/echo', echo);
  r.register('coreutils/printf', printf);
  r.register('coreutils/cat', cat);
  r.register('coreutils/true', simple(() => 0));
  r.register('coreutils/false', simple(() => 1));
  r.register('coreutils/test', testCommand('test'));
  r.register('coreutils/[', testCommand('['));
  r.register('coreutils/date', date);
  r.register('coreutils/sleep', sleep);
  return r;
}

/** A registry with the shells and the basic commands (tests, the default runtime). */
export function basicRegistry(): CommandRegistry {
  return registerBasicCommands(registerShells(new CommandRegistry()));
}

function simple(run: (io: SimpleIO) => number, readsStdin?: (argv: readonly string[]) => boolean): SimpleCommand {
  return { kind: 'simple', run, readsStdin };
}

const echo = simple((io) => {
  io.stdout(echoText(io.argv.slice(1), false));
  return 0;
});

const printf = simple((io) => {
  const args = io.argv.slice(1);
  if (!args.length) {
    // coreutils printf.c: "missing operand" + the --help hint
    io.stderr("printf: missing operand\nTry 'printf --help' for more information.\n");
    return 1;
  }
  const res = formatPrintf(args[0]!, args.slice(1), 'coreutils');
  io.stdout(res.out);
  for (const e of res.errors) io.stderr(`printf: ${e}\n`);
  return res.status;
});

/** cat: files in order, `-` or nothing for stdin. */
const cat = simple(
  (io) => {
    const files = io.argv.slice(1).filter((a) => a !== '-u');
    if (!files.length) files.push('-');
    let st = 0;
    for (const f of files) {
      if (f === '-') {
        io.stdout(io.stdin);
        continue;
      }
      try {
        io.stdout(io.fs.readFile(resolvePath(io.cwd, f)));
      } catch (e) {
        const code = (e as { code?: string }).code;
        // coreutils cat.c: error (0, errno, "%s", quotef (infile))
        io.stderr(`cat: ${f}: ${code === 'EISDIR' ? 'Is a directory' : code === 'ENOTDIR' ? 'Not a directory' : 'No such file or directory'}\n`);
        st = 1;
      }
    }
    return st;
  },
  (argv) => argv.length < 2 || argv.slice(1).every((a) => a === '-u') || argv.includes('-'),
);

/** `test` and `[` as a binary: coreutils' words, or busybox ash's (`flavor`). */
export function testCommand(name: 'test' | '[', flavor: 'coreutils' | 'ash' = 'coreutils'): SimpleCommand {
  return simple((io) => {
    let args = io.argv.slice(1);
    if (name === '[') {
      if (args[args.length - 1] !== ']') {
        io.stderr(`[: ${missingBracket(flavor)}\n`);
        return 2;
      }
      args = args.slice(0, -1);
    }
    const r = evalTest(args, { fs: io.fs, cwd: io.cwd, flavor });
    if (r.error) io.stderr(`${name}: ${r.error}\n`);
    return r.status;
  });
}

// ---------- date ----------

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** coreutils date's default in the C locale: "%a %b %e %H:%M:%S %Z %Y" → Sat Nov 21 12:00:05 UTC 2026. */
export const DATE_DEFAULT_FORMAT = '%a %b %e %H:%M:%S %Z %Y';

/** strftime in UTC (containers run with TZ unset, which is UTC). */
export function strftime(fmt: string, ms: number): string {
  // one pass over the format (a % not followed by a known conversion is kept as it is)
  const d = new Date(ms);
  let out = '';
  let from = 0;
  for (let i = fmt.indexOf('%'); i >= 0 && i + 1 < fmt.length; i = fmt.indexOf('%', i)) {
    const v = conversion(fmt[i + 1]!, d, ms);
    if (v === undefined) {
      i++;
      continue;
    }
    out += fmt.slice(from, i) + v;
    i += 2;
    from = i;
  }
  return from === 0 ? fmt : out + fmt.slice(from);
}

/** What `%c` stands for in strftime, or undefined when it is not a conversion. */
function conversion(c: string, d: Date, ms: number): string | undefined {
  switch (c) {
    case '%': return '%';
    case 'a': return DAYS[d.getUTCDay()]!.slice(0, 3);
    case 'A': return DAYS[d.getUTCDay()]!;
    case 'b': case 'h': return MONTHS[d.getUTCMonth()]!.slice(0, 3);
    case 'B': return MONTHS[d.getUTCMonth()]!;
    case 'c': return strftime('%a %b %e %H:%M:%S %Y', ms);
    case 'd': return pad2(d.getUTCDate(), '0');
    case 'D': return strftime('%m/%d/%y', ms);
    case 'e': return pad2(d.getUTCDate(), ' ');
    case 'F': return strftime('%Y-%m-%d', ms);
    case 'H': return pad2(d.getUTCHours(), '0');
    case 'I': return pad2(d.getUTCHours() % 12 || 12, '0');
    case 'j': return String(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1).padStart(3, '0');
    case 'k': return pad2(d.getUTCHours(), ' ');
    case 'l': return pad2(d.getUTCHours() % 12 || 12, ' ');
    case 'm': return pad2(d.getUTCMonth() + 1, '0');
    case 'M': return pad2(d.getUTCMinutes(), '0');
    case 'n': return '\n';
    case 'N': return String(d.getUTCMilliseconds() * 1e6).padStart(9, '0');
    case 'p': return d.getUTCHours() < 12 ? 'AM' : 'PM';
    case 'R': return strftime('%H:%M', ms);
    case 's': return String(Math.floor(ms / 1000));
    case 'S': return pad2(d.getUTCSeconds(), '0');
    case 't': return '\t';
    case 'T': return strftime('%H:%M:%S', ms);
    case 'u': return String(d.getUTCDay() || 7);
    case 'w': return String(d.getUTCDay());
    case 'y': return pad2(d.getUTCFullYear() % 100, '0');
    case 'Y': return String(d.getUTCFullYear());
    case 'z': return '+0000';
    case 'Z': return 'UTC';
    default: return undefined;
  }
}

function pad2(n: number, fill: string): string {
  return n < 10 ? fill + n : String(n);
}

let lastDateSec = NaN;
let lastDateText = '';

/**
 * `date` with no arguments, as a line: the writer-loop favourite (`date >> file` every second).
 * Each second is formatted once and the same string handed out, by coreutils' and busybox's date
 * alike, so every file it lands in shares it (and appends of it are measured once).
 */
export function defaultDateLine(now: number): string {
  const sec = Math.floor(now / 1000);
  if (sec !== lastDateSec) {
    lastDateSec = sec;
    lastDateText = `${strftime(DATE_DEFAULT_FORMAT, sec * 1000)}\n`;
  }
  return lastDateText;
}

const date = simple((io) => {
  if (io.argv.length === 1) {
    io.stdout(defaultDateLine(io.now()));
    return 0;
  }
  let fmt = DATE_DEFAULT_FORMAT;
  let when = io.now();
  const args = io.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('+')) fmt = a.slice(1);
    else if (a === '-u' || a === '--utc' || a === '--universal') continue;
    else if (a === '-R' || a === '--rfc-email') fmt = '%a, %d %b %Y %H:%M:%S %z';
    else if (a === '-I' || a === '--iso-8601' || a === '-Idate') fmt = '%Y-%m-%d';
    else if (a === '-Iseconds' || a === '--iso-8601=seconds') fmt = '%Y-%m-%dT%H:%M:%S+00:00';
    else if (a === '-d' || a.startsWith('--date=')) {
      const v = a === '-d' ? args[++i] ?? '' : a.slice(7);
      const t = v.startsWith('@') ? Number(v.slice(1)) * 1000 : Date.parse(/Z|[+-]\d\d:?\d\d$/.test(v) || !/\d/.test(v) ? v : `${v}Z`);
      if (!Number.isFinite(t)) {
        // coreutils date.c: "invalid date %s" (quoted)
        io.stderr(`date: invalid date '${v}'\n`);
        return 1;
      }
      when = t;
    } else {
      io.stderr(`date: invalid date '${a}'\n`);
      return 1;
    }
  }
  io.stdout(`${strftime(fmt, when)}\n`);
  return 0;
});

// ---------- sleep ----------

interface SleepState {
  /** null: sleep infinity */
  ms: number | null;
}

/** sleep NUMBER[smhd]... (coreutils; the sum of the arguments). Waits on the virtual clock. */
export const sleep: Program<SleepState> = {
  kind: 'program',
  start(p: Proc<SleepState>) {
    const argv = p.argv;
    if (argv.length < 2) {
      // coreutils sleep.c: "missing operand"
      p.write(2, "sleep: missing operand\nTry 'sleep --help' for more information.\n");
      p.exit(1);
      return;
    }
    let total = 0;
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      const ms = parseDuration(a);
      if (ms === undefined) {
        // coreutils sleep.c: "invalid time interval %s" (quoted)
        p.write(2, `sleep: invalid time interval '${a}'\nTry 'sleep --help' for more information.\n`);
        p.exit(1);
        return;
      }
      total += ms;
    }
    p.state = { ms: Number.isFinite(total) ? total : null };
    if (p.state.ms !== null) p.setTimer(p.state.ms);
  },
  event(p: Proc<SleepState>, ev: ProcEvent) {
    if (ev.type === 'timer') p.exit(0);
  },  exitsOnTimer: true,
};

/** `1`, `0.5`, `2m`, `1h`, `1d`, `infinity` → ms (Infinity for infinity). */
export function parseDuration(s: string): number | undefined {
  // `sleep 1` in a loop: a lone digit needs no pattern
  if (s.length === 1 && s >= '0' && s <= '9') return (s.charCodeAt(0) - 48) * 1000;
  if (/^inf(inity)?$/i.test(s)) return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * DURATION_UNITS[m[2]!]!);
}

const DURATION_UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
