// A container reads its own limits where Linux puts them: /sys/fs/cgroup (cgroup v2, mounted
// read-only), with the values the kubelet asks runc for.
import { describe, expect, it } from 'vitest';
import { allRunning, cluster, exec, pod, runtimeOf } from './harness';

const READ = ['sh', '-c', 'cat /sys/fs/cgroup/memory.max /sys/fs/cgroup/cpu.max /sys/fs/cgroup/cpu.weight'];

describe('/sys/fs/cgroup in a container', () => {
  it('shows memory.max, cpu.max and cpu.weight from the resources, read-only; gone with the container', async () => {
    const c = cluster('cgroup-files');
    await c.api.create('pods', pod('lim', {
      containers: [
        { name: 'bb', image: 'busybox', command: ['sleep', '3600'], resources: { requests: { cpu: '250m' }, limits: { memory: '128Mi', cpu: '500m' } } },
        { name: 'free', image: 'busybox', command: ['sleep', '3600'] },
        { name: 'tiny', image: 'busybox', command: ['sleep', '3600'], resources: { limits: { cpu: '5m', memory: '64Mi' } } },
      ],
    }));
    expect(c.clock.advanceUntil(() => allRunning(c, 'lim'), 60_000)).toBe(true);
    // MilliCPUToQuota 500m → 50000 µs per 100000; shares 256 → weight 1 + 254·9999/262142 = 10
    expect(await exec(c, 'lim', 'bb', READ)).toEqual({ out: '134217728\n50000 100000\n10\n', code: 0 });
    expect(await exec(c, 'lim', 'free', READ)).toEqual({ out: 'max\nmax 100000\n1\n', code: 0 });
    // MinQuotaPeriod: 5m would be 500 µs, raised to 1000; the request defaults to the limit (shares 5)
    expect(await exec(c, 'lim', 'tiny', READ)).toEqual({ out: '67108864\n1000 100000\n1\n', code: 0 });
    expect(await exec(c, 'lim', 'bb', ['sh', '-c', 'echo 1 > /sys/fs/cgroup/memory.max'])).toEqual({
      out: "sh: can't create /sys/fs/cgroup/memory.max: Read-only file system\n", code: 2,
    });
    const uid = c.store.get('pods', 'default', 'lim').metadata.uid;
    const node = runtimeOf(c, 'lim').nodeFs;
    expect(node.readdir(`/sys/fs/cgroup/kubepods/burstable/pod${uid}`)).toHaveLength(3);
    await c.api.delete('pods', 'default', 'lim', { gracePeriodSeconds: 0 });
    c.clock.advance(10_000);
    expect(node.exists(`/sys/fs/cgroup/kubepods/burstable/pod${uid}`)).toBe(false);
  });
});
