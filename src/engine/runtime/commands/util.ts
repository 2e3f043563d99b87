// What every command needs: one context shape for SimpleCommands and Programs alike, file access
// with errno codes and the special device files, the quoting GNU coreutils applies to file names,
// human-readable sizes, mode strings. Output wording lives with each command; this file only
// holds the shared mechanics.
import type { SeededRandom } from '../../../shared/random';
import { resolvePath } from '../fs/path';
import type { Credentials } from '../process/credentials';
import type { Proc, SimpleCommand, SimpleIO } from '../process/program';
import type { ProcessInfo, Vfs } from '../process/types';
import { strerrorOf } from '../shell/dialect';

/** Whose wording a command uses: GNU (coreutils, procps, grep, sed, ...) or busybox applets. */
export type Flavor = 'gnu' | 'busybox';

/** A command's view of the world, whether it runs as a SimpleCommand or as a Program. */
export interface Ctx {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  /** who the command runs as (id, whoami) */
  readonly cred: Credentials;
  readonly fs: Vfs;
  readonly random: SeededRandom;
  readonly pid: number;
  now(): number;
  out(s: string): void;
  err(s: string): void;
  processes(): ProcessInfo[];
  /** Whether stdout is a terminal (ls columns, curl's progress meter, apt's "... Done"). */
  readonly tty: boolean;
}

/**
 * Whether stdout is a terminal. Podlab has no tty flag on descriptors yet, so a terminal is an
 * output sink (not a file or pipe) in an environment with TERM set, which is what a container
 * started with `tty: true` or `kubectl exec -t` gets (containerd adds TERM=xterm).
 */
export function isTerminal(kind: string | undefined, env: Readonly<Record<string, string>>): boolean {
  return kind === 'sink' && !!env.TERM && env.TERM !== 'dumb';
}

/** A SimpleIO as a Ctx. SimpleIO cannot tell what stdout is: a terminal only with TERM set. */
export function ctxOfSimple(io: SimpleIO): Ctx {
  const tty = 'isatty' in io && typeof (io as { isatty?: unknown }).isatty === 'function'
    ? (io as unknown as { isatty(fd: number): boolean }).isatty(1)
    : false;
  return {
    argv: io.argv, env: io.env, cwd: io.cwd, cred: io.cred, fs: io.fs, random: io.random, pid: io.pid,
    now: () => io.now(), out: (s) => io.stdout(s), err: (s) => io.stderr(s), processes: () => io.processes(), tty,
  };
}

/** A running Program's Proc as a Ctx (output goes to fds 1 and 2). */
export function ctxOfProc(p: Proc<unknown>): Ctx {
  return {
    argv: p.argv, env: p.env, cwd: p.cwd, cred: p.cred, fs: p.fs, random: p.random, pid: p.pid,
    now: () => p.now(), out: (s) => void p.write(1, s), err: (s) => void p.write(2, s), processes: () => p.processes(),
    tty: isTerminal(p.describe(1), p.env),
  };
}

/** A SimpleCommand from a function of a Ctx (and stdin, when `readsStdin` says it reads it). */
export function simpleCommand(run: (c: Ctx, stdin: string) => number, readsStdin?: (argv: readonly string[]) => boolean): SimpleCommand {
  return { kind: 'simple', run: (io) => run(ctxOfSimple(io), io.stdin), readsStdin };
}

/** A Program that does all its work at start (it needs a Proc: its pid namespace, kill, exec). */
export function instantProgram(run: (p: Proc<unknown>, c: Ctx) => number | undefined): import('../process/program').Program<unknown> {
  return {
    kind: 'program',
    start(p) {
      const code = run(p, ctxOfProc(p));
      if (code !== undefined && p.alive) p.exit(code);
    },
    event() {},
  };
}

// ---------- errors ----------

/** The errno name of a thrown filesystem error (FsError or anything with a string `code`). */
export function errCode(e: unknown): string {
  const code = (e as { code?: unknown }).code;
  return typeof code === 'string' ? code : 'EIO';
}

/** glibc strerror(3) text for an errno name, as coreutils and busybox print it. */
export function strerror(code: string): string {
  if (code === 'EIO') return 'Input/output error';
  if (code === 'EXDEV') return 'Invalid cross-device link';
  return strerrorOf(code);
}

// ---------- files ----------

/** Device files every container has, whatever its image put in /dev. */
export type DeviceKind = 'null' | 'zero' | 'urandom' | 'stdin' | 'stdout' | 'stderr';

export function deviceOf(path: string): DeviceKind | undefined {
  switch (path) {
    case '/dev/null': return 'null';
    case '/dev/zero': return 'zero';
    case '/dev/random':
    case '/dev/urandom': return 'urandom';
    case '/dev/stdin':
    case '/dev/fd/0':
    case '/proc/self/fd/0': return 'stdin';
    case '/dev/stdout':
    case '/dev/fd/1':
    case '/proc/self/fd/1': return 'stdout';
    case '/dev/stderr':
    case '/dev/fd/2':
    case '/proc/self/fd/2': return 'stderr';
    default: return undefined;
  }
}

export type ReadResult = { ok: true; text: string } | { ok: false; code: string };

/** Read a whole regular file (or /dev/null), resolving `name` against the working directory. */
export function readText(c: Pick<Ctx, 'fs' | 'cwd'>, name: string): ReadResult {
  const path = resolvePath(c.cwd, name);
  if (deviceOf(path) === 'null') return { ok: true, text: '' };
  try {
    return { ok: true, text: c.fs.readFile(path) };
  } catch (e) {
    return { ok: false, code: errCode(e) };
  }
}

/** stat(2) that reports failure as an errno name instead of throwing. */
export function statOf(fs: Vfs, path: string): ReturnType<Vfs['stat']> | string {
  try {
    return fs.stat(path);
  } catch (e) {
    return errCode(e);
  }
}

export function abs(c: Pick<Ctx, 'cwd'>, p: string): string {
  return resolvePath(c.cwd, p);
}

// ---------- quoting (gnulib quotearg) ----------

// gnulib quotearg.c: characters that make shell_escape_quoting_style quote a name
const SHELL_SPECIAL = /[\s!"#$&'()*;<=>?[\\\]^`{|}~]/;

/**
 * coreutils quoteaf(): shell_escape_always_quoting_style, the quoting of names in messages like
 * `cannot access '/x'`. Single quotes, or double quotes when the name holds a single quote.
 */
export function quoteaf(s: string): string {
  if (s.includes("'") && !/["$`\\]/.test(s)) return `"${s}"`;
  return `'${s.replace(/'/g, "'\\''")}'`;
}

/** coreutils quotef(): shell_escape_quoting_style, quoting only when the name needs it. */
export function quotef(s: string): string {
  if (s !== '' && !SHELL_SPECIAL.test(s)) return s;
  return quoteaf(s);
}

/** coreutils quote(): locale quoting, 'x' in the C locale. */
export function quote(s: string): string {
  return `'${s}'`;
}

// ---------- sizes ----------

/** st_blocks (512-byte units) of a file on ext4/overlay: whole 4 KiB blocks. */
export function blocks512(size: number, dir: boolean): number {
  if (dir) return 8;
  return Math.ceil(size / 4096) * 8;
}

/**
 * gnulib human_readable with -h (human_autoscale|human_SI off|human_ceiling): one decimal below
 * 10 (`4.0K`), none above (`12K`), rounding up; units K M G T.
 */
export function humanGnu(bytes: number): string {
  if (bytes < 1024) return String(bytes);
  const units = ['K', 'M', 'G', 'T', 'P', 'E'];
  let v = bytes;
  let u = -1;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (v < 10) {
    const r = Math.ceil(v * 10 - 1e-9) / 10;
    if (r >= 10) return `10${units[u]}`;
    return `${r.toFixed(1)}${units[u]}`;
  }
  const r = Math.ceil(v - 1e-9);
  if (r >= 1024 && u < units.length - 1) return `1.0${units[u + 1]}`;
  return `${r}${units[u]}`;
}

/** libbb make_human_readable_str(val, 1, 0): always one decimal once scaled (`4.0K`, `12.0K`). */
export function humanBusybox(bytes: number, fraction = true): string {
  if (bytes === 0) return '0';
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E'];
  let v = bytes;
  let frac = 0;
  let u = 0;
  if (v < 1024) return String(v);
  while (v >= 1024) {
    frac = Math.floor(((v % 1024) * 10 + 512) / 1024);
    v = Math.floor(v / 1024);
    u++;
  }
  if (frac >= 10) {
    v++;
    frac = 0;
  }
  if (!fraction) return `${frac >= 5 ? v + 1 : v}${units[u]}`;
  return `${v}.${frac}${units[u]}`;
}

// ---------- modes ----------

/** `drwxr-xr-x` / `-rw-r--r--` (gnulib filemodestring, busybox bb_mode_string). */
export function modeString(type: 'file' | 'dir', mode: number): string {
  const rwx = (m: number, special: boolean, ch: string): string =>
    `${m & 4 ? 'r' : '-'}${m & 2 ? 'w' : '-'}${special ? (m & 1 ? ch : ch.toUpperCase()) : m & 1 ? 'x' : '-'}`;
  return (
    (type === 'dir' ? 'd' : '-') +
    rwx((mode >> 6) & 7, (mode & 0o4000) !== 0, 's') +
    rwx((mode >> 3) & 7, (mode & 0o2000) !== 0, 's') +
    rwx(mode & 7, (mode & 0o1000) !== 0, 't')
  );
}

// ---------- misc ----------

export function padLeft(s: string | number, w: number): string {
  return String(s).padStart(w, ' ');
}

export function padRight(s: string | number, w: number): string {
  return String(s).padEnd(w, ' ');
}

/** The lines of a text, each with its newline (the last may lack one). */
export function splitLines(text: string): string[] {
  if (!text) return [];
  const out = text.split('\n').map((l) => `${l}\n`);
  const last = out.pop()!;
  if (last !== '\n') out.push(last.slice(0, -1));
  return out;
}

/** Look `name` up on $PATH like execvp(3): the first executable regular file. */
export function searchPath(fs: Vfs, env: Readonly<Record<string, string>>, name: string, all = false): string[] {
  if (name.includes('/')) return isExecutable(fs, name) ? [name] : [];
  const found: string[] = [];
  const path = env.PATH ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
  for (const dir of path.split(':')) {
    const p = `${dir || '.'}/${name}`.replace(/\/+/g, '/');
    if (isExecutable(fs, p)) {
      found.push(p);
      if (!all) break;
    }
  }
  return found;
}

export function isExecutable(fs: Vfs, path: string): boolean {
  const st = statOf(fs, path);
  return typeof st !== 'string' && st.type === 'file' && (st.mode & 0o111) !== 0;
}

/** Parse a non-negative decimal integer; undefined when it is not one. */
export function parseCount(s: string): number | undefined {
  return /^\d+$/.test(s) ? Number(s) : undefined;
}
