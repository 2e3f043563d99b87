// Autosave: changes only mark the state dirty; at most once a second a save is scheduled for
// when the page is idle (snapshotting a cluster takes tens of ms, so it must not run inside a
// keystroke or a clock tick), and a hidden or closing page saves at once.
//
// A running clock alone (the cluster's time moved, nothing in the cluster, the shell or the
// files changed) is saved every CLOCK_SAVE_INTERVAL_MS instead: the clock ticks 20 times a
// second, and a cluster of 200 pods took 50–90 ms to capture each second while the learner
// scrolled. Closing or hiding the page still saves the exact time.

export interface SaveStatus {
  /** real time (epoch ms) of the last save that reached storage */
  savedAt: number | undefined;
  /** ms the last capture (snapshot + JSON) took on the main thread */
  captureMs: number | undefined;
  /** changes not yet saved */
  dirty: boolean;
  /** writes started and not yet finished */
  writing: number;
  /** why the last save failed, until one succeeds */
  error: string | undefined;
  saves: number;
}

export interface AutosaveDeps {
  /** the save as text; runs on the main thread */
  capture: () => string;
  write: (text: string) => Promise<void>;
  /** real epoch ms (for the learner's "saved 3 s ago") */
  wallClock: () => number;
  /** a monotonic ms clock to measure the capture */
  stopwatch: () => number;
  /** run `fn` when the page is idle (soon in any case); returns a cancel function */
  whenIdle: (fn: () => void) => () => void;
  /** run `fn` every `ms`; returns a stop function */
  every: (fn: () => void, ms: number) => () => void;
  /** why this page may not save now (another tab saves), or undefined when it may */
  blocked?: () => string | undefined;
}

/** The interval at which pending changes get a save scheduled. */
export const AUTOSAVE_INTERVAL_MS = 1000;

/** How often a change of the cluster's time alone is saved. */
export const CLOCK_SAVE_INTERVAL_MS = 10_000;

/** What changed: the learner's or the cluster's state (`work`), or only the cluster's time. */
export type ChangeKind = 'work' | 'clock';

type Listener = () => void;

export class Autosaver {
  private status: SaveStatus = { savedAt: undefined, captureMs: undefined, dirty: false, writing: 0, error: undefined, saves: 0 };
  private cancelIdle: (() => void) | undefined;
  private writing: Promise<void> = Promise.resolve();
  private readonly stopTimer: () => void;
  private readonly listeners = new Set<Listener>();
  private stopped = false;
  /** the pending changes are the clock's alone */
  private clockOnly = false;
  /** wall clock of the last capture (clock-only changes wait CLOCK_SAVE_INTERVAL_MS from it) */
  private lastCapture: number;

  constructor(private readonly deps: AutosaveDeps) {
    this.lastCapture = deps.wallClock();
    this.stopTimer = deps.every(() => this.scheduleIfDirty(), AUTOSAVE_INTERVAL_MS);
  }

  /** Something that belongs in the save changed. */
  markChanged(kind: ChangeKind = 'work'): void {
    if (this.stopped) return;
    if (this.status.dirty) {
      if (kind === 'work') this.clockOnly = false;
      return;
    }
    this.clockOnly = kind === 'clock';
    this.update({ dirty: true });
  }

  /** Save now if anything changed (the page is being hidden or closed). */
  flush(): Promise<void> {
    return this.status.dirty && this.mayWrite() ? this.saveNow() : this.writing;
  }

  /** Capture and write right away (after an import, a reset, or on flush). */
  saveNow(): Promise<void> {
    if (this.stopped) return this.writing;
    this.cancelIdle?.();
    this.cancelIdle = undefined;
    const start = this.deps.stopwatch();
    let text: string;
    try {
      text = this.deps.capture();
    } catch (e) {
      this.update({ error: `the state could not be captured: ${messageOf(e)}` });
      return this.writing;
    }
    const captureMs = this.deps.stopwatch() - start;
    this.clockOnly = false;
    this.lastCapture = this.deps.wallClock();
    this.update({ dirty: false, captureMs, writing: this.status.writing + 1 });
    const savedAt = this.deps.wallClock();
    const writing = () => this.status.writing - 1;
    // writes go out in order, so an older save never lands after a newer one
    this.writing = this.writing.then(() =>
      this.deps.write(text).then(
        () => this.update({ savedAt, error: undefined, saves: this.status.saves + 1, writing: writing() }),
        (e: unknown) => this.update({ dirty: true, error: `saving failed: ${messageOf(e)}`, writing: writing() }),
      ),
    );
    return this.writing;
  }

  getStatus = (): SaveStatus => this.status;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  stop(): void {
    this.stopped = true;
    this.stopTimer();
    this.cancelIdle?.();
    this.listeners.clear();
  }

  /** Whether saving is allowed now; when it is not, the status says why (the header shows "Not saved"). */
  private mayWrite(): boolean {
    const why = this.deps.blocked?.();
    if (why === undefined) return true;
    if (this.status.error !== why) this.update({ error: why });
    return false;
  }

  private scheduleIfDirty(): void {
    if (this.stopped || !this.status.dirty || this.cancelIdle) return;
    // first: a tab that may not save says so at once, whatever changed
    if (!this.mayWrite()) return;
    if (this.clockOnly && this.deps.wallClock() - this.lastCapture < CLOCK_SAVE_INTERVAL_MS) return;
    this.cancelIdle = this.deps.whenIdle(() => {
      this.cancelIdle = undefined;
      if (this.status.dirty) void this.saveNow();
    });
  }

  private update(patch: Partial<SaveStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const l of this.listeners) l();
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
