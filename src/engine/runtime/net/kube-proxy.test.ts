import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import type { StoredPod, StoredService } from '../../api/types';
import { clusterIPVerdict, nodePortVerdict } from './kube-proxy';

function setup() {
  const c = Cluster.create({ seed: 'proxy' });
  for (const name of ['a', 'b']) {
    c.store.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'nginx', ports: [{ name: 'http', containerPort: name === 'a' ? 8080 : 9090 }] }] },
    });
  }
  c.store.create('services', {
    apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' },
    spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] },
  });
  c.store.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'empty' }, spec: { selector: { app: 'none' }, ports: [{ port: 80 }] } });
  c.clock.advance(30_000);
  const svcIP = (name: string) => (c.store.get('services', 'default', name) as StoredService).spec!.clusterIP!;
  const podIP = (name: string) => (c.store.get('pods', 'default', name) as StoredPod).status.podIP!;
  return { c, svcIP, podIP };
}

describe('kube-proxy (iptables) rules', () => {
  it('DNATs a Service port to a ready endpoint, resolving a named targetPort per pod, picking with the seeded random', () => {
    const { c, svcIP, podIP } = setup();
    const seen = new Map<string, number>();
    for (let i = 0; i < 40; i++) {
      const v = clusterIPVerdict(c.store, c.random, svcIP('web'), 80);
      if (v?.kind !== 'backend') throw new Error(`unexpected ${JSON.stringify(v)}`);
      seen.set(`${v.ip}:${v.port}`, (seen.get(`${v.ip}:${v.port}`) ?? 0) + 1);
    }
    expect([...seen.keys()].sort()).toEqual([`${podIP('a')}:8080`, `${podIP('b')}:9090`].sort());
  });

  it('rejects a Service port without endpoints, drops a port the Service lacks, ignores other addresses', () => {
    const { c, svcIP, podIP } = setup();
    expect(clusterIPVerdict(c.store, c.random, svcIP('empty'), 80)).toEqual({ kind: 'reject' });
    expect(clusterIPVerdict(c.store, c.random, svcIP('web'), 81)).toEqual({ kind: 'drop' });
    expect(clusterIPVerdict(c.store, c.random, svcIP('web'), 80, 'UDP')).toEqual({ kind: 'drop' });
    expect(clusterIPVerdict(c.store, c.random, podIP('a'), 8080)).toBeUndefined();
  });

  it('NodePorts DNAT like the ClusterIP; endpoints that stop being ready leave the rotation', () => {
    const { c, podIP } = setup();
    expect(nodePortVerdict(c.store, c.random, 30080)?.kind).toBe('backend');
    expect(nodePortVerdict(c.store, c.random, 30081)).toBeUndefined();
    // a terminating pod's endpoint is not ready (it stays in the slice, serving, until it is gone)
    c.store.delete('pods', 'default', 'b', { gracePeriodSeconds: 30 } as never);
    c.clock.advance(1_000);
    for (let i = 0; i < 10; i++) {
      const v = nodePortVerdict(c.store, c.random, 30080);
      expect(v?.kind === 'backend' && v.ip).toBe(podIP('a'));
    }
  });
});
