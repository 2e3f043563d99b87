// `kubectl` check: run a kubectl command silently against the cluster (nothing reaches the
// learner's terminal) and test what it printed. A command that would wait (`wait`, `-w`, `logs -f`)
// is interrupted at once: checks look at the cluster as it is now.
import { vfsFiles } from '../../terminal/kubectl-bridge';
import type { InterruptSignal, KubectlEnv } from '../../kubectl/env';
import { runKubectl } from '../../kubectl/kubectl';
import type { KubectlCheck } from '../types';
import { failed, PASSED, type CheckContext, type CheckResult } from './context';
import { regexOf } from './partial';

export async function runSilently(argv: readonly string[], ctx: CheckContext): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  const stop = new Set<(signal: InterruptSignal) => void>();
  const interrupt = {
    interrupted: false,
    onInterrupt(fn: (signal: InterruptSignal) => void) {
      stop.add(fn);
      return () => void stop.delete(fn);
    },
  };
  const env: KubectlEnv = {
    api: ctx.api,
    now: () => ctx.now(),
    sleep: async () => {
      // no time passes inside a check: a waiting command is interrupted
      interrupt.interrupted = true;
      for (const fn of [...stop]) fn('INT');
    },
    interrupt,
    stdout: (d) => void (stdout += d),
    stderr: (d) => void (stderr += d),
    tty: false,
    files: vfsFiles(ctx.fs, ctx.workspace),
    kubeconfig: { namespace: 'default' },
    vars: {},
  };
  let code: number | undefined;
  const run = runKubectl(argv, env).then((c) => (code = c));
  // the in-process API answers in microtasks; a command still running after that waits for
  // something (a watch, a stream) and gets Ctrl-C
  await turns(() => code !== undefined);
  if (code === undefined) {
    interrupt.interrupted = true;
    for (const fn of [...stop]) fn('INT');
    await Promise.race([run, turns(() => code !== undefined)]);
  }
  return { stdout, stderr, code: code ?? 130 };
}

const MAX_TURNS = 2000;

/** Let promise continuations run until `done` or MAX_TURNS turns have passed. */
async function turns(done: () => boolean): Promise<void> {
  for (let i = 0; i < MAX_TURNS && !done(); i++) await Promise.resolve();
}

export async function checkKubectl(c: KubectlCheck, ctx: CheckContext): Promise<CheckResult> {
  const out = await runSilently(c.argv, ctx);
  const text = (c.stream === 'stderr' ? out.stderr : out.stdout).replace(/\n+$/, '');
  const cmd = `kubectl ${c.command}`;
  const printed = text ? `printed ${quote(text)}` : out.stderr && c.stream === 'stdout' ? `failed: ${quote(out.stderr.trim())}` : 'printed nothing';
  if (c.equals !== undefined) {
    if (text === c.equals.replace(/\n+$/, '')) return PASSED;
    return failed(`${cmd} ${printed}; the task wants ${quote(c.equals)}`);
  }
  if (c.contains !== undefined) {
    if (text.includes(c.contains)) return PASSED;
    return failed(`${cmd} ${printed}; the task wants it to contain ${quote(c.contains)}`);
  }
  const re = regexOf(`/${c.matches ?? ''}/`);
  if (re?.test(text)) return PASSED;
  return failed(`${cmd} ${printed}; the task wants it to match /${c.matches}/`);
}

/** Output in a message: quoted, first line only, shortened. */
function quote(s: string): string {
  const lines = s.split('\n');
  let first = lines[0]!;
  if (first.length > 80) first = `${first.slice(0, 77)}...`;
  return `"${first}"${lines.length > 1 ? ` (and ${lines.length - 1} more line${lines.length > 2 ? 's' : ''})` : ''}`;
}
