// The virtual clock: the engine's only source of time and of scheduled work.
//
// Timers are data, not closures: a task names a registered handler ("target") and carries a
// JSON payload. That is what lets a snapshot hold the pending work and a restore continue it.
import { TimerQueue } from './timer-queue';

export interface TimerTask {
  at: number; // virtual epoch milliseconds
  seq: number; // tie-breaker: tasks due at the same instant run in the order they were scheduled
  target: string;
  data?: unknown;
}

// Handlers declare the payload type they were scheduled with; the clock cannot check it (timers are
// plain data so they survive snapshots), hence the deliberately loose parameter type.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TimerHandler = (data: any, task: TimerTask) => void;

export interface ClockState {
  now: number;
  seq: number;
  tasks: TimerTask[];
}

/** 2026-11-21T12:00:00Z: a fixed default start so that fresh clusters print the same dates. */
export const DEFAULT_START_TIME = Date.UTC(2026, 10, 21, 12, 0, 0);

export class Clock {
  private nowMs: number;
  private seq = 0;
  private heap = new TimerQueue<TimerTask>();
  private cancelled = new Set<number>();
  private handlers = new Map<string, TimerHandler>();
  private running = false;

  constructor(start: number = DEFAULT_START_TIME) {
    this.nowMs = start;
  }

  now(): number {
    return this.nowMs;
  }

  /** The time as RFC 3339 with second precision, as the API server writes metav1.Time. */
  nowRFC3339(): string {
    return toRFC3339(this.nowMs);
  }

  register(target: string, handler: TimerHandler): void {
    if (this.handlers.has(target)) throw new Error(`clock: handler ${target} already registered`);
    this.handlers.set(target, handler);
  }

  unregister(target: string): void {
    this.handlers.delete(target);
  }

  /** Schedule `target(data)` after `delayMs` of virtual time. Returns an id for cancel(). */
  schedule(delayMs: number, target: string, data?: unknown): number {
    return this.scheduleAt(this.nowMs + Math.max(0, delayMs), target, data);
  }

  scheduleAt(at: number, target: string, data?: unknown): number {
    const task: TimerTask = { at: Math.max(at, this.nowMs), seq: ++this.seq, target, data };
    this.heap.push(task);
    return task.seq;
  }

  cancel(id: number | undefined): void {
    if (id !== undefined) this.cancelled.add(id);
  }

  /** When the next live task is due, or undefined if nothing is scheduled. */
  nextAt(): number | undefined {
    this.dropCancelledHead();
    return this.heap.peek()?.at;
  }

  pending(): number {
    return this.heap.size - this.cancelled.size;
  }

  /** Move time forward by `ms`, running every task that falls due, in order. */
  advance(ms: number): void {
    this.runUntil(this.nowMs + Math.max(0, ms));
  }

  /** Run the work that is due now, without moving time. */
  runUntilIdle(): void {
    this.runUntil(this.nowMs);
  }

  /**
   * Advance task by task until `predicate()` holds or `limitMs` of virtual time has passed.
   * Returns whether the predicate held.
   */
  advanceUntil(predicate: () => boolean, limitMs: number): boolean {
    const deadline = this.nowMs + limitMs;
    this.runUntilIdle();
    while (!predicate()) {
      const next = this.nextAt();
      if (next === undefined || next > deadline) {
        this.nowMs = Math.max(this.nowMs, deadline);
        return predicate();
      }
      this.runUntil(next);
    }
    return true;
  }

  /** Jump to the next scheduled task (no later than `limitMs` from now) and run what is due then. */
  skipToNext(limitMs = Infinity): boolean {
    const next = this.nextAt();
    if (next === undefined || next > this.nowMs + limitMs) return false;
    this.runUntil(next);
    return true;
  }

  snapshot(): ClockState {
    const tasks = this.heap
      .toArray()
      .filter((t) => !this.cancelled.has(t.seq))
      .sort(compare)
      .map((t) => ({ ...t, data: t.data === undefined ? undefined : structuredClone(t.data) }));
    return { now: this.nowMs, seq: this.seq, tasks };
  }

  restore(state: ClockState): void {
    this.nowMs = state.now;
    this.seq = state.seq;
    this.cancelled.clear();
    this.heap.clear();
    for (const t of state.tasks) this.heap.push({ ...t });
  }

  private runUntil(target: number): void {
    if (this.running) throw new Error('clock: advance() called from inside a timer handler');
    this.running = true;
    try {
      for (;;) {
        this.dropCancelledHead();
        const head = this.heap.peek();
        if (!head || head.at > target) break;
        this.heap.pop();
        this.nowMs = Math.max(this.nowMs, head.at);
        const handler = this.handlers.get(head.target);
        if (!handler) throw new Error(`clock: no handler registered for ${head.target}`);
        handler(head.data, head);
      }
      this.nowMs = Math.max(this.nowMs, target);
    } finally {
      this.running = false;
    }
  }

  private dropCancelledHead(): void {
    for (let head = this.heap.peek(); head && this.cancelled.has(head.seq); head = this.heap.peek()) {
      this.cancelled.delete(head.seq);
      this.heap.pop();
    }
  }
}

function compare(a: TimerTask, b: TimerTask): number {
  return a.at - b.at || a.seq - b.seq;
}

/** metav1.Time marshals as RFC 3339 in UTC with second precision, e.g. 2026-11-21T12:00:00Z. */
export function toRFC3339(ms: number): string {
  const sec = Math.floor(ms / 1000);
  // Many objects are stamped within one virtual second, and statuses repeat the same few past
  // instants (container start times); formatting a Date is not free, so texts are remembered.
  if (sec !== lastSec) {
    lastSec = sec;
    let text = secondTexts.get(sec);
    if (text === undefined) {
      text = new Date(sec * 1000).toISOString().replace('.000Z', 'Z');
      if (secondTexts.size >= SECOND_TEXTS_LIMIT) secondTexts.clear();
      secondTexts.set(sec, text);
    }
    lastText = text;
  }
  return lastText;
}
let lastSec = NaN;
let lastText = '';
const SECOND_TEXTS_LIMIT = 4096;
const secondTexts = new Map<number, string>();

/** metav1.MicroTime (eventTime) keeps microseconds: 2026-11-21T12:00:00.000000Z. */
export function toRFC3339Micro(ms: number): string {
  // Scheduler events come in bursts at one virtual instant: reuse the last text.
  if (ms !== lastMicroMs) {
    lastMicroMs = ms;
    // toISOString always ends in ".sssZ": append three zeros for the microseconds.
    lastMicroText = `${new Date(ms).toISOString().slice(0, -1)}000Z`;
  }
  return lastMicroText;
}
let lastMicroMs = NaN;
let lastMicroText = '';

export function parseTime(s: string | undefined | null): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
