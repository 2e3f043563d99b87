import { describe, expect, it } from 'vitest';
import { Cluster } from '../cluster/cluster';
import { ContainerRuntime } from './container-runtime';
import type { StoredPod } from '../api/types';
import type { StreamIO } from './cri';

function cluster(seed = 'crt'): Cluster {
  return Cluster.create({ seed, runtime: (ctx, node, nodeFs) => new ContainerRuntime(ctx, node, { nodeFs }) });
}

function restored(c: Cluster): Cluster {
  return Cluster.restore(c.snapshot(), { runtime: (ctx, node, nodeFs) => new ContainerRuntime(ctx, node, { nodeFs }) });
}

function pod(name: string, containers: Record<string, unknown>[], extra: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers, ...extra } };
}

function status(c: Cluster, name: string, container = name) {
  const p = c.store.get('pods', 'default', name) as StoredPod;
  return { phase: p.status.phase, c: p.status.containerStatuses?.find((s) => s.name === container) };
}

async function exec(c: Cluster, name: string, container: string, command: string[]): Promise<{ out: string; code?: number }> {
  const r: { out: string; code?: number } = { out: '' };
  const io: StreamIO = { output: (_s, d) => void (r.out += d), close: (code) => void (r.code = code) };
  await c.api.exec('default', name, { container, command }, io);
  return r;
}

describe('ContainerRuntime through the engine', () => {
  it('a fresh cluster runs its system pods on the real runtime', () => {
    const c = cluster();
    const pods = c.store.list('pods', { namespace: 'kube-system' }) as StoredPod[];
    for (const p of pods) expect([p.metadata.name, p.status.phase, p.status.containerStatuses?.[0]?.restartCount]).toEqual([p.metadata.name, 'Running', 0]);
  });

  it("busybox sh -c 'echo hello; sleep 3600' is Running and logs hello", async () => {
    const c = cluster();
    c.store.create('pods', pod('bb', [{ name: 'bb', image: 'busybox', command: ['sh', '-c', 'echo hello; sleep 3600'] }]));
    c.clock.advance(10_000);
    expect(status(c, 'bb').c?.state?.running).toBeDefined();
    expect(await c.api.logs('default', 'bb')).toBe('hello\n');
    expect(await c.api.logs('default', 'bb', { timestamps: true })).toMatch(/^2026-11-21T12:00:0\d\.\d{9}Z hello\n$/);
  });

  it('busybox without a command exits at once and crash-loops', () => {
    const c = cluster();
    c.store.create('pods', pod('bare', [{ name: 'bare', image: 'busybox' }]));
    c.clock.advance(60_000);
    const s = status(c, 'bare').c!;
    expect(s.restartCount).toBeGreaterThanOrEqual(2);
    expect(s.lastState?.terminated?.exitCode).toBe(0);
    expect(s.lastState?.terminated?.reason).toBe('Completed');
    expect(s.state?.waiting?.reason).toBe('CrashLoopBackOff');
  });

  it('command and args override ENTRYPOINT and CMD, with $(VAR) from the environment', async () => {
    const c = cluster();
    c.store.create('pods', pod('args', [{
      name: 'args', image: 'busybox', command: ['sh', '-c'],
      args: ['echo "$1" $HOSTNAME $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT $NODE; sleep 60', '--', '$(GREETING) $$(GREETING) $(MISSING)'],
      env: [{ name: 'GREETING', value: 'hi' }, { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
    }]));
    c.clock.advance(10_000);
    expect(await c.api.logs('default', 'args')).toBe('hi $(GREETING) $(MISSING) args 10.96.0.1:443 minikube\n');
  });

  it('a missing executable is a RunContainerError with runc text', () => {
    const c = cluster();
    c.store.create('pods', pod('typo', [{ name: 'typo', image: 'busybox', command: ['slep', '1'] }]));
    c.clock.advance(10_000);
    const s = status(c, 'typo').c!;
    expect(s.lastState?.terminated?.exitCode ?? s.state?.terminated?.exitCode).toBe(128);
    const events = c.store.list('events', { namespace: 'default' }).map((e) => (e as { message?: string }).message);
    expect(events).toContain('Error: failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "slep": executable file not found in $PATH: unknown');
  });

  it('two containers share an emptyDir: a writer loop and exec cat after 5 s', async () => {
    const c = cluster();
    c.store.create('pods', pod('share', [
      { name: 'writer', image: 'busybox', command: ['sh', '-c', 'while true; do date >> /data/log; sleep 1; done'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
      { name: 'reader', image: 'busybox', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/data' }] },
    ], { volumes: [{ name: 'data', emptyDir: {} }] }));
    c.clock.advanceUntil(() => status(c, 'share', 'reader').c?.state?.running !== undefined, 60_000);
    const before = (await exec(c, 'share', 'reader', ['cat', '/data/log'])).out.split('\n').length;
    c.clock.advance(5_000);
    const r = await exec(c, 'share', 'reader', ['cat', '/data/log']);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.length - before + 1).toBe(5);
    expect(lines[0]).toMatch(/^Sat Nov 21 12:00:\d\d UTC 2026$/);
    expect(new Set(lines).size).toBe(lines.length);
    const missing = await exec(c, 'share', 'reader', ['cat', '/nope']);
    expect(missing).toEqual({ out: 'cat: can\'t open \'/nope\': No such file or directory\n', code: 1 });
  });

  it('logs -p shows the previous instance after a crash', async () => {
    const c = cluster();
    c.store.create('pods', pod('crash', [{ name: 'crash', image: 'busybox', command: ['sh', '-c', 'echo run at $(date +%s); sleep 2; exit 3'] }]));
    c.clock.advanceUntil(() => (status(c, 'crash').c?.restartCount ?? 0) >= 1 && status(c, 'crash').c?.state?.running !== undefined, 120_000);
    const s = status(c, 'crash').c!;
    expect(s.lastState?.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    const prev = await c.api.logs('default', 'crash', { previous: true });
    const cur = await c.api.logs('default', 'crash');
    expect(prev).toMatch(/^run at \d+\n$/);
    expect(cur).toMatch(/^run at \d+\n$/);
    expect(prev).not.toBe(cur);
  });

  it('graceful delete of a shell PID 1 without a trap: SIGTERM is ignored, SIGKILL after the grace period (137)', () => {
    const c = cluster();
    c.store.create('pods', pod('stubborn', [{ name: 'stubborn', image: 'busybox', command: ['sh', '-c', 'while true; do sleep 1; done'] }], { terminationGracePeriodSeconds: 5 }));
    c.clock.advance(10_000);
    const rt = c.runtimes.get('minikube') as ContainerRuntime;
    const id = status(c, 'stubborn').c!.containerID!.replace('containerd://', '');
    c.store.delete('pods', 'default', 'stubborn');
    c.clock.advance(4_000);
    expect(rt.containerState(id)).toBe('running');
    let exit: number | undefined;
    c.store.watch('pods', (e) => {
      const t = (e.object as StoredPod).status?.containerStatuses?.[0]?.state?.terminated;
      if (t) exit = t.exitCode;
    }, { namespace: 'default' });
    c.clock.advance(2_000);
    expect(rt.containerState(id) ?? 'exited').toBe('exited');
    expect(exit).toBe(137);
  });

  it('a trap on TERM lets PID 1 exit at once with its own code', () => {
    const c = cluster();
    c.store.create('pods', pod('polite', [{ name: 'polite', image: 'busybox', command: ['sh', '-c', 'trap "echo bye; exit 0" TERM; while true; do sleep 1; done'] }]));
    c.clock.advance(10_000);
    const rt = c.runtimes.get('minikube') as ContainerRuntime;
    const id = status(c, 'polite').c!.containerID!.replace('containerd://', '');
    rt.stopContainer(id, 30);
    c.clock.advance(1_500);
    expect(rt.containerState(id)).toBe('exited');
    expect(rt.containerLogs(id, {})).toBe('bye\n');
  });

  it('exec probes run the command; http probes are refused while nothing listens', () => {
    const c = cluster();
    c.store.create('pods', pod('probed', [{
      name: 'probed', image: 'busybox', command: ['sh', '-c', 'touch /tmp/ok; sleep 3600'],
      readinessProbe: { exec: { command: ['cat', '/tmp/ok'] }, periodSeconds: 2 },
      livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, failureThreshold: 100 },
    }]));
    c.clock.advance(20_000);
    expect(status(c, 'probed').c?.ready).toBe(true);
    const msgs = c.store.list('events', { namespace: 'default' }).map((e) => (e as { message?: string }).message ?? '');
    const ip = (c.store.get('pods', 'default', 'probed') as StoredPod).status.podIP;
    expect(msgs).toContain(`Liveness probe failed: Get "http://${ip}:8080/healthz": dial tcp ${ip}:8080: connect: connection refused`);
  });

  it('snapshot → restore continues a writer loop identically', async () => {
    const run = (c: Cluster) => {
      c.clock.advance(7_300);
      return c;
    };
    const a = cluster('snap');
    a.store.create('pods', pod('loop', [{ name: 'loop', image: 'busybox', command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "tick $i"; echo $i >> /tmp/n; sleep 1; done'] }]));
    a.clock.advance(10_500);
    const b = restored(a);
    run(a);
    run(b);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    const logs = await b.api.logs('default', 'loop');
    expect(logs.split('\n').filter(Boolean).length).toBeGreaterThan(10);
    expect(await b.api.logs('default', 'loop')).toBe(await a.api.logs('default', 'loop'));
    const r = await exec(b, 'loop', 'loop', ['tail', '-n', '1', '/tmp/n']);
    expect(r.out).toBe(`${logs.trimEnd().split('\n').length}\n`);
  });

  it('nginx runs its entrypoint script into PID 1 and quits with 0 on its STOPSIGNAL', async () => {
    const c = cluster();
    c.store.create('pods', pod('web', [{ name: 'web', image: 'nginx' }]));
    c.clock.advance(15_000);
    expect(status(c, 'web').c?.state?.running).toBeDefined();
    expect(await c.api.logs('default', 'web')).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up\n');
    // nginx's image has no procps: exec fails in runc, `sh -c` in dash's words
    await expect(exec(c, 'web', 'web', ['ps'])).rejects.toThrow(/^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "ps": executable file not found in \$PATH: unknown$/);
    expect(await exec(c, 'web', 'web', ['sh', '-c', 'ps'])).toEqual({ out: 'sh: 1: ps: not found\n', code: 127 });
    const rt = c.runtimes.get('minikube') as ContainerRuntime;
    const id = status(c, 'web').c!.containerID!.replace('containerd://', '');
    expect(rt.kernel.processes(id).map((p) => p.argv.join(' '))).toEqual(['nginx: master process nginx -g daemon off;', 'nginx: worker process', 'nginx: worker process']);
    expect(rt.containerFs(id)!.readFile('/etc/os-release')).toContain('ID=debian');
    expect(rt.containerFs(id)!.readFile('/etc/hostname')).toBe('web\n');
    rt.stopContainer(id, 30);
    // the workers finish on their next event-loop turn, then the master exits
    c.clock.advance(100);
    expect(rt.containerState(id)).toBe('exited');
  });

  it('an emptyDir survives a container restart and goes with the pod', async () => {
    const c = cluster();
    c.store.create('pods', pod('keep', [{
      name: 'keep', image: 'busybox', command: ['sh', '-c', 'echo start >> /cache/runs; echo tmp > /tmp/own; sleep 5; exit 1'],
      volumeMounts: [{ name: 'cache', mountPath: '/cache' }],
    }], { volumes: [{ name: 'cache', emptyDir: {} }] }));
    c.clock.advanceUntil(() => (status(c, 'keep').c?.restartCount ?? 0) >= 1 && status(c, 'keep').c?.state?.running !== undefined, 120_000);
    const rt = c.runtimes.get('minikube') as ContainerRuntime;
    const id = status(c, 'keep').c!.containerID!.replace('containerd://', '');
    const fs = rt.containerFs(id)!;
    expect(fs.readFile('/cache/runs')).toBe('start\nstart\n');
    const uid = c.store.get('pods', 'default', 'keep').metadata.uid;
    expect(rt.nodeFs.exists(`/var/lib/kubelet/pods/${uid}`)).toBe(true);
    c.store.delete('pods', 'default', 'keep');
    c.clock.advance(40_000);
    expect(c.store.tryGet('pods', 'default', 'keep')).toBeUndefined();
    expect(rt.nodeFs.exists(`/var/lib/kubelet/pods/${uid}`)).toBe(false);
  });

  it('is deterministic: the same seed and calls give the same cluster, processes and logs', () => {
    const run = () => {
      const c = cluster('same');
      c.store.create('pods', pod('r', [{ name: 'r', image: 'alpine', command: ['sh', '-c', 'while true; do echo $RANDOM; hostname; sleep 2; done'] }]));
      c.clock.advance(30_000);
      return JSON.stringify(c.snapshot());
    };
    expect(run()).toBe(run());
  });

  it('stdin: true keeps a bare shell waiting for input instead of exiting', () => {
    const c = cluster();
    c.store.create('pods', pod('it', [{ name: 'it', image: 'busybox', stdin: true, tty: true }]));
    c.store.create('pods', pod('noit', [{ name: 'noit', image: 'busybox' }]));
    c.clock.advance(60_000);
    expect(status(c, 'it').c).toMatchObject({ restartCount: 0, state: { running: {} } });
    expect((status(c, 'noit').c?.restartCount ?? 0)).toBeGreaterThan(0);
  });
});
