// What a process in a container sees as `/`: the image's root filesystem as a shared read-only
// layer, a writable layer of its own on top (copy-on-write, whiteouts for deletions; a new
// container — a restart — starts from a fresh one), and a mount table that sends paths under a
// mount point to another filesystem: a directory of the node's filesystem for emptyDir,
// hostPath, configMap, secret and PV volumes, a single file for /etc/hosts, /etc/hostname,
// /etc/resolv.conf and the termination log. The longest mount point that prefixes a path wins.
//
// Mount semantics follow Linux: writes under a read-only mount fail with EROFS (after the
// lookups that would fail first), rename(2) across mounts fails with EXDEV, a mount point cannot
// be removed or renamed (EBUSY), `rm -r` above a mount point empties the volume and then fails
// on the mount point. The runtime creates each mount point in the container's filesystem before
// mounting, as runc does, so mount points show in `ls` of their parent. procfs (procfs.ts), when
// attached, answers for /proc/<pid> and /proc/self and adds the PIDs to `ls /proc`.
import type { Clock } from '../../clock';
import type { AppendTarget, Vfs } from '../process/types';
import { FsError, isFsError, type FsErrorCode } from './fs-error';
import { MemFS, type FsChangeListener, type FsChangeOp, type FsLayer, type FsStat } from './memfs';
import type { MemFSNodeState } from './nodes';
import { isWithin, normalizePath } from './path';
import { isProcPidPath, type ProcFs } from './procfs';

export interface MountSpec {
  /** where the container sees it: a directory, or a single file such as /etc/hosts */
  path: string;
  /** which filesystem holds the data, by id (see ContainerFsOptions.filesystems); default `node` */
  fs?: string;
  /** the directory or file inside that filesystem */
  source: string;
  readOnly?: boolean;
  /** emptyDir `medium: Memory`: a tmpfs (what `df` shows) */
  medium?: 'Memory';
}

export interface ContainerFsOptions {
  /** the image's root filesystem; without one the root starts empty */
  image?: FsLayer;
  mounts?: readonly MountSpec[];
  /** securityContext.readOnlyRootFilesystem: the container's own layer refuses writes */
  readOnlyRootFilesystem?: boolean;
  /** the filesystems mounts name by id, usually just `{ node: nodeFs }` */
  filesystems: Readonly<Record<string, MemFS>> | ((id: string) => MemFS | undefined);
}

/** The container's own state: its writable layer and its mount table. The image is not in it. */
export interface ContainerFsState {
  upper: MemFSNodeState;
  mounts: MountSpec[];
  readOnlyRootFilesystem?: true;
}

interface Mount {
  spec: MountSpec;
  /** clean container path, and it plus `/` for prefix tests */
  path: string;
  prefix: string;
  fs: MemFS;
  /** clean source path, and the same with `/` as '' so that `base + rest` joins */
  source: string;
  base: string;
  readOnly: boolean;
  /** source path → container path, for change events (a writer loop reports the same path) */
  names: Map<string, string>;
}

/** Where a container path leads: its mount (none for the container's own layer) and the path there. */
interface Route {
  m: Mount | undefined;
  p: string;
  /** procfs's: `p` is the clean path */
  proc: boolean;
}

const DEFAULT_FS = 'node';
const ROUTE_CACHE_LIMIT = 4096;

export class ContainerFs implements Vfs {
  /** the container's writable layer over the image (paths under mount points are hidden by them) */
  readonly rootfs: MemFS;
  private mounts: Mount[] = []; // longest path first
  /** clean container path → route; the same string each time lets the node filesystem's caches hit */
  private readonly routes = new Map<string, Route>();
  private readOnlyRoot = false;
  private listeners: FsChangeListener[] = [];
  private subscriptions: (() => void)[] = [];
  private readonly filesystems: (id: string) => MemFS | undefined;
  private proc: ProcFs | undefined;

  constructor(clock: Pick<Clock, 'now'>, opts: ContainerFsOptions) {
    const byId = opts.filesystems;
    this.filesystems = typeof byId === 'function' ? byId : (id) => byId[id];
    this.rootfs = new MemFS(clock, { lower: opts.image });
    // Parents before children, so a mount point inside a volume is created in that volume.
    const specs = [...(opts.mounts ?? [])].sort((a, b) => normalizePath(a.path).length - normalizePath(b.path).length);
    for (const spec of specs) this.mount(spec);
    this.readOnlyRoot = opts.readOnlyRootFilesystem === true;
  }

  /** Add a mount, creating its mount point (a directory, or an empty file for a file mount). */
  mount(spec: MountSpec): void {
    const m = this.toMount(spec);
    const sourceIsDir = !m.fs.exists(m.source) || m.fs.stat(m.source).type === 'dir';
    try {
      if (!this.exists(m.path)) {
        if (sourceIsDir) this.mkdir(m.path, { recursive: true });
        else {
          this.mkdir(parentOf(m.path), { recursive: true });
          this.writeFile(m.path, '');
        }
      }
    } catch (e) {
      // runc would fail the container; Podlab mounts anyway (the path still resolves)
      if (!isFsError(e)) throw e;
    }
    this.mounts = [...this.mounts.filter((x) => x.path !== m.path), m].sort((a, b) => b.path.length - a.path.length);
    this.routes.clear();
    if (this.subscriptions.length) this.subscriptions.push(this.watchMount(m));
  }

  /** Mount procfs at /proc: wiring, not state (the runtime attaches it again after a restore). */
  attachProc(proc: ProcFs): void {
    this.proc = proc;
    this.routes.clear();
  }

  /** The mount table, sorted by path (for `mount`, `df`). */
  mountTable(): MountSpec[] {
    return this.mounts.map((m) => m.spec).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /** The mount a path resolves into, or undefined for the container's own filesystem. */
  mountAt(path: string): MountSpec | undefined {
    return this.mountFor(normalizePath(path))?.spec;
  }

  // ---------- reads ----------

  readFile(path: string): string {
    const { m, p, proc } = this.route(path);
    if (!m) return proc ? this.proc!.readFile(p) : this.rootfs.readFile(p);
    try {
      return m.fs.readFile(p);
    } catch (e) {
      throw translate(e, m);
    }
  }

  readdir(path: string): string[] {
    const { m, p, proc } = this.route(path);
    if (!m) {
      if (proc) return this.proc!.readdir(p);
      const names = this.rootfs.readdir(p);
      return this.proc && normalizePath(p) === '/proc' ? this.proc.list(names) : names;
    }
    try {
      return m.fs.readdir(p);
    } catch (e) {
      throw translate(e, m);
    }
  }

  stat(path: string): FsStat {
    const { m, p, proc } = this.route(path);
    if (!m) return proc ? this.proc!.stat(p) : this.rootfs.stat(p);
    try {
      return m.fs.stat(p);
    } catch (e) {
      throw translate(e, m);
    }
  }

  exists(path: string): boolean {
    const { m, p, proc } = this.route(path);
    if (proc) return this.proc!.exists(p);
    return (m ? m.fs : this.rootfs).exists(p);
  }

  // ---------- writes ----------

  writeFile(path: string, data: string, opts?: { mode?: number }): void {
    this.put(path, data, false, opts);
  }

  appendFile(path: string, data: string, opts?: { mode?: number }): void {
    this.put(path, data, true, opts);
  }

  /** open(2) with O_CREAT|O_APPEND, through the mounts: the file itself (MemFS.openAppend). */
  openAppend(path: string): AppendTarget {
    const { m, p, proc } = this.route(path);
    if (proc) return this.proc!.openAppend(p);
    const fs = m ? m.fs : this.rootfs;
    if (!m && !this.readOnlyRoot) return fs.openAppend(p);
    try {
      this.checkWritable(m, fs, p);
      return fs.openAppend(p);
    } catch (e) {
      throw translate(e, m);
    }
  }

  mkdir(path: string, opts: { recursive?: boolean; mode?: number } = {}): void {
    const clean = normalizePath(path);
    if (this.proc && isProcPidPath(clean)) return this.proc.mkdir(clean, opts);
    const m = this.mountFor(clean);
    const fs = m ? m.fs : this.rootfs;
    const p = m ? inner(m, clean, path) : path;
    try {
      if (this.isReadOnly(m)) {
        // mkdir(2) looks the name up first: an existing entry is EEXIST (fine for mkdir -p).
        const at = normalizePath(p);
        if (fs.exists(p)) {
          if (opts.recursive && fs.stat(p).type === 'dir') return;
          throw new FsError(opts.recursive ? 'ENOTDIR' : 'EEXIST', 'mkdir', at);
        }
        throw new FsError((!opts.recursive && lookupError(fs, parentOf(at))) || 'EROFS', 'mkdir', at);
      }
      fs.mkdir(p, opts);
    } catch (e) {
      throw translate(e, m);
    }
  }

  rm(path: string, opts: { recursive?: boolean; force?: boolean } = {}): void {
    const clean = normalizePath(path);
    if (this.proc && isProcPidPath(clean)) return this.proc.rm(clean, opts);
    const below = this.mounts.filter((x) => x.path !== clean && isWithin(x.path, clean));
    const here = this.mounts.find((x) => x.path === clean);
    if (here && (!opts.recursive || this.stat(clean).type !== 'dir')) {
      throw new FsError('EBUSY', 'remove', clean); // unlink/rmdir of a mount point
    }
    if (here || (below.length && opts.recursive)) {
      const errors: FsError[] = [];
      this.removeAround(clean, errors);
      if (errors.length) throw errors[0]!;
      return;
    }
    const m = this.mountFor(clean);
    const fs = m ? m.fs : this.rootfs;
    const p = m ? inner(m, clean, path) : path;
    try {
      if (this.isReadOnly(m)) {
        const missing = lookupError(fs, p);
        if (missing && opts.force) return;
        throw new FsError(missing ?? 'EROFS', 'remove', normalizePath(p));
      }
      fs.rm(p, opts);
    } catch (e) {
      throw translate(e, m);
    }
  }

  rename(from: string, to: string): void {
    const src = normalizePath(from);
    const dst = normalizePath(to);
    const fail = (code: FsErrorCode): never => {
      throw new FsError(code, 'rename', src, dst);
    };
    if (this.proc && isProcPidPath(src)) return this.proc.rename(src, dst);
    if (this.proc && isProcPidPath(dst)) fail('EXDEV');
    // A mount point (or a directory holding one) stays where it is.
    if (this.mounts.some((x) => isWithin(x.path, src) || x.path === dst)) fail('EBUSY');
    const a = this.mountFor(src);
    const b = this.mountFor(dst);
    if (a !== b) fail('EXDEV');
    const fs = a ? a.fs : this.rootfs;
    const p = a ? inner(a, src, from) : from;
    const q = a ? inner(a, dst, to) : to;
    try {
      if (this.isReadOnly(a)) throw new FsError(lookupError(fs, p) ?? 'EROFS', 'rename', normalizePath(p), normalizePath(q));
      fs.rename(p, q);
    } catch (e) {
      throw translate(e, a);
    }
  }

  chmod(path: string, mode: number): void {
    const { m, p, proc } = this.route(path);
    if (proc) return this.proc!.chmod(p, mode);
    const fs = m ? m.fs : this.rootfs;
    try {
      if (this.isReadOnly(m)) throw new FsError(lookupError(fs, p) ?? 'EROFS', 'chmod', normalizePath(p));
      fs.chmod(p, mode);
    } catch (e) {
      throw translate(e, m);
    }
  }

  // ---------- change notification ----------

  /**
   * Changes as the container sees them: its own layer, and every mounted volume whoever wrote
   * it (a sibling container, the kubelet refreshing a configMap). Returns an unsubscribe.
   */
  onChange(listener: FsChangeListener): () => void {
    this.listeners = [...this.listeners, listener];
    if (!this.subscriptions.length) {
      this.subscriptions.push(this.rootfs.onChange((p, op) => this.emit(p, op)));
      for (const m of this.mounts) this.subscriptions.push(this.watchMount(m));
    }
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Stop watching the volumes (the container is gone). The filesystem stays readable. */
  dispose(): void {
    for (const off of this.subscriptions) off();
    this.subscriptions = [];
    this.listeners = [];
  }

  // ---------- snapshot ----------

  snapshot(): ContainerFsState {
    const state: ContainerFsState = { upper: this.rootfs.snapshot(), mounts: this.mountTable().map((s) => ({ ...s })) };
    if (this.readOnlyRoot) state.readOnlyRootFilesystem = true;
    return state;
  }

  /** Replace the writable layer and the mount table (the image layer is the one given at construction). */
  restore(state: ContainerFsState): void {
    const watching = this.subscriptions.length > 0;
    for (const off of this.subscriptions) off();
    this.subscriptions = [];
    this.rootfs.restore(state.upper);
    this.mounts = state.mounts.map((s) => this.toMount(s)).sort((a, b) => b.path.length - a.path.length);
    this.routes.clear();
    this.readOnlyRoot = state.readOnlyRootFilesystem === true;
    if (watching) {
      this.subscriptions.push(this.rootfs.onChange((p, op) => this.emit(p, op)));
      for (const m of this.mounts) this.subscriptions.push(this.watchMount(m));
    }
  }

  // ---------- internals ----------

  private put(path: string, data: string, append: boolean, opts: { mode?: number } | undefined): void {
    const { m, p, proc } = this.route(path);
    if (proc) return append ? this.proc!.appendFile(p, data, opts) : this.proc!.writeFile(p, data, opts);
    const fs = m ? m.fs : this.rootfs;
    if (!m && !this.readOnlyRoot) {
      if (append) fs.appendFile(p, data, opts);
      else fs.writeFile(p, data, opts);
      return;
    }
    try {
      this.checkWritable(m, fs, p);
      if (append) fs.appendFile(p, data, opts);
      else fs.writeFile(p, data, opts);
    } catch (e) {
      throw translate(e, m);
    }
  }

  private route(path: string): Route {
    const hit = this.routes.get(path);
    if (hit) return hit;
    const clean = normalizePath(path);
    const m = this.mountFor(clean);
    // procfs is mounted at /proc: a prefix test, once per path (routes are cached)
    const proc = !m && this.proc !== undefined && isProcPidPath(clean);
    const route: Route = { m, p: m ? inner(m, clean, path) : proc ? clean : path, proc };
    if (clean === path) {
      if (this.routes.size >= ROUTE_CACHE_LIMIT) this.routes.clear();
      this.routes.set(path, route);
    }
    return route;
  }

  /** open(2) for writing on a read-only mount: a directory is EISDIR, a missing parent ENOENT, else EROFS. */
  private checkWritable(m: Mount | undefined, fs: MemFS, p: string): void {
    if (!this.isReadOnly(m)) return;
    const at = normalizePath(p);
    if (fs.exists(p)) throw new FsError(fs.stat(p).type === 'dir' ? 'EISDIR' : 'EROFS', 'open', at);
    throw new FsError(lookupError(fs, parentOf(at)) ?? 'EROFS', 'open', at);
  }

  private isReadOnly(m: Mount | undefined): boolean {
    return m ? m.readOnly : this.readOnlyRoot;
  }

  private mountFor(clean: string): Mount | undefined {
    const ms = this.mounts;
    for (let i = 0; i < ms.length; i++) {
      const m = ms[i]!;
      if (clean === m.path || clean.startsWith(m.prefix)) return m;
    }
    return undefined;
  }

  private toMount(spec: MountSpec): Mount {
    const id = spec.fs ?? DEFAULT_FS;
    const fs = this.filesystems(id);
    if (!fs) throw new Error(`container-fs: no filesystem ${JSON.stringify(id)} for the mount at ${spec.path}`);
    const path = normalizePath(spec.path);
    const source = normalizePath(spec.source);
    return {
      spec: { ...spec }, path, prefix: path === '/' ? '/' : path + '/', fs, source, base: source === '/' ? '' : source,
      readOnly: spec.readOnly === true, names: new Map(),
    };
  }

  /** `rm -r` of a mount point or of a directory holding some: empty what can be, EBUSY on the mount points. */
  private removeAround(clean: string, errors: FsError[]): void {
    const isMountPoint = this.mounts.some((x) => x.path === clean);
    const holdsMounts = this.mounts.some((x) => x.path !== clean && isWithin(x.path, clean));
    if (!isMountPoint && !holdsMounts) {
      try {
        this.rm(clean, { recursive: true, force: true });
      } catch (e) {
        if (!isFsError(e)) throw e;
        errors.push(e);
      }
      return;
    }
    let names: string[] = [];
    try {
      names = this.stat(clean).type === 'dir' ? this.readdir(clean) : [];
    } catch (e) {
      if (!isFsError(e)) throw e;
    }
    for (const name of names) this.removeAround(clean === '/' ? `/${name}` : `${clean}/${name}`, errors);
    // the directory itself stays: it is, or still holds, a mount point
    if (isMountPoint) errors.push(new FsError('EBUSY', 'remove', clean));
  }

  private watchMount(m: Mount): () => void {
    return m.fs.watch(m.source, (p, op) => {
      let name = m.names.get(p);
      if (name === undefined) {
        name = toContainer(m, p);
        if (m.names.size >= ROUTE_CACHE_LIMIT) m.names.clear();
        m.names.set(p, name);
      }
      this.emit(name, op);
    });
  }

  private emit(path: string, op: FsChangeOp): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i]!(path, op);
  }
}

/** The path inside the mounted filesystem (keeping a trailing slash, which asks for a directory). */
function inner(m: Mount, clean: string, raw: string): string {
  const p = m.base + clean.slice(m.path.length) || '/';
  return raw !== clean && raw.length > 1 && raw.endsWith('/') && p !== '/' ? p + '/' : p;
}

/** A path of the mounted filesystem as the container names it. */
function toContainer(m: Mount, p: string): string {
  if (p === m.source) return m.path;
  if (m.base === '') return m.path === '/' ? p : m.path + p;
  return p.startsWith(m.base + '/') ? m.path + p.slice(m.base.length) : p;
}

/** An error from a mounted filesystem, re-addressed with the container's paths. */
function translate(e: unknown, m: Mount | undefined): unknown {
  if (!m || !(e instanceof FsError)) return e;
  return new FsError(e.code, e.op, toContainer(m, e.path), e.dest === undefined ? undefined : toContainer(m, e.dest));
}

/** The errno a lookup of `p` fails with (ENOENT, ENOTDIR), or undefined when it is there. */
function lookupError(fs: MemFS, p: string): FsErrorCode | undefined {
  if (fs.exists(p)) return undefined;
  try {
    fs.stat(p);
  } catch (e) {
    if (isFsError(e)) return e.code;
    throw e;
  }
  return undefined;
}

function parentOf(clean: string): string {
  const cut = clean.lastIndexOf('/');
  return cut <= 0 ? '/' : clean.slice(0, cut);
}
