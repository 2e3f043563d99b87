import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import type { Kernel } from '../process/kernel';
import type { NetHost, NetSandbox } from './net-host';
import { addressOf, inCidr, locate, route, sameNetNs, type NetNs, type World } from './routing';

/** A node's runtime reduced to its sandboxes: routing never touches the kernel. */
function host(nodeName: string, sandboxes: NetSandbox[]): NetHost {
  return {
    nodeName, kernel: undefined as unknown as Kernel, netSandboxes: () => sandboxes, sandboxOfContainer: () => undefined,
    sandboxByIP: (ip) => sandboxes.find((s) => !s.hostNetwork && s.ip === ip),
    netNamespaceMembers: () => [], standInListens: () => false, servesDns: () => false,
  };
}

function world(): { w: World; a: NetNs; b: NetNs; nodeB: NetHost } {
  const c = Cluster.create({ seed: 'route', topology: { nodes: [{ name: 'n1', controlPlane: true }, { name: 'n2' }] } });
  const sb = (id: string, ip: string, hostNetwork = false): NetSandbox => ({ id, ip, namespace: 'default', name: id, hostNetwork });
  const nodeA = host('n1', [sb('a', '10.244.0.7'), sb('hn', '192.168.49.2', true)]);
  const nodeB = host('n2', [sb('b', '10.244.1.9')]);
  const w: World = { store: c.store, random: c.random, hosts: [nodeA, nodeB] };
  return { w, a: { host: nodeA, sandbox: nodeA.netSandboxes()[0] }, b: { host: nodeB, sandbox: nodeB.netSandboxes()[0] }, nodeB };
}

describe('routing', () => {
  it('matches CIDRs', () => {
    expect(inCidr('10.244.1.9', '10.244.1.0/24')).toBe(true);
    expect(inCidr('10.244.2.9', '10.244.1.0/24')).toBe(false);
    expect(inCidr('10.100.0.1', '10.96.0.0/12')).toBe(true);
  });

  it('finds pods on any node, the nodes themselves, and their pod gateways', () => {
    const { w, a, b, nodeB } = world();
    const at = (ip: string) => locate(w, a, ip);
    expect(at('127.0.0.1')).toEqual({ kind: 'netns', to: a });
    const other = at('10.244.1.9');
    expect(other.kind === 'netns' && sameNetNs(other.to, b)).toBe(true);
    const node2 = at('192.168.49.3');
    expect(node2.kind === 'netns' && node2.to.host === nodeB && !node2.to.sandbox).toBe(true);
    const gw = at('10.244.1.1');
    expect(gw.kind === 'netns' && gw.to.host === nodeB && !gw.to.sandbox).toBe(true);
    expect(addressOf(w.store, { host: nodeB })).toBe('192.168.49.3');
    expect(addressOf(w.store, a)).toBe('10.244.0.7');
  });

  it('no pod at a pod-CIDR or node-subnet address: unreachable; the outside world: lost', () => {
    const { w, a } = world();
    expect(locate(w, a, '10.244.1.200')).toEqual({ kind: 'unreachable' });
    expect(locate(w, a, '192.168.49.77')).toEqual({ kind: 'unreachable' });
    expect(locate(w, a, '192.168.49.1')).toEqual({ kind: 'lost' });
    expect(locate(w, a, '8.8.8.8')).toEqual({ kind: 'lost' });
    expect(route(w, a, '8.8.8.8', 443)).toEqual({ kind: 'timeout' });
    expect(route(w, a, '10.244.1.200', 80)).toEqual({ kind: 'unreachable' });
    // an unallocated ClusterIP is no Service: routed out and lost
    expect(route(w, a, '10.96.200.200', 80)).toEqual({ kind: 'timeout' });
  });

  it('a hostNetwork sandbox shares its node\'s namespace', () => {
    const { w, a } = world();
    const hn: NetNs = { host: a.host, sandbox: a.host.netSandboxes()[1] };
    expect(sameNetNs(hn, { host: a.host })).toBe(true);
    expect(sameNetNs(hn, a)).toBe(false);
    expect(addressOf(w.store, hn)).toBe('192.168.49.2');
  });
});
