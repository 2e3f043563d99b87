import { describe, it, expect } from 'vitest';
import type { Container } from '../api/types';
import { KubeletHarness } from './test-harness';

const initStates = (h: KubeletHarness, pod: string) => (h.pod(pod)!.status.initContainerStatuses ?? [])
  .map((c) => `${c.name}:${Object.keys(c.state ?? {})[0]}${c.state?.waiting?.reason ? `/${c.state.waiting.reason}` : ''}${c.state?.terminated ? `/${c.state.terminated.exitCode}` : ''}`);
const condition = (h: KubeletHarness, pod: string, type: string) => {
  const c = h.pod(pod)!.status.conditions!.find((x) => x.type === type)!;
  return `${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`;
};
const startedAt = (h: KubeletHarness, pod: string, container: string) => {
  const line = h.timedEvents(pod).find((l) => l.endsWith(`Started container ${container}`));
  return line ? Number(line.split(' ')[0]) : undefined;
};

describe('kubelet: init containers', () => {
  const inits: Container[] = [{ name: 'init-a', image: 'busybox:1.36' }, { name: 'init-b', image: 'busybox:1.36' }];

  it('run one at a time, in order, before the app containers', () => {
    const h = new KubeletHarness({ behaviours: (r) => (r.kind === 'init' ? { exitAfterMs: 2000 } : {}) });
    h.createPod({ name: 'p', spec: { initContainers: inits }, containers: [{ name: 'app', image: 'busybox:1.36' }] });
    h.advance(1);
    expect(h.pod('p')!.status.phase).toBe('Pending');
    expect(initStates(h, 'p')).toEqual(['init-a:waiting/PodInitializing', 'init-b:waiting/PodInitializing']);
    expect(h.pod('p')!.status.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(condition(h, 'p', 'Initialized')).toBe('False ContainersNotInitialized: containers with incomplete status: [init-a init-b]');
    h.advance(2);
    expect(initStates(h, 'p')).toEqual(['init-a:running', 'init-b:waiting/PodInitializing']);
    h.advance(20);
    expect(initStates(h, 'p')).toEqual(['init-a:terminated/0', 'init-b:terminated/0']);
    expect(h.pod('p')!.status.initContainerStatuses!.map((c) => c.ready)).toEqual([true, true]);
    expect(condition(h, 'p', 'Initialized')).toBe('True');
    expect(h.pod('p')!.status.phase).toBe('Running');
    const a = startedAt(h, 'p', 'init-a')!;
    const b = startedAt(h, 'p', 'init-b')!;
    const app = startedAt(h, 'p', 'app')!;
    expect(b).toBeGreaterThanOrEqual(a + 2);
    expect(app).toBeGreaterThanOrEqual(b + 2);
    const ev = h.podEvents('p').find((e) => e.message === 'Created container: init-a')!;
    expect(ev.involvedObject.fieldPath).toBe('spec.initContainers{init-a}');
  });

  it('a failed init container fails the pod under restartPolicy Never', () => {
    const h = new KubeletHarness({ behaviours: (r) => (r.kind === 'init' ? { exitAfterMs: 1000, exitCode: r.container.name === 'init-a' ? 1 : 0 } : {}) });
    h.createPod({ name: 'p', spec: { restartPolicy: 'Never', initContainers: inits }, containers: [{ name: 'app', image: 'busybox:1.36' }] });
    h.advance(30);
    const s = h.pod('p')!.status;
    expect(s.phase).toBe('Failed');
    expect(initStates(h, 'p')).toEqual(['init-a:terminated/1', 'init-b:waiting/PodInitializing']);
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(condition(h, 'p', 'Initialized')).toBe('False ContainersNotInitialized: containers with incomplete status: [init-a init-b]');
    expect(condition(h, 'p', 'Ready')).toBe('False PodFailed');
    expect(h.eventLines('p').some((l) => l.includes('init-b') || l.includes('container: app'))).toBe(false);
  });

  it('a failed init container is restarted with crash-loop backoff otherwise', () => {
    const h = new KubeletHarness({ behaviours: (r) => (r.kind === 'init' ? { exitAfterMs: 1000, exitCode: 1 } : {}) });
    const pod = h.createPod({ name: 'p', spec: { initContainers: inits }, containers: [{ name: 'app', image: 'busybox:1.36' }] });
    h.advance(20);
    const s = h.pod('p')!.status;
    expect(s.phase).toBe('Pending');
    const init = s.initContainerStatuses![0]!;
    expect(init.state).toEqual({ waiting: { reason: 'CrashLoopBackOff', message: `back-off 20s restarting failed container=init-a pod=p_default(${pod.metadata.uid})` } });
    expect(init.lastState!.terminated).toMatchObject({ exitCode: 1, reason: 'Error' });
    expect(init.restartCount).toBe(2);
    expect(h.eventLines('p')).toContain(`Warning BackOff Back-off restarting failed container init-a in pod p_default(${pod.metadata.uid})`);
    expect(h.eventLines('p').some((l) => l.includes('init-b'))).toBe(false);
  });
});

describe('kubelet: sidecar containers', () => {
  const proxy: Container = {
    name: 'proxy', image: 'nginx:alpine', restartPolicy: 'Always',
    startupProbe: { exec: { command: ['cat', '/tmp/ready'] }, periodSeconds: 5, failureThreshold: 30 },
  };

  it('the next init container waits until the sidecar\'s startup probe passes', () => {
    const readyAfter = 12_000;
    const h = new KubeletHarness({
      behaviours: (r) => (r.kind === 'init' ? { exitAfterMs: 1000 } : {
        probe: (type, since) => (type === 'startup' && since < readyAfter ? { result: 'failure', output: 'cat: /tmp/ready: No such file or directory' } : { result: 'success', output: '' }),
      }),
    });
    h.createPod({ name: 'p', spec: { initContainers: [proxy, { name: 'migrate', image: 'registry.k8s.io/pause:3.10' }] }, containers: [{ name: 'app', image: 'busybox:1.36' }] });
    h.advance(60);
    const proxyStarted = startedAt(h, 'p', 'proxy')!;
    const migrateStep = h.timedEvents('p').find((l) => l.includes('"registry.k8s.io/pause:3.10" already present'))!;
    // probes run every 5 s from the start; the first success is the first one at or after 12 s
    expect(Math.round((Number(migrateStep.split(' ')[0]) - proxyStarted) * 1000)).toBe(15_000);
    const s = h.pod('p')!.status;
    expect(s.phase).toBe('Running');
    expect(s.initContainerStatuses!.map((c) => [c.name, c.started, c.ready])).toEqual([['proxy', true, true], ['migrate', false, true]]);
    expect(condition(h, 'p', 'ContainersReady')).toBe('True');
    expect(h.eventLines('p')).toContain('Warning Unhealthy Startup probe failed: cat: /tmp/ready: No such file or directory');
  });

  it('while the sidecar has not started, the pod is Pending and not initialized', () => {
    const h = new KubeletHarness({ behaviours: () => ({ probe: () => ({ result: 'failure', output: 'not yet' }) }) });
    h.createPod({ name: 'p', spec: { initContainers: [proxy] }, containers: [{ name: 'app', image: 'busybox:1.36' }] });
    h.advance(20);
    const s = h.pod('p')!.status;
    expect(s.phase).toBe('Pending');
    expect(s.initContainerStatuses![0]).toMatchObject({ name: 'proxy', started: false, ready: false, state: { running: {} } });
    expect(condition(h, 'p', 'Initialized')).toBe('False ContainersNotInitialized: containers with incomplete status: [proxy]');
    expect(condition(h, 'p', 'ContainersReady')).toBe('False ContainersNotReady: containers with unready status: [proxy app]');
  });

  it('is stopped once the regular containers are done, and the pod succeeds', () => {
    const h = new KubeletHarness({ behaviours: (r) => (r.kind === 'regular' ? { exitAfterMs: 5000 } : {}) });
    h.createPod({ name: 'job', spec: { restartPolicy: 'Never', initContainers: [{ name: 'logs', image: 'busybox:1.36', restartPolicy: 'Always' }] }, containers: [{ name: 'work', image: 'busybox:1.36' }] });
    h.advance(30);
    const s = h.pod('job')!.status;
    expect(s.phase).toBe('Succeeded');
    expect(s.initContainerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 143 });
    expect(s.containerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(h.eventLines('job')).toContain('Normal Killing Stopping container logs');
  });
});
