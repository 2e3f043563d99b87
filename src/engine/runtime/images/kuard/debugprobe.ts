// kuard's debug probes (pkg/debugprobe/probe.go): /healthy and /ready answer 200 "ok" until told to
// fail the next N calls (or forever), and keep the last 20 calls for the probe pages.

/** One probe's state: pkg/debugprobe Probe (its config and history). */
export interface ProbeState {
  /** >0: fail that many more calls; <0: fail forever; 0: succeed */
  failNext: number;
  lastId: number;
  history: { id: number; when: number; code: number }[];
}

const MAX_HISTORY = 20; // probe.go maxHistory

export function newProbe(failNext: number): ProbeState {
  return { failNext, lastId: 0, history: [] };
}

/** probe.go Handle: the status and text/plain body of one call, recorded in the history. */
export function handleProbe(s: ProbeState, now: number): { status: number; body: string } {
  let status = 200;
  let body = 'ok';
  if (s.failNext > 0) {
    status = 500;
    s.failNext--;
    body = `fail, ${s.failNext} left`;
  } else if (s.failNext < 0) {
    status = 500;
    body = 'fail, permanent';
  }
  s.history.push({ id: ++s.lastId, when: now, code: status });
  if (s.history.length > MAX_HISTORY) s.history.splice(0, s.history.length - MAX_HISTORY);
  return { status, body };
}

/** probe.go lockedGet: the ProbeStatus JSON (history newest first). */
export function probeStatus(s: ProbeState, path: string, now: number): unknown {
  return {
    probePath: path,
    failNext: s.failNext,
    history: [...s.history].reverse().map((h) => ({ id: h.id, when: friendlyTime(h.when), relWhen: relTime(h.when, now), code: h.code })),
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** pkg/htmlutils FriendlyTime: Go's time.Stamp layout, `Jan _2 15:04:05`. */
export function friendlyTime(ms: number): string {
  const d = new Date(ms);
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

// go-humanize times.go defaultMagnitudes (up to a day: probe history is short-lived)
const MAGNITUDES: [limitS: number, fmt: string, divS: number][] = [
  [1, 'now', 1],
  [2, '1 second %s', 1],
  [60, '%d seconds %s', 1],
  [120, '1 minute %s', 1],
  [3600, '%d minutes %s', 60],
  [7200, '1 hour %s', 1],
  [86400, '%d hours %s', 3600],
  [172800, '1 day %s', 1],
];

/** go-humanize RelTime(then, now, "ago", "from now"). */
export function relTime(then: number, now: number): string {
  const diffS = Math.floor(Math.abs(now - then) / 1000);
  const label = now >= then ? 'ago' : 'from now';
  for (const [limit, fmt, div] of MAGNITUDES) {
    if (diffS < limit) return fmt.replace('%d', String(Math.floor(diffS / div))).replace('%s', label);
  }
  return `${Math.floor(diffS / 86400)} days ${label}`;
}

/** The probe page's summary line (client/src/probe.jsx render). */
export function probeDescription(failNext: number): string {
  if (failNext === 0) return 'Probe will permanently succeed';
  if (failNext > 0) return `Probe will fail for next ${failNext} calls`;
  return 'Probe will permanently fail';
}
