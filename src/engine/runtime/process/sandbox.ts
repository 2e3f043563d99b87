// A container in a box: one clock, one MemFS root, one kernel, one PID namespace, with the basic
// commands installed. For tests and for trying programs out; the real runtime wires the same parts
// per container (see README.md).
import { Clock } from '../../clock';
import { SeededRandom } from '../../../shared/random';
import { MemFS } from '../fs/memfs';
import { basicRegistry } from '../shell/commands';
import type { Credentials } from './credentials';
import { Kernel, type StdioSpec } from './kernel';
import { programFile, type CommandRegistry, type ExecError } from './program';
import type { ExitStatus, OutputSink } from './types';

export interface SandboxRun {
  pid: number;
  /** everything written to stdout / stderr so far */
  readonly out: string;
  readonly err: string;
  /** stdout and stderr interleaved, as a terminal shows them */
  readonly all: string;
  exit?: ExitStatus;
  /** write to the process's stdin (when started with stdin: 'pipe') */
  write(data: string): void;
  closeStdin(): void;
}

export interface SandboxSnapshot {
  clock: ReturnType<Clock['snapshot']>;
  random: ReturnType<SeededRandom['state']>;
  fs: ReturnType<MemFS['snapshot']>;
  kernel: ReturnType<Kernel['snapshot']>;
}

export interface SandboxOptions {
  seed?: number;
  start?: number;
  registry?: CommandRegistry;
  /** which shell /bin/sh is (default dash, as in Debian images) */
  sh?: 'dash' | 'ash' | 'bash';
}

const BASIC = ['echo', 'printf', 'cat', 'true', 'false', 'test', '[', 'date', 'sleep'];

export class Sandbox {
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly fs: MemFS;
  readonly registry: CommandRegistry;
  readonly kernel: Kernel;
  readonly ns = 'sandbox';
  private readonly runs = new Map<number, SandboxRun & { o: string; e: string; a: string }>();
  private seq = 0;
  private starting: (SandboxRun & { o: string; e: string; a: string }) | undefined;

  constructor(opts: SandboxOptions = {}) {
    this.clock = new Clock(opts.start);
    this.random = new SeededRandom(opts.seed ?? 1);
    this.fs = new MemFS(this.clock);
    this.registry = opts.registry ?? basicRegistry();
    this.kernel = new Kernel(this.clock, this.random, this.registry, 'sandbox');
    this.kernel.attachFs('root', this.fs);
    this.kernel.createNamespace(this.ns);
    this.kernel.setListener({
      processExited: (_ns, pid, status) => {
        const r = this.runs.get(pid) ?? this.starting;
        if (r) r.exit = status;
      },
    });
    for (const d of ['/bin', '/usr/bin', '/tmp', '/root', '/etc']) this.fs.mkdir(d, { recursive: true });
    this.install('/bin/sh', opts.sh ?? 'dash');
    this.install('/bin/bash', 'bash');
    this.install('/bin/dash', 'dash');
    this.install('/bin/ash', 'ash');
    for (const c of BASIC) this.install(`/bin/${c}`, `coreutils/${c}`);
  }

  /** Put an executable at `path` that runs the registered command `name`. */
  install(path: string, name: string): void {
    this.fs.writeFile(path, programFile(name), { mode: 0o755 });
    this.fs.chmod(path, 0o755);
  }

  /** Start argv as a top-level process (like a container's PID 1 or an exec session). */
  run(argv: string[], opts: { env?: Record<string, string>; cwd?: string; cred?: Credentials; stdin?: 'null' | 'pipe'; path?: string } = {}): SandboxRun {
    const id = ++this.seq;
    const rec = { pid: 0, o: '', e: '', a: '', exit: undefined as ExitStatus | undefined } as SandboxRun & { o: string; e: string; a: string };
    const sink: OutputSink = {
      write: (data, stream) => {
        if (stream === 'stdout') rec.o += data;
        else rec.e += data;
        rec.a += data;
      },
    };
    this.kernel.attachSink(`run${id}`, sink);
    let stdin: StdioSpec = 'null';
    let writeEnd = -1;
    if (opts.stdin === 'pipe') {
      const [r, w] = this.kernel.openPipe();
      stdin = r;
      writeEnd = w;
    }
    Object.defineProperties(rec, {
      out: { get: () => rec.o },
      err: { get: () => rec.e },
      all: { get: () => rec.a },
    });
    rec.write = (data: string) => void this.kernel.writeTo(writeEnd, data);
    rec.closeStdin = () => {
      if (writeEnd >= 0) this.kernel.closeOfd(writeEnd);
      writeEnd = -1;
    };
    const env = opts.env ?? { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', HOSTNAME: 'sandbox' };
    this.starting = rec;
    const pidOrErr = this.spawn(argv, env, opts.cwd ?? '/', stdin, `run${id}`, opts.path, opts.cred);
    this.starting = undefined;
    if (typeof stdin === 'number') this.kernel.closeOfd(stdin);
    if (typeof pidOrErr !== 'number') throw new Error(`sandbox: exec ${argv[0]}: ${pidOrErr.errno}`);
    rec.pid = pidOrErr;
    this.runs.set(rec.pid, rec);
    // the process may have finished during spawn (a SimpleCommand)
    return rec;
  }

  /** `sh -c script` (or bash/ash with `shell`). */
  sh(script: string, shell: 'sh' | 'bash' | 'dash' | 'ash' = 'sh', args: string[] = []): SandboxRun {
    return this.run([shell, '-c', script, ...args], { path: `/bin/${shell}` });
  }

  /** Everything that is state, as JSON (clock, random, filesystem, processes). */
  snapshot(): SandboxSnapshot {
    return structuredClone({ clock: this.clock.snapshot(), random: this.random.state(), fs: this.fs.snapshot(), kernel: this.kernel.snapshot() });
  }

  /** A sandbox that continues from a snapshot (output of runs started before is not re-attached). */
  static restore(snap: SandboxSnapshot, opts: SandboxOptions = {}): Sandbox {
    const sb = new Sandbox(opts);
    sb.clock.restore(snap.clock);
    sb.random.restoreState(snap.random);
    sb.fs.restore(snap.fs);
    sb.kernel.restore(snap.kernel);
    return sb;
  }

  /** Run until `run` has exited (or `limitMs` of virtual time passed). */
  finish(run: SandboxRun, limitMs = 3_600_000): SandboxRun {
    this.clock.advanceUntil(() => run.exit !== undefined, limitMs);
    return run;
  }

  /** Advance virtual time (ms). */
  advance(ms: number): void {
    this.clock.advance(ms);
  }

  private spawn(argv: string[], env: Record<string, string>, cwd: string, stdin: StdioSpec, sink: string, path?: string, cred?: Credentials): number | ExecError {
    const exe = path ?? (argv[0]!.includes('/') ? argv[0]! : `/bin/${argv[0]}`);
    const pid = this.kernel.spawn({
      ns: this.ns, fs: 'root', path: exe, argv, env, cwd, cred,
      stdio: [stdin, { sink, stream: 'stdout' }, { sink, stream: 'stderr' }],
    });
    return pid;
  }
}
