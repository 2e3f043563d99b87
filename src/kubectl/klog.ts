// kubectl's own log lines on stderr (k8s.io/klog/v2 header: `Lmmdd hh:mm:ss.uuuuuu threadid file:line] msg`),
// stamped with the virtual clock. The thread id and source line are kubectl's, fixed.
const PID = 25785;

/** klog.Warning as kubectl's helpers.go emits it (e.g. the bare --dry-run deprecation). */
export function klogWarning(nowMs: number, msg: string, where = 'helpers.go:702'): string {
  return `W${klogTime(nowMs)} ${String(PID).padStart(7)} ${where}] ${msg}\n`;
}

/** klog.Error (`E` lines), e.g. port-forward's connection errors. */
export function klogError(nowMs: number, msg: string, where: string): string {
  return `E${klogTime(nowMs)} ${String(PID).padStart(7)} ${where}] ${msg}\n`;
}

function klogTime(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}`;
}
