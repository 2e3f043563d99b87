// The kernel's run queue: events waiting to be delivered to programs, in order. Kept as three
// parallel arrays rather than an object per event: a hundred writer loops queue millions of them.
import type { KernelEvent, ProcessRecord } from './process-record';
import type { SignalName } from './types';

/** The generation of an event taken out of the queue early (a signal consumed by takeSignals). */
const CONSUMED = -2;

export class RunQueue {
  // The arrays keep their storage between drains (a drain per timer, hundreds of thousands of
  // them in a writer-loop hour): `n` is how many slots are in use, and clear() empties the slots
  // used rather than dropping the arrays' backing stores.
  private recs: (ProcessRecord | undefined)[] = [];
  /** the program generation an event is for; -1: whatever runs by then (child, signal) */
  private gens: number[] = [];
  private evs: (KernelEvent | undefined)[] = [];
  private n = 0;
  /** index of the next event to deliver */
  private next = 0;
  /** the event take() moved to */
  rec: ProcessRecord | undefined;
  ev: KernelEvent | undefined;

  get length(): number {
    return this.n;
  }

  push(rec: ProcessRecord, ev: KernelEvent): void {
    const i = this.n++;
    this.recs[i] = rec;
    // exec(2) drops what was meant for the previous program; a child's exit and a signal stay
    this.gens[i] = ev.type === 'child' || ev.type === 'signal' ? -1 : rec.gen;
    this.evs[i] = ev;
  }

  /** Move to the next event still meant for its process: false (and an empty queue) when none is left. */
  take(): boolean {
    const recs = this.recs;
    while (this.next < this.n) {
      const i = this.next++;
      const rec = recs[i]!;
      const gen = this.gens[i]!;
      if (rec.zombie || gen === CONSUMED || (gen >= 0 && gen !== rec.gen)) continue;
      this.rec = rec;
      this.ev = this.evs[i]!;
      return true;
    }
    this.clear();
    return false;
  }

  clear(): void {
    // drop the references (a dead process's record must not stay reachable from here)
    for (let i = 0; i < this.n; i++) {
      this.recs[i] = undefined;
      this.evs[i] = undefined;
    }
    this.n = 0;
    this.next = 0;
    this.rec = undefined;
    this.ev = undefined;
  }

  /** The signals queued for `rec` and not delivered yet, taken out of the queue. */
  takeSignals(rec: ProcessRecord): SignalName[] {
    const out: SignalName[] = [];
    for (let i = this.next; i < this.n; i++) {
      const ev = this.evs[i]!;
      if (this.recs[i] === rec && ev.type === 'signal' && this.gens[i] !== CONSUMED) {
        out.push(ev.signal);
        this.gens[i] = CONSUMED;
      }
    }
    return out;
  }
}
