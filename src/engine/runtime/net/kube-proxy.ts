// kube-proxy in iptables mode, as one new connection meets its rules: a Service's ClusterIP and
// port (or a node's NodePort) DNAT to one endpoint picked at random, a Service port without
// endpoints REJECTs, and a ClusterIP port the Service does not have matches no rule at all.
// pkg/proxy/iptables/proxier.go syncProxyRules, read from the store's Services and EndpointSlices
// (what kube-proxy's informers see), so nothing here needs a snapshot.
import type { StoredEndpointSlice, StoredService } from '../../api/types';
import type { ApiStore } from '../../store/store';
import type { SeededRandom } from '../../../shared/random';

type Protocol = 'TCP' | 'UDP';

/** Where kube-proxy's rules send a packet for a Service address. */
export type ServiceVerdict =
  /** DNAT to this endpoint */
  | { kind: 'backend'; ip: string; port: number; namespace: string; service: string }
  /** the Service port has no usable endpoints: `-j REJECT` (ICMP port unreachable → ECONNREFUSED) */
  | { kind: 'reject' }
  /** a ClusterIP without this port: no rule matches, the packet follows the default route and is lost */
  | { kind: 'drop' };

type ServicePort = NonNullable<NonNullable<StoredService['spec']>['ports']>[number];

/** kube-proxy's rules as lookups: what its informers would have synced, rebuilt when Services change. */
interface ServiceRules {
  stamp: number;
  /** ClusterIP → the Service (the first in list order, as a scan would find it) */
  byClusterIP: Map<string, StoredService>;
  /** the NodePort and LoadBalancer Services, in list order */
  nodePorts: StoredService[];
}

const rulesByStore = new WeakMap<ApiStore, ServiceRules>();

function rulesOf(store: ApiStore): ServiceRules {
  const stamp = store.stamp('services');
  let rules = rulesByStore.get(store);
  if (rules?.stamp === stamp) return rules;
  rules = { stamp, byClusterIP: new Map(), nodePorts: [] };
  for (const svc of store.list('services') as StoredService[]) {
    const spec = svc.spec;
    if (!spec || spec.type === 'ExternalName') continue;
    for (const ip of [spec.clusterIP, ...(spec.clusterIPs ?? [])]) if (ip && !rules.byClusterIP.has(ip)) rules.byClusterIP.set(ip, svc);
    if (spec.type === 'NodePort' || spec.type === 'LoadBalancer') rules.nodePorts.push(svc);
  }
  rulesByStore.set(store, rules);
  return rules;
}

/** The Service whose ClusterIP is `ip` (headless Services have none). */
export function serviceByClusterIP(store: ApiStore, ip: string): StoredService | undefined {
  return rulesOf(store).byClusterIP.get(ip);
}

/** A connection to ClusterIP:port; undefined when `ip` is no Service's ClusterIP. */
export function clusterIPVerdict(store: ApiStore, random: SeededRandom, ip: string, port: number, protocol: Protocol = 'TCP'): ServiceVerdict | undefined {
  const svc = serviceByClusterIP(store, ip);
  if (!svc) return undefined;
  const sp = svc.spec?.ports?.find((p) => p.port === port && (p.protocol ?? 'TCP') === protocol);
  if (!sp) return { kind: 'drop' };
  return pickEndpoint(store, random, svc, sp);
}

/**
 * A connection to a node address on `port`: a NodePort (or LoadBalancer) Service's node port is
 * DNATed on every node (KUBE-NODEPORTS); undefined when no Service owns that node port.
 */
export function nodePortVerdict(store: ApiStore, random: SeededRandom, port: number, protocol: Protocol = 'TCP'): ServiceVerdict | undefined {
  for (const svc of rulesOf(store).nodePorts) {
    const sp = svc.spec?.ports?.find((p) => p.nodePort === port && (p.protocol ?? 'TCP') === protocol);
    if (sp) return pickEndpoint(store, random, svc, sp);
  }
  return undefined;
}

/** The endpoints of one Service port: address and target port (named ports resolved per pod). */
export function serviceEndpoints(store: ApiStore, svc: StoredService, sp: ServicePort): { ip: string; port: number; ready: boolean; serving: boolean; terminating: boolean }[] {
  const ns = svc.metadata.namespace;
  const slices = store.list('endpointslices', { namespace: ns, labelSelector: `kubernetes.io/service-name=${svc.metadata.name}` }) as StoredEndpointSlice[];
  const out: { ip: string; port: number; ready: boolean; serving: boolean; terminating: boolean }[] = [];
  for (const slice of slices) {
    if (slice.addressType !== 'IPv4') continue;
    // pkg/proxy/endpointslicecache.go: a slice's port matches the Service port by name (and protocol)
    const ep = slice.ports?.find((p) => (p.name ?? '') === (sp.name ?? '') && (p.protocol ?? 'TCP') === (sp.protocol ?? 'TCP'));
    if (!ep?.port) continue;
    for (const e of slice.endpoints ?? []) {
      // discovery/v1: a nil condition means ready/serving; terminating defaults to false
      const ready = e.conditions?.ready !== false;
      const serving = e.conditions?.serving ?? ready;
      const terminating = e.conditions?.terminating === true;
      for (const ip of e.addresses) out.push({ ip, port: ep.port, ready, serving, terminating });
    }
  }
  return out;
}

function pickEndpoint(store: ApiStore, random: SeededRandom, svc: StoredService, sp: ServicePort): ServiceVerdict {
  const all = serviceEndpoints(store, svc, sp);
  // pkg/proxy/topology.go CategorizeEndpoints: ready endpoints; if none, the serving terminating ones
  let usable = all.filter((e) => e.ready);
  if (!usable.length) usable = all.filter((e) => e.serving && e.terminating);
  if (!usable.length) return { kind: 'reject' };
  // proxier.go writeServiceToEndpointRules: `-m statistic --mode random --probability 1/n` per endpoint
  const e = usable[random.int(usable.length)]!;
  return { kind: 'backend', ip: e.ip, port: e.port, namespace: svc.metadata.namespace ?? 'default', service: svc.metadata.name };
}
