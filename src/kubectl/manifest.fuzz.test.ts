// Random and mutated manifests into `kubectl apply -f`: starting from valid pods, fields are
// dropped, renamed, retyped or replaced with random values, and the YAML text itself is cut and
// spliced. Whatever arrives, kubectl answers as kubectl does — success, or an error in one of
// kubectl's shapes — and never with a Podlab bug (testKubectl fails the run on reportBug).
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from '../shared/fuzz-runs';
import { testKubectl } from './testing-env';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const VALID: Json[] = [
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }] }] } },
  {
    apiVersion: 'v1', kind: 'Pod', metadata: { name: 'job' },
    spec: {
      restartPolicy: 'Never',
      initContainers: [{ name: 'init', image: 'busybox:1.36', command: ['sh', '-c', 'echo ready > /work/ok'], volumeMounts: [{ name: 'work', mountPath: '/work' }] }],
      containers: [{
        name: 'main', image: 'busybox:1.36', command: ['sh', '-c', 'cat /work/ok; sleep 5'], env: [{ name: 'MODE', value: 'fast' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } },
        volumeMounts: [{ name: 'work', mountPath: '/work' }],
        livenessProbe: { exec: { command: ['true'] }, periodSeconds: 5 },
      }],
      volumes: [{ name: 'work', emptyDir: {} }],
    },
  },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings' }, data: { mode: 'fast', 'app.properties': 'a=1\n' } },
  {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api' },
    spec: { replicas: 2, selector: { matchLabels: { app: 'api' } }, template: { metadata: { labels: { app: 'api' } }, spec: { containers: [{ name: 'api', image: 'nginx:1.27' }] } } },
  },
];

/** Every path to a value inside `v` (object keys and array indexes). */
function paths(v: Json, at: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [at];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...at, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...at, k]));
  return out;
}

type Mutation = { op: 'drop' | 'rename' | 'set'; pick: number; value: Json; key: string };

/** Apply one mutation at the path `pick` selects (modulo the number of paths). */
function mutate(doc: Json, m: Mutation): Json {
  const copy = structuredClone(doc);
  const all = paths(copy).filter((p) => p.length > 0);
  if (!all.length) return m.value;
  const path = all[m.pick % all.length]!;
  let parent = copy as Record<string | number, Json>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, Json>;
  const last = path.at(-1)!;
  if (m.op === 'drop') {
    if (Array.isArray(parent)) parent.splice(last as number, 1);
    else delete parent[last];
  } else if (m.op === 'rename' && !Array.isArray(parent)) {
    parent[`${String(last)}${m.key}`] = parent[last]!;
    delete parent[last];
  } else parent[last] = m.value;
  return copy;
}

const value: fc.Arbitrary<Json> = fc.letrec<{ v: Json }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constant(null), fc.boolean(), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ maxLength: 12 }),
    fc.constantFrom('', 'Always', 'Never', '1Gi', '-1', '100m', 'abc', 'Web', 'a'.repeat(70), '0', '65536', 'ClusterFirst', 'TCP'),
    fc.array(tie('v'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom('name', 'image', 'containers', 'x', 'port', 'items'), tie('v'), { maxKeys: 3 }),
  ),
})).v;

const mutation: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom('drop', 'rename', 'set'),
  pick: fc.nat(),
  value,
  key: fc.constantFrom('y', 's', 'X', '_', ''),
});

/** The first line of what kubectl prints for a failure has one of these shapes (helpers.go checkErr). */
const ERROR_LINE = /^(error: |Error from server \([A-Za-z]+\): |The [A-Za-z]+ ".*" is invalid: ?|Warning: )/;

function expectKubectlShaped(r: { stdout: string; stderr: string; code: number }): void {
  const shown = JSON.stringify(r);
  expect([0, 1], shown).toContain(r.code);
  if (r.code === 0) return;
  const lines = r.stderr.split('\n').filter(Boolean);
  expect(lines.length, shown).toBeGreaterThan(0);
  // warnings may come first (the server's `Warning: `, apply's own `warning: `); the error follows
  expect(lines.find((l) => !/^[Ww]arning: /.test(l)) ?? lines[0], shown).toMatch(ERROR_LINE);
}

describe('apply fuzz: mutated manifests', { timeout: fuzzTimeout(300_000) }, () => {
  it('answers every mutated object with success or a kubectl-shaped error', async () => {
    const k = testKubectl({ seed: 'manifest-fuzz' });
    await fc.assert(
      fc.asyncProperty(fc.nat(VALID.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), async (which, ms) => {
        const doc = ms.reduce(mutate, VALID[which]!);
        k.files.set('/work/m.yaml', stringify(doc));
        expectKubectlShaped(await k.run('apply -f m.yaml', { interruptAfterMs: 5_000 }));
      }),
      { numRuns: fuzzRuns(100), seed: fuzzSeed(7) },
    );
  });

  it('answers every cut or spliced YAML text the same way', async () => {
    const k = testKubectl({ seed: 'yaml-fuzz' });
    const texts = VALID.map((v) => stringify(v));
    await fc.assert(
      fc.asyncProperty(fc.nat(texts.length - 1), fc.nat(), fc.nat(8), fc.constantFrom('', '\t', ' ', ':', '- ', '"', "'", '{', '[', '---\n', '\n', '#', '&a ', '*a', '!!int '),
        async (which, at, cut, insert) => {
          const t = texts[which]!;
          const i = at % (t.length + 1);
          k.files.set('/work/m.yaml', t.slice(0, i) + insert + t.slice(i + cut));
          expectKubectlShaped(await k.run('apply -f m.yaml', { interruptAfterMs: 5_000 }));
        }),
      { numRuns: fuzzRuns(100), seed: fuzzSeed(11) },
    );
  });
});
