// Event recording with client-go's deduplication: identical events become one Event whose
// count and lastTimestamp grow, which is what `describe` shows as "(x5 over 2m)".
// Ported rules: k8s.io/client-go tools/record/event.go (recorder, event names),
// tools/record/events_cache.go (getEventKey, EventCorrelator), and the scheduler's
// events.k8s.io recorder (eventTime + series instead of counts).
import type { Clock } from './clock';
import { toRFC3339, toRFC3339Micro } from './clock';
import type { KubeObject, Mutable, ObjectReference } from './api/types';
import type { ApiStore } from './store/store';
import { deepClone } from './store/clone';
import { isStatusError } from './errors';

export type EventType = 'Normal' | 'Warning';

// tools/record/events_cache.go maxLruCacheEntries: how many distinct events are remembered for dedup.
const MAX_LRU_CACHE_ENTRIES = 4096;

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
}

/**
 * One recorder per cluster; callers pass their source. `series: true` records in the
 * events.k8s.io style the scheduler uses (eventTime + series, no first/lastTimestamp).
 */
export class EventRecorder {
  private cache = new LruCache(MAX_LRU_CACHE_ENTRIES);
  private seq = 0;

  constructor(private readonly store: ApiStore, private readonly clock: Clock) {}

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
    return { cache: this.cache.entries(), seq: this.seq };
  }

  restore(state: EventRecorderState): void {
    this.cache = new LruCache(MAX_LRU_CACHE_ENTRIES);
    for (const [k, v] of state.cache) this.cache.set(k, v);
    this.seq = state.seq;
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


// The scheduler's events carry an action (pkg/scheduler/schedule_one.go: "Binding", "Scheduling").
function actionFor(reason: string): string {
  return reason === 'Scheduled' ? 'Binding' : 'Scheduling';
}

export type { ObjectReference };
