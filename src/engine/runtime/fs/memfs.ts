// A small POSIX-like filesystem held in memory: a node's root (/etc/kubernetes/manifests,
// /var/lib/kubelet/config.yaml, ...) today, container root filesystems later. Paths are absolute
// and cleaned like Go's path.Clean; times come from the virtual clock; errors carry errno codes
// and print the way Go's *os.PathError does (`open /x: no such file or directory`), so the
// kubelet can log them verbatim and shell commands can turn them into coreutils text.
import type { Clock } from '../../clock';
import { normalizePath, splitPath } from './path';

export type FsErrorCode = 'ENOENT' | 'EEXIST' | 'ENOTDIR' | 'EISDIR' | 'ENOTEMPTY' | 'EINVAL' | 'EBUSY';

// The Linux errno strings as Go's syscall.Errno.Error() returns them (syscall/zerrors_linux_*.go).
const ERRNO_TEXT: Record<FsErrorCode, string> = {
  ENOENT: 'no such file or directory',
  EEXIST: 'file exists',
  ENOTDIR: 'not a directory',
  EISDIR: 'is a directory',
  ENOTEMPTY: 'directory not empty',
  EINVAL: 'invalid argument',
  EBUSY: 'device or resource busy',
};

/** glibc strerror text, which coreutils prints: `cat: /x: No such file or directory`. */
export function strerror(code: FsErrorCode): string {
  const t = ERRNO_TEXT[code];
  return t[0]!.toUpperCase() + t.slice(1);
}

/** A failed filesystem call, formatted like Go's *os.PathError (or *os.LinkError for rename). */
export class FsError extends Error {
  constructor(
    readonly code: FsErrorCode,
    readonly op: string,
    readonly path: string,
    readonly dest?: string,
  ) {
    super(`${op} ${path}${dest !== undefined ? ` ${dest}` : ''}: ${ERRNO_TEXT[code]}`);
    this.name = 'FsError';
  }
}

export function isFsError(e: unknown, code?: FsErrorCode): e is FsError {
  return e instanceof FsError && (code === undefined || e.code === code);
}

export interface FsStat {
  type: 'file' | 'dir';
  size: number; // bytes (UTF-8) for files; 4096 for directories, as ext4 reports
  mode: number; // permission bits, e.g. 0o644
  mtimeMs: number;
}

/** What changed, roughly the inotify event a watcher of the parent directory would get. */
export type FsChangeOp = 'create' | 'write' | 'remove' | 'chmod' | 'rename-from' | 'rename-to';
export type FsChangeListener = (path: string, op: FsChangeOp) => void;

interface FileNode { kind: 'file'; mode: number; mtimeMs: number; data: string }
interface DirNode { kind: 'dir'; mode: number; mtimeMs: number; children: Map<string, FsNode> }
type FsNode = FileNode | DirNode;

/** Snapshot shape: a directory has `d` (entries sorted by name), a file has `f` (its text). */
export type MemFSNodeState =
  | { d: Record<string, MemFSNodeState>; m: number; t: number }
  | { f: string; m: number; t: number };

const DEFAULT_FILE_MODE = 0o644;
const DEFAULT_DIR_MODE = 0o755;
const DIR_SIZE = 4096;

export class MemFS {
  private root: DirNode;
  private listeners: FsChangeListener[] = [];

  constructor(private readonly clock: Clock) {
    this.root = { kind: 'dir', mode: DEFAULT_DIR_MODE, mtimeMs: clock.now(), children: new Map() };
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
      size: node.kind === 'file' ? utf8Length(node.data) : DIR_SIZE,
      mode: node.mode,
      mtimeMs: node.mtimeMs,
    };
  }

  exists(path: string): boolean {
    return this.find(path) !== undefined;
  }

  // ---------- writes ----------

  /** Create or replace a file. `mode` applies when the file is created (open(2) with O_CREAT). */
  writeFile(path: string, data: string, opts: { mode?: number } = {}): void {
    this.putFile(path, data, false, opts.mode);
  }

  appendFile(path: string, data: string, opts: { mode?: number } = {}): void {
    this.putFile(path, data, true, opts.mode);
  }

  mkdir(path: string, opts: { recursive?: boolean; mode?: number } = {}): void {
    const clean = normalizePath(path);
    const parts = splitPath(clean);
    if (!parts.length) {
      if (opts.recursive) return;
      throw new FsError('EEXIST', 'mkdir', clean);
    }
    if (!opts.recursive) {
      const parent = this.parentDir(parts, 'mkdir', clean);
      const name = parts[parts.length - 1]!;
      if (parent.children.has(name)) throw new FsError('EEXIST', 'mkdir', clean);
      this.addChild(parent, name, this.newDir(opts.mode), clean);
      return;
    }
    // os.MkdirAll: create what is missing, accept directories that exist, fail on a file.
    let dir = this.root;
    let sofar = '';
    for (const name of parts) {
      sofar += '/' + name;
      const child = dir.children.get(name);
      if (!child) {
        const made = this.newDir(opts.mode);
        this.addChild(dir, name, made, sofar);
        dir = made;
      } else if (child.kind === 'dir') {
        dir = child;
      } else {
        throw new FsError('ENOTDIR', 'mkdir', sofar);
      }
    }
  }

  /**
   * Remove a file or a directory. A directory must be empty unless `recursive` (os.Remove vs
   * os.RemoveAll); `force` ignores a missing path, like `rm -f`.
   */
  rm(path: string, opts: { recursive?: boolean; force?: boolean } = {}): void {
    const clean = normalizePath(path);
    const parts = splitPath(clean);
    // rmdir(2) on the root: EBUSY.
    if (!parts.length) throw new FsError('EBUSY', 'remove', clean);
    const found = this.find(clean);
    if (!found) {
      if (opts.force) return;
      this.lookup(clean, 'remove'); // throws the precise ENOENT/ENOTDIR
      return;
    }
    if (found.kind === 'dir' && found.children.size && !opts.recursive) {
      throw new FsError('ENOTEMPTY', 'remove', clean);
    }
    const parent = this.parentDir(parts, 'remove', clean);
    parent.children.delete(parts[parts.length - 1]!);
    parent.mtimeMs = this.clock.now();
    this.emitRemoved(clean, found);
  }

  /** rename(2): move or replace, with its errno rules. */
  rename(from: string, to: string): void {
    const src = normalizePath(from);
    const dst = normalizePath(to);
    const fail = (code: FsErrorCode): never => { throw new FsError(code, 'rename', src, dst); };
    const srcParts = splitPath(src);
    const dstParts = splitPath(dst);
    if (!srcParts.length || !dstParts.length) fail('EBUSY');
    const srcParent = this.tryParentDir(srcParts);
    if (srcParent instanceof FsError) fail(srcParent.code);
    const node = (srcParent as DirNode).children.get(srcParts[srcParts.length - 1]!);
    if (!node) fail('ENOENT');
    const dstParent = this.tryParentDir(dstParts);
    if (dstParent instanceof FsError) fail(dstParent.code);
    if (src === dst) return;
    // A directory cannot move inside itself.
    if (node!.kind === 'dir' && dst.startsWith(src + '/')) fail('EINVAL');
    const dstName = dstParts[dstParts.length - 1]!;
    const existing = (dstParent as DirNode).children.get(dstName);
    if (existing) {
      if (node!.kind === 'dir' && existing.kind !== 'dir') fail('ENOTDIR');
      if (node!.kind !== 'dir' && existing.kind === 'dir') fail('EISDIR');
      if (existing.kind === 'dir' && existing.children.size) fail('ENOTEMPTY');
    }
    const now = this.clock.now();
    (srcParent as DirNode).children.delete(srcParts[srcParts.length - 1]!);
    (dstParent as DirNode).children.set(dstName, node!);
    (srcParent as DirNode).mtimeMs = now;
    (dstParent as DirNode).mtimeMs = now;
    this.emit(src, 'rename-from');
    this.emit(dst, 'rename-to');
  }

  chmod(path: string, mode: number): void {
    const node = this.lookup(path, 'chmod');
    node.mode = mode & 0o7777;
    this.emit(normalizePath(path), 'chmod');
  }

  // ---------- change notification ----------

  /** Called synchronously after every change, with the changed path. Returns an unsubscribe. */
  onChange(listener: FsChangeListener): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  // ---------- snapshot ----------

  snapshot(): MemFSNodeState {
    return snapshotNode(this.root);
  }

  /** Replace the whole tree. Silent: listeners are not told (their owners restore their own state). */
  restore(state: unknown): void {
    const node = restoreNode(state as MemFSNodeState);
    if (node.kind !== 'dir') throw new Error('memfs: snapshot root is not a directory');
    this.root = node;
  }

  // ---------- internals ----------

  private putFile(path: string, data: string, append: boolean, mode: number | undefined): void {
    const clean = normalizePath(path);
    const parts = splitPath(clean);
    if (!parts.length) throw new FsError('EISDIR', 'open', clean);
    const parent = this.parentDir(parts, 'open', clean);
    const name = parts[parts.length - 1]!;
    const existing = parent.children.get(name);
    if (existing?.kind === 'dir') throw new FsError('EISDIR', 'open', clean);
    // open("/x/", O_CREAT) on a missing or regular file: EISDIR / ENOTDIR.
    if (path.length > 1 && path.endsWith('/')) throw new FsError(existing ? 'ENOTDIR' : 'EISDIR', 'open', clean);
    const now = this.clock.now();
    if (existing) {
      existing.data = append ? existing.data + data : data;
      existing.mtimeMs = now;
      this.emit(clean, 'write');
    } else {
      const file: FileNode = { kind: 'file', mode: (mode ?? DEFAULT_FILE_MODE) & 0o7777, mtimeMs: now, data };
      this.addChild(parent, name, file, clean);
    }
  }

  private newDir(mode: number | undefined): DirNode {
    return { kind: 'dir', mode: (mode ?? DEFAULT_DIR_MODE) & 0o7777, mtimeMs: this.clock.now(), children: new Map() };
  }

  private addChild(parent: DirNode, name: string, node: FsNode, path: string): void {
    parent.children.set(name, node);
    parent.mtimeMs = this.clock.now();
    this.emit(path, 'create');
  }

  /** The node at `path`, or an FsError naming `op` (ENOENT, or ENOTDIR when a component is a file). */
  private lookup(path: string, op: string): FsNode {
    const clean = normalizePath(path);
    let node: FsNode = this.root;
    for (const name of splitPath(clean)) {
      if (node.kind !== 'dir') throw new FsError('ENOTDIR', op, clean);
      const child: FsNode | undefined = node.children.get(name);
      if (!child) throw new FsError('ENOENT', op, clean);
      node = child;
    }
    // A trailing slash asks for a directory: `/etc/hosts/` is ENOTDIR.
    if (node.kind !== 'dir' && path.length > 1 && path.endsWith('/')) throw new FsError('ENOTDIR', op, clean);
    return node;
  }

  private find(path: string): FsNode | undefined {
    try {
      return this.lookup(path, 'stat');
    } catch (e) {
      if (isFsError(e)) return undefined;
      throw e;
    }
  }

  /** The directory that holds the last component of `parts`. */
  private parentDir(parts: string[], op: string, path: string): DirNode {
    const dir = this.tryParentDir(parts);
    if (dir instanceof FsError) throw new FsError(dir.code, op, path);
    return dir;
  }

  private tryParentDir(parts: string[]): DirNode | FsError {
    let node: FsNode = this.root;
    for (let i = 0; i < parts.length - 1; i++) {
      const child: FsNode | undefined = (node as DirNode).children.get(parts[i]!);
      if (!child) return new FsError('ENOENT', '', '');
      if (child.kind !== 'dir') return new FsError('ENOTDIR', '', '');
      node = child;
    }
    return node as DirNode;
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
    for (const l of [...this.listeners]) l(path, op);
  }
}

function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Bytes of a JS string in UTF-8, without TextEncoder (not in the headless lib). */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4;
        i++;
      } else n += 3;
    } else n += 3;
  }
  return n;
}

function snapshotNode(node: FsNode): MemFSNodeState {
  if (node.kind === 'file') return { f: node.data, m: node.mode, t: node.mtimeMs };
  const d: Record<string, MemFSNodeState> = {};
  for (const name of [...node.children.keys()].sort(byName)) d[name] = snapshotNode(node.children.get(name)!);
  return { d, m: node.mode, t: node.mtimeMs };
}

function restoreNode(s: MemFSNodeState): FsNode {
  if ('f' in s) return { kind: 'file', mode: s.m, mtimeMs: s.t, data: s.f };
  const children = new Map<string, FsNode>();
  for (const name of Object.keys(s.d).sort(byName)) children.set(name, restoreNode(s.d[name]!));
  return { kind: 'dir', mode: s.m, mtimeMs: s.t, children };
}
