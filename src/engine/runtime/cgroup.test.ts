import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster/cluster';
import { ContainerRuntime, type ContainerRuntimeOptions } from './container-runtime';
import type { StoredEvent, StoredPod } from '../api/types';
import type { StreamIO } from './cri';
import { chooseOomVictim, chargeCpu, limitsOf, oomScoreAdj, throttledCpu, type CpuAccount } from './cgroup';

const MiB = 1024 * 1024;

function cluster(opts: ContainerRuntimeOptions = {}): Cluster {
  return Cluster.create({ seed: 'cgroup', runtime: (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network, ...opts }) });
}

function pod(name: string, command: string[], resources?: Record<string, unknown>) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name, image: 'busybox', command, ...(resources ? { resources } : {}) }] } };
}

function status(c: Cluster, name: string) {
  return (c.store.get('pods', 'default', name) as StoredPod).status.containerStatuses![0]!;
}

function systemOoms(c: Cluster): string[] {
  return (c.store.list('events', { namespace: 'default' }) as StoredEvent[]).filter((e) => e.reason === 'SystemOOM').map((e) => `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.message}`);
}

async function exec(c: Cluster, name: string, command: string[]): Promise<{ code?: number }> {
  const r: { code?: number } = {};
  const io: StreamIO = { output: () => undefined, close: (code) => void (r.code = code) };
  await c.api.exec('default', name, { container: name, command }, io);
  return r;
}

describe('memory cgroup through a cluster', () => {
  it('PID 1 crossing limits.memory is OOMKilled (137), restarted, then backs off', () => {
    const c = cluster();
    c.store.create('pods', pod('hog', ['tail', '/dev/zero'], { limits: { memory: '250Mi' } }));
    c.clock.advance(8_000);
    const first = status(c, 'hog');
    expect(first.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(first.restartCount).toBeGreaterThanOrEqual(1);
    c.clock.advance(60_000);
    const later = status(c, 'hog');
    expect(later.restartCount).toBeGreaterThan(first.restartCount);
    expect(later.lastState?.terminated?.reason).toBe('OOMKilled');
    expect(systemOoms(c)[0]).toMatch(/^Node\/minikube: System OOM encountered, victim process: tail, pid: \d+$/);
  });

  it('an exec\'d hog takes the whole container down (memory.oom.group, the v1.32 default on cgroup v2)', async () => {
    const c = cluster();
    c.store.create('pods', pod('app', ['sleep', '3600'], { limits: { memory: '200Mi' } }));
    c.clock.advance(8_000);
    expect(status(c, 'app').state?.running).toBeDefined();
    const r = await exec(c, 'app', ['tail', '/dev/zero']);
    c.clock.advance(5_000);
    expect(r.code).toBe(137);
    const s = status(c, 'app');
    expect(s.restartCount).toBe(1);
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
  });

  it('with singleProcessOOMKill only the hog dies and PID 1 keeps running', async () => {
    const c = cluster({ singleProcessOOMKill: true });
    c.store.create('pods', pod('app', ['sleep', '3600'], { limits: { memory: '200Mi' } }));
    c.clock.advance(8_000);
    const r = await exec(c, 'app', ['tail', '/dev/zero']);
    c.clock.advance(5_000);
    expect(r.code).toBe(137);
    const s = status(c, 'app');
    expect(s.restartCount).toBe(0);
    expect(s.state?.running).toBeDefined();
    expect(systemOoms(c)).toHaveLength(1);
  });

  it('without a limit a hog grows until the node runs out of memory', async () => {
    const c = cluster();
    c.store.create('pods', pod('free', ['sleep', '3600']));
    c.clock.advance(8_000);
    const r = await exec(c, 'free', ['tail', '/dev/zero']);
    c.clock.advance(1_000); // ~1 GiB: fine on a 3912Mi node
    expect(r.code).toBeUndefined();
    expect(status(c, 'free').restartCount).toBe(0);
    c.clock.advance(10_000);
    expect(r.code).toBe(137);
    const s = status(c, 'free');
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(systemOoms(c)).toHaveLength(1);
  });

  it('a snapshot taken mid-growth continues to the same OOM kill', () => {
    const c = cluster();
    c.store.create('pods', pod('hog', ['tail', '/dev/zero'], { limits: { memory: '1Gi' } }));
    c.clock.advance(5_500);
    const copy = Cluster.restore(c.snapshot(), { runtime: (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network }) });
    c.clock.advance(20_000);
    copy.clock.advance(20_000);
    expect(status(copy, 'hog')).toEqual(status(c, 'hog'));
    expect(status(c, 'hog').lastState?.terminated?.reason).toBe('OOMKilled');
  });
});

describe('cgroup rules', () => {
  it('reads limits; zero or missing is unlimited', () => {
    expect(limitsOf({ name: 'a', resources: { limits: { memory: '256M', cpu: '500m' } } })).toEqual({ memoryBytes: 256_000_000, cpuMillis: 500 });
    expect(limitsOf({ name: 'a', resources: { limits: { cpu: '0' } } })).toEqual({ memoryBytes: undefined, cpuMillis: undefined });
  });

  it('CPU is throttled at the limit and requests cap nothing', () => {
    expect(throttledCpu(1000, { cpuMillis: 250 })).toBe(250);
    expect(throttledCpu(80, { cpuMillis: 250 })).toBe(80);
    expect(throttledCpu(1500, {})).toBe(1500);
    const acc: CpuAccount = { coreNanos: 0, at: 0, rateMillis: 250 };
    chargeCpu(acc, 2_000, 1000); // 2 s at a quarter core
    expect(acc.coreNanos).toBe(0.5e9);
    chargeCpu(acc, 3_000, 0); // 1 s at a full core
    expect(acc.coreNanos).toBe(1.5e9);
  });

  it('oom_score_adj follows the pod QoS class', () => {
    const mk = (resources: Record<string, unknown>) => ({ spec: { containers: [{ name: 'a', resources }] }, status: {} }) as unknown as StoredPod;
    const node = 4000 * MiB;
    expect(oomScoreAdj(mk({}), { name: 'a' }, node)).toBe(1000);
    const g = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
    expect(oomScoreAdj(mk(g), { name: 'a', resources: g }, node)).toBe(-997);
    const b = { requests: { memory: `${1000}Mi` } };
    expect(oomScoreAdj(mk(b), { name: 'a', resources: b }, node)).toBe(750);
    const tiny = { requests: { memory: '1' } };
    expect(oomScoreAdj(mk(tiny), { name: 'a', resources: tiny }, node)).toBe(999);
  });

  it('the OOM killer picks the most points, first on a tie, never -1000', () => {
    const c = (ref: string, workingSet: number, adj = 0) => ({ ref, pid: 1, workingSet, adj });
    expect(chooseOomVictim([c('a', 10), c('b', 30), c('c', 30)], 100)?.ref).toBe('b');
    expect(chooseOomVictim([c('big', 90, -997), c('small', 10, 1000)], 100)?.ref).toBe('small');
    expect(chooseOomVictim([c('immune', 90, -1000)], 100)).toBeUndefined();
  });
});
