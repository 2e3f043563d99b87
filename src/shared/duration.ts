// Durations and timestamps the way Kubernetes and Go print them. All inputs are milliseconds
// (the virtual clock's unit); nothing here reads the real time.

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

// k8s.io/apimachinery pkg/util/duration/duration.go HumanDuration: ~2-3 significant figures.
// Every AGE column and describe age in kubectl 1.32 uses this.
export function humanDuration(ms: number): string {
  // Up to 1s in the future is tolerated as clock skew and shown as "0s".
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

// pkg/util/duration/duration.go ShortHumanDuration: one unit only.
export function shortHumanDuration(ms: number): string {
  const seconds = Math.trunc(ms / SECOND);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.trunc(ms / MINUTE);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.trunc(ms / HOUR);
  if (hours < 24) return `${hours}h`;
  if (hours < 24 * 365) return `${Math.trunc(hours / 24)}d`;
  return `${Math.trunc(ms / HOUR / 24 / 365)}y`;
}

// ---- Go time.Duration ----

const NS_PER_MS = 1_000_000n;

/** Milliseconds (possibly fractional) to whole nanoseconds, exactly for the integer part. */
function toNanos(ms: number): bigint {
  const whole = Math.trunc(ms);
  return BigInt(whole) * NS_PER_MS + BigInt(Math.round((ms - whole) * 1e6));
}

// Go time.Duration.String: "0s", "812ms", "1.5µs", "5.611s", "1m20s", "5m0s", "1h0m0s".
// Memoised: the kubelet formats the same few durations (pull times, backoffs) for every pod.
export function goDuration(ms: number): string {
  let s = durationMemo.get(ms);
  if (s === undefined) {
    s = formatDuration(ms);
    if (durationMemo.size >= DURATION_MEMO_LIMIT) durationMemo.clear();
    durationMemo.set(ms, s);
  }
  return s;
}

const DURATION_MEMO_LIMIT = 4096;
const durationMemo = new Map<number, string>();

function formatDuration(ms: number): string {
  let u = toNanos(ms);
  const neg = u < 0n;
  if (neg) u = -u;
  let out: string;
  if (u < 1_000_000_000n) {
    // under a second: the largest of ns, µs, ms, with a fraction
    if (u === 0n) return '0s';
    if (u < 1_000n) out = `${u}ns`;
    else if (u < 1_000_000n) out = `${fmtFrac(u, 3)}µs`;
    else out = `${fmtFrac(u, 6)}ms`;
  } else {
    const totalSeconds = u / 1_000_000_000n;
    const seconds = `${fmtFrac(u % 60_000_000_000n, 9)}s`;
    const minutes = totalSeconds / 60n;
    if (minutes === 0n) out = seconds;
    else {
      const hours = minutes / 60n;
      out = hours === 0n ? `${minutes}m${seconds}` : `${hours}h${minutes % 60n}m${seconds}`;
    }
  }
  return neg ? `-${out}` : out;
}

/** v / 10^prec with the fraction's trailing zeros (and a bare point) dropped (time.fmtFrac). */
function fmtFrac(v: bigint, prec: number): string {
  const div = 10n ** BigInt(prec);
  const int = v / div;
  const frac = (v % div).toString().padStart(prec, '0').replace(/0+$/, '');
  return frac ? `${int}.${frac}` : `${int}`;
}

// time.ParseDuration units, in nanoseconds.
const UNIT_NS: Record<string, number> = {
  ns: 1, us: 1e3, 'µs': 1e3 /* U+00B5 */, 'μs': 1e3 /* U+03BC */, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9,
};
const MAX_NS = (1n << 63n) - 1n;

// Go time.ParseDuration, returning milliseconds. Accepts "300ms", "-1.5h", "2h45m", "1m30s".
// Errors use Go's text: `time: invalid duration "x"`, `time: missing unit in duration "1"`,
// `time: unknown unit "d" in duration "1d"`.
export function parseGoDuration(s: string): number {
  const orig = s;
  const invalid = () => new Error(`time: invalid duration ${goTimeQuote(orig)}`);
  let neg = false;
  if (s[0] === '-' || s[0] === '+') {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') throw invalid();
  let total = 0n;
  while (s !== '') {
    if (!(s[0] === '.' || (s[0]! >= '0' && s[0]! <= '9'))) throw invalid();
    const intMatch = /^[0-9]*/.exec(s)![0];
    s = s.slice(intMatch.length);
    let frac = '';
    if (s[0] === '.') {
      frac = /^\.([0-9]*)/.exec(s)![1]!;
      s = s.slice(1 + frac.length);
      if (intMatch === '' && frac === '') throw invalid();
    } else if (intMatch === '') throw invalid();
    const unitMatch = /^[^0-9.]*/.exec(s)![0];
    if (unitMatch === '') throw new Error(`time: missing unit in duration ${goTimeQuote(orig)}`);
    s = s.slice(unitMatch.length);
    const unit = UNIT_NS[unitMatch];
    if (unit === undefined) throw new Error(`time: unknown unit ${goTimeQuote(unitMatch)} in duration ${goTimeQuote(orig)}`);
    let v = BigInt(intMatch || '0') * BigInt(unit);
    if (frac !== '') {
      // like Go, the fraction goes through float64 (exact to the ns for hours)
      const digits = frac.slice(0, 18);
      v += BigInt(Math.trunc(Number(digits) * (unit / 10 ** digits.length)));
    }
    total += v;
    if (total > MAX_NS + (neg ? 1n : 0n)) throw invalid();
  }
  const ms = Number(total) / 1e6;
  return neg ? -ms : ms;
}

/** Go's time.quote: double quotes, backslash before `"` and `\`, non-ASCII bytes as \xNN. */
function goTimeQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c >= 0x80 || c < 0x20) {
      for (const b of utf8Bytes(c)) out += `\\x${b.toString(16).padStart(2, '0')}`;
    } else {
      out += ch === '"' || ch === '\\' ? `\\${ch}` : ch;
    }
  }
  return `${out}"`;
}

function utf8Bytes(c: number): number[] {
  if (c < 0x80) return [c];
  if (c < 0x800) return [0xc0 | (c >> 6), 0x80 | (c & 63)];
  if (c < 0x10000) return [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
  return [0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63)];
}

// ---- timestamps ----

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number) => String(n).padStart(2, '0');

// Go time.RFC1123Z, "Mon, 02 Jan 2006 15:04:05 -0700": what kubectl describe prints
// (pkg/describe/describe.go, e.g. "Start Time:"), in the client's zone.
export function formatRFC1123Z(ms: number, utcOffsetMinutes = 0): string {
  const d = new Date(ms + utcOffsetMinutes * MINUTE);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const off = Math.abs(utcOffsetMinutes);
  return `${DAYS[d.getUTCDay()]}, ${pad2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} `
    + `${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())} `
    + `${sign}${pad2(Math.trunc(off / 60))}${pad2(off % 60)}`;
}

// metav1.Time marshals as RFC 3339 in UTC with whole seconds: "2025-01-02T15:04:05Z".
export function formatRFC3339(ms: number): string {
  return new Date(Math.floor(ms / SECOND) * SECOND).toISOString().replace('.000Z', 'Z');
}

// metav1.MicroTime (Event.eventTime) marshals with microseconds: "2025-01-02T15:04:05.123000Z".
export function formatRFC3339Micro(ms: number): string {
  return new Date(Math.floor(ms)).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

/** Milliseconds since the epoch for an RFC 3339 timestamp; undefined when it does not parse. */
export function parseRFC3339(s: string): number | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s)) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
