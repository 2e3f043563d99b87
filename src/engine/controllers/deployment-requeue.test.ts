import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster/cluster';

describe('deployment controller: a rollout past its progress deadline', () => {
  it('is looked at again rate-limited, not in a tight loop (scaling coredns to 0 finishes)', async () => {
    const c = Cluster.create();
    // the bootstrap's coredns Progressing condition is older than progressDeadlineSeconds by now
    await c.api.patch('deployments', 'kube-system', 'coredns', 'merge', { spec: { replicas: 0 } });
    c.clock.advance(60_000);
    const pods = c.store.list('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' });
    expect(pods).toHaveLength(0);
    const d = c.store.get('deployments', 'kube-system', 'coredns') as { status?: { replicas?: number } };
    expect(d.status?.replicas ?? 0).toBe(0);
  });
});
