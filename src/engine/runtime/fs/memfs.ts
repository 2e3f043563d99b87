// A small POSIX-like filesystem held in memory: a node's root (/etc/kubernetes/manifests,
// /var/lib/kubelet/...), and a container's writable layer over its image (see nodes.ts for
// layers and copy-up). Paths are absolute and cleaned like Go's path.Clean; times come from the
// virtual clock; errors carry errno codes and print the way Go's *os.PathError does
// (`open /x: no such file or directory`), so the kubelet can log them verbatim and shell commands
// can turn them into coreutils text.
//
// Hot paths (a writer loop appending to a file every simulated second, in hundreds of pods):
// clean paths are recognised without splitting, nodes are remembered by path (dropped when
// something is removed or renamed), a miss never throws internally, and file sizes are kept
// current on append instead of re-measured on every stat.
import type { Clock } from '../../clock';
import { FsError, type FsErrorCode } from './fs-error';
import {
  byName, copyNode, fileSize, newDir, newFile, restoreTree, sealTree, snapshotTree, utf8Length,
  type DirNode, type FileNode, type FsNode, type MemFSNodeState,
} from './nodes';
import { normalizePath, splitPath } from './path';
import type { AppendTarget } from '../process/types';

export { FsError, isFsError, strerror, type FsErrorCode } from './fs-error';
export { utf8Length, type MemFSNodeState } from './nodes';

export interface FsStat {
  type: 'file' | 'dir';
  size: number; // bytes (UTF-8) for files; 4096 for directories, as ext4 reports
  mode: number; // permission bits, e.g. 0o644
  mtimeMs: number;
}

/** What changed, roughly the inotify event a watcher of the parent directory would get. */
export type FsChangeOp = 'create' | 'write' | 'remove' | 'chmod' | 'rename-from' | 'rename-to';
export type FsChangeListener = (path: string, op: FsChangeOp) => void;

/** A sealed, read-only tree (an image's root filesystem) that MemFS instances layer over. */
export class FsLayer {
  /** @internal every node is shared; nobody writes them */
  constructor(readonly root: DirNode) {}

  /** A layer from a snapshot (MemFS.snapshot of the filesystem the image was built in). */
  static fromState(state: MemFSNodeState): FsLayer {
    const root = restoreTree(state, undefined);
    if (root.kind !== 'dir') throw new Error('memfs: layer root is not a directory');
    sealTree(root);
    return new FsLayer(root);
  }
}

export interface MemFSOptions {
  /** a read-only layer underneath: reads fall through to it, writes copy up (overlayfs) */
  lower?: FsLayer;
}

const DEFAULT_FILE_MODE = 0o644;
const DEFAULT_DIR_MODE = 0o755;
const DIR_SIZE = 4096;
const NODE_CACHE_LIMIT = 4096;

export class MemFS {
  private root: DirNode;
  private readonly lower: DirNode | undefined;
  // Listener arrays are replaced, never mutated, so an emit can iterate without copying.
  private listeners: FsChangeListener[] = [];
  private watchers = new Map<string, FsChangeListener[]>();
  /** changed path → the watchers it concerns (a writer loop hits the same path every time) */
  private readonly watchersByPath = new Map<string, FsChangeListener[]>();
  /** clean path → the node there now (a positive cache; misses are not kept) */
  private readonly nodes = new Map<string, FsNode>();

  constructor(private readonly clock: Pick<Clock, 'now'>, opts: MemFSOptions = {}) {
    this.lower = opts.lower?.root;
    this.root = this.lower ? (copyNode(this.lower) as DirNode) : newDir(DEFAULT_DIR_MODE, clock.now());
  }

  // ---------- reads ----------

  readFile(path: string): string {
    const node = this.lookup(path, 'open');
    // os.ReadFile opens a directory fine and fails on read(2).
    if (node.kind === 'dir') throw new FsError('EISDIR', 'read', normalizePath(path));
    return node.data;
  }

  /** Entry names, sorted (as os.ReadDir returns them). */
  readdir(path: string): string[] {
    const node = this.lookup(path, 'open');
    if (node.kind !== 'dir') throw new FsError('ENOTDIR', 'readdirent', normalizePath(path));
    return [...node.children.keys()].sort(byName);
  }

  stat(path: string): FsStat {
    const node = this.lookup(path, 'stat');
    return {
      type: node.kind,
      size: node.kind === 'file' ? fileSize(node) : DIR_SIZE,
      mode: node.mode,
      mtimeMs: node.mtimeMs,
    };
  }

  exists(path: string): boolean {
    return this.find(path) !== undefined;
  }

  // ---------- writes ----------

  /** Create or replace a file. `mode` applies when the file is created (open(2) with O_CREAT). */
  writeFile(path: string, data: string, opts?: { mode?: number }): void {
    this.putFile(path, data, false, opts?.mode);
  }

  /** Append (creating the file if needed). Appending nothing to an existing file changes nothing. */
  appendFile(path: string, data: string, opts?: { mode?: number }): void {
    this.putFile(path, data, true, opts?.mode);
  }

  /**
   * open(2) with O_CREAT|O_APPEND: creates a missing file (an existing one, and its mtime, stay as
   * they are) and hands back the file itself. Its writes reach that file wherever it is renamed
   * to, or after it is unlinked, as writes to an open fd do; change events name the opened path.
   */
  openAppend(path: string): AppendTarget {
    // a writer loop's `>> file`: an owned file remembered under this exact (hence clean) path
    const hit = this.nodes.get(path);
    if (hit !== undefined && hit.kind === 'file' && !hit.shared) return new OpenAppend(this, hit, path);
    this.putFile(path, '', true, undefined);
    const clean = normalizePath(path);
    const node = this.find(clean);
    // putFile left an owned file there (or threw)
    return new OpenAppend(this, node as FileNode, clean);
  }

  /** @internal OpenAppend's write: the file's own node, whatever its name is now. */
  appendToNode(file: FileNode, clean: string, data: string): void {
    this.writeTo(file, clean, data, true);
  }

  mkdir(path: string, opts: { recursive?: boolean; mode?: number } = {}): void {
    const clean = normalizePath(path);
    if (clean === '/') {
      if (opts.recursive) return;
      throw new FsError('EEXIST', 'mkdir', clean);
    }
    if (!opts.recursive) {
      const parent = this.writableDir(parentOf(clean));
      if (typeof parent === 'string') throw new FsError(parent, 'mkdir', clean);
      const name = lastOf(clean);
      if (parent.children.has(name)) throw new FsError('EEXIST', 'mkdir', clean);
      this.addChild(parent, name, newDir((opts.mode ?? DEFAULT_DIR_MODE) & 0o7777, this.clock.now()), clean);
      return;
    }
    // os.MkdirAll: create what is missing, accept directories that exist, fail on a file.
    const found = this.find(clean);
    if (found?.kind === 'dir') return;
    let dir: DirNode = this.root;
    let sofar = '';
    for (const name of splitPath(clean)) {
      const parentPath = sofar || '/';
      sofar += '/' + name;
      const child = dir.children.get(name);
      if (child?.kind === 'dir') {
        dir = child;
        continue;
      }
      if (child) throw new FsError('ENOTDIR', 'mkdir', sofar);
      if (dir.shared) dir = this.copyUp(parentPath) as DirNode;
      const made = newDir((opts.mode ?? DEFAULT_DIR_MODE) & 0o7777, this.clock.now());
      this.addChild(dir, name, made, sofar);
      dir = made;
    }
  }

  /**
   * Remove a file or a directory. A directory must be empty unless `recursive` (os.Remove vs
   * os.RemoveAll); `force` ignores a missing path, like `rm -f`.
   */
  rm(path: string, opts: { recursive?: boolean; force?: boolean } = {}): void {
    const clean = normalizePath(path);
    // rmdir(2) on the root: EBUSY.
    if (clean === '/') throw new FsError('EBUSY', 'remove', clean);
    const found = this.find(clean);
    if (!found) {
      if (opts.force) return;
      this.lookup(clean, 'remove'); // throws the precise ENOENT/ENOTDIR
      return;
    }
    if (found.kind === 'dir' && found.children.size && !opts.recursive) {
      throw new FsError('ENOTEMPTY', 'remove', clean);
    }
    const parent = this.writableDir(parentOf(clean)) as DirNode;
    parent.children.delete(lastOf(clean));
    parent.mtimeMs = this.clock.now();
    this.forget(clean, found);
    this.emitRemoved(clean, found);
  }

  /** rename(2): move or replace, with its errno rules. */
  rename(from: string, to: string): void {
    const src = normalizePath(from);
    const dst = normalizePath(to);
    const fail = (code: FsErrorCode): never => {
      throw new FsError(code, 'rename', src, dst);
    };
    if (src === '/' || dst === '/') fail('EBUSY');
    const srcDir = this.findDir(parentOf(src));
    if (typeof srcDir === 'string') fail(srcDir);
    const node = (srcDir as DirNode).children.get(lastOf(src));
    if (!node) fail('ENOENT');
    const dstDir = this.findDir(parentOf(dst));
    if (typeof dstDir === 'string') fail(dstDir);
    if (src === dst) return;
    // A directory cannot move inside itself.
    if (node!.kind === 'dir' && dst.startsWith(src + '/')) fail('EINVAL');
    const existing = (dstDir as DirNode).children.get(lastOf(dst));
    if (existing) {
      if (node!.kind === 'dir' && existing.kind !== 'dir') fail('ENOTDIR');
      if (node!.kind !== 'dir' && existing.kind === 'dir') fail('EISDIR');
      if (existing.kind === 'dir' && existing.children.size) fail('ENOTEMPTY');
    }
    // Both parents become writable only now: a failed call leaves the tree (and layer) alone.
    const from_ = this.writableDir(parentOf(src)) as DirNode;
    const to_ = this.writableDir(parentOf(dst)) as DirNode;
    const now = this.clock.now();
    from_.children.delete(lastOf(src));
    to_.children.set(lastOf(dst), node!);
    from_.mtimeMs = now;
    to_.mtimeMs = now;
    this.forget(src, node!);
    this.forget(dst, existing ?? node!);
    this.emit(src, 'rename-from');
    this.emit(dst, 'rename-to');
  }

  chmod(path: string, mode: number): void {
    let node = this.lookup(path, 'chmod');
    const clean = normalizePath(path);
    if (node.shared) node = this.copyUp(clean);
    node.mode = mode & 0o7777;
    this.emit(clean, 'chmod');
  }

  // ---------- change notification ----------

  /** Called synchronously after every change, with the changed path. Returns an unsubscribe. */
  onChange(listener: FsChangeListener): () => void {
    this.listeners = [...this.listeners, listener];
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /**
   * Like onChange, for changes at `dir` or below only (a container watching a volume it mounts).
   * Cheap however many there are: a change looks up its own ancestors, not every watcher.
   */
  watch(dir: string, listener: FsChangeListener): () => void {
    const key = normalizePath(dir);
    this.watchers.set(key, [...(this.watchers.get(key) ?? []), listener]);
    this.watchersByPath.clear();
    return () => {
      const rest = (this.watchers.get(key) ?? []).filter((l) => l !== listener);
      if (rest.length) this.watchers.set(key, rest);
      else this.watchers.delete(key);
      this.watchersByPath.clear();
    };
  }

  // ---------- layers and snapshots ----------

  /**
   * Freeze the current tree into a read-only layer (an image built once per node) and carry on
   * as a copy-on-write view over it.
   */
  seal(): FsLayer {
    sealTree(this.root);
    const layer = new FsLayer(this.root);
    this.root = copyNode(this.root) as DirNode;
    this.nodes.clear();
    return layer;
  }

  /** The tree as JSON; over a layer, only the writable layer (changes and whiteouts). */
  snapshot(): MemFSNodeState {
    return snapshotTree(this.root, this.lower);
  }

  /** Replace the whole tree. Silent: listeners are not told (their owners restore their own state). */
  restore(state: unknown): void {
    const node = restoreTree(state as MemFSNodeState, this.lower);
    if (node.kind !== 'dir') throw new Error('memfs: snapshot root is not a directory');
    this.root = node;
    this.nodes.clear();
  }

  // ---------- internals ----------

  private putFile(path: string, data: string, append: boolean, mode: number | undefined): void {
    // The writer-loop case first: an owned file remembered under this exact (hence clean) path.
    const hit = this.nodes.get(path);
    if (hit !== undefined && hit.kind === 'file' && !hit.shared) return this.writeTo(hit, path, data, append);
    const clean = normalizePath(path);
    if (clean === '/') throw new FsError('EISDIR', 'open', clean);
    // open("/x/", O_CREAT): ENOTDIR on a regular file, EISDIR when it would create one.
    const trailing = path !== clean && path.length > 1 && path.endsWith('/');
    const node = this.find(clean);
    if (node) {
      if (node.kind === 'dir') throw new FsError('EISDIR', 'open', clean);
      if (trailing) throw new FsError('ENOTDIR', 'open', clean);
      return this.writeTo((node.shared ? this.copyUp(clean) : node) as FileNode, clean, data, append);
    }
    const parent = this.writableDir(parentOf(clean));
    if (typeof parent === 'string') throw new FsError(parent, 'open', clean);
    if (trailing) throw new FsError('EISDIR', 'open', clean);
    const file = newFile((mode ?? DEFAULT_FILE_MODE) & 0o7777, this.clock.now(), data);
    this.addChild(parent, lastOf(clean), file, clean);
  }

  private writeTo(file: FileNode, clean: string, data: string, append: boolean): void {
    if (append) {
      if (!data) return; // write(2) of nothing: no change, no mtime
      file.data += data;
      if (file.size >= 0) file.size += utf8Length(data);
    } else {
      file.data = data;
      file.size = -1;
    }
    file.mtimeMs = this.clock.now();
    this.emit(clean, 'write');
  }

  private addChild(parent: DirNode, name: string, node: FsNode, path: string): void {
    parent.children.set(name, node);
    parent.mtimeMs = this.clock.now();
    this.emit(path, 'create');
  }

  /** The node at `path` without throwing: undefined when missing (or a file asked for with `/`). */
  private find(path: string): FsNode | undefined {
    // Keys are clean paths, so a hit on the path as given needs no cleaning at all.
    let node = this.nodes.get(path);
    if (node !== undefined) return node;
    const clean = normalizePath(path);
    if (clean !== path) node = this.nodes.get(clean);
    if (node === undefined) {
      node = this.walk(clean);
      if (node === undefined) return undefined;
      if (this.nodes.size >= NODE_CACHE_LIMIT) this.nodes.clear();
      this.nodes.set(clean, node);
    }
    // A trailing slash asks for a directory: `/etc/hosts/` is ENOTDIR.
    if (node.kind !== 'dir' && path !== clean && path.length > 1 && path.endsWith('/')) return undefined;
    return node;
  }

  private walk(clean: string): FsNode | undefined {
    let node: FsNode = this.root;
    let start = 1;
    while (start < clean.length) {
      if (node.kind !== 'dir') return undefined;
      let end = clean.indexOf('/', start);
      if (end < 0) end = clean.length;
      const child: FsNode | undefined = node.children.get(clean.slice(start, end));
      if (child === undefined) return undefined;
      node = child;
      start = end + 1;
    }
    return node;
  }

  /** The node at `path`, or an FsError naming `op` (ENOENT, or ENOTDIR when a component is a file). */
  private lookup(path: string, op: string): FsNode {
    const node = this.find(path);
    if (node) return node;
    throw new FsError(this.missCode(path), op, normalizePath(path));
  }

  /** Why `path` is not there: ENOENT, or ENOTDIR when the walk meets a file (or a trailing slash does). */
  private missCode(path: string): FsErrorCode {
    let node: FsNode = this.root;
    for (const name of splitPath(path)) {
      if (node.kind !== 'dir') return 'ENOTDIR';
      const child: FsNode | undefined = node.children.get(name);
      if (!child) return 'ENOENT';
      node = child;
    }
    return 'ENOTDIR';
  }

  /** The directory at a clean path, or the errno a walk to it fails with. */
  private findDir(clean: string): DirNode | FsErrorCode {
    const node = this.find(clean);
    if (!node) return this.missCode(clean);
    return node.kind === 'dir' ? node : 'ENOTDIR';
  }

  /** Like findDir, copied up from the layer so it can be written. */
  private writableDir(clean: string): DirNode | FsErrorCode {
    const dir = this.findDir(clean);
    if (typeof dir === 'string' || !dir.shared) return dir;
    return this.copyUp(clean) as DirNode;
  }

  /**
   * Replace every shared node from the root down to `clean` (which exists) with an owned copy.
   * An owned node's ancestors are always owned, so this stops mattering once done.
   */
  private copyUp(clean: string): FsNode {
    let node: FsNode = this.root;
    let sofar = '';
    for (const name of splitPath(clean)) {
      sofar += '/' + name;
      const dir = node as DirNode;
      let child = dir.children.get(name)!;
      if (child.shared) {
        child = copyNode(child);
        dir.children.set(name, child);
        this.nodes.set(sofar, child);
      }
      node = child;
    }
    return node;
  }

  /** Drop remembered nodes at `path` (and, for a directory, everything: its subtree moved or went). */
  private forget(path: string, node: FsNode): void {
    if (node.kind === 'dir') this.nodes.clear();
    else this.nodes.delete(path);
  }

  /** Children first (sorted), then the path itself, as a recursive delete reports them. */
  private emitRemoved(path: string, node: FsNode): void {
    if (node.kind === 'dir') {
      for (const name of [...node.children.keys()].sort(byName)) {
        this.emitRemoved(path === '/' ? `/${name}` : `${path}/${name}`, node.children.get(name)!);
      }
    }
    this.emit(path, 'remove');
  }

  private emit(path: string, op: FsChangeOp): void {
    const ls = this.listeners;
    for (let i = 0; i < ls.length; i++) ls[i]!(path, op);
    if (this.watchers.size) this.emitToWatchers(path, op);
  }

  private emitToWatchers(path: string, op: FsChangeOp): void {
    let ws = this.watchersByPath.get(path);
    if (ws === undefined) {
      ws = this.collectWatchers(path);
      if (this.watchersByPath.size >= NODE_CACHE_LIMIT) this.watchersByPath.clear();
      this.watchersByPath.set(path, ws);
    }
    for (let i = 0; i < ws.length; i++) ws[i]!(path, op);
  }

  /** The watchers of `path` and of each of its ancestors (deepest first). */
  private collectWatchers(path: string): FsChangeListener[] {
    const out: FsChangeListener[] = [];
    let dir = path;
    for (;;) {
      const ws = this.watchers.get(dir);
      if (ws) out.push(...ws);
      if (dir === '/') return out;
      const cut = dir.lastIndexOf('/');
      dir = cut === 0 ? '/' : dir.slice(0, cut);
    }
  }
}

/** A file a process opened for appending (MemFS.openAppend). */
class OpenAppend implements AppendTarget {
  constructor(private readonly fs: MemFS, private readonly file: FileNode, private readonly path: string) {}

  append(data: string): void {
    this.fs.appendToNode(this.file, this.path, data);
  }
}

/** `/a/b` → `/a`; `/a` → `/` (for clean paths). */
function parentOf(clean: string): string {
  const cut = clean.lastIndexOf('/');
  return cut <= 0 ? '/' : clean.slice(0, cut);
}

function lastOf(clean: string): string {
  return clean.slice(clean.lastIndexOf('/') + 1);
}
