import { describe, expect, it } from 'vitest';
import { Cluster, ContainerRuntime } from '../engine';
import { runKubectlCaptured } from './captured';
import { resolveTypes } from './resource/builder';
import { withRealKubectl } from './testing/real-kubectl';

// `kubectl get all`: the category "all" expands to what discovery lists in it (pods, services,
// deployments, replicasets here), one table per type with kind/name names.
describe('get all, against the real kubectl v1.32', () => {
  it('expands the category in discovery order, in every form', async () => {
    const cluster = Cluster.create({ seed: 3, runtime: (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network }) });
    const now = () => cluster.clock.now();
    await runKubectlCaptured(cluster.api, ['run', 'web', '--image=nginx'], { now });
    await runKubectlCaptured(cluster.api, ['create', 'deployment', 'd', '--image=nginx'], { now });
    cluster.clock.advance(30_000);
    const cases = [['get', 'all'], ['get', 'all', '-A'], ['get', 'all', '-o', 'name'], ['get', 'all', '-n', 'kube-public'], ['get', 'all,nodes'], ['get', 'all', '-o', 'wide'], ['get', 'all', '-l', 'app=d']];
    await withRealKubectl(cluster, async (kubectl) => {
      for (const argv of cases) {
        const ours = await runKubectlCaptured(cluster.api, argv, { now });
        const real = await kubectl(argv);
        expect({ argv, stdout: ours.stdout, stderr: ours.stderr, code: ours.code }).toEqual({ argv, stdout: real.stdout, stderr: real.stderr, code: real.code });
      }
    }, { tables: true });
  }, 60_000);

  it('an unknown name is still an unknown resource type', () => {
    expect(resolveTypes('all').map((r) => r.resource)).toEqual(['pods', 'services', 'deployments', 'replicasets']);
    expect(() => resolveTypes('pods,nope')).toThrow('the server doesn\'t have a resource type "nope"');
  });
});
