import { describe, expect, it } from 'vitest';
import { Cluster } from '../../../cluster/cluster';
import { ContainerRuntime } from '../../container-runtime';
import type { StoredPod } from '../../../api/types';
import type { StreamIO } from '../../cri';

function cluster(seed = 'nginx'): Cluster {
  return Cluster.create({ seed, runtime: (ctx, node, nodeFs) => new ContainerRuntime(ctx, node, { nodeFs }) });
}

async function exec(c: Cluster, name: string, command: string[]): Promise<{ out: string; code?: number }> {
  const r: { out: string; code?: number } = { out: '' };
  const io: StreamIO = { output: (_s, d) => void (r.out += d), close: (code) => void (r.code = code) };
  const done = c.api.exec('default', name, { container: name, command }, io);
  // commands that take time (apt-get) finish as the clock runs
  c.clock.advanceUntil(() => r.code !== undefined, 600_000);
  await done;
  return r;
}

function containerId(c: Cluster, name: string): string {
  const p = c.store.get('pods', 'default', name) as StoredPod;
  return p.status.containerStatuses![0]!.containerID!.replace('containerd://', '');
}

describe('nginx in a pod', () => {
  it('kubectl logs shows the entrypoint and nginx start-up; ps after apt-get install procps shows master and workers', async () => {
    const c = cluster();
    c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    c.clock.advance(15_000);
    const logs = await c.api.logs('default', 'web');
    expect(logs).toMatch(/^\/docker-entrypoint\.sh: \/docker-entrypoint\.d\/ is not empty, will attempt to perform configuration\n/);
    expect(logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(logs).toMatch(/\[notice\] 1#1: start worker processes\n.*\[notice\] 1#1: start worker process (\d+)\n.*\[notice\] 1#1: start worker process (\d+)\n$/);
    expect(await exec(c, 'web', ['sh', '-c', 'ps'])).toEqual({ out: 'sh: 1: ps: not found\n', code: 127 });
    const apt = await exec(c, 'web', ['sh', '-c', 'apt-get update && apt-get install -y procps']);
    expect(apt.code, apt.out).toBe(0);
    const ps = await exec(c, 'web', ['ps', '-e', '-o', 'user,pid,ppid,args']);
    const rows = ps.out.trimEnd().split('\n').slice(1).map((l) => l.trim().replace(/^(\S+)\s+(\S+)\s+(\S+)\s+/, '$1 $2 $3 '));
    // the master stays root; the workers become `user  nginx;` (uid 101)
    expect(rows[0]).toBe('root 1 0 nginx: master process nginx -g daemon off;');
    expect(rows.filter((r) => /^nginx \d+ 1 nginx: worker process$/.test(r))).toHaveLength(2);
    const aux = (await exec(c, 'web', ['ps', 'aux'])).out.split('\n');
    expect(aux.filter((l) => l.startsWith('nginx ')).length).toBe(2);
    expect(aux.filter((l) => l.startsWith('root ')).length).toBe(aux.length - 4); // all but header, workers and the final newline
  });

  it('a volume over /var/log/nginx hides the image log links: nginx writes files there, kubectl logs shows no access lines', async () => {
    const c = Cluster.create({ seed: 'nginx-logs', runtime: (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network }) });
    const pod = (name: string, volume: boolean) => c.store.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name },
      spec: {
        containers: [{ name, image: 'nginx', ...(volume ? { volumeMounts: [{ name: 'logs', mountPath: '/var/log/nginx' }] } : {}) }],
        ...(volume ? { volumes: [{ name: 'logs', emptyDir: {} }] } : {}),
      },
    });
    pod('mounted', true);
    pod('plain', false);
    c.clock.advance(15_000);
    for (const name of ['mounted', 'plain']) expect((await exec(c, name, ['curl', '-s', '-o', '/dev/null', 'localhost'])).code).toBe(0);
    const access = /"GET \/ HTTP\/1\.1" 200 615 "-" "curl\//;
    expect(await c.api.logs('default', 'plain')).toMatch(access);
    const logs = await c.api.logs('default', 'mounted');
    expect(logs).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    expect(logs).not.toMatch(access);
    expect(logs).not.toContain('start worker processes');
    expect((await exec(c, 'mounted', ['cat', '/var/log/nginx/access.log'])).out).toMatch(access);
    expect((await exec(c, 'mounted', ['cat', '/var/log/nginx/error.log'])).out).toMatch(/\[notice\] 1#1: start worker processes\n/);
  });

  it('deleting the pod sends SIGQUIT: nginx shuts down gracefully and exits 0 at once', async () => {
    const c = cluster();
    c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    c.clock.advance(15_000);
    const rt = c.runtimes.get('minikube') as ContainerRuntime;
    const id = containerId(c, 'web');
    rt.stopContainer(id, 30);
    c.clock.advance(100);
    expect(rt.containerState(id)).toBe('exited');
    const logs = rt.containerLogs(id, {});
    expect(logs).toMatch(/\[notice\] 1#1: signal 3 \(SIGQUIT\) received, shutting down\n/);
    expect(logs).toMatch(/\[notice\] 1#1: exit\n$/);
  });

  it('two nginx containers in one pod: the second cannot bind :80 and crash-loops with exit 1', async () => {
    const c = cluster();
    c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'two' }, spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx:alpine' }] } });
    c.clock.advance(40_000);
    const p = c.store.get('pods', 'default', 'two') as StoredPod;
    const b = p.status.containerStatuses!.find((s) => s.name === 'b')!;
    expect(b.lastState?.terminated?.exitCode ?? b.state?.terminated?.exitCode).toBe(1);
    const logs = await c.api.logs('default', 'two', { container: 'b', previous: b.restartCount > 0 && !b.state?.terminated });
    expect(logs).toContain('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n');
    expect(logs).toContain('nginx: [emerg] still could not bind()\n');
  });
});
