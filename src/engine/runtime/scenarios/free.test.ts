// busybox free in a container shows the node's memory, not the container's limit (a classic
// surprise): the limit is in /sys/fs/cgroup/memory.max.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SYSTEM } from '../commands/system';
import { NODE_SYSTEM_OVERHEAD } from '../cgroup';
import { allRunning, cluster, exec, pod } from './harness';

describe('busybox free', () => {
  it('shows the node: its total, and the daemons and containers as used; no swap', async () => {
    const c = cluster('free');
    await c.api.create('pods', pod('lim', {
      containers: [{ name: 'bb', image: 'busybox', command: ['sleep', '3600'], resources: { limits: { memory: '128Mi' } } }],
    }));
    expect(c.clock.advanceUntil(() => allRunning(c, 'lim'), 60_000)).toBe(true);
    const r = await exec(c, 'lim', 'bb', ['free']);
    expect(r.code).toBe(0);
    const [header, mem, swap] = r.out.split('\n');
    expect(header).toBe('              total        used        free      shared  buff/cache   available');
    expect(swap).toBe('Swap:             0           0           0');
    const [label, total, used, free, shared, cache, available] = mem!.split(/\s+/);
    expect(label).toBe('Mem:');
    expect(Number(total)).toBe(DEFAULT_SYSTEM.memTotalKb);
    // the node's daemons plus the cluster's containers (the control plane's among them)
    expect(Number(used)).toBeGreaterThan(NODE_SYSTEM_OVERHEAD.memoryBytes / 1024);
    expect(Number(used) + Number(free) + Number(cache)).toBe(Number(total));
    expect(Number(shared)).toBe(3072);
    expect(Number(available)).toBeGreaterThan(Number(free));
    // -m: MiB, rounded
    const m = (await exec(c, 'lim', 'bb', ['free', '-m'])).out.split('\n')[1]!.split(/\s+/);
    expect(Number(m[1])).toBe(Math.round(DEFAULT_SYSTEM.memTotalKb / 1024));
    expect((await exec(c, 'lim', 'bb', ['free', '-x'])).code).toBe(1);
  });
});
