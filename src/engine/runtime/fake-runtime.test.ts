import { describe, it, expect } from 'vitest';
import { Clock } from '../clock';
import { EventRecorder } from '../events';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import type { Container, StoredPod } from '../api/types';
import type { EngineContext } from '../cluster/context';
import type { ContainerExit, ContainerRequest } from './cri';
import { criErrorText } from './cri';
import { FakeRuntime, TERM_EXIT_MS, type FakeBehaviours } from './fake-runtime';
import { catalogDigest, IMAGE_CATALOG, lookupCatalog, preloadedImages } from './image-catalog';

function setup(behaviours?: FakeBehaviours) {
  const clock = new Clock();
  const random = new SeededRandom(7);
  const store = new ApiStore(clock, random);
  const ctx: EngineContext = { clock, random, store, events: new EventRecorder(store, clock) };
  const rt = new FakeRuntime(ctx, behaviours);
  const exits: ContainerExit[] = [];
  rt.setListener({ onContainerExited: (e) => exits.push(e) });
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '1', creationTimestamp: '' }, spec: { containers: [] }, status: {} } as unknown as StoredPod;
  const sandbox = rt.runPodSandbox(pod, '10.244.0.2');
  const start = (container: Container): string => {
    const req: ContainerRequest = { podUid: 'u1', podName: 'web', namespace: 'default', nodeName: 'minikube', podIP: '10.244.0.2', container, kind: 'regular', restartCount: 0, pod };
    const id = rt.createContainer(sandbox, req);
    rt.startContainer(id);
    return id;
  };
  return { clock, rt, exits, start, sandbox, t0: clock.now() };
}

describe('image catalog', () => {
  it('resolves known tags to a fixed digest, size and pull time', () => {
    const r = lookupCatalog('nginx');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.image.ref).toBe('docker.io/library/nginx:latest');
    expect(r.image.size).toBe(72195292);
    expect(r.image.pullMs).toBe(5611);
    expect(r.image.id).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    // tags of one image share its digest; other images differ
    const same = lookupCatalog('nginx:1.27');
    const other = lookupCatalog('nginx:alpine');
    expect(same.ok && same.image.id).toBe(r.image.id);
    expect(other.ok && other.image.id).not.toBe(r.image.id);
  });

  it('resolves a pull by digest', () => {
    const digest = catalogDigest('docker.io/library/busybox', IMAGE_CATALOG['docker.io/library/busybox']![0]!);
    const r = lookupCatalog(`busybox@${digest}`);
    expect(r.ok && r.image.id).toBe(`docker.io/library/busybox@${digest}`);
  });

  it('answers an unknown tag with containerd\'s not-found error (gRPC NotFound)', () => {
    const r = lookupCatalog('nginx:doesnotexist');
    expect(r).toMatchObject({
      ok: false,
      code: 'NotFound',
      error: 'failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found',
    });
    if (!r.ok) {
      expect(criErrorText(r.error, r.code)).toBe(`rpc error: code = NotFound desc = ${r.error}`);
    }
  });

  it('answers an unknown Docker Hub repository with pull access denied (gRPC Unknown, stripped)', () => {
    const r = lookupCatalog('nosuchimage');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('Unknown');
    expect(criErrorText(r.error, r.code)).toBe('failed to pull and unpack image "docker.io/library/nosuchimage:latest": failed to resolve reference "docker.io/library/nosuchimage:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
  });

  it('fails to resolve a registry host that does not exist', () => {
    const r = lookupCatalog('myregistry.local:5000/team/app:v1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toBe('failed to pull and unpack image "myregistry.local:5000/team/app:v1": failed to resolve reference "myregistry.local:5000/team/app:v1": failed to do request: Head "https://myregistry.local:5000/v2/team/app/manifests/v1": dial tcp: lookup myregistry.local: no such host');
  });

  it('preloads the control-plane images and pause', () => {
    const refs = preloadedImages().map((i) => i.ref);
    expect(refs).toContain('registry.k8s.io/pause:3.10');
    expect(refs).toContain('registry.k8s.io/etcd:3.5.16-0');
    expect(refs).toContain('registry.k8s.io/kube-apiserver:v1.32.0');
    expect(refs).not.toContain('docker.io/library/nginx:latest');
  });
});

describe('FakeRuntime', () => {
  it('runs a container until it is stopped: SIGTERM exits 143 a moment later', () => {
    const { clock, rt, exits, start, t0 } = setup();
    const id = start({ name: 'web', image: 'nginx' });
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    clock.advance(3_600_000);
    expect(exits).toEqual([]);
    rt.stopContainer(id, 30);
    clock.advance(1000);
    expect(exits).toEqual([{ containerId: id, exitCode: 143, reason: 'Error', finishedAt: t0 + 3_600_000 + TERM_EXIT_MS }]);
    expect(rt.containerState(id)).toBe('exited');
  });

  it('kills a process that ignores SIGTERM after the grace period: 137', () => {
    const { clock, rt, exits, start, t0 } = setup(() => ({ ignoresSigterm: true }));
    const id = start({ name: 'sleep', image: 'busybox' });
    rt.stopContainer(id, 30);
    clock.advance(29_999);
    expect(exits).toEqual([]);
    clock.advance(1);
    expect(exits).toEqual([{ containerId: id, exitCode: 137, reason: 'Error', finishedAt: t0 + 30_000 }]);
  });

  it('exits on its own per behaviour: Completed for 0, Error otherwise', () => {
    const { clock, exits, start, t0 } = setup((req) => (req.container.name === 'ok' ? { exitAfterMs: 2000 } : { exitAfterMs: 500, exitCode: 3 }));
    const a = start({ name: 'ok', image: 'busybox' });
    const b = start({ name: 'bad', image: 'busybox' });
    clock.advance(5000);
    expect(exits).toEqual([
      { containerId: b, exitCode: 3, reason: 'Error', finishedAt: t0 + 500 },
      { containerId: a, exitCode: 0, reason: 'Completed', finishedAt: t0 + 2000 },
    ]);
  });

  it('stopping the sandbox kills what still runs in it', () => {
    const { clock, rt, exits, start, sandbox } = setup();
    const id = start({ name: 'web', image: 'nginx' });
    rt.stopPodSandbox(sandbox);
    clock.runUntilIdle();
    expect(exits.map((e) => [e.containerId, e.exitCode])).toEqual([[id, 137]]);
  });

  it('answers probes: success by default, connection refused when nothing listens', () => {
    const probe = { httpGet: { path: '/healthz', port: 'http' as unknown as number } };
    const { rt, start } = setup((req) => ({ listens: req.container.name !== 'deaf' }));
    const c = { name: 'deaf', image: 'nginx', ports: [{ name: 'http', containerPort: 8080 }], readinessProbe: probe };
    const id = start(c);
    expect(rt.probe(id, probe, '10.244.0.7')).toEqual({
      result: 'failure', output: 'Get "http://10.244.0.7:8080/healthz": dial tcp 10.244.0.7:8080: connect: connection refused',
    });
    expect(rt.probe(id, { tcpSocket: { port: 80 } }, '10.244.0.7')).toEqual({ result: 'failure', output: 'dial tcp 10.244.0.7:80: connect: connection refused' });
    const ok = start({ name: 'ok', image: 'nginx', readinessProbe: probe });
    expect(rt.probe(ok, probe, '10.244.0.7')).toEqual({ result: 'success', output: '' });
  });

  it('tells the behaviour which probe is asked and how long the container has run', () => {
    const seen: string[] = [];
    const { clock, rt, start } = setup(() => ({ probe: (type, since) => { seen.push(`${type}@${since}`); return { result: 'success', output: '' }; } }));
    const c: Container = { name: 'web', image: 'nginx', livenessProbe: { exec: { command: ['true'] } }, readinessProbe: { tcpSocket: { port: 80 } } };
    const id = start(c);
    clock.advance(1500);
    rt.probe(id, c.readinessProbe!, '10.244.0.2');
    rt.probe(id, structuredClone(c.livenessProbe!), '10.244.0.2');
    expect(seen).toEqual(['readiness@1500', 'liveness@1500']);
  });

  it('snapshots and restores its containers; pending exits still fire', () => {
    const a = setup(() => ({ exitAfterMs: 10_000, exitCode: 1 }));
    const id = a.start({ name: 'web', image: 'nginx' });
    a.clock.advance(4000);
    const snap = JSON.parse(JSON.stringify({ rt: a.rt.snapshot(), clock: a.clock.snapshot() }));
    const b = setup(() => ({ exitAfterMs: 10_000, exitCode: 1 }));
    b.clock.restore(snap.clock);
    b.rt.restore(snap.rt);
    b.clock.advance(6000);
    a.clock.advance(6000);
    expect(b.exits).toEqual(a.exits);
    expect(b.exits[0]).toMatchObject({ containerId: id, exitCode: 1 });
  });
});
