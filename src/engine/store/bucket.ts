// The objects of one resource, for the store: found by namespace and name, listed in key order
// (what the API server returns) or in creation order (what snapshots and namespace cleanup walk;
// every object carries its creation sequence number). A flat Map keyed by "namespace/name" would
// do, but every lookup would build and hash a new key string; the nested maps take the name
// string the caller already has, whose hash V8 keeps. A list that takes a whole namespace keeps
// its sorted order for the next lists, until an object is added there or removed.
import type { KubeObject } from '../api/types';

/** Holds one object; replacing the object keeps its place in both orders. */
interface Slot {
  name: string;
  obj: KubeObject;
  /** creation order */
  seq: number;
}

/** The last stamp handed out, by any bucket: stamps never repeat, not even across restores. */
let lastStamp = 0;

export class Bucket {
  /**
   * Changes with every write to the bucket and differs from every other bucket's: what a cache of
   * something derived from these objects checks (the cluster network's view of nodes and Services).
   */
  stamp = ++lastStamp;
  private count = 0;
  private seq = 0;
  /** namespace ('' for cluster-scoped objects) -> name -> slot */
  private byNamespace = new Map<string, Map<string, Slot>>();
  /** namespace -> its slots sorted by name, while no object was added or removed there */
  private sorted = new Map<string, Slot[]>();

  get size(): number {
    return this.count;
  }

  get(namespace: string, name: string): KubeObject | undefined {
    return this.byNamespace.get(namespace)?.get(name)?.obj;
  }

  has(namespace: string, name: string): boolean {
    return this.byNamespace.get(namespace)?.has(name) ?? false;
  }

  /** Insert a new object at the end, or replace an existing one in place. */
  set(namespace: string, name: string, obj: KubeObject): void {
    let names = this.byNamespace.get(namespace);
    if (!names) this.byNamespace.set(namespace, (names = new Map()));
    const slot = names.get(name);
    this.stamp = ++lastStamp;
    if (slot) {
      slot.obj = obj;
      return;
    }
    names.set(name, { name, obj, seq: ++this.seq });
    this.count++;
    this.sorted.delete(namespace);
  }

  delete(namespace: string, name: string): void {
    const names = this.byNamespace.get(namespace);
    const slot = names?.get(name);
    if (!slot) return;
    this.stamp = ++lastStamp;
    names!.delete(name);
    if (names!.size === 0) this.byNamespace.delete(namespace);
    this.count--;
    this.sorted.delete(namespace);
  }

  /** Every object, in creation order (snapshots and namespace cleanup: rare, so sorted on demand). */
  values(): KubeObject[] {
    const slots: Slot[] = [];
    for (const names of this.byNamespace.values()) for (const slot of names.values()) slots.push(slot);
    slots.sort((a, b) => a.seq - b.seq);
    return slots.map((slot) => slot.obj);
  }

  /** The objects of `namespace` (of every namespace if undefined) that `accept` takes, in key order: namespace, then name. */
  list(namespace: string | undefined, accept: (obj: KubeObject) => boolean): KubeObject[] {
    const out: KubeObject[] = [];
    if (namespace !== undefined) this.listNamespace(namespace, accept, out);
    else for (const ns of [...this.byNamespace.keys()].sort(compareStrings)) this.listNamespace(ns, accept, out);
    return out;
  }

  private listNamespace(namespace: string, accept: (obj: KubeObject) => boolean, out: KubeObject[]): void {
    const sorted = this.sorted.get(namespace);
    if (sorted) {
      for (const slot of sorted) if (accept(slot.obj)) out.push(slot.obj);
      return;
    }
    const names = this.byNamespace.get(namespace);
    if (!names) return;
    const matched: Slot[] = [];
    for (const slot of names.values()) if (accept(slot.obj)) matched.push(slot);
    matched.sort(byName);
    // Everything matched: that is the namespace's sorted order, worth keeping for the next lists.
    if (matched.length === names.size) this.sorted.set(namespace, matched);
    for (const slot of matched) out.push(slot.obj);
  }
}

function byName(a: Slot, b: Slot): number {
  return compareStrings(a.name, b.name);
}

function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
