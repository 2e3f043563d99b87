// The learner's terminal, headless: bash (the runtime's shell in its bash dialect, interactive)
// running in a host kernel on the cluster's clock, over the workspace filesystem, with kubectl
// and the host commands installed. The session is the terminal's line discipline: it edits the
// line being typed (line-editor.ts), hands finished lines to the shell's standard input, turns
// Ctrl-C into SIGINT for the foreground job and Ctrl-D into end-of-file, and reports what the
// UI needs as events. `ssh <node>` stacks a node shell on top; keys then go to it.
//
// Time is not the session's business: the app ticks the clock in real time, and the replay and
// test driver (driver.ts) moves it while the foreground job waits.
import {
  CommandRegistry, Kernel, MemFS, createCommandEnv, registerCommands, shellEnvironment,
  programFile, type Cluster, type Command, type ExitStatus, type KubeApi, type Proc, type ShellState,
} from '../engine';
import { SeededRandom } from '../shared/random';
import type { ForwardTarget, KubeconfigState } from '../kubectl/env';
import { completer } from './completion';
import { History } from './history';
import { HOME, HOST_PATH, HOSTNAME, WORKSPACE, hostCommandName, hostFs, hostLayer } from './host-fs';
import { hostCommands, type HostContext } from './host-commands';
import { HostNetwork } from './host-network';
import { parseKeys, type Key } from './keys';
import { foregroundPids, shellStateOf } from './foreground';
import { KubectlBridge, countingApi, type KubectlRun } from './kubectl-bridge';
import { LineEditor } from './line-editor';
import { NodeShells } from './node-shell';

export type SessionEvent =
  | { type: 'output'; data: string }
  /** the shell waits for a command at its primary prompt */
  | { type: 'prompt' }
  /** open `path` in the editor; `done` (kubectl edit) wants the saved text, or undefined when closed unsaved */
  | { type: 'open-in-editor'; path: string; content?: string; done?: (saved: string | undefined) => void }
  | { type: 'port-forward'; action: 'opened'; localPort: number; target: ForwardTarget }
  | { type: 'port-forward'; action: 'closed'; localPort: number }
  | { type: 'port-forward'; action: 'failed'; localPort: number; message: string }
  /** the replay driver moved virtual time */
  | { type: 'clock'; now: number }
  /** the learner's shell has exited (`exit`, Ctrl-D) */
  | { type: 'exit'; code: number };

export type SessionListener = (e: SessionEvent) => void;

export interface HostSessionSnapshot {
  format: 'podlab-session/v1';
  history: ReturnType<History['snapshot']>;
  cwd: string;
  /** exported shell variables */
  vars: Record<string, string>;
  files: ReturnType<MemFS['snapshot']>;
  random: ReturnType<SeededRandom['state']>;
  /** the kubeconfig context's namespace ('' or absent: default) */
  namespace?: string;
}

export interface HostSessionOptions {
  seed?: number | string;
  /** terminal width (completion listings, watch's header) */
  columns?: number;
  /** extra host commands by name (the lesson runtime's hint, check, reset, solution) */
  commands?: Record<string, Command>;
  /** continue a saved session: files, history, working directory, variables */
  snapshot?: HostSessionSnapshot;
  /** a listener from the start (it sees the first prompt) */
  onEvent?: SessionListener;
}

/** One shell the keys go to: the learner's, or a node's while `ssh` runs. */
interface ShellEntry {
  ns: string;
  pid: number;
  /** the write end of its standard input (the terminal) and the read end it holds */
  stdinW: number;
  stdinR: number;
  /** set for a node shell: the ssh process waiting for it */
  ssh?: { pid: number };
}

const HOST_NS = 'host';
const HOST_FS = 'host';
const TTY_SINK = 'tty';

export class HostSession {
  readonly kernel: Kernel;
  /** the learner's machine; the workspace is WORKSPACE inside it */
  readonly fs: MemFS;
  readonly history = new History();
  readonly network: HostNetwork;
  readonly registry = new CommandRegistry();
  readonly columns: number;
  /** bumped by anything asynchronous (kubectl, port-forward); the replay driver waits for quiet */
  private activityCount = 0;
  /** virtual time of the last output */
  lastOutputAt: number;
  private readonly random: SeededRandom;
  private readonly bridge: KubectlBridge;
  private readonly nodes: NodeShells;
  private readonly editor: LineEditor;
  /** what ~/.kube/config holds that a learner can change: the current context's namespace */
  private readonly kubeconfig: KubeconfigState = { namespace: '' };
  private readonly listeners = new Set<SessionListener>();
  private readonly stack: ShellEntry[] = [];
  private mode: 'prompt' | 'job' | 'closed' = 'job';
  /** the screen's current row so far (the prompt a redraw repeats) */
  private tail = '';
  private updateQueued = false;
  /** keys typed while a completion waits (undefined: none waits) */
  private typeahead: string | undefined;
  private readonly bridgeApi: KubeApi;

  constructor(readonly cluster: Cluster, opts: HostSessionOptions = {}) {
    this.columns = opts.columns ?? 80;
    if (opts.onEvent) this.listeners.add(opts.onEvent);
    this.random = new SeededRandom(opts.seed ?? 'host');
    if (opts.snapshot) this.random.restoreState(opts.snapshot.random);
    if (opts.snapshot?.namespace) this.kubeconfig.namespace = opts.snapshot.namespace;
    this.network = new HostNetwork(cluster.api, {
      opened: (localPort, target) => this.emit({ type: 'port-forward', action: 'opened', localPort, target }),
      closed: (localPort) => this.emit({ type: 'port-forward', action: 'closed', localPort }),
      failed: (localPort, message) => this.emit({ type: 'port-forward', action: 'failed', localPort, message }),
    }, (ns, pid, topic, data) => {
      this.touch();
      this.kernel.post(ns, pid, topic, data);
    });
    // node shells see the cluster network from their node; `this.nodes` is read at call time
    registerCommands(this.registry, createCommandEnv({ network: NodeShells.nodeAware(this.network.stack, () => this.nodes) }));
    const api = countingApi(cluster.api, () => this.touch());
    this.bridge = new KubectlBridge({
      api,
      editor: (path, content) => new Promise((resolve) => this.emit({ type: 'open-in-editor', path, content, done: resolve })),
      portForward: this.network,
      kubeconfig: this.kubeconfig,
      isTerminal: (p, fd) => this.isTerminal(p, fd),
      post: (ns, pid, topic, data) => void this.kernel.post(ns, pid, topic, data),
      touch: () => this.touch(),
    });
    this.bridgeApi = api;
    this.nodes = new NodeShells(cluster, {
      open: (node, sshPid) => this.openNodeShell(node, sshPid),
    });
    const ctx: HostContext = {
      history: this.history,
      columns: () => this.columns,
      openInEditor: (path) => this.emit({ type: 'open-in-editor', path }),
      commandNames: () => this.commandNames(),
    };
    const commands: Record<string, Command> = { ...hostCommands(ctx), ...this.nodes.commands(), kubectl: this.bridge.program, ...opts.commands };
    for (const [name, cmd] of Object.entries(commands)) this.registry.register(hostCommandName(name), cmd);
    this.kernel = new Kernel(cluster.clock, this.random, this.registry, 'podlab-host');
    this.kernel.setListener({ processExited: (ns, pid, status) => this.exited(ns, pid, status) });
    const onHost = Object.keys(commands).filter((n) => !this.nodes.nodeOnly().includes(n));
    this.fs = hostFs(cluster.clock, hostLayer(onHost, { k: 'kubectl' }));
    this.nodes.attach(this.kernel);
    if (opts.snapshot) {
      this.fs.restore(opts.snapshot.files);
      this.history.restore(opts.snapshot.history);
    }
    this.kernel.attachFs(HOST_FS, this.fs);
    this.kernel.attachSink(TTY_SINK, { write: (data) => this.output(data) });
    this.kernel.createNamespace(HOST_NS);
    this.editor = new LineEditor((data) => this.echo(data));
    this.lastOutputAt = cluster.clock.now();
    const snap = opts.snapshot;
    const cwd = snap && this.fs.exists(snap.cwd) ? snap.cwd : HOME;
    this.startShell(HOST_NS, HOST_FS, {
      PATH: HOST_PATH, HOME, HOSTNAME, TERM: 'xterm', SHELL: '/bin/bash', USER: 'root', LOGNAME: 'root', LANG: 'C.UTF-8', PS1: '$ ',
      ...snap?.vars,
      PWD: cwd,
    }, cwd);
    this.update();
  }

  // ---------- the UI's side ----------

  /** Subscribe to the session's events; returns the unsubscribe function. */
  readonly onEvent = (listener: SessionListener): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  /** Keys as the terminal sends them (xterm's onData): text, control characters, escape sequences. */
  input(data: string): void {
    if (this.typeahead !== undefined) {
      // a Tab completion is waiting for the API: keys after it wait their turn
      this.typeahead += data;
      return;
    }
    const keys = parseKeys(data);
    for (let i = 0; i < keys.length; i++) {
      if (this.mode === 'closed') return;
      this.key(keys[i]!);
      this.update();
      const pending = this.editor.pending;
      if (pending) {
        this.typeahead = '';
        const rest = keys.slice(i + 1);
        void pending.then(() => {
          const later = this.typeahead ?? '';
          this.typeahead = undefined;
          for (const k of rest) if (this.mode !== 'closed') {
            this.key(k);
            this.update();
          }
          if (later) this.input(later);
        });
        return;
      }
    }
  }

  /** Register another host command (a lesson's meta-command) under `name`. */
  registerCommand(name: string, command: Command): void {
    this.registry.register(hostCommandName(name), command);
    this.fs.writeFile(`/usr/local/bin/${name}`, programFile(hostCommandName(name)), { mode: 0o755 });
  }

  /** Whether the shell waits at its primary prompt. */
  isIdle(): boolean {
    return this.mode === 'prompt' && this.shellState()?.input?.buf === '';
  }

  /** Whether the shell reads a command line (its primary prompt, or PS2 inside a here-doc or quote). */
  atPrompt(): boolean {
    return this.mode === 'prompt';
  }

  /** A Tab completion still waiting for the API. */
  get pendingCompletion(): Promise<void> | undefined {
    return this.editor.pending;
  }

  get closed(): boolean {
    return this.mode === 'closed';
  }

  /** The shell's working directory. */
  get cwd(): string {
    return this.kernel.record(this.stack[0]?.ns ?? HOST_NS, this.stack[0]?.pid ?? 1)?.cwd ?? HOME;
  }

  /** How much asynchronous work has happened so far (see the replay driver). */
  get activity(): number {
    return this.activityCount + this.network.activity;
  }

  /**
   * The foreground job of the shell keys go to: its processes, whether any of them waits on a
   * timer of its own (sleep, timeout, kubectl's --timeout; not a kubectl polling the same
   * interval again and again), and whether it waits for typing.
   */
  foreground(): { pids: number[]; ns: string; timers: boolean; wantsInput: boolean } {
    const top = this.stack[this.stack.length - 1];
    if (!top || this.mode === 'prompt') return { pids: [], ns: HOST_NS, timers: false, wantsInput: false };
    const pids = foregroundPids(this.kernel, top.ns, top.pid, this.shellState(top));
    let timers = false;
    let wantsInput = false;
    let polling = false;
    for (const pid of pids) {
      const rec = this.kernel.record(top.ns, pid);
      if (rec && rec.timers.length) timers = true;
      const run = this.bridge.runOf(top.ns, pid);
      if (run && (run.wantsInput() || run.stdinRead)) wantsInput = true;
      if (run?.polling) polling = true;
    }
    // a kubectl that polls (logs -f) waits for something else than its timer: no deadline
    if (polling) timers = false;
    if (this.shellState(top)?.wait?.k === 'read') wantsInput = true;
    return { pids, ns: top.ns, timers, wantsInput };
  }

  /** Check for a prompt now (the app calls this after moving the clock). */
  update(): void {
    const top = this.stack[this.stack.length - 1];
    if (!top || this.mode === 'closed') return;
    const st = this.shellState(top);
    const atInput = st?.wait?.k === 'input';
    if (atInput && this.mode !== 'prompt') {
      const typed = this.editor.line;
      this.mode = 'prompt';
      this.editor.begin(this.tail, { history: this.history, complete: completer(this.completionContext()), columns: () => this.columns });
      // typeahead: the terminal echoed it during the job; readline shows it again after the prompt
      if (typed) this.editor.key({ k: 'text', text: typed });
      if (st.input?.buf === '') this.emit({ type: 'prompt' });
    } else if (!atInput && this.mode === 'prompt') {
      this.mode = 'job';
      this.editor.begin('');
    }
  }

  /** The driver moved the clock: tell the UI, and look for a prompt. */
  clockMoved(): void {
    this.emit({ type: 'clock', now: this.cluster.clock.now() });
    this.update();
  }

  snapshot(): HostSessionSnapshot {
    const st = this.shellState(this.stack[0]);
    return structuredClone({
      format: 'podlab-session/v1' as const,
      history: this.history.snapshot(),
      cwd: this.cwd,
      vars: st ? shellEnvironment(st) : {},
      files: this.fs.snapshot(),
      random: this.random.state(),
      ...(this.kubeconfig.namespace ? { namespace: this.kubeconfig.namespace } : {}),
    });
  }

  /** Stop every process and let go of the clock (before restoring another session on it). */
  dispose(): void {
    this.network.closeAll();
    for (const e of [...this.stack].reverse()) this.kernel.destroyNamespace(e.ns);
    this.stack.length = 0;
    this.mode = 'closed';
    this.cluster.clock.unregister(this.kernel.target);
  }

  // ---------- keys ----------

  private key(key: Key): void {
    const top = this.stack[this.stack.length - 1]!;
    const outcome = this.editor.key(key);
    if (!outcome) return;
    const run = this.foregroundKubectl();
    if (this.mode === 'prompt') {
      const primary = this.shellState(top)?.input?.buf === '';
      if (outcome.type === 'line') {
        if (primary) this.history.add(outcome.line);
        this.mode = 'job';
        this.editor.begin('');
        this.kernel.writeTo(top.stdinW, `${outcome.line}\n`);
      } else if (outcome.type === 'interrupt') {
        // bash discards the line (and a half-typed compound command); it prints the newline
        this.mode = 'job';
        this.editor.begin('');
        this.kernel.kill(top.ns, top.pid, 'INT');
      } else if (primary) {
        // end-of-file at the prompt: the shell says `exit` and ends (a pipe cannot reopen, so a
        // half-typed command at PS2 keeps waiting instead of ending the shell)
        this.mode = 'job';
        this.kernel.closeOfd(top.stdinW);
        top.stdinW = -1;
      }
      return;
    }
    if (outcome.type === 'line') {
      this.editor.begin('');
      if (run?.wantsInput()) run.input(`${outcome.line}\n`);
      else if (top.stdinW >= 0) this.kernel.writeTo(top.stdinW, `${outcome.line}\n`);
    } else if (outcome.type === 'interrupt') {
      this.editor.begin('');
      this.interruptForeground(top, run);
    } else if (run) run.endInput();
  }

  /** Ctrl-C during a job: SIGINT to its processes (the terminal's foreground process group). */
  private interruptForeground(top: ShellEntry, run: KubectlRun | undefined): void {
    if (run?.wantsInput()) {
      // an interactive session (exec -it) gets ^C for its own process
      run.interrupt();
      return;
    }
    this.echo('\n');
    const pids = foregroundPids(this.kernel, top.ns, top.pid, this.shellState(top));
    for (const pid of pids) this.kernel.kill(top.ns, pid, 'INT');
  }

  private foregroundKubectl(): KubectlRun | undefined {
    const fg = this.foreground();
    for (const pid of fg.pids) {
      const run = this.bridge.runOf(fg.ns, pid);
      if (run) return run;
    }
    return undefined;
  }

  // ---------- shells ----------

  private startShell(ns: string, fsId: string, env: Record<string, string>, cwd: string, ssh?: ShellEntry['ssh']): ShellEntry | undefined {
    const [r, w] = this.kernel.openPipe();
    const entry: ShellEntry = { ns, pid: 0, stdinW: w, stdinR: r, ssh };
    this.stack.push(entry);
    const pid = this.kernel.spawn({
      ns, fs: fsId, path: '/bin/bash', argv: ['bash', '-i'], env, cwd,
      stdio: [r, { sink: TTY_SINK, stream: 'stdout' }, { sink: TTY_SINK, stream: 'stderr' }],
    });
    this.kernel.closeOfd(r);
    if (typeof pid !== 'number') {
      this.stack.pop();
      this.kernel.closeOfd(w);
      return undefined;
    }
    entry.pid = pid;
    return entry;
  }

  /** `ssh <node>`: a login shell on the node, in a PID namespace of its own. */
  private openNodeShell(node: { name: string; fs: string; ns: string }, sshPid: number): boolean {
    this.mode = 'job';
    const env = {
      PATH: HOST_PATH, HOME: '/root', HOSTNAME: node.name, TERM: 'xterm', SHELL: '/bin/bash', USER: 'root', LOGNAME: 'root',
      // Ubuntu's /etc/bash.bashrc prompt: \u@\h:\w\$
      PS1: '\\u@\\h:\\w\\$ ',
    };
    return !!this.startShell(node.ns, node.fs, env, '/root', { pid: sshPid });
  }

  private exited(ns: string, pid: number, status: ExitStatus): void {
    const i = this.stack.findIndex((e) => e.ns === ns && e.pid === pid);
    if (i < 0) return this.nodes.processExited(ns, pid, status);
    const [entry] = this.stack.splice(i, 1);
    if (entry!.stdinW >= 0) this.kernel.closeOfd(entry!.stdinW);
    if (entry!.ssh) {
      this.nodes.shellExited(entry!.ns);
      this.kernel.post(HOST_NS, entry!.ssh.pid, 'ssh', status.code);
      this.mode = 'job';
      return;
    }
    this.network.closeAll();
    this.mode = 'closed';
    this.emit({ type: 'exit', code: status.code });
  }

  private shellState(entry = this.stack[this.stack.length - 1]): ShellState | undefined {
    return entry && shellStateOf(this.kernel, entry.ns, entry.pid);
  }

  private isTerminal(p: Proc<unknown>, fd: number): boolean {
    const rec = this.kernel.record(p.ns, p.pid);
    const ofd = rec?.fds[fd];
    if (ofd === undefined || ofd < 0) return false;
    if (fd === 0) return this.stack.some((e) => e.stdinR === ofd);
    return p.describe(fd) === 'sink';
  }

  private commandNames(): string[] {
    const names = new Set<string>();
    for (const dir of ['/usr/local/bin', '/usr/bin', '/bin']) if (this.fs.exists(dir)) for (const n of this.fs.readdir(dir)) names.add(n);
    return [...names].sort();
  }

  private completionContext(): Parameters<typeof completer>[0] {
    const top = this.stack[this.stack.length - 1]!;
    return {
      api: this.bridgeApi,
      fs: top.ns === HOST_NS ? this.fs : this.kernel.fsOf(this.nodes.fsIdOf(top.ns) ?? HOST_FS),
      cwd: () => this.kernel.record(top.ns, top.pid)?.cwd ?? WORKSPACE,
      commands: () => (top.ns === HOST_NS ? this.commandNames() : this.nodes.commandNames()),
      namespace: () => 'default',
    };
  }

  // ---------- output ----------

  private output(data: string): void {
    this.lastOutputAt = this.cluster.clock.now();
    this.touch();
    this.echo(data);
    if (!this.updateQueued) {
      // the shell writes its prompt before it waits: look once this turn of events is over
      this.updateQueued = true;
      void Promise.resolve().then(() => {
        this.updateQueued = false;
        this.update();
      });
    }
  }

  private echo(data: string): void {
    if (!data) return;
    const nl = data.lastIndexOf('\n');
    this.tail = nl >= 0 ? data.slice(nl + 1) : this.tail + data;
    this.emit({ type: 'output', data });
  }

  private touch(): void {
    this.activityCount++;
  }

  private emit(e: SessionEvent): void {
    for (const l of [...this.listeners]) l(e);
  }
}

