// What the kernel keeps: one record per process and a table per PID namespace. Plain data, so a
// kernel snapshot is a JSON copy; the two fields starting with `_` are runtime caches, never saved.
import type { Credentials } from './credentials';
import type { DescriptorState } from './descriptors';
import type { IdTable } from './id-table';
import type { Command, Proc } from './program';
import type { ExitStatus, ProcEvent, SignalName } from './types';

/** One process, as data. */
export interface ProcessRecord {
  ns: string;
  pid: number;
  ppid: number;
  pgid: number;
  argv: readonly string[];
  env: Record<string, string>;
  cwd: string;
  /** uid, gid and supplementary groups: inherited by children, kept across exec */
  cred: Credentials;
  /** the filesystem view (Kernel.attachFs id) */
  fs: string;
  /** fd → open file description id; -1 is a closed fd */
  fds: number[];
  /** registry name of the command; for a multicall binary, `applet` names the command inside it */
  prog: string;
  applet?: string;
  /** 'program': event driven; 'simple': a SimpleCommand waiting for its stdin to reach end-of-file */
  kind: 'program' | 'simple';
  state: unknown;
  zombie: boolean;
  exit?: ExitStatus;
  /** pending clock task ids */
  timers: number[];
  /** signals not at their default disposition */
  sig: Partial<Record<SignalName, 'ignore' | 'catch'>>;
  /** bumped by exec: events meant for the previous program are dropped */
  gen: number;
  /** started from outside (the runtime): its exit goes to the kernel listener */
  top: boolean;
  startedAt: number;
  rss: number;
  /** CPU demand in millicores, as the program reported it (Proc.setCpu) */
  cpu: number;
  /** the pending timer of a Proc.yieldCpu: the process is runnable, using a whole core, until it fires */
  spin?: number;
  /** listening TCP sockets: port and bound address ('' = every address) */
  /** `dual`: an IPv6 socket on :: that takes IPv4 too (Go's and Node's `:8080`), listed in /proc/net/tcp6 */
  listens?: { port: number; host: string; dual?: true }[];
  /** runtime caches, never snapshotted: the resolved command and the Proc handle */
  _cmd?: Command;
  _h?: Proc<unknown>;
}

/** What /proc shows of a process: its record, or what a SimpleCommand run inline has of one. */
export type TaskView = Pick<ProcessRecord, 'ns' | 'pid' | 'ppid' | 'pgid' | 'argv' | 'env' | 'cwd' | 'cred' | 'fs' | 'fds' | 'zombie' | 'startedAt'>;

export interface PidNamespace {
  id: string;
  nextPid: number;
  /** the live records, in PID order */
  procs: IdTable<ProcessRecord>;
}

/** What a program is handed: the events of program.ts, and `start` for a new program. */
export type KernelEvent = ProcEvent | { type: 'start' };

/** Standard streams for a process started from outside: an existing description, /dev/null, or a sink. */
export type StdioSpec = number | 'null' | { sink: string; stream: 'stdout' | 'stderr' };

export interface KernelSpawnOptions {
  ns: string;
  fs: string;
  path: string;
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
  /** who it runs as (a container's user); default root with its /etc/group memberships */
  cred?: Credentials;
  /** fds 0, 1, 2 (and more if given); default null, null, null */
  stdio?: StdioSpec[];
}

export interface KernelListener {
  /** A process started from outside (Kernel.spawn) has exited: a container's PID 1, an exec session. */
  processExited?(ns: string, pid: number, status: ExitStatus): void;
  /**
   * The PID namespaces that share `ns`'s network namespace, `ns` included (a pod's containers):
   * one port space. Default: [ns].
   */
  netPeers?(ns: string): readonly string[];
  /**
   * A process reported new memory or CPU usage (Proc.setRss/setCpu), or started or stopped
   * running flat out (Proc.yieldCpu): the memory model checks its limit, CPU is charged anew.
   * `fs` is the process's filesystem view, which names its container where a PID namespace is shared.
   */
  usageChanged?(ns: string, pid: number, fs: string): void;
}

export interface KernelState {
  fds: DescriptorState;
  namespaces: { id: string; nextPid: number; procs: ProcessRecord[] }[];
}
