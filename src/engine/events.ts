// Event recording with client-go's deduplication: identical events become one Event whose
// count and lastTimestamp grow, which is what `describe` shows as "(x5 over 2m)".
// Ported rules: k8s.io/client-go tools/record/event.go (recorder, event names),
// tools/record/events_cache.go (getEventKey, EventCorrelator), and the scheduler's
// events.k8s.io recorder (eventTime + series instead of counts).
import type { Clock } from './clock';
import { parseTime, toRFC3339, toRFC3339Micro } from './clock';
import type { KubeObject, Mutable, ObjectReference } from './api/types';
import type { ApiStore } from './store/store';
import { deepClone } from './store/clone';
import { isStatusError } from './errors';

export type EventType = 'Normal' | 'Warning';

// tools/record/events_cache.go maxLruCacheEntries: how many distinct events are remembered for dedup.
const MAX_LRU_CACHE_ENTRIES = 4096;

// cmd/kube-apiserver/app/options/options.go NewServerRunOptions: --event-ttl defaults to 1h; the
// event registry (pkg/registry/core/event/storage/storage.go TTLFunc) sets it on every write.
export const EVENT_TTL_MS = 60 * 60 * 1000;
// apiserver pkg/storage/etcd3/lease_manager.go: keys share an etcd lease that is reused for up to
// 60 s (defaultLeaseReuseDurationSeconds), granted for ttl + that, so an Event lives 1h to 1h1m.
const LEASE_REUSE_MS = 60 * 1000;
export const EVENT_TTL_TIMER = 'events/ttl';

export interface EventSource {
  component: string;
  host?: string;
}

export interface InvolvedObject {
  kind: string;
  namespace?: string;
  name: string;
  uid?: string;
  apiVersion?: string;
  resourceVersion?: string;
  fieldPath?: string;
}

/** An ObjectReference to an object, optionally to one of its containers (pkg/kubelet/container/ref.go). */
export function refTo(obj: KubeObject, fieldPath?: string): InvolvedObject {
  const ref: InvolvedObject = {
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    uid: obj.metadata.uid,
    apiVersion: obj.apiVersion,
    resourceVersion: obj.metadata.resourceVersion,
  };
  if (fieldPath) ref.fieldPath = fieldPath;
  return ref;
}

export interface EventRecorderState {
  /** dedup key -> event name (namespace/name) */
  cache: [string, string][];
  seq: number;
  /** when the pending TTL sweep runs (the clock's snapshot holds the timer itself) */
  ttlSweepAt?: number;
}

/**
 * One recorder per cluster; callers pass their source. `series: true` records in the
 * events.k8s.io style the scheduler uses (eventTime + series, no first/lastTimestamp).
 */
export class EventRecorder {
  private cache = new LruCache(MAX_LRU_CACHE_ENTRIES);
  private seq = 0;
  private readonly ttl: EventTTL;

  constructor(private readonly store: ApiStore, private readonly clock: Clock) {
    this.ttl = EventTTL.of(store, clock);
  }

  /**
   * Record an event. A write the API server refuses (e.g. in a namespace being deleted) is
   * dropped, as client-go's recorder drops it after its retries: events never break a controller.
   */
  event(
    source: EventSource, involved: InvolvedObject, type: EventType, reason: string, message: string,
    opts: { series?: boolean } = {},
  ): void {
    try {
      this.record(source, involved, type, reason, message, opts);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  private record(
    source: EventSource, involved: InvolvedObject, type: EventType, reason: string, message: string,
    opts: { series?: boolean },
  ): void {
    const ns = involved.namespace || 'default';
    // events_cache.go getEventKey: source, involved object, type, reason, message
    const key = [source.component, source.host ?? '', involved.kind, involved.namespace ?? '', involved.name,
      involved.fieldPath ?? '', involved.uid ?? '', involved.apiVersion ?? '', type, reason, message].join('\u0000');
    const now = this.clock.now();
    // A hit refreshes the entry's place in the LRU order.
    const existingName = this.cache.touch(key);
    const existing = existingName ? this.store.tryGet('events', ns, existingName) : undefined;
    if (existing) {
      const next = deepClone(existing) as Mutable<typeof existing>;
      if (opts.series) {
        const count = (existing.series?.count ?? 1) + 1;
        next.series = { count, lastObservedTime: toRFC3339Micro(now) };
      } else {
        next.count = (existing.count ?? 1) + 1;
        next.lastTimestamp = toRFC3339(now);
      }
      this.store.update('events', next);
      return;
    }
    // event.go makeEvent: name is "<involved name>.<hex of UnixNano>"; a sequence keeps names unique
    // when several events share one virtual nanosecond.
    const nanos = BigInt(now) * 1_000_000n + BigInt(this.seq++ % 1_000_000);
    const name = `${involved.name}.${nanos.toString(16)}`;
    // Plain literals rather than spreads: this runs for every kubelet step of every pod.
    const involvedObject: InvolvedObject = {
      kind: involved.kind, namespace: involved.namespace, name: involved.name, uid: involved.uid,
      apiVersion: involved.apiVersion, resourceVersion: involved.resourceVersion, fieldPath: involved.fieldPath,
    };
    const metadata = { name, namespace: ns };
    const ev = opts.series
      ? {
          apiVersion: 'v1', kind: 'Event', metadata, involvedObject, reason, message, type,
          source: {},
          firstTimestamp: null,
          lastTimestamp: null,
          eventTime: toRFC3339Micro(now),
          reportingComponent: source.component,
          reportingInstance: source.host ? `${source.component}-${source.host}` : source.component,
          action: actionFor(reason),
        }
      : {
          apiVersion: 'v1', kind: 'Event', metadata, involvedObject, reason, message, type,
          source: source.host ? { component: source.component, host: source.host } : { component: source.component },
          firstTimestamp: toRFC3339(now),
          lastTimestamp: toRFC3339(now),
          count: 1,
          eventTime: null,
          reportingComponent: source.component,
          reportingInstance: source.host ?? '',
        };
    this.store.create('events', ev as never, { namespace: ns, owned: true });
    this.cache.set(key, name);
  }

  snapshot(): EventRecorderState {
    return { cache: this.cache.entries(), seq: this.seq, ttlSweepAt: this.ttl.sweepAt };
  }

  restore(state: EventRecorderState): void {
    this.cache = new LruCache(MAX_LRU_CACHE_ENTRIES);
    for (const [k, v] of state.cache) this.cache.set(k, v);
    this.seq = state.seq;
    this.ttl.sweepAt = state.ttlSweepAt;
  }
}

/**
 * The API server's Event TTL, one per cluster clock (recorders sharing a clock share it). One
 * sweep is pending at a time, a lease-reuse window after the earliest expiry: a busy cluster costs
 * one pass over its Events per virtual minute at most, an idle one no timer at all.
 */
class EventTTL {
  private static readonly byClock = new WeakMap<Clock, EventTTL>();
  /** when the pending sweep runs (the clock's snapshot holds the timer itself) */
  sweepAt: number | undefined;

  static of(store: ApiStore, clock: Clock): EventTTL {
    let ttl = EventTTL.byClock.get(clock);
    if (!ttl) EventTTL.byClock.set(clock, (ttl = new EventTTL(store, clock)));
    return ttl;
  }

  private constructor(private readonly store: ApiStore, private readonly clock: Clock) {
    clock.register(EVENT_TTL_TIMER, () => this.expire());
    // every write of an Event (a recorder's, or one created through the API) restarts its TTL
    store.watch('events', (e) => void (e.type !== 'DELETED' && this.scheduleExpiry(clock.now() + EVENT_TTL_MS)));
  }

  private scheduleExpiry(expiresAt: number): void {
    if (this.sweepAt !== undefined) return;
    this.sweepAt = expiresAt + LEASE_REUSE_MS;
    this.clock.scheduleAt(this.sweepAt, EVENT_TTL_TIMER);
  }

  /** Delete the Events whose last write is an Event TTL ago (etcd drops them with their lease). */
  private expire(): void {
    this.sweepAt = undefined;
    const now = this.clock.now();
    let next = Infinity;
    for (const ev of this.store.list('events')) {
      const expiresAt = lastWrite(ev) + EVENT_TTL_MS;
      if (expiresAt <= now) this.store.delete('events', ev.metadata.namespace, ev.metadata.name);
      else next = Math.min(next, expiresAt);
    }
    if (next !== Infinity) this.scheduleExpiry(next);
  }
}

interface LruEntry {
  key: string;
  value: string;
  older?: LruEntry;
  newer?: LruEntry;
}

/**
 * The dedup cache's LRU (events_cache.go keeps an LRU of maxLruCacheEntries): a map plus a list
 * from oldest to newest. Evicting through a Map's own order (delete the first key) slows down as deleted slots
 * pile up at the front of V8's table; a list keeps every operation O(1).
 */
class LruCache {
  private map = new Map<string, LruEntry>();
  private oldest: LruEntry | undefined;
  private newest: LruEntry | undefined;

  constructor(private readonly max: number) {}

  /** The value for `key`, which becomes the newest entry. */
  touch(key: string): string | undefined {
    const e = this.map.get(key);
    if (!e) return undefined;
    if (e !== this.newest) {
      this.unlink(e);
      this.append(e);
    }
    return e.value;
  }

  /** Set a value; a new key is the newest entry and may evict the oldest. An existing key keeps its place. */
  set(key: string, value: string): void {
    const found = this.map.get(key);
    if (found) {
      found.value = value;
      return;
    }
    const e: LruEntry = { key, value };
    this.map.set(key, e);
    this.append(e);
    if (this.map.size > this.max && this.oldest) {
      this.map.delete(this.oldest.key);
      this.unlink(this.oldest);
    }
  }

  /** Oldest first. */
  entries(): [string, string][] {
    const out: [string, string][] = [];
    for (let e = this.oldest; e; e = e.newer) out.push([e.key, e.value]);
    return out;
  }

  private append(e: LruEntry): void {
    e.older = this.newest;
    e.newer = undefined;
    if (this.newest) this.newest.newer = e;
    else this.oldest = e;
    this.newest = e;
  }

  private unlink(e: LruEntry): void {
    if (e.older) e.older.newer = e.newer;
    else this.oldest = e.newer;
    if (e.newer) e.newer.older = e.older;
    else this.newest = e.older;
    e.older = e.newer = undefined;
  }
}


/** When an Event was last written: each write of the recorder moves one of these times forward. */
function lastWrite(ev: { metadata: { creationTimestamp?: string }; lastTimestamp?: string | null; eventTime?: string | null; series?: { lastObservedTime?: string } }): number {
  return Math.max(
    parseTime(ev.metadata.creationTimestamp) ?? 0, parseTime(ev.lastTimestamp) ?? 0,
    parseTime(ev.eventTime) ?? 0, parseTime(ev.series?.lastObservedTime) ?? 0,
  );
}

// The scheduler's events carry an action (pkg/scheduler/schedule_one.go: "Binding", "Scheduling").
function actionFor(reason: string): string {
  return reason === 'Scheduled' ? 'Binding' : 'Scheduling';
}

export type { ObjectReference };
