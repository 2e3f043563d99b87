// Test-only (Node): one kubectl command line run twice over the same virtual time, by Podlab's
// kubectl on one cluster and by the real kubectl v1.32 (loopback harness, watches served) on a
// twin made the same way, for golden tests of commands that watch while the cluster changes.
import { Cluster } from '../../engine/index';
import { testKubectl } from '../testing-env';
import { withRealKubectl, type KubectlResult } from './real-kubectl';

/**
 * Make two clusters with `prepare` (same seed: same history), run `args` on each for `ms` of
 * virtual time (then Ctrl-C / SIGINT if still running) and return both results.
 */
export async function runOnTwins(
  args: string[], prepare: (c: Cluster) => void, ms: number, settleMs?: number,
): Promise<{ mine: KubectlResult; real: KubectlResult }> {
  const theirs = Cluster.create({ seed: 1 });
  prepare(theirs);
  const k = testKubectl({ seed: 1 });
  prepare(k.cluster);
  let out: { mine: KubectlResult; real: KubectlResult } | undefined;
  await withRealKubectl(theirs, async (_kubectl, interrupted) => {
    const real = await interrupted(args, { until: () => true, during: () => theirs.clock.advance(ms), settleMs });
    const { stdout, stderr, code } = await k.run(args, { interruptAfterMs: ms });
    out = { mine: { stdout, stderr, code }, real };
  }, { tables: true, watch: true });
  return out!;
}
