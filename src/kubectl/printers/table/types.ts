// Tables as data, the way the API server's TableConvertor hands them to kubectl (meta.k8s.io/v1
// Table): column definitions and one row of cells per object. Podlab has no server-side
// printing, so kubectl builds the rows itself, always in full (the server generates every
// column, pkg/printers/storage TableConvertor uses GenerateOptions{Wide: true}); which columns
// show is the renderer's business (priority > 0 only with -o wide).
import type { KubeObject, LabelSelector } from '../../../engine/index';
import { humanDuration } from '../../../shared/duration';
import { tryParseQuantity } from '../../../shared/quantity';
import { goCompare } from '../go-format';

export interface ColumnDefinition {
  /** As the server names it ("Nominated Node"); the header is its upper-case form. */
  name: string;
  /** 0: always shown; 1: only with -o wide */
  priority?: number;
  /** "name" marks the column that gets the kind/ prefix with --show-kind */
  format?: 'name';
}

export interface TableRow {
  cells: string[];
  object: KubeObject;
}

export interface Table {
  columns: readonly ColumnDefinition[];
  rows: TableRow[];
}

export interface PrintContext {
  /** virtual time, ms since the epoch */
  now: number;
}

export interface TableHandler {
  columns: readonly ColumnDefinition[];
  row(obj: KubeObject, ctx: PrintContext): string[];
}

export const NAME_COLUMN: ColumnDefinition = { name: 'Name', format: 'name' };
export const AGE_COLUMN: ColumnDefinition = { name: 'Age' };

// printers.go translateTimestampSince / translateMicroTimestampSince: "<unknown>" for a zero time.
export function translateTimestampSince(ts: string | undefined | null, now: number): string {
  if (!ts) return '<unknown>';
  const t = parseTime(ts);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now - t);
}

const RFC3339_UTC = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/;

/** RFC 3339 to epoch ms; the API's UTC form is parsed directly (tables parse thousands). */
export function parseTime(ts: string): number {
  const m = RFC3339_UTC.exec(ts);
  if (!m) return Date.parse(ts);
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) + Number('0.' + m[7].slice(3).padEnd(1, '0')) : 0;
  return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]) + ms;
}

export function age(obj: KubeObject, ctx: PrintContext): string {
  return translateTimestampSince(obj.metadata.creationTimestamp, ctx.now);
}

// apimachinery labels.FormatLabels: sorted k=v pairs, or "<none>".
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = labels ? Object.keys(labels).sort(goCompare) : [];
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${labels![k]}`).join(',');
}

// apimachinery metav1.LabelSelectorAsSelector(...).String(): requirements sorted by key,
// "" for an empty or missing selector.
export function labelSelectorString(sel: LabelSelector | undefined): string {
  if (!sel) return '';
  const reqs: Array<{ key: string; text: string }> = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of sel.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(goCompare).join(',');
    const text = e.operator === 'In' ? `${e.key} in (${values})`
      : e.operator === 'NotIn' ? `${e.key} notin (${values})`
        : e.operator === 'Exists' ? e.key
          : e.operator === 'DoesNotExist' ? `!${e.key}` : '';
    if (!text) return '<invalid>';
    reqs.push({ key: e.key, text });
  }
  return reqs.sort((a, b) => goCompare(a.key, b.key)).map((r) => r.text).join(',');
}

// apimachinery metav1.FormatLabelSelector: like the above, "<none>" when empty.
export function formatLabelSelector(sel: LabelSelector | undefined): string {
  const s = labelSelectorString(sel);
  return s === '' ? '<none>' : s;
}

// pkg/printers/internalversion/printers.go layoutContainerCells
export function layoutContainerCells(containers: ReadonlyArray<{ name: string; image?: string }> | undefined): [string, string] {
  const cs = containers ?? [];
  return [cs.map((c) => c.name).join(','), cs.map((c) => c.image ?? '').join(',')];
}

// pkg/apis/core/helper/helpers.go GetAccessModesAsString: fixed order, comma-joined.
export function accessModesString(modes: readonly string[] | undefined): string {
  const m = modes ?? [];
  const out: string[] = [];
  if (m.includes('ReadWriteOnce')) out.push('RWO');
  if (m.includes('ReadOnlyMany')) out.push('ROX');
  if (m.includes('ReadWriteMany')) out.push('RWX');
  if (m.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

/** resource.Quantity.String() of a stored quantity; a missing one is the zero quantity "0". */
export function quantityString(v: unknown): string {
  return tryParseQuantity(v)?.toString() ?? '0';
}
