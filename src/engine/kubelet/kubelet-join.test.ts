import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster/cluster';
import type { StoredNode, StoredPod } from '../api/types';
import { parseTime } from '../clock';

const TOPOLOGY = { nodes: [{ name: 'minikube', controlPlane: true }, { name: 'minikube-m02' }, { name: 'minikube-m03' }] };

describe('kubelet: workers join after the control plane', { timeout: 60_000 }, () => {
  it('leaves CoreDNS and storage-provisioner on the control-plane node, and the workers register later, one after another', () => {
    for (const seed of ['a', 'b']) {
      const c = Cluster.create({ seed, topology: TOPOLOGY });
      const pods = c.store.list('pods', { namespace: 'kube-system' }) as StoredPod[];
      const on = (prefix: string) => pods.filter((p) => p.metadata.name.startsWith(prefix)).map((p) => p.spec.nodeName);
      expect(on('coredns-')).toEqual(['minikube']);
      expect(on('storage-provisioner')).toEqual(['minikube']);
      // kube-proxy is a DaemonSet: one pod per node, each running
      expect(on('kube-proxy-').sort()).toEqual(['minikube', 'minikube-m02', 'minikube-m03']);
      expect(pods.filter((p) => p.metadata.name.startsWith('kube-proxy-')).every((p) => p.status.phase === 'Running')).toBe(true);
      const created = (name: string) => parseTime((c.store.get('nodes', undefined, name) as StoredNode).metadata.creationTimestamp)!;
      expect(created('minikube-m02') - created('minikube')).toBeGreaterThanOrEqual(30_000);
      expect(created('minikube-m03') - created('minikube-m02')).toBeGreaterThanOrEqual(30_000);
    }
  });

  it('starts a single node at once', () => {
    const c = Cluster.create({ seed: 'one', warmUpMs: 0 });
    expect(c.store.tryGet('nodes', undefined, 'minikube')).toBeDefined();
  });
});
