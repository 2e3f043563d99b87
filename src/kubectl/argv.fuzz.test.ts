import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from './cmd';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from '../shared/fuzz-runs';
import { testKubectl } from './testing-env';

// Random command lines built from kubectl's own vocabulary (verbs, their flags, kinds, names and
// junk): every one must end with an exit code and kubectl-style text, never a Podlab bug.
const verbs = COMMANDS.map((c) => c.name);
const flags = [...new Set(COMMANDS.flatMap((c) => (c.flags ?? []).flatMap((f) => [`--${f.name}`, ...(f.shorthand ? [`-${f.shorthand}`] : [])])))];
const words = ['pods', 'pod', 'po', 'pod/web', 'deploy', 'svc', 'nodes', 'web', 'minikube', 'nginx', '-', '--', '=', 'a=b', 'app-', '-o', 'yaml', 'json', 'wide', 'name', '{.metadata.name}', 'jsonpath={.items[*]}', '1', '-1', '0', 'x'.repeat(300), '', ' ', '--all', '-A', '-n', 'kube-system', 'ns/default', '🙂'];

describe('kubectl argv fuzz', () => {
  it('answers every random command line without a Podlab bug', async () => {
    const k = testKubectl();
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...verbs),
        fc.array(fc.oneof(fc.constantFrom(...flags), fc.constantFrom(...words), fc.string({ maxLength: 12 }), fc.tuple(fc.constantFrom(...flags), fc.string({ maxLength: 6 })).map(([f, v]) => `${f}=${v}`)), { maxLength: 6 }),
        async (verb, rest) => {
          const r = await k.run([verb, ...rest], { interruptAfterMs: 5_000 });
          expect(typeof r.code).toBe('number');
          // a failure says something (a group command alone prints its help on stdout with exit 1, as kubectl does)
          // (but one stopped by Ctrl-C: a watch exits 1 with nothing more to say, as kubectl does)
          if (r.code !== 0 && !r.interrupted) expect(r.stderr.length + r.stdout.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: fuzzRuns(400), seed: fuzzSeed(42) },
    );
  }, fuzzTimeout(120_000));
});
