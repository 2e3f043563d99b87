// The contracts executables implement. A container's executables are files in its filesystem whose
// text names a registered command (programFile below), found through $PATH and exec'd by the kernel.
//
// Two shapes:
// - SimpleCommand: a synchronous function of (argv, stdin, env, cwd, fs) that writes its output and
//   returns an exit code at once (cat, echo, date, ls, ...). No state to snapshot.
// - Program: an event-driven state machine for anything that waits (sleep, a shell, nginx). Its whole
//   state lives in `p.state` as JSON-able data, so the process can be snapshotted at any event
//   boundary and continued after a restore. The program object itself is stateless code.
import type { SeededRandom } from '../../../shared/random';
import type { Credentials } from './credentials';
import type { ExitStatus, ListeningSocket, ProcEvent, ProcessInfo, SignalDisposition, SignalName, Vfs } from './types';
import type { HttpOutcome, HttpRequest } from '../commands/network';

/** Why listen(2) failed. */
export type ListenErrno = 'EADDRINUSE' | 'EADDRNOTAVAIL' | 'EACCES';

/** One connection to a port a process listens on, with the request it carries (HTTP only). */
export interface Connection {
  /** the address and port the client connected to (the pod IP, 127.0.0.1, ...) */
  localIp: string;
  localPort: number;
  remoteIp: string;
  remotePort: number;
  /** the request, when the client speaks HTTP; absent for a bare TCP connect (tcpSocket probe) */
  request?: HttpRequest;
}

/** Why spawn/exec failed (execve(2) errno); the caller words the error in its own dialect. */
export type ExecErrno = 'ENOENT' | 'EACCES' | 'ENOEXEC' | 'ENOTDIR' | 'ELOOP';

export interface ExecError {
  errno: ExecErrno;
  path: string;
}

export function isExecError(x: unknown): x is ExecError {
  return typeof x === 'object' && x !== null && 'errno' in x;
}

/** How a process opens a file (open(2) flags boiled down). */
export type OpenMode = 'r' | 'w' | 'a' | 'rw';

/** open() failed: an FsError code (ENOENT, EISDIR, ENOTDIR, EACCES, EROFS, ...) and the path. */
export interface OpenError {
  code: string;
  path: string;
}

export interface SpawnOptions {
  /** absolute path of the executable in the process's filesystem (the caller searched $PATH) */
  path: string;
  argv: readonly string[];
  /** default: the caller's environment */
  env?: Record<string, string>;
  /** default: the caller's working directory */
  cwd?: string;
  /**
   * The child's descriptors: index = child fd, value = the caller's fd to share (or null: closed).
   * Default [0, 1, 2]: stdin/stdout/stderr are inherited, nothing else (the rest is close-on-exec).
   */
  fds?: (number | null)[];
}

export interface RunResult {
  pid: number;
  /** set when the command has finished already */
  status?: ExitStatus;
  /** captured stdout ('' unless captureStdout) */
  out: string;
}

export interface ForkOptions<S> {
  /** the child's program state (a copy: the child must not share objects with the parent) */
  state: S;
  /** what `ps` shows; default the parent's argv */
  argv?: readonly string[];
  env?: Record<string, string>;
  cwd?: string;
  /** default: every open fd of the parent, as fork(2) does */
  fds?: (number | null)[];
}

/**
 * The process as its program sees it: the system calls. Handed to Program.start/event; valid only
 * during that call (keep nothing from it in state but numbers and strings).
 */
export interface Proc<S = unknown> {
  readonly pid: number;
  readonly ppid: number;
  readonly argv: readonly string[];
  /** the environment the process was exec'd with (programs may change their own copy) */
  env: Record<string, string>;
  cwd: string;
  /** who the process runs as (getuid, getgid, getgroups) */
  readonly cred: Credentials;
  readonly fs: Vfs;
  /** the program's state: JSON-able (or convertible with Program.save/load) */
  state: S;
  /** the PID namespace (one per container, or per pod with shareProcessNamespace) */
  readonly ns: string;
  /** whether the process is still alive (false after exit(), or once a signal has killed it) */
  readonly alive: boolean;

  now(): number;
  /** the engine's seeded random source ($RANDOM, mktemp, ...) */
  readonly random: SeededRandom;

  // ---- descriptors ----
  /**
   * Write to fd. Returns false when the write failed (EBADF, or EPIPE: no reader left, which also
   * sends SIGPIPE) or when the pipe is now full: then wait for `writable` before writing more.
   */
  write(fd: number, data: string): boolean;
  /**
   * Read from fd: all that is available ('all'), or up to and including the next newline ('line').
   * Returns the text, '' at end-of-file, or null when it would block (then waitReadable).
   */
  read(fd: number, mode?: 'all' | 'line'): string | null;
  /** One `readable` event when fd has data or end-of-file (at once if it has already). */
  waitReadable(fd: number): void;
  /** One `writable` event when the pipe behind fd has room again. */
  waitWritable(fd: number): void;
  /** Whether a write to fd would block (a full pipe). */
  writeBlocked(fd: number): boolean;
  /** open(2): the new fd (the lowest free one, at least `minFd`), or the failure. */
  open(path: string, mode: OpenMode, minFd?: number): number | OpenError;
  /** A pipe: [read fd, write fd], the lowest free fds at least `minFd`. */
  pipe(minFd?: number): [number, number];
  close(fd: number): void;
  /** dup2(2): make `to` share what `from` refers to. */
  dup2(from: number, to: number): boolean;
  /** fcntl(F_DUPFD): a copy of `fd` on the lowest free fd ≥ minFd, or -1 if fd is not open. */
  dup(fd: number, minFd?: number): number;
  isOpen(fd: number): boolean;
  /** What fd refers to, for `ls -l /proc/self/fd` and for shells deciding how to read. */
  describe(fd: number): 'file' | 'pipe' | 'null' | 'zero' | 'sink' | undefined;
  /** isatty(3): fd reads from a terminal (the stdin of a container or exec session with a tty). */
  isatty(fd: number): boolean;

  // ---- time ----
  /** A `timer` event after `ms` of virtual time, carrying `data`. Returns its id. */
  setTimer(ms: number, data?: unknown): number;
  clearTimer(id: number): void;
  /**
   * The program has been computing for `ms` of virtual time and is still runnable (a busy loop
   * yielding the engine): a `timer` event with `data` comes after `ms`, and until then the process
   * counts as running flat out, one core of CPU demand (`ps` state R). Returns the timer's id.
   */
  yieldCpu(ms: number, data?: unknown): number;

  // ---- processes ----
  /** fork+exec in one: the child's pid, or why exec failed (nothing was created then). */
  spawn(opts: SpawnOptions): number | ExecError;
  /**
   * spawn, except that a SimpleCommand that need not wait for stdin runs to completion at once,
   * without a process record (nobody could see it running anyway): the result then has its
   * status, and its stdout when `captureStdout` (a command substitution). Otherwise the command
   * was spawned and `status` is absent (a `child` event follows; `captureStdout` is ignored).
   */
  run(opts: SpawnOptions & { captureStdout?: boolean }): RunResult | ExecError;
  /**
   * run with stdout redirected to the file `file` (`>` truncates it first, `>>` appends; the path
   * as the caller would open it), for a caller whose fds are just 0, 1 and 2 (a shell's
   * `date >> log`): the file is opened without a descriptor, which nothing could see while a
   * SimpleCommand runs inline. Undefined when that cannot be done (a command that must be spawned
   * or wait for stdin, a file that will not open): the caller then opens the file and runs the
   * command the general way, which also reports any error.
   */
  runToFile(opts: SpawnOptions, file: string, append: boolean): RunResult | ExecError | undefined;
  /** fork(2) for programs that clone themselves (a shell running a subshell). */
  fork(opts: ForkOptions<S>): number;
  /**
   * execve(2): replace this process's program (same pid and fds; caught signals reset to default).
   * On success the current program must return at once; its state is gone.
   */
  exec(opts: Omit<SpawnOptions, 'fds' | 'cwd'>): ExecError | undefined;
  /** Reap a child that has exited: its status (the pending `child` event is then dropped). */
  reap(pid: number): ExitStatus | undefined;
  /** kill(2). pid < 0 addresses a process group. Returns false if there was no such process. */
  kill(pid: number, sig: SignalName): boolean;
  /**
   * Caught signals sent to this process while it is running (a shell's `kill -INT $$`) that have
   * not reached `event` yet. They are handed over now and will not be delivered again.
   */
  takeSignals(): SignalName[];
  /** sigaction(2) boiled down. KILL cannot be caught or ignored. */
  setSignal(sig: SignalName, disposition: SignalDisposition): void;
  signalDisposition(sig: SignalName): SignalDisposition;
  /** setgroups+setgid+setuid (gosu, nginx's workers dropping root): EPERM unless the process is root. */
  setCredentials(cred: Credentials): 'EPERM' | undefined;
  /** Terminate with an exit code (0–255). */
  exit(code: number): void;
  /** The processes of this PID namespace, by pid (`ps`). */
  processes(): ProcessInfo[];
  /** Report resident memory (the memory model charges it to the container; crossing its limit is an OOM kill). */
  setRss(bytes: number): void;
  /** Report CPU demand in millicores (a busy loop: 1000); the container's limit throttles it. */
  setCpu(millicores: number): void;

  // ---- sockets ----
  /**
   * socket+bind+listen on a TCP port of the process's network namespace (`host` '' or '0.0.0.0':
   * every address). Connections then arrive through Program.serve. Closed when the process exits.
   */
  /** bind(2)+listen(2); `dualStack`: on :: for IPv4 and IPv6 at once, as Go and Node do for `:port` */
  listen(port: number, host?: string, dualStack?: boolean): ListenErrno | undefined;
  /** Close a listening socket. */
  unlisten(port: number): void;
}

/** An event-driven executable. See the README for a worked example. */
export interface Program<S = unknown> {
  readonly kind: 'program';
  /** The process was exec'd: argv/env/cwd/fds are set, p.state is undefined. */
  start(p: Proc<S>): void;
  /** Something the program waits for happened. */
  event(p: Proc<S>, ev: ProcEvent): void;
  /**
   * A client connected to a port this process listens on. Answer at once: the HTTP exchange's
   * outcome (a response, or `reset`/`closed`). Runs like an event: writes (an access log) and
   * state changes are allowed; without serve, a connection is accepted and closed at once.
   */
  serve?(p: Proc<S>, conn: Connection): HttpOutcome;
  /** Live state → JSON for a snapshot (default: the state as is, which must then be JSON). */
  save?(state: S): unknown;
  /** JSON from a snapshot → live state (default: as is). */
  load?(json: unknown): S;
  /**
   * Every timer the program sets ends it with status 0, and its `event` says nothing else about
   * timers (sleep): the kernel then ends it when the timer fires, without calling it.
   */
  readonly exitsOnTimer?: boolean;
}

/** What a SimpleCommand gets: a synchronous world. */
export interface SimpleIO {
  readonly argv: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd: string;
  readonly cred: Credentials;
  readonly fs: Vfs;
  /** everything on stdin up to end-of-file ('' unless readsStdin said yes) */
  readonly stdin: string;
  stdout(data: string): void;
  stderr(data: string): void;
  now(): number;
  readonly random: SeededRandom;
  readonly pid: number;
  /** the processes of the caller's PID namespace (`ps`) */
  processes(): ProcessInfo[];
  /** the listening sockets of the caller's network namespace, in the order they were opened (`netstat`) */
  sockets(): ListeningSocket[];
}

/** A command that finishes at once. It runs when its stdin has reached end-of-file, if it reads it. */
export interface SimpleCommand {
  readonly kind: 'simple';
  /** Whether this invocation reads standard input (default: no). */
  readsStdin?(argv: readonly string[]): boolean;
  /** Returns the exit status. */
  run(io: SimpleIO): number;
}

/** One binary, many names (busybox): picks the command from argv[0]'s basename. */
export interface MulticallCommand {
  readonly kind: 'multicall';
  applet(name: string): Command | undefined;
}

export type Command = Program<never> | Program<unknown> | SimpleCommand | MulticallCommand;

/** Commands by the name a program file carries. Look-ups must be stable across snapshots. */
export class CommandRegistry {
  private readonly commands = new Map<string, Command>();

  register(name: string, command: Command): this {
    this.commands.set(name, command);
    return this;
  }

  get(name: string): Command | undefined {
    return this.commands.get(name);
  }

  has(name: string): boolean {
    return this.commands.has(name);
  }

  names(): string[] {
    return [...this.commands.keys()].sort();
  }
}

// ---- executable files ----

/** An ELF header as the first bytes: `cat /bin/ls` shows binary garbage, as it would. */
const ELF_MAGIC = '\x7fELF\x02\x01\x01';
const MARK = '\0podlab-exec:';

/** The content of an executable file that runs the registered command `name`. */
export function programFile(name: string): string {
  return `${ELF_MAGIC}${MARK}${name}\n`;
}

/** The command name an executable file names, or undefined when it is not a Podlab binary. */
export function programOf(content: string): string | undefined {
  if (!content.startsWith(ELF_MAGIC)) return undefined;
  const at = content.indexOf(MARK, ELF_MAGIC.length);
  if (at < 0) return undefined;
  const end = content.indexOf('\n', at);
  return content.slice(at + MARK.length, end < 0 ? undefined : end);
}

/** Whether content starts like an ELF binary (exec'ing an unknown one fails with ENOEXEC). */
export function isElf(content: string): boolean {
  return content.startsWith('\x7fELF');
}

/** Exit status and the rest, for callers that only look at the code. */
export type { ExitStatus };
