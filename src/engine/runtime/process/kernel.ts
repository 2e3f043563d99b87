// The process kernel: PID namespaces, the process table, exec, signals, wait, timers on the
// virtual clock, and the run queue that delivers events to programs.
//
// Programs never run on their own: the kernel calls them with one event at a time from its run
// queue (drained at the end of every entry point: a clock timer, a spawn or signal from the
// runtime, a write to a stdin pipe). Everything a process is — argv, fds, timers, its program's
// state — is data, so snapshot() is a JSON copy and restore() continues byte for byte.
//
// Beside it: process-record.ts (the data), run-queue.ts, exec-resolver.ts (what a file runs),
// process-fds.ts (the fd system calls) and proc-handle.ts (what a program sees).
import type { Clock } from '../../clock';
import type { SeededRandom } from '../../../shared/random';
import type { HttpOutcome } from '../commands/network';
import { loginCredentials, ROOT, type Credentials } from './credentials';
import { DescriptorTable, type Waiter, type WriteResult } from './descriptors';
import { absolute, ExecResolver, type Resolved } from './exec-resolver';
import { IdTable } from './id-table';
import { InlineIO, ProcHandle } from './proc-handle';
import { ofdAt, ProcessFds } from './process-fds';
import type {
  KernelEvent, KernelListener, KernelSpawnOptions, KernelState, PidNamespace, ProcessRecord, TaskView,
} from './process-record';
import type {
  Command, CommandRegistry, Connection, ExecError, ForkOptions, ListenErrno, Proc, Program, RunResult, SimpleCommand, SpawnOptions,
} from './program';
import { RunQueue } from './run-queue';
import {
  defaultActionTerminates, exitedWith, killedBy,
  type AppendTarget, type ExitStatus, type ListeningSocket, type OutputSink, type ProcessInfo, type SignalDisposition, type SignalName, type Vfs,
} from './types';

export type { KernelListener, KernelSpawnOptions, KernelState, ProcessRecord, StdioSpec, TaskView } from './process-record';

/** A timer's payload: which process (namespace, pid, exec generation) and its own data. */
interface TimerData {
  n: string;
  p: number;
  g: number;
  d?: unknown;
}

const DEFAULT_FDS: readonly (number | null)[] = [0, 1, 2];
/** Events without a payload are shared (programs only read events). */
const START: KernelEvent = { type: 'start' };
const FORKED: KernelEvent = { type: 'forked' };
/** A process running flat out uses one core: 1000 millicores of demand. */
const ONE_CORE = 1000;
/** The dispositions of a process that changed none (most): shared until the first change. */
const NO_SIGNALS: ProcessRecord['sig'] = Object.freeze({});
/** The timers of a process that holds none (most, most of the time): shared, replaced on the first. */
const NO_TIMERS = Object.freeze([]) as readonly number[] as number[];

export class Kernel {
  private readonly namespaces = new Map<string, PidNamespace>();
  private readonly fsViews = new Map<string, Vfs>();
  private readonly sinks = new Map<string, OutputSink>();
  private readonly fds: DescriptorTable;
  /** @internal the fd system calls (ProcHandle calls them) */
  readonly files: ProcessFds;
  private readonly exec: ExecResolver;
  private readonly queue = new RunQueue();
  private draining = false;
  private current: ProcessRecord | undefined;
  /** the process whose yieldCpu timer is being delivered (a yield from it continues its run) */
  private spinning: ProcessRecord | undefined;
  private listener: KernelListener = {};
  private readonly inline: InlineIO;
  private inlineBusy = false;
  /** the SimpleCommand running inline right now (the caller of a system call it makes) */
  private inlineRun: InlineIO | undefined;
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
    this.files = new ProcessFds(this.fds, { enqueue: (rec, ev) => this.enqueue(rec, ev), signal: (rec, sig) => this.signal(rec, sig) });
    this.exec = new ExecResolver(registry);
    this.inline = new InlineIO(this, this.fds);
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
    this.namespaces.set(id, { id, nextPid: 1, procs: new IdTable() });
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
  /** A pipe the caller holds both ends of; `tty`: its read end is a terminal to whoever reads it. */
  openPipe(opts: { tty?: boolean } = {}): [number, number] {
    const [r, w] = this.fds.createPipe(opts.tty);
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
    const resolved = this.exec.resolve(this.fsOf(opts.fs), opts.path, opts.argv);
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
    const cred = opts.cred ?? loginCredentials(this.fsOf(opts.fs), 0);
    const rec = this.newRecord(ns, 0, 0, resolved, opts.env ?? {}, opts.cwd ?? '/', cred, opts.fs, fds);
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
        cpu += cpuOf(r);
        if (!largest || r.rss > largest.rss) largest = r;
      }
    }
    return { rss, cpu, largest: largest?.pid };
  }

  /**
   * The processes of a PID namespace; with `fs`, only those whose filesystem view it is (one
   * container's processes when several containers share the namespace: its cgroup).
   */
  processes(nsId: string, fs?: string): ProcessInfo[] {
    const ns = this.namespaces.get(nsId);
    if (!ns) return [];
    const procs = ns.procs.values();
    return (fs === undefined ? procs : procs.filter((r) => r.fs === fs)).map((r) => this.info(r));
  }

  /**
   * The listening sockets of the network namespace `nsId` is in (every PID namespace of the pod),
   * oldest process first; owners outside `nsId` have no PID here.
   */
  sockets(nsId: string): ListeningSocket[] {
    const out: ListeningSocket[] = [];
    for (const id of this.listener.netPeers?.(nsId) ?? [nsId]) {
      const ns = this.namespaces.get(id);
      if (!ns) continue;
      for (const r of ns.procs.values()) {
        if (r.zombie || !r.listens) continue;
        for (const l of r.listens) out.push({ port: l.port, host: l.dual ? '::' : l.host, pid: id === nsId ? r.pid : undefined, argv: r.argv, uid: r.cred.uid });
      }
    }
    return out;
  }

  /** The PID the next process started in the namespace gets (a container's main process, before it starts). */
  nextPid(nsId: string): number {
    return this.mustNs(nsId).nextPid;
  }

  process(nsId: string, pid: number): ProcessInfo | undefined {
    const rec = this.namespaces.get(nsId)?.procs.get(pid);
    return rec && this.info(rec);
  }

  /**
   * The process making the current system call (procfs's /proc/self, its access checks): the
   * program handling an event, or the SimpleCommand running inline. Undefined from outside.
   */
  caller(): TaskView | undefined {
    return this.inlineRun?.task() ?? this.current;
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
        procs: ns.procs.values().map((r) => this.saveRecord(r)),
      })),
    };
  }

  restore(state: KernelState): void {
    this.queue.clear();
    this.namespaces.clear();
    this.fds.restore(state.fds);
    for (const s of state.namespaces) {
      const ns: PidNamespace = { id: s.id, nextPid: s.nextPid, procs: new IdTable() };
      for (const r of s.procs) {
        const rec: ProcessRecord = structuredClone(r);
        rec.cred ??= ROOT; // a snapshot from before credentials: everything ran as root
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
    const resolved = this.exec.resolve(this.fsOf(parent.fs), path, opts.argv);
    if ('errno' in resolved) return resolved;
    return this.spawnResolved(parent, resolved, opts, opts.fds ?? DEFAULT_FDS);
  }

  private spawnResolved(parent: ProcessRecord, resolved: Resolved, opts: SpawnOptions, map: readonly (number | null)[]): number {
    const ns = this.mustNs(parent.ns);
    const fds = this.files.inherit(parent, map);
    const rec = this.newRecord(ns, parent.pid, parent.pgid, resolved, opts.env ?? parent.env, opts.cwd ?? parent.cwd, parent.cred, parent.fs, fds);
    this.startRecord(rec);
    return rec.pid;
  }

  /** @internal */
  sysRun(parent: ProcessRecord, opts: SpawnOptions & { captureStdout?: boolean }): RunResult | ExecError {
    const path = absolute(parent.cwd, opts.path);
    const resolved = this.exec.resolve(this.fsOf(parent.fs), path, opts.argv);
    if ('errno' in resolved) return resolved;
    const cmd = resolved.cmd;
    const map = opts.fds ?? DEFAULT_FDS;
    if (cmd.kind !== 'simple') return { pid: this.spawnResolved(parent, resolved, opts, map), out: '' };
    const inId = ofdAt(parent, map, 0);
    const reads = cmd.readsStdin?.(resolved.argv) ?? false;
    if (reads && inId >= 0 && !this.fds.readable(inId)) return { pid: this.spawnResolved(parent, resolved, opts, map), out: '' };
    let stdin = '';
    if (reads && inId >= 0) {
      for (;;) {
        const chunk = this.fds.read(inId, 'all');
        if (!chunk) break;
        stdin += chunk;
      }
    }
    return this.runInline(parent, cmd, resolved, opts, stdin, ofdAt(parent, map, 1), ofdAt(parent, map, 2), opts.captureStdout === true, undefined);
  }

  /** @internal */
  sysRunToFile(parent: ProcessRecord, opts: SpawnOptions, file: string, append: boolean): RunResult | ExecError | undefined {
    const fs = this.fsOf(parent.fs);
    if (!fs.openAppend) return undefined;
    const path = absolute(parent.cwd, opts.path);
    const resolved = this.exec.resolve(fs, path, opts.argv);
    if ('errno' in resolved) return resolved;
    const cmd = resolved.cmd;
    // stdin is the caller's fd 0: a command reading it may have to wait (then it is spawned)
    if (cmd.kind !== 'simple' || cmd.readsStdin?.(resolved.argv)) return undefined;
    const target = absolute(parent.cwd, file);
    // devices, /dev/stdout and the like are opened the general way
    if (target.startsWith('/dev/') || target.startsWith('/proc/')) return undefined;
    let out: AppendTarget;
    try {
      // open(2) O_CREAT|O_APPEND, after O_TRUNC for `>`
      if (!append) fs.writeFile(target, '');
      out = fs.openAppend(target);
    } catch {
      return undefined;
    }
    return this.runInline(parent, cmd, resolved, opts, '', -1, ofdAt(parent, DEFAULT_FDS, 2), false, out);
  }

  /** A SimpleCommand run to completion now, as a child nobody could see: a pid, no record. */
  private runInline(
    parent: ProcessRecord, cmd: SimpleCommand, resolved: Resolved, opts: SpawnOptions, stdin: string,
    outId: number, errId: number, capture: boolean, outFile: AppendTarget | undefined,
  ): RunResult {
    const ns = this.mustNs(parent.ns);
    const pid = ns.nextPid++;
    // one InlineIO serves every inline run (they never nest; a second one covers it if one did)
    const io = this.inlineBusy ? new InlineIO(this, this.fds) : this.inline;
    const outer = this.inlineBusy;
    const outerRun = this.inlineRun;
    this.inlineBusy = true;
    let code: number;
    try {
      io.begin(parent, pid, resolved.argv, opts.env ?? parent.env, opts.cwd ?? parent.cwd, stdin, outId, errId, capture);
      this.inlineRun = io;
      code = cmd.run(outFile ? io.toFile(outFile) : io);
    } finally {
      this.inlineBusy = outer;
      this.inlineRun = outerRun;
    }
    const out = io.out;
    io.out = '';
    io.stdin = '';
    return { pid, status: io.broken ? killedBy('PIPE') : exitedWith(code), out };
  }

  /** @internal */
  sysFork<S>(parent: ProcessRecord, opts: ForkOptions<S>): number {
    const ns = this.mustNs(parent.ns);
    const fds = this.files.inherit(parent, opts.fds ?? parent.fds.map((_, i) => i));
    const rec: ProcessRecord = {
      ns: ns.id, pid: ns.nextPid++, ppid: parent.pid, pgid: parent.pgid,
      argv: opts.argv ?? parent.argv, env: opts.env ?? parent.env, cwd: opts.cwd ?? parent.cwd, cred: parent.cred, fs: parent.fs, fds,
      prog: parent.prog, applet: parent.applet, kind: 'program', state: opts.state, zombie: false, exit: undefined, timers: NO_TIMERS,
      sig: { ...parent.sig }, gen: 0, top: false, startedAt: this.clock.now(), rss: parent.rss, cpu: parent.cpu,
      spin: undefined, listens: undefined, _cmd: parent._cmd, _h: undefined,
    };
    ns.procs.set(rec.pid, rec);
    this.enqueue(rec, FORKED);
    return rec.pid;
  }

  /** @internal */
  sysExec(rec: ProcessRecord, opts: Omit<SpawnOptions, 'fds' | 'cwd'>): ExecError | undefined {
    const path = absolute(rec.cwd, opts.path);
    const resolved = this.exec.resolve(this.fsOf(rec.fs), path, opts.argv);
    if ('errno' in resolved) return resolved;
    this.cancelTimers(rec);
    this.stopSpinning(rec);
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

  /** @internal setuid/setgid/setgroups in one: only root may change who it is (EPERM otherwise). */
  sysSetCredentials(rec: ProcessRecord, cred: Credentials): 'EPERM' | undefined {
    if (rec.cred.uid !== 0) return 'EPERM';
    rec.cred = cred;
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
      this.signal(target, sig, rec.pid);
      return true;
    }
    const group = pid === 0 ? rec.pgid : -pid;
    let found = false;
    for (const target of [...ns.procs.values()]) {
      if (target.pgid !== group || target.zombie) continue;
      found = true;
      this.signal(target, sig, rec.pid);
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
    // most processes hold one timer at a time: a one-element literal, not a grown array
    if (rec.timers.length) rec.timers.push(id);
    else rec.timers = [id];
    return id;
  }

  /** @internal */
  sysClearTimer(rec: ProcessRecord, id: number): void {
    const i = rec.timers.indexOf(id);
    if (i < 0) return;
    rec.timers.splice(i, 1);
    this.clock.cancel(id);
    if (rec.spin === id) this.stopSpinning(rec);
  }

  /** @internal */
  sysYieldCpu(rec: ProcessRecord, ms: number, data: unknown): number {
    const id = this.sysSetTimer(rec, ms, data);
    // a process yielding again from its own yield timer keeps running: nothing changes for the cgroup
    const running = rec.spin !== undefined || this.spinning === rec;
    rec.spin = id;
    if (!running) this.listener.usageChanged?.(rec.ns, rec.pid, rec.fs);
    return id;
  }

  private cancelTimers(rec: ProcessRecord): void {
    const ts = rec.timers;
    if (!ts.length) return;
    // indexed: for…of over the shared frozen empty array is not the fast path
    for (let i = 0; i < ts.length; i++) this.clock.cancel(ts[i]);
    rec.timers = NO_TIMERS;
  }

  /** The process no longer runs flat out (it blocked, exec'd or died): tell the cgroup. */
  private stopSpinning(rec: ProcessRecord): void {
    if (rec.spin === undefined) return;
    rec.spin = undefined;
    this.listener.usageChanged?.(rec.ns, rec.pid, rec.fs);
  }

  /** @internal */
  sysSignalDisposition(rec: ProcessRecord, sig: SignalName, d?: SignalDisposition): SignalDisposition {
    if (d !== undefined && sig !== 'KILL' && sig !== 'STOP') {
      if (d === 'default') delete rec.sig[sig];
      else {
        if (rec.sig === NO_SIGNALS) rec.sig = {};
        rec.sig[sig] = d;
      }
    }
    return rec.sig[sig] ?? 'default';
  }

  /** @internal */
  sysTakeSignals(rec: ProcessRecord): SignalName[] {
    return this.queue.takeSignals(rec);
  }

  sysUsage(rec: ProcessRecord, rss: number, cpu: number): void {
    if (rec.zombie || (rec.rss === rss && rec.cpu === cpu)) return;
    rec.rss = rss;
    rec.cpu = cpu;
    this.listener.usageChanged?.(rec.ns, rec.pid, rec.fs);
  }

  sysListen(rec: ProcessRecord, port: number, host: string, dualStack = false): ListenErrno | undefined {
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
    (rec.listens ??= []).push(dualStack && host === '' ? { port, host, dual: true } : { port, host });
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
      state: r.zombie ? 'Z' : this.current === r || r.spin !== undefined ? 'R' : 'S',
      startedAt: r.startedAt, rss: r.rss, cpu: cpuOf(r), cwd: r.cwd, uid: r.cred.uid, gid: r.cred.gid,
    };
  }

  private newRecord(
    ns: PidNamespace, ppid: number, pgid: number, resolved: Resolved,
    env: Record<string, string>, cwd: string, cred: Credentials, fs: string, fds: number[],
  ): ProcessRecord {
    const rec: ProcessRecord = {
      ns: ns.id, pid: ns.nextPid++, ppid, pgid, argv: resolved.argv, env, cwd, cred, fs, fds,
      prog: resolved.prog, applet: resolved.applet, kind: 'program', state: undefined, zombie: false, exit: undefined,
      timers: NO_TIMERS, sig: NO_SIGNALS, gen: 0, top: false, startedAt: this.clock.now(), rss: 0, cpu: 0,
      // every field from the start: records keep one shape (terminate clears listens, yieldCpu sets spin)
      spin: undefined, listens: undefined, _cmd: resolved.cmd, _h: undefined,
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
        this.files.wait(rec, 0, 'readable');
      }
      return;
    }
    this.enqueue(rec, START);
  }

  private stdinReady(rec: ProcessRecord): boolean {
    const id = rec.fds[0];
    return id === undefined || id < 0 || this.fds.readable(id);
  }

  private runSimple(rec: ProcessRecord, cmd: SimpleCommand): void {
    let stdin = typeof rec.state === 'string' ? rec.state : '';
    if (cmd.readsStdin?.(rec.argv)) {
      for (;;) {
        const chunk = this.files.read(rec, 0, 'all');
        if (!chunk) break; // '' end-of-file (null cannot happen: stdin was ready)
        stdin += chunk;
      }
    }
    const prev = this.current;
    this.current = rec;
    let code: number;
    try {
      code = cmd.run({
        argv: rec.argv, env: rec.env, cwd: rec.cwd, cred: rec.cred, fs: this.fsOf(rec.fs), stdin,
        stdout: (s) => void this.files.write(rec, 1, s),
        stderr: (s) => void this.files.write(rec, 2, s),
        now: () => this.clock.now(),
        random: this.random,
        pid: rec.pid,
        processes: () => this.processes(rec.ns),
        sockets: () => this.sockets(rec.ns),
      });
    } finally {
      this.current = prev;
    }
    this.terminate(rec, exitedWith(code));
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

  /** Deliver `sig`; `from`: the sending process (si_pid), in the namespace both are in. */
  private signal(rec: ProcessRecord, sig: SignalName, from?: number): void {
    if (rec.zombie) return;
    if (sig === 'KILL') {
      this.terminate(rec, killedBy('KILL'));
      return;
    }
    const d = rec.sig[sig];
    if (d === 'ignore') return;
    if (d === 'catch') {
      this.enqueue(rec, from === undefined ? { type: 'signal', signal: sig } : { type: 'signal', signal: sig, from });
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
    this.cancelTimers(rec);
    rec.listens = undefined;
    this.stopSpinning(rec);
    this.files.closeAll(rec);
    const init = ns.procs.get(1);
    const heir = rec.pid !== 1 && init && !init.zombie ? 1 : 0;
    // backwards: a reaped zombie leaves the table during the walk
    const procs = ns.procs.values();
    for (let i = procs.length - 1; i >= 0; i--) {
      const c = procs[i]!;
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

  private enqueue(rec: ProcessRecord, ev: KernelEvent): void {
    this.queue.push(rec, ev);
  }

  private wake(w: Waiter, type: 'readable' | 'writable'): void {
    const rec = this.namespaces.get(w[0])?.procs.get(w[1]);
    if (!rec || rec.zombie || rec.gen !== w[3]) return;
    this.enqueue(rec, { type, fd: w[2] });
  }

  private onTimer(data: TimerData, id: number): void {
    const rec = this.namespaces.get(data.n)?.procs.get(data.p);
    if (!rec || rec.zombie || rec.gen !== data.g) return;
    const timers = rec.timers;
    // most processes hold one timer: no search, no splice
    if (timers.length === 1 && timers[0] === id) rec.timers = NO_TIMERS;
    else {
      const i = timers.indexOf(id);
      if (i < 0) return;
      timers.splice(i, 1);
    }
    // sleep's timer: the process ends, as its program would say (it is not called for that)
    if (rec.kind === 'program' && rec.spin === undefined && (this.commandOf(rec) as Program).exitsOnTimer === true) this.terminate(rec, exitedWith(0));
    else this.enqueue(rec, { type: 'timer', id, data: data.d });
    this.drain();
  }

  /** Deliver queued events, one at a time, in order. Re-entrant calls only enqueue. */
  private drain(): void {
    if (this.draining) return;
    this.draining = true;
    const q = this.queue;
    try {
      while (q.take()) {
        const rec = q.rec!;
        const ev = q.ev!;
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
      q.clear();
      this.draining = false;
    }
  }

  private deliver(rec: ProcessRecord, ev: KernelEvent): void {
    const cmd = this.commandOf(rec);
    if (rec.kind === 'simple') {
      if (ev.type !== 'readable' && ev.type !== 'start') return;
      // A SimpleCommand collects its stdin until end-of-file, then runs.
      for (;;) {
        const chunk = this.files.read(rec, 0, 'all');
        if (chunk === null) {
          this.files.wait(rec, 0, 'readable');
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
    // the end of a yieldCpu slice: the process runs on if it yields again, else it has blocked
    const spun = ev.type === 'timer' && ev.id === rec.spin;
    const prevSpinning = this.spinning;
    if (spun) {
      rec.spin = undefined;
      this.spinning = rec;
    }
    try {
      if (ev.type === 'start') prog.start(handle);
      else prog.event(handle, ev);
    } catch (e) {
      // A program bug: the process dies as a crashing binary would, then the error surfaces.
      this.terminate(rec, killedBy('SEGV'));
      throw e;
    } finally {
      this.current = prev;
      this.spinning = prevSpinning;
    }
    if (spun && rec.spin === undefined && !rec.zombie) this.listener.usageChanged?.(rec.ns, rec.pid, rec.fs);
  }

  private handleOf(rec: ProcessRecord): Proc<unknown> {
    return (rec._h ??= new ProcHandle(this, rec));
  }

  private saveRecord(r: ProcessRecord): ProcessRecord {
    let state = r.state;
    if (!r.zombie && r.kind === 'program') {
      const prog = this.commandOf(r) as Program;
      if (prog.save) state = prog.save(state);
    }
    const out: ProcessRecord = {
      ns: r.ns, pid: r.pid, ppid: r.ppid, pgid: r.pgid, argv: r.argv, env: r.env, cwd: r.cwd, cred: r.cred, fs: r.fs, fds: r.fds,
      prog: r.prog, kind: r.kind, state, zombie: r.zombie, timers: r.timers, sig: r.sig, gen: r.gen, top: r.top,
      startedAt: r.startedAt, rss: r.rss, cpu: r.cpu,
    };
    if (r.listens?.length) out.listens = r.listens;
    if (r.spin !== undefined) out.spin = r.spin;
    if (r.applet !== undefined) out.applet = r.applet;
    if (r.exit) out.exit = r.exit;
    return structuredClone(out);
  }
}

/** A process's CPU demand: what its program reported, at least a whole core while it runs flat out. */
function cpuOf(r: ProcessRecord): number {
  return r.spin !== undefined ? Math.max(ONE_CORE, r.cpu) : r.cpu;
}
