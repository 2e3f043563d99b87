import { describe, expect, it } from 'vitest';
import { Cluster, type ClusterOptions } from '../cluster/cluster';
import { ContainerRuntime } from '../runtime/container-runtime';
import type { KubeObject, StoredPod } from '../api/types';
import { StatusError } from '../errors';
import { lookupResource } from '../api/resources';
import { Quantity } from '../../shared/quantity';
import { podUsage, storePod, type MetricsPoint } from './storage';
import { NODE_SYSTEM_OVERHEAD } from '../runtime/cgroup';

const runtime: ClusterOptions['runtime'] = (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network });

function cluster(): Cluster {
  return Cluster.create({ seed: 'metrics', runtime });
}

interface PodMetrics {
  metadata: { name: string; namespace: string; labels: Record<string, string> };
  timestamp: string;
  window: string;
  containers: { name: string; usage: { cpu: string; memory: string } }[];
}

async function notFound(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof StatusError) return `${e.status.reason}: ${e.status.message}`;
    throw e;
  }
  return 'no error';
}

function bytes(q: string): number {
  return Quantity.parse(q).value();
}

function kuard(c: Cluster, name: string, resources?: Record<string, unknown>) {
  c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'kuard' } }, spec: { containers: [{ name: 'kuard', image: 'gcr.io/kuar-demo/kuard-amd64:1', ...(resources ? { resources } : {}) }] } });
}

function containerId(c: Cluster, name: string): string {
  return (c.store.get('pods', 'default', name) as StoredPod).status.containerStatuses![0]!.containerID!.replace('containerd://', '');
}

describe('metrics.k8s.io through the KubeApi', () => {
  it('a warm cluster has node and system pod metrics, figures like an idle minikube', async () => {
    const c = cluster();
    const nodes = await c.api.list('nodes.metrics.k8s.io');
    expect(nodes.kind).toBe('NodeMetricsList');
    const node = nodes.items[0] as unknown as { metadata: { name: string }; window: string; usage: { cpu: string; memory: string } };
    expect(node.metadata.name).toBe('minikube');
    expect(node.window).toBe('1m0s');
    const mem = bytes(node.usage.memory);
    expect(mem).toBeGreaterThan(NODE_SYSTEM_OVERHEAD.memoryBytes + 300 * 1024 * 1024);
    expect(mem).toBeLessThan(1024 * 1024 * 1024);
    const cpuMillis = Quantity.parse(node.usage.cpu).milliValue();
    expect(cpuMillis).toBeGreaterThan(NODE_SYSTEM_OVERHEAD.cpuMillis);
    expect(cpuMillis).toBeLessThan(300);
    const sys = (await c.api.list('pods.metrics.k8s.io', { namespace: 'kube-system' })).items as unknown as PodMetrics[];
    const apiserver = sys.find((p) => p.metadata.name.startsWith('kube-apiserver'))!;
    expect(bytes(apiserver.containers[0]!.usage.memory)).toBe(262 * 1024 * 1024);
    expect(apiserver.containers[0]!.usage.cpu).toBe('38m');
  });

  it('a new pod has no metrics until a scrape sees it at least 10 s old; then its working set', async () => {
    const c = cluster();
    kuard(c, 'kuard');
    c.clock.advance(5_000);
    expect(await notFound(c.api.get('pods.metrics.k8s.io', 'default', 'kuard'))).toBe('NotFound: podmetrics.metrics.k8s.io "default/kuard" not found');
    expect((await c.api.list('pods.metrics.k8s.io', { namespace: 'default' })).items).toEqual([]);
    c.clock.advance(120_000);
    const m = (await c.api.get('pods.metrics.k8s.io', 'default', 'kuard')) as unknown as PodMetrics;
    expect(m.metadata).toMatchObject({ name: 'kuard', namespace: 'default', labels: { app: 'kuard' } });
    expect(m.window).toBe('1m0s');
    expect(m.containers).toEqual([{ name: 'kuard', usage: { cpu: '1m', memory: '9120Ki' } }]);
    expect((await c.api.list('pods.metrics.k8s.io', { namespace: 'default', labelSelector: 'app=other' })).items).toEqual([]);
  });

  it('allocating in kuard shows up on the next scrape; crossing the limit restarts it and memory drops', async () => {
    const c = cluster();
    kuard(c, 'kuard', { limits: { memory: '256M' } });
    c.clock.advance(90_000);
    const rt = c.runtimes.get('minikube') as ContainerRuntime;
    const serve = (path: string) => rt.kernel.serve([containerId(c, 'kuard')], {
      localIp: '10.244.0.5', localPort: 8080, remoteIp: '127.0.0.1', remotePort: 4000, request: { method: 'GET', ip: '127.0.0.1', port: 8080, host: 'localhost:8080', path, headers: [] },
    });
    expect(serve(`/-/mem/alloc?size=${100 * 1024 * 1024}`)).toMatchObject({ kind: 'response', response: { status: 200 } });
    c.clock.advance(60_000);
    const mem = async () => bytes(((await c.api.get('pods.metrics.k8s.io', 'default', 'kuard')) as unknown as PodMetrics).containers[0]!.usage.memory);
    expect(await mem()).toBe(9120 * 1024 + 100 * 1024 * 1024);
    // the seed's "Allocate 500 MiB": the connection drops, the container is OOMKilled and restarts
    expect(serve(`/-/mem/alloc?size=${500 * 1024 * 1024}`)).toEqual({ kind: 'closed' });
    c.clock.advance(5_000);
    const s = (c.store.get('pods', 'default', 'kuard') as StoredPod).status.containerStatuses![0]!;
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 137, reason: 'OOMKilled' });
    expect(s.restartCount).toBe(1);
    c.clock.advance(120_000);
    expect(await mem()).toBe(9120 * 1024);
  });

  it('CPU demand is throttled at limits.cpu; requests do not cap it', async () => {
    const c = cluster();
    kuard(c, 'capped', { requests: { cpu: '100m' }, limits: { cpu: '250m' } });
    kuard(c, 'free', { requests: { cpu: '100m' } });
    c.clock.advance(30_000);
    const rt = c.runtimes.get('minikube') as ContainerRuntime;
    for (const name of ['capped', 'free']) {
      // a busy loop in the container: PID 1 demands a whole core
      rt.kernel.sysUsage(rt.kernel.record(containerId(c, name), 1)!, 9120 * 1024, 1000);
    }
    c.clock.advance(120_000);
    const cpu = async (name: string) => ((await c.api.get('pods.metrics.k8s.io', 'default', name)) as unknown as PodMetrics).containers[0]!.usage.cpu;
    expect(await cpu('capped')).toBe('250m');
    expect(await cpu('free')).toBe('1');
    expect(rt.containerStats(containerId(c, 'capped'))!.cpuUsageMillis).toBe(250);
  });

  it('discovery lists PodMetrics and NodeMetrics; they are read-only; a snapshot keeps them', async () => {
    const c = cluster();
    const found = c.api.resources().filter((r) => r.group === 'metrics.k8s.io').map((r) => `${r.resource} ${r.version} ${r.namespaced} ${r.kind}`);
    expect(found).toEqual(['nodes v1beta1 false NodeMetrics', 'pods v1beta1 true PodMetrics']);
    expect(lookupResource('pods')?.kind).toBe('Pod');
    expect(lookupResource('podmetrics')?.kind).toBe('PodMetrics');
    expect(lookupResource('nodes.metrics.k8s.io')?.kind).toBe('NodeMetrics');
    expect(await notFound(c.api.delete('pods.metrics.k8s.io', 'kube-system', 'etcd-minikube'))).toBe('MethodNotAllowed: the server does not allow this method on the requested resource');
    expect(await notFound(c.api.get('nodes.metrics.k8s.io', undefined, 'nope'))).toBe('NotFound: nodemetrics.metrics.k8s.io "nope" not found');
    kuard(c, 'kuard');
    c.clock.advance(30_000);
    const copy = Cluster.restore(c.snapshot(), { runtime });
    c.clock.advance(180_000);
    copy.clock.advance(180_000);
    const all = async (x: Cluster) => (await x.api.list('pods.metrics.k8s.io')).items.map((o: KubeObject) => ({ ...o, metadata: { ...o.metadata } }));
    expect(await all(copy)).toEqual(await all(c));
  });
});

describe('metrics-server storage', () => {
  const pt = (ts: number, start: number, cpu: number, mem = 1024): MetricsPoint => ({ ts, start, cpuCoreNanos: cpu, memoryBytes: mem });

  it('rates CPU over the window and drops the previous point of a restarted container', () => {
    const one = storePod(undefined, { a: pt(60_000, 0, 6e9) }, 60_000);
    expect(podUsage(one, ['a'])).toBeUndefined(); // an old container needs two scrapes
    const two = storePod(one, { a: pt(120_000, 0, 12e9) }, 60_000);
    expect(podUsage(two, ['a'])).toEqual({ ts: 120_000, windowMs: 60_000, containers: [['a', { ts: 120_000, windowMs: 60_000, nanoCores: 100_000_000, memoryBytes: 1024 }]] });
    const restarted = storePod(two, { a: pt(180_000, 170_000, 1e9) }, 60_000);
    expect(podUsage(restarted, ['a'])!.containers[0]![1]).toMatchObject({ windowMs: 10_000, nanoCores: 100_000_000 });
    const tooFresh = storePod(two, { a: pt(180_000, 175_000, 1e9) }, 60_000);
    expect(podUsage(tooFresh, ['a'])).toBeUndefined();
  });
});
