// Events: the `kubectl get events` table (printers.go printEvent) and the `kubectl events`
// command's own printer (kubectl pkg/cmd/events/event_printer.go EventPrinter).
import type { Event, KubeObject } from '../../../engine/index';
import { NAME_COLUMN, translateTimestampSince, type PrintContext, type TableHandler } from './types';

export const eventHandler: TableHandler = {
  columns: [
    { name: 'Last Seen' }, { name: 'Type' }, { name: 'Reason' }, { name: 'Object' },
    { name: 'Subobject', priority: 1 }, { name: 'Source', priority: 1 }, { name: 'Message' },
    { name: 'First Seen', priority: 1 }, { name: 'Count', priority: 1 }, { ...NAME_COLUMN, priority: 1 },
  ],
  row(obj, ctx) {
    const e = obj as unknown as Event;
    let firstSeen = translateTimestampSince(e.firstTimestamp, ctx.now);
    if (!e.firstTimestamp) firstSeen = translateTimestampSince(e.eventTime, ctx.now);
    let lastSeen = e.lastTimestamp ? translateTimestampSince(e.lastTimestamp, ctx.now) : firstSeen;
    let count = e.count ?? 0;
    if (e.series) {
      lastSeen = translateTimestampSince(e.series.lastObservedTime, ctx.now);
      count = e.series.count ?? 0;
    } else if (count === 0) {
      count = 1;
    }
    const inv = e.involvedObject ?? {};
    const kind = (inv.kind ?? '').toLowerCase();
    const target = inv.name ? `${kind}/${inv.name}` : kind;
    return [
      lastSeen, e.type ?? '', e.reason ?? '', target, inv.fieldPath ?? '',
      formatEventSource(e), (e.message ?? '').trim(), firstSeen, String(count), obj.metadata.name,
    ];
  },
};

// printers.go formatEventSource: "component, host", falling back to the reporting fields.
function formatEventSource(e: Event): string {
  const component = e.source?.component || e.reportingComponent || '';
  const instance = e.source?.host || e.reportingInstance || '';
  return instance ? `${component}, ${instance}` : component;
}

// pkg/cmd/events/event_printer.go getInterval: "2m (x4 over 10m)"
function interval(e: Event, ctx: PrintContext): string {
  const first = e.eventTime ? translateTimestampSince(e.eventTime, ctx.now) : translateTimestampSince(e.firstTimestamp, ctx.now);
  if (e.series) return `${translateTimestampSince(e.series.lastObservedTime, ctx.now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${translateTimestampSince(e.lastTimestamp, ctx.now)} (x${e.count} over ${first})`;
  return first;
}

/**
 * The cells `kubectl events` prints for one event (EventPrinter.printOneEvent): LAST SEEN, TYPE,
 * REASON, OBJECT, MESSAGE, with NAMESPACE first for -A. The command sorts and lays them out.
 */
export function eventsCommandCells(obj: KubeObject, ctx: PrintContext, allNamespaces: boolean): string[] {
  const e = obj as unknown as Event;
  const cells = [
    interval(e, ctx), e.type ?? '', e.reason ?? '', `${e.involvedObject?.kind ?? ''}/${e.involvedObject?.name ?? ''}`,
    (e.message ?? '').trim(),
  ];
  return allNamespaces ? [obj.metadata.namespace ?? '', ...cells] : cells;
}

/** EventPrinter.printHeadings */
export function eventsCommandHeader(allNamespaces: boolean): string[] {
  const h = ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'];
  return allNamespaces ? ['NAMESPACE', ...h] : h;
}
