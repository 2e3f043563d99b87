// Golden tests against the real kubectl v1.32 (loopback harness): the real `kubectl debug` adds
// an ephemeral container to a Podlab pod exactly as Podlab's does, and `describe pod` prints the
// Ephemeral Containers section the same way for a running and a terminated debug container.
import { describe as suite, expect, it } from 'vitest';
import type { Cluster, StoredPod } from '../../engine/index';
import { lookupResource } from '../../engine/index';
import { withRealKubectl, type RealKubectl } from '../testing/real-kubectl';
import { catchUp, renderingsBetween, wallClockCluster } from '../testing/real-clock';
import { describe } from '../describe';
import { testKubectl } from '../testing-env';

async function expectSameDescribe(cluster: Cluster, kubectl: RealKubectl, name: string): Promise<string> {
  catchUp(cluster);
  const t0 = Date.now();
  const real = await kubectl(['describe', 'pod', name]);
  const t1 = Date.now();
  expect(real.stderr).toBe('');
  const ours = await renderingsBetween(t0, t1, (now) => describe(cluster.api, lookupResource('pods')!, 'default', name, { showEvents: true, now }));
  if (!ours.has(real.stdout)) expect([...ours][0]).toBe(real.stdout);
  return real.stdout;
}

const podOf = (c: Cluster, name: string) => c.store.get('pods', 'default', name) as StoredPod;

suite('kubectl debug and describe match kubectl 1.32', () => {
  it('the real kubectl debug makes the same ephemeral container as Podlab\'s', async () => {
    const c = wallClockCluster(60_000, { forever: {} });
    await c.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    c.clock.advance(30_000);
    await withRealKubectl(c, async (kubectl) => {
      const real = await kubectl(['debug', 'web', '--image=busybox:1.36', '-c', 'forever', '--target=app', '--profile=general', '-i', '-t', '--attach=false', '--', 'sh']);
      expect(real.stderr).toBe('');
      expect(real.stdout).toBe('Targeting container "app". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n');
      // the defaults: a generated name, and the legacy profile's warning
      const plain = await kubectl(['debug', 'web', '--image=busybox:1.36']);
      expect(plain.stdout).toMatch(/^Defaulting debug container name to debugger-[a-z0-9]{5}\.\n$/);
      expect(plain.stderr).toBe('--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n');
    });
    const byReal = podOf(c, 'web').spec.ephemeralContainers?.slice(0, 1);
    // the same command through Podlab's kubectl, on a fresh cluster
    const k = testKubectl({ seed: 1 });
    await k.cluster.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    k.cluster.clock.advance(30_000);
    const ours = await k.run(['debug', 'web', '--image=busybox:1.36', '-c', 'forever', '--target=app', '--profile=general', '-i', '-t', '--attach=false', '--', 'sh']);
    expect(ours.stderr).toBe('');
    expect((k.cluster.store.get('pods', 'default', 'web') as StoredPod).spec.ephemeralContainers).toEqual(byReal);
  }, 60_000);

  it('describe pod: a running and a terminated ephemeral container', async () => {
    const c = wallClockCluster(120_000, { shell: {}, probe: { exitAfterMs: 2_000, exitCode: 0 } });
    await c.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'app', image: 'nginx' }] } });
    c.clock.advance(30_000);
    const add = (ec: Record<string, unknown>) =>
      c.api.patch('pods', 'default', 'web', 'strategic', { spec: { ephemeralContainers: [ec] } }, { subresource: 'ephemeralcontainers' });
    await add({ name: 'shell', image: 'busybox:1.36', stdin: true, tty: true, targetContainerName: 'app', terminationMessagePolicy: 'File' });
    c.clock.advance(30_000);
    await add({ name: 'probe', image: 'busybox:1.36', command: ['sh', '-c', 'nslookup kubernetes'], terminationMessagePolicy: 'File' });
    c.clock.advance(30_000);
    const s = podOf(c, 'web').status;
    expect(s.ephemeralContainerStatuses?.map((e) => `${e.name} ${Object.keys(e.state ?? {})[0]}`)).toEqual(['probe terminated', 'shell running']);
    await withRealKubectl(c, async (kubectl) => {
      const out = await expectSameDescribe(c, kubectl, 'web');
      expect(out).toMatch(/Ephemeral Containers:\n {2}probe:[\s\S]*Reason:\s+Completed[\s\S]* {2}shell:[\s\S]*State:\s+Running/);
    });
  }, 60_000);
});
