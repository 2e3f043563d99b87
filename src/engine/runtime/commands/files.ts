// mkdir, rm, cp, mv, touch and pwd, in GNU coreutils' words (src/mkdir.c, remove.c, copy.c, mv.c,
// touch.c; names quoted with quoteaf) and busybox's (libbb/make_directory.c, remove_file.c,
// copy_file.c, coreutils/mv.c, touch.c). All are SimpleCommands: they finish at once.
import { basename, dirname, isWithin, resolvePath } from '../fs/path';
import type { SimpleCommand } from '../process/program';
import type { Vfs } from '../process/types';
import { missingOperand, parseOpts, progName } from './msg';
import { optMap } from './getopt';
import { errCode, quoteaf, simpleCommand, statOf, strerror, type Ctx, type Flavor } from './util';

/** The process umask of a container (runc's default 0022). */
const UMASK = 0o022;

// ---------- mkdir ----------

export function mkdirCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, { short: 'pm:v', long: { parents: { key: 'p', arg: 'none' }, mode: { key: 'm', arg: 'required' }, verbose: { key: 'v', arg: 'none' } } });
    if (typeof p === 'number') return p;
    const o = optMap(p);
    if (!p.args.length) return missingOperand(c, f);
    let mode = 0o777 & ~UMASK;
    if (o.has('m')) {
      const m = o.get('m')!;
      if (!/^[0-7]{1,4}$/.test(m)) {
        // coreutils mkdir.c: "invalid mode %s" (quote); busybox bb_parse_mode failure: "invalid mode '%s'"
        c.err(`${progName(c, f)}: invalid mode ${quoteaf(m)}\n`);
        return 1;
      }
      mode = parseInt(m, 8);
    }
    let st = 0;
    for (const arg of p.args) {
      const path = resolvePath(c.cwd, arg);
      const made = o.has('p') ? mkdirParents(c.fs, path, mode) : mkdirOne(c.fs, path, mode);
      if (typeof made === 'string') {
        st = 1;
        // coreutils mkdir.c make_ancestor/process_dir: "cannot create directory %s" (quoteaf);
        // busybox libbb/make_directory.c: "can't %s directory '%s'" with "create"
        c.err(f === 'gnu'
          ? `${progName(c, f)}: cannot create directory ${quoteaf(arg)}: ${strerror(made)}\n`
          : `${progName(c, f)}: can't create directory '${arg}': ${strerror(made)}\n`);
        continue;
      }
      if (o.has('v')) {
        for (const d of made) {
          const shown = made.length === 1 ? arg : d;
          // coreutils mkdir.c: "created directory %s"; busybox make_directory.c: "created directory: '%s'\n"
          c.out(f === 'gnu' ? `${progName(c, f)}: created directory ${quoteaf(shown)}\n` : `created directory: '${shown}'\n`);
        }
      }
    }
    return st;
  });
}

/** mkdir(2): the directories made, or the errno name. */
function mkdirOne(fs: Vfs, path: string, mode: number): string[] | string {
  const parent = statOf(fs, dirname(path));
  if (typeof parent === 'string') return parent;
  if (parent.type !== 'dir') return 'ENOTDIR';
  if (fs.exists(path)) return 'EEXIST';
  try {
    fs.mkdir(path, { mode });
    return [path];
  } catch (e) {
    return errCode(e);
  }
}

/** mkdir -p: each missing ancestor, then the directory; an existing directory is fine. */
function mkdirParents(fs: Vfs, path: string, mode: number): string[] | string {
  const made: string[] = [];
  const parts = path.split('/').filter(Boolean);
  let sofar = '';
  for (const part of parts) {
    sofar += `/${part}`;
    const st = statOf(fs, sofar);
    if (typeof st !== 'string') {
      if (st.type !== 'dir') return sofar === path ? 'EEXIST' : 'ENOTDIR';
      continue;
    }
    try {
      // ancestors get u+wx whatever -m says (coreutils mkdir.c make_ancestor)
      fs.mkdir(sofar, { mode: sofar === path ? mode : 0o777 & ~UMASK });
      made.push(sofar);
    } catch (e) {
      return errCode(e);
    }
  }
  return made;
}

// ---------- rm ----------

export function rmCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, {
      short: 'fiRrvd',
      long: { force: { key: 'f', arg: 'none' }, recursive: { key: 'r', arg: 'none' }, verbose: { key: 'v', arg: 'none' }, dir: { key: 'd', arg: 'none' }, 'no-preserve-root': { key: 'N', arg: 'none' }, 'preserve-root': { key: 'P', arg: 'optional' } },
    });
    if (typeof p === 'number') return p;
    const o = optMap(p);
    const force = o.has('f');
    const recursive = o.has('r') || o.has('R');
    if (!p.args.length) return force ? 0 : missingOperand(c, f);
    const prog = progName(c, f);
    let st = 0;
    for (const arg of p.args) {
      const base = basename(arg);
      if (base === '.' || base === '..' || /(^|\/)\.\.?\/*$/.test(arg)) {
        // coreutils remove.c rm_fts: "refusing to remove %s or %s directory: skipping %s";
        // busybox rm.c: "can't remove '.' or '..'"
        c.err(f === 'gnu' ? `${prog}: refusing to remove '.' or '..' directory: skipping ${quoteaf(arg)}\n` : `${prog}: can't remove '.' or '..'\n`);
        st = 1;
        continue;
      }
      const path = resolvePath(c.cwd, arg);
      if (path === '/' && recursive && !o.has('N')) {
        if (f === 'gnu') {
          // coreutils remove.c / lib/root-dev-ino.h: the --preserve-root failsafe
          c.err(`${prog}: it is dangerous to operate recursively on '/'\n${prog}: use --no-preserve-root to override this failsafe\n`);
          st = 1;
          continue;
        }
      }
      const s = statOf(c.fs, path);
      if (typeof s === 'string') {
        if (force && (s === 'ENOENT' || s === 'ENOTDIR')) continue;
        // coreutils remove.c: "cannot remove %s"; busybox remove_file.c: "can't stat '%s'"
        c.err(f === 'gnu' ? `${prog}: cannot remove ${quoteaf(arg)}: ${strerror(s)}\n` : `${prog}: can't stat '${arg}': ${strerror(s)}\n`);
        st = 1;
        continue;
      }
      if (s.type === 'dir' && !recursive) {
        const empty = c.fs.readdir(path).length === 0;
        if (!(o.has('d') && empty)) {
          // coreutils remove.c: error (0, EISDIR, "cannot remove %s"); busybox remove_file.c: "'%s' is a directory"
          c.err(f === 'gnu' ? `${prog}: cannot remove ${quoteaf(arg)}: Is a directory\n` : `${prog}: '${arg}' is a directory\n`);
          st = 1;
          continue;
        }
      }
      try {
        const removed = o.has('v') ? listTree(c.fs, path, arg) : [];
        c.fs.rm(path, { recursive });
        for (const [shown, dir] of removed) {
          // coreutils remove.c: "removed directory %s\n" / "removed %s\n"; busybox: "removed directory: '%s'\n" / "removed '%s'\n"
          c.out(f === 'gnu' ? (dir ? `removed directory ${quoteaf(shown)}\n` : `removed ${quoteaf(shown)}\n`) : dir ? `removed directory: '${shown}'\n` : `removed '${shown}'\n`);
        }
      } catch (e) {
        c.err(f === 'gnu' ? `${prog}: cannot remove ${quoteaf(arg)}: ${strerror(errCode(e))}\n` : `${prog}: can't remove '${arg}': ${strerror(errCode(e))}\n`);
        st = 1;
      }
    }
    return st;
  });
}

/** Depth-first (children before their directory), as a recursive removal reports them. */
function listTree(fs: Vfs, path: string, shown: string): [string, boolean][] {
  const s = statOf(fs, path);
  if (typeof s === 'string' || s.type !== 'dir') return [[shown, false]];
  const out: [string, boolean][] = [];
  for (const name of fs.readdir(path)) out.push(...listTree(fs, `${path === '/' ? '' : path}/${name}`, `${shown.replace(/\/+$/, '')}/${name}`));
  out.push([shown, true]);
  return out;
}

// ---------- cp ----------

export function cpCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, {
      short: 'aRrfpvdPLHint:T',
      long: { recursive: { key: 'r', arg: 'none' }, archive: { key: 'a', arg: 'none' }, force: { key: 'f', arg: 'none' }, verbose: { key: 'v', arg: 'none' }, 'target-directory': { key: 't', arg: 'required' }, 'no-target-directory': { key: 'T', arg: 'none' }, 'no-clobber': { key: 'n', arg: 'none' } },
    });
    if (typeof p === 'number') return p;
    const o = optMap(p);
    const recursive = o.has('r') || o.has('R') || o.has('a');
    return copyOrMove(c, f, 'cp', p.args, o.get('t'), { recursive, verbose: o.has('v'), noClobber: o.has('n') });
  });
}

export function mvCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, { short: 'finvt:T', long: { force: { key: 'f', arg: 'none' }, verbose: { key: 'v', arg: 'none' }, 'target-directory': { key: 't', arg: 'required' }, 'no-clobber': { key: 'n', arg: 'none' } } });
    if (typeof p === 'number') return p;
    const o = optMap(p);
    return copyOrMove(c, f, 'mv', p.args, o.get('t'), { recursive: true, verbose: o.has('v'), noClobber: o.has('n') });
  });
}

interface CopyOpts {
  recursive: boolean;
  verbose: boolean;
  noClobber: boolean;
}

function copyOrMove(c: Ctx, f: Flavor, op: 'cp' | 'mv', operands: string[], target: string | undefined, o: CopyOpts): number {
  const prog = progName(c, f);
  const args = [...operands];
  if (target === undefined) {
    if (!args.length) return missingOperand(c, f, 'missing file operand');
    if (args.length === 1) {
      if (f === 'busybox') return missingOperand(c, f);
      // coreutils cp.c/mv.c: "missing destination file operand after %s" (quoteaf)
      return missingOperand(c, f, `missing destination file operand after ${quoteaf(args[0]!)}`);
    }
    target = args.pop()!;
  }
  const destPath = resolvePath(c.cwd, target);
  const destStat = statOf(c.fs, destPath);
  const destIsDir = typeof destStat !== 'string' && destStat.type === 'dir';
  if (args.length > 1 && !destIsDir) {
    // coreutils cp.c do_copy: "target %s is not a directory"; busybox copy_file.c the same words
    c.err(f === 'gnu' ? `${prog}: target ${quoteaf(target)} is not a directory\n` : `${prog}: target '${target}' is not a directory\n`);
    return 1;
  }
  let st = 0;
  for (const src of args) {
    const srcPath = resolvePath(c.cwd, src);
    const dst = destIsDir ? `${destPath === '/' ? '' : destPath}/${basename(srcPath)}` : destPath;
    const shownDst = destIsDir ? `${target.replace(/\/+$/, '')}/${basename(srcPath)}` : target;
    const s = statOf(c.fs, srcPath);
    if (typeof s === 'string') {
      // coreutils copy.c copy_internal: "cannot stat %s"; busybox copy_file.c: "can't stat '%s'",
      // busybox mv.c: "can't rename '%s'"
      if (f === 'gnu') c.err(`${prog}: cannot stat ${quoteaf(src)}: ${strerror(s)}\n`);
      else c.err(op === 'mv' ? `${prog}: can't rename '${src}': ${strerror(s)}\n` : `${prog}: can't stat '${src}': ${strerror(s)}\n`);
      st = 1;
      continue;
    }
    if (srcPath === dst) {
      // coreutils copy.c same_file_ok: "%s and %s are the same file"; busybox copy_file.c the same
      c.err(f === 'gnu' ? `${prog}: ${quoteaf(src)} and ${quoteaf(shownDst)} are the same file\n` : `${prog}: '${src}' and '${shownDst}' are the same file\n`);
      st = 1;
      continue;
    }
    if (s.type === 'dir' && isWithin(dst, srcPath)) {
      // coreutils copy.c: "cannot copy a directory, %s, into itself, %s" / mv: "cannot move %s to a subdirectory of itself, %s"
      c.err(op === 'cp'
        ? `${prog}: cannot copy a directory, ${quoteaf(src)}, into itself, ${quoteaf(shownDst)}\n`
        : `${prog}: cannot move ${quoteaf(src)} to a subdirectory of itself, ${quoteaf(shownDst)}\n`);
      st = 1;
      continue;
    }
    if (s.type === 'dir' && !o.recursive) {
      // coreutils copy.c: "-r not specified; omitting directory %s"; busybox copy_file.c: "omitting directory '%s'"
      c.err(f === 'gnu' ? `${prog}: -r not specified; omitting directory ${quoteaf(src)}\n` : `${prog}: omitting directory '${src}'\n`);
      st = 1;
      continue;
    }
    const d = statOf(c.fs, dst);
    if (typeof d !== 'string') {
      if (o.noClobber) continue;
      if (d.type === 'dir' && s.type !== 'dir') {
        // coreutils copy.c: "cannot overwrite directory %s with non-directory"
        c.err(f === 'gnu' ? `${prog}: cannot overwrite directory ${quoteaf(shownDst)} with non-directory\n` : `${prog}: can't overwrite directory with non-directory\n`);
        st = 1;
        continue;
      }
      if (d.type !== 'dir' && s.type === 'dir') {
        // coreutils copy.c: "cannot overwrite non-directory %s with directory %s"
        c.err(f === 'gnu' ? `${prog}: cannot overwrite non-directory ${quoteaf(shownDst)} with directory ${quoteaf(src)}\n` : `${prog}: can't overwrite non-directory with directory\n`);
        st = 1;
        continue;
      }
    }
    const fail = (code: string, path: string): void => {
      st = 1;
      // coreutils copy.c: "cannot create regular file %s" / "cannot create directory %s"; busybox: "can't create '%s'"
      c.err(f === 'gnu'
        ? `${prog}: cannot create ${s.type === 'dir' ? 'directory' : 'regular file'} ${quoteaf(path)}: ${strerror(code)}\n`
        : `${prog}: can't create '${path}': ${strerror(code)}\n`);
    };
    if (op === 'mv') {
      try {
        if (typeof d !== 'string' && d.type === 'dir') c.fs.rm(dst, { recursive: true });
        c.fs.rename(srcPath, dst);
      } catch (e) {
        const code = errCode(e);
        if (code !== 'EXDEV') {
          c.err(f === 'gnu' ? `${prog}: cannot move ${quoteaf(src)} to ${quoteaf(shownDst)}: ${strerror(code)}\n` : `${prog}: can't rename '${src}': ${strerror(code)}\n`);
          st = 1;
          continue;
        }
        // across mounts: copy, then remove the source (coreutils mv.c / busybox mv.c fallback)
        if (!copyTree(c.fs, srcPath, dst, shownDst, fail)) continue;
        c.fs.rm(srcPath, { recursive: true });
      }
      // coreutils mv.c: "renamed %s -> %s"; busybox mv.c: "'%s' -> '%s'"
      if (o.verbose) c.out(f === 'gnu' ? `renamed ${quoteaf(src)} -> ${quoteaf(shownDst)}\n` : `'${src}' -> '${shownDst}'\n`);
      continue;
    }
    if (copyTree(c.fs, srcPath, dst, shownDst, fail) && o.verbose) c.out(`'${src}' -> '${shownDst}'\n`);
  }
  return st;
}

/** Copy a file or a directory tree; failures go to `fail`. Returns whether everything was copied. */
function copyTree(fs: Vfs, src: string, dst: string, shown: string, fail: (code: string, path: string) => void): boolean {
  const s = fs.stat(src);
  try {
    if (s.type === 'file') {
      fs.writeFile(dst, fs.readFile(src), { mode: s.mode & ~UMASK });
      return true;
    }
    if (!fs.exists(dst)) fs.mkdir(dst, { mode: s.mode });
  } catch (e) {
    fail(errCode(e), shown);
    return false;
  }
  let ok = true;
  for (const name of fs.readdir(src)) ok = copyTree(fs, `${src === '/' ? '' : src}/${name}`, `${dst}/${name}`, `${shown}/${name}`, fail) && ok;
  return ok;
}

// ---------- touch ----------

export function touchCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, { short: 'acmd:r:t:h', long: { 'no-create': { key: 'c', arg: 'none' }, date: { key: 'd', arg: 'required' }, reference: { key: 'r', arg: 'required' } } });
    if (typeof p === 'number') return p;
    const o = optMap(p);
    if (!p.args.length) return missingOperand(c, f, 'missing file operand');
    let st = 0;
    for (const arg of p.args) {
      const path = resolvePath(c.cwd, arg);
      const s = statOf(c.fs, path);
      try {
        if (typeof s === 'string') {
          if (o.has('c')) continue;
          c.fs.writeFile(path, '', { mode: 0o666 & ~UMASK });
        } else if (s.type === 'file') {
          // utimensat(2): the file's times become now. The Vfs has no utimes: rewrite the same bytes.
          c.fs.writeFile(path, c.fs.readFile(path));
        }
        // a directory's times cannot be set through the filesystem view; touch succeeds silently
      } catch (e) {
        st = 1;
        // coreutils touch.c: "cannot touch %s"; busybox touch.c: bb_simple_perror_msg(file)
        c.err(f === 'gnu' ? `${progName(c, f)}: cannot touch ${quoteaf(arg)}: ${strerror(errCode(e))}\n` : `${progName(c, f)}: ${arg}: ${strerror(errCode(e))}\n`);
      }
    }
    return st;
  });
}

// ---------- pwd ----------

export function pwdCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c) => {
    const p = parseOpts(c, f, { short: 'LP', long: { logical: { key: 'L', arg: 'none' }, physical: { key: 'P', arg: 'none' } } });
    if (typeof p === 'number') return p;
    if (p.args.length && f === 'gnu') {
      // coreutils pwd.c: "ignoring non-option arguments"
      c.err(`${progName(c, f)}: ignoring non-option arguments\n`);
    }
    const logical = p.opts.some(([k]) => k === 'L') && !p.opts.some(([k]) => k === 'P');
    const pwd = c.env.PWD;
    c.out(`${logical && pwd && resolvePath('/', pwd) === c.cwd ? pwd : c.cwd}\n`);
    return 0;
  });
}
