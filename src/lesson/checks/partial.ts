// Partial matching, as lessons use it for `object` and `file` checks: a map matches when each of
// its keys matches (other keys are ignored), a list when every listed item matches some item of
// the actual list (which needs at least as many items), a scalar when it equals the actual value
// as text, and a string written `/like this/` when that regular expression finds a match.
// A mismatch is data, so the check can say in plain words what is missing.

export type Mismatch =
  | { reason: 'missing'; path: string[]; want: unknown }
  | { reason: 'value'; path: string[]; actual: unknown; want: unknown }
  | { reason: 'too-few'; path: string[]; actual: number; want: number }
  | { reason: 'no-item'; path: string[]; want: unknown };

/** A regex from `/source/` (undefined when `s` is not written that way or does not compile). */
export function regexOf(s: string): RegExp | undefined {
  if (s.length < 2 || !s.startsWith('/') || !s.endsWith('/')) return undefined;
  try {
    return new RegExp(s.slice(1, -1));
  } catch {
    return undefined;
  }
}

/** The first way `actual` fails to match `want`, or undefined when it matches. */
export function partialMatch(actual: unknown, want: unknown, path: string[] = []): Mismatch | undefined {
  if (want === null || want === undefined) return undefined;
  if (Array.isArray(want)) {
    if (!Array.isArray(actual)) return actual === undefined || actual === null ? { reason: 'missing', path, want } : { reason: 'value', path, actual, want };
    if (actual.length < want.length) return { reason: 'too-few', path, actual: actual.length, want: want.length };
    for (const item of want) {
      if (actual.some((a) => !partialMatch(a, item))) continue;
      // the item the author most likely meant (same name) explains better than "no item"
      const named = nameOf(item) !== undefined ? actual.find((a) => nameOf(a) === nameOf(item)) : undefined;
      if (named !== undefined) return partialMatch(named, item, [...path, `[${nameOf(item)}]`]);
      return { reason: 'no-item', path, want: item };
    }
    return undefined;
  }
  if (typeof want === 'object') {
    if (actual === undefined || actual === null) return { reason: 'missing', path, want };
    if (typeof actual !== 'object' || Array.isArray(actual)) return { reason: 'value', path, actual, want };
    for (const [k, w] of Object.entries(want)) {
      const m = partialMatch((actual as Record<string, unknown>)[k], w, [...path, k]);
      if (m) return m;
    }
    return undefined;
  }
  if (actual === undefined || actual === null) return { reason: 'missing', path, want };
  if (typeof actual === 'object') return { reason: 'value', path, actual, want };
  const re = typeof want === 'string' ? regexOf(want) : undefined;
  if (re) return re.test(String(actual)) ? undefined : { reason: 'value', path, actual, want };
  return String(actual) === String(want) ? undefined : { reason: 'value', path, actual, want };
}

function nameOf(v: unknown): string | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return undefined;
  const n = (v as { name?: unknown }).name;
  return typeof n === 'string' ? n : undefined;
}

/** `spec.containers[web].image` */
export function pathText(path: readonly string[]): string {
  return path.reduce((s, p) => (p.startsWith('[') ? `${s}${p}` : s ? `${s}.${p}` : p), '');
}

/** A value as a short inline text: `Running`, `{name: web, image: nginx}`, `[80, 443]`. */
export function short(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(short).join(', ')}]`;
  if (v && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${k}: ${short(x)}`).join(', ')}}`;
  if (v === null || v === undefined) return 'nothing';
  return String(v);
}

/** ` in spec.containers[web]` when the list sits inside a list item (which one matters), else nothing. */
function within(path: readonly string[]): string {
  const parent = path.slice(0, -1);
  return parent.some((p) => p.startsWith('[')) ? ` in ${pathText(parent)}` : '';
}

/** `containers` → `container`, for "has 1 container". */
function singular(word: string): string {
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  return word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function counted(n: number, field: string): string {
  return `${n} ${n === 1 ? singular(field) : field}`;
}

/**
 * The mismatch in plain words about `subject` ("pod web", "pod.yaml"). `exists` adds "exists but"
 * where the subject itself was found (objects), to tell it from the subject missing.
 */
export function describeMismatch(subject: string, m: Mismatch, exists = false): string {
  const field = pathText(m.path);
  const last = [...m.path].reverse().find((p) => !p.startsWith('[')) ?? 'items';
  const but = exists ? ' exists but' : '';
  switch (m.reason) {
    case 'too-few':
      return `${subject}${but} has ${counted(m.actual, last)}${within(m.path)}; the task wants ${m.want}`;
    case 'no-item':
      return `${subject}${but} has no ${singular(last)} like ${short(m.want)}${within(m.path)}`;
    case 'missing':
      return `${subject}${but} has no ${field}; the task wants ${short(m.want)}`;
    case 'value': {
      const wants = typeof m.want === 'string' && regexOf(m.want) ? `something matching ${m.want}` : short(m.want);
      if (field === 'status.phase') return `${subject} is ${short(m.actual)}; the task wants phase ${wants}`;
      return `${subject} has ${field || 'content'} ${short(m.actual)}; the task wants ${wants}`;
    }
  }
}
