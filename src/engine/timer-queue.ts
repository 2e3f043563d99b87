// The clock's pending tasks: a binary min-heap by (due time, scheduling order), written out for
// this one record type. The shared Heap (src/shared/heap.ts) calls a compare function per step;
// the clock pushes and pops once per process timer (a writer loop's `sleep 1` in a hundred pods
// is a hundred of each per virtual second), so here the comparison is inline and sifting moves
// one hole instead of swapping pairs.

/** The fields the queue orders by: the due instant, then the sequence number (FIFO at one instant). */
export interface Timed {
  at: number;
  seq: number;
}

export class TimerQueue<T extends Timed> {
  private items: T[] = [];

  get size(): number {
    return this.items.length;
  }

  /** The next task due, without removing it. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(x: T): void {
    const h = this.items;
    let i = h.length;
    h.push(x);
    // move parents down into the hole until x fits
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent]!;
      if (p.at < x.at || (p.at === x.at && p.seq < x.seq)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = x;
  }

  /** Remove and return the next task due. */
  pop(): T | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    const n = h.length;
    if (n === 0 || last === undefined) return top;
    // sift the last item down from the root: the smaller child moves up into the hole
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      let c = l;
      let child = h[l]!;
      if (l + 1 < n) {
        const r = h[l + 1]!;
        if (r.at < child.at || (r.at === child.at && r.seq < child.seq)) {
          c = l + 1;
          child = r;
        }
      }
      if (last.at < child.at || (last.at === child.at && last.seq < child.seq)) break;
      h[i] = child;
      i = c;
    }
    h[i] = last;
    return top;
  }

  /** Every task, in heap (not sorted) order; a copy. */
  toArray(): T[] {
    return this.items.slice();
  }

  clear(): void {
    this.items = [];
  }
}
