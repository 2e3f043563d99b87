import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine';
import { runKubectlCaptured } from './captured';
import { withRealKubectl } from './testing/real-kubectl';

// Nothing to list: what kubectl v1.32 prints for an empty namespace in each output format (the
// table's "No resources found" goes to stderr; machine formats print an empty List or nothing).
describe('get with nothing to list, against the real kubectl v1.32', () => {
  it('prints what kubectl prints in every output format', async () => {
    const cluster = Cluster.create({ seed: 7 });
    const now = () => cluster.clock.now();
    const cases = [
      ['get', 'pods'],
      ['get', 'pods', '-o', 'name'],
      ['get', 'pods', '-o', 'wide'],
      ['get', 'pods', '-o', 'yaml'],
      ['get', 'pods', '-o', 'json'],
      ['get', 'pods', '-o', 'jsonpath={.items[*].metadata.name}'],
      ['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name'],
      ['get', 'pods', '-l', 'app=none', '-o', 'name'],
      ['get', 'pods,services', '-n', 'kube-public'],
      ['get', 'pods', '-A', '-l', 'app=none'],
    ];
    await withRealKubectl(cluster, async (kubectl) => {
      for (const argv of cases) {
        const ours = await runKubectlCaptured(cluster.api, argv, { now });
        const real = await kubectl(argv);
        expect({ argv, stdout: ours.stdout, stderr: ours.stderr, code: ours.code }).toEqual({ argv, stdout: real.stdout, stderr: real.stderr, code: real.code });
      }
    });
  }, 60_000);
});
