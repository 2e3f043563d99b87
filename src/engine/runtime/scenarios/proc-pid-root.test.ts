// The end of the docs task "Share Process Namespace between Containers in a Pod": from the shell
// container, HUP nginx, then read nginx's configuration through /proc/<pid>/root — the other
// container's filesystem, reachable because the processes share a PID namespace.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import { NGINX_CONF } from '../images/nginx/files';
import { allRunning, cluster, exec, getPod, pod, runtimeWith } from './harness';

const MASTER = 'nginx: master process nginx -g daemon off;';

/** The docs' pod: nginx and a busybox shell, one PID namespace (or not, with share: false). */
const spec = (share: boolean) => ({
  shareProcessNamespace: share,
  containers: [
    { name: 'nginx', image: 'nginx' },
    { name: 'shell', image: 'busybox:1.28', stdin: true, tty: true },
  ],
});

async function running(c: Cluster, name: string, share = true): Promise<void> {
  await c.api.create('pods', pod(name, spec(share)));
  expect(c.clock.advanceUntil(() => allRunning(c, name), 120_000)).toBe(true);
}

/** `ps ax` in the shell container: [pid, command] rows. */
async function ps(c: Cluster, name: string): Promise<[number, string][]> {
  const out = (await exec(c, name, 'shell', ['ps', 'ax'])).out;
  return out.trimEnd().split('\n').slice(1).map((l) => {
    const m = /^\s*(\d+) \S+\s+\d+:\d\d (.*)$/.exec(l)!;
    return [Number(m[1]), m[2]!];
  });
}

const sh = (c: Cluster, name: string, container: string, script: string) => exec(c, name, container, ['sh', '-c', script]);

describe('/proc/<pid> across the containers of a PID namespace', () => {
  it('the walkthrough: ps ax, kill -HUP from the shell (nginx names the sender), head /proc/<pid>/root/etc/nginx/nginx.conf', async () => {
    const c = cluster('proc-walkthrough');
    await running(c, 'nginx');
    const before = await ps(c, 'nginx');
    const master = before.find((r) => r[1] === MASTER)![0];
    // busybox sh's kill is a builtin: the signal comes from the shell itself
    const hup = await sh(c, 'nginx', 'shell', `echo $$; kill -HUP ${master}`);
    expect(hup.code).toBe(0);
    const shellPid = Number(hup.out.trim());
    c.clock.advance(2_000);
    const after = await ps(c, 'nginx');
    expect(after.find((r) => r[1] === MASTER)![0]).toBe(master);
    const logs = await c.api.logs('default', 'nginx', { container: 'nginx' });
    expect(logs).toContain(`[notice] ${master}#${master}: signal 1 (SIGHUP) received from ${shellPid}, reconfiguring\n`);

    const head = await exec(c, 'nginx', 'shell', ['head', `/proc/${master}/root/etc/nginx/nginx.conf`]);
    expect(head).toEqual({ out: NGINX_CONF.split('\n').slice(0, 10).map((l) => `${l}\n`).join(''), code: 0 });
    // the shell's own filesystem has no nginx
    expect(await exec(c, 'nginx', 'shell', ['ls', '/etc/nginx'])).toEqual({ out: 'ls: /etc/nginx: No such file or directory\n', code: 1 });
  });

  it('ls /proc lists every container\'s PIDs and self; cmdline, comm, status and cwd of nginx', async () => {
    const c = cluster('proc-ls');
    await running(c, 'nginx');
    const rows = await ps(c, 'nginx');
    const master = rows.find((r) => r[1] === MASTER)![0];
    const listed = (await sh(c, 'nginx', 'shell', 'ls /proc | cat')).out.trimEnd().split('\n');
    for (const [pid, command] of rows) if (command !== 'ps ax') expect(listed).toContain(String(pid));
    expect(listed).toContain('self');
    expect((await exec(c, 'nginx', 'shell', ['cat', `/proc/${master}/cmdline`])).out).toBe(`${MASTER}\0`);
    expect((await exec(c, 'nginx', 'shell', ['cat', `/proc/${master}/comm`])).out).toBe('nginx\n');
    // ps's COMMAND column for -o comm is that comm, not the process title
    const comms = (await exec(c, 'nginx', 'shell', ['ps', '-o', 'pid,comm'])).out;
    expect(comms).toMatch(new RegExp(`^\\s*${master} nginx\\n`, 'm'));
    expect(comms).not.toContain('nginx: master');
    const status = (await exec(c, 'nginx', 'shell', ['cat', `/proc/${master}/status`])).out;
    expect(status).toMatch(new RegExp(`^Name:\\tnginx\\nUmask:\\t0022\\nState:\\tS \\(sleeping\\)\\nTgid:\\t${master}\\nNgid:\\t0\\nPid:\\t${master}\\nPPid:\\t0\\n`));
    expect(status).toContain('Uid:\t0\t0\t0\t0\n');
    // the pause process: uid 65535, its parent outside the namespace
    expect((await exec(c, 'nginx', 'shell', ['cat', '/proc/1/status'])).out).toContain('Name:\tpause\n');
    expect((await exec(c, 'nginx', 'shell', ['ls', `/proc/${master}/cwd/`])).out).toContain('etc');
    // /proc/self from the exec'd command itself
    expect((await exec(c, 'nginx', 'shell', ['cat', '/proc/self/cmdline'])).out).toBe('cat\0/proc/self/cmdline\0');
  });

  it('a PID that does not exist: busybox and coreutils cat say so in their words', async () => {
    const c = cluster('proc-enoent');
    await running(c, 'nginx');
    expect(await exec(c, 'nginx', 'shell', ['cat', '/proc/999/status'])).toEqual({ out: 'cat: can\'t open \'/proc/999/status\': No such file or directory\n', code: 1 });
    expect(await exec(c, 'nginx', 'nginx', ['cat', '/proc/999/status'])).toEqual({ out: 'cat: /proc/999/status: No such file or directory\n', code: 1 });
  });

  it('a worker runs as nginx (101): root in the shell may not look into its root (no CAP_SYS_PTRACE)', async () => {
    const c = cluster('proc-eacces');
    await running(c, 'nginx');
    const worker = (await ps(c, 'nginx')).find((r) => r[1] === 'nginx: worker process')![0];
    expect(await exec(c, 'nginx', 'shell', ['cat', `/proc/${worker}/root/etc/nginx/nginx.conf`]))
      .toEqual({ out: `cat: can't open '/proc/${worker}/root/etc/nginx/nginx.conf': Permission denied\n`, code: 1 });
    expect((await exec(c, 'nginx', 'shell', ['cat', `/proc/${worker}/comm`])).out).toBe('nginx\n');
  });

  it('without a shared namespace the shell sees only its own processes', async () => {
    const c = cluster('proc-apart');
    await running(c, 'apart', false);
    // the shell is PID 1 here; ls, run by sh -c, lists itself
    expect((await sh(c, 'apart', 'shell', 'ls /proc | cat')).out).toMatch(/^1\n(\d+\n)+self\n$/);
    expect((await sh(c, 'apart', 'shell', 'cat /proc/[0-9]*/comm')).out).toBe('sh\ncat\n');
    expect((await exec(c, 'apart', 'shell', ['cat', '/proc/1/cmdline'])).out).toBe('sh\0');
    expect((await exec(c, 'apart', 'shell', ['ls', '/proc/1/root/etc/nginx'])).out).toBe('ls: /proc/1/root/etc/nginx: No such file or directory\n');
  });

  it('kubectl debug --target: the debug container reads its target\'s files at /proc/1/root', async () => {
    const c = cluster('proc-debug');
    await c.api.create('pods', pod('web', { containers: [{ name: 'web', image: 'nginx' }] }));
    expect(c.clock.advanceUntil(() => allRunning(c, 'web'), 120_000)).toBe(true);
    await c.api.patch('pods', 'default', 'web', 'strategic',
      { spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox', stdin: true, tty: true, targetContainerName: 'web' }] } }, { subresource: 'ephemeralcontainers' });
    expect(c.clock.advanceUntil(() => getPod(c, 'web').status.ephemeralContainerStatuses?.[0]?.state?.running !== undefined, 60_000)).toBe(true);
    expect(await exec(c, 'web', 'debugger', ['head', '-n', '2', '/proc/1/root/etc/nginx/nginx.conf'])).toEqual({ out: '\nuser  nginx;\n', code: 0 });
  });

  it('procfs is not state: a snapshot after reading it restores byte for byte, and reads the same', async () => {
    const a = cluster('proc-snap');
    await running(a, 'nginx');
    const master = (await ps(a, 'nginx')).find((r) => r[1] === MASTER)![0];
    const read = (c: Cluster) => exec(c, 'nginx', 'shell', ['head', '-n', '3', `/proc/${master}/root/etc/nginx/nginx.conf`]);
    const first = await read(a);
    const b = Cluster.restore(a.snapshot(), { runtime: runtimeWith() });
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    expect(await read(b)).toEqual(first);
  });
});
