// The simulated API server's storage: create/get/list/update/patch/delete/watch per resource,
// with resourceVersion, uid, generateName, namespaces, selectors, a status subresource and
// graceful deletion. Semantics follow k8s.io/apiserver pkg/registry/generic/registry/store.go.
import { toRFC3339, type Clock } from '../clock';
import type { SeededRandom } from '../../shared/random';
import type { KubeObject, ObjectInput, ResourceName, ResourceTypes } from '../api/types';
import { apiVersionOf, resourceInfo, type ResourceInfo } from '../api/resources';
import {
  newAlreadyExists, newBadRequest, newConflict, newForbidden, newInvalid, newNotFound, field, StatusError, type FieldError,
} from '../errors';
import type { DeleteOptions, RegistryContext, Strategy, StrategySubresource } from '../registry/strategy';
import { cloneUnfrozen, deepClone, deepEqual, deepFreeze } from './clone';
import { compileFieldSelector, matches, parseFieldSelector, parseLabelSelector, type FieldMatcher, type FieldRequirement, type Selector } from './selectors';
import { applyPatch, type PatchType } from './patch';
import { validateObjectMeta } from '../registry/meta';
import { Bucket } from './bucket';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchEvent<T = KubeObject> {
  type: WatchEventType;
  object: T;
  /** The previous state for MODIFIED and DELETED (what an informer's UpdateFunc gets). */
  oldObject?: T;
}

export interface ListOptions {
  namespace?: string;
  labelSelector?: string | Selector;
  fieldSelector?: string | FieldRequirement[];
}

export interface WriteOptions {
  dryRun?: boolean;
  /**
   * The caller hands over a fresh object it will not change again: the store need not copy it.
   * The store may default it in place, and freezes what it keeps.
   */
  owned?: boolean;
}

export type WatchHandler<T = KubeObject> = (event: WatchEvent<T>) => void;

interface Watcher {
  resource: string;
  namespace?: string;
  labels: Selector;
  fields?: FieldMatcher;
  handler: WatchHandler<KubeObject>;
}

export interface StoreState {
  resourceVersion: number;
  objects: Partial<Record<string, KubeObject[]>>;
}

type Obj<R extends string> = R extends ResourceName ? ResourceTypes[R] : KubeObject;

/** Namespaces that exist in every cluster. */
export const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];

export class ApiStore {
  private data = new Map<string, Bucket>();
  private rv = 0;
  private watchers = new Map<string, Set<Watcher>>();
  private anyWatchers = new Set<(resource: string, e: WatchEvent) => void>();
  // Copies of the watcher sets for notify() to iterate, rebuilt only when a watch starts or stops
  // (notify runs on every write; copying the sets there showed in profiles).
  private watcherLists = new Map<string, Watcher[]>();
  private anyWatcherList: ((resource: string, e: WatchEvent) => void)[] | undefined;
  private strategies = new Map<string, Strategy>();
  readonly ctx: RegistryContext;

  constructor(readonly clock: Clock, readonly random: SeededRandom) {
    this.ctx = { clock, random, store: this };
  }

  registerStrategy(resource: ResourceName, strategy: Strategy): void {
    this.strategies.set(resource, strategy);
  }

  strategy(resource: string): Strategy | undefined {
    return this.strategies.get(resourceInfo(resource)?.resource ?? resource);
  }

  resourceVersion(): string {
    return String(this.rv);
  }

  // ---------- reads ----------

  get<R extends string>(resource: R, namespace: string | undefined, name: string): Obj<R> {
    const info = this.info(resource);
    const obj = this.bucket(info).get(nsKey(info, namespace), name);
    if (!obj) throw newNotFound(info.resource, name, info.group);
    return obj as Obj<R>;
  }

  tryGet<R extends string>(resource: R, namespace: string | undefined, name: string): Obj<R> | undefined {
    const info = this.info(resource);
    return this.bucket(info).get(nsKey(info, namespace), name) as Obj<R> | undefined;
  }

  list<R extends string>(resource: R, opts: ListOptions = {}): Obj<R>[] {
    const info = this.info(resource);
    const labels = typeof opts.labelSelector === 'string' ? parseLabelSelector(opts.labelSelector) : (opts.labelSelector ?? []);
    const fields = compileFieldSelector(info.resource, toFieldRequirements(opts.fieldSelector));
    const ns = info.namespaced ? opts.namespace : undefined;
    // The server returns objects ordered by key: namespace, then name.
    const out = this.bucket(info).list(ns, (obj) => (!labels.length || matches(labels, obj.metadata.labels)) && (!fields || fields(obj)));
    return out as Obj<R>[];
  }

  count(resource: string): number {
    return this.bucket(this.info(resource)).size;
  }

  /**
   * A number that changes whenever an object of `resource` is written or removed, and never comes
   * back (not after a restore either): caches of data derived from a kind's objects key on it.
   */
  stamp(resource: string): number {
    return this.bucket(this.info(resource)).stamp;
  }

  // ---------- writes ----------

  create<R extends string>(resource: R, input: ObjectInput, opts: WriteOptions & { namespace?: string } = {}): Obj<R> {
    const info = this.info(resource);
    const obj = (opts.owned ? input : deepClone(input)) as KubeObject;
    this.checkKind(info, obj);
    obj.apiVersion = apiVersionOf(info);
    obj.kind = info.kind;
    obj.metadata = (obj.metadata ?? {}) as KubeObject['metadata'];
    const meta = obj.metadata;
    if (info.namespaced) {
      const ns = meta.namespace ?? opts.namespace ?? 'default';
      if (opts.namespace && meta.namespace && meta.namespace !== opts.namespace) {
        // rest.go: "the namespace of the provided object does not match the namespace sent on the request"
        throw newBadRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      meta.namespace = ns;
      this.checkNamespaceAcceptsWrites(ns);
    } else {
      delete meta.namespace;
    }
    const strategy = this.strategies.get(info.resource);
    // BeforeCreate (k8s.io/apiserver pkg/registry/rest/create.go): name generation, then strategy.
    if (!meta.name && meta.generateName) meta.name = this.generateName(info, meta.namespace, meta.generateName);
    meta.uid = this.random.uuid();
    meta.creationTimestamp = this.clock.nowRFC3339();
    // `delete` of a missing key is not free in V8, and every event and pod comes this way.
    if ('deletionTimestamp' in meta) delete meta.deletionTimestamp;
    if ('deletionGracePeriodSeconds' in meta) delete meta.deletionGracePeriodSeconds;
    if ('managedFields' in meta) delete meta.managedFields;
    if (info.tracksGeneration) meta.generation = 1;
    else if ('generation' in meta) delete meta.generation;
    if (info.statusSubresource && info.resource !== 'nodes' && info.resource !== 'namespaces') obj.status = {};
    // Decoding applies defaults, then mutating admission runs, then rest.BeforeCreate calls
    // PrepareForCreate and Validate (k8s.io/apiserver pkg/registry/rest/create.go).
    strategy?.defaults?.(obj, this.ctx);
    strategy?.admit?.(obj, this.ctx);
    strategy?.prepareForCreate?.(obj, this.ctx);
    const errs = validateObjectMeta(obj, info);
    const specErrs = strategy?.validate?.(obj, this.ctx);
    if (specErrs?.length) errs.push(...specErrs);
    if (errs.length) throw newInvalid(info.kind, meta.name ?? '', errs, info.group);
    const bucketNs = nsKey(info, meta.namespace);
    if (this.bucket(info).has(bucketNs, meta.name)) throw newAlreadyExists(info.resource, meta.name, info.group);
    if (opts.dryRun) return obj as Obj<R>;
    meta.resourceVersion = String(++this.rv);
    const stored = deepFreeze(obj);
    this.bucket(info).set(bucketNs, meta.name, stored);
    this.notify(info, { type: 'ADDED', object: stored });
    return stored as Obj<R>;
  }

  /** Replace the object (PUT). Status is kept from the stored object when the kind has a status subresource. */
  update<R extends string>(resource: R, input: ObjectInput, opts: WriteOptions & { namespace?: string } = {}): Obj<R> {
    return this.write(resource, input, 'main', opts);
  }

  /** Write only the status (PUT .../status): spec and metadata are kept from the stored object. */
  updateStatus<R extends string>(resource: R, input: ObjectInput, opts: WriteOptions = {}): Obj<R> {
    return this.write(resource, input, 'status', opts);
  }

  /** Write through a strategy subresource (PUT .../ephemeralcontainers): its strategy decides what changes. */
  updateSubresource<R extends string>(resource: R, subresource: StrategySubresource, input: ObjectInput, opts: WriteOptions & { namespace?: string } = {}): Obj<R> {
    this.subresourceStrategy(resource, subresource);
    return this.write(resource, input, subresource, opts);
  }

  patch<R extends string>(
    resource: R, namespace: string | undefined, name: string, type: PatchType, patch: unknown,
    opts: WriteOptions & { subresource?: 'status' | StrategySubresource } = {},
  ): Obj<R> {
    const info = this.info(resource);
    if (opts.subresource && opts.subresource !== 'status') this.subresourceStrategy(resource, opts.subresource);
    const current = this.get(resource, namespace, name) as KubeObject;
    const patched = applyPatch(type, info.kind, current, patch) as KubeObject;
    if (!patched.metadata?.resourceVersion) patched.metadata = { ...patched.metadata, resourceVersion: current.metadata.resourceVersion };
    return this.write(resource, patched, opts.subresource ?? 'main', opts);
  }

  /**
   * A storage-level read-modify-write past the strategy (k8s.io/apiserver storage
   * GuaranteedUpdate), for subresources such as pods/binding that validate their own change.
   * `tryUpdate` gets the frozen current object and returns the next one; frozen subtrees it
   * shares with the current object are kept as they are.
   */
  guaranteedUpdate<R extends string>(
    resource: R, namespace: string | undefined, name: string, tryUpdate: (current: Obj<R>) => ObjectInput,
  ): Obj<R> {
    const info = this.info(resource);
    const current = this.get(resource, namespace, name) as KubeObject;
    const next = cloneUnfrozen(tryUpdate(current as Obj<R>)) as KubeObject;
    next.metadata = { ...next.metadata, resourceVersion: current.metadata.resourceVersion };
    if (deepEqual(next, current)) return current as Obj<R>;
    return this.commit(info, next, current) as Obj<R>;
  }

  delete<R extends string>(resource: R, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Obj<R> {
    const info = this.info(resource);
    const current = this.get(resource, namespace, name) as KubeObject;
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      // store.go: "Precondition failed: UID in precondition: %v, UID in object meta: %v"
      throw newConflict(info.resource, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`, info.group);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw newConflict(info.resource, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`, info.group);
    }
    const strategy = this.strategies.get(info.resource);
    const grace = strategy?.gracePeriod ? strategy.gracePeriod(current, opts, this.ctx) : 0;
    const finalizers = current.metadata.finalizers ?? [];
    if (grace > 0 || finalizers.length) {
      // Graceful deletion (k8s.io/apiserver pkg/registry/rest/delete.go BeforeDelete): set
      // deletionTimestamp, or shorten a pending one; a longer or equal grace period changes nothing.
      const pending = current.metadata.deletionTimestamp ? (current.metadata.deletionGracePeriodSeconds ?? 0) : Infinity;
      if (grace >= pending) return current as Obj<R>;
      const next = deepClone(current);
      next.metadata.deletionTimestamp = toRFC3339(this.clock.now() + grace * 1000);
      next.metadata.deletionGracePeriodSeconds = grace;
      if (info.tracksGeneration) next.metadata.generation = (next.metadata.generation ?? 0) + 1;
      if (opts.dryRun) return next as Obj<R>;
      return this.commit(info, next, current) as Obj<R>;
    }
    if (opts.dryRun) return current as Obj<R>;
    this.bucket(info).delete(nsKey(info, current.metadata.namespace), current.metadata.name);
    ++this.rv;
    this.notify(info, { type: 'DELETED', object: current, oldObject: current });
    if (info.resource === 'namespaces') this.deleteNamespaceContents(current.metadata.name);
    return current as Obj<R>;
  }

  // ---------- watch ----------

  watch<R extends string>(resource: R, handler: WatchHandler<Obj<R>>, opts: ListOptions = {}): () => void {
    const info = this.info(resource);
    const w: Watcher = {
      resource: info.resource,
      namespace: info.namespaced ? opts.namespace : undefined,
      labels: typeof opts.labelSelector === 'string' ? parseLabelSelector(opts.labelSelector) : (opts.labelSelector ?? []),
      fields: compileFieldSelector(info.resource, toFieldRequirements(opts.fieldSelector)),
      handler: handler as unknown as WatchHandler<KubeObject>,
    };
    let set = this.watchers.get(info.resource);
    if (!set) this.watchers.set(info.resource, (set = new Set()));
    set.add(w);
    this.watcherLists.delete(info.resource);
    return () => {
      set!.delete(w);
      this.watcherLists.delete(info.resource);
    };
  }

  /** Every change to every resource, for the UI's subscribe facade and autosave. */
  watchAll(handler: (resource: string, e: WatchEvent) => void): () => void {
    this.anyWatchers.add(handler);
    this.anyWatcherList = undefined;
    return () => {
      this.anyWatchers.delete(handler);
      this.anyWatcherList = undefined;
    };
  }

  // ---------- snapshot ----------

  snapshot(): StoreState {
    const objects: Record<string, KubeObject[]> = {};
    for (const [resource, bucket] of this.data) if (bucket.size) objects[resource] = [...bucket.values()];
    return { resourceVersion: this.rv, objects: deepClone(objects) };
  }

  restore(state: StoreState): void {
    this.data.clear();
    this.rv = state.resourceVersion;
    for (const [resource, items] of Object.entries(state.objects)) {
      const info = this.info(resource);
      const bucket = this.bucket(info);
      for (const o of items ?? []) bucket.set(nsKey(info, o.metadata.namespace), o.metadata.name, deepFreeze(deepClone(o)));
    }
  }

  // ---------- internals ----------

  private write<R extends string>(resource: R, input: ObjectInput, path: 'main' | 'status' | StrategySubresource, opts: WriteOptions & { namespace?: string }): Obj<R> {
    const info = this.info(resource);
    // Status writes share the frozen subtrees they did not change (controllers write often);
    // main-endpoint writes are copied whole because strategies default and edit them in place.
    // An owned input is the caller's fresh object: it is used (and frozen) as it is.
    const obj = (opts.owned ? input : path === 'status' ? cloneUnfrozen(input) : deepClone(input)) as KubeObject;
    this.checkKind(info, obj);
    const name = obj.metadata?.name;
    if (!name) throw newInvalid(info.kind, '', [field.required('metadata.name', 'name or generateName is required')], info.group);
    const ns = info.namespaced ? (obj.metadata.namespace ?? opts.namespace ?? 'default') : undefined;
    const current = this.tryGet(resource, ns, name) as KubeObject | undefined;
    if (!current) throw newNotFound(info.resource, name, info.group);
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) {
      // store.go GuaranteedUpdate: errors.NewConflict with OptimisticLockErrorMsg
      throw newConflict(info.resource, name, 'the object has been modified; please apply your changes to the latest version and try again', info.group);
    }
    obj.apiVersion = current.apiVersion;
    obj.kind = current.kind;
    const strategy = this.strategies.get(info.resource);
    let next: KubeObject;
    let errs: FieldError[];
    if (path === 'status') {
      next = { ...current, metadata: { ...current.metadata }, status: obj.status };
      errs = strategy?.validateStatusUpdate?.(next, current, this.ctx) ?? [];
    } else {
      next = obj;
      // Immutable system metadata (ValidateObjectMetaUpdate + rest.BeforeUpdate)
      next.metadata = {
        ...next.metadata,
        name: current.metadata.name,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        resourceVersion: current.metadata.resourceVersion,
      };
      if (info.namespaced) next.metadata.namespace = current.metadata.namespace;
      if (current.metadata.deletionTimestamp) {
        next.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
        next.metadata.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
      } else {
        delete next.metadata.deletionTimestamp;
        delete next.metadata.deletionGracePeriodSeconds;
      }
      if (info.statusSubresource) next.status = deepClone(current.status);
      if (path !== 'main') {
        // a strategy subresource: the body is decoded (defaulted) as a whole, then its strategy keeps what it may not change
        const sub = this.subresourceStrategy(resource, path);
        strategy?.defaults?.(next, this.ctx);
        sub.prepareForUpdate(next, current, this.ctx);
        errs = [...validateObjectMeta(next, info), ...sub.validateUpdate(next, current, this.ctx)];
      } else {
        strategy?.prepareForUpdate?.(next, current, this.ctx);
        strategy?.defaults?.(next, this.ctx);
        errs = [...validateObjectMeta(next, info), ...(strategy?.validateUpdate?.(next, current, this.ctx) ?? strategy?.validate?.(next, this.ctx) ?? [])];
      }
      if (info.tracksGeneration) {
        next.metadata.generation = current.metadata.generation ?? 1;
        if (!deepEqual(specOf(next), specOf(current))) next.metadata.generation += 1;
      }
    }
    if (errs.length) throw newInvalid(info.kind, name, errs, info.group);
    if (opts.dryRun) return next as Obj<R>;
    // A no-op write does not bump resourceVersion (the storage layer skips identical objects).
    if (equalIgnoringResourceVersion(next, current)) return current as Obj<R>;
    const committed = this.commit(info, next, current);
    // An object being deleted whose finalizers are all gone is removed now.
    if (committed.metadata.deletionTimestamp && !(committed.metadata.finalizers ?? []).length && committed.metadata.deletionGracePeriodSeconds === 0) {
      return this.delete(resource, committed.metadata.namespace, committed.metadata.name) as Obj<R>;
    }
    return committed as Obj<R>;
  }

  private commit(info: ResourceInfo, next: KubeObject, current: KubeObject): KubeObject {
    next.metadata.resourceVersion = String(++this.rv);
    const stored = deepFreeze(next);
    this.bucket(info).set(nsKey(info, next.metadata.namespace), next.metadata.name, stored);
    this.notify(info, { type: 'MODIFIED', object: stored, oldObject: current });
    return stored;
  }

  private notify(info: ResourceInfo, e: WatchEvent): void {
    const set = this.watchers.get(info.resource);
    if (set) {
      let list = this.watcherLists.get(info.resource);
      if (!list) this.watcherLists.set(info.resource, (list = [...set]));
      // A handler may stop a watch: the list is a snapshot, so check the set.
      for (const w of list) {
        if (!set.has(w)) continue;
        const obj = e.object;
        if (w.namespace !== undefined && obj.metadata.namespace !== w.namespace) continue;
        const now = this.watchMatches(w, obj);
        const before = e.oldObject && e.type === 'MODIFIED' ? this.watchMatches(w, e.oldObject) : now;
        // A filtered watch sees an object enter (ADDED) or leave (DELETED) its selection.
        if (e.type === 'MODIFIED' && now && !before) w.handler({ type: 'ADDED', object: obj });
        else if (e.type === 'MODIFIED' && !now && before) w.handler({ type: 'DELETED', object: obj, oldObject: e.oldObject });
        else if (now) w.handler(e);
      }
    }
    const any = (this.anyWatcherList ??= [...this.anyWatchers]);
    for (const h of any) h(info.resource, e);
  }

  private watchMatches(w: Watcher, obj: KubeObject): boolean {
    if (w.labels.length && !matches(w.labels, obj.metadata.labels)) return false;
    if (w.fields && !w.fields(obj)) return false;
    return true;
  }

  private generateName(info: ResourceInfo, namespace: string | undefined, prefix: string): string {
    // names.SimpleNameGenerator: base truncated so that base + 5 random chars fits in 63.
    const base = prefix.length > 58 ? prefix.slice(0, 58) : prefix;
    for (let attempt = 0; attempt < 8; attempt++) {
      const name = base + this.random.nameSuffix();
      if (!this.bucket(info).has(nsKey(info, namespace), name)) return name;
    }
    return base + this.random.nameSuffix();
  }

  private subresourceStrategy(resource: string, subresource: StrategySubresource) {
    const info = this.info(resource);
    const sub = this.strategies.get(info.resource)?.subresources?.[subresource];
    // the apiserver has no such path: a 404 without details (what kubectl debug checks for)
    if (!sub) {
      throw new StatusError({
        kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 404, reason: 'NotFound',
        message: 'the server could not find the requested resource', details: {},
      });
    }
    return sub;
  }

  private checkKind(info: ResourceInfo, obj: KubeObject): void {
    if (obj.kind && obj.kind !== info.kind) {
      throw newBadRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${apiVersionOf(info)})`);
    }
  }

  private checkNamespaceAcceptsWrites(ns: string): void {
    const nsObj = this.tryGet('namespaces', undefined, ns);
    // NamespaceLifecycle admission (plugin/pkg/admission/namespace/lifecycle/admission.go).
    if (!nsObj) {
      if (this.count('namespaces') === 0) return; // bootstrapping: the cluster creates namespaces first
      throw newNotFound('namespaces', ns);
    }
    if (nsObj.metadata.deletionTimestamp) {
      throw newForbidden('', '', `unable to create new content in namespace ${ns} because it is being terminated`);
    }
  }

  private deleteNamespaceContents(ns: string): void {
    // The namespace controller removes everything in a deleted namespace.
    for (const [resource, bucket] of this.data) {
      const info = this.info(resource);
      if (!info.namespaced) continue;
      for (const obj of bucket.values()) {
        if (obj.metadata.namespace !== ns) continue;
        bucket.delete(ns, obj.metadata.name);
        ++this.rv;
        this.notify(info, { type: 'DELETED', object: obj, oldObject: obj });
      }
    }
  }

  private info(resource: string): ResourceInfo {
    const info = resourceInfo(resource);
    if (!info) throw newNotFound('resources', resource);
    return info;
  }

  private bucket(info: ResourceInfo): Bucket {
    let b = this.data.get(info.resource);
    if (!b) this.data.set(info.resource, (b = new Bucket()));
    return b;
  }
}

function toFieldRequirements(sel: string | FieldRequirement[] | undefined): FieldRequirement[] {
  return typeof sel === 'string' ? parseFieldSelector(sel) : (sel ?? []);
}

/** The bucket's namespace key: '' for cluster-scoped kinds, 'default' when a namespaced request names none. */
function nsKey(info: ResourceInfo, namespace: string | undefined): string {
  return info.namespaced ? (namespace ?? 'default') : '';
}

/** deepEqual of two objects as if both had the same metadata.resourceVersion, without copying them. */
function equalIgnoringResourceVersion(a: KubeObject, b: KubeObject): boolean {
  const ao = a as unknown as Record<string, unknown>;
  const bo = b as unknown as Record<string, unknown>;
  let count = 0;
  for (const k in ao) {
    const x = ao[k];
    if (x === undefined) continue;
    count++;
    if (k === 'metadata' ? !equalExceptResourceVersion(a.metadata, b.metadata) : !deepEqual(x, bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined) count--;
  return count === 0;
}

function equalExceptResourceVersion(a: object | undefined, b: object | undefined): boolean {
  const ao = (a ?? {}) as Record<string, unknown>;
  const bo = (b ?? {}) as Record<string, unknown>;
  let count = 0;
  for (const k in ao) {
    const x = ao[k];
    if (x === undefined || k === 'resourceVersion') continue;
    count++;
    if (!deepEqual(x, bo[k])) return false;
  }
  for (const k in bo) if (bo[k] !== undefined && k !== 'resourceVersion') count--;
  return count === 0;
}

function specOf(o: KubeObject): unknown {
  const { metadata: _m, status: _s, ...rest } = o;
  return rest;
}
