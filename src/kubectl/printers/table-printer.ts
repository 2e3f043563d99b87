// Rendering tables as `kubectl get` does: cli-runtime pkg/printers/tableprinter.go
// (HumanReadablePrinter.PrintObj, decorateTable, printTable) over the tab writer, and the
// resource-group loop of kubectl pkg/cmd/get/get.go (a header per resource kind, a blank line
// between groups, "No resources found").
import type { KubeObject, ResourceInfo } from '../../engine/index';
import { buildTable } from './table/handlers';
import { formatLabels, type ColumnDefinition, type PrintContext, type Table, type TableRow } from './table/types';
import { KUBECTL_TABWRITER, TabWriter } from './tabwriter';

export interface HumanReadableOptions {
  /** -o wide: columns with priority > 0 */
  wide?: boolean;
  /** --no-headers */
  noHeaders?: boolean;
  /** --show-labels: a trailing LABELS column */
  showLabels?: boolean;
  /** -L/--label-columns keys */
  columnLabels?: readonly string[];
  /** -A (for namespaced kinds): a leading NAMESPACE column */
  withNamespace?: boolean;
  /** Name cells become "<kind>/<name>" (several kinds requested, or --show-kind). */
  withKind?: boolean;
  /** The group kind for withKind: "Pod", "Deployment.apps". */
  kind?: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR';

// tableprinter.go formattedEventType
const FORMATTED_EVENT_TYPE: Record<string, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };

/**
 * One printer per resource kind, as kubectl creates one per RESTMapping. It remembers the
 * columns whose header it printed, so watch events after the first list print rows only.
 */
export class HumanReadablePrinter {
  private lastColumns: readonly ColumnDefinition[] | undefined;
  private printedHeaders = false;
  private plan: Plan | undefined;

  constructor(private readonly opts: HumanReadableOptions) {}

  /** tableprinter.go PrintObj for a Table: writes lines into `w` (the caller flushes). */
  printTable(table: Table, w: TabWriter, eventType?: WatchEventType): void {
    let noHeaders = !!this.opts.noHeaders;
    if (this.printedHeaders && table.columns === this.lastColumns) noHeaders = true;
    if (table.columns !== this.lastColumns) {
      this.lastColumns = table.columns;
      this.printedHeaders = false;
      this.plan = undefined;
    }
    if (table.rows.length > 0) this.printedHeaders = true;
    const plan = (this.plan ??= this.makePlan(table.columns));
    if (!noHeaders) {
      if (table.rows.length === 0) return; // no header without rows
      w.writeCells(eventType ? ['EVENT', ...plan.headers] : plan.headers);
    }
    for (const row of table.rows) w.writeCells(this.decorateRow(plan, row, eventType));
  }

  // tableprinter.go decorateTable and printTable's column filter, worked out once per columns.
  private makePlan(columns: readonly ColumnDefinition[]): Plan {
    const o = this.opts;
    const visible: number[] = [];
    columns.forEach((c, i) => { if (o.wide || !c.priority) visible.push(i); });
    const headers: string[] = [];
    if (o.withNamespace) headers.push('NAMESPACE');
    for (const i of visible) headers.push(columns[i].name.toUpperCase());
    for (const key of o.columnLabels ?? []) headers.push(labelHeader(key));
    if (o.showLabels) headers.push('LABELS');
    return {
      visible,
      headers,
      nameColumn: o.withKind && o.kind ? columns.findIndex((c) => c.format === 'name') : -1,
      kindPrefix: o.kind ? `${o.kind.toLowerCase()}/` : '',
    };
  }

  private decorateRow(plan: Plan, { cells, object }: TableRow, eventType: string | undefined): string[] {
    const o = this.opts;
    const out: string[] = [];
    if (eventType) out.push(FORMATTED_EVENT_TYPE[eventType] ?? eventType);
    if (o.withNamespace) out.push(object.metadata.namespace ?? '');
    for (const i of plan.visible) {
      const cell = cells[i] ?? '';
      out.push(cellText(i === plan.nameColumn ? plan.kindPrefix + cell : cell));
    }
    if (o.columnLabels?.length || o.showLabels) {
      const labels = object.metadata.labels ?? {};
      for (const key of o.columnLabels ?? []) out.push(cellText(labels[key] ?? ''));
      if (o.showLabels) out.push(cellText(formatLabels(labels)));
    }
    return out;
  }
}

interface Plan {
  visible: number[];
  headers: string[];
  nameColumn: number;
  kindPrefix: string;
}

// tableprinter.go formatLabelHeaders: the part after the last "/", upper-cased.
function labelHeader(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).toUpperCase();
}

const BREAK = /[\f\n\r]/;

// tableprinter.go printTable: cut at the first \f, \n or \r and add "..."; WriteEscaped turns
// ESC into ^[ (terminal.go terminalEscaper).
function cellText(s: string): string {
  let special = false;
  for (let i = 0; i < s.length && !special; i++) {
    const c = s.charCodeAt(i);
    special = c === 0x0a || c === 0x0c || c === 0x0d || c === 0x1b;
  }
  if (!special) return s;
  const cut = s.search(BREAK);
  const text = (cut >= 0 ? s.slice(0, cut) : s).replaceAll('\x1b', '^[');
  return cut >= 0 ? text + '...' : text;
}

/** One object to print, with the resource it came from (kubectl's resource.Info). */
export interface PrintItem {
  object: KubeObject;
  resource: ResourceInfo;
}

export interface GetTableOptions extends Omit<HumanReadableOptions, 'withNamespace' | 'withKind' | 'kind'> {
  /** -A / --all-namespaces */
  allNamespaces?: boolean;
  /** --show-kind; kind prefixes also appear when the items span several kinds */
  showKind?: boolean;
}

/**
 * get.go's human-readable loop: items in the order given (already sorted by --sort-by), a new
 * printer and header each time the resource changes, a blank line before each later group.
 * Returns stdout; an empty string means nothing was printed (see noResourcesFound).
 */
export function printGetTables(items: readonly PrintItem[], opts: GetTableOptions, ctx: PrintContext): string {
  // get.go multipleGVKsRequested
  const withKind = !!opts.showKind || items.some((i) => i.resource.kind !== items[0].resource.kind || i.resource.group !== items[0].resource.group);
  const w = new TabWriter(KUBECTL_TABWRITER);
  let out = '';
  let separatorReady = false;
  for (let start = 0; start < items.length;) {
    const resource = items[start].resource;
    let end = start;
    while (end < items.length && items[end].resource.resource === resource.resource && items[end].resource.group === resource.group) end++;
    if (start > 0) {
      out += takeOutput(w, separatorReady);
      separatorReady = false;
      w.setRememberedWidths([]);
      if (!opts.noHeaders && out.length > 0) separatorReady = true;
    }
    const printer = new HumanReadablePrinter({
      ...opts,
      withNamespace: !!opts.allNamespaces && resource.namespaced,
      withKind,
      kind: resource.group ? `${resource.kind}.${resource.group}` : resource.kind,
    });
    printer.printTable(buildTable(resource.kind, items.slice(start, end).map((i) => i.object), ctx), w);
    start = end;
  }
  return out + takeOutput(w, separatorReady);
}

// get.go separatorWriterWrapper: the blank line goes out only if the next group writes something.
function takeOutput(w: TabWriter, separatorReady: boolean): string {
  const text = w.flush();
  return text && separatorReady ? '\n' + text : text;
}

/**
 * What `kubectl get` writes to stderr when it printed nothing (get.go): the namespace form
 * unless -A was given or some requested resource is cluster-scoped.
 */
export function noResourcesFound(namespace: string | undefined): string {
  return namespace !== undefined ? `No resources found in ${namespace} namespace.\n` : 'No resources found\n';
}
