// Host name resolution the way the C library does it inside a container: /etc/hosts first, then
// DNS through the nameservers, search list and ndots of /etc/resolv.conf (which the kubelet writes:
// `search default.svc.cluster.local svc.cluster.local cluster.local`, `options ndots:5`).
import type { Vfs } from '../process/types';
import { isIPv4, isIPv6, type DnsReply, type NetOrigin, type NetworkStack } from './network';

export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
  /** seconds per try (resolv.conf(5) timeout:, default 5) */
  timeout: number;
  /** tries per server (attempts:, default 2) */
  attempts: number;
}

export function readResolvConf(fs: Vfs): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1, timeout: 5, attempts: 2 };
  let text: string;
  try {
    text = fs.readFile('/etc/resolv.conf');
  } catch {
    // resolv.conf(5): without the file, the local host is the name server
    text = '';
  }
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#;].*$/, '').trim();
    const [key, ...rest] = line.split(/\s+/);
    if (key === 'nameserver' && rest[0]) conf.nameservers.push(rest[0]);
    else if (key === 'search' || key === 'domain') conf.search = rest.filter(Boolean);
    else if (key === 'options') {
      for (const o of rest) {
        const m = /^(ndots|timeout|attempts):(\d+)$/.exec(o);
        if (m) conf[m[1] as 'ndots' | 'timeout' | 'attempts'] = Number(m[2]);
      }
    }
  }
  if (!conf.nameservers.length) conf.nameservers.push('127.0.0.1');
  return conf;
}

/** /etc/hosts: the addresses listed for `name` (case-insensitive, aliases too), in file order. */
export function hostsLookup(fs: Vfs, name: string): string[] {
  let text: string;
  try {
    text = fs.readFile('/etc/hosts');
  } catch {
    return [];
  }
  const want = name.toLowerCase().replace(/\.$/, '');
  const out: string[] = [];
  for (const raw of text.split('\n')) {
    const fields = raw.replace(/#.*$/, '').trim().split(/\s+/);
    if (fields.length < 2) continue;
    if (fields.slice(1).some((h) => h.toLowerCase() === want) && !out.includes(fields[0]!)) out.push(fields[0]!);
  }
  return out;
}

/** The names a resolver tries for `name`, in order (res_search: as is first when dots >= ndots). */
export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = conf.search.map((d) => `${name}.${d}`);
  return dots >= conf.ndots ? [name, ...searched] : [...searched, name];
}

export type LookupResult =
  | { ok: true; addresses: string[]; /** the name that answered */ canonical: string }
  /** NXDOMAIN/NODATA everywhere, or SERVFAIL; `waitMs`: how long the resolver spent timing out */
  | { ok: false; error: 'NOTFOUND' | 'TIMEOUT' | 'SERVFAIL'; waitMs: number };

/**
 * getaddrinfo(3) for IPv4 (the cluster is single-stack): literals, /etc/hosts, then DNS A queries
 * through the search list. A server that never answers costs timeout × attempts seconds.
 */
export function lookupHost(fs: Vfs, net: NetworkStack, from: NetOrigin, name: string): LookupResult {
  if (isIPv4(name)) return { ok: true, addresses: [name], canonical: name };
  if (isIPv6(name)) return { ok: false, error: 'NOTFOUND', waitMs: 0 };
  const hosts = hostsLookup(fs, name).filter(isIPv4);
  if (hosts.length) return { ok: true, addresses: hosts, canonical: name };
  const conf = readResolvConf(fs);
  let waitMs = 0;
  let servfail = false;
  for (const candidate of searchCandidates(name, conf)) {
    const reply = queryServers(net, from, conf, candidate);
    if (reply.rcode === 'TIMEOUT') {
      waitMs += conf.timeout * 1000 * conf.attempts * conf.nameservers.length;
      // glibc gives up the whole search when every server timed out
      return { ok: false, error: 'TIMEOUT', waitMs };
    }
    if (reply.rcode === 'NOERROR' && reply.answers.length) return { ok: true, addresses: reply.answers, canonical: candidate };
    if (reply.rcode === 'SERVFAIL' || reply.rcode === 'REFUSED') servfail = true;
  }
  return { ok: false, error: servfail ? 'SERVFAIL' : 'NOTFOUND', waitMs };
}

/** Ask each nameserver in turn until one answers. */
export function queryServers(net: NetworkStack, from: NetOrigin, conf: ResolvConf, name: string): DnsReply | { rcode: 'TIMEOUT' } {
  for (const server of conf.nameservers) {
    const r = net.dnsQuery(from, server, name, 'A');
    if (r.rcode !== 'TIMEOUT') return r;
  }
  return { rcode: 'TIMEOUT' };
}

/** gai_strerror(3) for a failed lookup (glibc wording). */
export function gaiError(error: 'NOTFOUND' | 'TIMEOUT' | 'SERVFAIL'): string {
  // glibc resolv/gai_strerror-strs.h: EAI_NONAME, EAI_AGAIN
  return error === 'NOTFOUND' ? 'Name or service not known' : 'Temporary failure in name resolution';
}
