// The process kernel: PID namespaces, the process table, exec through the container filesystem,
// signals, wait, timers on the virtual clock, and the run queue that delivers events to programs.
//
// Programs never run on their own: the kernel calls them with one event at a time from its run
// queue (drained at the end of every entry point: a clock timer, a spawn or signal from the
// runtime, a write to a stdin pipe). Everything a process is — argv, fds, timers, its program's
// state — is data, so snapshot() is a JSON copy and restore() continues byte for byte.
import type { Clock } from '../../clock';
import type { SeededRandom } from '../../../shared/random';
import { basename, resolvePath } from '../fs/path';
import { DescriptorTable, type DescriptorState, type Ofd, type Waiter, type WriteResult } from './descriptors';
import {
  programOf,
  type Command, type CommandRegistry, type Connection, type ExecError, type ExecErrno, type ForkOptions, type ListenErrno,
  type OpenError, type OpenMode, type Proc, type Program, type RunResult, type SimpleCommand, type SimpleIO, type SpawnOptions,
} from './program';
import type { HttpOutcome } from '../commands/network';
import {
  defaultActionTerminates, exitedWith, killedBy,
  type ExitStatus, type OutputSink, type ProcEvent, type ProcessInfo, type SignalDisposition, type SignalName, type Vfs,
} from './types';

/** One process, as data. */
export interface ProcessRecord {
  ns: string;
  pid: number;
  ppid: number;
  pgid: number;
  argv: readonly string[];
  env: Record<string, string>;
  cwd: string;
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
  /** CPU demand in millicores */
  cpu: number;
  /** listening TCP sockets: port and bound address ('' = every address) */
  listens?: { port: number; host: string }[];
  /** runtime caches, never snapshotted: the resolved command and the Proc handle */
  _cmd?: Command;
  _h?: ProcHandle;
}

interface PidNamespace {
  id: string;
  nextPid: number;
  procs: Map<number, ProcessRecord>;
}

/** Standard streams for a process started from outside: an existing description, /dev/null, or a sink. */
export type StdioSpec = number | 'null' | { sink: string; stream: 'stdout' | 'stderr' };

export interface KernelSpawnOptions {
  ns: string;
  fs: string;
  path: string;
  argv: string[];
  env?: Record<string, string>;
  cwd?: string;
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
  /** A process reported new memory or CPU usage (Proc.setRss/setCpu): the memory model checks its limit. */
  usageChanged?(ns: string, pid: number): void;
}

export interface KernelState {
  fds: DescriptorState;
  namespaces: { id: string; nextPid: number; procs: ProcessRecord[] }[];
}

interface TimerData {
  n: string;
  p: number;
  g: number;
  d?: unknown;
}

interface Queued {
  rec: ProcessRecord;
  gen: number;
  ev: ProcEvent | { type: 'start' };
}

const DEFAULT_FDS: readonly (number | null)[] = [0, 1, 2];
const MAX_SHEBANG_DEPTH = 4; // fs/exec.c: binfmt recursion limit (ELOOP past it)

export class Kernel {
  private readonly namespaces = new Map<string, PidNamespace>();
  private readonly fsViews = new Map<string, Vfs>();
  private readonly sinks = new Map<string, OutputSink>();
  private readonly fds: DescriptorTable;
  private queue: Queued[] = [];
  private readonly execCache = new WeakMap<Vfs, { watched: boolean; byPath: Map<string, ExecInfo> }>();
  private draining = false;
  /** index of the next queued event to deliver */
  private qi = 0;
  private current: ProcessRecord | undefined;
  private listener: KernelListener = {};
  readonly target: string;

  constructor(
    readonly clock: Clock,
    readonly random: SeededRandom,
    readonly registry: CommandRegistry,
    name = 'kernel',
  ) {
    this.target = `proc/${name}`;
    clock.register(this.target, (data: TimerData, task) => this.onTimer(data, task.seq));
    this.fds = new DescriptorTable({
      fsOf: (id) => this.fsOf(id),
      sinkOf: (id) => this.sinks.get(id),
      wake: (w, type) => this.wake(w, type),
    });
  }

  setListener(l: KernelListener): void {
    this.listener = l;
  }

  // ---------- wiring (not state: re-attached by the owner after restore) ----------

  attachFs(id: string, fs: Vfs): void {
    this.fsViews.set(id, fs);
  }

  detachFs(id: string): void {
    this.fsViews.delete(id);
  }

  attachSink(id: string, sink: OutputSink): void {
    this.sinks.set(id, sink);
  }

  detachSink(id: string): void {
    this.sinks.delete(id);
  }

  fsOf(id: string): Vfs {
    const fs = this.fsViews.get(id);
    if (!fs) throw new Error(`kernel: no filesystem attached as ${id}`);
    return fs;
  }

  // ---------- namespaces ----------

  createNamespace(id: string): void {
    if (this.namespaces.has(id)) throw new Error(`kernel: namespace ${id} exists`);
    this.namespaces.set(id, { id, nextPid: 1, procs: new Map() });
  }

  hasNamespace(id: string): boolean {
    return this.namespaces.has(id);
  }

  /** Kill whatever still runs in the namespace (SIGKILL) and forget it. */
  destroyNamespace(id: string): void {
    const ns = this.namespaces.get(id);
    if (!ns) return;
    for (const rec of [...ns.procs.values()]) this.terminate(rec, killedBy('KILL'));
    this.namespaces.delete(id);
    this.drain();
  }

  // ---------- the outside world's descriptors ----------

  /** A pipe whose ends the caller holds (e.g. a container's stdin): [read id, write id]. */
  openPipe(): [number, number] {
    const [r, w] = this.fds.createPipe();
    r.refs = 1;
    w.refs = 1;
    return [r.id, w.id];
  }

  /** Write into a description the caller holds (an exec session typing into a stdin pipe). */
  writeTo(ofd: number, data: string): WriteResult {
    const res = this.fds.write(ofd, data);
    this.drain();
    return res;
  }

  readFrom(ofd: number, mode: 'all' | 'line' = 'all'): string | null {
    const res = this.fds.read(ofd, mode);
    this.drain();
    return res;
  }

  closeOfd(ofd: number): void {
    this.fds.unref(ofd);
    this.drain();
  }

  // ---------- processes from outside ----------

  /** Start a process (a container's entrypoint, an exec session). Its parent is "outside" (ppid 0). */
  spawn(opts: KernelSpawnOptions): number | ExecError {
    const ns = this.mustNs(opts.ns);
    const resolved = this.resolveExec(opts.fs, opts.path, opts.argv);
    if ('errno' in resolved) return resolved;
    const fds: number[] = [];
    const stdio = opts.stdio ?? ['null', 'null', 'null'];
    for (const spec of stdio) {
      let id: number;
      if (typeof spec === 'number') id = spec;
      else if (spec === 'null') id = this.fds.create({ k: 'null' }).id;
      else id = this.fds.create({ k: 'sink', sink: spec.sink, stream: spec.stream }).id;
      this.fds.ref(id);
      fds.push(id);
    }
    const rec = this.newRecord(ns, 0, 0, resolved, opts.env ?? {}, opts.cwd ?? '/', opts.fs, fds);
    rec.top = true;
    rec.pgid = rec.pid;
    this.startRecord(rec);
    this.drain();
    return rec.pid;
  }

  /** kill(2) from outside (the runtime stopping a container): PID 1 ignores what it does not catch. */
  kill(nsId: string, pid: number, sig: SignalName): boolean {
    const rec = this.namespaces.get(nsId)?.procs.get(pid);
    if (!rec) return false;
    this.signal(rec, sig);
    this.drain();
    return true;
  }

  /** Deliver a `message` event (networking, memory pressure, ...) to a live process. */
  post(nsId: string, pid: number, topic: string, data: unknown): boolean {
    const rec = this.namespaces.get(nsId)?.procs.get(pid);
    if (!rec || rec.zombie) return false;
    this.enqueue(rec, { type: 'message', topic, data });
    this.drain();
    return true;
  }

  /**
   * A client connects to `conn.localPort` in the network namespace of the PID namespaces `peers`:
   * the listening process serves it. Undefined when nothing listens there (connection refused).
   */
  serve(peers: readonly string[], conn: Connection): HttpOutcome | undefined {
    const rec = this.listenerOf(peers, conn.localPort, conn.localIp);
    if (!rec) return undefined;
    const cmd = this.commandOf(rec);
    if (cmd.kind !== 'program' || !cmd.serve) return { kind: 'closed' };
    const prev = this.current;
    this.current = rec;
    let out: HttpOutcome;
    try {
      out = (cmd as Program).serve!(this.handleOf(rec), conn);
    } catch (e) {
      this.terminate(rec, killedBy('SEGV'));
      throw e;
    } finally {
      this.current = prev;
    }
    this.drain();
    return out;
  }

  /** The live process listening on `port` for `ip` among the PID namespaces `peers`. */
  listenerOf(peers: readonly string[], port: number, ip = ''): ProcessRecord | undefined {
    for (const id of peers) {
      const ns = this.namespaces.get(id);
      if (!ns) continue;
      for (const rec of ns.procs.values()) {
        if (rec.zombie || !rec.listens) continue;
        for (const l of rec.listens) if (l.port === port && (l.host === '' || l.host === '0.0.0.0' || ip === '' || l.host === ip)) return rec;
      }
    }
    return undefined;
  }

  /** Memory (bytes) and CPU demand (millicores) of the live processes of a PID namespace. */
  usage(nsId: string): { rss: number; cpu: number; largest?: number } {
    const ns = this.namespaces.get(nsId);
    let rss = 0;
    let cpu = 0;
    let largest: ProcessRecord | undefined;
    if (ns) {
      for (const r of ns.procs.values()) {
        if (r.zombie) continue;
        rss += r.rss;
        cpu += r.cpu;
        if (!largest || r.rss > largest.rss) largest = r;
      }
    }
    return { rss, cpu, largest: largest?.pid };
  }

  processes(nsId: string): ProcessInfo[] {
    const ns = this.namespaces.get(nsId);
    if (!ns) return [];
    return [...ns.procs.values()].sort((a, b) => a.pid - b.pid).map((r) => this.info(r));
  }

  process(nsId: string, pid: number): ProcessInfo | undefined {
    const rec = this.namespaces.get(nsId)?.procs.get(pid);
    return rec && this.info(rec);
  }

  /** The live record (tests, the runtime's memory and network layers). Treat as read-only. */
  record(nsId: string, pid: number): ProcessRecord | undefined {
    return this.namespaces.get(nsId)?.procs.get(pid);
  }

  // ---------- snapshot ----------

  snapshot(): KernelState {
    if (this.queue.length) throw new Error('kernel: snapshot while events are pending');
    return {
      fds: this.fds.snapshot(),
      namespaces: [...this.namespaces.values()].map((ns) => ({
        id: ns.id,
        nextPid: ns.nextPid,
        procs: [...ns.procs.values()].map((r) => this.saveRecord(r)),
      })),
    };
  }

  restore(state: KernelState): void {
    this.queue = [];
    this.namespaces.clear();
    this.fds.restore(state.fds);
    for (const s of state.namespaces) {
      const ns: PidNamespace = { id: s.id, nextPid: s.nextPid, procs: new Map() };
      for (const r of s.procs) {
        const rec: ProcessRecord = structuredClone(r);
        if (!rec.zombie && rec.kind === 'program') {
          const prog = this.commandOf(rec) as Program;
          if (prog.load) rec.state = prog.load(rec.state);
        }
        ns.procs.set(rec.pid, rec);
      }
      this.namespaces.set(ns.id, ns);
    }
  }

  // ---------- system calls (ProcHandle calls these) ----------

  /** @internal */
  sysSpawn(parent: ProcessRecord, opts: SpawnOptions): number | ExecError {
    const path = absolute(parent.cwd, opts.path);
    const resolved = this.resolveExec(parent.fs, path, opts.argv);
    if ('errno' in resolved) return resolved;
    return this.spawnResolved(parent, resolved, opts, opts.fds ?? DEFAULT_FDS);
  }

  private spawnResolved(parent: ProcessRecord, resolved: Resolved, opts: SpawnOptions, map: readonly (number | null)[]): number {
    const ns = this.mustNs(parent.ns);
    const fds = this.inheritFds(parent, map);
    const rec = this.newRecord(ns, parent.pid, parent.pgid, resolved, opts.env ?? parent.env, opts.cwd ?? parent.cwd, parent.fs, fds);
    this.startRecord(rec);
    return rec.pid;
  }

  /** @internal */
  sysRun(parent: ProcessRecord, opts: SpawnOptions & { captureStdout?: boolean }): RunResult | ExecError {
    const path = absolute(parent.cwd, opts.path);
    const resolved = this.resolveExec(parent.fs, path, opts.argv);
    if ('errno' in resolved) return resolved;
    const cmd = resolved.cmd;
    const map = opts.fds ?? DEFAULT_FDS;
    if (cmd.kind !== 'simple') return { pid: this.spawnResolved(parent, resolved, opts, map), out: '' };
    const ofdAt = (i: number): number => {
      const from = map[i];
      if (from === null || from === undefined) return -1;
      return parent.fds[from] ?? -1;
    };
    const inId = ofdAt(0);
    const reads = cmd.readsStdin?.(resolved.argv) ?? false;
    if (reads && inId >= 0 && !this.fds.readable(inId)) return { pid: this.spawnResolved(parent, resolved, opts, map), out: '' };
    const ns = this.mustNs(parent.ns);
    const pid = ns.nextPid++;
    let stdin = '';
    if (reads && inId >= 0) {
      for (;;) {
        const chunk = this.fds.read(inId, 'all');
        if (!chunk) break;
        stdin += chunk;
      }
    }
    const io = new InlineIO(this, this.fds, parent, pid, resolved.argv, opts.env ?? parent.env, opts.cwd ?? parent.cwd, stdin, ofdAt(1), ofdAt(2), opts.captureStdout === true);
    const code = cmd.run(io);
    const broken = io.broken;
    const out = io.out;
    return { pid, status: broken ? killedBy('PIPE') : exitedWith(code), out };
  }

  /** @internal */
  sysFork<S>(parent: ProcessRecord, opts: ForkOptions<S>): number {
    const ns = this.mustNs(parent.ns);
    const fds = opts.fds ? this.inheritFds(parent, opts.fds) : this.inheritFds(parent, parent.fds.map((_, i) => i));
    const rec: ProcessRecord = {
      ns: ns.id, pid: ns.nextPid++, ppid: parent.pid, pgid: parent.pgid,
      argv: opts.argv ?? parent.argv, env: opts.env ?? parent.env, cwd: opts.cwd ?? parent.cwd, fs: parent.fs, fds,
      prog: parent.prog, applet: parent.applet, kind: 'program', state: opts.state, zombie: false, exit: undefined, timers: [],
      sig: { ...parent.sig }, gen: 0, top: false, startedAt: this.clock.now(), rss: parent.rss, cpu: parent.cpu, _cmd: parent._cmd, _h: undefined,
    };
    ns.procs.set(rec.pid, rec);
    this.enqueue(rec, { type: 'forked' });
    return rec.pid;
  }

  /** @internal */
  sysExec(rec: ProcessRecord, opts: Omit<SpawnOptions, 'fds' | 'cwd'>): ExecError | undefined {
    const path = absolute(rec.cwd, opts.path);
    const resolved = this.resolveExec(rec.fs, path, opts.argv);
    if ('errno' in resolved) return resolved;
    for (const t of rec.timers) this.clock.cancel(t);
    rec.timers = [];
    // execve(2): caught signals go back to their default action; ignored ones stay ignored.
    for (const [s, d] of Object.entries(rec.sig)) if (d === 'catch') delete rec.sig[s as SignalName];
    rec.gen++;
    rec.argv = resolved.argv;
    rec.env = opts.env ?? rec.env;
    rec.prog = resolved.prog;
    rec.applet = resolved.applet;
    rec.kind = 'program';
    rec.state = undefined;
    rec._cmd = resolved.cmd;
    this.startRecord(rec);
    return undefined;
  }

  /** @internal */
  sysReap(rec: ProcessRecord, pid: number): ExitStatus | undefined {
    const ns = this.mustNs(rec.ns);
    const child = ns.procs.get(pid);
    if (!child || child.ppid !== rec.pid || !child.zombie) return undefined;
    ns.procs.delete(pid);
    return child.exit;
  }

  /** @internal */
  sysKill(rec: ProcessRecord, pid: number, sig: SignalName): boolean {
    const ns = this.mustNs(rec.ns);
    if (pid > 0) {
      const target = ns.procs.get(pid);
      if (!target || target.zombie) return !!target;
      this.signal(target, sig);
      return true;
    }
    const group = pid === 0 ? rec.pgid : -pid;
    let found = false;
    for (const target of [...ns.procs.values()]) {
      if (target.pgid !== group || target.zombie) continue;
      found = true;
      this.signal(target, sig);
    }
    return found;
  }

  /** @internal */
  sysExit(rec: ProcessRecord, code: number): void {
    this.terminate(rec, exitedWith(code));
  }

  /** @internal */
  sysSetTimer(rec: ProcessRecord, ms: number, data: unknown): number {
    const td: TimerData = { n: rec.ns, p: rec.pid, g: rec.gen };
    if (data !== undefined) td.d = data;
    const id = this.clock.schedule(ms, this.target, td);
    rec.timers.push(id);
    return id;
  }

  /** @internal */
  sysClearTimer(rec: ProcessRecord, id: number): void {
    const i = rec.timers.indexOf(id);
    if (i < 0) return;
    rec.timers.splice(i, 1);
    this.clock.cancel(id);
  }

  /** @internal */
  sysWrite(rec: ProcessRecord, fd: number, data: string): boolean {
    const id = rec.fds[fd];
    if (id === undefined || id < 0) return false;
    const res = this.fds.write(id, data);
    if (res === 'epipe') {
      // pipe(7): writing to a pipe with no reader raises SIGPIPE, then fails with EPIPE.
      this.signal(rec, 'PIPE');
      return false;
    }
    return res === 'ok';
  }

  /** @internal */
  sysRead(rec: ProcessRecord, fd: number, mode: 'all' | 'line'): string | null {
    const id = rec.fds[fd];
    if (id === undefined || id < 0) return '';
    return this.fds.read(id, mode);
  }

  /** @internal */
  sysWait(rec: ProcessRecord, fd: number, type: 'readable' | 'writable'): void {
    const id = rec.fds[fd];
    const w: Waiter = [rec.ns, rec.pid, fd, rec.gen];
    if (id === undefined || id < 0 || !this.fds.addWaiter(id, w, type)) this.enqueue(rec, { type, fd });
  }

  /** @internal */
  sysWriteBlocked(rec: ProcessRecord, fd: number): boolean {
    const id = rec.fds[fd];
    return id !== undefined && id >= 0 && this.fds.writeBlocked(id);
  }

  /** @internal */
  sysOpen(rec: ProcessRecord, path: string, mode: OpenMode, minFd: number): number | OpenError {
    const abs = absolute(rec.cwd, path);
    // Per-process aliases of the standard streams (Linux: /proc/self/fd symlinks).
    const alias = abs.startsWith('/dev/') ? /^\/dev\/(?:(stdin)|(stdout)|(stderr)|fd\/(\d+))$/.exec(abs) : null;
    if (alias) {
      const fd = alias[1] ? 0 : alias[2] ? 1 : alias[3] ? 2 : Number(alias[4]);
      const to = this.sysDup(rec, fd, minFd);
      return to < 0 ? { code: 'ENOENT', path: abs } : to;
    }
    const res = this.fds.open(rec.fs, abs, mode);
    if (!('id' in res)) return res;
    return this.install(rec, res, minFd);
  }

  /** @internal */
  sysPipe(rec: ProcessRecord, minFd: number): [number, number] {
    const [r, w] = this.fds.createPipe();
    const rfd = this.install(rec, r, minFd);
    return [rfd, this.install(rec, w, minFd)];
  }

  /** @internal */
  sysClose(rec: ProcessRecord, fd: number): void {
    const id = rec.fds[fd];
    if (id === undefined || id < 0) return;
    rec.fds[fd] = -1;
    while (rec.fds.length && rec.fds[rec.fds.length - 1] === -1) rec.fds.pop();
    this.fds.unref(id);
  }

  /** @internal */
  sysDup2(rec: ProcessRecord, from: number, to: number): boolean {
    const id = rec.fds[from];
    if (id === undefined || id < 0) return false;
    if (from === to) return true;
    this.fds.ref(id);
    this.sysClose(rec, to);
    while (rec.fds.length < to) rec.fds.push(-1);
    rec.fds[to] = id;
    return true;
  }

  /** @internal */
  sysDup(rec: ProcessRecord, fd: number, minFd: number): number {
    const id = rec.fds[fd];
    if (id === undefined || id < 0) return -1;
    const ofd = this.fds.get(id)!;
    return this.install(rec, ofd, minFd);
  }

  /** @internal */
  ofdOf(rec: ProcessRecord, fd: number): Ofd | undefined {
    const id = rec.fds[fd];
    return id === undefined || id < 0 ? undefined : this.fds.get(id);
  }

  /** @internal */
  sysSignalDisposition(rec: ProcessRecord, sig: SignalName, d?: SignalDisposition): SignalDisposition {
    if (d !== undefined && sig !== 'KILL' && sig !== 'STOP') {
      if (d === 'default') delete rec.sig[sig];
      else rec.sig[sig] = d;
    }
    return rec.sig[sig] ?? 'default';
  }

  /** @internal */
  sysTakeSignals(rec: ProcessRecord): SignalName[] {
    const out: SignalName[] = [];
    for (let i = this.qi; i < this.queue.length; i++) {
      const q = this.queue[i]!;
      if (q.rec === rec && q.ev.type === 'signal') {
        out.push(q.ev.signal);
        q.gen = -2; // consumed
      }
    }
    return out;
  }

  sysUsage(rec: ProcessRecord, rss: number, cpu: number): void {
    if (rec.zombie || (rec.rss === rss && rec.cpu === cpu)) return;
    rec.rss = rss;
    rec.cpu = cpu;
    this.listener.usageChanged?.(rec.ns, rec.pid);
  }

  sysListen(rec: ProcessRecord, port: number, host: string): ListenErrno | undefined {
    if (rec.zombie) return undefined;
    const wildcard = (h: string) => h === '' || h === '0.0.0.0';
    const peers = this.listener.netPeers?.(rec.ns) ?? [rec.ns];
    // bind(2): a port is taken when another socket holds it for an overlapping address
    for (const id of peers) {
      const ns = this.namespaces.get(id);
      if (!ns) continue;
      for (const r of ns.procs.values()) {
        if (r.zombie || !r.listens) continue;
        if (r.listens.some((l) => l.port === port && (wildcard(l.host) || wildcard(host) || l.host === host))) return 'EADDRINUSE';
      }
    }
    (rec.listens ??= []).push({ port, host });
    return undefined;
  }

  sysUnlisten(rec: ProcessRecord, port: number): void {
    if (!rec.listens) return;
    rec.listens = rec.listens.filter((l) => l.port !== port);
    if (!rec.listens.length) rec.listens = undefined;
  }

  /** @internal */
  isCurrent(rec: ProcessRecord): boolean {
    return this.current === rec;
  }

  // ---------- internals ----------

  private mustNs(id: string): PidNamespace {
    const ns = this.namespaces.get(id);
    if (!ns) throw new Error(`kernel: no namespace ${id}`);
    return ns;
  }

  private info(r: ProcessRecord): ProcessInfo {
    return {
      pid: r.pid, ppid: r.ppid, pgid: r.pgid, argv: r.argv,
      state: r.zombie ? 'Z' : this.current === r ? 'R' : 'S',
      startedAt: r.startedAt, rss: r.rss, cpu: r.cpu, cwd: r.cwd,
    };
  }

  private newRecord(
    ns: PidNamespace, ppid: number, pgid: number, resolved: Resolved,
    env: Record<string, string>, cwd: string, fs: string, fds: number[],
  ): ProcessRecord {
    const rec: ProcessRecord = {
      ns: ns.id, pid: ns.nextPid++, ppid, pgid, argv: resolved.argv, env, cwd, fs, fds,
      prog: resolved.prog, applet: resolved.applet, kind: 'program', state: undefined, zombie: false, exit: undefined,
      timers: [], sig: {}, gen: 0, top: false, startedAt: this.clock.now(), rss: 0, cpu: 0, _cmd: resolved.cmd, _h: undefined,
    };
    ns.procs.set(rec.pid, rec);
    return rec;
  }

  /** Run a SimpleCommand now if it can; otherwise queue the program's start. */
  private startRecord(rec: ProcessRecord): void {
    const cmd = this.commandOf(rec);
    if (cmd.kind === 'simple') {
      rec.kind = 'simple';
      if (!cmd.readsStdin?.(rec.argv) || this.stdinReady(rec)) this.runSimple(rec, cmd);
      else {
        rec.state = '';
        this.sysWait(rec, 0, 'readable');
      }
      return;
    }
    this.enqueue(rec, { type: 'start' });
  }

  private stdinReady(rec: ProcessRecord): boolean {
    const id = rec.fds[0];
    return id === undefined || id < 0 || this.fds.readable(id);
  }

  private runSimple(rec: ProcessRecord, cmd: SimpleCommand): void {
    let stdin = typeof rec.state === 'string' ? rec.state : '';
    if (cmd.readsStdin?.(rec.argv)) {
      for (;;) {
        const chunk = this.sysRead(rec, 0, 'all');
        if (!chunk) break; // '' end-of-file (null cannot happen: stdin was ready)
        stdin += chunk;
      }
    }
    const prev = this.current;
    this.current = rec;
    let code: number;
    try {
      code = cmd.run({
        argv: rec.argv, env: rec.env, cwd: rec.cwd, fs: this.fsOf(rec.fs), stdin,
        stdout: (s) => void this.sysWrite(rec, 1, s),
        stderr: (s) => void this.sysWrite(rec, 2, s),
        now: () => this.clock.now(),
        random: this.random,
        pid: rec.pid,
        processes: () => this.processes(rec.ns),
      });
    } finally {
      this.current = prev;
    }
    this.terminate(rec, exitedWith(code));
  }

  private inheritFds(parent: ProcessRecord, map: readonly (number | null)[]): number[] {
    const fds: number[] = [];
    for (const from of map) {
      const id = from === null ? undefined : parent.fds[from];
      if (id === undefined || id < 0) fds.push(-1);
      else {
        this.fds.ref(id);
        fds.push(id);
      }
    }
    while (fds.length && fds[fds.length - 1] === -1) fds.pop();
    return fds;
  }

  private install(rec: ProcessRecord, ofd: Ofd, minFd: number): number {
    let fd = minFd;
    while (fd < rec.fds.length && rec.fds[fd]! >= 0) fd++;
    while (rec.fds.length <= fd) rec.fds.push(-1);
    rec.fds[fd] = ofd.id;
    this.fds.ref(ofd.id);
    return fd;
  }

  private commandOf(rec: ProcessRecord): Command {
    let cmd = rec._cmd;
    if (cmd) return cmd;
    cmd = this.registry.get(rec.prog);
    if (cmd?.kind === 'multicall') cmd = cmd.applet(rec.applet ?? '');
    if (!cmd) throw new Error(`kernel: no command registered as ${rec.prog}${rec.applet ? `/${rec.applet}` : ''}`);
    rec._cmd = cmd;
    return cmd;
  }

  /** execve(2) path resolution: ELF binaries name a registered command; `#!` runs an interpreter. */
  private resolveExec(fsId: string, path: string, argv: readonly string[], depth = 0): Resolved | ExecError {
    const fail = (errno: ExecErrno): ExecError => ({ errno, path });
    const fs = this.fsOf(fsId);
    // What a file runs is cached per filesystem and path. A filesystem that reports its changes
    // (MemFS.onChange) drops entries as files change, so a hit costs no path walk at all; any
    // other filesystem is checked with one stat (mtime and size) per exec.
    let cache = this.execCache.get(fs);
    if (!cache) {
      cache = { watched: false, byPath: new Map() };
      const watchable = fs as Vfs & { onChange?: (l: (path: string) => void) => unknown };
      if (typeof watchable.onChange === 'function') {
        const byPath = cache.byPath;
        watchable.onChange((changed) => void byPath.delete(changed));
        cache.watched = true;
      }
      this.execCache.set(fs, cache);
    }
    let info = cache.watched ? cache.byPath.get(path) : undefined;
    if (!info) {
      try {
        const st = fs.stat(path);
        // execve(2): EACCES for a directory or a file without execute permission
        if (st.type === 'dir' || (st.mode & 0o111) === 0) return fail('EACCES');
        const cached = cache.byPath.get(path);
        if (cached && cached.mtimeMs === st.mtimeMs && cached.size === st.size) info = cached;
        else {
          const content = fs.readFile(path);
          info = { mtimeMs: st.mtimeMs, size: st.size, name: programOf(content) };
          if (info.name === undefined && content.startsWith('#!')) info.shebang = content.slice(2, (content.indexOf('\n') + 1 || content.length + 1) - 1).trim();
          if (cache.byPath.size >= 1024) cache.byPath.delete(cache.byPath.keys().next().value!);
          cache.byPath.set(path, info);
        }
      } catch (e) {
        return fail((e as { code?: string }).code === 'ENOTDIR' ? 'ENOTDIR' : 'ENOENT');
      }
    }
    const name = info.name;
    if (name !== undefined) {
      let cmd = this.registry.get(name);
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
      if (!cmd) return fail('ENOEXEC');
      return { cmd, prog: name, applet, argv: args };
    }
    if (info.shebang !== undefined) {
      if (depth >= MAX_SHEBANG_DEPTH) return fail('ELOOP');
      const line = info.shebang;
      const sp = line.search(/[ \t]/);
      const interp = sp < 0 ? line : line.slice(0, sp);
      const arg = sp < 0 ? '' : line.slice(sp).trim();
      const args = [interp, ...(arg ? [arg] : []), path, ...argv.slice(1)];
      const res = this.resolveExec(fsId, interp, args, depth + 1);
      // A missing interpreter reports the script (the shell then says "bad interpreter").
      return 'errno' in res ? { errno: res.errno, path } : res;
    }
    // An unknown binary and a text file without #! are both ENOEXEC (a shell then runs the text).
    return fail('ENOEXEC');
  }

  private signal(rec: ProcessRecord, sig: SignalName): void {
    if (rec.zombie) return;
    if (sig === 'KILL') {
      this.terminate(rec, killedBy('KILL'));
      return;
    }
    const d = rec.sig[sig];
    if (d === 'ignore') return;
    if (d === 'catch') {
      this.enqueue(rec, { type: 'signal', signal: sig });
      return;
    }
    if (!defaultActionTerminates(sig)) return;
    // pid_namespaces(7): the init process only gets signals it has a handler for.
    if (rec.pid === 1) return;
    this.terminate(rec, killedBy(sig));
  }

  private terminate(rec: ProcessRecord, status: ExitStatus): void {
    if (rec.zombie) return;
    const ns = this.mustNs(rec.ns);
    rec.zombie = true;
    rec.exit = status;
    rec.state = undefined;
    for (const t of rec.timers) this.clock.cancel(t);
    rec.timers = [];
    rec.listens = undefined;
    const fds = rec.fds;
    rec.fds = [];
    for (const id of fds) if (id >= 0) this.fds.unref(id);
    const init = ns.procs.get(1);
    const heir = rec.pid !== 1 && init && !init.zombie ? 1 : 0;
    for (const c of ns.procs.values()) {
      if (c.ppid !== rec.pid || c === rec) continue;
      if (c.zombie && !c.top) ns.procs.delete(c.pid); // the new parent reaps it
      else c.ppid = heir;
    }
    if (rec.pid === 1) {
      // pid_namespaces(7): when init dies the kernel SIGKILLs every other process in the namespace.
      for (const c of [...ns.procs.values()]) if (c !== rec && !c.zombie) this.terminate(c, killedBy('KILL'));
    }
    const parent = rec.ppid ? ns.procs.get(rec.ppid) : undefined;
    if (parent && !parent.zombie) {
      this.enqueue(parent, { type: 'child', pid: rec.pid, status });
      return;
    }
    ns.procs.delete(rec.pid);
    if (rec.top) this.listener.processExited?.(rec.ns, rec.pid, status);
  }

  private enqueue(rec: ProcessRecord, ev: ProcEvent | { type: 'start' }): void {
    this.queue.push({ rec, gen: ev.type === 'child' || ev.type === 'signal' ? -1 : rec.gen, ev });
  }

  private wake(w: Waiter, type: 'readable' | 'writable'): void {
    const rec = this.namespaces.get(w[0])?.procs.get(w[1]);
    if (!rec || rec.zombie || rec.gen !== w[3]) return;
    this.enqueue(rec, { type, fd: w[2] });
  }

  private onTimer(data: TimerData, id: number): void {
    const rec = this.namespaces.get(data.n)?.procs.get(data.p);
    if (!rec || rec.zombie || rec.gen !== data.g) return;
    const i = rec.timers.indexOf(id);
    if (i < 0) return;
    rec.timers.splice(i, 1);
    this.enqueue(rec, { type: 'timer', id, data: data.d });
    this.drain();
  }

  /** Deliver queued events, one at a time, in order. Re-entrant calls only enqueue. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let i = 0; i < this.queue.length; i++) {
        this.qi = i + 1;
        const { rec, gen, ev } = this.queue[i]!;
        if (rec.zombie || gen === -2 || (gen >= 0 && gen !== rec.gen)) continue;
        if (ev.type === 'child') {
          const ns = this.namespaces.get(rec.ns);
          if (ns?.procs.get(ev.pid)?.zombie !== true) continue; // reaped already
          this.deliver(rec, ev);
          if (ns.procs.get(ev.pid)?.zombie) ns.procs.delete(ev.pid);
          continue;
        }
        this.deliver(rec, ev);
      }
    } finally {
      this.queue.length = 0;
      this.qi = 0;
      this.draining = false;
    }
  }

  private deliver(rec: ProcessRecord, ev: ProcEvent | { type: 'start' }): void {
    const cmd = this.commandOf(rec);
    if (rec.kind === 'simple') {
      if (ev.type !== 'readable' && ev.type !== 'start') return;
      // A SimpleCommand collects its stdin until end-of-file, then runs.
      for (;;) {
        const chunk = this.sysRead(rec, 0, 'all');
        if (chunk === null) {
          this.sysWait(rec, 0, 'readable');
          return;
        }
        if (chunk === '') break;
        rec.state = String(rec.state ?? '') + chunk;
      }
      this.runSimple(rec, cmd as SimpleCommand);
      return;
    }
    const prog = cmd as Program;
    const handle = this.handleOf(rec);
    const prev = this.current;
    this.current = rec;
    try {
      if (ev.type === 'start') prog.start(handle);
      else prog.event(handle, ev);
    } catch (e) {
      // A program bug: the process dies as a crashing binary would, then the error surfaces.
      this.terminate(rec, killedBy('SEGV'));
      throw e;
    } finally {
      this.current = prev;
    }
  }

  private handleOf(rec: ProcessRecord): ProcHandle {
    return (rec._h ??= new ProcHandle(this, rec));
  }

  private saveRecord(r: ProcessRecord): ProcessRecord {
    let state = r.state;
    if (!r.zombie && r.kind === 'program') {
      const prog = this.commandOf(r) as Program;
      if (prog.save) state = prog.save(state);
    }
    const out: ProcessRecord = {
      ns: r.ns, pid: r.pid, ppid: r.ppid, pgid: r.pgid, argv: r.argv, env: r.env, cwd: r.cwd, fs: r.fs, fds: r.fds,
      prog: r.prog, kind: r.kind, state, zombie: r.zombie, timers: r.timers, sig: r.sig, gen: r.gen, top: r.top,
      startedAt: r.startedAt, rss: r.rss, cpu: r.cpu,
    };
    if (r.listens?.length) out.listens = r.listens;
    if (r.applet !== undefined) out.applet = r.applet;
    if (r.exit) out.exit = r.exit;
    return structuredClone(out);
  }
}

/** resolvePath, without the work when the path is absolute and clean already. */
function absolute(cwd: string, p: string): string {
  return p[0] === '/' && !/\/\/|\/\.|.\/$/.test(p) ? p : resolvePath(cwd, p);
}

interface ExecInfo {
  mtimeMs: number;
  size: number;
  /** the registered command an ELF file names */
  name?: string;
  /** the interpreter line of a #! script */
  shebang?: string;
}

interface Resolved {
  cmd: Command;
  prog: string;
  applet?: string;
  argv: readonly string[];
}

/** What a SimpleCommand run inline (Proc.run) sees: its output goes straight to the fds. */
class InlineIO implements SimpleIO {
  out = '';
  broken = false;
  readonly fs: Vfs;
  readonly random: SeededRandom;
  private readonly startedAt: number;

  constructor(
    private readonly k: Kernel,
    private readonly table: DescriptorTable,
    private readonly parent: ProcessRecord,
    readonly pid: number,
    readonly argv: readonly string[],
    readonly env: Record<string, string>,
    readonly cwd: string,
    readonly stdin: string,
    private readonly outId: number,
    private readonly errId: number,
    private readonly capture: boolean,
  ) {
    this.fs = k.fsOf(parent.fs);
    this.random = k.random;
    this.startedAt = k.clock.now();
  }

  stdout(data: string): void {
    if (this.capture) this.out += data;
    else this.write(this.outId, data);
  }

  stderr(data: string): void {
    this.write(this.errId, data);
  }

  now(): number {
    return this.k.clock.now();
  }

  /** `ps` run this way sees itself running. */
  processes(): ProcessInfo[] {
    const p = this.parent;
    return [...this.k.processes(p.ns), { pid: this.pid, ppid: p.pid, pgid: p.pgid, argv: this.argv, state: 'R', startedAt: this.startedAt, rss: 0, cpu: 0, cwd: this.cwd }];
  }

  private write(id: number, data: string): void {
    if (id < 0 || this.broken) return;
    if (this.table.write(id, data) === 'epipe') this.broken = true; // SIGPIPE: the command dies
  }
}

/** The Proc a program sees: a thin view over its record and the kernel. */
class ProcHandle implements Proc<unknown> {
  constructor(private readonly k: Kernel, private readonly r: ProcessRecord) {}

  get pid(): number { return this.r.pid; }
  get ppid(): number { return this.r.ppid; }
  get argv(): readonly string[] { return this.r.argv; }
  get env(): Record<string, string> { return this.r.env; }
  set env(e: Record<string, string>) { this.r.env = e; }
  get cwd(): string { return this.r.cwd; }
  set cwd(c: string) { this.r.cwd = c; }
  get fs(): Vfs { return this.k.fsOf(this.r.fs); }
  get state(): unknown { return this.r.state; }
  set state(s: unknown) { this.r.state = s; }
  get ns(): string { return this.r.ns; }
  get alive(): boolean { return !this.r.zombie; }
  get random(): SeededRandom { return this.k.random; }

  now(): number { return this.k.clock.now(); }
  write(fd: number, data: string): boolean { return !this.r.zombie && this.k.sysWrite(this.r, fd, data); }
  read(fd: number, mode: 'all' | 'line' = 'all'): string | null { return this.k.sysRead(this.r, fd, mode); }
  waitReadable(fd: number): void { if (!this.r.zombie) this.k.sysWait(this.r, fd, 'readable'); }
  waitWritable(fd: number): void { if (!this.r.zombie) this.k.sysWait(this.r, fd, 'writable'); }
  writeBlocked(fd: number): boolean { return this.k.sysWriteBlocked(this.r, fd); }
  open(path: string, mode: OpenMode, minFd = 0): number | OpenError { return this.k.sysOpen(this.r, path, mode, minFd); }
  pipe(minFd = 0): [number, number] { return this.k.sysPipe(this.r, minFd); }
  close(fd: number): void { this.k.sysClose(this.r, fd); }
  dup2(from: number, to: number): boolean { return this.k.sysDup2(this.r, from, to); }
  dup(fd: number, minFd = 0): number { return this.k.sysDup(this.r, fd, minFd); }
  isOpen(fd: number): boolean { return (this.r.fds[fd] ?? -1) >= 0; }
  describe(fd: number): 'file' | 'pipe' | 'null' | 'zero' | 'sink' | undefined { return this.k.ofdOf(this.r, fd)?.k; }
  setTimer(ms: number, data?: unknown): number { return this.r.zombie ? -1 : this.k.sysSetTimer(this.r, ms, data); }
  clearTimer(id: number): void { this.k.sysClearTimer(this.r, id); }
  spawn(opts: SpawnOptions): number | ExecError { return this.k.sysSpawn(this.r, opts); }
  run(opts: SpawnOptions & { captureStdout?: boolean }): RunResult | ExecError { return this.k.sysRun(this.r, opts); }
  fork<S>(opts: ForkOptions<S>): number { return this.k.sysFork(this.r, opts); }
  exec(opts: Omit<SpawnOptions, 'fds' | 'cwd'>): ExecError | undefined { return this.k.sysExec(this.r, opts); }
  reap(pid: number): ExitStatus | undefined { return this.k.sysReap(this.r, pid); }
  kill(pid: number, sig: SignalName): boolean { return this.k.sysKill(this.r, pid, sig); }
  setSignal(sig: SignalName, d: SignalDisposition): void { this.k.sysSignalDisposition(this.r, sig, d); }
  takeSignals(): SignalName[] { return this.k.sysTakeSignals(this.r); }
  signalDisposition(sig: SignalName): SignalDisposition { return this.k.sysSignalDisposition(this.r, sig); }
  exit(code: number): void { this.k.sysExit(this.r, code); }
  processes(): ProcessInfo[] { return this.k.processes(this.r.ns); }
  setRss(bytes: number): void { this.k.sysUsage(this.r, bytes, this.r.cpu); }
  setCpu(millicores: number): void { this.k.sysUsage(this.r, this.r.rss, millicores); }
  listen(port: number, host = ''): ListenErrno | undefined { return this.k.sysListen(this.r, port, host); }
  unlisten(port: number): void { this.k.sysUnlisten(this.r, port); }
}
