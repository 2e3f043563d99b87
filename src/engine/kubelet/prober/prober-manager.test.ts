import { describe, expect, it } from 'vitest';
import { Clock, type ClockState } from '../../clock';
import { SeededRandom, type RandomState } from '../../../shared/random';
import { ApiStore, type StoreState } from '../../store/store';
import { EVENT_TTL_TIMER, EventRecorder, type EventRecorderState } from '../../events';
import type { EngineContext } from '../../cluster/context';
import type { Container, Probe, StoredEvent, StoredPod } from '../../api/types';
import { ProberManager, killMessage, type ProberHost } from './prober-manager';
import type { ProbeOutcome, ProbeRunner } from './prober';

const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);
const NODE = 'minikube';
const POD_IP = '10.244.0.7';

function newContext(seed = 7): EngineContext {
  const clock = new Clock(T0);
  const random = new SeededRandom(seed);
  const store = new ApiStore(clock, random);
  return { clock, random, store, events: new EventRecorder(store, clock) };
}

/** A runtime whose probe answers come from a script: (containerId, probe, now) -> outcome. */
class FakeRuntime implements ProbeRunner {
  calls: { at: number; containerId: string; podIP: string; path?: string }[] = [];
  constructor(private readonly clock: Clock, public answer: (id: string, probe: Probe, now: number) => ProbeOutcome) {}
  probe(containerId: string, probe: Probe, podIP: string): ProbeOutcome {
    const now = this.clock.now();
    this.calls.push({ at: (now - T0) / 1000, containerId, podIP, path: probe.httpGet?.path });
    return this.answer(containerId, probe, now);
  }
  /** Seconds since T0 at which `path` was probed. */
  times(path: string): number[] {
    return this.calls.filter((c) => c.path === path).map((c) => c.at);
  }
}

class FakeHost implements ProberHost {
  log: string[] = [];
  onKill?: (podUid: string, container: string) => void;
  constructor(private readonly clock: Clock) {}
  onProbeResultChanged(podUid: string, containerName: string): void {
    this.log.push(`${(this.clock.now() - T0) / 1000}s changed ${podUid}/${containerName}`);
  }
  killContainerForProbe(podUid: string, containerName: string, containerId: string, type: string, message: string, grace?: number): void {
    this.log.push(`${(this.clock.now() - T0) / 1000}s kill ${podUid}/${containerName} ${containerId} ${type} "${message}" grace=${grace}`);
    this.onKill?.(podUid, containerName);
  }
}

const ok: ProbeOutcome = { result: 'success', output: '' };
const http500: ProbeOutcome = { result: 'failure', output: 'HTTP probe failed with statuscode: 500' };

function probe(path: string, extra: Partial<Probe> = {}): Probe {
  // Defaulted as the API server stores it (pkg/apis/core/v1/defaults.go SetDefaults_Probe).
  return { httpGet: { path, port: 8080, scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3, ...extra };
}

function makePod(container: Partial<Container>, opts: { restartPolicy?: string; sidecar?: Container; uid?: string } = {}): StoredPod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web', namespace: 'default', uid: opts.uid ?? 'pod-uid-1', resourceVersion: '5', creationTimestamp: '2026-11-21T12:00:00Z' },
    spec: {
      containers: [{ name: 'web', image: 'nginx', ...container }],
      initContainers: opts.sidecar ? [opts.sidecar] : undefined,
      restartPolicy: opts.restartPolicy ?? 'Always',
    },
    status: { phase: 'Running', podIP: POD_IP },
  } as StoredPod;
}

function setup(answer: (id: string, probe: Probe, now: number) => ProbeOutcome, ctx = newContext()) {
  const runtime = new FakeRuntime(ctx.clock, answer);
  const host = new FakeHost(ctx.clock);
  const manager = new ProberManager(ctx, NODE, runtime, host);
  return { ctx, runtime, host, manager };
}

function events(ctx: EngineContext): StoredEvent[] {
  return ctx.store.list('events') as StoredEvent[];
}

const sec = (s: number) => s * 1000;

describe('ProberManager: events', () => {
  it('records Warning Unhealthy "Liveness probe failed: ..." from the kubelet, deduplicated per attempt', () => {
    const { ctx, manager } = setup(() => http500);
    const pod = makePod({ livenessProbe: probe('/healthz', { failureThreshold: 5 }) });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(25)); // probes at 0, 10, 20
    const evs = events(ctx);
    expect(evs).toHaveLength(1);
    expect(evs[0]).toMatchObject({
      type: 'Warning',
      reason: 'Unhealthy',
      message: 'Liveness probe failed: HTTP probe failed with statuscode: 500',
      count: 3,
      source: { component: 'kubelet', host: NODE },
      involvedObject: { kind: 'Pod', name: 'web', namespace: 'default', uid: 'pod-uid-1', fieldPath: 'spec.containers{web}' },
      firstTimestamp: '2026-11-21T12:00:00Z',
      lastTimestamp: '2026-11-21T12:00:20Z',
    });
  });

  it('retries an errored probe 3 times, reports "Readiness probe errored: ..." and discards the result', () => {
    const refused = 'Get "http://10.244.0.7:8080/ready": dial tcp 10.244.0.7:8080: connect: connection refused';
    const { ctx, runtime, host, manager } = setup(() => ({ result: 'error', output: refused }));
    const pod = makePod({ readinessProbe: probe('/ready', { failureThreshold: 1 }) });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(1));
    expect(runtime.times('/ready')).toEqual([0, 0, 0]);
    expect(runtime.calls[0]!.podIP).toBe(POD_IP);
    expect(events(ctx).map((e) => `${e.reason}: ${e.message}`)).toEqual([`Unhealthy: Readiness probe errored: ${refused}`]);
    expect(manager.isReady('pod-uid-1', 'web')).toBe(false);
    expect(host.log).toEqual([]);
  });

  it('reports a warning as Warning ProbeWarning and counts it as success', () => {
    const { ctx, host, manager } = setup(() => ({ result: 'warning', output: 'Probe terminated redirects, Response body: moved' }));
    const pod = makePod({ readinessProbe: probe('/ready') });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(1));
    const [ev] = events(ctx);
    expect(ev).toMatchObject({ type: 'Warning', reason: 'ProbeWarning', message: 'Readiness probe warning: Probe terminated redirects, Response body: moved' });
    expect(manager.isReady('pod-uid-1', 'web')).toBe(true);
    expect(host.log).toEqual(['0s changed pod-uid-1/web']);
  });

  it('points sidecar events at spec.initContainers{name} and uses the Init container kill message', () => {
    const sidecar: Container = { name: 'proxy', image: 'envoy', restartPolicy: 'Always', livenessProbe: probe('/live', { failureThreshold: 1 }) };
    const { ctx, host, manager } = setup(() => http500);
    const pod = makePod({}, { sidecar });
    manager.addContainer({ pod, containerName: 'proxy', containerId: 's1', startedAt: T0, sidecar: true });
    ctx.clock.advance(sec(1));
    expect(events(ctx)[0]!.involvedObject.fieldPath).toBe('spec.initContainers{proxy}');
    expect(host.log).toEqual(['0s kill pod-uid-1/proxy s1 liveness "Init container proxy failed liveness probe" grace=undefined']);
  });
});

describe('ProberManager: thresholds and timing', () => {
  it('flips readiness only after successThreshold consecutive successes, and back after failureThreshold failures', () => {
    let healthy = true;
    const { ctx, runtime, host, manager } = setup(() => (healthy ? ok : http500));
    const pod = makePod({ readinessProbe: probe('/ready', { periodSeconds: 5, successThreshold: 3, failureThreshold: 2 }) });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    expect(manager.isStarted('pod-uid-1', 'web')).toBe(true);
    expect(manager.isReady('pod-uid-1', 'web')).toBe(false); // initial readiness is Failure
    ctx.clock.advance(sec(9)); // successes at 0 and 5
    expect(manager.isReady('pod-uid-1', 'web')).toBe(false);
    ctx.clock.advance(sec(1)); // third success at 10
    expect(manager.isReady('pod-uid-1', 'web')).toBe(true);
    expect(host.log).toEqual(['10s changed pod-uid-1/web']);
    healthy = false;
    ctx.clock.advance(sec(5)); // failure at 15
    expect(manager.isReady('pod-uid-1', 'web')).toBe(true);
    ctx.clock.advance(sec(5)); // failure at 20
    expect(manager.isReady('pod-uid-1', 'web')).toBe(false);
    expect(host.log).toEqual(['10s changed pod-uid-1/web', '20s changed pod-uid-1/web']);
    expect(runtime.times('/ready')).toEqual([0, 5, 10, 15, 20]);
  });

  it('kills after failureThreshold x periodSeconds of liveness failures, passing the probe grace period', () => {
    const { ctx, runtime, host, manager } = setup((_id, _p, now) => (now - T0 < sec(30) ? ok : http500));
    const pod = makePod({ livenessProbe: probe('/healthz', { periodSeconds: 10, failureThreshold: 3, terminationGracePeriodSeconds: 5 }) });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(49));
    expect(host.log).toEqual([]);
    ctx.clock.advance(sec(1)); // failures at 30, 40, 50
    expect(host.log).toEqual(['50s kill pod-uid-1/web c1 liveness "Container web failed liveness probe, will be restarted" grace=5']);
    expect(runtime.times('/healthz')).toEqual([0, 10, 20, 30, 40, 50]);
    expect(events(ctx)[0]!.count).toBe(3);
  });

  it('drops ", will be restarted" when restartPolicy is Never', () => {
    expect(killMessage(makePod({}, { restartPolicy: 'Never' }), 'web', false, 'liveness')).toBe('Container web failed liveness probe');
    expect(killMessage(makePod({}, { restartPolicy: 'OnFailure' }), 'web', false, 'startup')).toBe('Container web failed startup probe, will be restarted');
    expect(killMessage(makePod({}, { restartPolicy: 'Never' }), 'proxy', true, 'startup')).toBe('Init container proxy failed startup probe');
  });

  it('waits initialDelaySeconds after the container started before the first probe', () => {
    const { ctx, runtime, manager } = setup(() => ok);
    const pod = makePod({
      readinessProbe: probe('/ready', { initialDelaySeconds: 15, periodSeconds: 10 }),
      livenessProbe: probe('/healthz', { initialDelaySeconds: 5, periodSeconds: 20 }),
    });
    ctx.clock.advance(sec(2)); // the kubelet learns of the start 2s late
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(12)); // now 14s
    expect(runtime.times('/ready')).toEqual([]);
    expect(manager.isReady('pod-uid-1', 'web')).toBe(false);
    ctx.clock.advance(sec(30)); // now 44s
    expect(runtime.times('/ready')).toEqual([15, 25, 35]);
    expect(runtime.times('/healthz')).toEqual([5, 25]);
    expect(manager.isReady('pod-uid-1', 'web')).toBe(true);
  });
});

describe('ProberManager: startup, hold and deletion', () => {
  it('runs only the startup probe until it succeeds, then readiness at once and liveness on its ticks', () => {
    const { ctx, runtime, host, manager } = setup((_id, p, now) => (p.httpGet?.path === '/startup' && now - T0 < sec(12) ? http500 : ok));
    const pod = makePod({
      startupProbe: probe('/startup', { periodSeconds: 4, failureThreshold: 30 }),
      readinessProbe: probe('/ready', { periodSeconds: 10 }),
      livenessProbe: probe('/healthz', { periodSeconds: 10 }),
    });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(11));
    expect(manager.isStarted('pod-uid-1', 'web')).toBe(false);
    expect(manager.isReady('pod-uid-1', 'web')).toBe(false);
    expect(runtime.times('/ready')).toEqual([]);
    expect(runtime.times('/healthz')).toEqual([]);
    ctx.clock.advance(sec(1)); // startup succeeds at 12
    expect(manager.isStarted('pod-uid-1', 'web')).toBe(true);
    expect(manager.isReady('pod-uid-1', 'web')).toBe(true); // readiness was triggered at once
    expect(host.log).toEqual(['12s changed pod-uid-1/web', '12s changed pod-uid-1/web']);
    ctx.clock.advance(sec(30));
    expect(runtime.times('/startup')).toEqual([0, 4, 8, 12]); // startup stops once started
    expect(runtime.times('/ready')).toEqual([12, 22, 32, 42]);
    expect(runtime.times('/healthz')).toEqual([20, 30, 40]); // liveness keeps its own ticks
    expect(events(ctx).map((e) => `${e.message} x${e.count}`)).toEqual(['Startup probe failed: HTTP probe failed with statuscode: 500 x3']);
  });

  it('keeps the run counters across a container restart, as the upstream worker does', () => {
    const { ctx, manager } = setup(() => ok);
    const pod = makePod({ readinessProbe: probe('/ready', { periodSeconds: 10, successThreshold: 3 }) });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(15)); // successes at 0 and 10
    manager.removeContainer('pod-uid-1', 'web');
    manager.addContainer({ pod, containerName: 'web', containerId: 'c2', startedAt: ctx.clock.now(), sidecar: false });
    expect(manager.isReady('pod-uid-1', 'web')).toBe(false);
    ctx.clock.advance(0); // the first success of c2 is the third in a row
    expect(manager.isReady('pod-uid-1', 'web')).toBe(true);
  });

  it('kills a container whose startup probe fails failureThreshold times', () => {
    const { ctx, host, manager } = setup(() => http500);
    const pod = makePod({ startupProbe: probe('/startup', { periodSeconds: 5, failureThreshold: 2 }) }, { restartPolicy: 'Never' });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(60));
    expect(host.log).toEqual(['5s kill pod-uid-1/web c1 startup "Container web failed startup probe" grace=undefined']);
    expect(manager.isStarted('pod-uid-1', 'web')).toBe(false);
  });

  it('holds after a liveness failure until the kubelet reports a new container ID', () => {
    const { ctx, runtime, host, manager } = setup((id) => (id === 'c1' ? http500 : ok));
    const pod = makePod({ livenessProbe: probe('/healthz', { periodSeconds: 10, failureThreshold: 1 }) });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(100));
    expect(runtime.calls.map((c) => `${c.at}:${c.containerId}`)).toEqual(['0:c1']);
    expect(host.log).toHaveLength(1);
    // The kubelet stops the old container and starts a new one at 100s.
    manager.removeContainer('pod-uid-1', 'web');
    manager.addContainer({ pod, containerName: 'web', containerId: 'c2', startedAt: ctx.clock.now(), sidecar: false });
    ctx.clock.advance(sec(25));
    expect(runtime.calls.map((c) => `${c.at}:${c.containerId}`)).toEqual(['0:c1', '100:c2', '110:c2', '120:c2']);
    expect(host.log).toHaveLength(1);
  });

  it('reports a stopped container as neither started nor ready, and stops probing it', () => {
    const { ctx, runtime, manager } = setup(() => ok);
    const pod = makePod({ readinessProbe: probe('/ready') });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(1));
    expect(manager.isReady('pod-uid-1', 'web')).toBe(true);
    manager.removeContainer('pod-uid-1', 'web');
    ctx.clock.advance(sec(60));
    expect(manager.isReady('pod-uid-1', 'web')).toBe(false);
    expect(manager.isStarted('pod-uid-1', 'web')).toBe(false);
    expect(runtime.times('/ready')).toEqual([0]);
    expect(manager.isReady('pod-uid-1', 'other')).toBe(false);
  });

  it('forces liveness and startup to success on pod deletion and stops them; readiness goes on', () => {
    const { ctx, runtime, host, manager } = setup(() => http500);
    const pod = makePod({
      startupProbe: probe('/startup', { periodSeconds: 10, failureThreshold: 30 }),
      readinessProbe: probe('/ready', { periodSeconds: 10 }),
      livenessProbe: probe('/healthz', { periodSeconds: 10, failureThreshold: 1 }),
    });
    manager.addContainer({ pod, containerName: 'web', containerId: 'c1', startedAt: T0, sidecar: false });
    ctx.clock.advance(sec(15));
    expect(manager.isStarted('pod-uid-1', 'web')).toBe(false);
    manager.onPodDeleting('pod-uid-1');
    expect(manager.isStarted('pod-uid-1', 'web')).toBe(true);
    ctx.clock.advance(sec(30));
    expect(runtime.times('/startup')).toEqual([0, 10]);
    expect(runtime.times('/healthz')).toEqual([]);
    expect(runtime.times('/ready')).toEqual([20, 30, 40]); // started now, so readiness probes
    expect(manager.isReady('pod-uid-1', 'web')).toBe(false);
    expect(host.log).toEqual([]);
    manager.removePod('pod-uid-1');
    ctx.clock.advance(sec(30));
    expect(runtime.times('/ready')).toEqual([20, 30, 40]);
    // no prober timer is left (the API server's Event TTL sweep is not the prober's)
    expect(ctx.clock.snapshot().tasks.filter((t) => t.target !== EVENT_TTL_TIMER)).toEqual([]);
  });
});

describe('ProberManager: snapshot and restore', () => {
  interface World extends ReturnType<typeof setup> {
    /** containerId -> start time; the fake runtime's answers depend on the container's age. */
    started: Map<string, number>;
    start(): void;
  }

  // A flapping container: liveness fails 25s after each start, readiness fails between 25s and
  // 60s of age; the fake kubelet restarts a killed container at once under a random new id.
  function world(ctx: EngineContext): World {
    const started = new Map<string, number>();
    const base = setup((id, p, now) => {
      const age = now - (started.get(id) ?? T0);
      if (p.httpGet?.path === '/ready') return age < sec(25) || age > sec(60) ? ok : http500;
      return age < sec(25) ? ok : http500;
    }, ctx);
    const pod = makePod({
      readinessProbe: probe('/ready', { periodSeconds: 3, failureThreshold: 2, successThreshold: 2 }),
      livenessProbe: probe('/healthz', { periodSeconds: 7, failureThreshold: 2 }),
    });
    const run = (id: string) => {
      started.set(id, ctx.clock.now());
      base.manager.addContainer({ pod, containerName: 'web', containerId: id, startedAt: ctx.clock.now(), sidecar: false });
    };
    base.host.onKill = (podUid, name) => {
      base.manager.removeContainer(podUid, name);
      run(ctx.random.hex(64));
    };
    return { ...base, started, start: () => run('c1') };
  }

  it('continues after snapshot -> restore exactly as an uninterrupted run', () => {
    const a = world(newContext());
    a.start();
    a.ctx.clock.advance(sec(200));

    const b = world(newContext());
    b.start();
    b.ctx.clock.advance(sec(83));
    const saved = JSON.parse(JSON.stringify({
      clock: b.ctx.clock.snapshot(), random: b.ctx.random.state(), store: b.ctx.store.snapshot(),
      events: b.ctx.events.snapshot(), prober: b.manager.snapshot(), started: [...b.started], log: b.host.log,
    })) as {
      clock: ClockState; random: RandomState; store: StoreState; events: EventRecorderState;
      prober: unknown; started: [string, number][]; log: string[];
    };

    const clock = new Clock(T0);
    const random = SeededRandom.fromState(saved.random);
    const store = new ApiStore(clock, random);
    const c = world({ clock, random, store, events: new EventRecorder(store, clock) });
    clock.restore(saved.clock);
    store.restore(saved.store);
    c.ctx.events.restore(saved.events);
    c.manager.restore(saved.prober);
    for (const [id, t] of saved.started) c.started.set(id, t);
    c.host.log = saved.log;
    expect(clock.pending()).toBe(saved.clock.tasks.length); // restore scheduled nothing
    clock.advance(sec(200 - 83));

    expect(a.host.log.filter((l) => l.includes(' kill ')).length).toBeGreaterThan(2); // the scenario really kills
    expect(a.host.log.filter((l) => l.includes(' changed ')).length).toBeGreaterThan(4); // and flips readiness
    expect(c.host.log).toEqual(a.host.log);
    expect(events(c.ctx)).toEqual(events(a.ctx));
    expect(c.manager.snapshot()).toEqual(a.manager.snapshot());
    expect(clock.snapshot()).toEqual(a.ctx.clock.snapshot());
  });
});
