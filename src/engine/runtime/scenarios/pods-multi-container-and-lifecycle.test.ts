// Seed 004 "Pods": a producer/consumer pair over an emptyDir, an init-container sequence, and the
// pod-lifecycle commands (apt-get in nginx, then ps); plus what base images do without a command.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster/cluster';
import { allRunning, cluster, containerId, containerStatus, exec, getPod, pod, runtimeOf } from './harness';

/** ms since the epoch of a status time (RFC 3339). */
const t = (s: string | undefined) => Date.parse(s ?? '');

describe('seed 004: producer and consumer share an emptyDir', () => {
  it('after 35 s the consumer sees 4 lines "<hostname> <date>"', async () => {
    const c = cluster('seed-004-pc');
    await c.api.create('pods', pod('multicontainer-pod', {
      containers: [
        {
          name: 'producer', image: 'ubuntu', command: ['/bin/bash'],
          args: ['-c', 'while true; do echo $(hostname) $(date) >> /var/log/index.html; sleep 10; done'],
          volumeMounts: [{ name: 'webcontent', mountPath: '/var/log' }],
        },
        { name: 'consumer', image: 'nginx', ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'webcontent', mountPath: '/usr/share/nginx/html' }] },
      ],
      volumes: [{ name: 'webcontent', emptyDir: {} }],
    }));
    c.clock.advanceUntil(() => containerStatus(c, 'multicontainer-pod', 'producer')?.state?.running !== undefined, 60_000);
    const started = t(containerStatus(c, 'multicontainer-pod', 'producer')!.state!.running!.startedAt);
    c.clock.advanceUntil(() => allRunning(c, 'multicontainer-pod'), 60_000);
    c.clock.advance(started + 35_000 - c.clock.now());
    const view = runtimeOf(c, 'multicontainer-pod').containerFs(containerId(c, 'multicontainer-pod', 'consumer'))!;
    const lines = view.readFile('/usr/share/nginx/html/index.html').trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    for (const l of lines) expect(l).toMatch(/^multicontainer-pod (Sat|Sun) Nov (21|22) \d\d:\d\d:\d\d UTC 2026$/);
    const seconds = lines.map((l) => {
      const [, h, m, sec] = / (\d\d):(\d\d):(\d\d) /.exec(l)!;
      return Number(h) * 3600 + Number(m) * 60 + Number(sec);
    });
    expect(seconds.slice(1).map((x, i) => x - seconds[i]!)).toEqual([10, 10, 10]);
    // the same file through kubectl exec in the consumer
    expect((await exec(c, 'multicontainer-pod', 'consumer', ['cat', '/usr/share/nginx/html/index.html'])).out.trimEnd().split('\n')).toEqual(lines);
  });
});

describe('seed 004: init containers run in order before the application', () => {
  it('each logs its line; the pod is Running once both have finished', async () => {
    const c = cluster('seed-004-init');
    await c.api.create('pods', pod('init-pod', {
      initContainers: [
        { name: 'init-service', image: 'ubuntu', command: ['/bin/bash', '-c', 'echo service initialisation; sleep 2'] },
        { name: 'init-db', image: 'ubuntu', command: ['/bin/bash', '-c', 'echo database initialisation; sleep 2'] },
      ],
      containers: [{ name: 'application', image: 'nginx' }],
    }));
    const phases = new Set<string>();
    expect(c.clock.advanceUntil(() => {
      phases.add(getPod(c, 'init-pod').status.phase ?? '');
      return allRunning(c, 'init-pod');
    }, 120_000)).toBe(true);
    expect([...phases]).toEqual(['Pending', 'Running']);
    const service = containerStatus(c, 'init-pod', 'init-service')!.state!.terminated!;
    const db = containerStatus(c, 'init-pod', 'init-db')!.state!.terminated!;
    expect([service.exitCode, service.reason, db.exitCode, db.reason]).toEqual([0, 'Completed', 0, 'Completed']);
    // each sleeps 2 s; the second starts only after the first finished, the app after both
    expect(t(service.finishedAt) - t(service.startedAt)).toBe(2_000);
    expect(t(db.startedAt)).toBeGreaterThanOrEqual(t(service.finishedAt));
    expect(t(containerStatus(c, 'init-pod', 'application')!.state!.running!.startedAt)).toBeGreaterThanOrEqual(t(db.finishedAt));
    expect(await c.api.logs('default', 'init-pod', { container: 'init-service' })).toBe('service initialisation\n');
    expect(await c.api.logs('default', 'init-pod', { container: 'init-db' })).toBe('database initialisation\n');
  });
});

describe('seed 004: pod lifecycle', () => {
  async function lifecycle(c: Cluster) {
    await c.api.create('pods', pod('pod-lifecycle', { containers: [{ name: 'nginx', image: 'nginx' }], restartPolicy: 'Always' }));
    c.clock.advanceUntil(() => allRunning(c, 'pod-lifecycle'), 60_000);
  }

  /** Run an exec to its end (apt-get takes virtual time). */
  async function execToEnd(c: Cluster, command: string[]) {
    const r = await exec(c, 'pod-lifecycle', 'nginx', command);
    c.clock.advanceUntil(() => r.code !== undefined, 120_000);
    return r;
  }

  it('apt-get install procps without -y and without stdin aborts at the prompt; -y installs it; then ps -aux', async () => {
    const c = cluster('seed-004-apt');
    await lifecycle(c);
    // the nginx image has no procps
    expect(await execToEnd(c, ['sh', '-c', 'ps -aux'])).toEqual({ out: 'sh: 1: ps: not found\n', code: 127 });
    const update = await execToEnd(c, ['apt-get', 'update']);
    expect(update.code).toBe(0);
    expect(update.out).toContain('Reading package lists...');
    const ask = await execToEnd(c, ['apt-get', 'install', 'procps']);
    // apt-private/private-install.cc: extra packages need a yes; end-of-file on stdin is a no
    expect(ask.out).toContain('The following additional packages will be installed:');
    expect(ask.out.endsWith('Do you want to continue? [Y/n] Abort.\n')).toBe(true);
    expect(ask.code).toBe(1);
    const yes = await execToEnd(c, ['apt-get', 'install', '-y', 'procps']);
    expect(yes.code).toBe(0);
    expect(yes.out).toMatch(/Setting up procps \(/);
    const ps = await execToEnd(c, ['ps', '-aux']);
    expect(ps.code).toBe(0);
    const rows = ps.out.trimEnd().split('\n');
    expect(rows[0]).toMatch(/^USER +PID %CPU %MEM +VSZ +RSS TTY +STAT START +TIME COMMAND$/);
    expect(rows[1]).toMatch(/^root +1 .*nginx/);
    expect(rows[rows.length - 1]).toMatch(/ ps -aux$/);
  });

  it.each([
    ['busybox', 0],
    ['alpine', 0],
    ['debian', 0],
    ['ubuntu', 0],
  ])('%s without a command exits at once and crash-loops under restartPolicy Always', (image, code) => {
    const c = cluster(`seed-004-bare-${image}`);
    void c.api.create('pods', pod('bare', { containers: [{ name: 'bare', image }] }));
    c.clock.advance(90_000);
    const s = containerStatus(c, 'bare', 'bare')!;
    expect(s.restartCount).toBeGreaterThanOrEqual(2);
    expect(s.lastState?.terminated).toMatchObject({ exitCode: code, reason: 'Completed' });
    expect(s.state?.waiting?.reason).toBe('CrashLoopBackOff');
  });
});
