// Static pods: the kubelet's file source. It reads `staticPodPath` from the kubelet config, turns
// every manifest in that folder into a pod bound to this node (pkg/kubelet/config/file.go,
// file_linux.go, common.go applyDefaults) and stamps the annotations the kubelet's config merge
// adds (pkg/kubelet/config/config.go). The pods go to a StaticPodHost (the kubelet), never to the
// API server: the API only ever sees their mirror pods (mirror-pods.ts).
import { parseAllDocuments } from 'yaml';
import { md5 } from 'js-md5';
import type { Pod, StoredPod, KubeObject, Toleration } from '../api/types';
import { resourceInfo } from '../api/resources';
import type { EngineContext } from '../cluster/context';
import { WorkQueue, type WorkQueueState } from '../controllers/workqueue';
import { goQuote, type FieldError } from '../errors';
import { validateObjectMeta } from '../registry/meta';
import { defaultPod } from '../registry/pod/defaults';
import { validatePodCreate } from '../registry/pod/validation';
import { deepClone, deepFreeze } from '../store/clone';
import type { MemFS } from '../runtime/fs/memfs';
import { basename, dirname, isWithin, resolvePath } from '../runtime/fs/path';

/** Where kubeadm writes the kubelet's KubeletConfiguration (the kubelet's --config flag). */
export const KUBELET_CONFIG_PATH = '/var/lib/kubelet/config.yaml';

// pkg/kubelet/types/pod_update.go: the annotation keys and the file source name.
export const CONFIG_SOURCE_ANNOTATION_KEY = 'kubernetes.io/config.source';
export const CONFIG_MIRROR_ANNOTATION_KEY = 'kubernetes.io/config.mirror';
export const CONFIG_FIRST_SEEN_ANNOTATION_KEY = 'kubernetes.io/config.seen';
export const CONFIG_HASH_ANNOTATION_KEY = 'kubernetes.io/config.hash';
export const FILE_SOURCE = 'file';

// pkg/kubelet/apis/config/v1beta1/defaults.go SetDefaults_KubeletConfiguration: FileCheckFrequency 20s.
const DEFAULT_FILE_CHECK_FREQUENCY_MS = 20_000;

/** The kubelet side of the file source: it runs, restarts and stops what it is given. */
export interface StaticPodHost {
  /** A new static pod (new uid): full defaulted pod, name `<name>-<node>`, annotations, nodeName. Not in the store. */
  upsertStaticPod(pod: StoredPod): void;
  /** The pod with this uid left the source (manifest removed or changed). */
  removeStaticPod(uid: string): void;
}

export interface StaticPodSourceOptions {
  /** ValidatePodCreate; the default is the API server's (ObjectMeta and pod rules). */
  validate?: (pod: Pod) => FieldError[];
  /**
   * Re-read staticPodPath whenever config.yaml changes. Off by default: the real kubelet reads
   * its config file once, so an edit needs `systemctl restart kubelet` (reloadConfig()).
   */
  reloadConfigOnChange?: boolean;
}

export interface StaticPodSourceState {
  manifestPath?: string;
  fileCheckMs: number;
  origin: number;
  store: [string, StoredPod][];
  fileKeys: [string, string][];
  emitted: StoredPod[];
  problems: [string, string][];
  relistAt?: number;
  queue: WorkQueueState;
}

type Extracted = { ok: true; key: string; pod: StoredPod } | { ok: false; error: string };

export class StaticPodSource {
  private manifestPath: string | undefined;
  private fileCheckMs = DEFAULT_FILE_CHECK_FREQUENCY_MS;
  /** When the kubelet's 20 s list ticker started; relists fall on its ticks. */
  private origin = 0;
  /** The source's UndeltaStore, keyed by namespace/name like cache.MetaNamespaceKeyFunc. */
  private store = new Map<string, StoredPod>();
  /** fileKeyMapping: manifest path → store key, so a removed file removes its pod. */
  private fileKeys = new Map<string, string>();
  /** What the host has been given, by uid. */
  private emitted = new Map<string, StoredPod>();
  /** The last error per path, as the kubelet would log it. */
  private problemsByPath = new Map<string, string>();
  private relistAt: number | undefined;
  private readonly queue: WorkQueue;
  private readonly relistTarget: string;
  private restored = false;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly ctx: EngineContext,
    readonly nodeName: string,
    private readonly fs: MemFS,
    private readonly host: StaticPodHost,
    private readonly opts: StaticPodSourceOptions = {},
  ) {
    this.relistTarget = `static-pods/${nodeName}/list`;
    ctx.clock.register(this.relistTarget, () => this.relist());
    // Change events are handled in a clock task, never inside the write that caused them.
    this.queue = new WorkQueue(ctx.clock, `static-pods/${nodeName}`, (path) => this.handleChange(path));
  }

  /** Read the kubelet config, watch the filesystem and list the manifests ("Read path immediately"). */
  start(): void {
    if (!this.unsubscribe) this.unsubscribe = this.fs.onChange((path) => this.onFsChange(path));
    if (this.restored) return;
    this.origin = this.ctx.clock.now();
    this.readConfig();
    this.relistAt = this.origin;
    this.ctx.clock.scheduleAt(this.origin, this.relistTarget);
  }

  /** What a kubelet restart does to the file source: read config.yaml again and relist. */
  reloadConfig(): void {
    this.readConfig();
    this.listConfig();
    this.emitDiff();
  }

  /** The folder (or file) the source reads, from staticPodPath; undefined when unset. */
  staticPodPath(): string | undefined {
    return this.manifestPath;
  }

  /** The static pods the host currently has. */
  pods(): StoredPod[] {
    return [...this.emitted.values()];
  }

  /** Why manifests were skipped, as the kubelet logs it, by path. */
  problems(): { path: string; message: string }[] {
    return [...this.problemsByPath].sort(([a], [b]) => (a < b ? -1 : 1)).map(([path, message]) => ({ path, message }));
  }

  snapshot(): StaticPodSourceState {
    return deepClone({
      manifestPath: this.manifestPath,
      fileCheckMs: this.fileCheckMs,
      origin: this.origin,
      store: [...this.store],
      fileKeys: [...this.fileKeys],
      emitted: [...this.emitted.values()],
      problems: [...this.problemsByPath],
      relistAt: this.relistAt,
      queue: this.queue.snapshot(),
    });
  }

  restore(state: unknown): void {
    const s = deepClone(state as StaticPodSourceState);
    this.manifestPath = s.manifestPath;
    this.fileCheckMs = s.fileCheckMs;
    this.origin = s.origin;
    this.store = new Map(s.store.map(([k, p]) => [k, deepFreeze(p)]));
    this.fileKeys = new Map(s.fileKeys);
    this.emitted = new Map(s.emitted.map((p) => [p.metadata.uid, deepFreeze(p)]));
    this.problemsByPath = new Map(s.problems);
    this.relistAt = s.relistAt;
    this.queue.restore(s.queue);
    this.restored = true;
  }

  // ---------- reacting to the filesystem (file_linux.go) ----------

  private onFsChange(path: string): void {
    const dir = this.manifestPath;
    // Most changes are far from the folder (a writer loop in an emptyDir): neither its parent nor
    // inside it, which a clean path longer than the folder and not starting with it cannot be.
    if (dir !== undefined && path.length > dir.length + 1 && !path.startsWith(dir) && path !== KUBELET_CONFIG_PATH) return;
    const relevant = (path === KUBELET_CONFIG_PATH && this.opts.reloadConfigOnChange)
      || (dir !== undefined && (isWithin(dir, path) || dirname(path) === dir));
    if (relevant) this.queue.add(path);
  }

  private handleChange(path: string): void {
    if (path === KUBELET_CONFIG_PATH && this.opts.reloadConfigOnChange) {
      this.reloadConfig();
      return;
    }
    const dir = this.manifestPath;
    if (dir === undefined) return;
    if (isWithin(dir, path)) this.listConfig(); // the folder itself (or a parent) changed
    else if (dirname(path) === dir) this.consumeWatchEvent(path);
    else return;
    this.emitDiff();
    this.scheduleRelist();
  }

  // file_linux.go produceWatchEvent + consumeWatchEvent: one file was created, written or removed.
  private consumeWatchEvent(path: string): void {
    // "Ignored pod manifest, because it starts with dots"
    if (basename(path).startsWith('.')) return;
    if (!this.fs.exists(path)) {
      const key = this.fileKeys.get(path);
      if (key !== undefined) {
        this.store.delete(key);
        this.fileKeys.delete(path);
      }
      this.problemsByPath.delete(path);
      return;
    }
    if (this.fs.stat(path).type === 'dir') {
      this.problemsByPath.set(path, 'Provided manifest path is a directory, not recursing into manifest path');
      return;
    }
    const r = this.extractFromFile(path);
    // file_linux.go consumeWatchEvent: "can't process config file %q: %v"; the old pod stays until the next list.
    if (!r.ok) this.problemsByPath.set(path, `can't process config file ${goQuote(path)}: ${r.error}`);
    else this.store.set(r.key, r.pod);
  }

  /** The 20 s list ticker. Only a change can make a list differ, so a tick is scheduled after one. */
  private scheduleRelist(): void {
    if (this.relistAt !== undefined) return;
    const now = this.ctx.clock.now();
    const ticks = Math.floor((now - this.origin) / this.fileCheckMs) + 1;
    this.relistAt = this.origin + ticks * this.fileCheckMs;
    this.ctx.clock.scheduleAt(this.relistAt, this.relistTarget);
  }

  private relist(): void {
    this.relistAt = undefined;
    this.listConfig();
    this.emitDiff();
  }

  // ---------- listing (file.go listConfig, extractFromDir, extractFromFile) ----------

  private listConfig(): void {
    const path = this.manifestPath;
    if (path === undefined) {
      this.replaceStore([]);
      return;
    }
    if (!this.fs.exists(path)) {
      // file.go listConfig: an empty update, then "path does not exist, ignoring"
      this.replaceStore([]);
      this.problemsByPath.set(path, 'path does not exist, ignoring');
      return;
    }
    this.problemsByPath.delete(path);
    if (this.fs.stat(path).type === 'file') {
      const r = this.extractFromFile(path);
      if (r.ok) this.replaceStore([r]);
      else this.problemsByPath.set(path, r.error);
      return;
    }
    const found: { key: string; pod: StoredPod }[] = [];
    // file.go extractFromDir: glob "[^.]*", sorted; folders are not recursed into.
    for (const name of this.fs.readdir(path)) {
      if (name.startsWith('.')) continue;
      const file = `${path === '/' ? '' : path}/${name}`;
      if (this.fs.stat(file).type === 'dir') {
        this.problemsByPath.set(file, 'Provided manifest path is a directory, not recursing into manifest path');
        continue;
      }
      const r = this.extractFromFile(file);
      if (r.ok) found.push(r);
      else this.problemsByPath.set(file, `Could not process manifest file: ${r.error}`);
    }
    this.replaceStore(found);
  }

  private replaceStore(found: { key: string; pod: StoredPod }[]): void {
    this.store = new Map(found.map((f) => [f.key, f.pod]));
  }

  private extractFromFile(path: string): Extracted {
    let data: string;
    try {
      data = this.fs.readFile(path);
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    const decoded = decodePod(data);
    if (!decoded.ok) {
      // file.go extractFromFile: "%v: couldn't parse as pod(%v), please check config file"
      return { ok: false, error: `${path}: couldn't parse as pod(${decoded.error}), please check config file` };
    }
    const pod = decoded.pod;
    try {
      defaultPod(pod); // the universal decoder runs SetObjectDefaults_Pod
    } catch (e) {
      return { ok: false, error: `${path}: couldn't parse as pod(${(e as Error).message}), please check config file` };
    }
    applyDefaults(pod, path, this.nodeName);
    const errs = (this.opts.validate ?? validateStaticPod)(pod);
    // common.go tryDecodeSinglePod: "invalid pod: %v" of a field.ErrorList (printed as [a b])
    if (errs.length) return { ok: false, error: `invalid pod: [${errs.map((e) => e.toString()).join(' ')}]` };
    this.problemsByPath.delete(path);
    const stored = deepFreeze(pod as StoredPod);
    const key = `${stored.metadata.namespace}/${stored.metadata.name}`;
    this.fileKeys.set(path, key);
    return { ok: true, key, pod: stored };
  }

  // ---------- handing pods to the kubelet (config.go merge) ----------

  /** Removes first, then adds, as podStorage.Merge sends them; a pod is new when its uid is. */
  private emitDiff(): void {
    const current = new Map<string, StoredPod>();
    for (const pod of this.store.values()) current.set(pod.metadata.uid, pod);
    const removed = [...this.emitted.keys()].filter((uid) => !current.has(uid));
    for (const uid of removed) {
      this.emitted.delete(uid);
      this.host.removeStaticPod(uid);
    }
    for (const [uid, pod] of current) {
      if (this.emitted.has(uid)) continue;
      const full = withLocalAnnotations(pod, toRFC3339Nano(this.ctx.clock.now()));
      this.emitted.set(uid, full);
      this.host.upsertStaticPod(full);
    }
  }

  // ---------- kubelet config ----------

  private readConfig(): void {
    this.manifestPath = undefined;
    this.fileCheckMs = DEFAULT_FILE_CHECK_FREQUENCY_MS;
    let cfg: unknown;
    try {
      cfg = parseConfig(this.fs.readFile(KUBELET_CONFIG_PATH));
    } catch (e) {
      // server.go: "failed to load kubelet config file"
      this.problemsByPath.set(KUBELET_CONFIG_PATH, `failed to load kubelet config file, path: ${KUBELET_CONFIG_PATH}, error: ${(e as Error).message}`);
      return;
    }
    this.problemsByPath.delete(KUBELET_CONFIG_PATH);
    const c = (cfg ?? {}) as { staticPodPath?: unknown; fileCheckFrequency?: unknown };
    if (typeof c.staticPodPath === 'string' && c.staticPodPath !== '') {
      // Relative paths in a kubelet config file are relative to the file (kubeletconfig/configfiles).
      this.manifestPath = resolvePath(dirname(KUBELET_CONFIG_PATH), c.staticPodPath);
    }
    const freq = typeof c.fileCheckFrequency === 'string' ? parseGoDuration(c.fileCheckFrequency) : undefined;
    if (freq) this.fileCheckMs = freq;
  }
}

// Every node of a cluster usually carries the same kubelet config: parse each text once.
let lastConfigText: string | undefined;
let lastConfig: unknown;
function parseConfig(text: string): unknown {
  if (text !== lastConfigText) {
    lastConfig = parseYaml(text);
    lastConfigText = text;
  }
  return lastConfig;
}

// ---------- decoding and defaulting one manifest (common.go) ----------

/** YAML to a JS value the way sigs.k8s.io/yaml does it: YAML 1.1 (0644 is octal), first document only, no timestamps. */
function parseYaml(text: string): unknown {
  const docs = parseAllDocuments(text, {
    version: '1.1',
    customTags: (tags) => tags.filter((t) => typeof t === 'string' || t.tag !== 'tag:yaml.org,2002:timestamp'),
  });
  const doc = Array.isArray(docs) ? docs[0] : undefined;
  if (!doc) return null;
  const err = doc.errors[0];
  if (err) {
    // sigs.k8s.io/yaml: "error converting YAML to JSON: yaml: line %d: %s" (the wording of the problem is our parser's)
    const what = err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    const line = err.linePos?.[0]?.line;
    throw new Error(`error converting YAML to JSON: yaml: ${line !== undefined ? `line ${line}: ` : ''}${what}`);
  }
  return doc.toJS({ maxAliasCount: 100 });
}

function decodePod(data: string): { ok: true; pod: Pod } | { ok: false; error: string } {
  let obj: unknown;
  try {
    obj = parseYaml(data);
  } catch (e) {
    return { ok: false, error: (e as Error).message };
  }
  const json = canonicalJSON(obj);
  const o = (obj && typeof obj === 'object' && !Array.isArray(obj) ? obj : {}) as Record<string, unknown>;
  // apimachinery runtime/error.go NewMissingKindErr / NewMissingVersionErr
  if (typeof o.kind !== 'string' || !o.kind) return { ok: false, error: `Object 'Kind' is missing in '${json}'` };
  if (typeof o.apiVersion !== 'string' || !o.apiVersion) return { ok: false, error: `Object 'apiVersion' is missing in '${json}'` };
  // common.go tryDecodeSinglePod: anything that does not decode to a Pod is "invalid pod: %#v"
  if (o.kind !== 'Pod' || o.apiVersion !== 'v1') return { ok: false, error: `invalid pod: ${json}` };
  if (o.metadata !== undefined && (typeof o.metadata !== 'object' || Array.isArray(o.metadata))) {
    return { ok: false, error: `json: cannot unmarshal ${jsonType(o.metadata)} into Go struct field Pod.metadata of type v1.ObjectMeta` };
  }
  if (o.spec !== undefined && (typeof o.spec !== 'object' || Array.isArray(o.spec))) {
    return { ok: false, error: `json: cannot unmarshal ${jsonType(o.spec)} into Go struct field Pod.spec of type v1.PodSpec` };
  }
  const pod = o as unknown as Pod & { metadata: NonNullable<Pod['metadata']> };
  pod.metadata ??= {};
  // A manifest's `creationTimestamp: null` is a zero time; status is the kubelet's.
  delete (pod.metadata as Record<string, unknown>).creationTimestamp;
  return { ok: true, pod };
}

/** common.go applyDefaults for a file source. */
function applyDefaults(pod: Pod, source: string, nodeName: string): void {
  const meta = pod.metadata as NonNullable<StoredPod['metadata']>;
  if (!meta.uid) {
    // The hash of the defaulted pod, then "host:%s" and "file:%s" (DeepHashObject writes the pod first).
    meta.uid = md5(canonicalJSON(pod) + `host:${nodeName}` + `file:${source}`);
  }
  // common.go generatePodName: "%s-%s" with the lower-cased node name
  meta.name = `${meta.name ?? ''}-${nodeName.toLowerCase()}`;
  if (!meta.namespace) meta.namespace = 'default';
  const spec = (pod.spec ??= { containers: [] });
  spec.nodeName = nodeName;
  meta.annotations = { ...(meta.annotations ?? {}), [CONFIG_HASH_ANNOTATION_KEY]: meta.uid };
  // "Applying the default Taint tolerations to static pods, so they are not evicted when there are node problems."
  addOrUpdateToleration(spec, { operator: 'Exists', effect: 'NoExecute' });
  meta.resourceVersion = '';
  meta.creationTimestamp = '';
  (pod as { status?: Pod['status'] }).status = { ...(pod.status ?? {}), phase: 'Pending' };
}

// pkg/apis/core/helper AddOrUpdateTolerationInPod: replace a toleration with the same key,
// operator, value and effect, keep an identical one, else append.
function addOrUpdateToleration(spec: NonNullable<Pod['spec']>, t: Toleration): void {
  const list = spec.tolerations ?? [];
  const same = (a: Toleration) => (a.key ?? '') === (t.key ?? '') && (a.operator ?? '') === (t.operator ?? '')
    && (a.value ?? '') === (t.value ?? '') && (a.effect ?? '') === (t.effect ?? '');
  const i = list.findIndex(same);
  if (i >= 0) list[i] = { ...list[i], ...t };
  else list.push(t);
  spec.tolerations = list;
}

/** ValidatePodCreate: the name and namespace rules (registry/meta.ts), then the pod's own. */
function validateStaticPod(pod: Pod): FieldError[] {
  const obj = pod as unknown as KubeObject;
  return [...validateObjectMeta(obj, resourceInfo('pods')!), ...validatePodCreate(obj)];
}

/** config.go: the source annotation on every pod and, for a new one, when it was first seen. */
function withLocalAnnotations(pod: StoredPod, seen: string): StoredPod {
  const out = deepClone(pod);
  out.metadata.annotations = {
    ...out.metadata.annotations,
    [CONFIG_FIRST_SEEN_ANNOTATION_KEY]: seen,
    [CONFIG_SOURCE_ANNOTATION_KEY]: FILE_SOURCE,
  };
  return deepFreeze(out);
}

// ---------- small helpers ----------

/** Go's time.RFC3339Nano in UTC: fractional seconds without trailing zeros, none when zero. */
export function toRFC3339Nano(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d+)Z$/, (_, f: string) => {
    const trimmed = f.replace(/0+$/, '');
    return trimmed ? `.${trimmed}Z` : 'Z';
  });
}

/** JSON with object keys sorted at every level: a stable input for hashing. */
export function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJSON(x))).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`;
}

function jsonType(v: unknown): string {
  return Array.isArray(v) ? 'array' : typeof v === 'object' ? 'object' : typeof v;
}

/** Go time.ParseDuration for the units a kubelet config uses ("20s", "1m30s", "500ms"); 0 or invalid → undefined. */
function parseGoDuration(s: string): number | undefined {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/g;
  let total = 0;
  let consumed = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    total += parseFloat(m[1]!) * units[m[2]!]!;
    consumed += m[0].length;
  }
  return consumed === s.length && total > 0 ? total : undefined;
}
