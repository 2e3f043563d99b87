// A table keyed by ids handed out in increasing order: the process table of a PID namespace.
//
// Why not a Map: a writer loop adds and removes a `sleep` process every second in every pod. A JS
// Map that churns like that rehashes into a fresh backing table every few operations, and the old
// table, promoted to the old generation along with the long-lived namespace, links to its
// successor: every young table and the records in it then survive the next scavenge and are
// promoted too, so the young-generation GC copies megabytes of dead processes an hour. Two
// arrays edited in place hold only what is alive; a namespace holds a handful of processes, so a
// scan finds one (a binary search when there are many).
export class IdTable<T> {
  private readonly ids: number[] = [];
  private readonly vals: T[] = [];

  get size(): number {
    return this.ids.length;
  }

  get(id: number): T | undefined {
    const i = this.indexOf(id);
    return i >= 0 ? this.vals[i] : undefined;
  }

  has(id: number): boolean {
    return this.indexOf(id) >= 0;
  }

  set(id: number, value: T): void {
    const ids = this.ids;
    const n = ids.length;
    // ids come in increasing order: a new entry goes at the end
    if (n === 0 || ids[n - 1]! < id) {
      ids.push(id);
      this.vals.push(value);
      return;
    }
    const i = this.lowerBound(id);
    if (ids[i] === id) {
      this.vals[i] = value;
      return;
    }
    ids.splice(i, 0, id);
    this.vals.splice(i, 0, value);
  }

  delete(id: number): boolean {
    const i = this.indexOf(id);
    if (i < 0) return false;
    // shifted down in place: splice would allocate an array of what it removed
    const ids = this.ids;
    const vals = this.vals;
    const last = ids.length - 1;
    for (let j = i; j < last; j++) {
      ids[j] = ids[j + 1]!;
      vals[j] = vals[j + 1]!;
    }
    ids.pop();
    vals.pop();
    return true;
  }

  clear(): void {
    this.ids.length = 0;
    this.vals.length = 0;
  }

  /**
   * The values in id order: the table's own array, valid until the table changes. A caller that
   * changes the table while it walks copies it first (or walks it backwards).
   */
  values(): readonly T[] {
    return this.vals;
  }

  private indexOf(id: number): number {
    const ids = this.ids;
    const n = ids.length;
    // most tables hold a handful of entries: a scan beats a search
    if (n <= 8) {
      for (let i = 0; i < n; i++) if (ids[i] === id) return i;
      return -1;
    }
    const i = this.lowerBound(id);
    return ids[i] === id ? i : -1;
  }

  /** The first index whose id is not below `id`. */
  private lowerBound(id: number): number {
    const ids = this.ids;
    let lo = 0;
    let hi = ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ids[mid]! < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
