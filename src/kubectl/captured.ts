// kubectl run out of the learner's sight (the lesson's checks, the cluster view's describe and
// YAML tabs): output captured, no terminal, no files, and a command that would wait is
// interrupted at once instead of moving anyone's clock.
import type { KubeApi } from '../engine';
import type { KubectlEnv, KubectlFiles } from './env';
import { runKubectl } from './kubectl';

export interface CapturedRun {
  code: number;
  stdout: string;
  stderr: string;
}

const NO_FILES: KubectlFiles = {
  resolve: (p) => p,
  kind: () => undefined,
  read: (p) => {
    throw new Error(`open ${p}: no such file or directory`);
  },
  list: () => [],
  write: () => {
    throw new Error('read-only');
  },
};

/** Runs `kubectl <argv>` against `api` and returns what it printed. */
export async function runKubectlCaptured(api: KubeApi, argv: readonly string[], opts: { now: () => number; files?: KubectlFiles; reportBug?: (e: unknown) => void }): Promise<CapturedRun> {
  let stdout = '';
  let stderr = '';
  const env: KubectlEnv = {
    api,
    now: opts.now,
    // nobody moves time for a silent command: a wait ends at once, as if interrupted
    sleep: () => Promise.resolve(),
    interrupt: { interrupted: true, onInterrupt: () => () => undefined },
    stdout: (d) => void (stdout += d),
    stderr: (d) => void (stderr += d),
    tty: false,
    files: opts.files ?? NO_FILES,
    reportBug: opts.reportBug,
    vars: {},
  };
  const code = await runKubectl(argv, env);
  return { code, stdout, stderr };
}
