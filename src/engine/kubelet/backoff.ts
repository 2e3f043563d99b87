// Per-key exponential backoff, as client-go util/flowcontrol/backoff.go implements it and the
// kubelet uses it for crash loops (pkg/kubelet/kubelet.go: containerBackOffPeriod 10s,
// MaxContainerBackOff 300s, HasExpiredFunc "eventTime - lastUpdate > 600s") and for image pulls
// (imageBackOffPeriod 10s, MaxImageBackOff 300s, default expiry 2 x max). No jitter: the kubelet
// builds both with NewBackOff (maxJitterFactor 0).

export interface BackoffEntry {
  backoff: number; // ms
  lastUpdate: number; // epoch ms
}

export interface BackoffState {
  entries: [string, BackoffEntry][];
}

export class Backoff {
  private entries = new Map<string, BackoffEntry>();

  /**
   * @param initialMs the first delay
   * @param maxMs the cap
   * @param expiryMs an entry whose last update is older than this is forgotten (default 2 x max)
   */
  constructor(
    private readonly now: () => number,
    readonly initialMs: number,
    readonly maxMs: number,
    private readonly expiryMs: number = 2 * maxMs,
  ) {}

  /** The current delay for `id`, 0 if none (Backoff.Get). */
  get(id: string): number {
    return this.entries.get(id)?.backoff ?? 0;
  }

  /** Backoff.Next: start at the initial delay (or after expiry), else double up to the cap. */
  next(id: string, eventTime: number): void {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) {
      this.entries.set(id, { backoff: this.initialMs, lastUpdate: this.now() });
      return;
    }
    e.backoff = Math.min(e.backoff * 2, this.maxMs);
    e.lastUpdate = this.now();
  }

  /** Backoff.IsInBackOffSince: still inside the delay counted from `eventTime` (crash loops: finishedAt). */
  isInBackOffSince(id: string, eventTime: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) return false;
    return this.now() - eventTime < e.backoff;
  }

  /** Backoff.IsInBackOffSinceUpdate: still inside the delay counted from the last Next (image pulls). */
  isInBackOffSinceUpdate(id: string, eventTime: number): boolean {
    const e = this.entries.get(id);
    if (!e || this.hasExpired(eventTime, e.lastUpdate)) return false;
    return eventTime - e.lastUpdate < e.backoff;
  }

  /** The entry's last update (for image backoff: the retry is due at lastUpdate + backoff). */
  entry(id: string): Readonly<BackoffEntry> | undefined {
    return this.entries.get(id);
  }

  reset(id: string): void {
    this.entries.delete(id);
  }

  /** Backoff.GC: drop expired entries. */
  gc(): void {
    const now = this.now();
    for (const [id, e] of this.entries) if (this.hasExpired(now, e.lastUpdate)) this.entries.delete(id);
  }

  /** Drop every entry whose key starts with `prefix` (a removed pod). */
  deletePrefix(prefix: string): void {
    for (const id of [...this.entries.keys()]) if (id.startsWith(prefix)) this.entries.delete(id);
  }

  snapshot(): BackoffState {
    return { entries: [...this.entries].map(([k, e]) => [k, { ...e }]) };
  }

  restore(state: BackoffState): void {
    this.entries = new Map(state.entries.map(([k, e]) => [k, { ...e }]));
  }

  private hasExpired(eventTime: number, lastUpdate: number): boolean {
    return eventTime - lastUpdate > this.expiryMs;
  }
}

// pkg/kubelet/kubelet.go containerBackOffPeriod, apis/config/v1beta1 MaxContainerBackOff
export const CONTAINER_BACKOFF_INITIAL_MS = 10_000;
export const CONTAINER_BACKOFF_MAX_MS = 300_000;
// pkg/kubelet/kubelet.go: klet.backOff.HasExpiredFunc "eventTime.Sub(lastUpdate) > 600*time.Second"
export const CONTAINER_BACKOFF_EXPIRY_MS = 600_000;
// pkg/kubelet/kubelet.go imageBackOffPeriod, MaxImageBackOff
export const IMAGE_BACKOFF_INITIAL_MS = 10_000;
export const IMAGE_BACKOFF_MAX_MS = 300_000;
