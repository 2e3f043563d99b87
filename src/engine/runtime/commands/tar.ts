// tar as GNU tar 1.34 (Debian, Ubuntu, nginx) and the busybox applet (busybox, Alpine) run it:
// create (c), extract (x) and list (t) an archive on stdin/stdout or in a file, -C, -v, -m,
// --no-same-permissions / --no-same-owner (what `kubectl cp` passes), each in its own words.
// The archive format is in tar-format.ts. Podlab's filesystems have no utimes(2), so extracted
// files always carry the time of extraction, as with -m; the archive keeps the real mtimes.
import { resolvePath } from '../fs/path';
import { utf8Encode } from '../../../shared/base64';
import type { SimpleCommand } from '../process/program';
import { getopt, isOptError } from './getopt';
import { busyboxUsage, libcOf, progName } from './msg';
import { encodeEntry, endOfArchive, readArchive, stripLeadingSlashes, type TarEntry, type TarReadError } from '../../../shared/tar-format';
import { errCode, modeString, readText, simpleCommand, statOf, strerror, type Ctx, type Flavor } from './util';

interface TarArgs {
  op: 'c' | 'x' | 't';
  file: string;
  dir?: string;
  verbose: number;
  samePermissions: boolean;
  names: string[];
}

/** How one implementation words its complaints; each returns nothing, `fatal` the exit status. */
interface Voice {
  /** a problem after which the tool goes on (its exit status is then `failStatus`) */
  warn(c: Ctx, msg: string): void;
  /** a problem that stops it at once */
  fatal(c: Ctx, msg: string): number;
  /** the closing line when something went wrong earlier */
  finish(c: Ctx, op: TarArgs['op']): number;
}

// GNU tar: tar.c usage/USAGE_ERROR, misc.c (open_fatal, stat_diag), buffer.c; exit 2 (TAREXIT_FAILURE)
const gnuVoice: Voice = {
  warn: (c, msg) => c.err(`${progName(c, 'gnu')}: ${msg}\n`),
  fatal(c, msg) {
    // misc.c open_fatal → FATAL_ERROR: "Error is not recoverable: exiting now"
    c.err(`${progName(c, 'gnu')}: ${msg}\n${progName(c, 'gnu')}: Error is not recoverable: exiting now\n`);
    return 2;
  },
  finish(c) {
    // tar.c main: "Exiting with failure status due to previous errors"
    c.err(`${progName(c, 'gnu')}: Exiting with failure status due to previous errors\n`);
    return 2;
  },
};

// busybox: bb_error_msg (applet: msg), exit 1
const busyboxVoice: Voice = {
  warn: (c, msg) => c.err(`${progName(c, 'busybox')}: ${msg}\n`),
  fatal(c, msg) {
    c.err(`${progName(c, 'busybox')}: ${msg}\n`);
    return 1;
  },
  finish(c, op) {
    // tar.c writeTarFile: "error exit delayed from previous errors" (create only)
    if (op === 'c') c.err(`${progName(c, 'busybox')}: error exit delayed from previous errors\n`);
    return 1;
  },
};

/** GNU tar's usage errors end with its own hint (argp: "Try '%s --help' or '%s --usage'"). */
function gnuUsageError(c: Ctx, msg: string): number {
  const p = progName(c, 'gnu');
  c.err(`${p}: ${msg}\nTry '${p} --help' or '${p} --usage' for more information.\n`);
  return 2;
}

/**
 * The traditional first argument without a dash (`tar xvf file`, `tar cf - dir`): each letter an
 * option, the ones taking an argument take the next words in order (GNU tar.c
 * expand_pending_args... old-option style; busybox tar.c moves 'f' last and prepends '-').
 */
function expandOldStyle(argv: readonly string[], withArg: string): string[] {
  const first = argv[1];
  if (first === undefined || first === '' || first.startsWith('-')) return [...argv];
  const out = [argv[0]!];
  let next = 2;
  for (const l of first) {
    out.push(`-${l}`);
    if (withArg.includes(l) && next < argv.length) out.push(argv[next++]!);
  }
  return [...out, ...argv.slice(next)];
}

function parseArgs(c: Ctx, f: Flavor): TarArgs | number {
  const argv = expandOldStyle(c.argv, 'fC');
  const long = {
    create: { key: 'c', arg: 'none' }, extract: { key: 'x', arg: 'none' }, get: { key: 'x', arg: 'none' }, list: { key: 't', arg: 'none' },
    file: { key: 'f', arg: 'required' }, directory: { key: 'C', arg: 'required' }, verbose: { key: 'v', arg: 'none' },
    touch: { key: 'm', arg: 'none' }, 'no-same-permissions': { key: 'P', arg: 'none' }, 'same-permissions': { key: 'p', arg: 'none' },
    'preserve-permissions': { key: 'p', arg: 'none' }, 'no-same-owner': { key: 'o', arg: 'none' }, 'same-owner': { key: 'O', arg: 'none' },
  } as const;
  // GNU tar.c options[]; busybox tar.c getopt32 "txC:f:Oopvkchm" and tar_longopts
  const r = getopt(argv, f === 'gnu' ? { short: 'ctxf:C:vmpo', long } : { short: 'ctxf:C:vmpok', long }, libcOf(c, f));
  if (isOptError(r)) {
    if (f === 'gnu') return gnuUsageError(c, r.error);
    c.err(`${progName(c, f)}: ${r.error}\n`);
    return busyboxUsage(c, progName(c, f));
  }
  const ops = [...new Set(r.opts.map(([k]) => k).filter((k) => 'ctx'.includes(k)))] as TarArgs['op'][];
  if (ops.length !== 1) {
    // busybox: getopt32 "c:t:x:" one required, "c--tx:t--cx:x--ct" exclusive → bb_show_usage
    if (f === 'busybox') return busyboxUsage(c, progName(c, f));
    // GNU tar.c set_subcommand_option / decode_options
    return gnuUsageError(c, ops.length ? "You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option"
      : "You must specify one of the '-Acdtrux', '--delete' or '--test-label' options");
  }
  const last = (k: string): string | undefined => r.opts.filter(([x]) => x === k).pop()?.[1];
  const verbose = r.opts.filter(([k]) => k === 'v').length;
  return {
    op: ops[0]!, file: last('f') ?? '-', dir: last('C'), names: r.args,
    // root's tar restores modes unless told not to (GNU same_permissions_option, busybox ARCHIVE_DONT_RESTORE_PERM)
    verbose, samePermissions: !r.opts.some(([k]) => k === 'P'),
  };
}

// ---------- create ----------

interface Created {
  archive: string;
  ok: boolean;
}

function createArchive(c: Ctx, f: Flavor, v: Voice, a: TarArgs, base: string, verboseOut: (s: string) => void): Created {
  let archive = '';
  let ok = true;
  const warned = new Set<string>();
  const add = (member: string, path: string): void => {
    const st = statOf(c.fs, path);
    if (typeof st === 'string') {
      // GNU misc.c stat_diag: "%s: Cannot stat"; busybox recursive_action: bb_simple_perror_msg(fileName)
      v.warn(c, f === 'gnu' ? `${member}: Cannot stat: ${strerror(st)}` : `${member}: ${strerror(st)}`);
      ok = false;
      return;
    }
    const { name, removed } = stripLeadingSlashes(member);
    if (removed && !warned.has(removed) && (f === 'gnu' || !warned.size)) {
      warned.add(removed);
      // GNU names.c safer_name_suffix: "Removing leading `%s' from member names";
      // busybox unsafe_prefix.c strip_unsafe_prefix: "removing leading '%.*s' from member names", once
      v.warn(c, f === 'gnu' ? `Removing leading \`${removed}' from member names` : `removing leading '${removed}' from member names`);
    }
    const dir = st.type === 'dir';
    const entryName = dir && !name.endsWith('/') ? `${name}/` : name;
    let text = '';
    if (!dir) {
      const r = readText(c, path);
      if (!r.ok) {
        // GNU create.c dump_file0 open_diag: "%s: Cannot open"; busybox open_or_warn: "can't open '%s'"
        v.warn(c, f === 'gnu' ? `${member}: Cannot open: ${strerror(r.code)}` : `can't open '${member}': ${strerror(r.code)}`);
        ok = false;
        return;
      }
      text = r.text;
    }
    archive += encodeEntry({
      name: entryName, type: dir ? 'dir' : 'file', mode: st.mode, mtime: Math.floor(st.mtimeMs / 1000),
      uid: 0, gid: 0, uname: 'root', gname: 'root', text,
    });
    if (a.verbose) verboseOut(`${entryName}\n`);
    if (dir) for (const child of [...c.fs.readdir(path)].sort()) add(`${member.replace(/\/+$/, '')}/${child}`, `${path}/${child}`);
  };
  // busybox tar.c: kill trailing '/' unless the name is just "/"
  for (const n of a.names) add(f === 'busybox' && n.length > 1 ? n.replace(/\/+$/, '') : n, resolvePath(base, n));
  return { archive: archive + endOfArchive(), ok };
}

// ---------- extract and list ----------

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** `tar tv` lines: GNU list.c print_header (its width for owner/size only grows), busybox header_verbose_list. */
function longLister(f: Flavor): (e: TarEntry) => string {
  let ugswidth = 19;
  return (e) => {
    const d = new Date(e.mtime * 1000);
    const date = `${d.getUTCFullYear()}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())} ${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}`;
    const user = e.uname || String(e.uid);
    const group = e.gname || String(e.gid);
    const size = String(e.type === 'dir' ? 0 : utf8Encode(e.text).length);
    const mode = modeString(e.type, e.mode);
    if (f === 'busybox') return `${mode} ${user}/${group} ${size.padStart(9)} ${date}:${pad2(d.getUTCSeconds())} ${e.name}\n`;
    const pad = user.length + 1 + group.length + 1 + size.length;
    if (pad > ugswidth) ugswidth = pad;
    return `${mode} ${user}/${group} ${size.padStart(ugswidth - pad + size.length)} ${date} ${e.name}\n`;
  };
}

/** A member is selected by its own name or a directory above it (GNU names.c, busybox find_list_entry). */
function selects(pattern: string, name: string): boolean {
  const p = pattern.replace(/\/+$/, '');
  const n = name.replace(/\/+$/, '');
  return n === p || n.startsWith(`${p}/`);
}

function readError(c: Ctx, f: Flavor, v: Voice, err: TarReadError, size: number, seen: number): number {
  if (f === 'busybox') {
    // busybox get_header_tar.c: "short read", "invalid tar magic", "invalid tar header checksum"
    const msg = err === 'empty' || err === 'truncated' ? 'short read' : err === 'checksum' ? 'invalid tar header checksum' : 'invalid tar magic';
    return v.fatal(c, msg);
  }
  // GNU buffer.c / list.c read_and: "Unexpected EOF in archive" is fatal; a bad header skips on
  if (err === 'truncated') return v.fatal(c, 'Unexpected EOF in archive');
  if (!seen) v.warn(c, 'This does not look like a tar archive');
  if (size >= 512) v.warn(c, 'Skipping to next header');
  return v.finish(c, 'x');
}

function extractEntry(c: Ctx, f: Flavor, v: Voice, base: string, e: TarEntry, a: TarArgs): boolean {
  const target = resolvePath(base, e.name);
  const umask = 0o022;
  const mode = a.samePermissions ? e.mode : e.mode & ~umask;
  try {
    if (e.type === 'dir') {
      if (statOf(c.fs, target) === 'ENOENT') c.fs.mkdir(target, { recursive: true, mode });
      c.fs.chmod(target, mode);
      return true;
    }
    // GNU extract.c / busybox ARCHIVE_CREATE_LEADING_DIRS: missing parent directories are made
    const parent = target.slice(0, target.lastIndexOf('/')) || '/';
    if (statOf(c.fs, parent) === 'ENOENT') c.fs.mkdir(parent, { recursive: true });
    c.fs.writeFile(target, e.text, { mode });
    c.fs.chmod(target, mode);
    return true;
  } catch (err) {
    const code = errCode(err);
    const name = e.name.replace(/\/$/, '');
    // GNU extract.c open_error / mkdir_error: "%s: Cannot open", "%s: Cannot mkdir";
    // busybox data_extract_all.c: "can't make dir %s", xopen "can't open '%s'"
    if (f === 'gnu') v.warn(c, `${name}: ${e.type === 'dir' ? 'Cannot mkdir' : 'Cannot open'}: ${strerror(code)}`);
    else v.warn(c, e.type === 'dir' ? `can't make dir ${name}: ${strerror(code)}` : `can't open '${name}': ${strerror(code)}`);
    return false;
  }
}

function readMembers(c: Ctx, f: Flavor, v: Voice, a: TarArgs, archive: string, base: string): number {
  const { entries, error } = readArchive(archive);
  const list = longLister(f);
  const found = new Set<string>();
  let ok = true;
  let warned = false;
  for (const raw of entries) {
    if (a.names.length) {
      const hit = a.names.find((n) => selects(n, raw.name));
      if (hit === undefined) continue;
      found.add(hit);
    }
    const { name, removed } = stripLeadingSlashes(raw.name);
    if (removed && !warned) {
      warned = true;
      // the same messages as on create (GNU names.c safer_name_suffix, busybox strip_unsafe_prefix)
      v.warn(c, f === 'gnu' ? `Removing leading \`${removed}' from member names` : `removing leading '${removed}' from member names`);
    }
    const e = { ...raw, name };
    if (a.op === 't') c.out(a.verbose ? list(e) : `${e.name}\n`);
    else {
      if (a.verbose) c.out(a.verbose > 1 ? list(e) : `${e.name}\n`);
      if (!extractEntry(c, f, v, base, e, a)) {
        ok = false;
        if (f === 'busybox') return 1;
      }
    }
  }
  if (error) return readError(c, f, v, error, archive.length, entries.length);
  for (const n of a.names) {
    if (found.has(n)) continue;
    // GNU names.c names_notfound: "%s: Not found in archive"; busybox tar.c: "%s: not found in archive"
    if (f === 'busybox') return v.fatal(c, `${n}: not found in archive`);
    v.warn(c, `${n}: Not found in archive`);
    ok = false;
  }
  return ok ? 0 : v.finish(c, a.op);
}

// ---------- the command ----------

function runTar(c: Ctx, f: Flavor, stdin: string): number {
  const v = f === 'gnu' ? gnuVoice : busyboxVoice;
  const a = parseArgs(c, f);
  if (typeof a === 'number') return a;
  let base = c.cwd;
  if (a.dir !== undefined) {
    base = resolvePath(c.cwd, a.dir);
    const st = statOf(c.fs, base);
    const code = typeof st === 'string' ? st : st.type !== 'dir' ? 'ENOTDIR' : undefined;
    // GNU misc.c chdir_do → open_fatal "%s: Cannot open"; busybox xchdir: "can't change directory to '%s'"
    if (code) return v.fatal(c, f === 'gnu' ? `${a.dir}: Cannot open: ${strerror(code)}` : `can't change directory to '${a.dir}': ${strerror(code)}`);
  }
  if (a.op === 'c') {
    if (!a.names.length) {
      // GNU tar.c: "Cowardly refusing to create an empty archive"; busybox tar.c: "empty archive"
      return f === 'gnu' ? gnuUsageError(c, 'Cowardly refusing to create an empty archive') : v.fatal(c, 'empty archive');
    }
    // verbose names go to stderr when the archive is stdout (GNU tar.c stdlis, busybox writeFileToTarball)
    const toStdout = a.file === '-';
    const made = createArchive(c, f, v, a, base, (s) => (toStdout ? c.err(s) : c.out(s)));
    if (toStdout) c.out(made.archive);
    else {
      try {
        c.fs.writeFile(resolvePath(c.cwd, a.file), made.archive);
      } catch (e) {
        return v.fatal(c, f === 'gnu' ? `${a.file}: Cannot open: ${strerror(errCode(e))}` : `can't open '${a.file}': ${strerror(errCode(e))}`);
      }
    }
    return made.ok ? 0 : v.finish(c, 'c');
  }
  let archive = stdin;
  if (a.file !== '-') {
    const r = readText(c, a.file);
    // GNU buffer.c open_archive → open_fatal; busybox xopen: "can't open '%s'"
    if (!r.ok) return v.fatal(c, f === 'gnu' ? `${a.file}: Cannot open: ${strerror(r.code)}` : `can't open '${a.file}': ${strerror(r.code)}`);
    archive = r.text;
  }
  return readMembers(c, f, v, a, archive, base);
}

/** Whether a tar command line reads stdin: extract or list with `-f -` (or no -f at all). */
function tarReadsStdin(argv: readonly string[]): boolean {
  const a = expandOldStyle(argv, 'fC');
  let file = '-';
  let create = false;
  for (let i = 1; i < a.length; i++) {
    const w = a[i]!;
    if (w === '--create') create = true;
    if (w.startsWith('--file=')) file = w.slice(7);
    else if (w === '--file') file = a[++i] ?? '-';
    else if (/^-[^-]/.test(w)) {
      for (let j = 1; j < w.length; j++) {
        if (w[j] === 'c') create = true;
        if (w[j] !== 'f' && w[j] !== 'C') continue;
        const arg = w.slice(j + 1) || a[++i] || '';
        if (w[j] === 'f') file = arg;
        break;
      }
    }
  }
  return !create && file === '-';
}

export function tarCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c, stdin) => runTar(c, f, stdin), tarReadsStdin);
}
