// The events timeline: the cluster's Events oldest first, newest last, like `kubectl events`,
// with the filters the view offers (one object, and free text).
import type { StoredEvent as Event } from '../../engine';
import { parseTime } from '../../kubectl/printers/table/types';

export interface EventRow {
  key: string;
  /** when it was last seen, epoch ms */
  at: number;
  type: string;
  warning: boolean;
  reason: string;
  /** "Pod/web" */
  object: string;
  namespace: string;
  kind: string;
  name: string;
  /** "spec.containers{web}" */
  fieldPath: string;
  message: string;
  count: number;
  /** everything searchable, lower-cased */
  text: string;
}

export interface EventFilter {
  /** only events about this object */
  object?: { kind: string; namespace: string; name: string };
  /** case-insensitive substring of any column */
  text?: string;
  warningsOnly?: boolean;
}

// kubectl pkg/cmd/events/events.go SortableEvents: by series.lastObservedTime, else lastTimestamp, else eventTime
function lastSeen(e: Event): number {
  const t = e.series?.lastObservedTime ?? e.lastTimestamp ?? e.eventTime ?? e.firstTimestamp;
  return t ? parseTime(t) : 0;
}

const rowCache = new WeakMap<Event, EventRow>();

function eventRow(e: Event): EventRow {
  let row = rowCache.get(e);
  if (row) return row;
  const inv = e.involvedObject ?? {};
  const kind = inv.kind ?? '';
  const name = inv.name ?? '';
  const object = `${kind}/${name}`;
  const message = (e.message ?? '').trim();
  const count = e.series?.count ?? (e.count || 1);
  row = {
    key: e.metadata.uid ?? `${e.metadata.namespace}/${e.metadata.name}`,
    at: lastSeen(e),
    type: e.type ?? '',
    warning: e.type === 'Warning',
    reason: e.reason ?? '',
    object,
    namespace: inv.namespace ?? e.metadata.namespace ?? '',
    kind,
    name,
    fieldPath: inv.fieldPath ?? '',
    message,
    count,
    text: `${e.type ?? ''} ${e.reason ?? ''} ${object} ${inv.namespace ?? ''} ${message}`.toLowerCase(),
  };
  rowCache.set(e, row);
  return row;
}

/** Events as timeline rows, newest last (stable for equal times, as listed). */
export function eventRows(events: readonly Event[]): EventRow[] {
  return events.map((e, i) => ({ r: eventRow(e), i })).sort((a, b) => a.r.at - b.r.at || a.i - b.i).map((x) => x.r);
}

export function filterEvents(rows: readonly EventRow[], f: EventFilter): EventRow[] {
  const text = f.text?.trim().toLowerCase();
  const o = f.object;
  return rows.filter((r) =>
    (!o || (r.kind === o.kind && r.name === o.name && r.namespace === o.namespace)) &&
    (!text || r.text.includes(text)) &&
    (!f.warningsOnly || r.warning));
}
