// A container's log: what its processes write to stdout/stderr, cut into lines stamped with the
// virtual time, in a ring bounded by bytes so a chatty loop cannot eat memory (the kubelet rotates
// at containerLogMaxSize for the same reason). The runtime keeps one per container instance and
// the previous instance's buffer for `kubectl logs -p`.
import type { ContainerLogOptions } from '../cri';
import { flat } from './descriptors';
import type { OutputSink } from './types';

/** Default bound per container: 1 MiB of text (the kubelet's own default rotation is 10Mi × 5). */
export const DEFAULT_LOG_BYTES = 1 << 20;

/**
 * containerd's CRI logger cuts a line that outgrows its buffer into partial ("P") entries
 * (pkg/cri/io/logger.go: defaultBufSize 16 KiB per line read).
 */
const MAX_LINE = 16 * 1024;

export interface LogLine {
  /** virtual epoch ms when the line was complete */
  t: number;
  stream: 'stdout' | 'stderr';
  /** the text without its newline */
  text: string;
  /** a cut of an over-long line: printed without a newline */
  partial?: boolean;
}

export interface LogBufferState {
  max: number;
  /** [time, 0 stdout | 1 stderr, text, partial?] */
  lines: [number, 0 | 1, string, 1?][];
  pending: [string, string];
  dropped: number;
}

export class LogBuffer implements OutputSink {
  private buf: LogLine[] = [];
  private head = 0;
  private bytes = 0;
  private pending: Record<'stdout' | 'stderr', string> = { stdout: '', stderr: '' };
  /** lines dropped from the front to stay under the bound */
  dropped = 0;

  constructor(
    private readonly clock: { now(): number },
    private readonly maxBytes = DEFAULT_LOG_BYTES,
  ) {}

  write(data: string, stream: 'stdout' | 'stderr'): void {
    if (!data) return;
    let text = this.pending[stream] + data;
    let nl = text.indexOf('\n');
    if (nl < 0 && text.length <= MAX_LINE) {
      this.pending[stream] = text;
      return;
    }
    const t = this.clock.now();
    let start = 0;
    while (nl >= 0) {
      this.pushCut(t, stream, text.slice(start, nl));
      start = nl + 1;
      nl = text.indexOf('\n', start);
    }
    text = text.slice(start);
    while (text.length > MAX_LINE) {
      this.push({ t, stream, text: text.slice(0, MAX_LINE), partial: true });
      text = text.slice(MAX_LINE);
    }
    this.pending[stream] = text;
  }

  /** The streams closed (the container exited): an unterminated last line becomes a line. */
  flush(): void {
    const t = this.clock.now();
    for (const stream of ['stdout', 'stderr'] as const) {
      if (this.pending[stream]) this.push({ t, stream, text: this.pending[stream] });
      this.pending[stream] = '';
    }
  }

  lines(): LogLine[] {
    return this.buf.slice(this.head);
  }

  get size(): number {
    return this.bytes;
  }

  /** `kubectl logs` output: optional sinceTime, tailLines, and RFC3339Nano timestamps. */
  text(opts: ContainerLogOptions = {}): string {
    let lines = this.lines();
    if (opts.sinceTime !== undefined) lines = lines.filter((l) => l.t >= opts.sinceTime!);
    if (opts.tailLines !== undefined) lines = opts.tailLines <= 0 ? [] : lines.slice(-opts.tailLines);
    let out = '';
    for (const l of lines) {
      // pkg/kubelet/kuberuntime/logs/logs.go: timeFormatOut = RFC3339NanoFixed, then a space
      if (opts.timestamps) out += `${rfc3339NanoFixed(l.t)} `;
      out += l.partial ? l.text : `${l.text}\n`;
    }
    return out;
  }

  snapshot(): LogBufferState {
    return {
      max: this.maxBytes,
      lines: this.lines().map((l) => {
        const row: [number, 0 | 1, string, 1?] = [l.t, l.stream === 'stdout' ? 0 : 1, l.text];
        if (l.partial) row.push(1);
        return row;
      }),
      pending: [this.pending.stdout, this.pending.stderr],
      dropped: this.dropped,
    };
  }

  static restore(clock: { now(): number }, s: LogBufferState): LogBuffer {
    const b = new LogBuffer(clock, s.max);
    for (const [t, st, text, p] of s.lines) b.push({ t, stream: st ? 'stderr' : 'stdout', text, ...(p ? { partial: true } : {}) });
    b.pending = { stdout: s.pending[0], stderr: s.pending[1] };
    b.dropped = s.dropped;
    return b;
  }

  private pushCut(t: number, stream: 'stdout' | 'stderr', text: string): void {
    while (text.length > MAX_LINE) {
      this.push({ t, stream, text: text.slice(0, MAX_LINE), partial: true });
      text = text.slice(MAX_LINE);
    }
    this.push({ t, stream, text });
  }

  private push(line: LogLine): void {
    flat(line.text);
    this.buf.push(line);
    this.bytes += line.text.length + 1;
    while (this.bytes > this.maxBytes && this.head < this.buf.length - 1) {
      this.bytes -= this.buf[this.head]!.text.length + 1;
      this.head++;
      this.dropped++;
    }
    // Compact now and then so the array does not grow without bound.
    if (this.head > 1024 && this.head * 2 > this.buf.length) {
      this.buf = this.buf.slice(this.head);
      this.head = 0;
    }
  }
}

/** Go's time.Format with "2006-01-02T15:04:05.000000000Z07:00" in UTC (always nine digits). */
export function rfc3339NanoFixed(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2026-11-21T12:00:05.123Z
  return `${iso.slice(0, -1)}000000Z`;
}
