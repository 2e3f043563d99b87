// git-sync v3.1.6 logs through go-logr/glogr v0.1.0 over golang/glog: a glog header, then the
// logr key/value pairs, each group's keys sorted and every value JSON-encoded, groups joined by
// single spaces even when empty (hence the double spaces real logs show).
//
//   I1121 12:00:06.412000       2 main.go:480]  "level"=0 "msg"="syncing git"  "hash"="…" "rev"="HEAD"

export type LogValue = string | number | boolean | string[] | null;

export interface GlogLine {
  severity: 'I' | 'E';
  /** virtual ms, and the microseconds within it (0–999) */
  nowMs: number;
  micros: number;
  pid: number;
  /** the cmd/git-sync/main.go line of the log call */
  line: number;
}

/** glogr Info: `"level"=N "msg"=… <fixed> <user kvs>` (vendor/github.com/go-logr/glogr/glogr.go Info). */
export function infoLine(at: GlogLine, level: number, msg: string, kvs: Record<string, LogValue> = {}): string {
  return header(at) + [' ' + flatten({ level }), flatten({ msg }), '', flatten(kvs)].join(' ') + '\n';
}

/** glogr Error: `"msg"=… "error"=… <fixed> <user kvs>` (glogr.go Error). */
export function errorLine(at: GlogLine, msg: string, err: string, kvs: Record<string, LogValue> = {}): string {
  return header(at) + [' ' + flatten({ msg }), flatten({ error: err }), '', flatten(kvs)].join(' ') + '\n';
}

/**
 * vendor/github.com/golang/glog/glog.go formatHeader: `Lmmdd hh:mm:ss.uuuuuu threadid file:line] `
 * (local time: UTC in a container; the pid stands in for the thread id, as glog does).
 */
function header(at: GlogLine): string {
  const d = new Date(at.nowMs);
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = String(d.getUTCMilliseconds() * 1000 + at.micros).padStart(6, '0');
  return `${at.severity}${p2(d.getUTCMonth() + 1)}${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}.${micros} ${String(at.pid).padStart(7, ' ')} main.go:${at.line}] `;
}

/** glogr flatten: keys sorted, `"key"=<json value>`, space-separated. */
function flatten(kvs: Record<string, LogValue>): string {
  return Object.keys(kvs).sort().map((k) => `${goJson(k)}=${goJson(kvs[k]!)}`).join(' ');
}

/** encoding/json Marshal: like JSON.stringify, plus the HTML-safe escapes of <, > and &. */
export function goJson(v: LogValue): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Go's %q of a string (strconv.Quote) for the ASCII and newline text git prints. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + '"';
}
