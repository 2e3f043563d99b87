// `kubectl` (and `k`) as a host command: a Program in the host kernel that runs the async
// runKubectl and carries its effects back into the kernel's event world. Every effect (output,
// a sleep, reading stdin, the exit) is a message the bridge posts to its own process, so writes
// happen inside the process's events, pipes apply back-pressure, and virtual time passes only
// through timers the process owns (the replay driver sees a command that waits).
//
// The live half of a run (the promise, interrupt listeners, input subscribers) cannot be
// snapshotted; a session restored from a snapshot starts a fresh shell, so none survives anyway.
import { resolvePath, type KubeApi, type Proc, type ProcEvent, type Program, type Vfs } from '../engine';
import type { EditorHook, InterruptSignal, KubeconfigState, KubectlEnv, KubectlFiles, PortForwardHost } from '../kubectl/env';
import { runKubectl } from '../kubectl/kubectl';

/** What the session lends every kubectl run. */
export interface KubectlHost {
  api: KubeApi;
  editor?: EditorHook;
  portForward?: PortForwardHost;
  /** the kubeconfig's current namespace, kept by the session (`kubectl config set-context --current --namespace`) */
  kubeconfig?: KubeconfigState;
  /** whether `fd` of the process is the terminal (the session's tty) */
  isTerminal(p: Proc<unknown>, fd: number): boolean;
  /** posts a message to a host process (kernel.post) */
  post(ns: string, pid: number, topic: string, data: unknown): void;
  /** something asynchronous happened (the replay driver waits until this stops changing) */
  touch(): void;
}

type Msg =
  | { t: 'out'; fd: 1 | 2; data: string }
  | { t: 'sleep'; id: number; ms: number }
  | { t: 'read' }
  | { t: 'exit'; code: number };

const TOPIC = 'kubectl';
/** What the bridge catches to tell the command first (util/interrupt terminationSignals, but QUIT: Go's default for it dumps goroutines). */
const CAUGHT: readonly InterruptSignal[] = ['HUP', 'INT', 'TERM'];

interface BridgeState {
  run: number;
}

/** The live side of one kubectl process. */
export class KubectlRun {
  interrupted = false;
  readonly interruptListeners = new Set<{ fn: (signal: InterruptSignal) => void; signals?: readonly InterruptSignal[] }>();
  /** exec -it and friends: subscribers to what the learner types */
  readonly inputListeners = new Set<{ fn: (data: string) => void; end: () => void }>();
  /** readStdin in progress: what was read so far and the resolver */
  stdinRead?: { buf: string; resolve: (s: string) => void };
  readonly sleeps = new Map<number, () => void>();
  /** output not yet written because the pipe is full */
  pending: { fd: 1 | 2; data: string }[] = [];
  exitCode?: number;
  finished = false;
  private nextSleep = 0;
  /** sleeps of one length in a row with no output between: a poll loop (logs -f), not a deadline */
  private repeats = 0;
  private lastSleepMs = -1;

  constructor(readonly ns: string, readonly pid: number, private readonly host: KubectlHost) {}

  send(msg: Msg): void {
    if (this.finished) return;
    this.host.post(this.ns, this.pid, TOPIC, msg);
  }

  /** Whether the command polls on a timer rather than waiting for a deadline. */
  get polling(): boolean {
    return this.repeats >= 3;
  }

  /** Output resets the poll count: a loop that prints is a watch, judged by its output. */
  printed(): void {
    this.repeats = 0;
    this.lastSleepMs = -1;
  }

  sleep(ms: number): Promise<void> {
    if (this.interrupted) return Promise.resolve();
    this.repeats = ms === this.lastSleepMs ? this.repeats + 1 : 1;
    this.lastSleepMs = ms;
    const id = ++this.nextSleep;
    return new Promise((resolve) => {
      this.sleeps.set(id, resolve);
      this.send({ t: 'sleep', id, ms: Math.max(0, ms) });
    });
  }

  /**
   * Tells the command's handlers of `signal` (every handler when undefined: the run is over).
   * False, and nothing done, when no handler catches that signal.
   */
  interrupt(signal?: InterruptSignal): boolean {
    if (this.interrupted) return true;
    const catching = [...this.interruptListeners].filter((l) => !signal || !l.signals || l.signals.includes(signal));
    if (signal && !catching.length) return false;
    this.interrupted = true;
    for (const l of catching) l.fn(signal ?? 'INT');
    for (const wake of this.sleeps.values()) wake();
    this.sleeps.clear();
    return true;
  }

  /** Whether the learner's typing should go to this run rather than to the terminal's line buffer. */
  wantsInput(): boolean {
    return this.inputListeners.size > 0;
  }

  input(data: string): void {
    for (const l of [...this.inputListeners]) l.fn(data);
  }

  /** Ctrl-D: stdin ends (a terminal's end-of-file, which a pipe cannot express twice). */
  endInput(): void {
    for (const l of [...this.inputListeners]) l.end();
    this.inputListeners.clear();
    if (this.stdinRead) {
      const { buf, resolve } = this.stdinRead;
      this.stdinRead = undefined;
      resolve(buf);
    }
  }
}

/** Files as `kubectl -f` and `edit` see them: the host filesystem from the shell's working directory. */
export function vfsFiles(fs: Vfs, cwd: string): KubectlFiles {
  const abs = (path: string): string => resolvePath(cwd, path);
  return {
    resolve: abs,
    kind(path) {
      const a = abs(path);
      if (!fs.exists(a)) return undefined;
      return fs.stat(a).type === 'dir' ? 'dir' : 'file';
    },
    read: (path) => fs.readFile(abs(path)),
    list: (dir) => [...fs.readdir(abs(dir))].sort(),
    write: (path, data) => fs.writeFile(abs(path), data),
    mkdir: (path) => fs.mkdir(abs(path), { recursive: true }),
  };
}

/** The kubectl program and the table of its live runs. */
export class KubectlBridge {
  private readonly runs = new Map<string, KubectlRun>();
  private seq = 0;
  readonly program: Program<BridgeState>;

  constructor(private readonly host: KubectlHost) {
    this.program = {
      kind: 'program',
      start: (p) => this.start(p),
      event: (p, ev) => this.event(p, ev),
    };
  }

  /** The live run of host process `pid` in `ns`, if it is kubectl. */
  runOf(ns: string, pid: number): KubectlRun | undefined {
    return this.runs.get(`${ns}:${pid}`);
  }

  private start(p: Proc<BridgeState>): void {
    p.state = { run: ++this.seq };
    // Go's runtime: kubectl dies of SIGHUP/SIGINT/SIGTERM unless a command catches them; the
    // bridge catches them to tell the command first (port-forward closes its listener, watches stop)
    for (const sig of CAUGHT) p.setSignal(sig, 'catch');
    const run = new KubectlRun(p.ns, p.pid, this.host);
    this.runs.set(`${p.ns}:${p.pid}`, run);
    const env = this.envFor(p, run);
    const argv = p.argv.slice(1);
    runKubectl(argv, env).then(
      (code) => run.send({ t: 'exit', code }),
      (e: unknown) => {
        // runKubectl formats every error itself; anything else is a bug reported as Go would panic
        run.send({ t: 'out', fd: 2, data: `panic: ${e instanceof Error ? e.message : String(e)}\n` });
        run.send({ t: 'exit', code: 2 });
      },
    );
  }

  private envFor(p: Proc<BridgeState>, run: KubectlRun): KubectlEnv {
    const host = this.host;
    const tty = host.isTerminal(p, 0) && host.isTerminal(p, 1);
    const stdinIsTerminal = host.isTerminal(p, 0);
    const fs = p.fs;
    const cwd = p.cwd;
    const env: KubectlEnv = {
      api: host.api,
      now: () => p.now(),
      sleep: (ms) => run.sleep(ms),
      interrupt: {
        get interrupted() {
          return run.interrupted;
        },
        onInterrupt(fn, signals) {
          if (run.interrupted) {
            fn('INT');
            return () => undefined;
          }
          const l = { fn, signals };
          run.interruptListeners.add(l);
          return () => void run.interruptListeners.delete(l);
        },
      },
      stdout: (data) => data && run.send({ t: 'out', fd: 1, data }),
      stderr: (data) => data && run.send({ t: 'out', fd: 2, data }),
      readStdin: () =>
        new Promise<string>((resolve) => {
          run.stdinRead = { buf: '', resolve };
          run.send({ t: 'read' });
        }),
      tty,
      files: vfsFiles(fs, cwd),
      editor: host.editor,
      portForward: host.portForward,
      kubeconfig: host.kubeconfig,
      vars: { ...p.env },
    };
    if (stdinIsTerminal) {
      env.onInput = (fn, end) => {
        const l = { fn, end };
        run.inputListeners.add(l);
        return () => void run.inputListeners.delete(l);
      };
    }
    return env;
  }

  private event(p: Proc<BridgeState>, ev: ProcEvent): void {
    const run = this.runs.get(`${p.ns}:${p.pid}`);
    if (!run) {
      // restored from a snapshot: the command's promise is gone; end as if killed
      p.exit(130);
      return;
    }
    switch (ev.type) {
      case 'signal': {
        const signal = ev.signal as InterruptSignal;
        if (run.interrupt(signal)) return;
        // an interactive session (exec -it) ends through its streams
        if (run.wantsInput()) {
          run.interrupt();
          return;
        }
        // nothing in the command catches it: kubectl dies of it, as Go's runtime does by default
        this.forget(p, run);
        if (!p.alive) return;
        p.setSignal(signal, 'default');
        p.kill(p.pid, signal);
        return;
      }
      case 'timer': {
        const wake = run.sleeps.get(ev.data as number);
        run.sleeps.delete(ev.data as number);
        wake?.();
        this.host.touch();
        return;
      }
      case 'writable':
        this.flush(p, run);
        return;
      case 'readable':
        this.readStdin(p, run);
        return;
      case 'message':
        if (ev.topic === TOPIC) this.message(p, run, ev.data as Msg);
        return;
      default:
    }
  }

  private message(p: Proc<BridgeState>, run: KubectlRun, msg: Msg): void {
    this.host.touch();
    switch (msg.t) {
      case 'out':
        run.printed();
        run.pending.push({ fd: msg.fd, data: msg.data });
        this.flush(p, run);
        return;
      case 'sleep':
        if (run.interrupted) run.sleeps.get(msg.id)?.();
        else p.setTimer(msg.ms, msg.id);
        return;
      case 'read':
        this.readStdin(p, run);
        return;
      case 'exit':
        run.exitCode = msg.code;
        this.flush(p, run);
    }
  }

  private readStdin(p: Proc<BridgeState>, run: KubectlRun): void {
    const r = run.stdinRead;
    if (!r) return;
    for (;;) {
      const chunk = p.read(0, 'all');
      if (chunk === null) {
        p.waitReadable(0);
        return;
      }
      if (chunk === '') {
        run.stdinRead = undefined;
        r.resolve(r.buf);
        return;
      }
      r.buf += chunk;
    }
  }

  /** Write what is pending; exit once everything is out and the command has returned. */
  private flush(p: Proc<BridgeState>, run: KubectlRun): void {
    while (run.pending.length) {
      const { fd, data } = run.pending[0]!;
      if (!p.write(fd, data)) {
        if (!p.alive) return this.forget(p, run);
        // EBADF or EPIPE end the write; a full pipe waits for room
        if (p.writeBlocked(fd)) {
          p.waitWritable(fd);
          return;
        }
      }
      run.pending.shift();
    }
    if (run.exitCode !== undefined) this.finish(p, run, run.exitCode);
  }

  private finish(p: Proc<BridgeState>, run: KubectlRun, code: number): void {
    this.forget(p, run);
    if (p.alive) p.exit(code);
  }

  private forget(p: Proc<BridgeState>, run: KubectlRun): void {
    run.finished = true;
    run.interrupt();
    run.inputListeners.clear();
    this.runs.delete(`${p.ns}:${p.pid}`);
  }
}

/** The KubeApi with every call counted as activity (the replay driver waits for quiet). */
export function countingApi(api: KubeApi, touch: () => void): KubeApi {
  const wrapped = {} as Record<string, unknown>;
  for (const key of ['resources', 'resolve', 'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'logs', 'exec', 'attach', 'portForward'] as const) {
    const fn = api[key] as (...args: unknown[]) => unknown;
    wrapped[key] = (...args: unknown[]) => {
      touch();
      const out = fn.apply(api, args);
      return out instanceof Promise ? out.finally(touch) : out;
    };
  }
  // watch handlers: each event counts too
  const watch = wrapped.watch as KubeApi['watch'];
  wrapped.watch = ((resource, opts, handler) => watch(resource, opts, (e) => {
    touch();
    handler(e);
  })) as KubeApi['watch'];
  return wrapped as unknown as KubeApi;
}
