// The docs task "Share Process Namespace between Containers in a Pod" (spec.shareProcessNamespace)
// and `kubectl debug --target` (an ephemeral container in its target's PID namespace), through the
// engine's API on the real container runtime.
import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import { allRunning, cluster, containerId, containerStatus, eventMessages, exec, getPod, pod, runtimeOf, runtimeWith } from './harness';

/** The docs' pod: nginx and a busybox shell with a terminal, one PID namespace. */
const SHARED = {
  shareProcessNamespace: true,
  containers: [
    { name: 'nginx', image: 'nginx' },
    { name: 'shell', image: 'busybox:1.28', stdin: true, tty: true },
  ],
};

async function running(c: Cluster, name: string, spec: Record<string, unknown>): Promise<void> {
  await c.api.create('pods', pod(name, spec));
  expect(c.clock.advanceUntil(() => allRunning(c, name), 120_000)).toBe(true);
}

/** `ps ax` rows as [pid, user, command], header dropped. */
function rows(ps: string): [number, string, string][] {
  return ps.trimEnd().split('\n').slice(1).map((l) => {
    const m = /^\s*(\d+) (\S+)\s+\d+:\d\d (.*)$/.exec(l)!;
    return [Number(m[1]), m[2]!, m[3]!];
  });
}

const commands = (ps: string) => rows(ps).map((r) => r[2]);
const pidOf = (ps: string, command: string) => rows(ps).find((r) => r[2] === command)?.[0];

describe('shareProcessNamespace: true', () => {
  it('ps ax in the sidecar shows /pause as PID 1 (user 65535) and every container\'s processes', async () => {
    const c = cluster('spn-ps');
    await running(c, 'nginx', SHARED);
    const ps = (await exec(c, 'nginx', 'shell', ['ps', 'ax'])).out;
    expect(ps.split('\n')[0]).toBe('PID   USER     TIME  COMMAND');
    const r = rows(ps);
    expect(r[0]).toEqual([1, '65535', '/pause']);
    // busybox's /etc/passwd has no nginx user: the workers' uid shows as a number
    expect(r.find((x) => x[2] === 'nginx: master process nginx -g daemon off;')?.[1]).toBe('root');
    expect(r.filter((x) => x[2] === 'nginx: worker process').map((x) => x[1])).toEqual(['101', '101']);
    expect(commands(ps).at(-1)).toBe('ps ax');
    // PIDs in creation order: the sandbox first, then the containers in spec order
    expect(r.map((x) => x[0])).toEqual([...r.map((x) => x[0])].sort((a, b) => a - b));
  });

  it('kill -HUP from the sidecar reaches nginx: the master stays, new workers get new PIDs', async () => {
    const c = cluster('spn-hup');
    await running(c, 'nginx', SHARED);
    const before = (await exec(c, 'nginx', 'shell', ['ps', 'ax'])).out;
    const master = pidOf(before, 'nginx: master process nginx -g daemon off;')!;
    const workers = rows(before).filter((x) => x[2] === 'nginx: worker process').map((x) => x[0]);
    expect(await exec(c, 'nginx', 'shell', ['kill', '-HUP', String(master)])).toEqual({ out: '', code: 0 });
    c.clock.advance(2_000);
    const after = (await exec(c, 'nginx', 'shell', ['ps', 'ax'])).out;
    expect(pidOf(after, 'nginx: master process nginx -g daemon off;')).toBe(master);
    const renewed = rows(after).filter((x) => x[2] === 'nginx: worker process').map((x) => x[0]);
    expect(renewed).toHaveLength(workers.length);
    for (const pid of renewed) expect(workers).not.toContain(pid);
    expect((await c.api.logs('default', 'nginx', { container: 'nginx' }))).toContain('signal 1 (SIGHUP) received');
    // the nginx container restarted nothing: the reload is inside the one process
    expect(containerStatus(c, 'nginx', 'nginx')!.restartCount).toBe(0);
  });

  it('each container keeps its own cgroup: memory is the container\'s processes, not the namespace\'s', async () => {
    const c = cluster('spn-cgroup');
    await running(c, 'shared', SHARED);
    await running(c, 'apart', { ...SHARED, shareProcessNamespace: false });
    const memory = (name: string, container: string) => runtimeOf(c, name).containerStats(containerId(c, name, container))!.memoryWorkingSetBytes;
    for (const container of ['nginx', 'shell']) expect(memory('shared', container)).toBe(memory('apart', container));
    expect(memory('shared', 'nginx')).toBeGreaterThan(memory('shared', 'shell'));
  });

  it('one container\'s main process exits: that container is Terminated, its other processes go, the rest run on', async () => {
    const c = cluster('spn-exit');
    await running(c, 'p', {
      shareProcessNamespace: true,
      restartPolicy: 'Never',
      containers: [
        { name: 'nginx', image: 'nginx' },
        { name: 'job', image: 'busybox', command: ['sh', '-c', 'sleep 1000 & sleep 5; exit 3'] },
      ],
    });
    expect(commands((await exec(c, 'p', 'job', ['ps', 'ax'])).out)).toContain('sleep 1000');
    c.clock.advance(6_000);
    expect(containerStatus(c, 'p', 'job')!.state!.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(containerStatus(c, 'p', 'nginx')!.state!.running).toBeDefined();
    // the background sleep was in the job's cgroup: it went with it
    const left = runtimeOf(c, 'p').kernel.processes(runtimeOf(c, 'p').sandboxOfContainer(containerId(c, 'p', 'nginx'))!);
    expect(left.map((p) => p.argv.join(' '))).toEqual(['/pause', 'nginx: master process nginx -g daemon off;', 'nginx: worker process', 'nginx: worker process']);
  });

  it('an orphan is adopted and reaped by /pause', async () => {
    const c = cluster('spn-orphan');
    await running(c, 'nginx', SHARED);
    const rt = runtimeOf(c, 'nginx');
    const ns = rt.sandboxOfContainer(containerId(c, 'nginx', 'shell'))!;
    await exec(c, 'nginx', 'shell', ['sh', '-c', 'sleep 30 &']);
    const orphan = rt.kernel.processes(ns).find((p) => p.argv.join(' ') === 'sleep 30')!;
    expect(orphan.ppid).toBe(1);
    c.clock.advance(31_000);
    expect(rt.kernel.process(ns, orphan.pid)).toBeUndefined();
  });

  it('stopping a container signals its own main process: sleep, not PID 1 here, dies of SIGTERM (143)', async () => {
    const c = cluster('spn-stop');
    const spec = (share: boolean) => ({ shareProcessNamespace: share, containers: [{ name: 's', image: 'busybox', command: ['sleep', '3600'] }] });
    await running(c, 'shared', spec(true));
    await running(c, 'own', spec(false));
    // the ids before the stop: the kubelet restarts what stopped behind its back
    const ids = { shared: containerId(c, 'shared', 's'), own: containerId(c, 'own', 's') };
    const rt = runtimeOf(c, 'shared');
    const exits: Record<string, number> = {};
    rt.setListener({ onContainerExited: (e) => void (exits[e.containerId] = e.exitCode) });
    for (const id of Object.values(ids)) rt.stopContainer(id, 30);
    c.clock.advance(1_000);
    expect(exits).toEqual({ [ids.shared]: 143 });
    // as PID 1 of its own namespace it ignores SIGTERM, and SIGKILL comes after the grace period
    c.clock.advance(30_000);
    expect(exits).toEqual({ [ids.shared]: 143, [ids.own]: 137 });
  });

  it('/pause killed from inside takes every process with it; nothing starts in its namespace again', async () => {
    const c = cluster('spn-pause');
    await running(c, 'nginx', SHARED);
    const rt = runtimeOf(c, 'nginx');
    const ns = rt.sandboxOfContainer(containerId(c, 'nginx', 'nginx'))!;
    await exec(c, 'nginx', 'shell', ['kill', '1']);
    expect(rt.kernel.processes(ns)).toEqual([]);
    c.clock.advance(30_000);
    // the kubelet restarts the containers, whose start then fails (Podlab's kubelet does not re-create the sandbox)
    expect(containerStatus(c, 'nginx', 'nginx')!.restartCount).toBeGreaterThan(0);
    expect(eventMessages(c, 'nginx')).toContain(`Error: failed to join the PID namespace ${ns}: its init process has exited`);
  });

  it('deleting the pod stops every container and the namespace goes with the sandbox', async () => {
    const c = cluster('spn-delete');
    await running(c, 'nginx', SHARED);
    const rt = runtimeOf(c, 'nginx');
    const ns = rt.sandboxOfContainer(containerId(c, 'nginx', 'nginx'))!;
    expect(rt.kernel.hasNamespace(ns)).toBe(true);
    await c.api.delete('pods', 'default', 'nginx');
    expect(c.clock.advanceUntil(() => !c.store.tryGet('pods', 'default', 'nginx'), 120_000)).toBe(true);
    expect(rt.kernel.hasNamespace(ns)).toBe(false);
  });

  it('a snapshot mid-run restores to the same cluster, which goes on the same way', async () => {
    const a = cluster('spn-snap');
    await running(a, 'nginx', SHARED);
    await exec(a, 'nginx', 'shell', ['sh', '-c', 'sleep 100 &']);
    const b = Cluster.restore(a.snapshot(), { runtime: runtimeWith() });
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    const transcript = async (c: Cluster) => {
      const master = pidOf((await exec(c, 'nginx', 'shell', ['ps', 'ax'])).out, 'nginx: master process nginx -g daemon off;')!;
      await exec(c, 'nginx', 'shell', ['kill', '-HUP', String(master)]);
      c.clock.advance(5_000);
      const ps = (await exec(c, 'nginx', 'shell', ['ps', 'ax'])).out;
      await c.api.delete('pods', 'default', 'nginx');
      c.clock.advanceUntil(() => !c.store.tryGet('pods', 'default', 'nginx'), 120_000);
      return ps + (await c.api.logs('default', 'nginx', { container: 'nginx' }).catch((e: Error) => e.message));
    };
    const ta = await transcript(a);
    expect(ta).toContain('sleep 100');
    expect(await transcript(b)).toBe(ta);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });
});

/** The runtime's saved container records, wherever the cluster snapshot keeps them. */
function savedContainers(v: unknown): Record<string, unknown>[] {
  if (!v || typeof v !== 'object') return [];
  if (Array.isArray(v)) return v.flatMap(savedContainers);
  const o = v as Record<string, unknown>;
  if (typeof o.imageKey === 'string' && typeof o.sandboxId === 'string') return [o];
  return Object.values(o).flatMap(savedContainers);
}

describe('snapshots from before shared namespaces', () => {
  it('a container saved without pidNs and mainPid has its own namespace with its entrypoint as PID 1', async () => {
    const a = cluster('spn-old');
    await running(a, 's', { containers: [{ name: 's', image: 'busybox', command: ['sleep', '3600'] }] });
    const snap: unknown = JSON.parse(JSON.stringify(a.snapshot()));
    const saved = savedContainers(snap);
    // the system pods' and this one's: each has a namespace of its own
    expect(saved.length).toBeGreaterThan(1);
    for (const x of saved) expect([x.pidNs, x.mainPid]).toEqual([undefined, 1]);
    for (const x of saved) delete x.mainPid;
    const b = Cluster.restore(snap as never, { runtime: runtimeWith() });
    expect(rows((await exec(b, 's', 's', ['ps', 'ax'])).out)[0]).toEqual([1, 'root', 'sleep 3600']);
    const id = containerId(b, 's', 's');
    runtimeOf(b, 's').stopContainer(id, 0);
    expect(runtimeOf(b, 's').containerState(id)).toBe('exited');
  });
});

describe('an ephemeral container with a target (kubectl debug --target)', () => {
  const addDebugger = (c: Cluster, extra: Record<string, unknown>) => c.api.patch('pods', 'default', 'web', 'strategic',
    { spec: { ephemeralContainers: [{ name: 'debugger', image: 'busybox', stdin: true, tty: true, ...extra }] } }, { subresource: 'ephemeralcontainers' });
  const debuggerState = (c: Cluster) => getPod(c, 'web').status.ephemeralContainerStatuses?.[0]?.state;

  it('sees the target\'s entrypoint as PID 1 and its own shell after it', async () => {
    const c = cluster('dbg-target');
    await running(c, 'web', { containers: [{ name: 'web', image: 'nginx' }] });
    await addDebugger(c, { targetContainerName: 'web' });
    expect(c.clock.advanceUntil(() => debuggerState(c)?.running !== undefined, 60_000)).toBe(true);
    const r = rows((await exec(c, 'web', 'debugger', ['ps', 'ax'])).out);
    expect(r[0]).toEqual([1, 'root', 'nginx: master process nginx -g daemon off;']);
    expect(r.map((x) => x[2])).toContain('sh');
    expect(r.at(-1)?.[2]).toBe('ps ax');
  });

  it('without a target it has a namespace of its own', async () => {
    const c = cluster('dbg-own');
    await running(c, 'web', { containers: [{ name: 'web', image: 'nginx' }] });
    await addDebugger(c, {});
    expect(c.clock.advanceUntil(() => debuggerState(c)?.running !== undefined, 60_000)).toBe(true);
    expect(rows((await exec(c, 'web', 'debugger', ['ps', 'ax'])).out).map((x) => x[0] + ' ' + x[2])).toEqual(['1 sh', '2 ps ax']);
  });

  it('dies with the target: when the target\'s PID 1 exits, the kernel kills it (137)', async () => {
    const c = cluster('dbg-dies');
    await running(c, 'web', { restartPolicy: 'Never', containers: [{ name: 'web', image: 'busybox', command: ['sleep', '20'] }] });
    await addDebugger(c, { targetContainerName: 'web' });
    expect(c.clock.advanceUntil(() => debuggerState(c)?.running !== undefined, 60_000)).toBe(true);
    expect(rows((await exec(c, 'web', 'debugger', ['ps', 'ax'])).out)[0]).toEqual([1, 'root', 'sleep 20']);
    c.clock.advance(25_000);
    expect(containerStatus(c, 'web', 'web')!.state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(debuggerState(c)?.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('a target that is not running: the create fails with getTargetID\'s error', async () => {
    const c = cluster('dbg-gone');
    await c.api.create('pods', pod('web', {
      restartPolicy: 'Never',
      containers: [{ name: 'web', image: 'busybox', command: ['sleep', '2'] }, { name: 'app', image: 'nginx' }],
    }));
    expect(c.clock.advanceUntil(() => !!containerStatus(c, 'web', 'web')?.state?.terminated && !!containerStatus(c, 'web', 'app')?.state?.running, 120_000)).toBe(true);
    await addDebugger(c, { targetContainerName: 'web' });
    c.clock.advance(10_000);
    expect(debuggerState(c)?.waiting?.message).toBe('unable to find target container web');
    expect(eventMessages(c, 'web')).toContain('Error: unable to find target container web');
  });

  it('in a pod that shares its namespace, joins the pod\'s', async () => {
    const c = cluster('dbg-shared');
    await c.api.create('pods', { ...pod('web', SHARED) });
    expect(c.clock.advanceUntil(() => allRunning(c, 'web'), 120_000)).toBe(true);
    await addDebugger(c, { targetContainerName: 'nginx' });
    expect(c.clock.advanceUntil(() => debuggerState(c)?.running !== undefined, 60_000)).toBe(true);
    const r = rows((await exec(c, 'web', 'debugger', ['ps', 'ax'])).out);
    expect(r[0]).toEqual([1, '65535', '/pause']);
    expect(r.filter((x) => x[2] === 'sh')).toHaveLength(2);
  });
});
