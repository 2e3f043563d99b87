// Commands that report on the system: hostname, uname, id, env, printenv, whoami, which, df.
// GNU wording from coreutils src/uname.c, id.c, env.c, df.c and the hostname and debianutils
// packages; busybox wording from coreutils/*.c, networking/hostname.c, debianutils/which.c.
import type { Program, SimpleCommand } from '../process/program';
import { optMap } from './getopt';
import { busyboxUsage, missingOperand, parseOpts, progName } from './msg';
import { lookupHost } from './resolver';
import {
  containerMountEntries, defaultMounts, distroOf, hasMountTable, hostnameOf, readGroups, readPasswd, systemOf,
  type CommandEnv, type MountEntry,
} from './system';
import {
  humanBusybox, humanGnu, instantProgram, padLeft, padRight, quoteaf, searchPath, simpleCommand, type Flavor,
} from './util';

// ---------- hostname ----------

/** hostname [-s|-f|-d|-i|-I] (Debian's hostname package / busybox networking/hostname.c). */
export function hostnameCommand(f: Flavor, env: CommandEnv): Program<unknown> {
  return instantProgram((p, c) => {
    const parsed = parseOpts(c, f, { short: f === 'gnu' ? 'sfdiIAab' : 'sfdiF:', long: { short: { key: 's', arg: 'none' }, fqdn: { key: 'f', arg: 'none' }, long: { key: 'f', arg: 'none' }, domain: { key: 'd', arg: 'none' }, 'ip-address': { key: 'i', arg: 'none' }, 'all-ip-addresses': { key: 'I', arg: 'none' } } });
    if (typeof parsed === 'number') return parsed;
    const name = hostnameOf(c.fs, c.env);
    if (parsed.args.length) {
      // setting the hostname needs CAP_SYS_ADMIN, which containers lack: sethostname(2) EPERM.
      // hostname.c: "you must be root to change the host name"; busybox: "sethostname: Operation not permitted"
      c.err(f === 'gnu' ? `${progName(c, f)}: you must be root to change the host name\n` : `${progName(c, f)}: sethostname: Operation not permitted\n`);
      return 1;
    }
    const o = optMap(parsed);
    if (o.has('I')) {
      const addrs = env.network.interfaces({ ns: p.ns, pid: p.pid }).filter((i) => !i.loopback).flatMap((i) => i.addresses.map((a) => a.ip));
      // hostname.c show_ip: each address followed by a space
      c.out(`${addrs.map((a) => `${a} `).join('')}\n`);
      return 0;
    }
    if (o.has('i')) {
      const r = lookupHost(c.fs, env.network, { ns: p.ns, pid: p.pid }, name);
      if (!r.ok) {
        // hostname.c: "%s: %s" (the name, gai_strerror); busybox: "bad address"
        c.err(f === 'gnu' ? `${progName(c, f)}: Name or service not known\n` : `${progName(c, f)}: bad address '${name}'\n`);
        return 1;
      }
      c.out(f === 'gnu' ? `${r.addresses.map((a) => `${a} `).join('')}\n` : `${r.addresses.join(' ')}\n`);
      return 0;
    }
    const short = name.split('.')[0]!;
    if (o.has('s')) c.out(`${short}\n`);
    else if (o.has('d')) c.out(`${name.includes('.') ? name.slice(name.indexOf('.') + 1) : ''}\n`);
    else c.out(`${name}\n`);
    return 0;
  });
}

// ---------- uname ----------

export function unameCommand(f: Flavor, env: CommandEnv): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, {
      short: 'asnrvmpio',
      long: { all: { key: 'a', arg: 'none' }, 'kernel-name': { key: 's', arg: 'none' }, nodename: { key: 'n', arg: 'none' }, 'kernel-release': { key: 'r', arg: 'none' }, 'kernel-version': { key: 'v', arg: 'none' }, machine: { key: 'm', arg: 'none' }, processor: { key: 'p', arg: 'none' }, 'hardware-platform': { key: 'i', arg: 'none' }, 'operating-system': { key: 'o', arg: 'none' } },
    });
    if (typeof p === 'number') return p;
    if (p.args.length) {
      if (f === 'busybox') return busyboxUsage(c, 'uname');
      // coreutils uname.c: "extra operand %s"
      return missingOperand(c, f, `extra operand ${quoteaf(p.args[0]!)}`);
    }
    const sys = systemOf(c.fs, env.system);
    const o = optMap(p);
    const all = o.has('a');
    // busybox CONFIG_UNAME_OSNAME: "GNU/Linux" by default, "Linux" in Alpine's build
    const os = f === 'busybox' && distroOf(c.fs) === 'alpine' ? 'Linux' : 'GNU/Linux';
    const fields: [string, string][] = [
      ['s', 'Linux'], ['n', hostnameOf(c.fs, c.env)], ['r', sys.kernelRelease], ['v', sys.kernelVersion], ['m', sys.machine],
      ['p', 'unknown'], ['i', 'unknown'], ['o', os],
    ];
    const want = fields.filter(([k, v]) => (all ? v !== 'unknown' : o.has(k)));
    // coreutils uname.c / busybox uname.c: no option is -s; -a leaves out unknown processor/platform
    c.out(`${(want.length ? want : [fields[0]!]).map(([, v]) => v).join(' ')}\n`);
    return 0;
  });
}

// ---------- id ----------

/** id [-u|-g|-G [-n]] [USER]: the process's credentials, or USER's from /etc/passwd and /etc/group. */
export function idCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, { short: 'ugGnr', long: { user: { key: 'u', arg: 'none' }, group: { key: 'g', arg: 'none' }, groups: { key: 'G', arg: 'none' }, name: { key: 'n', arg: 'none' }, real: { key: 'r', arg: 'none' } } });
    if (typeof p === 'number') return p;
    const passwd = readPasswd(c.fs);
    const groups = readGroups(c.fs);
    let uid = c.cred.uid;
    let gid = c.cred.gid;
    let all: number[];
    if (p.args.length) {
      const who = passwd.find((x) => x.name === p.args[0] || String(x.uid) === p.args[0]);
      if (!who) {
        // coreutils id.c: "%s: no such user" (quote); busybox: "unknown user %s"
        c.err(f === 'gnu' ? `${progName(c, f)}: ${quoteaf(p.args[0]!)}: no such user\n` : `${progName(c, f)}: unknown user ${p.args[0]}\n`);
        return 1;
      }
      uid = who.uid;
      gid = who.gid;
      // getgrouplist(3): the user's primary group, then every group listing it, in file order
      all = [gid, ...groups.filter((g) => g.members.includes(who.name) && g.gid !== gid).map((g) => g.gid)];
    } else if (f === 'gnu') {
      // coreutils id.c print_full_info / print_group_list: mgetgroups puts the gid first, then getgroups(2) less it
      all = [gid, ...c.cred.groups.filter((g) => g !== gid)];
    } else {
      // busybox id.c: getgroups(2) as the kernel keeps it (sorted), the gid only if it is among them
      all = [...c.cred.groups];
    }
    const user = passwd.find((x) => x.uid === uid);
    const gname = (g: number): string | undefined => groups.find((x) => x.gid === g)?.name;
    const o = optMap(p);
    let status = 0;
    const named = (id: number, name: string | undefined, what: 'user' | 'group'): string => {
      if (!o.has('n')) return String(id);
      if (name !== undefined) return name;
      status = 1;
      // coreutils id.c print_user/print_group: "cannot find name for user ID %s", the number printed
      // anyway; busybox id.c print_common: "unknown ID %u", nothing printed
      c.err(f === 'gnu' ? `${progName(c, f)}: cannot find name for ${what} ID ${id}\n` : `${progName(c, f)}: unknown ID ${id}\n`);
      return f === 'gnu' ? String(id) : '';
    };
    if (o.has('u')) c.out(`${named(uid, user?.name, 'user')}\n`);
    else if (o.has('g')) c.out(`${named(gid, gname(gid), 'group')}\n`);
    else if (o.has('G')) c.out(`${all.map((g) => named(g, gname(g), 'group')).join(' ')}\n`);
    else {
      const show = (id: number, name: string | undefined): string => `${id}${name !== undefined ? `(${name})` : ''}`;
      // coreutils id.c print_full_info / busybox id.c print_common: "uid=%u(%s) gid=%u(%s) groups=..."
      // (busybox leaves " groups=" out when getgroups returns none)
      const list = all.length ? ` groups=${all.map((g) => show(g, gname(g))).join(',')}` : '';
      c.out(`uid=${show(uid, user?.name)} gid=${show(gid, gname(gid))}${list}\n`);
    }
    return status;
  });
}

// ---------- env ----------

/** env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...]: print the environment or run a command in it. */
export function envCommand(f: Flavor): Program<unknown> {
  return instantProgram((p, c) => {
    const prog = progName(c, f);
    const argv = c.argv;
    let next: Record<string, string> = { ...c.env };
    let i = 1;
    for (; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '-i' || a === '-' || a === '--ignore-environment') next = {};
      else if (a === '-u' || a === '--unset') delete next[argv[++i] ?? ''];
      else if (a.startsWith('-u') && a.length > 2) delete next[a.slice(2)];
      else if (a === '--') {
        i++;
        break;
      } else if (a.startsWith('-') && a.length > 1 && !a.includes('=')) {
        return missingOperand(c, f, f === 'gnu' ? `invalid option -- '${a[1]}'` : '', 125);
      } else break;
    }
    for (; i < argv.length && argv[i]!.includes('=') && !argv[i]!.startsWith('='); i++) {
      const eq = argv[i]!.indexOf('=');
      next[argv[i]!.slice(0, eq)] = argv[i]!.slice(eq + 1);
    }
    if (i >= argv.length) {
      for (const [k, v] of Object.entries(next)) c.out(`${k}=${v}\n`);
      return 0;
    }
    const name = argv[i]!;
    const path = searchPath(c.fs, next, name)[0];
    const cmdArgv = argv.slice(i);
    const err = path ? p.exec({ path, argv: cmdArgv, env: next }) : { errno: 'ENOENT' as const, path: name };
    if (!err) return undefined;
    if (err.errno === 'ENOEXEC' && path) {
      // execvp(3): a file that is not a binary is run by /bin/sh
      const again = p.exec({ path: '/bin/sh', argv: ['sh', path, ...cmdArgv.slice(1)], env: next });
      if (!again) return undefined;
    }
    const text = err.errno === 'EACCES' ? 'Permission denied' : 'No such file or directory';
    const code = err.errno === 'EACCES' ? 126 : 127;
    // coreutils env.c: error (exit_status, errno, "%s", quote (argv[optind])); busybox env.c:
    // BB_EXECVP_or_die: "can't execute '%s'"
    c.err(f === 'gnu' ? `${prog}: ${quoteaf(name)}: ${text}\n` : `${prog}: can't execute '${name}': ${text}\n`);
    return code;
  });
}

// ---------- which ----------

/** which [-a] NAME...: debianutils' which script / busybox which.c; silent when nothing is found. */
export function whichCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, { short: 'as' });
    if (typeof p === 'number') return p;
    if (!p.args.length) return f === 'busybox' ? busyboxUsage(c, 'which') : 1;
    const all = p.opts.some(([k]) => k === 'a');
    let status = 0;
    for (const name of p.args) {
      const found = searchPath(c.fs, c.env, name, all);
      if (!found.length) status = 1;
      for (const path of found) c.out(`${path}\n`);
    }
    return status;
  });
}

// ---------- df ----------

export function dfCommand(f: Flavor, env: CommandEnv): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, { short: f === 'gnu' ? 'ahHkPTt:x:' : 'PkmhTaiB:t:', long: { 'human-readable': { key: 'h', arg: 'none' }, all: { key: 'a', arg: 'none' }, 'print-type': { key: 'T', arg: 'none' } } });
    if (typeof p === 'number') return p;
    const o = optMap(p);
    const sys = systemOf(c.fs, env.system);
    let mounts: MountEntry[] = hasMountTable(c.fs) ? containerMountEntries(c.fs, sys) : defaultMounts(sys);
    if (p.args.length) {
      // the mount holding each operand: the longest mount point that is a prefix of it
      const picked: MountEntry[] = [];
      for (const a of p.args) {
        const path = a.startsWith('/') ? a : `${c.cwd}/${a}`;
        if (!c.fs.exists(path)) {
          // coreutils df.c: "%s" quotef of the name with errno; busybox: "%s: can't find mount point"
          c.err(f === 'gnu' ? `${progName(c, f)}: ${a}: No such file or directory\n` : `${progName(c, f)}: ${a}: can't find mount point\n`);
          continue;
        }
        const m = [...mounts].sort((x, y) => y.target.length - x.target.length).find((x) => path === x.target || path.startsWith(x.target === '/' ? '/' : `${x.target}/`));
        if (m) picked.push(m);
      }
      mounts = picked;
    }
    const human = o.has('h');
    const avail = (m: MountEntry): number => m.availKb ?? Math.max(0, m.sizeKb - m.usedKb);
    const pct = (m: MountEntry): string => {
      const denom = m.usedKb + avail(m);
      if (!denom) return '-';
      // coreutils df.c: the percentage rounded up; busybox df.c: to the nearest
      return f === 'busybox' ? `${Math.floor((m.usedKb * 100 + Math.floor(denom / 2)) / denom)}%` : `${Math.ceil((m.usedKb * 100) / denom)}%`;
    };
    if (f === 'busybox') {
      // busybox df.c: "Filesystem           %-15sUsed Available %s Mounted on", rows "%-20s %9s %9s %9s %3u%% %s"
      const unit = human ? '     Size' : '1K-blocks';
      let out = `Filesystem           ${padRight(unit, 15)}Used Available Use% Mounted on\n`;
      const num = (kb: number): string => (human ? humanBusybox(kb * 1024) : String(kb));
      for (const m of mounts) {
        const dev = m.source.length > 20 ? `${m.source}\n${' '.repeat(20)}` : padRight(m.source, 20);
        out += `${dev} ${padLeft(num(m.sizeKb), 9)} ${padLeft(num(m.usedKb), 9)} ${padLeft(num(avail(m)), 9)} ${padLeft(pct(m).replace('-', '0%'), 4)} ${m.target}\n`;
      }
      c.out(out);
      return 0;
    }
    // coreutils df.c print_table: columns as wide as their widest cell (minimums from field_data)
    const num = (kb: number): string => (human ? humanGnu(kb * 1024) : String(kb));
    const rows: string[][] = [[
      'Filesystem', ...(o.has('T') ? ['Type'] : []), human ? 'Size' : '1K-blocks', 'Used', human ? 'Avail' : 'Available', 'Use%', 'Mounted on',
    ]];
    for (const m of mounts) rows.push([m.source, ...(o.has('T') ? [m.fstype] : []), num(m.sizeKb), num(m.usedKb), num(avail(m)), pct(m), m.target]);
    const mins = [14, ...(o.has('T') ? [4] : []), 5, 5, 5, 4, 0];
    const left = (i: number): boolean => i === 0 || (o.has('T') && i === 1) || i === rows[0]!.length - 1;
    const widths = rows[0]!.map((_, i) => Math.max(mins[i]!, ...rows.map((r) => r[i]!.length)));
    c.out(rows.map((r) => r.map((cell, i) => (i === r.length - 1 ? cell : left(i) ? padRight(cell, widths[i]!) : padLeft(cell, widths[i]!))).join(' ')).join('\n') + '\n');
    return 0;
  });
}

// ---------- printenv, whoami ----------

/** printenv [NAME]...: the environment, or the values of NAMEs (exit 1 when one is unset). */
export function printenvCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, { short: '0', long: { null: { key: '0', arg: 'none' } } }, 2);
    if (typeof p === 'number') return p;
    const end = p.opts.length ? '\0' : '\n';
    if (!p.args.length) {
      for (const [k, v] of Object.entries(c.env)) c.out(`${k}=${v}${end}`);
      return 0;
    }
    let status = 0;
    for (const name of p.args) {
      if (name in c.env) c.out(`${c.env[name]}${end}`);
      else status = 1;
    }
    return status;
  });
}

/** whoami: the effective user's name, from /etc/passwd. */
export function whoamiCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const uid = c.cred.uid;
    const name = readPasswd(c.fs).find((x) => x.uid === uid)?.name;
    if (!name) {
      // coreutils whoami.c: "cannot find name for user ID %lu"; busybox whoami.c xuid2uname →
      // bb_getpwuid: "unknown %s %ld" with "uid"
      c.err(f === 'gnu' ? `${progName(c, f)}: cannot find name for user ID ${uid}\n` : `${progName(c, f)}: unknown uid ${uid}\n`);
      return 1;
    }
    c.out(`${name}\n`);
    return 0;
  });
}
