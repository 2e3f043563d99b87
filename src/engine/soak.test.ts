// Soak: a busy cluster (crash loops, failing probes, chatty logs, pod churn and the Events all of
// that records) run for many virtual hours must not grow without bound: logs sit in ring buffers,
// Events expire after the API server's TTL, and timers are cancelled with what scheduled them.
// `npm test` runs a small size (3 h, one pod of each kind); the nightly size is
// SOAK_HOURS=24 SOAK_PODS=10.
import { describe, expect, it } from 'vitest';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Cluster } from './cluster/cluster';
import { Clock } from './clock';
import { EVENT_TTL_MS, EventRecorder } from './events';
import { ApiStore } from './store/store';
import { SeededRandom } from '../shared/random';
import { DEFAULT_LOG_BYTES } from './runtime/process/log-buffer';
import type { StoredEvent, StoredPod } from './api/types';

const HOURS = Number(process.env.SOAK_HOURS ?? 3);
/** pods of each long-running kind */
const PODS = Number(process.env.SOAK_PODS ?? 1);
const MINUTE = 60_000;

function container(name: string, image: string, extra: Record<string, unknown>) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { soak: 'yes' } }, spec: { containers: [{ name: 'c', image, ...extra }] } };
}

function busyCluster(): Cluster {
  const c = Cluster.create({ seed: 'soak' });
  for (let i = 0; i < PODS; i++) {
    // exits after a few seconds: CrashLoopBackOff, back-off capped at 5 minutes
    c.store.create('pods', container(`crash-${i}`, 'busybox', { command: ['sh', '-c', 'echo starting; sleep 3; echo failing >&2; exit 1'] }));
    // nginx listens on 80: the liveness probe on 81 fails and restarts it, readiness never passes
    c.store.create('pods', container(`probed-${i}`, 'nginx', {
      livenessProbe: { tcpSocket: { port: 81 }, periodSeconds: 5, failureThreshold: 2 },
      readinessProbe: { httpGet: { path: '/ready', port: 81 }, periodSeconds: 5 },
    }));
    // ten log lines a second: its 1 MiB ring buffer is full within the hour
    c.store.create('pods', container(`chatty-${i}`, 'busybox', { command: ['sh', '-c', 'i=0; while true; do i=$((i+1)); printf "line $i.%s of chatter chatter\\n" 1 2 3 4 5 6 7 8 9 10; sleep 1; done'] }));
  }
  return c;
}

/** Heap in use after a full collection, in MB (gc exposed at run time, as scripts/bench.ts does). */
function heapMB(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

interface Sample {
  hour: number;
  events: number;
  timers: number;
  /** the serialised cluster: every object, log buffer, filesystem and pending timer */
  stateBytes: number;
  heap: number;
}

function sample(c: Cluster, hour: number): Sample {
  return {
    hour,
    events: c.store.count('events'),
    timers: c.clock.pending(),
    stateBytes: JSON.stringify(c.snapshot()).length,
    heap: heapMB(),
  };
}

describe('soak: a busy cluster over many virtual hours', () => {
  it(`stays bounded over ${HOURS} h (${PODS} crash-looping, ${PODS} probed, ${PODS} chatty pods, a short-lived pod every 2 min)`, () => {
    const c = busyCluster();
    const samples: Sample[] = [];
    let churn = 0;
    for (let minute = 1; minute <= HOURS * 60; minute++) {
      if (minute % 2 === 0) {
        // each job pod leaves Events that name it (Scheduled, Pulled, Created, Started, Killing):
        // distinct messages, so only the TTL removes them
        c.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `job-${churn++}` }, spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['echo', 'done'] }] } });
        if (churn > 2) c.store.delete('pods', 'default', `job-${churn - 3}`);
      }
      c.clock.advance(MINUTE);
      // from hour 2 on: Events written in the first hour have expired, the log rings are full
      const hour = minute / 60;
      if (hour >= 2 && Number.isInteger(hour) && hour % Math.max(1, Math.floor(HOURS / 6)) === 0) samples.push(sample(c, hour));
    }
    const pods = c.store.list('pods', { namespace: 'default' }) as StoredPod[];
    // the workload really was busy all along
    const restarts = (name: string) => pods.find((p) => p.metadata.name === name)!.status.containerStatuses![0]!.restartCount;
    expect(restarts('crash-0')).toBeGreaterThan(HOURS * 10); // ≥ 12 an hour at the 5 min cap
    expect(restarts('probed-0')).toBeGreaterThan(HOURS * 10);
    // the chatty pod printed all day, its log kept only the newest megabyte
    const chatty = pods.find((p) => p.metadata.name === 'chatty-0')!.status.containerStatuses![0]!;
    const log = c.runtimes.get('minikube')!.containerLogs!(chatty.containerID!.replace('containerd://', ''), {});
    expect(log.length).toBeGreaterThan(DEFAULT_LOG_BYTES / 2);
    expect(log.length).toBeLessThanOrEqual(DEFAULT_LOG_BYTES);
    // the newest lines are the last few seconds' (the loop counts seconds since the pod started)
    expect(Number(/line (\d+)\.10 of chatter/.exec(log.split('\n').at(-2)!)?.[1])).toBeGreaterThan(HOURS * 3600 - 120);
    const events = c.store.list('events') as StoredEvent[];
    expect(events.some((e) => e.reason === 'BackOff' && (e.count ?? 0) > 10)).toBe(true);
    expect(events.some((e) => e.reason === 'Unhealthy')).toBe(true);

    // the Event TTL: no Event outlives its last write by more than 1 h + the lease-reuse minute,
    // and the job pods' Events (15 pods an hour, ~5 Events each) do not pile up
    const now = c.clock.now();
    for (const e of events) {
      const last = Math.max(Date.parse(e.lastTimestamp ?? '') || 0, Date.parse(e.series?.lastObservedTime ?? '') || 0, Date.parse(e.eventTime ?? '') || 0, Date.parse(e.metadata.creationTimestamp ?? ''));
      expect(now - last).toBeLessThanOrEqual(EVENT_TTL_MS + MINUTE);
    }
    const jobEvents = events.filter((e) => e.involvedObject.name?.startsWith('job-')).length;
    expect(jobEvents).toBeGreaterThan(0);
    expect(jobEvents).toBeLessThanOrEqual(32 * 8);

    const first = samples[0]!;
    const last = samples.at(-1)!;
    expect(samples.length).toBeGreaterThanOrEqual(2);
    // after the first hours the cluster is in a steady state: nothing may keep growing
    expect(last.events).toBeLessThanOrEqual(first.events * 1.25);
    expect(last.timers).toBeLessThanOrEqual(first.timers + 10);
    expect(last.stateBytes).toBeLessThanOrEqual(first.stateBytes * 1.25);
    expect(last.heap).toBeLessThanOrEqual(first.heap + 30);
  }, 600_000);
});

describe('Event TTL (kube-apiserver --event-ttl 1h)', () => {
  const kubelet = { component: 'kubelet', host: 'minikube' };
  const web = { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'v1' };

  function setup() {
    const clock = new Clock();
    const store = new ApiStore(clock, new SeededRandom(1));
    store.create('namespaces', { metadata: { name: 'default' } });
    return { clock, store, rec: new EventRecorder(store, clock) };
  }

  it('deletes an Event an hour after its last write (within the lease-reuse minute), not before', () => {
    const { clock, store, rec } = setup();
    rec.event(kubelet, web, 'Normal', 'Pulled', 'Container image "nginx" already present on machine');
    rec.event(kubelet, web, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web_default(u1)');
    clock.advance(30 * MINUTE);
    // a repeat is a write: the BackOff Event's hour starts again
    rec.event(kubelet, web, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web_default(u1)');
    clock.advance(30 * MINUTE - 1);
    expect(store.list('events').map((e) => e.reason).sort()).toEqual(['BackOff', 'Pulled']);
    clock.advance(MINUTE + 1);
    expect(store.list('events').map((e) => e.reason)).toEqual(['BackOff']);
    clock.advance(29 * MINUTE);
    expect(store.count('events')).toBe(1);
    clock.advance(2 * MINUTE);
    expect(store.count('events')).toBe(0);
    // nothing left to expire: no timer keeps running
    expect(clock.pending()).toBe(0);
  });

  it('expires Events created through the API too, and a new identical event starts a fresh Event', () => {
    const { clock, store, rec } = setup();
    store.create('events', { apiVersion: 'v1', kind: 'Event', metadata: { name: 'hand.1', namespace: 'default' }, involvedObject: web, reason: 'Custom', message: 'made by hand', type: 'Normal' } as never);
    rec.event(kubelet, web, 'Normal', 'Killing', 'Stopping container web');
    clock.advance(EVENT_TTL_MS + MINUTE);
    expect(store.count('events')).toBe(0);
    rec.event(kubelet, web, 'Normal', 'Killing', 'Stopping container web');
    const [again] = store.list('events') as StoredEvent[];
    expect(again?.count).toBe(1);
  });

  it('keeps its pending sweep across a snapshot and restore', () => {
    const { clock, store, rec } = setup();
    rec.event(kubelet, web, 'Normal', 'Pulled', 'pulled');
    const clock2 = new Clock();
    clock2.restore(JSON.parse(JSON.stringify(clock.snapshot())));
    const store2 = new ApiStore(clock2, new SeededRandom(1));
    store2.restore(JSON.parse(JSON.stringify(store.snapshot())));
    const rec2 = new EventRecorder(store2, clock2);
    rec2.restore(JSON.parse(JSON.stringify(rec.snapshot())));
    // a write after the restore must not start a second sweep beside the restored one
    clock2.advance(30 * MINUTE);
    rec2.event(kubelet, web, 'Normal', 'Started', 'started');
    expect(clock2.pending()).toBe(1);
    clock2.advance(31 * MINUTE);
    expect(store2.list('events').map((e) => e.reason)).toEqual(['Started']);
    clock2.advance(31 * MINUTE);
    expect(store2.count('events')).toBe(0);
  });
});
