// The views a program gets of the kernel: ProcHandle, the Proc of an event-driven program (a thin
// wrapper over its record and the kernel's system calls), and InlineIO, what a SimpleCommand run
// inline by Proc.run sees (no process record: its output goes straight to the fds).
import type { SeededRandom } from '../../../shared/random';
import type { Credentials } from './credentials';
import { flat, type DescriptorTable } from './descriptors';
import type { Kernel } from './kernel';
import type { ProcessRecord, TaskView } from './process-record';
import type {
  ExecError, ForkOptions, ListenErrno, OpenError, OpenMode, Proc, RunResult, SimpleIO, SpawnOptions,
} from './program';
import type { AppendTarget, ExitStatus, ListeningSocket, ProcessInfo, SignalDisposition, SignalName, Vfs } from './types';

/**
 * What a SimpleCommand run inline (Proc.run) sees: its output goes straight to the fds. The kernel
 * keeps one and refills it per run (`begin`): inline runs are synchronous and never nest.
 */
export class InlineIO implements SimpleIO {
  out = '';
  broken = false;
  fs!: Vfs;
  pid = 0;
  argv: readonly string[] = [];
  env: Record<string, string> = {};
  cwd = '/';
  stdin = '';
  get cred(): Credentials { return this.parent.cred; }
  readonly random: SeededRandom;
  private parent!: ProcessRecord;
  private startedAt = 0;
  private outId = -1;
  /** stdout straight into a file (Proc.runToFile) instead of the description outId */
  private outFile: AppendTarget | undefined;
  private errId = -1;
  private capture = false;

  constructor(private readonly k: Kernel, private readonly table: DescriptorTable) {
    this.random = k.random;
  }

  /** Set up for one run of `argv` as `pid`, a child of `parent`, writing to descriptions outId/errId. */
  begin(
    parent: ProcessRecord, pid: number, argv: readonly string[], env: Record<string, string>, cwd: string,
    stdin: string, outId: number, errId: number, capture: boolean,
  ): this {
    this.out = '';
    this.broken = false;
    this.fs = this.k.fsOf(parent.fs);
    this.parent = parent;
    this.pid = pid;
    this.argv = argv;
    this.env = env;
    this.cwd = cwd;
    this.stdin = stdin;
    this.outId = outId;
    this.outFile = undefined;
    this.errId = errId;
    this.capture = capture;
    this.startedAt = this.k.clock.now();
    return this;
  }

  /** Send stdout into `file` for the run just begun. */
  toFile(file: AppendTarget): this {
    this.outFile = file;
    return this;
  }

  stdout(data: string): void {
    if (this.capture) this.out += data;
    else if (this.outFile) {
      if (data) this.outFile.append(flat(data));
    } else this.write(this.outId, data);
  }

  stderr(data: string): void {
    this.write(this.errId, data);
  }

  now(): number {
    return this.k.clock.now();
  }

  /** The process this run is, as /proc/self shows it: a child of the caller, in its namespace. */
  task(): TaskView {
    const p = this.parent;
    return {
      ns: p.ns, pid: this.pid, ppid: p.pid, pgid: p.pgid, argv: this.argv, env: this.env, cwd: this.cwd, cred: p.cred, fs: p.fs,
      fds: p.fds, zombie: false, startedAt: this.startedAt,
    };
  }

  /** `ps` run this way sees itself running. */
  processes(): ProcessInfo[] {
    const p = this.parent;
    return [...this.k.processes(p.ns), { pid: this.pid, ppid: p.pid, pgid: p.pgid, argv: this.argv, state: 'R', startedAt: this.startedAt, rss: 0, cpu: 0, cwd: this.cwd, uid: p.cred.uid, gid: p.cred.gid }];
  }

  sockets(): ListeningSocket[] {
    return this.k.sockets(this.parent.ns);
  }

  private write(id: number, data: string): void {
    if (id < 0 || this.broken) return;
    if (this.table.write(id, data) === 'epipe') this.broken = true; // SIGPIPE: the command dies
  }
}

/** The Proc a program sees: a thin view over its record and the kernel. */
export class ProcHandle implements Proc<unknown> {
  constructor(private readonly k: Kernel, private readonly r: ProcessRecord) {}

  get pid(): number { return this.r.pid; }
  get ppid(): number { return this.r.ppid; }
  get argv(): readonly string[] { return this.r.argv; }
  get env(): Record<string, string> { return this.r.env; }
  set env(e: Record<string, string>) { this.r.env = e; }
  get cwd(): string { return this.r.cwd; }
  set cwd(c: string) { this.r.cwd = c; }
  get cred(): Credentials { return this.r.cred; }
  get fs(): Vfs { return this.k.fsOf(this.r.fs); }
  get state(): unknown { return this.r.state; }
  set state(s: unknown) { this.r.state = s; }
  get ns(): string { return this.r.ns; }
  get alive(): boolean { return !this.r.zombie; }
  get random(): SeededRandom { return this.k.random; }

  now(): number { return this.k.clock.now(); }
  write(fd: number, data: string): boolean { return !this.r.zombie && this.k.files.write(this.r, fd, data); }
  read(fd: number, mode: 'all' | 'line' = 'all'): string | null { return this.k.files.read(this.r, fd, mode); }
  waitReadable(fd: number): void { if (!this.r.zombie) this.k.files.wait(this.r, fd, 'readable'); }
  waitWritable(fd: number): void { if (!this.r.zombie) this.k.files.wait(this.r, fd, 'writable'); }
  writeBlocked(fd: number): boolean { return this.k.files.writeBlocked(this.r, fd); }
  open(path: string, mode: OpenMode, minFd = 0): number | OpenError { return this.k.files.open(this.r, path, mode, minFd); }
  pipe(minFd = 0): [number, number] { return this.k.files.pipe(this.r, minFd); }
  close(fd: number): void { this.k.files.close(this.r, fd); }
  dup2(from: number, to: number): boolean { return this.k.files.dup2(this.r, from, to); }
  dup(fd: number, minFd = 0): number { return this.k.files.dup(this.r, fd, minFd); }
  isOpen(fd: number): boolean { return (this.r.fds[fd] ?? -1) >= 0; }
  describe(fd: number): 'file' | 'pipe' | 'null' | 'zero' | 'sink' | undefined { return this.k.files.ofdOf(this.r, fd)?.k; }
  isatty(fd: number): boolean { const o = this.k.files.ofdOf(this.r, fd); return o?.k === 'pipe' && o.tty === true; }
  setTimer(ms: number, data?: unknown): number { return this.r.zombie ? -1 : this.k.sysSetTimer(this.r, ms, data); }
  clearTimer(id: number): void { this.k.sysClearTimer(this.r, id); }
  yieldCpu(ms: number, data?: unknown): number { return this.r.zombie ? -1 : this.k.sysYieldCpu(this.r, ms, data); }
  spawn(opts: SpawnOptions): number | ExecError { return this.k.sysSpawn(this.r, opts); }
  run(opts: SpawnOptions & { captureStdout?: boolean }): RunResult | ExecError { return this.k.sysRun(this.r, opts); }
  runToFile(opts: SpawnOptions, file: string, append: boolean): RunResult | ExecError | undefined { return this.k.sysRunToFile(this.r, opts, file, append); }
  fork<S>(opts: ForkOptions<S>): number { return this.k.sysFork(this.r, opts); }
  exec(opts: Omit<SpawnOptions, 'fds' | 'cwd'>): ExecError | undefined { return this.k.sysExec(this.r, opts); }
  reap(pid: number): ExitStatus | undefined { return this.k.sysReap(this.r, pid); }
  kill(pid: number, sig: SignalName): boolean { return this.k.sysKill(this.r, pid, sig); }
  setSignal(sig: SignalName, d: SignalDisposition): void { this.k.sysSignalDisposition(this.r, sig, d); }
  takeSignals(): SignalName[] { return this.k.sysTakeSignals(this.r); }
  signalDisposition(sig: SignalName): SignalDisposition { return this.k.sysSignalDisposition(this.r, sig); }
  setCredentials(cred: Credentials): 'EPERM' | undefined { return this.k.sysSetCredentials(this.r, cred); }
  exit(code: number): void { this.k.sysExit(this.r, code); }
  processes(): ProcessInfo[] { return this.k.processes(this.r.ns); }
  setRss(bytes: number): void { this.k.sysUsage(this.r, bytes, this.r.cpu); }
  setCpu(millicores: number): void { this.k.sysUsage(this.r, this.r.rss, millicores); }
  listen(port: number, host = '', dualStack = false): ListenErrno | undefined { return this.k.sysListen(this.r, port, host, dualStack); }
  unlisten(port: number): void { this.k.sysUnlisten(this.r, port); }
}
