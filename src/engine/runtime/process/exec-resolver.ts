// execve(2) path resolution: what running a file means. An ELF file names a registered command
// (a multicall binary picks its applet from argv[0]), a `#!` script runs its interpreter, anything
// else is ENOEXEC. What a file runs is cached per filesystem and path.
import { basename, isCleanPath, resolvePath } from '../fs/path';
import { programOf, type Command, type CommandRegistry, type ExecErrno, type ExecError } from './program';
import type { Vfs } from './types';

const MAX_SHEBANG_DEPTH = 4; // fs/exec.c: binfmt recursion limit (ELOOP past it)
const CACHE_LIMIT = 1024;

/** A file resolved to the command it runs, with the argv that command gets. */
export interface Resolved {
  cmd: Command;
  prog: string;
  applet?: string;
  argv: readonly string[];
}

interface ExecInfo {
  mtimeMs: number;
  size: number;
  /** the registered command an ELF file names */
  name?: string;
  /** the interpreter line of a #! script */
  shebang?: string;
  /** the registered command `name` runs, once looked up */
  cmd?: Command;
  /**
   * the last resolution of an ELF file, handed out again for the same argv array (a shell loop
   * runs `sleep 1` with one shared argv: no new object per exec)
   */
  last?: Resolved;
}

interface FsCache {
  /** the filesystem reports its changes: a cached entry is current until it says otherwise */
  watched: boolean;
  byPath: Map<string, ExecInfo>;
}

export class ExecResolver {
  private readonly caches = new WeakMap<Vfs, FsCache>();

  constructor(private readonly registry: CommandRegistry) {}

  resolve(fs: Vfs, path: string, argv: readonly string[], depth = 0): Resolved | ExecError {
    const info = this.info(fs, path);
    if (typeof info === 'string') return { errno: info, path };
    const name = info.name;
    if (name !== undefined) {
      const last = info.last;
      if (last !== undefined && last.argv === argv) return last;
      // Registry names are stable (snapshots store them): a found command is kept with the file.
      let cmd = info.cmd ?? (info.cmd = this.registry.get(name));
      let applet: string | undefined;
      let args = argv;
      if (cmd?.kind === 'multicall') {
        // busybox: `busybox ls` runs the ls applet; a link named ls runs it too.
        applet = basename(argv[0] ?? path);
        if (applet === name && argv.length > 1) {
          args = argv.slice(1);
          applet = basename(args[0]!);
        }
        cmd = cmd.applet(applet);
      }
      if (!cmd) return { errno: 'ENOEXEC', path };
      const res: Resolved = { cmd, prog: name, applet, argv: args };
      if (args === argv) info.last = res;
      return res;
    }
    if (info.shebang !== undefined) {
      if (depth >= MAX_SHEBANG_DEPTH) return { errno: 'ELOOP', path };
      const line = info.shebang;
      const sp = line.search(/[ \t]/);
      const interp = sp < 0 ? line : line.slice(0, sp);
      const arg = sp < 0 ? '' : line.slice(sp).trim();
      const args = [interp, ...(arg ? [arg] : []), path, ...argv.slice(1)];
      const res = this.resolve(fs, interp, args, depth + 1);
      // A missing interpreter reports the script (the shell then says "bad interpreter").
      return 'errno' in res ? { errno: res.errno, path } : res;
    }
    // An unknown binary and a text file without #! are both ENOEXEC (a shell then runs the text).
    return { errno: 'ENOEXEC', path };
  }

  /**
   * What the file at `path` runs. A filesystem that reports its changes (MemFS.onChange) drops
   * entries as files change, so a hit costs no path walk at all; any other filesystem is checked
   * with one stat (mtime and size) per exec.
   */
  private info(fs: Vfs, path: string): ExecInfo | ExecErrno {
    const cache = this.cacheOf(fs);
    if (cache.watched) {
      const hit = cache.byPath.get(path);
      if (hit) return hit;
    }
    try {
      const st = fs.stat(path);
      // execve(2): EACCES for a directory or a file without execute permission
      if (st.type === 'dir' || (st.mode & 0o111) === 0) return 'EACCES';
      const cached = cache.byPath.get(path);
      if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) return cached;
      const content = fs.readFile(path);
      const info: ExecInfo = { mtimeMs: st.mtimeMs, size: st.size, name: programOf(content) };
      if (info.name === undefined && content.startsWith('#!')) info.shebang = content.slice(2, (content.indexOf('\n') + 1 || content.length + 1) - 1).trim();
      if (cache.byPath.size >= CACHE_LIMIT) cache.byPath.delete(cache.byPath.keys().next().value!);
      cache.byPath.set(path, info);
      return info;
    } catch (e) {
      return (e as { code?: string }).code === 'ENOTDIR' ? 'ENOTDIR' : 'ENOENT';
    }
  }

  private cacheOf(fs: Vfs): FsCache {
    let cache = this.caches.get(fs);
    if (!cache) {
      cache = { watched: false, byPath: new Map() };
      const watchable = fs as Vfs & { onChange?: (l: (path: string) => void) => unknown };
      if (typeof watchable.onChange === 'function') {
        const byPath = cache.byPath;
        watchable.onChange((changed) => void byPath.delete(changed));
        cache.watched = true;
      }
      this.caches.set(fs, cache);
    }
    return cache;
  }
}

/** resolvePath, without the work when the path is absolute and clean already. */
export function absolute(cwd: string, p: string): string {
  // a loop execs and opens the same few strings (the shell's hash table, its literal words):
  // a set lookup on a string's cached hash is cheaper than scanning it again
  if (KNOWN_CLEAN.has(p)) return p;
  if (!isCleanPath(p)) return resolvePath(cwd, p);
  if (KNOWN_CLEAN.size >= KNOWN_CLEAN_LIMIT) KNOWN_CLEAN.clear();
  KNOWN_CLEAN.add(p);
  return p;
}

const KNOWN_CLEAN = new Set<string>();
const KNOWN_CLEAN_LIMIT = 1024;
