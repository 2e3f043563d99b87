// The learner's workspace as the editor shows it: the files under /root (the same MemFS the host
// shell uses), names for tabs, checks for new names, and the path an Apply types.
import type { MemFS } from '../../engine';
import { WORKSPACE } from '../../terminal';

export interface WorkspaceEntry {
  path: string;
  name: string;
  type: 'file' | 'dir';
  /** 0 for entries directly in the workspace */
  depth: number;
}

/** Every file and folder under the workspace, depth first, folders before files (as editors list them). */
export function listWorkspace(fs: MemFS, root = WORKSPACE): WorkspaceEntry[] {
  const out: WorkspaceEntry[] = [];
  const walk = (dir: string, depth: number) => {
    if (!fs.exists(dir)) return;
    const entries = fs.readdir(dir).map((name) => {
      const path = `${dir}/${name}`;
      return { path, name, type: fs.stat(path).type, depth };
    });
    entries.sort((a, b) => (a.type === b.type ? 0 : a.type === 'dir' ? -1 : 1));
    for (const e of entries) {
      out.push(e);
      if (e.type === 'dir') walk(e.path, depth + 1);
    }
  };
  walk(root, 0);
  return out;
}

/** What a tab says: the path inside the workspace, or the whole path for a file elsewhere (/tmp). */
export function displayName(path: string): string {
  return path.startsWith(`${WORKSPACE}/`) ? path.slice(WORKSPACE.length + 1) : path;
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

export function parentDir(path: string): string {
  return path.slice(0, path.lastIndexOf('/')) || '/';
}

/**
 * Why `name` cannot be created in `dir` (a path relative to it may name subfolders), or
 * undefined when it can.
 */
export function checkNewName(fs: MemFS, dir: string, name: string): string | undefined {
  const trimmed = name.trim();
  if (!trimmed) return 'Type a file name.';
  if (trimmed.startsWith('/') || trimmed.endsWith('/')) return 'Give a file name, not a folder.';
  const parts = trimmed.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) return 'A name cannot contain empty, "." or ".." parts.';
  const path = `${dir}/${trimmed}`;
  if (fs.exists(path)) return `${displayName(path)} already exists.`;
  // a part that exists as a file cannot hold anything
  let at = dir;
  for (const p of parts.slice(0, -1)) {
    at = `${at}/${p}`;
    if (fs.exists(at) && fs.stat(at).type !== 'dir') return `${displayName(at)} is a file, not a folder.`;
  }
  return undefined;
}

/** Creates the file (and the folders on its way) empty. */
export function createFile(fs: MemFS, path: string): void {
  const dir = parentDir(path);
  if (!fs.exists(dir)) fs.mkdir(dir, { recursive: true });
  fs.writeFile(path, '');
}

export function isYamlPath(path: string): boolean {
  return /\.ya?ml$/i.test(path);
}

/** Monaco's language for a file (only YAML is registered: the rest is plain text). */
export function languageOf(path: string): 'yaml' | 'plaintext' {
  return isYamlPath(path) ? 'yaml' : 'plaintext';
}

/** bash word for a path: as it is when it is plain, else single-quoted. */
function shellWord(s: string): string {
  return /^[\w./@%+=:,-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`;
}

/** The path an Apply types: relative to the shell's working directory when the file is below it. */
export function pathForShell(path: string, cwd: string): string {
  const prefix = cwd === '/' ? '/' : `${cwd}/`;
  return shellWord(path.startsWith(prefix) ? path.slice(prefix.length) : path);
}
