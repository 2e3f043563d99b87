// `kubectl events` against the real kubectl v1.32 on the same events (loopback harness): the
// cluster's clock runs on to the wall clock, so the ages the real client prints are among ours.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine';
import type { KubectlEnv } from '../env';
import { runKubectl } from '../kubectl';
import { memoryFiles } from '../testing-env';
import { catchUp, renderingsBetween, wallClockCluster } from '../testing/real-clock';
import { withRealKubectl } from '../testing/real-kubectl';

/** What our `kubectl <args>` prints at virtual time `now` (the cluster standing still). */
async function ours(cluster: Cluster, args: string[], now: number): Promise<string> {
  let out = '';
  const env: KubectlEnv = {
    api: cluster.api, now: () => now, sleep: async () => {}, interrupt: { interrupted: false, onInterrupt: () => () => {} },
    stdout: (d) => void (out += d), stderr: (d) => void (out += d), tty: false, files: memoryFiles(new Map()), vars: {},
  };
  await runKubectl(args, env);
  return out;
}

describe('kubectl events matches kubectl 1.32', () => {
  it.each([
    [['events'], 'Started'],
    [['events', '--for', 'pod/bad'], 'BackOff'],
    [['events', '-A', '--types=Warning'], 'Back-off restarting failed container'],
    [['events', '--for', 'pod/web', '-o', 'yaml'], 'kind: EventList'],
    [['events', '-n', 'nowhere'], 'No events found in nowhere namespace.'],
  ])('%j', async (args, shown) => {
    const c = wallClockCluster(90_000, { bad: { exitAfterMs: 2_000, exitCode: 1 } });
    await c.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } }, { namespace: 'default' });
    await c.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bad' }, spec: { containers: [{ name: 'bad', image: 'busybox' }] } }, { namespace: 'default' });
    await withRealKubectl(c, async (kubectl) => {
      catchUp(c);
      const t0 = Date.now();
      const real = await kubectl(args);
      const t1 = Date.now();
      const mine = await renderingsBetween(t0, t1, (now) => ours(c, args, now));
      const want = real.stdout + real.stderr;
      expect(real.code).toBe(0);
      expect(want).toContain(shown);
      if (!mine.has(want)) expect([...mine][0]).toBe(want);
    });
  }, 60_000);
});
