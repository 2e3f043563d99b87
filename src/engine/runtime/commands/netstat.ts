// busybox netstat (networking/netstat.c, 1.37): the TCP sockets of the pod's network namespace,
// which every container of the pod shares — so `netstat -tlnp` in one container lists the ports
// its sibling containers listen on, with "-" for the owners it cannot see (another PID namespace).
// Podlab's processes keep no connections open, so only listening sockets exist; UDP and raw
// sockets and unix sockets have no entries. No -r (the routing table).
import type { ListeningSocket } from '../process/types';
import type { SimpleCommand } from '../process/program';
import { parseOpts } from './msg';
import { ctxOfSimple } from './util';

// netstat.c NETSTAT_* flags
const CONNECTED = 0x01;
const LISTENING = 0x02;
const TCP = 0x10;
const UDP = 0x20;
const RAW = 0x40;
const UNIX = 0x80;
const ALL_PROTO = TCP | UDP | RAW | UNIX;

// netstat.c ADDR_NORMAL_WIDTH and ADDR_WIDE (-W); PROGNAME_WIDTH; PROGNAME_BANNER
const ADDR_NORMAL_WIDTH = 23;
const ADDR_WIDE = 51;
const PROGNAME_WIDTH = 20;
const PROGNAME_BANNER = 'PID/Program name    ';

export const busyboxNetstat: SimpleCommand = {
  kind: 'simple',
  run(io) {
    const c = ctxOfSimple(io);
    // netstat.c NETSTAT_OPTS "laentuwx" + "W" + "p" (ROUTE's "r" is not here)
    const p = parseOpts(c, 'busybox', { short: 'laentuwxWp' });
    if (typeof p === 'number') return p;
    const has = (o: string) => p.opts.some(([k]) => k === o);
    let flags = CONNECTED | ALL_PROTO;
    if (has('l')) flags = (flags & ~CONNECTED) | LISTENING;
    if (has('a')) flags |= LISTENING | CONNECTED;
    // -n changes nothing here: no name is found for these addresses or ports either way
    const width = has('W') ? ADDR_WIDE : ADDR_NORMAL_WIDTH;
    const prg = has('p');
    const picked = (has('t') ? TCP : 0) | (has('u') ? UDP : 0) | (has('w') ? RAW : 0) | (has('x') ? UNIX : 0);
    if (picked) flags = (flags & ~ALL_PROTO) | picked;
    const which = (flags & (LISTENING | CONNECTED)) === (LISTENING | CONNECTED) ? '(servers and established)' : flags & LISTENING ? '(only servers)' : '(w/o servers)';
    const sockets = io.sockets();
    if (prg && io.cred.uid !== 0 && sockets.some((s) => s.pid !== undefined && s.uid !== io.cred.uid)) {
      // netstat.c prg_cache_load: /proc/<pid>/fd of other users' processes cannot be read
      c.err('netstat: showing only processes with your user ID\n');
    }
    let out = '';
    if (flags & (TCP | UDP | RAW)) {
      // netstat.c FMT_NET_CONN_HEADER
      out += `Active Internet connections ${which}\nProto Recv-Q Send-Q ${'Local Address'.padEnd(width)} ${'Foreign Address'.padEnd(width)} State       ${prg ? PROGNAME_BANNER : ''}\n`;
    }
    if (flags & TCP && flags & LISTENING) {
      // /proc/net/tcp before /proc/net/tcp6
      const v4 = sockets.filter((s) => !s.host.includes(':'));
      const v6 = sockets.filter((s) => s.host.includes(':'));
      for (const s of [...v4, ...v6]) out += tcpLine(s, width, prg ? progName(s, io.cred.uid) : undefined);
    }
    if (flags & UNIX) {
      out += `Active UNIX domain sockets ${which}\nProto RefCnt Flags       Type       State         I-Node ${prg ? PROGNAME_BANNER : ''}Path\n`;
    }
    c.out(out);
    return 0;
  },
};

/** netstat.c print_inet_line: FMT_NET_CONN_DATA "%s   %6lu %6lu %-*s %-*s %-12s", then the program. */
function tcpLine(s: ListeningSocket, width: number, prog: string | undefined): string {
  const v6 = s.host.includes(':');
  const any = v6 ? '::' : '0.0.0.0';
  // ip_port_str: the host (reverse lookups of these addresses find nothing), ':' and the port,
  // or '*' for port 0; busybox images have no /etc/services, so ports stay numbers without -n too
  const host = s.host === '' || s.host === '0.0.0.0' ? any : s.host;
  const local = `${host}:${s.port}`;
  const remote = `${any}:*`;
  return `tcp   ${'0'.padStart(6)} ${'0'.padStart(6)} ${local.padEnd(width)} ${remote.padEnd(width)} ${'LISTEN'.padEnd(12)}${prog === undefined ? '' : prog.slice(0, PROGNAME_WIDTH)}\n`;
}

/**
 * netstat.c dir_act and prg_cache_add: "PID/" and the basename of the owner's cmdline up to its
 * first NUL, cut to PROGNAME_WIDTH - 1 characters (safe_strncpy); "-" for a socket whose owner
 * is in another PID namespace or (not being root) another user's.
 */
function progName(s: ListeningSocket, uid: number): string {
  if (s.pid === undefined || (uid !== 0 && s.uid !== uid)) return '-';
  const arg0 = s.argv[0] ?? '';
  return `${s.pid}/${arg0.slice(arg0.lastIndexOf('/') + 1)}`.slice(0, PROGNAME_WIDTH - 1);
}
