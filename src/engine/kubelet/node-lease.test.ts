import { describe, expect, it } from 'vitest';
import type { StoredLease } from '../api/types';
import { toRFC3339Micro } from '../clock';
import { Cluster } from '../cluster/cluster';
import { NAMESPACE_NODE_LEASE } from './node-lease';
import { KubeletHarness, type HarnessSnapshot } from './test-harness';

const NODES = [
  { name: 'cp', controlPlane: true, internalIP: '192.168.49.2', podCIDR: '10.244.0.0/24' },
  { name: 'w1', internalIP: '192.168.49.3', podCIDR: '10.244.1.0/24' },
];

const leaseOf = (h: KubeletHarness, node = 'cp') => h.store.tryGet('leases', NAMESPACE_NODE_LEASE, node) as StoredLease | undefined;
const renewedAt = (h: KubeletHarness, node = 'cp') => Date.parse(leaseOf(h, node)!.spec!.renewTime!);

describe('kubelet: node lease', () => {
  it('creates kube-node-lease/<node> when it registers: held by the node, 40 s, owned by the Node', () => {
    const h = new KubeletHarness({ nodes: NODES });
    for (const { name } of NODES) {
      const lease = leaseOf(h, name)!;
      const node = h.store.get('nodes', undefined, name);
      expect(lease.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid }]);
      // acquireTime and leaseTransitions stay unset: describe node prints AcquireTime <unset>
      expect(lease.spec).toEqual({ holderIdentity: name, leaseDurationSeconds: 40, renewTime: toRFC3339Micro(h.start) });
      expect(lease.spec!.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
    }
  });

  it('renews renewTime every 10 s of virtual time, and only renewTime', () => {
    const h = new KubeletHarness({ nodes: NODES });
    const first = leaseOf(h)!;
    h.advance(9.999);
    expect(leaseOf(h)).toBe(first);
    const seen: number[] = [];
    for (let i = 0; i < 7; i++) {
      h.advance(5);
      seen.push(renewedAt(h) - h.start);
    }
    expect(seen).toEqual([10_000, 10_000, 20_000, 20_000, 30_000, 30_000, 40_000]);
    const last = leaseOf(h)!;
    expect(Number(last.metadata.resourceVersion)).toBeGreaterThan(Number(first.metadata.resourceVersion));
    expect({ ...last.spec, renewTime: '' }).toEqual({ ...first.spec, renewTime: '' });
    expect(last.metadata.uid).toBe(first.metadata.uid);
    expect(last.metadata.creationTimestamp).toBe(first.metadata.creationTimestamp);
  });

  it('keeps what someone else wrote but renews it, and puts the owner reference back', () => {
    const h = new KubeletHarness({ nodes: NODES });
    const lease = leaseOf(h)!;
    h.store.update('leases', { ...lease, metadata: { ...lease.metadata, ownerReferences: [] }, spec: { ...lease.spec, holderIdentity: 'someone', leaseDurationSeconds: 15 } });
    h.advance(10);
    const next = leaseOf(h)!;
    expect(next.spec).toMatchObject({ holderIdentity: 'someone', leaseDurationSeconds: 15, renewTime: toRFC3339Micro(h.start + 10_000) });
    expect(next.metadata.ownerReferences?.map((r) => r.name)).toEqual(['cp']);
  });

  it('creates the lease again at the next renewal after it is deleted, but not for a Node that is gone', () => {
    const h = new KubeletHarness({ nodes: NODES });
    const old = leaseOf(h)!;
    h.store.delete('leases', NAMESPACE_NODE_LEASE, 'cp');
    h.advance(10);
    expect(leaseOf(h)!.metadata.uid).not.toBe(old.metadata.uid);
    expect(renewedAt(h)).toBe(h.start + 10_000);
    h.store.delete('nodes', undefined, 'w1');
    h.store.delete('leases', NAMESPACE_NODE_LEASE, 'w1');
    h.advance(30);
    expect(leaseOf(h, 'w1')).toBeUndefined();
    expect(renewedAt(h)).toBe(h.start + 40_000);
  });

  it('retries while kube-node-lease is missing', () => {
    const h = new KubeletHarness({ nodes: NODES.slice(0, 1) });
    h.store.create('namespaces', { metadata: { name: 'default' } });
    h.store.delete('leases', NAMESPACE_NODE_LEASE, 'cp');
    h.advance(20);
    expect(leaseOf(h)).toBeUndefined();
    h.store.create('namespaces', { metadata: { name: NAMESPACE_NODE_LEASE } });
    h.advance(10);
    expect(renewedAt(h)).toBe(h.start + 30_000);
  });

  it('a restored kubelet renews on the same beat', () => {
    const a = new KubeletHarness({ nodes: NODES });
    a.advance(23.5);
    const b = new KubeletHarness({ nodes: NODES, restore: a.snapshot() });
    for (const h of [a, b]) h.advance(7);
    expect(renewedAt(b)).toBe(a.start + 30_000);
    expect(leaseOf(b)).toEqual(leaseOf(a));
  });

  it('a kubelet restored from a snapshot taken before node leases creates its lease and renews it', () => {
    const a = new KubeletHarness({ nodes: NODES });
    a.advance(25);
    const snap = withoutLeases(a.snapshot());
    const b = new KubeletHarness({ nodes: NODES, restore: snap });
    expect(renewedAt(b, 'w1')).toBe(a.start + 25_000);
    b.advance(10);
    expect(renewedAt(b, 'w1')).toBe(a.start + 35_000);
    expect(leaseOf(b, 'w1')!.metadata.ownerReferences?.[0]?.uid).toBe(b.store.get('nodes', undefined, 'w1').metadata.uid);
  });
});

describe('node lease in a whole cluster', () => {
  it('is renewed through the warm-up, so a fresh cluster shows a renewal at its start time', () => {
    const c = Cluster.create({ seed: 'lease' });
    const lease = c.store.get('leases', NAMESPACE_NODE_LEASE, 'minikube') as StoredLease;
    expect(lease.spec?.renewTime).toBe('2026-11-21T12:00:00.000000Z');
    expect(lease.metadata.creationTimestamp).toBe(c.store.get('nodes', undefined, 'minikube').metadata.creationTimestamp);
    c.clock.advance(15_000);
    expect((c.store.get('leases', NAMESPACE_NODE_LEASE, 'minikube') as StoredLease).spec?.renewTime).toBe('2026-11-21T12:00:10.000000Z');
  });

  it('is deleted with its Node by the garbage collector', () => {
    const c = Cluster.create({ seed: 'lease', warmUpMs: 0 });
    c.store.delete('nodes', undefined, 'minikube');
    c.clock.advance(30_000);
    expect(c.store.tryGet('leases', NAMESPACE_NODE_LEASE, 'minikube')).toBeUndefined();
  });
});

/** A snapshot as a kubelet without node leases left it: no Lease objects, no lease state or timer. */
function withoutLeases(snap: HarnessSnapshot): HarnessSnapshot {
  const s = structuredClone(snap);
  delete s.store.objects.leases;
  s.clock.tasks = s.clock.tasks.filter((t) => !t.target.endsWith('/lease'));
  for (const k of Object.values(s.kubelets)) delete (k as { lease?: unknown }).lease;
  return s;
}
