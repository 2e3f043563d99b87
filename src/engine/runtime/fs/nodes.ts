// The tree behind MemFS, and its JSON form. A node is either owned by one filesystem (written in
// place) or shared: part of a sealed layer — an image's root filesystem — that many container
// filesystems read and none writes. Writing below a shared node first copies it and its shared
// ancestors ("copy-up", as overlayfs does); an owned directory copied from the layer remembers
// its original (`base`), which is how a snapshot tells the writable layer apart from the image.

export interface FileNode {
  kind: 'file';
  mode: number;
  mtimeMs: number;
  data: string;
  /** UTF-8 bytes of `data`, or -1 until someone asks (stat); appends keep it current */
  size: number;
  shared: boolean;
}

export interface DirNode {
  kind: 'dir';
  mode: number;
  mtimeMs: number;
  children: Map<string, FsNode>;
  shared: boolean;
  /** the layer directory this one was copied from (copy-up); its other entries show through */
  base: DirNode | undefined;
}

export type FsNode = FileNode | DirNode;

/**
 * JSON form of a tree. A directory has `d` (entries sorted by name), a file has `f` (its text).
 * Over a layer only the differences are kept, as an overlayfs upper directory does: `{w: 1}` is
 * a whiteout (an image entry deleted), `o: 1` an opaque directory (one that replaced an image
 * directory, hiding its entries). A filesystem without a layer writes neither.
 */
export type MemFSNodeState =
  | { d: Record<string, MemFSNodeState>; m: number; t: number; o?: 1 }
  | { f: string; m: number; t: number }
  | { w: 1 };

type DirState = Extract<MemFSNodeState, { d: unknown }>;

export function newDir(mode: number, mtimeMs: number): DirNode {
  return { kind: 'dir', mode, mtimeMs, children: new Map(), shared: false, base: undefined };
}

export function newFile(mode: number, mtimeMs: number, data: string): FileNode {
  return { kind: 'file', mode, mtimeMs, data, size: -1, shared: false };
}

/** An owned copy of a node (its children stay shared until they are written in turn). */
export function copyNode(node: FsNode): FsNode {
  if (node.kind === 'file') return { ...node, shared: false };
  return { kind: 'dir', mode: node.mode, mtimeMs: node.mtimeMs, children: new Map(node.children), shared: false, base: node.shared ? node : node.base };
}

/** Mark a whole tree shared: from now on nobody writes it in place. */
export function sealTree(node: FsNode): void {
  node.shared = true;
  if (node.kind === 'dir') for (const child of node.children.values()) sealTree(child);
}

/** UTF-8 size of a file, measured once and then kept current by appends. */
export function fileSize(node: FileNode): number {
  if (node.size < 0) node.size = utf8Length(node.data);
  return node.size;
}

/** Bytes of a JS string in UTF-8, without TextEncoder (not in the headless lib). */
export function utf8Length(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) n += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 2; // 4 bytes for two UTF-16 units
        i++;
      } else n += 2;
    } else n += 2;
  }
  return n;
}

export function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---------- snapshot ----------

/** The JSON form of `root`: all of it, or only what differs from `lower` when there is one. */
export function snapshotTree(root: DirNode, lower: DirNode | undefined): MemFSNodeState {
  if (!lower) return fullState(root);
  if (root.base === lower) return diffState(root, lower);
  return { ...(fullState(root) as DirState), o: 1 };
}

function fullState(node: FsNode): MemFSNodeState {
  if (node.kind === 'file') return { f: node.data, m: node.mode, t: node.mtimeMs };
  const d: Record<string, MemFSNodeState> = {};
  for (const name of [...node.children.keys()].sort(byName)) d[name] = fullState(node.children.get(name)!);
  return { d, m: node.mode, t: node.mtimeMs };
}

/** An upper directory: entries added or changed, whiteouts for entries of `lower` that are gone. */
function diffState(node: DirNode, lower: DirNode): MemFSNodeState {
  const d: Record<string, MemFSNodeState> = {};
  const names = new Set([...node.children.keys(), ...lower.children.keys()]);
  for (const name of [...names].sort(byName)) {
    const child = node.children.get(name);
    const below = lower.children.get(name);
    if (child === below) continue; // untouched image entry
    if (!child) {
      d[name] = { w: 1 };
    } else if (child.kind === 'dir' && below?.kind === 'dir' && child.base === below) {
      d[name] = diffState(child, below); // copied up: merge with the image directory
    } else if (child.kind === 'dir' && below?.kind === 'dir') {
      d[name] = { ...(fullState(child) as DirState), o: 1 };
    } else {
      d[name] = fullState(child);
    }
  }
  return { d, m: node.mode, t: node.mtimeMs };
}

/** Rebuild a tree from its JSON form, over `lower` when the state is a diff against a layer. */
export function restoreTree(state: MemFSNodeState, lower: DirNode | undefined): FsNode {
  if ('w' in state) throw new Error('memfs: a whiteout cannot stand for a whole tree');
  if ('f' in state) return newFile(state.m, state.t, state.f);
  const merge = lower !== undefined && !state.o;
  const node: DirNode = merge ? (copyNode(lower) as DirNode) : newDir(state.m, state.t);
  node.mode = state.m;
  node.mtimeMs = state.t;
  for (const name of Object.keys(state.d).sort(byName)) {
    const s = state.d[name]!;
    if ('w' in s) {
      node.children.delete(name);
      continue;
    }
    const below = merge ? lower.children.get(name) : undefined;
    node.children.set(name, restoreTree(s, below?.kind === 'dir' ? below : undefined));
  }
  return node;
}
