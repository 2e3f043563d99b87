// `kubectl rollout status` against the real kubectl v1.32 (loopback harness with watches): two
// clusters made alike live through the same virtual time, one followed by each client.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../../engine';
import { runOnTwins } from '../../testing/real-twins';

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
    const { mine, real } = await runOnTwins(args, (c) => prepare(c, history), 60_000);
    expect(mine.stderr).toBe(real.stderr);
    expect(mine.stdout).toBe(real.stdout);
    expect(mine.code).toBe(real.code);
  }, 60_000);
});
