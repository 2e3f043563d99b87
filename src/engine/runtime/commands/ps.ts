// ps and kill from the kernel's process table: procps-ng 4 (Debian's procps package; src/ps/output.c
// column specs, sortformat.c formats) and busybox procps/ps.c, procps/kill.c. Podlab keeps no CPU
// accounting, so %CPU and TIME read 0; RSS is what a program reports (Proc.setRss), or a typical
// figure for its command when it reports nothing; VSZ is derived from it.
import { commOf } from '../fs/procfs';
import type { Program, SimpleCommand } from '../process/program';
import { parseSignal, type ProcessInfo, type SignalName } from '../process/types';
import { busyboxUsage, parseOpts, progName } from './msg';
import { groupName, systemOf, userName, type CommandEnv } from './system';
import { instantProgram, padLeft, padRight, simpleCommand, type Ctx, type Flavor } from './util';

/** Resident set of common programs when they report none, KiB (typical values on x86-64). */
const TYPICAL_RSS_KB: Record<string, [rss: number, vsz: number]> = {
  sh: [924, 2576], dash: [924, 2576], ash: [1032, 1600], bash: [3328, 4188], sleep: [516, 2484], busybox: [744, 1600],
  nginx: [5908, 11480], ps: [1604, 8088], cat: [520, 2548], tail: [520, 2552], kuard: [9120, 714372], redis: [5680, 57600],
};

function memOf(p: ProcessInfo): [rssKb: number, vszKb: number] {
  const name = commOf(p);
  const typical = TYPICAL_RSS_KB[name] ?? [1024, 4096];
  if (p.rss > 0) {
    const rss = Math.ceil(p.rss / 1024);
    return [rss, Math.max(typical[1], rss + typical[1] - typical[0])];
  }
  return typical;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** procps output.c pr_stime: "%H:%M" today, "%b%d" this year, "%Y" before. */
function stime(start: number, now: number): string {
  const s = new Date(start);
  const n = new Date(now);
  if (s.getUTCFullYear() !== n.getUTCFullYear()) return String(s.getUTCFullYear());
  if (s.toISOString().slice(0, 10) !== n.toISOString().slice(0, 10)) return `${MONTHS[s.getUTCMonth()]}${String(s.getUTCDate()).padStart(2, '0')}`;
  return `${String(s.getUTCHours()).padStart(2, '0')}:${String(s.getUTCMinutes()).padStart(2, '0')}`;
}

interface Row {
  p: ProcessInfo;
  /** the uid's name from the image's /etc/passwd, or the number */
  user: string;
  group: string;
  rss: number;
  vsz: number;
  tty: string;
  stat: string;
  args: string;
  comm: string;
}

function rows(c: Ctx): Row[] {
  const procs = [...c.processes()].sort((a, b) => a.pid - b.pid);
  const self = procs.find((p) => p.pid === c.pid);
  const sessionOf = (p: ProcessInfo): number => {
    let cur: ProcessInfo | undefined = p;
    const seen = new Set<number>();
    while (cur && cur.ppid !== 0 && !seen.has(cur.pid)) {
      seen.add(cur.pid);
      cur = procs.find((x) => x.pid === cur!.ppid);
    }
    return cur?.pid ?? p.pid;
  };
  const mySession = self ? sessionOf(self) : -1;
  const users = new Map<number, string>();
  const groups = new Map<number, string>();
  const nameOf = (m: Map<number, string>, id: number, lookup: (fs: Ctx['fs'], id: number) => string | undefined): string => {
    let n = m.get(id);
    if (n === undefined) m.set(id, (n = lookup(c.fs, id) ?? String(id)));
    return n;
  };
  return procs.map((p) => {
    const user = nameOf(users, p.uid, userName);
    const group = nameOf(groups, p.gid, groupName);
    const [rss, vsz] = memOf(p);
    const onTty = c.tty && sessionOf(p) === mySession;
    // procps output.c pr_stat: state, 's' for a session leader, '+' in the terminal's foreground group
    let stat = p.state;
    if (p.ppid === 0) stat += 's';
    if (onTty && self && p.pgid === self.pgid) stat += '+';
    const zombie = p.state === 'Z';
    // the task's comm, as /proc/<pid>/comm has it (`nginx`, not the title `nginx: master process`)
    const comm = p.argv.length ? commOf(p) : '?';
    return {
      p, user, group, rss: zombie ? 0 : rss, vsz: zombie ? 0 : vsz, tty: onTty ? 'pts/0' : '?', stat,
      args: zombie ? `[${comm}] <defunct>` : p.argv.join(' '), comm,
    };
  });
}

// ---------- procps ps ----------

/** procps output.c: a name wider than its column is cut and ends in '+' (`systemd+`). */
function procpsName(name: string, width = 8): string {
  return name.length > width ? `${name.slice(0, width - 1)}+` : name;
}

type Format = 'default' | 'u' | 'f' | 'o';

export function procpsPs(env: CommandEnv): Program<unknown> {
  return instantProgram((_p, c) => {
    let format: Format = 'default';
    let fields: string[] = [];
    const args = c.argv.slice(1);
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      const bsd = !a.startsWith('-');
      const letters = bsd ? a : a.slice(1);
      if (letters.startsWith('o') || a === '--format') {
        format = 'o';
        fields = (letters.length > 1 && letters !== 'o' ? letters.slice(1) : args[++i] ?? '').split(/[,\s]+/).filter(Boolean);
        continue;
      }
      for (const ch of letters) {
        if (ch === 'u' && (bsd || a === '-aux')) format = 'u';
        else if (ch === 'f' && !bsd) format = 'f';
        else if (!'aexAlwjTrN'.includes(ch) && !(ch === 'u' && !bsd)) {
          // procps ps/parser.c: "error: unsupported option (BSD syntax)" / "unsupported SysV option"
          c.err(`error: unsupported ${bsd ? 'option (BSD syntax)' : 'SysV option'}\n\nUsage:\n ps [options]\n\n Try 'ps --help <simple|list|output|threads|misc|all>'\n  or 'ps --help <s|l|o|t|m|a>'\n for additional help text.\n\nFor more details see ps(1).\n`);
          return 1;
        }
      }
    }
    const sys = systemOf(c.fs, env.system);
    const list = rows(c);
    const now = c.now();
    // procps: without a terminal the width is unlimited; on one, lines are cut at the screen width
    const width = c.tty ? Number(c.env.COLUMNS) || 80 : Infinity;
    const cut = (s: string): string => (s.length > width ? s.slice(0, width) : s);
    const pidW = 7; // PIDMAX: digits of /proc/sys/kernel/pid_max (4194304 under systemd)
    let out = '';
    if (format === 'u') {
      // sortformat.c bsd_u_format: user,pid,pcpu,pmem,vsz,rss,tname,stat,start_time,bsdtime,args
      out += `${padRight('USER', 8)} ${padLeft('PID', pidW)} %CPU %MEM ${padLeft('VSZ', 6)} ${padLeft('RSS', 5)} ${padRight('TTY', 8)} STAT START   TIME COMMAND\n`;
      for (const r of list) {
        const mem = Math.min(999, Math.floor((r.rss * 1000) / sys.memTotalKb));
        out += cut(`${padRight(procpsName(r.user), 8)} ${padLeft(r.p.pid, pidW)}  0.0 ${padLeft(`${Math.floor(mem / 10)}.${mem % 10}`, 4)} ${padLeft(r.vsz, 6)} ${padLeft(r.rss, 5)} ${padRight(r.tty, 8)} ${padRight(r.stat, 4)} ${padLeft(stime(r.p.startedAt, now), 5)}   0:00 ${r.args}`) + '\n';
      }
    } else if (format === 'f') {
      // sortformat.c sysv_f_format: uid_hack,pid,ppid,c,stime,tname,time,cmd
      out += `${padRight('UID', 8)} ${padLeft('PID', pidW)} ${padLeft('PPID', pidW)}  C STIME ${padRight('TTY', 8)} ${padLeft('TIME', 8)} CMD\n`;
      for (const r of list) {
        out += cut(`${padRight(procpsName(r.user), 8)} ${padLeft(r.p.pid, pidW)} ${padLeft(r.p.ppid, pidW)}  0 ${padLeft(stime(r.p.startedAt, now), 5)} ${padRight(r.tty, 8)} 00:00:00 ${r.args}`) + '\n';
      }
    } else if (format === 'o') {
      out += customFormat(list, fields, now, sys.memTotalKb, pidW, cut);
    } else {
      // sortformat.c: the default "pid,tname,time,cmd" (cmd = the command name)
      out += `${padLeft('PID', pidW)} ${padRight('TTY', 8)} ${padLeft('TIME', 8)} CMD\n`;
      for (const r of list) out += cut(`${padLeft(r.p.pid, pidW)} ${padRight(r.tty, 8)} 00:00:00 ${r.p.state === 'Z' ? `${r.comm} <defunct>` : r.comm}`) + '\n';
    }
    c.out(out);
    return 0;
  });
}

function customFormat(list: Row[], fields: string[], now: number, memKb: number, pidW: number, cut: (s: string) => string): string {
  const spec: Record<string, [header: string, width: number, right: boolean, get: (r: Row) => string]> = {
    pid: ['PID', pidW, true, (r) => String(r.p.pid)],
    ppid: ['PPID', pidW, true, (r) => String(r.p.ppid)],
    pgid: ['PGID', pidW, true, (r) => String(r.p.pgid)],
    user: ['USER', 8, false, (r) => procpsName(r.user)],
    comm: ['COMMAND', 15, false, (r) => r.comm],
    args: ['COMMAND', 27, false, (r) => r.args],
    cmd: ['CMD', 27, false, (r) => r.args],
    rss: ['RSS', 5, true, (r) => String(r.rss)],
    vsz: ['VSZ', 6, true, (r) => String(r.vsz)],
    stat: ['STAT', 4, false, (r) => r.stat],
    tty: ['TT', 8, false, (r) => r.tty],
    time: ['TIME', 8, true, () => '00:00:00'],
    etime: ['ELAPSED', 11, true, (r) => etime(now - r.p.startedAt)],
    '%mem': ['%MEM', 4, true, (r) => { const m = Math.min(999, Math.floor((r.rss * 1000) / memKb)); return `${Math.floor(m / 10)}.${m % 10}`; }],
    '%cpu': ['%CPU', 4, true, () => '0.0'],
  };
  const cols = fields.map((f) => {
    const [name, header] = f.split('=');
    const s = spec[name!] ?? ['?', 1, false, () => '-'];
    return { ...s, header: header ?? s[0] };
  });
  const line = (cells: string[]): string =>
    cells.map((cell, i) => (i === cells.length - 1 && !cols[i]![2] ? cell : cols[i]![2] ? padLeft(cell, cols[i]![1]) : padRight(cell, cols[i]![1]))).join(' ');
  let out = `${line(cols.map((c) => c.header))}\n`;
  for (const r of list) out += `${cut(line(cols.map((c) => c[3](r))))}\n`;
  return out;
}

/** procps pr_etime: [[dd-]hh:]mm:ss */
function etime(ms: number): string {
  let t = Math.floor(ms / 1000);
  const ss = t % 60;
  t = Math.floor(t / 60);
  const mm = t % 60;
  t = Math.floor(t / 60);
  const hh = t % 24;
  const dd = Math.floor(t / 24);
  const p2 = (n: number): string => String(n).padStart(2, '0');
  return `${dd ? `${dd}-` : ''}${dd || hh ? `${p2(hh)}:` : ''}${p2(mm)}:${p2(ss)}`;
}

// ---------- busybox ps ----------

export function busyboxPs(): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, 'busybox', { short: 'o:aAdeflT' });
    if (typeof p === 'number') return p;
    const list = rows(c);
    const o = p.opts.filter(([k]) => k === 'o').map(([, v]) => v!).join(',');
    // busybox ps.c: DEFAULT_O_STR "pid,user,time,args"; each field padded to its width + 1, the last not
    const cols = (o || 'pid,user,time,args').split(',').filter(Boolean).map((spec) => {
      const [name, header] = spec.split('=');
      const f = BB_FIELDS[name!];
      if (!f) return undefined;
      const h = header ?? f[0];
      return { header: h, width: header ? Math.max(h.length, 1) : f[1], right: f[2], get: f[3] };
    });
    if (cols.some((x) => x === undefined)) {
      // busybox ps.c parse_o: "bad -o argument '%s', supported arguments: %s"
      c.err(`ps: bad -o argument '${o}', supported arguments: user,group,comm,args,pid,ppid,pgid,etime,nice,rgroup,ruser,time,tty,vsz,sid,stat,rss\n`);
      return 1;
    }
    const fields = cols as NonNullable<(typeof cols)[number]>[];
    const now = c.now();
    const header = fields.map((f, i) => (i === fields.length - 1 ? f.header : padRight(f.header, f.width))).join(' ');
    let out = fields.some((f) => f.header) ? `${header}\n` : '';
    for (const r of list) {
      out += fields.map((f, i) => {
        const v = f.get(r, now) || '-';
        return i === fields.length - 1 ? v : f.right ? padRight(padLeft(v, f.width), f.width) : padRight(v, f.width);
      }).join(' ') + '\n';
    }
    c.out(out);
    return 0;
  });
}

/** busybox ps.c out_spec: header, width, right-aligned, value. */
const BB_FIELDS: Record<string, [string, number, boolean, (r: Row, now: number) => string]> = {
  // busybox ps.c func_user/func_group: get_cached_username/groupname cut to the column width
  user: ['USER', 8, false, (r) => r.user.slice(0, 8)],
  group: ['GROUP', 8, false, (r) => r.group.slice(0, 8)],
  comm: ['COMMAND', 16, false, (r) => r.comm],
  args: ['COMMAND', 0, false, (r) => (r.p.state === 'Z' ? `[${r.comm}]` : r.p.argv.join(' '))],
  pid: ['PID', 5, true, (r) => String(r.p.pid)],
  ppid: ['PPID', 5, true, (r) => String(r.p.ppid)],
  pgid: ['PGID', 5, true, (r) => String(r.p.pgid)],
  etime: ['ELAPSED', 7, true, (r, now) => bbTime(Math.floor((now - r.p.startedAt) / 1000))],
  time: ['TIME', 5, true, () => bbTime(0)],
  tty: ['TT', 6, false, (r) => (r.tty === '?' ? '?' : '136,0')],
  vsz: ['VSZ', 4, true, (r) => String(r.vsz)],
  rss: ['RSS', 4, true, (r) => String(r.rss)],
  stat: ['STAT', 4, false, (r) => r.p.state],
  sid: ['SID', 5, true, (r) => String(r.p.ppid === 0 ? r.p.pid : r.p.pgid)],
  nice: ['NI', 5, true, () => '0'],
};

/** busybox ps.c format_time: "%2u:%02u" minutes:seconds, then hours and days. */
function bbTime(s: number): string {
  if (s < 3600) return `${padLeft(Math.floor(s / 60), 2)}:${String(s % 60).padStart(2, '0')}`;
  const m = Math.floor(s / 60);
  if (m < 24 * 60) return `${padLeft(Math.floor(m / 60), 2)}h${String(m % 60).padStart(2, '0')}`;
  const h = Math.floor(m / 60);
  return `${padLeft(Math.floor(h / 24), 2)}d${String(h % 24).padStart(2, '0')}`;
}

// ---------- kill ----------

/** Linux x86-64 signal names by number (signal(7)), as kill -l lists them. */
const SIGNAL_TABLE = [
  '', 'HUP', 'INT', 'QUIT', 'ILL', 'TRAP', 'ABRT', 'BUS', 'FPE', 'KILL', 'USR1', 'SEGV', 'USR2', 'PIPE', 'ALRM', 'TERM',
  'STKFLT', 'CHLD', 'CONT', 'STOP', 'TSTP', 'TTIN', 'TTOU', 'URG', 'XCPU', 'XFSZ', 'VTALRM', 'PROF', 'WINCH', 'POLL', 'PWR', 'SYS',
];

function signalOf(s: string): number | undefined {
  if (/^\d+$/.test(s)) return Number(s) < SIGNAL_TABLE.length ? Number(s) : undefined;
  const up = s.toUpperCase().replace(/^SIG/, '');
  const i = SIGNAL_TABLE.indexOf(up === 'IO' ? 'POLL' : up);
  return i > 0 ? i : undefined;
}

export function killCommand(f: Flavor): Program<unknown> {
  return instantProgram((p, c) => {
    const prog = progName(c, f);
    const args = c.argv.slice(1);
    let sig = 15;
    let i = 0;
    const a0 = args[0];
    if (a0 === '-l' || a0 === '-L' || a0 === '--list' || a0 === '--table') {
      if (args[1] !== undefined) {
        const n = signalOf(args[1]);
        if (n === undefined) {
          // procps kill.c: "unknown signal name %s"; busybox kill.c: "unknown signal '%s'"
          c.err(f === 'gnu' ? `${prog}: unknown signal name ${args[1]}\n` : `${prog}: unknown signal '${args[1]}'\n`);
          return 1;
        }
        c.out(/^\d+$/.test(args[1]) ? `${SIGNAL_TABLE[n]}\n` : `${n}\n`);
        return 0;
      }
      if (f === 'busybox') {
        // libbb/u_signal_names.c print_signames: "%2u) %s\n"
        c.out(SIGNAL_TABLE.slice(1).map((n, k) => `${padLeft(k + 1, 2)}) ${n}\n`).join(''));
      } else {
        // procps local/signals.c unix_print_signals: a newline instead of a space once past column 73
        let out = '';
        let pos = 0;
        SIGNAL_TABLE.slice(1).forEach((n, k) => {
          if (k) {
            if (pos > 73) {
              out += '\n';
              pos = 0;
            } else {
              out += ' ';
              pos++;
            }
          }
          out += n;
          pos += n.length;
        });
        c.out(`${out}\n`);
      }
      return 0;
    }
    if (a0 === '-s' || a0 === '-n' || a0 === '--signal') {
      const n = signalOf(args[1] ?? '');
      if (n === undefined) return badSignal(c, f, args[1] ?? '');
      sig = n;
      i = 2;
    } else if (a0 && a0.startsWith('-') && a0 !== '--' && a0.length > 1) {
      // kill -9 / -KILL / -SIGKILL
      const n = signalOf(a0.slice(1));
      if (n === undefined) return badSignal(c, f, a0.slice(1));
      sig = n;
      i = 1;
    }
    if (args[i] === '--') i++;
    const pids = args.slice(i);
    if (!pids.length) {
      if (f === 'busybox') return busyboxUsage(c, 'kill');
      // procps kill.c print_usage(stderr)
      c.err(`\nUsage:\n ${prog} [options] <pid> [...]\n\nOptions:\n <pid> [...]            send signal to every <pid> listed\n -<signal>, -s, --signal <signal>\n                        specify the <signal> to be sent\n -q, --queue <value>    integer value to be sent with the signal\n -l, --list=[<signal>]  list all signal names, or convert one to a name\n -L, --table            list all signal names in a nice table\n\n -h, --help     display this help and exit\n -V, --version  output version information and exit\n\nFor more details see kill(1).\n`);
      return 1;
    }
    const name = parseSignal(SIGNAL_TABLE[sig]!) as SignalName | undefined;
    let status = 0;
    for (const a of pids) {
      if (!/^-?\d+$/.test(a)) {
        // procps kill.c: strtol_or_err "failed to parse argument"; busybox: "invalid number '%s'"
        c.err(f === 'gnu' ? `${prog}: failed to parse argument: '${a}'\n` : `${prog}: invalid number '${a}'\n`);
        status = 1;
        continue;
      }
      const pid = Number(a);
      const ok = sig === 0 ? p.processes().some((x) => x.pid === pid && x.state !== 'Z') : name ? p.kill(pid, name) : p.processes().some((x) => x.pid === pid);
      if (!ok) {
        // procps kill.c: error (0, errno, "(%ld)", pid); busybox kill.c: "can't kill pid %d"
        c.err(f === 'gnu' ? `${prog}: (${pid}): No such process\n` : `${prog}: can't kill pid ${pid}: No such process\n`);
        status = 1;
      }
    }
    return status;
  });
}

function badSignal(c: Ctx, f: Flavor, s: string): number {
  // procps kill.c: "unknown signal name %s"; busybox kill.c: "bad signal name '%s'"
  c.err(f === 'gnu' ? `${progName(c, f)}: unknown signal name ${s}\n` : `${progName(c, f)}: bad signal name '${s}'\n`);
  return 1;
}

