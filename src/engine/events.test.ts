import { describe, expect, it } from 'vitest';
import { Clock } from './clock';
import { SeededRandom } from '../shared/random';
import { ApiStore } from './store/store';
import { EventRecorder, type InvolvedObject } from './events';

function setup() {
  const clock = new Clock(Date.UTC(2026, 10, 21, 12, 0, 0));
  const store = new ApiStore(clock, new SeededRandom(3));
  store.create('namespaces', { metadata: { name: 'default' } });
  return { clock, store, rec: new EventRecorder(store, clock) };
}

const pod: InvolvedObject = { kind: 'Pod', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'v1', fieldPath: 'spec.containers{web}' };

describe('EventRecorder', () => {
  it('folds identical kubelet events into one with count and lastTimestamp', () => {
    const { clock, store, rec } = setup();
    rec.event({ component: 'kubelet', host: 'minikube' }, pod, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web_default(u1)');
    clock.advance(10_000);
    rec.event({ component: 'kubelet', host: 'minikube' }, { ...pod, resourceVersion: '99' }, 'Warning', 'BackOff', 'Back-off restarting failed container web in pod web_default(u1)');
    rec.event({ component: 'kubelet', host: 'minikube' }, pod, 'Normal', 'Pulled', 'Container image "nginx" already present on machine');
    const events = store.list('events');
    expect(events).toHaveLength(2);
    const backoff = events.find((e) => e.reason === 'BackOff')!;
    expect(backoff.count).toBe(2);
    expect(backoff.firstTimestamp).toBe('2026-11-21T12:00:00Z');
    expect(backoff.lastTimestamp).toBe('2026-11-21T12:00:10Z');
    expect(backoff.source).toEqual({ component: 'kubelet', host: 'minikube' });
    expect(backoff.involvedObject.fieldPath).toBe('spec.containers{web}');
    expect(backoff.metadata.name).toMatch(/^web\.[0-9a-f]+$/);
  });

  it('records scheduler events in the events.k8s.io style with a series', () => {
    const { clock, store, rec } = setup();
    const msg = '0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.';
    rec.event({ component: 'default-scheduler' }, pod, 'Warning', 'FailedScheduling', msg, { series: true });
    clock.advance(30_000);
    rec.event({ component: 'default-scheduler' }, pod, 'Warning', 'FailedScheduling', msg, { series: true });
    const [e] = store.list('events');
    expect(e!.firstTimestamp).toBeNull();
    expect(e!.eventTime).toBe('2026-11-21T12:00:00.000000Z');
    expect(e!.series).toEqual({ count: 2, lastObservedTime: '2026-11-21T12:00:30.000000Z' });
    expect(e!.reportingComponent).toBe('default-scheduler');
  });

  it('forgets the oldest events past the LRU size, and snapshots only that bounded cache', () => {
    const { store, rec } = setup();
    for (let i = 0; i < 4100; i++) rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', `message ${i}`);
    expect(rec.snapshot().cache).toHaveLength(4096);
    rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', 'message 0');
    expect(store.list('events').filter((e) => e.message === 'message 0')).toHaveLength(2);
    rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', 'message 4099');
    expect(store.list('events').filter((e) => e.message === 'message 4099')[0]!.count).toBe(2);
  });
});

describe('EventRecorder dedup cache', () => {
  it('keeps a repeated event: a hit makes it the newest entry, so older ones are evicted first', () => {
    const { store, rec } = setup();
    for (let i = 0; i < 4096; i++) rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', `message ${i}`);
    rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', 'message 0'); // a hit: count 2, now newest
    rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', 'message new'); // evicts message 1, not 0
    const cache = rec.snapshot().cache;
    expect(cache).toHaveLength(4096);
    expect(cache[0]![0]).toContain('message 2');
    expect(cache.at(-2)![0]).toContain('message 0');
    rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', 'message 0');
    expect(store.list('events').filter((e) => e.message === 'message 0').map((e) => e.count)).toEqual([3]);
    rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', 'message 1');
    expect(store.list('events').filter((e) => e.message === 'message 1')).toHaveLength(2);
  });

  it('restores the cache in its order, oldest first', () => {
    const { clock, store, rec } = setup();
    for (let i = 0; i < 3; i++) rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', `message ${i}`);
    rec.event({ component: 'kubelet' }, pod, 'Normal', 'Pulled', 'message 0');
    const copy = new EventRecorder(store, clock);
    copy.restore(rec.snapshot());
    expect(copy.snapshot()).toEqual(rec.snapshot());
    expect(copy.snapshot().cache.map(([k]) => k.split('\u0000').at(-1))).toEqual(['message 1', 'message 2', 'message 0']);
  });
});

describe('EventRecorder failures', () => {
  it('drops an event the API server refuses instead of throwing', () => {
    const { store, rec } = setup();
    store.create('namespaces', { metadata: { name: 'gone', finalizers: ['x'] } });
    store.delete('namespaces', undefined, 'gone');
    expect(() => rec.event({ component: 'kubelet' }, { ...pod, namespace: 'gone' }, 'Normal', 'Killing', 'Stopping container web')).not.toThrow();
    expect(store.list('events', { namespace: 'gone' })).toHaveLength(0);
  });
});
