// CPU from the run queue: a process that keeps yielding the CPU (Proc.yieldCpu: a busy shell
// loop) runs flat out, one core of demand, until it blocks; the cgroup caps it at limits.cpu and
// metrics (kubectl top) see it. A loop that sleeps uses next to nothing.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import type { StoredPod } from '../../api/types';
import { Quantity } from '../../../shared/quantity';
import { ContainerRuntime } from '../container-runtime';
import { Sandbox } from './sandbox';

function sandbox(): { sb: Sandbox; changes: number[] } {
  const sb = new Sandbox({ sh: 'ash' });
  const changes: number[] = [];
  const listener = { processExited: () => undefined, usageChanged: (_ns: string, pid: number) => void changes.push(pid) };
  sb.kernel.setListener(listener);
  return { sb, changes };
}

describe('a busy process in the kernel', () => {
  it('a loop that never blocks runs flat out (one core, state R); one that sleeps does not', () => {
    const { sb, changes } = sandbox();
    const busy = sb.sh('while :; do :; done');
    const idle = sb.sh('while true; do sleep 1; done');
    sb.advance(5_000);
    expect(sb.kernel.process(sb.ns, busy.pid)).toMatchObject({ state: 'R', cpu: 1000 });
    expect(sb.kernel.process(sb.ns, idle.pid)).toMatchObject({ state: 'S', cpu: 0 });
    expect(sb.kernel.usage(sb.ns).cpu).toBe(1000);
    // told once when it started running flat out, not once per slice
    expect(changes.filter((p) => p === busy.pid)).toHaveLength(1);
    expect(changes).not.toContain(idle.pid);
  });

  it('stops counting when the loop blocks, and when it is killed', () => {
    const { sb, changes } = sandbox();
    // spins for a while (i counts to 20000), then waits on a child
    const run = sb.sh('i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done; sleep 100; echo done');
    sb.advance(100);
    expect(sb.kernel.process(sb.ns, run.pid)!.cpu).toBe(1000);
    sb.advance(60_000);
    const info = sb.kernel.process(sb.ns, run.pid)!;
    expect(info).toMatchObject({ state: 'S', cpu: 0 });
    expect(changes.filter((p) => p === run.pid)).toHaveLength(2);
    const spinner = sb.sh('while :; do :; done');
    sb.advance(50);
    expect(sb.kernel.usage(sb.ns).cpu).toBe(1000);
    sb.kernel.kill(sb.ns, spinner.pid, 'TERM');
    expect(sb.kernel.process(sb.ns, spinner.pid)).toBeUndefined();
    expect(sb.kernel.usage(sb.ns).cpu).toBe(0);
    expect(changes.filter((p) => p === spinner.pid)).toHaveLength(2);
  });

  it('yields to the engine every slice: virtual time passes and other processes run', () => {
    const { sb } = sandbox();
    sb.sh('while :; do :; done');
    const ticker = sb.sh('while true; do date; sleep 1; done');
    const t0 = sb.clock.now();
    sb.advance(10_000);
    expect(sb.clock.now() - t0).toBe(10_000);
    // the ticker kept its one line a second beside the busy loop
    expect(ticker.out.split('\n').length - 1).toBe(11);
    // one timer per slice: the busy loop is always the one pending slice
    expect(sb.clock.pending()).toBe(2);
  }, 30_000);

  it('a snapshot taken mid-spin restores a process still running flat out', () => {
    const { sb } = sandbox();
    const busy = sb.sh('while :; do :; done');
    sb.advance(1_000);
    const restored = Sandbox.restore(sb.snapshot(), { sh: 'ash' });
    expect(restored.kernel.process(restored.ns, busy.pid)).toMatchObject({ state: 'R', cpu: 1000 });
    restored.advance(1_000);
    expect(restored.kernel.process(restored.ns, busy.pid)).toMatchObject({ state: 'R', cpu: 1000 });
  });
});

interface PodMetrics {
  containers: { name: string; usage: { cpu: string } }[];
}

describe('CPU of busy shell loops in metrics (kubectl top pod)', () => {
  function cluster(): Cluster {
    return Cluster.create({ seed: 'cpu-accounting', runtime: (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network }) });
  }

  function loop(c: Cluster, name: string, script: string, limits?: Record<string, string>): void {
    c.store.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name },
      spec: { containers: [{ name, image: 'busybox', command: ['sh', '-c', script], ...(limits ? { resources: { limits } } : {}) }] },
    });
  }

  async function cpuMillis(c: Cluster, name: string): Promise<number> {
    const m = (await c.api.get('pods.metrics.k8s.io', 'default', name)) as unknown as PodMetrics;
    return Quantity.parse(m.containers[0]!.usage.cpu).milliValue();
  }

  // Two minutes: metrics-server scrapes every 60 s and rates CPU between two scrapes. The busy
  // loops start just before the first scrape (each slice of a busy loop is real work for the engine).
  it('a busy loop uses a core, or its limit; a sleeping loop next to nothing', async () => {
    const c = cluster();
    loop(c, 'spin', 'sleep 50; while true; do :; done');
    loop(c, 'capped', 'sleep 50; while true; do :; done', { cpu: '300m' });
    loop(c, 'idle', 'while true; do sleep 1; done');
    c.clock.advance(120_000);
    expect((c.store.get('pods', 'default', 'spin') as StoredPod).status.phase).toBe('Running');
    expect(await cpuMillis(c, 'spin')).toBe(1000);
    expect(await cpuMillis(c, 'capped')).toBe(300);
    expect(await cpuMillis(c, 'idle')).toBeLessThanOrEqual(1);
  }, 120_000);
});
