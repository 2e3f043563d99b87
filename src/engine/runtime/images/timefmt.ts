// The timestamps servers put in their logs and headers, from the virtual clock, in UTC (containers
// have no TZ set, so their local time is UTC).

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const p2 = (n: number): string => String(n).padStart(2, '0');

function parts(ms: number) {
  const d = new Date(ms);
  return {
    y: d.getUTCFullYear(), mo: d.getUTCMonth(), d: d.getUTCDate(), wd: d.getUTCDay(),
    h: p2(d.getUTCHours()), mi: p2(d.getUTCMinutes()), s: p2(d.getUTCSeconds()), ms: String(d.getUTCMilliseconds()).padStart(3, '0'),
  };
}

/** `2026/11/21 12:00:05`: nginx's error log (src/core/ngx_times.c ngx_time_update, cached_err_log_time) and Go's log package (log.LstdFlags). */
export function logTime(ms: number): string {
  const t = parts(ms);
  return `${t.y}/${p2(t.mo + 1)}/${p2(t.d)} ${t.h}:${t.mi}:${t.s}`;
}

/** `21/Nov/2026:12:00:10 +0000`: nginx's $time_local (src/core/ngx_times.c cached_http_log_time). */
export function httpLogTime(ms: number): string {
  const t = parts(ms);
  return `${p2(t.d)}/${MONTHS[t.mo]}/${t.y}:${t.h}:${t.mi}:${t.s} +0000`;
}

/** `Sat, 21 Nov 2026 12:00:10 GMT`: the HTTP Date and Last-Modified format (RFC 9110 IMF-fixdate). */
export function httpDate(ms: number): string {
  const t = parts(ms);
  return `${DAYS[t.wd]}, ${p2(t.d)} ${MONTHS[t.mo]} ${t.y} ${t.h}:${t.mi}:${t.s} GMT`;
}

/** `21 Nov 2026 12:00:05.123`: redis's log time (src/server.c serverLogRaw, "%d %b %Y %H:%M:%S." + ms). */
export function redisLogTime(ms: number): string {
  const t = parts(ms);
  return `${p2(t.d)} ${MONTHS[t.mo]} ${t.y} ${t.h}:${t.mi}:${t.s}.${t.ms}`;
}
