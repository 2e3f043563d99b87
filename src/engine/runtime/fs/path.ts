// POSIX path helpers for the in-memory filesystems (node and container roots). Pure string work,
// the same rules as Go's path.Clean and coreutils: absolute paths, `.` dropped, `..` pops a
// component and stops at the root, repeated slashes collapse.

/** Clean an absolute path; a relative one is taken from `/`. `a//b/./c/..` → `/a/b`. */
export function normalizePath(p: string): string {
  // Most paths arrive clean (the shell resolves them first): one scan, no allocation.
  if (isCleanPath(p)) return p;
  return '/' + splitPath(p).join('/');
}

/**
 * Whether `p` is already what normalizePath returns: absolute, no empty, `.` or `..`
 * component, no trailing slash (except `/` itself).
 */
export function isCleanPath(p: string): boolean {
  const n = p.length;
  if (n === 0 || p.charCodeAt(0) !== SLASH) return false;
  if (n === 1) return true;
  if (p.charCodeAt(n - 1) === SLASH || p.includes('//')) return false;
  // indexOf is far cheaper than a character loop; only names starting with a dot need a look.
  for (let i = p.indexOf('/.'); i >= 0; i = p.indexOf('/.', i + 1)) {
    const next = i + 2 < n ? p.charCodeAt(i + 2) : SLASH;
    if (next === SLASH) return false; // `/.` or `/./`
    if (next === DOT && (i + 3 >= n || p.charCodeAt(i + 3) === SLASH)) return false; // `/..` or `/../`
  }
  return true;
}

const SLASH = 47;
const DOT = 46;

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
  // A clean path (what filesystems report on every change) needs no split.
  if (isCleanPath(p)) {
    const cut = p.lastIndexOf('/');
    return cut === 0 ? '/' : p.slice(0, cut);
  }
  const parts = splitPath(p);
  parts.pop();
  return '/' + parts.join('/');
}

/** `/a/b` → `b`; `/` → `/` (like basename(1)). */
export function basename(p: string): string {
  if (isCleanPath(p)) return p.length === 1 ? '/' : p.slice(p.lastIndexOf('/') + 1);
  // A bare name (argv[0] of most commands) is its own basename.
  if (p !== '' && p !== '.' && p !== '..' && !p.includes('/')) return p;
  const parts = splitPath(p);
  return parts.length ? parts[parts.length - 1]! : '/';
}

/** Whether `p` is `ancestor` itself or lies below it (both cleaned first). */
export function isWithin(p: string, ancestor: string): boolean {
  const a = normalizePath(ancestor);
  const q = normalizePath(p);
  return a === '/' || q === a || q.startsWith(a + '/');
}
