import { describe, expect, it } from 'vitest';
import { Cluster } from './cluster';
import { ContainerRuntime } from '../runtime/container-runtime';
import type { StoredPod } from '../api/types';
import { isStatusError } from '../errors';

function cluster(): Cluster {
  return Cluster.create({ seed: 'streams', runtime: (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network }) });
}

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isStatusError(e)) return e.message;
    throw e;
  }
  throw new Error('expected a failure');
}

describe('pod port-forward', () => {
  it('opens a session to a running pod; a pod whose sandbox is gone has none', async () => {
    const c = cluster();
    const pod = (name: string, command: string[]) => c.store.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { restartPolicy: 'Never', containers: [{ name, image: 'busybox', command }] },
    });
    pod('up', ['sleep', '3600']);
    pod('done', ['true']);
    c.clock.advanceUntil(() => (c.store.get('pods', 'default', 'done') as StoredPod).status.phase === 'Succeeded', 60_000);
    c.clock.advance(5_000);
    const session = await c.api.portForward('default', 'up', 8080);
    expect(session.port).toBe(8080);
    const out = session.http({ method: 'GET', host: 'localhost:8080', path: '/', headers: [] });
    expect(out.kind === 'error' && out.message).toMatch(/^error forwarding port 8080 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace /);
    const uid = (c.store.get('pods', 'default', 'done') as StoredPod).metadata.uid;
    expect(await failure(c.api.portForward('default', 'done', 80))).toBe(`Internal error occurred: failed to find sandboxID for pod done_default(${uid})`);
    expect(await failure(c.api.portForward('default', 'nope', 80))).toBe('pods "nope" not found');
  });

  it('reaches a static pod through its mirror pod, whose uid the runtime does not know', async () => {
    const c = cluster();
    const mirror = c.store.get('pods', 'kube-system', 'etcd-minikube') as StoredPod;
    expect(mirror.metadata.annotations?.['kubernetes.io/config.mirror']).not.toBe(mirror.metadata.uid);
    const session = await c.api.portForward('kube-system', 'etcd-minikube', 2381);
    expect(session.port).toBe(2381);
  });
});
