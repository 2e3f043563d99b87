// The garbage collector (pkg/controller/garbagecollector/garbagecollector.go): objects whose
// owners are all gone are deleted (background cascading); owners being deleted with the `orphan`
// finalizer have their dependents' references removed first, and with `foregroundDeletion` wait
// for their dependents to go. The owner→dependents graph is derived from the store.
import type { Component, EngineContext } from '../cluster/context';
import type { KubeObject, OwnerReference } from '../api/types';
import { RESOURCES, resourceForKind, resourceInfo } from '../api/resources';
import type { WatchEvent } from '../store/store';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { AfterQueue, type AfterQueueState } from './after-queue';
import { deepClone } from '../store/clone';
import { isStatusError } from '../errors';

// metav1 FinalizerOrphanDependents / FinalizerDeleteDependents
export const FINALIZER_ORPHAN = 'orphan';
export const FINALIZER_FOREGROUND = 'foregroundDeletion';

interface GarbageCollectorState {
  dependents: WorkQueueState;
  owners: WorkQueueState;
  after: AfterQueueState;
}

type Key = string; // resource|namespace|name

const keyOf = (resource: string, o: KubeObject): Key => `${resource}|${o.metadata.namespace ?? ''}|${o.metadata.name}`;

export class GarbageCollector implements Component {
  readonly name = 'garbage-collector';
  private readonly dependents: WorkQueue;
  private readonly owners: WorkQueue;
  private readonly after: AfterQueue;
  /** owner uid → dependents' keys (the graph builder's view, rebuilt from the store on start). */
  private readonly graph = new Map<string, Set<Key>>();
  /** uid → key of every object that has owner references (to update the graph on change). */
  private readonly refsOf = new Map<Key, string[]>();
  private restored = false;

  constructor(private readonly ctx: EngineContext) {
    this.dependents = new WorkQueue(ctx.clock, 'garbage-collector', (key) => this.attemptToDelete(key));
    this.owners = new WorkQueue(ctx.clock, 'garbage-collector-owners', (key) => this.processDeletingOwner(key));
    this.after = new AfterQueue(ctx.clock, this.dependents);
  }

  start(): void {
    const { store } = this.ctx;
    for (const info of RESOURCES) {
      for (const obj of store.list(info.resource)) {
        this.index(info.resource, obj);
        if (!this.restored && obj.metadata.ownerReferences?.length) this.dependents.add(keyOf(info.resource, obj));
        if (!this.restored && this.finalizing(obj)) this.owners.add(keyOf(info.resource, obj));
      }
    }
    store.watchAll((resource, e) => this.onChange(resource, e));
  }

  snapshot(): GarbageCollectorState {
    return { dependents: this.dependents.snapshot(), owners: this.owners.snapshot(), after: this.after.snapshot() };
  }

  restore(state: unknown): void {
    const s = state as GarbageCollectorState;
    this.dependents.restore(s.dependents);
    this.owners.restore(s.owners);
    this.after.restore(s.after);
    this.restored = true;
  }

  // ---- graph maintenance (graph_builder.go processGraphChanges) ----

  private onChange(resource: string, e: WatchEvent): void {
    const obj = e.object;
    if (e.type === 'DELETED') {
      this.unindex(keyOf(resource, obj));
      // The owner is gone: its dependents may be garbage now.
      for (const dep of this.graph.get(obj.metadata.uid) ?? []) this.dependents.add(dep);
      // A dependent is gone: an owner waiting in foreground deletion may finish.
      for (const ref of obj.metadata.ownerReferences ?? []) this.enqueueOwnerByRef(resource, obj, ref);
      return;
    }
    // Most writes (events, status updates, bare pods) involve no owner references on either
    // side: there is nothing to index then (refsOf holds only objects with references).
    if (!obj.metadata.ownerReferences?.length && !e.oldObject?.metadata.ownerReferences?.length) {
      if (this.finalizing(obj)) this.owners.add(keyOf(resource, obj));
      return;
    }
    const key = keyOf(resource, obj);
    const before = (e.oldObject?.metadata.ownerReferences ?? []).map((r) => r.uid).join(',');
    this.unindex(key);
    this.index(resource, obj);
    const refs = obj.metadata.ownerReferences ?? [];
    if (e.type === 'ADDED' ? refs.length > 0 : refs.map((r) => r.uid).join(',') !== before) this.dependents.add(key);
    if (this.finalizing(obj)) this.owners.add(key);
  }

  private index(resource: string, obj: KubeObject): void {
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const key = keyOf(resource, obj);
    this.refsOf.set(key, refs.map((r) => r.uid));
    for (const r of refs) {
      let set = this.graph.get(r.uid);
      if (!set) this.graph.set(r.uid, (set = new Set()));
      set.add(key);
    }
  }

  private unindex(key: Key): void {
    for (const uid of this.refsOf.get(key) ?? []) {
      const set = this.graph.get(uid);
      set?.delete(key);
      if (set && !set.size) this.graph.delete(uid);
    }
    this.refsOf.delete(key);
  }

  private finalizing(obj: KubeObject): boolean {
    const f = obj.metadata.finalizers ?? [];
    return !!obj.metadata.deletionTimestamp && (f.includes(FINALIZER_ORPHAN) || f.includes(FINALIZER_FOREGROUND));
  }

  private enqueueOwnerByRef(depResource: string, dep: KubeObject, ref: OwnerReference): void {
    const owner = this.lookupOwner(depResource, dep, ref);
    const obj = owner?.obj;
    if (owner && obj && obj.metadata.uid === ref.uid && this.finalizing(obj)) this.owners.add(keyOf(owner.resource, obj));
  }

  // ---- attemptToDeleteItem (garbagecollector.go) ----

  private attemptToDelete(key: Key): void {
    const [resource, ns, name] = key.split('|') as [string, string, string];
    const { store } = this.ctx;
    const obj = store.tryGet(resource, ns || undefined, name) as KubeObject | undefined;
    if (!obj || obj.metadata.deletionTimestamp) return;
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const solid: OwnerReference[] = [];
    const dangling: OwnerReference[] = [];
    const waiting: OwnerReference[] = [];
    for (const ref of refs) {
      const owner = this.lookupOwner(resource, obj, ref);
      // An owner kind this API server does not serve cannot be checked; it is left alone.
      if (owner === undefined) solid.push(ref);
      else if (!owner.obj || owner.obj.metadata.uid !== ref.uid) dangling.push(ref);
      else if (owner.obj.metadata.deletionTimestamp && (owner.obj.metadata.finalizers ?? []).includes(FINALIZER_FOREGROUND)) waiting.push(ref);
      else solid.push(ref);
    }
    try {
      if (solid.length) {
        // Some owner remains: only the references to owners that are gone are removed.
        if (dangling.length) {
          const next = deepClone(obj);
          const gone = new Set(dangling.map((r) => r.uid));
          next.metadata.ownerReferences = refs.filter((r) => !gone.has(r.uid));
          store.update(resource, next);
        }
        return;
      }
      // Every owner is gone (or being deleted in the foreground): delete the dependent.
      store.delete(resource, ns || undefined, name, { preconditions: { uid: obj.metadata.uid }, propagationPolicy: waiting.length ? 'Foreground' : 'Background' });
    } catch (e) {
      if (!isStatusError(e)) throw e;
      if (!isStatusError(e, 'NotFound') && !isStatusError(e, 'Conflict')) this.after.addRateLimited(key);
    }
  }

  /** Resolve an owner reference: undefined when the kind is not served, {obj: undefined} when absent. */
  private lookupOwner(depResource: string, dep: KubeObject, ref: OwnerReference): { resource: string; obj: KubeObject | undefined } | undefined {
    const info = resourceForKind(ref.kind);
    const group = ref.apiVersion.includes('/') ? ref.apiVersion.split('/')[0] : '';
    if (!info || info.group !== group) return undefined;
    const depNamespaced = resourceInfo(depResource)?.namespaced;
    const ns = info.namespaced ? (depNamespaced ? dep.metadata.namespace : undefined) : undefined;
    if (info.namespaced && !ns) return undefined;
    return { resource: info.resource, obj: this.ctx.store.tryGet(info.resource, ns, ref.name) as KubeObject | undefined };
  }

  // ---- owners being deleted with orphan / foreground finalizers ----

  private processDeletingOwner(key: Key): void {
    const [resource, ns, name] = key.split('|') as [string, string, string];
    const { store } = this.ctx;
    const owner = store.tryGet(resource, ns || undefined, name) as KubeObject | undefined;
    if (!owner || !this.finalizing(owner)) return;
    const uid = owner.metadata.uid;
    const deps = [...(this.graph.get(uid) ?? [])];
    const fin = owner.metadata.finalizers ?? [];
    try {
      if (fin.includes(FINALIZER_ORPHAN)) {
        // orphanDependents: drop the reference to the owner from every dependent.
        for (const dep of deps) {
          const [r, dns, dname] = dep.split('|') as [string, string, string];
          const obj = store.tryGet(r, dns || undefined, dname) as KubeObject | undefined;
          if (!obj) continue;
          const next = deepClone(obj);
          next.metadata.ownerReferences = (next.metadata.ownerReferences ?? []).filter((ref) => ref.uid !== uid);
          store.update(r, next);
        }
        this.removeFinalizer(resource, owner, FINALIZER_ORPHAN);
        return;
      }
      // Foreground: delete the dependents; the owner goes once none that blocks it is left.
      let blocking = 0;
      for (const dep of deps) {
        const [r, dns, dname] = dep.split('|') as [string, string, string];
        const obj = store.tryGet(r, dns || undefined, dname) as KubeObject | undefined;
        if (!obj) continue;
        const ref = obj.metadata.ownerReferences?.find((x) => x.uid === uid);
        if (ref?.blockOwnerDeletion) blocking++;
        if (!obj.metadata.deletionTimestamp) store.delete(r, dns || undefined, dname, { preconditions: { uid: obj.metadata.uid }, propagationPolicy: 'Foreground' });
      }
      if (!blocking) this.removeFinalizer(resource, owner, FINALIZER_FOREGROUND);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  private removeFinalizer(resource: string, owner: KubeObject, finalizer: string): void {
    const next = deepClone(owner);
    next.metadata.finalizers = (next.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    this.ctx.store.update(resource, next);
  }
}
