// The bad-manifest corpus (issue 7, Robustness): every `__corpus__/NN-slug.expected` names the
// commands to run over the case's files and the exact stdout, stderr and exit code real kubectl
// v1.32 against a v1.32 API server prints for the last one. Podlab must match byte for byte.
//
// `.expected` layout:
//   # comment lines: what the case is about and where the message comes from
//   real: no-server        (optional: the answer is client-side; the real binary is run too)
//   real: loopback         (optional: the real binary, served a Podlab cluster over loopback
//                           (testing/real-kubectl.ts), reads the manifest from stdin with
//                           --validate=false (no OpenAPI served) and must answer as Podlab does)
//   $ kubectl <args>       (one or more; all but the last are setup and must succeed)
//   exit <code>
//   --- stdout
//   <stdout, exact>
//   --- stderr
//   <stderr, exact, to the end of the file>
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cluster } from '../engine/index';
import { REAL_KUBECTL, withRealKubectl } from './testing/real-kubectl';
import { testKubectl } from './testing-env';

const DIR = join(__dirname, '__corpus__');

interface CorpusCase {
  name: string;
  commands: string[][];
  realNoServer: boolean;
  realLoopback: boolean;
  expected: { stdout: string; stderr: string; code: number };
}

function parseExpected(name: string, text: string): CorpusCase {
  const out = text.indexOf('--- stdout\n');
  const err = text.indexOf('--- stderr\n', out);
  if (out < 0 || err < 0) throw new Error(`${name}.expected: missing --- stdout / --- stderr`);
  const head = text.slice(0, out).split('\n').filter((l) => l && !l.startsWith('#'));
  const commands = head.filter((l) => l.startsWith('$ kubectl ')).map((l) => l.slice('$ kubectl '.length).split(' '));
  const exit = head.find((l) => l.startsWith('exit '));
  if (!commands.length || !exit) throw new Error(`${name}.expected: needs a "$ kubectl" line and an "exit" line`);
  return {
    name,
    commands,
    realNoServer: head.includes('real: no-server'),
    realLoopback: head.includes('real: loopback'),
    expected: { stdout: text.slice(out + '--- stdout\n'.length, err), stderr: text.slice(err + '--- stderr\n'.length), code: Number(exit.slice(5)) },
  };
}

/** The case's own files (NN-slug.*), by name, excluding the .expected file. */
function caseFiles(name: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const f of readdirSync(DIR)) {
    if (f.startsWith(`${name}.`) && !f.endsWith('.expected')) files.set(f, readFileSync(join(DIR, f), 'utf8'));
  }
  return files;
}

const cases = readdirSync(DIR).filter((f) => f.endsWith('.expected')).sort()
  .map((f) => parseExpected(f.slice(0, -'.expected'.length), readFileSync(join(DIR, f), 'utf8')));

describe('bad-manifest corpus', () => {
  it('has at least 60 cases, each with its manifest', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    for (const c of cases) expect(caseFiles(c.name).size, c.name).toBeGreaterThan(0);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s: Podlab prints what kubectl v1.32 prints', async (_name, c) => {
    const k = testKubectl({ seed: 'corpus' });
    for (const [f, text] of caseFiles(c.name)) k.files.set(`/work/${f}`, text);
    for (const setup of c.commands.slice(0, -1)) {
      const r = await k.run(setup);
      expect(r, `setup: kubectl ${setup.join(' ')}`).toMatchObject({ code: 0, stderr: '' });
    }
    expect(await k.run(c.commands.at(-1)!)).toEqual(c.expected);
  });

  // Client-side answers (parse errors, empty input) come from the real binary with no server.
  const realCases = cases.filter((c) => c.realNoServer);
  const haveReal = existsSync(REAL_KUBECTL);
  it.each(realCases.map((c) => [c.name, c] as const))(
    `%s: the real kubectl v1.32 with no server agrees${haveReal ? '' : ' (binary absent: comparison not run)'}`,
    (_name, c) => {
      if (!haveReal) return;
      expect(c.commands).toHaveLength(1);
      const dir = mkdtempSync(join(tmpdir(), 'podlab-corpus-'));
      try {
        for (const [f, text] of caseFiles(c.name)) writeFileSync(join(dir, f), text);
        const r = spawnSync(REAL_KUBECTL, c.commands[0]!, {
          cwd: dir, encoding: 'utf8', timeout: 20_000,
          env: { PATH: '/usr/bin:/bin', HOME: dir, LANG: 'C', KUBECONFIG: join(dir, 'no-kubeconfig') },
        });
        expect({ stdout: r.stdout, stderr: r.stderr, code: r.status }).toEqual(c.expected);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  // How the client handles what the server says (partial multi-document runs, mapping errors,
  // names): the real binary against a Podlab cluster answers as Podlab's kubectl does.
  const loopbackCases = cases.filter((c) => c.realLoopback);
  it.each(loopbackCases.map((c) => [c.name, c] as const))(
    `%s: the real kubectl v1.32 over loopback agrees${haveReal ? '' : ' (binary absent: comparison not run)'}`,
    async (_name, c) => {
      if (!haveReal) return;
      expect(c.commands).toHaveLength(1);
      const [verb, , file] = c.commands[0]!;
      const args = [verb!, '-f', '-', '--validate=false'];
      const stdin = readFileSync(join(DIR, file!), 'utf8');
      const ours = await testKubectl({ seed: 'loopback' }).run(args, { stdin });
      await withRealKubectl(Cluster.create({ seed: 'loopback' }), async (kubectl) => {
        expect(await kubectl(args, { stdin })).toEqual(ours);
      });
    },
    30_000,
  );
});
