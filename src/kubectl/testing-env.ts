// A kubectl environment for tests and tools: a Cluster, a workspace of files in memory, time that
// moves only when a command waits (sleep advances the cluster's clock at once), captured output.
import { Cluster, type ClusterOptions } from '../engine';
import type { KubectlEnv, KubectlFiles } from './env';
import { runKubectl } from './kubectl';

export interface TestKubectl {
  cluster: Cluster;
  files: Map<string, string>;
  /** Runs `kubectl <line>` (split on spaces unless given as an array); resolves with the captured streams. */
  run(args: string | string[], opts?: { stdin?: string; vars?: Record<string, string> }): Promise<{ stdout: string; stderr: string; code: number }>;
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

export function testKubectl(opts: ClusterOptions = {}): TestKubectl {
  const cluster = Cluster.create(opts);
  const files = new Map<string, string>();
  return {
    cluster,
    files,
    async run(args, o = {}) {
      let stdout = '';
      let stderr = '';
      const env: KubectlEnv = {
        api: cluster.api,
        now: () => cluster.clock.now(),
        sleep: async (ms) => cluster.clock.advance(ms),
        interrupt: { interrupted: false, onInterrupt: () => () => undefined },
        stdout: (d) => void (stdout += d),
        stderr: (d) => void (stderr += d),
        readStdin: o.stdin === undefined ? undefined : async () => o.stdin!,
        tty: false,
        files: memoryFiles(files),
        vars: o.vars ?? {},
      };
      const argv = Array.isArray(args) ? args : args.split(' ').filter(Boolean);
      const code = await runKubectl(argv, env);
      return { stdout, stderr, code };
    },
  };
}
