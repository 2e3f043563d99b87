// downwardAPI values as the kubelet writes them into files: pod metadata through fieldRef
// (labels and annotations as sorted `key="value"` lines, no final newline) and container
// resources through resourceFieldRef (a whole number in units of the divisor, rounded up, with
// unset limits taken from the node's allocatable).
import type { Container, DownwardAPIVolumeFile, ObjectFieldSelector, Pod, ResourceFieldSelector } from 'kubernetes-types/core/v1';
import { Quantity, tryParseQuantity } from '../../../../shared/quantity';
import { VolumeError, aggregateMessage } from './errors';
import type { FileProjection } from './projection';

/** pkg/fieldpath/fieldpath.go FormatMap: `key="value"` per line, keys sorted, no trailing newline. */
export function formatMap(m: Readonly<Record<string, string>> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${goQuote(m![k]!)}`)
    .join('\n');
}

/** Go's %q (strconv.Quote): escapes quotes, backslashes, control and non-printable characters. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (cp === 0x07) out += '\\a';
    else if (cp === 0x08) out += '\\b';
    else if (cp === 0x0c) out += '\\f';
    else if (cp === 0x0a) out += '\\n';
    else if (cp === 0x0d) out += '\\r';
    else if (cp === 0x09) out += '\\t';
    else if (cp === 0x0b) out += '\\v';
    else if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (ch !== ' ' && NOT_PRINTABLE.test(ch)) out += cp < 0x10000 ? '\\u' + hex(cp, 4) : '\\U' + hex(cp, 8);
    else out += ch;
  }
  return out + '"';
}

// unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space.
const NOT_PRINTABLE = /^[\p{C}\p{Z}]$/u;

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** pkg/volume/downwardapi/downwardapi.go sortLines: the lines of a value, sorted. */
function sortLines(values: string): string {
  return values.split('\n').sort().join('\n');
}

/** pkg/fieldpath/fieldpath.go ExtractFieldPathAsString, for the metadata a pod exposes. */
export function extractFieldPath(pod: Pod, fieldPath: string): string {
  const meta = pod.metadata ?? {};
  const sub = splitSubscript(fieldPath);
  if (sub) {
    switch (sub.path) {
      case 'metadata.annotations':
        return meta.annotations?.[sub.key] ?? '';
      case 'metadata.labels':
        return meta.labels?.[sub.key] ?? '';
      default:
        // fieldpath.go ExtractFieldPathAsString
        throw new VolumeError(`fieldPath ${JSON.stringify(fieldPath)} does not support subscript`);
    }
  }
  switch (fieldPath) {
    case 'metadata.annotations':
      return formatMap(meta.annotations);
    case 'metadata.labels':
      return formatMap(meta.labels);
    case 'metadata.name':
      return meta.name ?? '';
    case 'metadata.namespace':
      return meta.namespace ?? '';
    case 'metadata.uid':
      return meta.uid ?? '';
  }
  // fieldpath.go ExtractFieldPathAsString
  throw new VolumeError(`unsupported fieldPath: ${fieldPath}`);
}

/** fieldpath.go SplitMaybeSubscriptedPath: `metadata.labels['app']` → path and key. */
function splitSubscript(fieldPath: string): { path: string; key: string } | undefined {
  if (!fieldPath.endsWith("']")) return undefined;
  const inner = fieldPath.slice(0, -2);
  const at = inner.indexOf("['");
  if (at <= 0) return undefined;
  return { path: inner.slice(0, at), key: inner.slice(at + 2) };
}

/**
 * pkg/api/v1/resource/helpers.go ExtractResourceValueByContainerNameAndNodeAllocatable: the
 * container's limit or request in units of the divisor, rounded up; a missing limit is the node's
 * allocatable (MergeContainerResourceLimits).
 */
export function containerResourceValue(
  sel: ResourceFieldSelector,
  pod: Pod,
  nodeAllocatable: Readonly<Record<string, string>> = {},
): string {
  const container = findContainer(pod, sel.containerName ?? '');
  const dot = sel.resource.indexOf('.');
  const kind = sel.resource.slice(0, dot);
  const name = sel.resource.slice(dot + 1);
  if ((kind !== 'limits' && kind !== 'requests') || !['cpu', 'memory', 'ephemeral-storage'].includes(name)) {
    // helpers.go ExtractContainerResourceValue
    throw new VolumeError(`Unsupported container resource : ${sel.resource}`);
  }
  const list = (kind === 'limits' ? container.resources?.limits : container.resources?.requests) ?? {};
  let raw = list[name];
  if (kind === 'limits' && raw === undefined) raw = nodeAllocatable[name];
  const value = tryParseQuantity(raw) ?? Quantity.zero();
  // helpers.go: a zero divisor means "1"
  const parsed = tryParseQuantity(sel.divisor);
  const divisor = parsed && !parsed.isZero() ? parsed : Quantity.parse('1');
  // convertResourceCPUToString divides milli-values; memory and storage divide values.
  const n = name === 'cpu' ? value.milliValue() / divisor.milliValue() : value.value() / divisor.value();
  return String(Math.ceil(n));
}

/** helpers.go findContainerInPod */
function findContainer(pod: Pod, name: string): Container {
  const found = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])].find((c) => c.name === name);
  if (!found) throw new VolumeError(`container ${name} not found`);
  return found;
}

/**
 * pkg/volume/downwardapi/downwardapi.go CollectData: one file per item (path cleaned, mode from
 * the item or the volume's default), errors gathered into one aggregate.
 */
export function collectDownwardAPI(
  items: readonly DownwardAPIVolumeFile[],
  pod: Pod,
  defaultMode: number,
  nodeAllocatable?: Readonly<Record<string, string>>,
): Map<string, FileProjection> {
  const out = new Map<string, FileProjection>();
  const errors: string[] = [];
  for (const item of items) {
    let data = '';
    try {
      if (item.fieldRef) data = sortLines(extractFieldPath(pod, (item.fieldRef as ObjectFieldSelector).fieldPath));
      else if (item.resourceFieldRef) data = sortLines(containerResourceValue(item.resourceFieldRef, pod, nodeAllocatable));
    } catch (e) {
      if (!(e instanceof VolumeError)) throw e;
      errors.push(e.message);
    }
    out.set(item.path, { data, mode: item.mode ?? defaultMode });
  }
  if (errors.length) throw new VolumeError(aggregateMessage(errors));
  return out;
}
