// Where a packet to an address ends up, kindnet-style (a flat pod network with one /24 per node,
// routed through the nodes) plus kube-proxy's rules for Service addresses:
//   127.0.0.0/8            the sender's own network namespace
//   a pod IP (any node)    that pod's network namespace
//   a node InternalIP      the node's network namespace (hostNetwork pods, NodePorts first)
//   a Service ClusterIP    kube-proxy: DNAT to an endpoint, REJECT without endpoints, else dropped
//   a free pod-CIDR or node-subnet address: nobody answers ARP → EHOSTUNREACH ("No route to host")
//   anything else          out the default route to the Internet, which the classroom does not have:
//                          the packets are dropped, so connections time out and pings are lost.
import type { StoredNode } from '../../api/types';
import type { ApiStore } from '../../store/store';
import type { SeededRandom } from '../../../shared/random';
import { ipToInt } from '../commands/network';
import { clusterIPVerdict, nodePortVerdict, type ServiceVerdict } from './kube-proxy';
import type { NetHost, NetSandbox } from './net-host';

/** A network namespace: a pod's, or (no sandbox, or a hostNetwork one) its node's. */
export interface NetNs {
  host: NetHost;
  sandbox?: NetSandbox;
}

export interface World {
  store: ApiStore;
  random: SeededRandom;
  hosts: readonly NetHost[];
}

/** The IP layer's answer: a namespace that owns the address, or why nothing does. */
export type Located =
  | { kind: 'netns'; to: NetNs }
  | { kind: 'unreachable' }
  /** dropped on the way out (no uplink), or a ClusterIP (kube-proxy only rewrites TCP/UDP) */
  | { kind: 'lost' };

/** Where a TCP connection or UDP datagram to ip:port is delivered, after kube-proxy's rewrite. */
export type Route =
  | { kind: 'deliver'; to: NetNs; ip: string; port: number }
  | { kind: 'refused' }
  | { kind: 'unreachable' }
  | { kind: 'timeout' };

interface NodeAddr {
  name: string;
  ip: string;
  podCIDR?: string;
}

/** The nodes' addresses, kept until a Node changes (every connection and probe asks). */
const nodesByStore = new WeakMap<ApiStore, { stamp: number; nodes: readonly NodeAddr[] }>();

function nodes(store: ApiStore): readonly NodeAddr[] {
  const stamp = store.stamp('nodes');
  const hit = nodesByStore.get(store);
  if (hit?.stamp === stamp) return hit.nodes;
  const list = (store.list('nodes') as StoredNode[]).map((n) => ({
    name: n.metadata.name,
    ip: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '',
    podCIDR: n.spec?.podCIDR,
  }));
  nodesByStore.set(store, { stamp, nodes: list });
  return list;
}

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const n = Number(bits);
  if (!base || !Number.isInteger(n)) return false;
  const mask = n === 0 ? 0 : (~0 << (32 - n)) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base) & mask) >>> 0);
}

/** Whether two namespaces are the same network namespace. */
export function sameNetNs(a: NetNs, b: NetNs): boolean {
  if (a.host !== b.host) return false;
  const ha = !a.sandbox || a.sandbox.hostNetwork;
  const hb = !b.sandbox || b.sandbox.hostNetwork;
  return ha && hb ? true : !ha && !hb && a.sandbox!.id === b.sandbox!.id;
}

/** The address a namespace sends from: its pod IP, or its node's InternalIP. */
export function addressOf(store: ApiStore, ns: NetNs): string {
  if (ns.sandbox && !ns.sandbox.hostNetwork) return ns.sandbox.ip;
  return nodes(store).find((n) => n.name === ns.host.nodeName)?.ip ?? '';
}

/** The IP layer: who owns `ip`, seen from `from`. */
export function locate(w: World, from: NetNs, ip: string): Located {
  if (ip.startsWith('127.')) return { kind: 'netns', to: from };
  for (const host of w.hosts) {
    const sb = host.sandboxByIP(ip);
    if (sb) return { kind: 'netns', to: { host, sandbox: sb } };
  }
  const all = nodes(w.store);
  const node = all.find((n) => n.ip === ip);
  if (node) {
    const host = w.hosts.find((h) => h.nodeName === node.name);
    return host ? { kind: 'netns', to: { host } } : { kind: 'unreachable' };
  }
  // a pod CIDR's gateway (.1) is the node itself (kindnet gives the host end of each veth that address)
  for (const n of all) {
    if (!n.podCIDR || !inCidr(ip, n.podCIDR)) continue;
    const host = w.hosts.find((h) => h.nodeName === n.name);
    if (ipToInt(ip) === ipToInt(n.podCIDR.split('/')[0]!) + 1 && host) return { kind: 'netns', to: { host } };
    return { kind: 'unreachable' };
  }
  // the nodes' own subnet (the docker network 192.168.49.0/24): nobody else on it answers ARP,
  // except its gateway (.1), the classroom machine, which drops what it would route outside
  if (all.some((n) => n.ip && inCidr(ip, `${n.ip}/24`))) return ipToInt(ip) % 256 === 1 ? { kind: 'lost' } : { kind: 'unreachable' };
  return { kind: 'lost' };
}

/** TCP or UDP to ip:port: kube-proxy's rules first (nat PREROUTING/OUTPUT), then the IP layer. */
export function route(w: World, from: NetNs, ip: string, port: number, protocol: 'TCP' | 'UDP' = 'TCP'): Route {
  const svc = clusterIPVerdict(w.store, w.random, ip, port, protocol);
  if (svc) return afterProxy(w, from, svc);
  const at = locate(w, from, ip);
  if (at.kind === 'netns' && !at.to.sandbox) {
    // KUBE-NODEPORTS matches any local address of a node
    const np = nodePortVerdict(w.store, w.random, port, protocol);
    if (np) return afterProxy(w, from, np);
  }
  if (at.kind === 'netns') return { kind: 'deliver', to: at.to, ip, port };
  return at.kind === 'unreachable' ? { kind: 'unreachable' } : { kind: 'timeout' };
}

function afterProxy(w: World, from: NetNs, v: ServiceVerdict): Route {
  if (v.kind === 'reject') return { kind: 'refused' };
  if (v.kind === 'drop') return { kind: 'timeout' };
  const at = locate(w, from, v.ip);
  if (at.kind === 'netns') return { kind: 'deliver', to: at.to, ip: v.ip, port: v.port };
  return at.kind === 'unreachable' ? { kind: 'unreachable' } : { kind: 'timeout' };
}
