// The Events section every describer ends with (describe.go DescribeEvents, searchEvents).
import type { Event, KubeApi, KubeObject } from '../../engine/index';
import { parseTime, translateTimestampSince } from './format';
import { goSort } from './go-sort';
import { LEVEL_0, LEVEL_1, type PrefixWriter } from './prefix-writer';

export interface EventQuery {
  name: string;
  /** '' for cluster-scoped objects: events are then searched in every namespace. */
  namespace: string;
  kind?: string;
  uid?: string;
}

/**
 * describe.go searchEvents: one list with the field selector the typed client builds
 * (core/v1 event_expansion.go GetFieldSelector: involvedObject.name/namespace, plus kind and
 * uid when known). Pods leave the kind out (PodDescriber clears ref.Kind).
 */
export async function searchEvents(api: KubeApi, q: EventQuery): Promise<Event[]> {
  const fields = [`involvedObject.name=${q.name}`, `involvedObject.namespace=${q.namespace}`];
  if (q.kind) fields.unshift(`involvedObject.kind=${q.kind}`);
  if (q.uid) fields.push(`involvedObject.uid=${q.uid}`);
  const list = await api.list('events', { namespace: q.namespace || undefined, fieldSelector: fields.join(',') });
  return list.items as unknown as Event[];
}

/** The reference searchEvents uses for an object: its kind, name, namespace and uid. */
export function eventQueryFor(obj: KubeObject): EventQuery {
  return { name: obj.metadata.name, namespace: obj.metadata.namespace ?? '', kind: obj.kind, uid: obj.metadata.uid };
}

// pkg/util/event/sorted_event_list.go SortableEvents.Less: lastTimestamp Before (a missing one is first)
function lastTimestampBefore(a: Event, b: Event): boolean {
  return (parseTime(a.lastTimestamp) ?? -Infinity) < (parseTime(b.lastTimestamp) ?? -Infinity);
}

// describe.go DescribeEvents
export function describeEvents(events: readonly Event[], w: PrefixWriter, now: number): void {
  if (!events.length) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // sort.Sort: unstable, so events of the same second come out in Go's order
  const sorted = goSort([...events], lastTimestampBefore);
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const firstSeen = e.eventTime ? translateTimestampSince(e.eventTime, now) : translateTimestampSince(e.firstTimestamp, now);
    let interval: string;
    if (e.series) interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${firstSeen})`;
    else if ((e.count ?? 0) > 1) interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${firstSeen})`;
    else interval = firstSeen;
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${(e.message ?? '').trim()}\n`);
  }
}
