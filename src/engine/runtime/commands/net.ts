// nslookup, ping, ip and ifconfig over the NetworkStack. Formats: busybox networking/nslookup.c
// (the "big" nslookup of busybox >= 1.28: one query per search domain and type, replies printed as
// they come, exit 1 when any query failed; the libc-based one of busybox <= 1.28 for busybox:1.28),
// BIND 9.18's nslookup (dnsutils), busybox ping.c and
// iputils ping, iproute2 / busybox `ip addr`, busybox networking/interface.c and net-tools ifconfig.
import type { Proc, Program } from '../process/program';
import type { ProcEvent } from '../process/types';
import { busyboxUsage, parseOpts, progName } from './msg';
import {
  broadcastOf, intToIp, ipToInt, isIPv4, netmaskOf, type DnsReply, type NetInterface, type NetOrigin, type NetworkStack,
} from './network';
import { hostsLookup, lookupHost, queryServers, readResolvConf, searchCandidates, gaiError, type LookupResult } from './resolver';
import type { CommandEnv } from './system';
import { ctxOfProc, instantProgram, padRight, type Ctx, type Flavor } from './util';

const origin = (p: Proc<unknown>): NetOrigin => ({ ns: p.ns, pid: p.pid });

// ---------- nslookup ----------

interface NslookupState {
  /** output held until the resolver's timeout elapses */
  pending: string;
  code: number;
}

/** busybox's nslookup (flavor 'busybox') or BIND's (flavor 'gnu', package dnsutils). */
export function nslookupCommand(f: Flavor, env: CommandEnv): Program<NslookupState> {
  return {
    kind: 'program',
    start(p) {
      const c = ctxOfProc(p as Proc<unknown>);
      const args = c.argv.slice(1).filter((a) => !a.startsWith('-'));
      const type = (c.argv.slice(1).find((a) => /^-(type|query|q)=/i.test(a))?.split('=')[1] ?? 'A').toUpperCase();
      if (!args.length) {
        if (f === 'busybox') return p.exit(busyboxUsage(c, 'nslookup'));
        // BIND nslookup without a host enters interactive mode; with stdin closed it just ends
        return p.exit(0);
      }
      const conf = readResolvConf(c.fs);
      const server = args[1] ?? conf.nameservers[0]!;
      const name = args[0]!;
      const r = f === 'busybox' ? busyboxLookup(env.network, origin(p as Proc<unknown>), conf, server, name, type) : bindLookup(env.network, origin(p as Proc<unknown>), conf, server, name);
      if (r.waitMs) {
        p.state = { pending: r.out, code: r.code };
        p.setTimer(r.waitMs);
        return;
      }
      p.write(1, r.out);
      p.exit(r.code);
    },
    event(p, ev: ProcEvent) {
      if (ev.type !== 'timer') return;
      p.write(1, p.state.pending);
      p.exit(p.state.code);
    },
  };
}

interface LookupOutput {
  out: string;
  code: number;
  waitMs: number;
}

interface LibcNslookupState {
  out: string;
  err: string;
  code: number;
}

/**
 * The nslookup of busybox 1.28 and older (networking/nslookup.c without FEATURE_NSLOOKUP_BIG):
 * getaddrinfo(3) for the server and the host, each address followed by its reverse name, so the
 * search list applies as it does for any program and the first candidate that resolves wins.
 */
export function libcNslookupCommand(env: CommandEnv): Program<LibcNslookupState> {
  return {
    kind: 'program',
    start(p) {
      const c = ctxOfProc(p as Proc<unknown>);
      // nslookup_main: 1 or 2 arguments, the first not an option
      if (!c.argv[1] || c.argv[1].startsWith('-') || c.argv.length > 3) return p.exit(busyboxUsage(c, 'nslookup'));
      const from = origin(p as Proc<unknown>);
      const conf = readResolvConf(c.fs);
      // set_default_dns: an explicit server replaces resolv.conf's
      const resolver = c.argv[2] ? { ...conf, nameservers: [c.argv[2]] } : conf;
      const host = (name: string, header: string) => printHost(env.network, from, c.fs, resolver, name, header);
      const server = host(resolver.nameservers[0]!, 'Server:');
      const name = host(c.argv[1], 'Name:');
      // server_print: the server's block, then an empty line
      const out = `${server.out}\n${name.out}`;
      const waitMs = server.waitMs + name.waitMs;
      p.state = { out, err: server.err + name.err, code: name.err ? 1 : 0 };
      if (waitMs) {
        p.setTimer(waitMs);
        return;
      }
      finishLibc(p);
    },
    event(p, ev: ProcEvent) {
      if (ev.type === 'timer') finishLibc(p);
    },
  };
}

function finishLibc(p: Proc<LibcNslookupState>): void {
  p.write(1, p.state.out);
  if (p.state.err) p.write(2, p.state.err);
  p.exit(p.state.code);
}

/** nslookup.c print_host: "%-10s %s" then "Address %u: %s[ %s]" per address with its reverse name. */
function printHost(net: NetworkStack, from: NetOrigin, fs: Ctx['fs'], conf: ReturnType<typeof readResolvConf>, name: string, header: string): { out: string; err: string; waitMs: number } {
  const r = libcLookup(net, from, fs, conf, name);
  if (!r.ok) {
    // bb_error_msg("can't resolve '%s'", hostname) (VERBOSE_RESOLUTION_ERRORS is off in the image)
    return { out: '', err: `nslookup: can't resolve '${name}'\n`, waitMs: r.waitMs };
  }
  let out = `${header.padEnd(10)} ${name}\n`;
  let waitMs = 0;
  r.addresses.forEach((ip, i) => {
    // xmalloc_sockaddr2hostonly_noport: getnameinfo(NI_NAMEREQD), a PTR query through the same servers
    const ptr = queryPtr(net, from, conf, ip);
    if (ptr.rcode === 'TIMEOUT') waitMs += conf.timeout * 1000 * conf.attempts * conf.nameservers.length;
    const rev = ptr.rcode === 'NOERROR' ? ptr.answers[0] : undefined;
    out += `Address ${i + 1}: ${ip}${rev ? ` ${rev}` : ''}\n`;
  });
  return { out, err: '', waitMs };
}

/** getaddrinfo(3) with the resolver configuration nslookup set up: literals, /etc/hosts, then the search list. */
function libcLookup(net: NetworkStack, from: NetOrigin, fs: Ctx['fs'], conf: ReturnType<typeof readResolvConf>, name: string): LookupResult {
  if (isIPv4(name)) return { ok: true, addresses: [name], canonical: name };
  const hosts = hostsLookup(fs, name).filter(isIPv4);
  if (hosts.length) return { ok: true, addresses: hosts, canonical: name };
  for (const candidate of searchCandidates(name, conf)) {
    const reply = queryServers(net, from, conf, candidate);
    if (reply.rcode === 'TIMEOUT') return { ok: false, error: 'TIMEOUT', waitMs: conf.timeout * 1000 * conf.attempts * conf.nameservers.length };
    if (reply.rcode === 'NOERROR' && reply.answers.length) return { ok: true, addresses: reply.answers, canonical: candidate };
  }
  return { ok: false, error: 'NOTFOUND', waitMs: 0 };
}

function queryPtr(net: NetworkStack, from: NetOrigin, conf: ReturnType<typeof readResolvConf>, ip: string): DnsReply | { rcode: 'TIMEOUT' } {
  const name = `${ip.split('.').reverse().join('.')}.in-addr.arpa`;
  for (const server of conf.nameservers) {
    const r = net.dnsQuery(from, server, name, 'PTR');
    if (r.rcode !== 'TIMEOUT') return r;
  }
  return { rcode: 'TIMEOUT' };
}

function busyboxLookup(net: NetworkStack, from: NetOrigin, conf: ReturnType<typeof readResolvConf>, server: string, name: string, type: string): LookupOutput {
  // nslookup.c add_query_with_search: a name without a dot gets one query per search domain, A then AAAA
  const names = name.includes('.') || !conf.search.length ? [name] : conf.search.map((d) => `${name}.${d}`);
  const types = type === 'A' ? ['A', 'AAAA'] : [type];
  const queries = types.flatMap((t) => names.map((n) => ({ t, n })));
  const replies = queries.map((q) => net.dnsQuery(from, server, q.n, q.t === 'AAAA' ? 'AAAA' : q.t === 'PTR' ? 'PTR' : 'A'));
  if (replies.every((r) => r.rcode === 'TIMEOUT')) {
    // nslookup.c main: after every server timed out (G.default_timeout = 5 s)
    return { out: ';; connection timed out; no servers could be reached\n\n', code: 1, waitMs: 5000 };
  }
  // nslookup.c send_queries: on the first reply "Server:\t\t%s\nAddress:\t%s\n\n" (the address with :port)
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`;
  let code = 0;
  let unanswered = '';
  replies.forEach((r, i) => {
    const q = queries[i]!;
    if (r.rcode === 'TIMEOUT') {
      // nslookup.c: "*** Can't find %s: No answer"
      unanswered += `*** Can't find ${q.n}: No answer\n`;
      return;
    }
    if (r.rcode !== 'NOERROR') {
      // nslookup.c send_queries: "** server can't find %s: %s" with the rcode name
      out += `** server can't find ${q.n}: ${r.rcode}\n`;
      code = 1;
    } else {
      // nslookup.c parse_reply: "Non-authoritative answer:" unless AA, then "Name:\t%s\nAddress: %s"
      if (!r.authoritative) out += 'Non-authoritative answer:\n';
      for (const a of r.answers) out += q.t === 'PTR' ? `${q.n}\tname = ${a}\n` : `Name:\t${q.n}\nAddress: ${a}\n`;
    }
    out += '\n';
  });
  if (unanswered) out += `${unanswered}\n`;
  return { out, code, waitMs: unanswered ? 5000 : 0 };
}

function bindLookup(net: NetworkStack, from: NetOrigin, conf: ReturnType<typeof readResolvConf>, server: string, name: string): LookupOutput {
  const serverConf = { ...conf, nameservers: [server] };
  let answered: { name: string; reply: DnsReply } | undefined;
  let failure: string | undefined;
  for (const cand of searchCandidates(name, conf)) {
    const r = queryServers(net, from, serverConf, cand);
    if (r.rcode === 'TIMEOUT') {
      // BIND dig/nslookup: after the tries (3 × 5 s): ";; connection timed out; no servers could be reached"
      return { out: ';; connection timed out; no servers could be reached\n\n', code: 1, waitMs: 15000 };
    }
    if (r.rcode === 'NOERROR' && r.answers.length) {
      answered = { name: cand, reply: r };
      break;
    }
    if (r.rcode !== 'NOERROR') failure = r.rcode;
  }
  // bin/dig/nslookup.c: "Server:\t\t%s\nAddress:\t%s#%u\n\n"
  let out = `Server:\t\t${server}\nAddress:\t${server}#53\n\n`;
  if (!answered) {
    // bin/dig/nslookup.c trying/printmessage: "** server can't find %s: %s"
    out += `** server can't find ${name}: ${failure ?? 'NXDOMAIN'}\n\n`;
    return { out, code: 1, waitMs: 0 };
  }
  if (!answered.reply.authoritative) out += 'Non-authoritative answer:\n';
  for (const a of answered.reply.answers) out += `Name:\t${answered.name}\nAddress: ${a}\n`;
  const v6 = net.dnsQuery(from, server, answered.name, 'AAAA');
  if (v6.rcode === 'NOERROR') for (const a of v6.answers) out += `Name:\t${answered.name}\nAddress: ${a}\n`;
  return { out: `${out}\n`, code: 0, waitMs: 0 };
}

// ---------- ping ----------

interface PingState {
  host: string;
  ip: string;
  /** reverse name for iputils' "from NAME (IP)" */
  from: string;
  count: number;
  intervalMs: number;
  sent: number;
  received: number;
  errors: number;
  rtts: number[];
  startedAt: number;
}

export function pingCommand(f: Flavor, env: CommandEnv): Program<PingState> {
  return {
    kind: 'program',
    start(p) {
      const c = ctxOfProc(p as Proc<unknown>);
      const parsed = parseOpts(c, f, { short: f === 'gnu' ? '46c:i:s:t:W:w:qnO' : '46c:i:s:t:W:w:qAI:' });
      if (typeof parsed === 'number') return p.exit(f === 'gnu' ? 2 : parsed);
      const host = parsed.args[parsed.args.length - 1];
      if (!host) {
        if (f === 'busybox') return p.exit(busyboxUsage(c, 'ping'));
        // iputils ping.c usage(): "ping: usage error: Destination address required"
        p.write(2, `${progName(c, f)}: usage error: Destination address required\n`);
        return p.exit(1);
      }
      let count = Infinity;
      let intervalMs = 1000;
      for (const [k, v] of parsed.opts) {
        if (k === 'c') count = Number(v);
        if (k === 'i') intervalMs = Math.max(1, Math.round(Number(v) * 1000));
      }
      const r = lookupHost(c.fs, env.network, origin(p as Proc<unknown>), host);
      if (!r.ok) {
        // busybox libbb xhost2sockaddr: "bad address '%s'"; iputils: "%s: %s" with gai_strerror
        p.write(2, f === 'busybox' ? `${progName(c, f)}: bad address '${host}'\n` : `${progName(c, f)}: ${host}: ${gaiError(r.error)}\n`);
        return p.exit(f === 'busybox' ? 1 : 2);
      }
      const ip = r.addresses[0]!;
      let fromName = ip;
      if (f === 'gnu' && !isIPv4(host)) {
        const ptr = env.network.dnsQuery(origin(p as Proc<unknown>), readResolvConf(c.fs).nameservers[0]!, `${ip.split('.').reverse().join('.')}.in-addr.arpa`, 'PTR');
        fromName = ptr.rcode === 'NOERROR' && ptr.answers[0] ? `${ptr.answers[0]} (${ip})` : `${ip} (${ip})`;
      }
      p.state = { host, ip, from: fromName, count, intervalMs, sent: 0, received: 0, errors: 0, rtts: [], startedAt: p.now() };
      p.setSignal('INT', 'catch');
      // busybox ping.c: "PING %s (%s): %d data bytes"; iputils: "PING %s (%s) " + "%d(%d) bytes of data."
      p.write(1, f === 'busybox' ? `PING ${host} (${ip}): 56 data bytes\n` : `PING ${host} (${ip}) 56(84) bytes of data.\n`);
      sendOne(p, f, env);
    },
    event(p, ev) {
      if (ev.type === 'signal') return finish(p, f);
      if (ev.type !== 'timer') return;
      if (p.state.sent >= p.state.count) return finish(p, f);
      sendOne(p, f, env);
    },
  };
}

function sendOne(p: Proc<PingState>, f: Flavor, env: CommandEnv): void {
  const s = p.state;
  const seq = s.sent++;
  const reply = env.network.ping(origin(p as Proc<unknown>), s.ip, seq);
  if (reply.kind === 'reply') {
    s.received++;
    s.rtts.push(reply.rttMs);
    const t = reply.rttMs.toFixed(3);
    // busybox ping.c unpack_tail: "%d bytes from %s: seq=%u ttl=%d time=%u.%03u ms";
    // iputils ping_common.c: "%d bytes from %s: icmp_seq=%u ttl=%d time=%s ms"
    p.write(1, f === 'busybox' ? `64 bytes from ${s.ip}: seq=${seq} ttl=${reply.ttl} time=${t} ms\n` : `64 bytes from ${s.from}: icmp_seq=${seq + 1} ttl=${reply.ttl} time=${t} ms\n`);
  } else if (reply.kind === 'unreachable') {
    s.errors++;
    // iputils ping.c pr_icmph: "From %s icmp_seq=%u Destination Host Unreachable" (from the gateway)
    if (f === 'gnu') p.write(1, `From ${s.ip.replace(/\.\d+$/, '.1')} icmp_seq=${seq + 1} Destination Host Unreachable\n`);
  }
  p.setTimer(s.sent >= s.count ? Math.min(s.intervalMs, 1000) : s.intervalMs);
}

function finish(p: Proc<PingState>, f: Flavor): void {
  const s = p.state;
  const loss = s.sent ? Math.floor(((s.sent - s.received) * 100) / s.sent) : 0;
  const min = Math.min(...s.rtts);
  const max = Math.max(...s.rtts);
  const avg = s.rtts.reduce((a, b) => a + b, 0) / (s.rtts.length || 1);
  let out: string;
  if (f === 'busybox') {
    // busybox ping.c print_stats_and_exit
    out = `\n--- ${s.host} ping statistics ---\n${s.sent} packets transmitted, ${s.received} packets received, ${loss}% packet loss\n`;
    if (s.rtts.length) out += `round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`;
  } else {
    // iputils ping_output.c ping_print_finish: "%ld packets transmitted, %ld received[, +%ld errors], %g%% packet
    // loss, time %llums", then the rtt line (if anything came back), then a newline either way
    const elapsed = Math.max(0, (s.sent - 1) * s.intervalMs) + s.sent;
    const pct = s.sent ? Number((((s.sent - s.received) * 100) / s.sent).toPrecision(6)) : 0;
    out = `\n--- ${s.host} ping statistics ---\n${s.sent} packets transmitted, ${s.received} received${s.errors ? `, +${s.errors} errors` : ''}, ${pct}% packet loss, time ${elapsed}ms\n`;
    if (s.rtts.length) {
      const mdev = Math.sqrt(Math.max(0, s.rtts.reduce((a, b) => a + b * b, 0) / s.rtts.length - avg * avg));
      // ping_print_statistics: "rtt min/avg/max/mdev = %ld.%03ld/%lu.%03ld/%ld.%03ld/%ld.%03ld ms"
      out += `rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms`;
    }
    out += '\n';
  }
  p.write(1, out);
  p.exit(s.received ? 0 : 1);
}

// ---------- ip ----------

/** `ip a`, `ip addr [show [dev IF]]`, `ip link`, `ip route`, in iproute2's or busybox's format. */
export function ipCommand(f: Flavor, env: CommandEnv): Program<unknown> {
  return instantProgram((p, c) => {
    const args = c.argv.slice(1).filter((a) => !/^-[46]$|^-family$/.test(a));
    const obj = args[0] ?? '';
    const ifs = env.network.interfaces(origin(p));
    const devIdx = args.indexOf('dev');
    const dev = devIdx >= 0 ? args[devIdx + 1] : args.slice(1).find((a) => a !== 'show' && a !== 'list' && ifs.some((i) => i.name === a));
    const pick = dev ? ifs.filter((i) => i.name === dev) : ifs;
    if (dev && !pick.length) {
      // iproute2 ll_name_to_index failure: "Device \"%s\" does not exist."
      c.err(`Device "${dev}" does not exist.\n`);
      return 1;
    }
    if (!obj || 'help'.startsWith(obj)) return ipUsage(c, f);
    if ('address'.startsWith(obj) || obj === 'addr') {
      c.out(pick.map((i) => linkLines(i, f) + addrLines(i)).join(''));
      return 0;
    }
    if ('link'.startsWith(obj)) {
      c.out(pick.map((i) => linkLines(i, f)).join(''));
      return 0;
    }
    if ('route'.startsWith(obj)) {
      let out = '';
      for (const i of ifs) {
        if (i.loopback) continue;
        for (const a of i.addresses) {
          const mask = a.prefix === 0 ? 0 : (~0 << (32 - a.prefix)) >>> 0;
          const net = (ipToInt(a.ip) & mask) >>> 0;
          // the pod's gateway: the first address of its subnet (the bridge / CNI gateway)
          if (!out) out += `default via ${intToIp(net + 1)} dev ${i.name} \n`;
          // iproute2 iproute.c print_route: "... proto kernel scope link src %s "; busybox: "scope link  src %s "
          out += f === 'gnu'
            ? `${intToIp(net)}/${a.prefix} dev ${i.name} proto kernel scope link src ${a.ip} \n`
            : `${intToIp(net)}/${a.prefix} dev ${i.name} scope link  src ${a.ip} \n`;
        }
      }
      c.out(out);
      return 0;
    }
    // iproute2 ip.c: "Object \"%s\" is unknown, try \"ip help\"."
    c.err(f === 'gnu' ? `Object "${obj}" is unknown, try "ip help".\n` : `ip: unknown command '${obj}'\n`);
    return f === 'gnu' ? 255 : 1;
  });
}

function ipUsage(c: Ctx, f: Flavor): number {
  if (f === 'busybox') return busyboxUsage(c, 'ip');
  // iproute2 ip/ip.c usage()
  c.err('Usage: ip [ OPTIONS ] OBJECT { COMMAND | help }\n       ip [ -force ] -batch filename\nwhere  OBJECT := { address | addrlabel | amt | fou | help | ila | ioam | l2tp | link |\n                   macsec | maddress | monitor | mptcp | mroute | mrule |\n                   neighbor | neighbour | netconf | netns | nexthop | ntable |\n                   ntbl | route | rule | sr | tap | tcpmetrics |\n                   token | tunnel | tuntap | vrf | xfrm }\n       OPTIONS := { -V[ersion] | -s[tatistics] | -d[etails] | -r[esolve] |\n                    -h[uman-readable] | -iec | -j[son] | -p[retty] |\n                    -f[amily] { inet | inet6 | mpls | bridge | link } |\n                    -4 | -6 | -M | -B | -0 |\n                    -l[oops] { maximum-addr-flush-attempts } | -br[ief] |\n                    -o[neline] | -t[imestamp] | -ts[hort] | -b[atch] [filename] |\n                    -rc[vbuf] [size] | -n[etns] name | -N[umeric] | -a[ll] |\n                    -c[olor]}\n');
  return 255;
}

/** iproute2 ipaddress.c print_linkinfo / busybox ipaddress.c print_linkinfo. */
function linkLines(i: NetInterface, f: Flavor): string {
  const name = i.peerIndex !== undefined ? `${i.name}@if${i.peerIndex}` : i.name;
  const flags = i.loopback ? 'LOOPBACK,UP,LOWER_UP' : `BROADCAST,MULTICAST,UP,LOWER_UP${f === 'busybox' && i.peerIndex !== undefined ? ',M-DOWN' : ''}`;
  const state = i.loopback ? 'UNKNOWN' : 'UP';
  const qlen = i.loopback ? 'qlen 1000' : '';
  const head = f === 'gnu'
    ? `${i.index}: ${name}: <${flags}> mtu ${i.mtu} qdisc noqueue state ${state} group default ${qlen}`
    : `${i.index}: ${name}: <${flags}> mtu ${i.mtu} qdisc noqueue state ${state} ${qlen}`;
  const link = i.loopback
    ? `    link/loopback ${i.mac} brd 00:00:00:00:00:00`
    : `    link/ether ${i.mac} brd ff:ff:ff:ff:ff:ff${f === 'gnu' && i.peerIndex !== undefined ? ' link-netnsid 0' : ''}`;
  return `${head}\n${link}\n`;
}

function addrLines(i: NetInterface): string {
  return i.addresses.map((a) => {
    // print_addrinfo: "    inet %s/%d [brd %s ]scope %s %s" then "       valid_lft forever preferred_lft forever"
    const brd = i.loopback ? '' : `brd ${broadcastOf(a)} `;
    return `    inet ${a.ip}/${a.prefix} ${brd}scope ${i.loopback ? 'host' : 'global'} ${i.name}\n       valid_lft forever preferred_lft forever\n`;
  }).join('');
}

// ---------- ifconfig ----------

export function ifconfigCommand(f: Flavor, env: CommandEnv): Program<unknown> {
  return instantProgram((p, c) => {
    const all = env.network.interfaces(origin(p));
    const name = c.argv.slice(1).find((a) => !a.startsWith('-'));
    let ifs: NetInterface[];
    if (name) {
      ifs = all.filter((i) => i.name === name);
      if (!ifs.length) {
        // net-tools ifconfig: "%s: error fetching interface information: Device not found";
        // busybox interface.c: "%s: error fetching interface information: Device not found"
        c.err(`${name}: error fetching interface information: Device not found\n`);
        return 1;
      }
    } else {
      // busybox reads /proc/net/dev (eth0 before lo in a pod); net-tools sorts by name too
      ifs = [...all].sort((a, b) => (a.name < b.name ? -1 : 1));
    }
    c.out(ifs.map((i) => (f === 'busybox' ? busyboxIfconfig(i) : netToolsIfconfig(i))).join(''));
    return 0;
  });
}

function scaled(bytes: number, units: string[], base: number): string {
  let v = bytes;
  let frac = 0;
  let u = 0;
  while (v >= base && u < units.length - 1) {
    frac = Math.floor(((v % base) * 10) / base);
    v = Math.floor(v / base);
    u++;
  }
  return `${v}.${frac} ${units[u]}`;
}

/** busybox networking/interface.c ife_print. */
function busyboxIfconfig(i: NetInterface): string {
  const st = i.stats ?? { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 };
  const a = i.addresses[0];
  let out = `${padRight(i.name, 9)} Link encap:${i.loopback ? 'Local Loopback' : 'Ethernet'}  ${i.loopback ? '' : `HWaddr ${i.mac.toUpperCase()}  `}\n`;
  if (a) out += `          inet addr:${a.ip}  ${i.loopback ? '' : `Bcast:${broadcastOf(a)}  `}Mask:${netmaskOf(a.prefix)}\n`;
  out += `          ${i.loopback ? 'UP LOOPBACK RUNNING ' : 'UP BROADCAST RUNNING MULTICAST '} MTU:${i.mtu}  Metric:1\n`;
  out += `          RX packets:${st.rxPackets} errors:0 dropped:0 overruns:0 frame:0\n`;
  out += `          TX packets:${st.txPackets} errors:0 dropped:0 overruns:0 carrier:0\n`;
  out += `          collisions:0 txqueuelen:${i.loopback ? 1000 : 0} \n`;
  // print_bytes_scaled: "X bytes:%llu (%llu.%u %sB)" in KiB/MiB/GiB
  const b = (n: number): string => `${n} (${scaled(n, ['B', 'KiB', 'MiB', 'GiB', 'TiB'], 1024)})`;
  out += `          RX bytes:${b(st.rxBytes)}  TX bytes:${b(st.txBytes)}\n\n`;
  return out;
}

/** net-tools lib/interface.c ife_print_long (the ifconfig of Debian's net-tools package). */
function netToolsIfconfig(i: NetInterface): string {
  const st = i.stats ?? { rxPackets: 0, rxBytes: 0, txPackets: 0, txBytes: 0 };
  const a = i.addresses[0];
  const flags = i.loopback ? '73<UP,LOOPBACK,RUNNING>' : '4163<UP,BROADCAST,RUNNING,MULTICAST>';
  let out = `${i.name}: flags=${flags}  mtu ${i.mtu}\n`;
  if (a) out += `        inet ${a.ip}  netmask ${netmaskOf(a.prefix)}${i.loopback ? '' : `  broadcast ${broadcastOf(a)}`}\n`;
  out += i.loopback ? '        loop  txqueuelen 1000  (Local Loopback)\n' : `        ether ${i.mac}  txqueuelen 0  (Ethernet)\n`;
  const b = (n: number): string => `${n} (${scaled(n, ['B', 'KB', 'MB', 'GB', 'TB'], 1000)})`;
  out += `        RX packets ${st.rxPackets}  bytes ${b(st.rxBytes)}\n        RX errors 0  dropped 0  overruns 0  frame 0\n`;
  out += `        TX packets ${st.txPackets}  bytes ${b(st.txBytes)}\n        TX errors 0  dropped 0 overruns 0  carrier 0  collisions 0\n\n`;
  return out;
}
