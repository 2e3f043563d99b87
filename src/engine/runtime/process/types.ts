// Plain data shared by the process model: signals, exit statuses, the events a program reacts to,
// and the filesystem view a process sees. Everything here is JSON so a process can be snapshotted.
import type { FsStat } from '../fs/memfs';

/** Linux signals a simulated process can get (x86-64 numbering, signal(7)). */
export type SignalName =
  | 'HUP' | 'INT' | 'QUIT' | 'ABRT' | 'KILL' | 'USR1' | 'SEGV' | 'USR2' | 'PIPE' | 'ALRM' | 'TERM'
  | 'CHLD' | 'CONT' | 'STOP' | 'TSTP' | 'WINCH';

// arch/x86/include/uapi/asm/signal.h
export const SIGNAL_NUMBERS: Readonly<Record<SignalName, number>> = {
  HUP: 1, INT: 2, QUIT: 3, ABRT: 6, KILL: 9, USR1: 10, SEGV: 11, USR2: 12, PIPE: 13, ALRM: 14, TERM: 15,
  CHLD: 17, CONT: 18, STOP: 19, TSTP: 20, WINCH: 28,
};

const BY_NUMBER = new Map<number, SignalName>(
  (Object.entries(SIGNAL_NUMBERS) as [SignalName, number][]).map(([n, v]) => [v, n]),
);

/** `TERM`, `SIGTERM`, `sigterm` or `15` → `TERM`; undefined when unknown. */
export function parseSignal(s: string): SignalName | undefined {
  if (/^\d+$/.test(s)) return BY_NUMBER.get(Number(s));
  const up = s.toUpperCase();
  const name = up.startsWith('SIG') ? up.slice(3) : up;
  return name in SIGNAL_NUMBERS ? (name as SignalName) : undefined;
}

export function signalNumber(sig: SignalName): number {
  return SIGNAL_NUMBERS[sig];
}

export function signalByNumber(n: number): SignalName | undefined {
  return BY_NUMBER.get(n);
}

/**
 * What the kernel does with a signal nobody catches (signal(7) "Standard signals"): most
 * terminate; CHLD, CONT, WINCH are ignored; STOP/TSTP would stop the process, which Podlab
 * does not model (treated as ignored).
 */
export function defaultActionTerminates(sig: SignalName): boolean {
  return !(sig === 'CHLD' || sig === 'CONT' || sig === 'WINCH' || sig === 'STOP' || sig === 'TSTP');
}

/** How a process ended. `code` is what a shell's `$?` and a container's exit code show. */
export interface ExitStatus {
  /** 0–255 for a normal exit; 128 + signal number when killed by a signal (137 for KILL, 143 for TERM) */
  code: number;
  /** set when a signal ended the process */
  signal?: SignalName;
}

export function exitedWith(code: number): ExitStatus {
  return EXITED[code & 0xff]!;
}

/** One status per exit code, shared (statuses are read, never changed): exits are frequent. */
const EXITED: readonly ExitStatus[] = Array.from({ length: 256 }, (_, code) => ({ code }));

export function killedBy(sig: SignalName): ExitStatus {
  // A shell reports a child killed by signal N as 128+N (POSIX "Exit Status for Commands").
  return { code: 128 + SIGNAL_NUMBERS[sig], signal: sig };
}

/** What a signal's arrival does to a process; `catch` delivers a `signal` event to the program. */
export type SignalDisposition = 'default' | 'ignore' | 'catch';

/** Events the kernel delivers to a running program (see Program in program.ts). */
export type ProcEvent =
  /** first event of a process created with Proc.fork(): the state is the parent's copy */
  | { type: 'forked' }
  /** a timer set with Proc.setTimer fired */
  | { type: 'timer'; id: number; data: unknown }
  /** the fd a Proc.waitReadable call named has data or end-of-file */
  | { type: 'readable'; fd: number }
  /** the pipe behind the fd a Proc.waitWritable call named has room again (or lost its reader) */
  | { type: 'writable'; fd: number }
  /** a child exited; the kernel reaps it after this event unless Proc.reap did already */
  | { type: 'child'; pid: number; status: ExitStatus }
  /**
   * a signal whose disposition is `catch`; `from` is si_pid, the sender's PID (absent when the
   * kernel or something outside the namespace sent it: the runtime stopping a container)
   */
  | { type: 'signal'; signal: SignalName; from?: number }
  /** anything another subsystem posts with Kernel.post (networking, memory pressure, ...) */
  | { type: 'message'; topic: string; data: unknown };

/**
 * The filesystem a process sees: the container's root with its mounts. MemFS implements it; the
 * volume layer implements it too (a view that routes paths to mounts). Errors are FsError.
 */
export interface Vfs {
  readFile(path: string): string;
  readdir(path: string): string[];
  stat(path: string): FsStat;
  exists(path: string): boolean;
  writeFile(path: string, data: string, opts?: { mode?: number }): void;
  appendFile(path: string, data: string, opts?: { mode?: number }): void;
  mkdir(path: string, opts?: { recursive?: boolean; mode?: number }): void;
  rm(path: string, opts?: { recursive?: boolean; force?: boolean }): void;
  rename(from: string, to: string): void;
  chmod(path: string, mode: number): void;
  /**
   * open(2) with O_CREAT|O_APPEND: the file itself, to append to (an fd follows its file, not the
   * name). Optional: without it a write appends by path.
   */
  openAppend?(path: string): AppendTarget;
}

/** A file opened for appending (Vfs.openAppend). */
export interface AppendTarget {
  append(data: string): void;
}

/** Where a process's output ends up when it is not a file or pipe: a container log, an exec stream. */
export interface OutputSink {
  write(data: string, stream: 'stdout' | 'stderr'): void;
}

/** What `ps` needs to know about a process. */
/** A listening TCP socket in a network namespace, as /proc/net/tcp(6) and /proc/<pid>/fd show it. */
export interface ListeningSocket {
  port: number;
  /** the bound address: '' (any), '0.0.0.0', '::', or one address */
  host: string;
  /** the owner's PID in the caller's PID namespace; undefined when it lives in another one */
  pid: number | undefined;
  /** the owner's argv (its /proc/<pid>/cmdline) and user */
  argv: readonly string[];
  uid: number;
}

export interface ProcessInfo {
  pid: number;
  ppid: number;
  pgid: number;
  argv: readonly string[];
  /** R running/runnable, S sleeping (waiting on an event), Z zombie */
  state: 'R' | 'S' | 'Z';
  /** virtual epoch ms when it started */
  startedAt: number;
  /** resident memory in bytes, as the program reports it */
  rss: number;
  /** CPU demand in millicores, as the program reports it */
  cpu: number;
  cwd: string;
  /** the user and group it runs as (`ps` USER, /proc/<pid>/status) */
  uid: number;
  gid: number;
}
