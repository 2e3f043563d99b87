import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../cluster/cluster';
import { ContainerRuntime } from '../../container-runtime';
import type { StoredPod } from '../../../api/types';

function cluster(): Cluster {
  return Cluster.create({ seed: 'kuard-pod', runtime: (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network }) });
}

function statuses(c: Cluster, name: string) {
  return (c.store.get('pods', 'default', name) as StoredPod).status.containerStatuses!;
}

describe('kuard in pods (seed 001)', () => {
  it('two kuard containers in one pod: the second cannot bind :8080 and crash-loops; logs -p shows why', async () => {
    const c = cluster();
    const image = 'gcr.io/kuar-demo/kuard-amd64:1';
    c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'duplicate-containers' }, spec: { containers: [{ name: 'one', image }, { name: 'two', image }] } });
    c.clock.advance(60_000);
    const [one, two] = statuses(c, 'duplicate-containers');
    expect(one!.state?.running).toBeDefined();
    expect(one!.restartCount).toBe(0);
    expect(two!.restartCount).toBeGreaterThanOrEqual(2);
    expect(two!.lastState?.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(await c.api.logs('default', 'duplicate-containers', { container: 'one' })).toMatch(/Serving on HTTP on :8080\n$/);
    const prev = await c.api.logs('default', 'duplicate-containers', { container: 'two', previous: true });
    expect(prev).toMatch(/ Serving on HTTP on :8080\n\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d listen tcp :8080: bind: address already in use\n$/);
  });

  it('args --address :8081 fixes the second container', () => {
    const c = cluster();
    const image = 'gcr.io/kuar-demo/kuard-amd64:1';
    c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'dup' }, spec: { containers: [{ name: 'one', image }, { name: 'two', image, args: ['--address', ':8081'] }] } });
    c.clock.advance(60_000);
    expect(statuses(c, 'dup').map((s) => [s.restartCount, !!s.state?.running])).toEqual([[0, true], [0, true]]);
  });
});
