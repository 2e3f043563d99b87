// POSIX path helpers for the in-memory filesystems (node and container roots). Pure string work,
// the same rules as Go's path.Clean and coreutils: absolute paths, `.` dropped, `..` pops a
// component and stops at the root, repeated slashes collapse.

/** Clean an absolute path; a relative one is taken from `/`. `a//b/./c/..` → `/a/b`. */
export function normalizePath(p: string): string {
  return '/' + splitPath(p).join('/');
}

/** The components of a path after cleaning: `/a/b/../c` → ['a', 'c']. The root is []. */
export function splitPath(p: string): string[] {
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return out;
}

/** Resolve `p` against a working directory, as a shell does for relative paths. */
export function resolvePath(cwd: string, p: string): string {
  return normalizePath(p.startsWith('/') ? p : `${cwd}/${p}`);
}

export function joinPath(...parts: string[]): string {
  return normalizePath(parts.join('/'));
}

/** `/a/b` → `/a`; `/a` → `/`; `/` → `/`. */
export function dirname(p: string): string {
  const parts = splitPath(p);
  parts.pop();
  return '/' + parts.join('/');
}

/** `/a/b` → `b`; `/` → `/` (like basename(1)). */
export function basename(p: string): string {
  const parts = splitPath(p);
  return parts.length ? parts[parts.length - 1]! : '/';
}

/** Whether `p` is `ancestor` itself or lies below it (both cleaned first). */
export function isWithin(p: string, ancestor: string): boolean {
  const a = normalizePath(ancestor);
  const q = normalizePath(p);
  return a === '/' || q === a || q.startsWith(a + '/');
}
