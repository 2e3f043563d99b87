// The busybox flavours of the basic commands whose GNU versions live in shell/commands.ts: echo,
// printf (ash's printf), test/[ (busybox wording), true, false, date and sleep (coreutils/date.c,
// coreutils/sleep.c with libbb's "invalid number").
import type { Proc, Program, SimpleCommand } from '../process/program';
import { DATE_DEFAULT_FORMAT, defaultDateLine, parseDuration, strftime, testCommand } from '../shell/commands';
import { echoText, formatPrintf } from '../shell/printf';
import { busyboxUsage, parseOpts } from './msg';
import { ctxOfProc, ctxOfSimple, simpleCommand, type Ctx } from './util';

export const busyboxEcho: SimpleCommand = simpleCommand((c) => {
  // busybox coreutils/echo.c: -n, -e, -E; nothing else is an option
  c.out(echoText(c.argv.slice(1), false));
  return 0;
});

export const busyboxPrintf: SimpleCommand = simpleCommand((c) => {
  const args = c.argv.slice(1);
  if (!args.length) return busyboxUsage(c, 'printf');
  // busybox printf.c shares ash's printf: "%s: invalid number" style messages
  const res = formatPrintf(args[0]!, args.slice(1), 'ash');
  c.out(res.out);
  for (const e of res.errors) c.err(`printf: ${e}\n`);
  return res.status;
});

export function busyboxTest(name: 'test' | '['): SimpleCommand {
  return testCommand(name, 'ash');
}

export const busyboxTrue: SimpleCommand = simpleCommand(() => 0);
export const busyboxFalse: SimpleCommand = simpleCommand(() => 1);

/** busybox date: +FORMAT, -u, -R, -I[SPEC], -d TIME (TZ is unset in containers: UTC). */
export const busyboxDate: SimpleCommand = {
  kind: 'simple',
  run(io) {
    if (io.argv.length === 1) {
      io.stdout(defaultDateLine(io.now()));
      return 0;
    }
    return dateWithOptions(ctxOfSimple(io));
  },
};

function dateWithOptions(c: Ctx): number {
  const p = parseOpts(c, 'busybox', { short: 'Rs:ud:r:I::D:', long: { 'rfc-2822': { key: 'R', arg: 'none' }, utc: { key: 'u', arg: 'none' }, date: { key: 'd', arg: 'required' }, reference: { key: 'r', arg: 'required' }, 'iso-8601': { key: 'I', arg: 'optional' } } });
  if (typeof p === 'number') return p;
  let fmt = DATE_DEFAULT_FORMAT;
  let when = c.now();
  for (const [k, v] of p.opts) {
    if (k === 'R') fmt = '%a, %d %b %Y %H:%M:%S %z';
    else if (k === 'I') fmt = v === 'seconds' ? '%Y-%m-%dT%H:%M:%S%z' : v === 'minutes' ? '%Y-%m-%dT%H:%M%z' : v === 'hours' ? '%Y-%m-%dT%H%z' : '%Y-%m-%d';
    else if (k === 'd') {
      const t = parseDateArg(v!);
      if (t === undefined) {
        // libbb/messages.c bb_msg_invalid_date: "invalid date '%s'"
        c.err(`date: invalid date '${v}'\n`);
        return 1;
      }
      when = t;
    } else if (k === 'r') {
      try {
        when = c.fs.stat(v!.startsWith('/') ? v! : `${c.cwd}/${v}`).mtimeMs;
      } catch {
        c.err(`date: can't stat '${v}': No such file or directory\n`);
        return 1;
      }
    }
  }
  for (const a of p.args) {
    if (a.startsWith('+')) fmt = a.slice(1);
    else {
      // setting the clock needs CAP_SYS_TIME; busybox date.c: "can't set date"
      const t = parseDateArg(a);
      if (t === undefined) {
        c.err(`date: invalid date '${a}'\n`);
        return 1;
      }
      c.err("date: can't set date: Operation not permitted\n");
      c.out(`${strftime(fmt, t)}\n`);
      return 1;
    }
  }
  c.out(`${strftime(fmt, when)}\n`);
  return 0;
}

function parseDateArg(v: string): number | undefined {
  if (v.startsWith('@') && /^@\d+$/.test(v)) return Number(v.slice(1)) * 1000;
  const t = Date.parse(/Z|[+-]\d\d:?\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
  return Number.isFinite(t) ? t : undefined;
}

interface SleepState {
  ms: number | null;
}

/** busybox sleep: the sum of N[smhd]... ("invalid number" otherwise); no operand shows the usage. */
export const busyboxSleep: Program<SleepState> = {
  kind: 'program',
  start(p: Proc<SleepState>) {
    const args = p.argv.length === 2 ? [p.argv[1]!] : p.argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
    if (!args.length) return p.exit(busyboxUsage(ctxOfProc(p as Proc<unknown>), 'sleep'));
    let total = 0;
    for (const a of args) {
      const ms = parseDuration(a);
      if (ms === undefined) {
        // libbb/xatonum_template.c: "invalid number '%s'"
        p.write(2, `sleep: invalid number '${a}'\n`);
        return p.exit(1);
      }
      total += ms;
    }
    p.state = { ms: Number.isFinite(total) ? total : null };
    if (p.state.ms !== null) p.setTimer(p.state.ms);
  },
  event(p, ev) {
    if (ev.type === 'timer') p.exit(0);
  },  exitsOnTimer: true,
};
