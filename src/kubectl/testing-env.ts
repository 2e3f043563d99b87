// A kubectl environment for tests and tools: a Cluster, a workspace of files in memory, time that
// moves only when a command waits (sleep advances the cluster's clock at once), captured output.
import { Cluster, type ClusterOptions } from '../engine';
import type { EditorHook, InterruptSignal, KubectlEnv, KubectlFiles, PortForwardHost } from './env';
import { runKubectl } from './kubectl';

export interface TestKubectl {
  cluster: Cluster;
  files: Map<string, string>;
  /**
   * Runs `kubectl <line>` (split on spaces unless given as an array); resolves with the captured
   * streams. While the command waits, virtual time skips to the next clock event or sleep deadline;
   * after `interruptAfterMs` of virtual time (default 10 min) it gets Ctrl-C.
   */
  /** `interrupted`: set when the run got a Ctrl-C (interruptAfterMs passed before it ended) */
  run(args: string | string[], opts?: RunOptions): Promise<{ stdout: string; stderr: string; code: number; interrupted?: true }>;
}

/** Files in a Map, paths relative to /work (the learner's workspace). */
export function memoryFiles(files: Map<string, string>, cwd = '/work'): KubectlFiles {
  const abs = (p: string) => (p.startsWith('/') ? p : `${cwd}/${p}`).replace(/\/+$/, '') || '/';
  return {
    resolve: abs,
    kind(p) {
      const a = abs(p);
      if (files.has(a)) return 'file';
      for (const k of files.keys()) if (k.startsWith(`${a}/`)) return 'dir';
      return undefined;
    },
    read(p) {
      const v = files.get(abs(p));
      if (v === undefined) throw new Error(`open ${p}: no such file or directory`);
      return v;
    },
    list(dir) {
      const a = `${abs(dir)}/`;
      const names = new Set<string>();
      for (const k of files.keys()) if (k.startsWith(a)) names.add(k.slice(a.length).split('/')[0]!);
      return [...names].sort();
    },
    write(p, data) {
      files.set(abs(p), data);
    },
  };
}

export interface RunOptions {
  stdin?: string;
  vars?: Record<string, string>;
  interruptAfterMs?: number;
  /** the host's editor for `kubectl edit` (absent: no editor can be launched) */
  editor?: EditorHook;
  /** the host's localhost ports, for port-forward */
  portForward?: PortForwardHost;
  /** stdin and stdout are a terminal */
  tty?: boolean;
  /** what the learner types into an interactive session, one chunk per wait; `null` is Ctrl-D */
  typed?: (string | null)[];
}

/** Lets pending promise continuations run (the in-process API resolves in microtasks). */
async function settle(): Promise<void> {
  for (let i = 0; i < 200; i++) await Promise.resolve();
}

export function testKubectl(opts: ClusterOptions = {}): TestKubectl {
  const cluster = Cluster.create(opts);
  const files = new Map<string, string>();
  const kubeconfig = { namespace: 'default' };
  return {
    cluster,
    files,
    async run(args, o = {}) {
      let stdout = '';
      let stderr = '';
      const clock = cluster.clock;
      let bug: unknown;
      const sleepers: { until: number; resolve: () => void }[] = [];
      const typed = [...(o.typed ?? [])];
      let input: { fn: (data: string) => void; onEnd: () => void } | undefined;
      const onInterrupt = new Set<(signal: InterruptSignal) => void>();
      const interrupt = {
        interrupted: false,
        onInterrupt(fn: (signal: InterruptSignal) => void) {
          onInterrupt.add(fn);
          return () => void onInterrupt.delete(fn);
        },
      };
      const env: KubectlEnv = {
        api: cluster.api,
        now: () => clock.now(),
        sleep: (ms) => new Promise<void>((resolve) => sleepers.push({ until: clock.now() + Math.max(0, ms), resolve })),
        interrupt,
        stdout: (d) => void (stdout += d),
        stderr: (d) => void (stderr += d),
        readStdin: o.stdin === undefined ? undefined : async () => o.stdin!,
        tty: o.tty ?? false,
        onInput: o.typed && ((fn, onEnd) => {
          input = { fn, onEnd };
          return () => void (input = undefined);
        }),
        files: memoryFiles(files),
        kubeconfig,
        portForward: o.portForward,
        vars: o.vars ?? {},
        editor: o.editor,
        reportBug: (e) => {
          bug ??= e;
        },
      };
      const argv = Array.isArray(args) ? args : args.split(' ').filter(Boolean);
      let code: number | undefined;
      void runKubectl(argv, env).then((c) => (code = c));
      const deadline = clock.now() + (o.interruptAfterMs ?? 600_000);
      for (;;) {
        await settle();
        if (code !== undefined) break;
        if (input && typed.length) {
          const chunk = typed.shift()!;
          if (chunk === null) input.onEnd();
          else input.fn(chunk);
          continue;
        }
        const due = sleepers.filter((s) => s.until <= clock.now());
        if (due.length) {
          for (const s of due) {
            sleepers.splice(sleepers.indexOf(s), 1);
            s.resolve();
          }
          continue;
        }
        const next = Math.min(clock.nextAt() ?? Infinity, ...sleepers.map((s) => s.until));
        if (next > deadline || next === Infinity) {
          if (interrupt.interrupted) throw new Error(`kubectl ${argv.join(' ')} does not finish after Ctrl-C`);
          clock.advance(Math.max(0, deadline - clock.now()));
          interrupt.interrupted = true;
          for (const fn of [...onInterrupt]) fn('INT');
          continue;
        }
        clock.advance(Math.max(0, next - clock.now()));
      }
      // a Podlab bug surfaces as a failed test, not as kubectl's "error: ..." text
      if (bug) throw bug;
      return interrupt.interrupted ? { stdout, stderr, code, interrupted: true } : { stdout, stderr, code };
    },
  };
}
