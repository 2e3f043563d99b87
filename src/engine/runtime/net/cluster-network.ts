// The cluster's one network: every node's runtime registers with it, and it is the NetworkStack of
// every process (nslookup, wget, curl, ping, ip) and of the kubelet's network probes. Routing and
// kube-proxy come from routing.ts, answers to DNS queries from cluster-dns.ts, connections end in
// the destination node's kernel (Kernel.serve: the program listening on that port answers).
// Its only state of its own is which host-side veth ifindex each sandbox got; the rest is derived
// from the store and the runtimes.
import type { Component, EngineContext } from '../../cluster/context';
import type { StoredNode } from '../../api/types';
import type {
  DnsReply, DnsTimeout, DnsType, HttpOutcome, HttpRequest, NetInterface, NetOrigin, NetworkStack, PingReply,
} from '../commands/network';
import type { Connection } from '../process/program';
import { corednsAnswer } from './cluster-dns';
import { nodeInterfaces, podInterfaces } from './interfaces';
import type { NetHost } from './net-host';
import { addressOf, locate, route, sameNetNs, type NetNs, type Route, type World } from './routing';

export interface ClusterNetworkState {
  /** sandbox id → the host-side veth's ifindex */
  links: Record<string, number>;
  /** node → the next free ifindex in its namespace (lo is 1, eth0 2) */
  nextIfindex: Record<string, number>;
}

/** What a bare TCP connect (a tcpSocket probe) finds. */
export type DialResult = 'connected' | 'refused' | 'unreachable' | 'timeout';

// Linux net.ipv4.ip_local_port_range default: 32768–60999
const EPHEMERAL_LOW = 32768;
const EPHEMERAL_COUNT = 60999 - 32768 + 1;
/** What an image stand-in answers a health check with (a new object each time: callers own it). */
const standInOk = (): HttpOutcome => ({ kind: 'response', response: { status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain; charset=utf-8']], body: 'ok' } });

export class ClusterNetwork implements Component {
  readonly name = 'cluster-network';
  private readonly hosts: NetHost[] = [];
  private state: ClusterNetworkState = { links: {}, nextIfindex: {} };
  /** what routing reads (the store, the random source, the hosts array, which grows in place) */
  private worldView: World | undefined;

  constructor(private readonly ctx: EngineContext) {}

  start(): void {}

  snapshot(): ClusterNetworkState {
    return structuredClone(this.state);
  }

  restore(state: unknown): void {
    this.state = structuredClone(state as ClusterNetworkState);
  }

  /** A node's runtime joins the network (once, when it is built). */
  addHost(host: NetHost): void {
    if (!this.hosts.includes(host)) this.hosts.push(host);
  }

  /** A sandbox's veth pair is created: the host end takes the node's next ifindex. */
  attachSandbox(nodeName: string, sandboxId: string): void {
    const next = this.state.nextIfindex[nodeName] ?? 3;
    this.state.links[sandboxId] = next;
    this.state.nextIfindex[nodeName] = next + 1;
  }

  detachSandbox(sandboxId: string): void {
    delete this.state.links[sandboxId];
  }

  /** The NetworkStack of the processes on one node (a process outside any pod is in the node's namespace). */
  stack(nodeName: string): NetworkStack {
    return {
      dnsQuery: (from, server, name, type) => this.dnsQuery(this.netnsOf(nodeName, from), server, name, type),
      http: (from, req) => this.http(this.netnsOf(nodeName, from), req),
      ping: (from, ip) => this.ping(this.netnsOf(nodeName, from), ip),
      interfaces: (from) => this.interfaces(this.netnsOf(nodeName, from)),
    };
  }

  /** An HTTP request from the node itself (the kubelet's httpGet probes). */
  httpFromNode(nodeName: string, req: HttpRequest): HttpOutcome {
    return this.http(this.nodeNs(nodeName), req);
  }

  /** A TCP connect from the node (tcpSocket probes): is anything listening there? */
  dialFromNode(nodeName: string, ip: string, port: number): DialResult {
    const r = route(this.world(), this.nodeNs(nodeName), ip, port);
    if (r.kind !== 'deliver') return r.kind;
    const members = this.members(r.to);
    const listens = r.to.host.kernel.listenerOf(members, r.port, r.ip) || r.to.host.standInListens(members, r.port);
    return listens ? 'connected' : 'refused';
  }

  /** An HTTP request inside a pod's own network namespace to localhost:port (port-forward). */
  httpInSandbox(nodeName: string, sandboxId: string, req: HttpRequest): HttpOutcome {
    const host = this.hostOf(nodeName);
    const sandbox = host?.netSandboxes().find((s) => s.id === sandboxId);
    if (!host || !sandbox) return { kind: 'refused' };
    return this.http({ host, sandbox }, req);
  }

  /**
   * The network as one pod sees it (the preview pane's "view as pod"): HTTP and DNS queries from
   * its network namespace, to the server in its /etc/resolv.conf (the kube-dns Service). Undefined
   * while the pod has no sandbox on any node.
   */
  fromPod(namespace: string, name: string): { http(req: HttpRequest): HttpOutcome; dns(server: string, fqdn: string, type: DnsType): DnsReply | DnsTimeout } | undefined {
    for (const host of this.hosts) {
      const sandbox = host.netSandboxes().find((s) => s.namespace === namespace && s.name === name);
      if (!sandbox) continue;
      const from: NetNs = { host, sandbox };
      return { http: (req) => this.http(from, req), dns: (server, fqdn, type) => this.dnsQuery(from, server, fqdn, type) };
    }
    return undefined;
  }

  // ---------- NetworkStack ----------

  private dnsQuery(from: NetNs, server: string, name: string, type: DnsType): DnsReply | DnsTimeout {
    const r = route(this.world(), from, server, 53, 'UDP');
    // a DNS server answers only where CoreDNS runs; anywhere else the datagram gets no reply
    if (r.kind !== 'deliver' || r.port !== 53 || !r.to.sandbox || !r.to.host.servesDns(r.to.sandbox.id)) return { rcode: 'TIMEOUT' };
    return corednsAnswer(this.ctx.store, name, type);
  }

  private http(from: NetNs, req: HttpRequest): HttpOutcome {
    const r: Route = route(this.world(), from, req.ip, req.port);
    if (r.kind !== 'deliver') return { kind: r.kind };
    const members = this.members(r.to);
    const conn: Connection = {
      localIp: r.ip,
      localPort: r.port,
      // a loopback connection comes from 127.0.0.1; otherwise from the sender's address (no SNAT in-cluster)
      remoteIp: r.ip.startsWith('127.') ? r.ip : addressOf(this.ctx.store, from),
      remotePort: EPHEMERAL_LOW + this.ctx.random.int(EPHEMERAL_COUNT),
      request: { ...req, ip: r.ip, port: r.port },
    };
    const out = r.to.host.kernel.serve(members, conn);
    if (out) return out;
    return r.to.host.standInListens(members, r.port) ? standInOk() : { kind: 'refused' };
  }

  private ping(from: NetNs, ip: string): PingReply {
    const at = locate(this.world(), from, ip);
    if (at.kind === 'unreachable') return { kind: 'unreachable' };
    if (at.kind === 'lost') return { kind: 'lost' };
    // the same namespace answers at once; a pod on the same node is one routed hop through the
    // node (TTL 63), another node's pod two (62); the nodes themselves answer with TTL 64
    const local = sameNetNs(from, at.to);
    const hops = local || !at.to.sandbox || at.to.sandbox.hostNetwork ? 0 : at.to.host === from.host ? 1 : 2;
    const base = local ? 0.03 : at.to.host === from.host ? 0.06 : 0.35;
    const rttMs = Math.round((base + this.ctx.random.next() * base) * 1000) / 1000;
    return { kind: 'reply', rttMs, ttl: 64 - hops };
  }

  private interfaces(from: NetNs): NetInterface[] {
    if (from.sandbox && !from.sandbox.hostNetwork) {
      const node = this.ctx.store.tryGet('nodes', undefined, from.host.nodeName) as StoredNode | undefined;
      const prefix = Number(node?.spec?.podCIDR?.split('/')[1] ?? 24);
      return podInterfaces(from.sandbox.ip, prefix, this.state.links[from.sandbox.id] ?? 3);
    }
    return nodeInterfaces(addressOf(this.ctx.store, from));
  }

  // ---------- namespaces ----------

  private world(): World {
    return (this.worldView ??= { store: this.ctx.store, random: this.ctx.random, hosts: this.hosts });
  }

  private hostOf(nodeName: string): NetHost | undefined {
    return this.hosts.find((h) => h.nodeName === nodeName);
  }

  private nodeNs(nodeName: string): NetNs {
    const host = this.hostOf(nodeName);
    if (!host) throw new Error(`cluster network: no runtime registered for node ${nodeName}`);
    return { host };
  }

  /** The network namespace of a process: its container's sandbox, else its node's. */
  private netnsOf(nodeName: string, from: NetOrigin): NetNs {
    const host = this.hostOf(nodeName);
    if (!host) throw new Error(`cluster network: no runtime registered for node ${nodeName}`);
    const id = host.sandboxOfContainer(from.ns);
    const sandbox = id === undefined ? undefined : host.netSandboxes().find((s) => s.id === id);
    return { host, sandbox };
  }

  /** The PID namespaces that share a network namespace (one port space). */
  private members(ns: NetNs): readonly string[] {
    return ns.host.netNamespaceMembers(ns.sandbox && !ns.sandbox.hostNetwork ? ns.sandbox.id : undefined);
  }
}
