// Small formatting helpers shared by the describers (pkg/describe/describe.go), plus the Go
// formatting rules they lean on (time.RFC1123Z, %q, byte lengths).
import type { Taint, Toleration } from '../../engine/index';
import { humanDuration } from '../../shared/duration';
import { goSort } from './go-sort';
import { LEVEL_0, LEVEL_2, type PrefixWriter } from './prefix-writer';

/** Parse an RFC 3339 API timestamp; undefined for a missing (Go zero) time. */
export function parseTime(s: string | null | undefined): number | undefined {
  if (!s) return undefined;
  const ms = Date.parse(s);
  return Number.isNaN(ms) ? undefined : ms;
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Go time.Format(time.RFC1123Z) — "Mon, 02 Jan 2006 15:04:05 -0700" — in the client's zone,
 * which for Podlab's terminal is UTC. A missing time is Go's zero time.
 */
export function formatRFC1123Z(s: string | null | undefined): string {
  const ms = parseTime(s);
  if (ms === undefined) return 'Mon, 01 Jan 0001 00:00:00 +0000';
  const d = new Date(ms);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} +0000`;
}

// describe.go translateTimestampSince / translateMicroTimestampSince
export function translateTimestampSince(s: string | null | undefined, now: number): string {
  const ms = parseTime(s);
  if (ms === undefined) return '<unknown>';
  return humanDuration(now - ms);
}

// describe.go printBool
export function printBool(v: boolean | undefined): string {
  return v ? 'True' : 'False';
}

// describe.go stringOrNone
export function stringOrNone(s: string | undefined): string {
  return s ? s : '<none>';
}

/** Go's len() of a string: its UTF-8 byte length. */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Go strconv.Quote / fmt %q for the printable strings kubectl quotes. */
export function goQuote(s: string): string {
  return JSON.stringify(s).replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

/** Go's sort.Strings order: by bytes, which for UTF-16 strings is code point order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// describe.go printLabelsMultilineWithIndent
export function printLabelsMultiline(
  w: PrefixWriter, title: string, labels: Readonly<Record<string, string>> | undefined, initialIndent = '', innerIndent = '\t',
): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

const MAX_ANNOTATION_LEN = 140; // describe.go maxAnnotationLen
// describe.go skipAnnotations
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

// describe.go printAnnotationsMultiline: long or multi-line values go under the key, cut to 138 bytes.
export function printAnnotationsMultiline(w: PrefixWriter, title: string, annotations: Readonly<Record<string, string>> | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)).sort(compareStrings);
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    const value = annotations![key]!.replace(/\n$/, '');
    if (byteLength(value) + byteLength(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

// describe.go shorten (byte-based, as Go slices strings by bytes)
export function shorten(s: string, maxLength: number): string {
  if (byteLength(s) <= maxLength) return s;
  // Go cuts at a byte offset; a rune split in two cannot be shown, so stop before it.
  let out = '';
  let n = 0;
  for (const ch of s) {
    n += byteLength(ch);
    if (n > maxLength) break;
    out += ch;
  }
  return out + '...';
}

// k8s.io/api core/v1 toleration.go / taint.go ToString: "key=value:effect"
export function taintString(t: Taint): string {
  const kv = t.value ? `${t.key}=${t.value}` : t.key;
  return t.effect ? `${kv}:${t.effect}` : kv;
}

// describe.go printTaintsMultilineWithIndent: sort.Slice by "effect,key"
export function printTaintsMultiline(w: PrefixWriter, title: string, taints: readonly Taint[] | undefined, initialIndent = '', innerIndent = '\t'): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!taints?.length) {
    w.writeLine('<none>');
    return;
  }
  const key = (t: Taint): string => `${t.effect},${t.key}`;
  goSort([...taints], (a, b) => key(a) < key(b)).forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, initialIndent + innerIndent);
    w.write(LEVEL_0, `${taintString(t)}\n`);
  });
}

// describe.go printTolerationsMultilineWithIndent: sort.Slice by key; `op=Exists` for a bare Exists
export function printTolerationsMultiline(w: PrefixWriter, title: string, tolerations: readonly Toleration[] | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!tolerations?.length) {
    w.writeLine('<none>');
    return;
  }
  goSort([...tolerations], (a, b) => (a.key ?? '') < (b.key ?? '')).forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, '\t');
    let line = t.key ?? '';
    if (t.value) line += `=${t.value}`;
    if (t.effect) line += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) line += t.key || t.effect ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) line += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, `${line}\n`);
  });
}

/** describe.go printController: the controller owner as `Kind/name`, or ''. */
export function printController(meta: { ownerReferences?: readonly { controller?: boolean; kind: string; name: string }[] }): string {
  const ref = meta.ownerReferences?.find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}

// describe.go printCSIPersistentVolumeAttributesMultilineIndent. Every piece is its own LEVEL_2
// write, so each carries the 4-space prefix again (an upstream quirk, kept).
export function printCSIAttributes(w: PrefixWriter, attributes: Readonly<Record<string, string>> | undefined): void {
  w.write(LEVEL_2, 'VolumeAttributes:\t');
  const keys = Object.keys(attributes ?? {}).sort(compareStrings);
  if (!keys.length) {
    w.writeLine('<none>');
    return;
  }
  keys.forEach((key, i) => {
    if (i !== 0) {
      w.write(LEVEL_2, '');
      w.write(LEVEL_2, '\t');
    }
    const line = `${key}=${attributes![key]}`;
    w.write(LEVEL_2, `${shorten(line, MAX_ANNOTATION_LEN)}\n`);
  });
}
