// Who a container's processes are and where they start: the image's USER and WORKDIR, the pod's
// securityContext over them, through the whole engine (kubectl exec, ps, logs, snapshots).
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import { allRunning, cluster, containerId, eventMessages, exec, pod, runtimeOf, runtimeWith } from './harness';

async function running(c: Cluster, name: string, spec: Record<string, unknown>): Promise<void> {
  await c.api.create('pods', pod(name, spec));
  expect(c.clock.advanceUntil(() => allRunning(c, name), 60_000), name).toBe(true);
}

const SLEEP = ['sh', '-c', 'sleep 3600'];

describe('container identity', () => {
  it('redis: kubectl exec starts in the image WORKDIR /data; redis-server runs as redis (999)', async () => {
    const c = cluster('id-redis');
    await running(c, 'cache', { containers: [{ name: 'cache', image: 'redis' }] });
    expect(await exec(c, 'cache', 'cache', ['pwd'])).toEqual({ out: '/data\n', code: 0 });
    expect(await exec(c, 'cache', 'cache', ['sh', '-c', 'echo $PWD; id -un'])).toEqual({ out: '/data\nroot\n', code: 0 });
    const id = containerId(c, 'cache', 'cache');
    const rt = runtimeOf(c, 'cache');
    const main = rt.kernel.processes(id)[0]!;
    expect([main.argv.join(' '), main.uid, main.gid, main.cwd]).toEqual(['redis-server', 999, 999, '/data']);
    // SIGTERM: redis saves dump.rdb where it runs
    expect(await exec(c, 'cache', 'cache', ['sh', '-c', 'kill 1'])).toEqual({ out: '', code: 0 });
    c.clock.advance(1_000);
    expect(rt.containerFs(id)!.readFile('/data/dump.rdb')).toMatch(/^REDIS0012/);
  });

  it('curlimages/curl runs as curl_user in /home/curl_user, as the image says', async () => {
    const c = cluster('id-curl');
    await running(c, 'client', { containers: [{ name: 'client', image: 'curlimages/curl', command: SLEEP }] });
    expect(await exec(c, 'client', 'client', ['id'])).toEqual({ out: 'uid=100(curl_user) gid=101(curl_group) groups=101(curl_group)\n', code: 0 });
    expect(await exec(c, 'client', 'client', ['sh', '-c', 'whoami; pwd; id -G; id -gn; echo $HOME'])).toEqual({ out: 'curl_user\n/home/curl_user\n101\ncurl_group\n/home/curl_user\n', code: 0 });
    // kubectl exec -it ... -- sh: busybox ash's prompt, `~ $ ` for a user at home
    expect((await exec(c, 'client', 'client', ['sh', '-i'])).out).toBe('~ $ ');
    // busybox ps: the USER column cut to its 8 characters
    const ps = (await exec(c, 'client', 'client', ['ps'])).out.split('\n');
    expect(ps[1]).toMatch(/^\s+1 curl_use\s+0:00 sleep 3600$/);
  });

  it('kuard runs as nobody:nobody', async () => {
    const c = cluster('id-kuard');
    await running(c, 'kuard', { containers: [{ name: 'kuard', image: 'gcr.io/kuar-demo/kuard-amd64:blue', command: SLEEP }] });
    expect(await exec(c, 'kuard', 'kuard', ['id'])).toEqual({ out: 'uid=65534(nobody) gid=65534(nobody) groups=65534(nobody)\n', code: 0 });
  });

  it('the docs walkthrough: runAsUser 1000, runAsGroup 3000, fsGroup 2000, supplementalGroups [4000]', async () => {
    const c = cluster('id-sc');
    await running(c, 'security-context-demo', {
      securityContext: { runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000] },
      containers: [{ name: 'sec-ctx-demo', image: 'busybox:1.28', command: ['sh', '-c', 'sleep 1h'] }],
    });
    const run = (cmd: string) => exec(c, 'security-context-demo', 'sec-ctx-demo', ['sh', '-c', cmd]);
    expect(await run('id')).toEqual({ out: 'uid=1000 gid=3000 groups=2000,3000,4000\n', code: 0 });
    expect(await run('whoami')).toEqual({ out: 'whoami: unknown uid 1000\n', code: 1 });
    expect((await run('ps')).out.split('\n')[1]).toMatch(/^\s+1 1000\s+0:00 sleep 1h$/);
  });

  it('container fields win over the pod; a numeric user in the image passwd gets its name and group', async () => {
    const c = cluster('id-override');
    await running(c, 'box', {
      securityContext: { runAsUser: 1000, runAsGroup: 3000 },
      containers: [{ name: 'box', image: 'ubuntu', command: SLEEP, workingDir: '/tmp', securityContext: { runAsUser: 1000, runAsGroup: 1000 } }],
    });
    // ubuntu 24.04 has the user ubuntu (1000)
    expect(await exec(c, 'box', 'box', ['sh', '-c', 'id; pwd'])).toEqual({ out: 'uid=1000(ubuntu) gid=1000(ubuntu) groups=1000(ubuntu)\n/tmp\n', code: 0 });
  });

  it('runAsGroup without a user anywhere fails CreateContainer', async () => {
    const c = cluster('id-nouser');
    await c.api.create('pods', pod('g', { securityContext: { runAsGroup: 3000 }, containers: [{ name: 'g', image: 'busybox', command: SLEEP }] }));
    c.clock.advance(20_000);
    expect(eventMessages(c, 'g').some((m) => m.includes('user group "3000" is specified without user'))).toBe(true);
  });

  it('a snapshot carries the credentials: exec after a restore is still who it was', async () => {
    const a = cluster('id-snap');
    await running(a, 'client', { containers: [{ name: 'client', image: 'curlimages/curl', command: SLEEP }] });
    const b = Cluster.restore(a.snapshot(), { runtime: runtimeWith() });
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    expect(await exec(b, 'client', 'client', ['sh', '-c', 'id -u; pwd'])).toEqual({ out: '100\n/home/curl_user\n', code: 0 });
  });
});
