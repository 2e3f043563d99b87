// A binary min-heap ordered by a compare function (negative: `a` comes out first). Shared by the
// virtual clock's timer queue and the scheduler's activeQ; the clock is hot, so it is a plain
// array with index arithmetic and no allocation per step.

export class Heap<T> {
  private items: T[] = [];

  constructor(private readonly compare: (a: T, b: T) => number) {}

  get size(): number {
    return this.items.length;
  }

  /** The first item, without removing it. */
  peek(): T | undefined {
    return this.items[0];
  }

  push(x: T): void {
    const h = this.items;
    h.push(x);
    let i = h.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (this.compare(h[i]!, h[parent]!) >= 0) break;
      swap(h, i, parent);
      i = parent;
    }
  }

  /** Remove and return the first item. */
  pop(): T | undefined {
    const h = this.items;
    const top = h[0];
    const last = h.pop();
    if (h.length && last !== undefined) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.compare(h[l]!, h[m]!) < 0) m = l;
        if (r < h.length && this.compare(h[r]!, h[m]!) < 0) m = r;
        if (m === i) break;
        swap(h, i, m);
        i = m;
      }
    }
    return top;
  }

  /** Every item, in heap (not sorted) order; a copy. */
  toArray(): T[] {
    return this.items.slice();
  }

  clear(): void {
    this.items = [];
  }
}

// A plain swap: destructuring ([a, b] = [b, a]) may allocate an array per step.
function swap<T>(h: T[], i: number, j: number): void {
  const t = h[i]!;
  h[i] = h[j]!;
  h[j] = t;
}
