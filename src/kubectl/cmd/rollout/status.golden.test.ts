// `kubectl rollout status` against the real kubectl v1.32 (loopback harness with watches): two
// clusters made alike live through the same virtual time, one followed by each client.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../engine';
import { testKubectl } from '../../testing-env';
import { withRealKubectl } from '../../testing/real-kubectl';

const deployment = (image: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'default' },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } } },
});

/** `new`: the deployment is created as the watch starts; `update`: it ran, and its image changes. */
function prepare(c: Cluster, history: 'new' | 'update'): void {
  c.store.create('deployments', deployment('nginx'));
  if (history === 'new') return;
  c.clock.advance(60_000);
  void c.api.patch('deployments', 'default', 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:alpine' }] } } } });
}

describe('kubectl rollout status matches kubectl 1.32', () => {
  it.each([
    [['rollout', 'status', 'deployment/web'], 'new'],
    [['rollout', 'status', 'deploy/web'], 'update'],
    [['rollout', 'status', 'deployment/web', '--watch=false'], 'update'],
  ] as [string[], 'new' | 'update'][])('%j (%s)', async (args, history) => {
    const theirs = Cluster.create({ seed: 1 });
    prepare(theirs, history);
    const k = testKubectl({ seed: 1 });
    prepare(k.cluster, history);
    await withRealKubectl(theirs, async (_kubectl, interrupted) => {
      const real = await interrupted(args, { until: () => true, during: () => theirs.clock.advance(60_000) });
      const mine = await k.run(args, { interruptAfterMs: 60_000 });
      expect(mine.stderr).toBe(real.stderr);
      expect(mine.stdout).toBe(real.stdout);
      expect(mine.code).toBe(real.code);
    }, { tables: true, watch: true });
  }, 60_000);
});
