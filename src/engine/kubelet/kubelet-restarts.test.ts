import { describe, it, expect } from 'vitest';
import type { ContainerRequest } from '../runtime/cri';
import type { FakeBehaviour } from '../runtime/fake-runtime';
import { KUBELET_TIMINGS } from './pod-workers';
import { KubeletHarness } from './test-harness';

const { createMs, startMs } = KUBELET_TIMINGS;
const BUSYBOX_PULL_MS = 1187; // busybox:1.36 in the catalog

/** Records when each attempt of a container was created. */
function recordCreates(behaviour: (req: ContainerRequest) => FakeBehaviour) {
  const creates: { attempt: number; at: number }[] = [];
  const ref: { h?: KubeletHarness } = {};
  const h = new KubeletHarness({
    behaviours: (req) => {
      creates.push({ attempt: req.restartCount, at: ref.h!.clock.now() });
      return behaviour(req);
    },
  });
  ref.h = h;
  return { h, creates };
}

function waitingOf(h: KubeletHarness, name: string) {
  return h.pod(name)!.status.containerStatuses![0]!.state!.waiting;
}

describe('kubelet: crash-loop backoff', () => {
  it('restarts 0, 10, 20, 40, 80, 160, 300, 300 s after each exit', () => {
    const run = 1000;
    const { h, creates } = recordCreates(() => ({ exitAfterMs: run, exitCode: 1 }));
    h.createPod({ name: 'crash', containers: [{ name: 'crash', image: 'busybox:1.36' }] });
    h.advance(1200);
    const delays = creates.slice(1, 9).map((c, i) => c.at - creates[i]!.at - startMs - run - createMs);
    expect(delays).toEqual([0, 10, 20, 40, 80, 160, 300, 300].map((s) => s * 1000));
    expect(creates.slice(0, 9).map((c) => c.attempt)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('shows CrashLoopBackOff with the backoff in the message and a BackOff event', () => {
    const { h } = recordCreates(() => ({ exitAfterMs: 1000, exitCode: 1 }));
    const pod = h.createPod({ name: 'crash', containers: [{ name: 'crash', image: 'busybox:1.36' }] });
    const uid = pod.metadata.uid;
    h.advance(20);
    const cs = h.pod('crash')!.status.containerStatuses![0]!;
    expect(cs.restartCount).toBe(2);
    expect(cs.state).toEqual({ waiting: { reason: 'CrashLoopBackOff', message: `back-off 20s restarting failed container=crash pod=crash_default(${uid})` } });
    expect(cs.lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(cs.ready).toBe(false);
    expect(h.pod('crash')!.status.phase).toBe('Running');
    const backoff = h.podEvents('crash').find((e) => e.reason === 'BackOff')!;
    expect(backoff.type).toBe('Warning');
    expect(backoff.message).toBe(`Back-off restarting failed container crash in pod crash_default(${uid})`);
    // exits near 2.7, 3.8, 15, 36, 77, 159 and 320 s
    h.advance(180);
    expect(waitingOf(h, 'crash')!.message).toMatch(/^back-off 2m40s restarting failed container=crash pod=/);
    h.advance(200);
    expect(waitingOf(h, 'crash')!.message).toMatch(/^back-off 5m0s restarting failed container=crash pod=/);
  });

  it('the first crash restarts at once: the state stays terminated until then, then running with lastState', () => {
    const { h } = recordCreates((req) => (req.restartCount === 0 ? { exitAfterMs: 3000, exitCode: 0 } : {}));
    h.createPod({ name: 'once', containers: [{ name: 'once', image: 'busybox:1.36' }] });
    h.advance(30);
    const cs = h.pod('once')!.status.containerStatuses![0]!;
    expect(cs.restartCount).toBe(1);
    expect(cs.state!.running).toBeDefined();
    expect(cs.lastState!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(h.eventLines('once')).toContain('Normal Pulled Container image "busybox:1.36" already present on machine');
  });

  it('forgets the backoff after 10 minutes of running', () => {
    const run = 1000;
    const long = 700_000;
    const { h, creates } = recordCreates((req) => ({ exitAfterMs: req.restartCount === 3 ? long : run, exitCode: 2 }));
    h.createPod({ name: 'flaky', containers: [{ name: 'flaky', image: 'busybox:1.36' }] });
    h.advance(800);
    const runs = [run, run, run, long, run];
    const delays = creates.slice(1, 6).map((c, i) => c.at - creates[i]!.at - startMs - runs[i]! - createMs);
    expect(delays).toEqual([0, 10_000, 20_000, 0, 10_000]);
  });
});

describe('kubelet: restart policies', () => {
  it('Never: a failed container stays dead and the pod fails; the sandbox stops, the IP stays in status', () => {
    const { h } = recordCreates(() => ({ exitAfterMs: 2000, exitCode: 3 }));
    h.createPod({ name: 'job', spec: { restartPolicy: 'Never' }, containers: [{ name: 'job', image: 'busybox:1.36' }] });
    h.advance(60);
    const s = h.pod('job')!.status;
    expect(s.phase).toBe('Failed');
    expect(s.containerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(s.containerStatuses![0]!.restartCount).toBe(0);
    expect((s.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}`)).toEqual([
      'PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False PodFailed', 'ContainersReady=False PodFailed', 'PodScheduled=True',
    ]);
    expect(s.podIP).toBe('10.244.0.2');
    expect(h.kubelet.ipam.inUse()).toBe(0);
    expect(h.eventLines('job').filter((l) => l.includes('Started'))).toHaveLength(1);
  });

  it('OnFailure: restarts a failure, and the pod succeeds once it exits 0', () => {
    const { h } = recordCreates((req) => ({ exitAfterMs: 2000, exitCode: req.restartCount < 2 ? 1 : 0 }));
    h.createPod({ name: 'retry', spec: { restartPolicy: 'OnFailure' }, containers: [{ name: 'retry', image: 'busybox:1.36' }] });
    h.advance(60);
    const s = h.pod('retry')!.status;
    expect(s.phase).toBe('Succeeded');
    expect(s.containerStatuses![0]).toMatchObject({ restartCount: 2, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
    expect((s.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}`)).toEqual([
      'PodReadyToStartContainers=False', 'Initialized=True PodCompleted', 'Ready=False PodCompleted', 'ContainersReady=False PodCompleted', 'PodScheduled=True',
    ]);
  });

  it('Always: even a container that exits 0 is restarted', () => {
    const { h } = recordCreates(() => ({ exitAfterMs: 1000 }));
    h.createPod({ name: 'svc', containers: [{ name: 'svc', image: 'busybox:1.36' }] });
    h.advance(20);
    const s = h.pod('svc')!.status;
    expect(s.phase).toBe('Running');
    expect(s.containerStatuses![0]!.state!.waiting!.reason).toBe('CrashLoopBackOff');
    expect(s.containerStatuses![0]!.lastState!.terminated!.reason).toBe('Completed');
  });
});

describe('kubelet: image errors', () => {
  it('ErrImagePull, then ImagePullBackOff with the previous error, retried as the backoff expires', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'bad', containers: [{ name: 'bad', image: 'nginx:doesnotexist' }] });
    const notFound = 'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:doesnotexist": failed to resolve reference "docker.io/library/nginx:doesnotexist": docker.io/library/nginx:doesnotexist: not found';
    h.advance(5);
    expect(h.eventLines('bad')).toEqual([
      'Normal Pulling Pulling image "nginx:doesnotexist"',
      `Warning Failed Failed to pull image "nginx:doesnotexist": ${notFound}`,
      'Warning Failed Error: ErrImagePull',
    ]);
    expect(waitingOf(h, 'bad')).toEqual({ reason: 'ErrImagePull', message: notFound });
    h.advance(20);
    expect(h.eventLines('bad')).toContain('Normal BackOff Back-off pulling image "nginx:doesnotexist"');
    expect(h.eventLines('bad')).toContain('Warning Failed Error: ImagePullBackOff');
    expect(waitingOf(h, 'bad')).toEqual({ reason: 'ImagePullBackOff', message: `Back-off pulling image "nginx:doesnotexist": ErrImagePull: ${notFound}` });
    // pulls start 0.3 s in, then 10, 20, 40 s after each failure (each takes 1.187 s to fail)
    const starts = [300];
    for (const backoff of [10_000, 20_000, 40_000, 80_000]) starts.push(starts[starts.length - 1]! + BUSYBOX_PULL_MS + backoff);
    const pulling = () => h.podEvents('bad').find((e) => e.reason === 'Pulling')!;
    h.clock.advanceUntil(() => false, h.start + starts[3]! - 1 - h.clock.now());
    expect(pulling().count).toBe(3);
    h.clock.advance(1);
    expect(pulling().count).toBe(4);
    expect(pulling().lastTimestamp).toBe(new Date(Math.floor((h.start + starts[3]!) / 1000) * 1000).toISOString().replace('.000Z', 'Z'));
  });

  it('an unknown Docker Hub repository fails with pull access denied', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'typo', containers: [{ name: 'typo', image: 'ngnix' }] });
    h.advance(5);
    expect(h.eventLines('typo')[1]).toBe('Warning Failed Failed to pull image "ngnix": failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed');
  });

  it('ErrImageNeverPull when the image is absent and the policy is Never', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'never', containers: [{ name: 'never', image: 'nginx', imagePullPolicy: 'Never' }] });
    h.advance(5);
    const msg = 'Container image "nginx" is not present with pull policy of Never';
    expect(h.eventLines('never')).toEqual([`Warning ErrImageNeverPull ${msg}`, 'Warning Failed Error: ErrImageNeverPull']);
    expect(waitingOf(h, 'never')).toEqual({ reason: 'ErrImageNeverPull', message: msg });
    // a preloaded image is fine with Never
    h.createPod({ name: 'pause', containers: [{ name: 'pause', image: 'registry.k8s.io/pause:3.10', imagePullPolicy: 'Never' }] });
    h.advance(5);
    expect(h.eventLines('pause')[0]).toBe('Normal Pulled Container image "registry.k8s.io/pause:3.10" already present on machine');
    expect(h.pod('pause')!.status.phase).toBe('Running');
  });

  it('InvalidImageName for a reference that does not parse', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'upper', containers: [{ name: 'upper', image: 'Nginx' }] });
    h.advance(5);
    const msg = 'Failed to apply default image tag "Nginx": couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase';
    expect(h.eventLines('upper')).toEqual([`Warning InspectFailed ${msg}`, 'Warning Failed Error: InvalidImageName']);
    expect(waitingOf(h, 'upper')).toEqual({ reason: 'InvalidImageName', message: msg });
  });
});

describe('kubelet: container config and spec changes', () => {
  it('CreateContainerConfigError until the ConfigMap exists', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'cfg', containers: [{
      name: 'cfg', image: 'busybox:1.36',
      env: [{ name: 'LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'level' } } }],
    }] });
    h.advance(5);
    expect(h.eventLines('cfg')).toContain('Warning Failed Error: configmap "app-config" not found');
    expect(waitingOf(h, 'cfg')).toEqual({ reason: 'CreateContainerConfigError', message: 'configmap "app-config" not found' });
    h.store.create('configmaps', { metadata: { name: 'app-config', namespace: 'default' }, data: { other: 'x' } });
    h.advance(10);
    expect(waitingOf(h, 'cfg')).toEqual({ reason: 'CreateContainerConfigError', message: "couldn't find key level in ConfigMap default/app-config" });
    h.store.update('configmaps', { metadata: { name: 'app-config', namespace: 'default' }, data: { level: 'debug' } });
    h.advance(10);
    expect(h.pod('cfg')!.status.phase).toBe('Running');
  });

  it('a changed image restarts the container without backoff', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'img', containers: [{ name: 'img', image: 'nginx:1.27' }] });
    h.advance(20);
    const cur = h.pod('img')!;
    const spec = structuredClone(cur.spec);
    spec.containers[0]!.image = 'nginx:1.26';
    h.store.update('pods', { ...structuredClone(cur), spec });
    h.advance(20);
    expect(h.eventLines('img').slice(4)).toEqual([
      'Normal Killing Container img definition changed, will be restarted',
      'Normal Pulling Pulling image "nginx:1.26"',
      'Normal Pulled Successfully pulled image "nginx:1.26" in 5.489s (5.489s including waiting). Image size: 71003478 bytes.',
    ]);
    // the second Created and Started are the same events again (counted)
    expect(h.podEvents('img').filter((e) => e.reason === 'Created' || e.reason === 'Started').map((e) => e.count)).toEqual([2, 2]);
    const cs = h.pod('img')!.status.containerStatuses![0]!;
    expect(cs).toMatchObject({ restartCount: 1, image: 'docker.io/library/nginx:1.26', state: { running: {} } });
    expect(cs.lastState!.terminated).toMatchObject({ exitCode: 143 });
  });
});

describe('kubelet: liveness probe failures', () => {
  it('kills the container with the probe\'s message and restarts it', () => {
    const h = new KubeletHarness({
      behaviours: () => ({ probe: (type, since) => (type === 'liveness' && since >= 20_000 ? { result: 'failure', output: 'HTTP probe failed with statuscode: 500' } : { result: 'success', output: '' }) }),
    });
    h.createPod({ name: 'live', containers: [{ name: 'live', image: 'nginx', livenessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 5, failureThreshold: 3 } }] });
    h.advance(60);
    const lines = h.eventLines('live');
    expect(lines).toContain('Warning Unhealthy Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(lines).toContain('Normal Killing Container live failed liveness probe, will be restarted');
    const cs = h.pod('live')!.status.containerStatuses![0]!;
    expect(cs.restartCount).toBeGreaterThanOrEqual(1);
    expect(cs.lastState!.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
  });
});
