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
  private cache = new Map<string, string>();
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
    const existingName = this.cache.get(key);
    const existing = existingName ? this.store.tryGet('events', ns, existingName) : undefined;
    if (existingName) {
      // Refresh the entry's place in the LRU order.
      this.cache.delete(key);
      this.cache.set(key, existingName);
    }
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
    if (this.cache.size > MAX_LRU_CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value!);
  }

  snapshot(): EventRecorderState {
    return { cache: [...this.cache], seq: this.seq };
  }

  restore(state: EventRecorderState): void {
    this.cache = new Map(state.cache);
    this.seq = state.seq;
  }
}


// The scheduler's events carry an action (pkg/scheduler/schedule_one.go: "Binding", "Scheduling").
function actionFor(reason: string): string {
  return reason === 'Scheduled' ? 'Binding' : 'Scheduling';
}

export type { ObjectReference };
