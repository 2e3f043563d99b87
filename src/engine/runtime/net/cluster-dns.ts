// What CoreDNS answers, from the store (its informers' view): the Kubernetes DNS-based service
// discovery spec (kubernetes/dns docs/specification.md) as the CoreDNS kubernetes plugin serves
// it, with minikube's Corefile (`pods insecure`, `fallthrough in-addr.arpa ip6.arpa`, a hosts
// block for host.minikube.internal, `forward . /etc/resolv.conf`).
//
// Upstream: the classroom has no uplink, so every query CoreDNS forwards (names outside its zones,
// reverse lookups of unknown addresses) fails in the forward plugin, and CoreDNS answers SERVFAIL
// (plugin/forward: no upstream answered → the errors plugin's SERVFAIL). Clients see a server
// that answers, but cannot resolve the name: "** server can't find x: SERVFAIL".
import type { StoredConfigMap, StoredService } from '../../api/types';
import type { ApiStore } from '../../store/store';
import type { DnsReply, DnsType } from '../commands/network';
import { isIPv4 } from '../commands/network';

/** The parts of the Corefile that change answers. */
export interface CorefileView {
  /** the kubernetes plugin's forward zones (`cluster.local`) */
  zones: string[];
  /** hosts plugin entries: name → IPv4 addresses */
  hosts: Map<string, string[]>;
}

const DEFAULT_ZONE = 'cluster.local';

/** Reads coredns' ConfigMap in kube-system; minikube's defaults when it is missing. */
export function readCorefile(store: ApiStore): CorefileView {
  const text = (store.tryGet('configmaps', 'kube-system', 'coredns') as StoredConfigMap | undefined)?.data?.Corefile ?? '';
  const zones: string[] = [];
  const hosts = new Map<string, string[]>();
  let inHosts = false;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const words = line.split(/\s+/);
    if (inHosts) {
      if (line.startsWith('}')) inHosts = false;
      else if (isIPv4(words[0] ?? '')) for (const name of words.slice(1)) hosts.set(name.toLowerCase(), [...(hosts.get(name.toLowerCase()) ?? []), words[0]!]);
      continue;
    }
    if (words[0] === 'kubernetes') zones.push(...words.slice(1).filter((w) => w !== '{' && !w.endsWith('.arpa')));
    if (words[0] === 'hosts' && line.endsWith('{')) inHosts = true;
  }
  return { zones: zones.length ? zones : [DEFAULT_ZONE], hosts };
}

const nxdomain = (authoritative = true): DnsReply => ({ rcode: 'NXDOMAIN', answers: [], authoritative });
const nodata = (): DnsReply => ({ rcode: 'NOERROR', answers: [], authoritative: true });
// the forward plugin could not reach any upstream (offline classroom)
const servfail = (): DnsReply => ({ rcode: 'SERVFAIL', answers: [] });

/** One query as CoreDNS answers it. `name` is absolute without the trailing dot. */
export function corednsAnswer(store: ApiStore, name: string, type: DnsType): DnsReply {
  const qname = name.toLowerCase().replace(/\.$/, '');
  const conf = readCorefile(store);
  if (type === 'PTR') return reverse(store, conf, qname);
  // plugin.cfg orders hosts before kubernetes; hosts is authoritative for its names
  const hosted = conf.hosts.get(qname);
  if (hosted) return { rcode: 'NOERROR', answers: type === 'A' ? hosted : [], authoritative: true };
  const zone = conf.zones.find((z) => qname === z || qname.endsWith(`.${z}`));
  if (!zone) return servfail();
  const records = zoneRecords(store, qname === zone ? [] : qname.slice(0, -(zone.length + 1)).split('.').reverse());
  if (records === undefined) return nxdomain();
  // IPv4-only cluster: a name that exists has no AAAA records (NODATA)
  return type === 'A' ? { rcode: 'NOERROR', answers: records, authoritative: true } : nodata();
}

/**
 * The A records of a name inside the zone, labels from the zone outwards (`web.default.svc` →
 * ['svc', 'default', 'web']); [] for a name that exists without records, undefined for NXDOMAIN.
 */
function zoneRecords(store: ApiStore, labels: string[]): string[] | undefined {
  const [kind, ns, second, first, ...extra] = labels;
  // the zone apex, and the `svc` / `pod` subtrees: names that exist (empty non-terminals)
  if (kind === undefined) return [];
  if (kind !== 'svc' && kind !== 'pod') return undefined;
  if (ns === undefined) return [];
  if (!store.tryGet('namespaces', undefined, ns)) return undefined;
  if (second === undefined) return [];
  if (extra.length) return undefined;
  if (kind === 'pod') {
    // plugin/kubernetes `pods insecure`: <a-b-c-d>.<ns>.pod.<zone> is that address, unchecked
    if (first !== undefined) return undefined;
    const ip = second.replace(/-/g, '.');
    return isIPv4(ip) ? [ip] : undefined;
  }
  const svc = store.tryGet('services', ns, second) as StoredService | undefined;
  if (!svc) return undefined;
  if (first !== undefined) {
    // spec 2.4.1 / plugin/kubernetes endpointHostname: <hostname or a-b-c-d>.<svc>.<ns>.svc.<zone>
    const ips = readyEndpoints(store, svc).filter((e) => e.name === first).map((e) => e.ip);
    return ips.length ? ips : undefined;
  }
  // ExternalName is a CNAME to a name outside the cluster: offline, it never resolves to an address
  if (svc.spec?.type === 'ExternalName') return [];
  if (svc.spec?.clusterIP && svc.spec.clusterIP !== 'None') return [svc.spec.clusterIP];
  // spec 2.4.1: a headless Service's name has one A record per ready endpoint; none is NXDOMAIN
  const ips = [...new Set(readyEndpoints(store, svc).map((e) => e.ip))];
  return ips.length ? ips : undefined;
}

/** The Service's ready endpoint addresses with their DNS labels (hostname, else the dashed IP). */
function readyEndpoints(store: ApiStore, svc: StoredService): { ip: string; name: string }[] {
  const slices = store.list('endpointslices', { namespace: svc.metadata.namespace, labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` });
  const out: { ip: string; name: string }[] = [];
  for (const s of slices as { addressType?: string; endpoints?: { addresses: string[]; hostname?: string; conditions?: { ready?: boolean } }[] }[]) {
    if (s.addressType !== 'IPv4') continue;
    for (const e of s.endpoints ?? []) {
      if (e.conditions?.ready === false && !svc.spec?.publishNotReadyAddresses) continue;
      for (const ip of e.addresses) out.push({ ip, name: e.hostname ?? ip.replace(/\./g, '-') });
    }
  }
  return out;
}

/** PTR: Service ClusterIPs and endpoint addresses (spec 2.3.4 / 2.4.4), hosts entries, else forward. */
function reverse(store: ApiStore, conf: CorefileView, qname: string): DnsReply {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\.in-addr\.arpa$/.exec(qname);
  if (!m) return qname.endsWith('.arpa') ? servfail() : nxdomain();
  const ip = `${m[4]}.${m[3]}.${m[2]}.${m[1]}`;
  const zone = conf.zones[0]!;
  for (const [host, ips] of conf.hosts) if (ips.includes(ip)) return { rcode: 'NOERROR', answers: [host], authoritative: true };
  const services = store.list('services') as StoredService[];
  const byIP = services.find((s) => s.spec?.clusterIP === ip);
  if (byIP) return { rcode: 'NOERROR', answers: [`${byIP.metadata.name}.${byIP.metadata.namespace}.svc.${zone}`], authoritative: true };
  for (const svc of services) {
    const e = readyEndpoints(store, svc).find((x) => x.ip === ip);
    if (e) return { rcode: 'NOERROR', answers: [`${e.name}.${svc.metadata.name}.${svc.metadata.namespace}.svc.${zone}`], authoritative: true };
  }
  // `fallthrough in-addr.arpa`: the forward plugin gets it, and no upstream answers
  return servfail();
}
