import { describe, expect, it } from 'vitest';
import { Cluster, type ClusterOptions } from './cluster';
import { FakeRuntime, type FakeBehaviour } from '../runtime/fake-runtime';
import type { ContainerRequest } from '../runtime/cri';
import type { StoredPod } from '../api/types';
import { DEFAULT_START_TIME } from '../clock';

// Behaviour by image, like KWOK stages: busybox crashes after 2 s, alpine finishes after 5 s.
function behaviours(req: ContainerRequest): FakeBehaviour {
  if (req.container.image?.startsWith('busybox')) return { exitAfterMs: 2000, exitCode: 1 };
  if (req.container.image?.startsWith('alpine')) return { exitAfterMs: 5000, exitCode: 0 };
  return {};
}

const options: ClusterOptions = {
  seed: 'determinism',
  runtime: (ctx, node) => new FakeRuntime(ctx, behaviours, node),
};

function pod(name: string, image: string, extra: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name, image }], ...extra } };
}

/** A scripted session touching every controller: deployments, crash loops, pull errors, scheduling failures, deletes. */
function scenarioStart(c: Cluster): void {
  c.store.create('deployments', {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } },
  });
  c.store.create('pods', pod('crasher', 'busybox'));
  c.store.create('pods', pod('job', 'alpine', { restartPolicy: 'Never' }));
  c.store.create('pods', pod('typo', 'nginx:doesnotexist'));
  c.store.create('pods', { ...pod('big', 'nginx'), spec: { containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '8' } } }] } });
  c.store.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } });
  c.store.create('persistentvolumeclaims', {
    apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  });
  c.clock.advance(90_000);
}

function scenarioContinue(c: Cluster): void {
  const victim = c.store.list('pods', { labelSelector: 'app=web' })[0]!;
  c.store.delete('pods', 'default', victim.metadata.name);
  c.store.patch('deployments', 'default', 'web', 'merge', { spec: { replicas: 5 } });
  c.clock.advance(10 * 60_000);
}

function everything(c: Cluster) {
  return JSON.stringify(c.snapshot());
}

describe('Cluster', () => {
  it('starts like a minikube that has been up for a while: one Ready node and the kube-system pods Running', () => {
    const c = Cluster.create({ seed: 1 });
    expect(c.clock.now()).toBe(DEFAULT_START_TIME);
    expect(c.store.get('namespaces', undefined, 'default').metadata.creationTimestamp).toBe('2026-11-21T11:45:00Z');
    const nodes = c.store.list('nodes');
    expect(nodes.map((n) => n.metadata.name)).toEqual(['minikube']);
    expect(nodes[0]!.status.conditions?.find((x) => x.type === 'Ready')?.status).toBe('True');
    const system = c.store.list('pods', { namespace: 'kube-system' }) as StoredPod[];
    expect(system.map((p) => p.metadata.name.replace(/-[a-z0-9]{5}$/, '-xxxxx').replace(/-[a-f0-9]{8,10}-xxxxx$/, '-hash-xxxxx'))).toEqual([
      'coredns-hash-xxxxx', 'etcd-minikube', 'kube-apiserver-minikube', 'kube-controller-manager-minikube',
      'kube-proxy-xxxxx', 'kube-scheduler-minikube', 'storage-provisioner',
    ]);
    for (const p of system) expect(p.status.phase).toBe('Running');
    expect(c.store.list('namespaces').map((n) => n.metadata.name)).toEqual(['default', 'kube-node-lease', 'kube-public', 'kube-system']);
  });

  it('runs a pod with the exact v1.32 event sequence', () => {
    const c = Cluster.create({ seed: 1 });
    c.store.create('pods', pod('nginx', 'nginx'));
    c.clock.advance(30_000);
    const events = c.store.list('events', { namespace: 'default', fieldSelector: 'involvedObject.name=nginx' });
    expect(events.map((e) => `${e.type} ${e.reason} ${e.message}`)).toEqual([
      'Normal Scheduled Successfully assigned default/nginx to minikube',
      'Normal Pulling Pulling image "nginx"',
      'Normal Pulled Successfully pulled image "nginx" in 5.611s (5.611s including waiting). Image size: 72195292 bytes.',
      'Normal Created Created container: nginx',
      'Normal Started Started container nginx',
    ]);
    const p = c.store.get('pods', 'default', 'nginx');
    expect(p.status.phase).toBe('Running');
    expect(p.status.podIP).toMatch(/^10\.244\.0\.\d+$/);
    expect(p.status.conditions?.map((x) => `${x.type}=${x.status}`)).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
  });

  it('heals a deployment when one of its pods is deleted', () => {
    const c = Cluster.create({ seed: 2 });
    c.store.create('deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    });
    c.clock.advance(30_000);
    const before = c.store.list('pods', { labelSelector: 'app=web' }).map((p) => p.metadata.name);
    expect(before).toHaveLength(2);
    for (const name of before) expect(name).toMatch(/^web-[a-z0-9]{9,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    c.store.delete('pods', 'default', before[0]!);
    c.clock.advance(60_000);
    const after = c.store.list('pods', { labelSelector: 'app=web' });
    expect(after).toHaveLength(2);
    expect(after.map((p) => p.metadata.name)).not.toContain(before[0]);
    expect(after.every((p) => p.status.phase === 'Running')).toBe(true);
  });

  it('is deterministic: the same seed and script give identical objects and events', () => {
    const a = Cluster.create(options);
    const b = Cluster.create(options);
    scenarioStart(a);
    scenarioStart(b);
    scenarioContinue(a);
    scenarioContinue(b);
    expect(everything(b)).toBe(everything(a));
    // and the script did exercise what it claims to
    const crasher = a.store.get('pods', 'default', 'crasher');
    expect(crasher.status.containerStatuses?.[0]?.restartCount).toBeGreaterThanOrEqual(5);
    expect(a.store.get('pods', 'default', 'job').status.phase).toBe('Succeeded');
    expect(a.store.get('pods', 'default', 'typo').status.containerStatuses?.[0]?.state?.waiting?.reason).toMatch(/ImagePullBackOff|ErrImagePull/);
    expect(a.store.get('pods', 'default', 'big').status.conditions?.[0]?.reason).toBe('Unschedulable');
    expect(a.store.list('pods', { labelSelector: 'app=web' })).toHaveLength(5);
    expect(a.store.get('persistentvolumeclaims', 'default', 'data').status?.phase).toBe('Bound');
  });

  it('a different seed gives different uids and names', () => {
    const a = Cluster.create({ ...options, seed: 'one' });
    const b = Cluster.create({ ...options, seed: 'two' });
    expect(a.store.get('namespaces', undefined, 'default').metadata.uid).not.toBe(b.store.get('namespaces', undefined, 'default').metadata.uid);
  });

  it('continues identically after snapshot → JSON → restore', () => {
    const original = Cluster.create(options);
    scenarioStart(original);
    const saved = JSON.parse(JSON.stringify(original.snapshot()));
    const restored = Cluster.restore(saved, { runtime: options.runtime });
    expect(everything(restored)).toBe(everything(original));
    scenarioContinue(original);
    scenarioContinue(restored);
    expect(everything(restored)).toBe(everything(original));
    expect(restored.store.list('events').length).toBe(original.store.list('events').length);
  });

  it('refuses a snapshot of another format', () => {
    expect(() => Cluster.restore({ format: 'nope' } as never)).toThrow(/unsupported snapshot format/);
  });
});
