// The contract between the network commands (nslookup, wget, curl, ping, ip, ifconfig, hostname -I)
// and the cluster network, which another part of the runtime implements: pod network namespaces,
// Services, cluster DNS, HTTP servers that are simulated processes. Commands only format what the
// stack says, each in its own words; name resolution (/etc/hosts, /etc/resolv.conf search lists,
// ndots) happens in the command, as libc does it, through single DNS queries.

/** Who is asking: the PID namespace (container) and pid; the stack maps it to a pod network namespace. */
export interface NetOrigin {
  ns: string;
  pid: number;
}

export type DnsType = 'A' | 'AAAA' | 'PTR';

/** What the DNS server at `server` answered. */
export interface DnsReply {
  rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED';
  /** IP addresses (A/AAAA) or names (PTR); empty with NOERROR is NODATA */
  answers: string[];
  /** AA flag; CoreDNS is authoritative for cluster.local */
  authoritative?: boolean;
}

/** No reply at all (no server at that address, or packets dropped): the client times out. */
export interface DnsTimeout {
  rcode: 'TIMEOUT';
}

export interface HttpRequest {
  method: string;
  /** what the client connects to */
  ip: string;
  port: number;
  /** the Host header (`localhost:8080`, `web`, `10.96.0.12`) */
  host: string;
  /** request target: `/`, `/healthy?x=1` */
  path: string;
  headers: [string, string][];
  body?: string;
}

export interface HttpResponse {
  /** HTTP/1.1 unless the server says otherwise */
  version?: string;
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
}

/**
 * How one HTTP exchange went. `timeout`: the connection attempt gets no answer (dropped SYNs), so
 * the client gives up on its own clock. `closed`: the server accepted and closed without a reply.
 */
export type HttpOutcome =
  | { kind: 'response'; response: HttpResponse; /** virtual ms the exchange took (default 1) */ ms?: number }
  | { kind: 'refused' }
  | { kind: 'unreachable' }
  | { kind: 'timeout' }
  | { kind: 'reset' }
  | { kind: 'closed' };

/** Message topic of an HTTP outcome the stack posts later: `{ tag, outcome }` (see NetworkStack.http). */
export const NET_TOPIC = 'net:http';

export interface NetMessage {
  tag: number;
  outcome: HttpOutcome;
}

/** One ICMP echo. */
export type PingReply =
  | { kind: 'reply'; rttMs: number; ttl: number }
  | { kind: 'lost' }
  | { kind: 'unreachable' };

export interface NetAddress {
  ip: string;
  prefix: number;
}

/** A network interface of the caller's network namespace (`lo`, `eth0`). */
export interface NetInterface {
  name: string;
  /** ifindex (1 for lo) */
  index: number;
  /** the host-side veth's ifindex (`eth0@if7`) */
  peerIndex?: number;
  /** `0a:58:0a:f4:00:05` */
  mac: string;
  mtu: number;
  loopback: boolean;
  addresses: NetAddress[];
  stats?: { rxPackets: number; rxBytes: number; txPackets: number; txBytes: number };
}

/** The cluster network as seen from one process. */
export interface NetworkStack {
  /** One DNS query of `type` for the absolute `name` (no trailing dot), sent to `server`:53. */
  dnsQuery(from: NetOrigin, server: string, name: string, type: DnsType): DnsReply | DnsTimeout;
  /**
   * One HTTP request over a new TCP connection to req.ip:req.port. Returns the outcome at once, or
   * undefined when a simulated server will answer later: the stack then calls
   * kernel.post(from.ns, from.pid, NET_TOPIC, { tag, outcome } satisfies NetMessage).
   */
  http(from: NetOrigin, req: HttpRequest, tag: number): HttpOutcome | undefined;
  /** One echo request to `ip` (sequence number `seq`). */
  ping(from: NetOrigin, ip: string, seq: number): PingReply;
  /** The interfaces of the caller's network namespace, lo first. */
  interfaces(from: NetOrigin): NetInterface[];
}

const LOOPBACK: NetInterface = {
  name: 'lo', index: 1, mac: '00:00:00:00:00:00', mtu: 65536, loopback: true, addresses: [{ ip: '127.0.0.1', prefix: 8 }],
};

/** No network wired yet: only loopback, where nothing listens; DNS servers never answer. */
export const NO_NETWORK: NetworkStack = {
  dnsQuery: () => ({ rcode: 'TIMEOUT' }),
  http: (_from, req) => (req.ip.startsWith('127.') ? { kind: 'refused' } : { kind: 'unreachable' }),
  ping: (_from, ip) => (ip.startsWith('127.') ? { kind: 'reply', rttMs: 0.04, ttl: 64 } : { kind: 'unreachable' }),
  interfaces: () => [LOOPBACK],
};

// ---------- addresses ----------

export function isIPv4(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return !!m && m.slice(1).every((x) => Number(x) <= 255);
}

export function isIPv6(s: string): boolean {
  return /^[0-9a-fA-F:]+$/.test(s) && s.includes(':');
}

/** `10.244.0.5/24` → `10.244.0.255`. */
export function broadcastOf(a: NetAddress): string {
  const n = ipToInt(a.ip);
  const mask = a.prefix === 0 ? 0 : (~0 << (32 - a.prefix)) >>> 0;
  return intToIp((n | (~mask >>> 0)) >>> 0);
}

/** `/24` → `255.255.255.0`. */
export function netmaskOf(prefix: number): string {
  return intToIp(prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0);
}

export function ipToInt(ip: string): number {
  return ip.split('.').reduce((n, o) => ((n << 8) | Number(o)) >>> 0, 0);
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}
