// `npm run bench [-- GROUP...] [--check] [--scale N] [--runs N]`: every benchmark figure of the
// issues beside its budget (scripts/bench-budgets.ts). Each group runs --runs times (default 3)
// and the median is reported; bench/results.json keeps the latest figure of every id. --check
// exits 1 when a figure misses its budget times --scale (`.ci/run`: --scale 2). Groups: engine,
// crashloop, writer, kubectl, shell, app (the app in headless Chromium, scripts/bench-app.mjs).
// Wall-clock numbers on purpose (this is the one place real time is read); tests never time things.
// The script bundles this file with esbuild into bench/.bench.cjs and runs it with plain node, so
// the engine runs bundled, as in the browser. Profile that bundle with
// `node --cpu-prof --cpu-prof-dir=/tmp/prof bench/.bench.cjs`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Cluster } from '../src/engine/cluster/cluster';
import type { Topology } from '../src/engine/cluster/context';
import type { StoredPod } from '../src/engine/api/types';
import { ContainerRuntime } from '../src/engine/runtime/container-runtime';
import { FakeRuntime } from '../src/engine/runtime/fake-runtime';
import { runKubectl } from '../src/kubectl/kubectl';
import { memoryFiles } from '../src/kubectl/testing-env';
import { parseLesson, replayLesson } from '../src/lesson';
import { testSession } from '../src/terminal/testing';
import { BUDGETS, median, scaledBudget, withinBudget, type Budget, type Group } from './bench-budgets';

interface Result {
  id: string;
  name: string;
  /** the median of the runs */
  value: number;
  runs: number[];
  unit: string;
  budget: number;
  /** the budget this run was checked against (budget × --scale) */
  checkedAgainst: number;
  ok: boolean;
  source: string;
}

/** Every run's values, by budget id, in the order first recorded. */
const samples = new Map<string, number[]>();
const unbudgeted: string[] = [];

/** One run's value of a figure; `name`, `unit` and `budget` must be the figure's in bench-budgets.ts. */
function record(name: string, value: number, unit: string, budget?: number): void {
  const b = BUDGETS.find((x) => x.name === name);
  if (!b || b.unit !== unit || (budget !== undefined && budget !== b.budget)) {
    unbudgeted.push(`${name} (${unit}${budget === undefined ? '' : `, budget ${budget}`})`);
    return;
  }
  samples.set(b.id, [...(samples.get(b.id) ?? []), value]);
}

function recordId(id: string, value: number): void {
  const b = BUDGETS.find((x) => x.id === id)!;
  record(b.name, value, b.unit);
}

function topology(nodes: number): Topology {
  return {
    nodes: Array.from({ length: nodes }, (_, i) => ({
      name: `node-${String(i + 1).padStart(3, '0')}`,
      cpu: '64',
      memory: '256Gi',
      pods: 110,
      internalIP: `192.168.${49 + Math.floor((i + 2) / 250)}.${((i + 2) % 250) + 2}`,
      podCIDR: `10.244.${i}.0/24`,
    })),
  };
}

function benchPodsToRunning(): Cluster {
  // the control plane's figure (scheduler, kubelets, status): the fake runtime starts containers
  // without running image programs; the writer-loop benchmark measures the real runtime
  const cluster = Cluster.create({ seed: 'bench', topology: topology(100), runtime: (ctx, node) => new FakeRuntime(ctx, node) });
  const { store, clock } = cluster;
  const t0 = performance.now();
  for (let i = 0; i < 5000; i++) {
    store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `pod-${i}`, labels: { app: `app-${i % 50}`, tier: i % 2 ? 'web' : 'db' } },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    });
  }
  const allRunning = () => store.list('pods', { namespace: 'default', fieldSelector: 'status.phase!=Running' }).length === 0;
  // Check progress only at whole virtual seconds: the predicate itself lists 5,000 pods.
  let done = false;
  for (let s = 0; s < 600 && !done; s++) {
    clock.advance(1000);
    done = allRunning();
  }
  const wall = performance.now() - t0;
  if (!done) throw new Error('not all pods reached Running within 10 virtual minutes');
  record('5,000 pods on 100 nodes to Running', wall, 'ms', 2000);
  return cluster;
}

function benchListWithSelector(cluster: Cluster): void {
  const { store } = cluster;
  const runs = 50;
  let count = 0;
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) count += store.list('pods', { namespace: 'default', labelSelector: `app=app-${i % 50},tier in (web)` }).length;
  const per = (performance.now() - t0) / runs;
  if (count === 0) throw new Error('selector matched nothing');
  record('list 5,000 pods with a label selector', per, 'ms', 5);
}

/** Heap in use after a full collection (gc exposed at run time: the bench runs under plain node). */
function heapMB(): number {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

const WRITER = 'while true; do date >> /html/index.html; sleep 1; done';

/** 100 pods on the default minikube node, each appending the date to an emptyDir once a second. */
function benchWriterLoop(): void {
  const cluster = Cluster.create({ seed: 'bench-writer', runtime: (ctx, node, nodeFs) => new ContainerRuntime(ctx, node, { nodeFs }) });
  const { store, clock } = cluster;
  for (let i = 0; i < 100; i++) {
    store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `writer-${i}` },
      spec: {
        containers: [{ name: 'w', image: i % 2 ? 'ubuntu' : 'busybox', command: ['sh', '-c', WRITER], volumeMounts: [{ name: 'html', mountPath: '/html' }] }],
        volumes: [{ name: 'html', emptyDir: {} }],
      },
    });
  }
  const running = () => store.list('pods', { namespace: 'default', fieldSelector: 'status.phase!=Running' }).length === 0;
  clock.advanceUntil(running, 120_000);
  if (!running()) throw new Error('writer pods did not all reach Running');
  const heap0 = heapMB();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  clock.advance(1_800_000);
  const half = performance.now() - t0;
  const cpuHalf = process.cpuUsage(cpu0);
  const heapHalf = heapMB();
  const cpu1 = process.cpuUsage();
  const t1 = performance.now();
  clock.advance(1_800_000);
  const wall = half + performance.now() - t1;
  const cpuEnd = process.cpuUsage(cpu1);
  const heap = heapMB();
  // Every pod must have written a line a second, and still be on its first container.
  const rt = cluster.runtimes.get('minikube') as ContainerRuntime;
  for (const p of store.list('pods', { namespace: 'default' }) as StoredPod[]) {
    const s = p.status.containerStatuses?.[0];
    if (s?.restartCount !== 0 || !s.containerID) throw new Error(`${p.metadata.name} restarted`);
    const lines = rt.containerFs(s.containerID.replace('containerd://', ''))!.readFile('/html/index.html').split('\n').length - 1;
    if (lines < 3600 || lines > 3700) throw new Error(`${p.metadata.name} wrote ${lines} lines in an hour`);
  }
  record('writer loop 100 pods × 1 h', wall, 'ms', 1000);
  // CPU time of the process (user, all threads): on a busy machine it is the steadier figure
  record('writer loop 100 pods × 1 h: CPU time', (cpuHalf.user + cpuEnd.user) / 1000, 'ms', 1000);
  record('writer loop 100 pods × 1 h: heap after', heap, 'MB', 200);
  // The files grow by the same amount in each half hour; anything more is retained garbage.
  record('writer loop: heap growth 2nd half minus 1st', heap - heapHalf - (heapHalf - heap0), 'MB', 5);
}

const CRASHER = 'echo starting; sleep 2; echo failing >&2; exit 1';

/**
 * 100 pods on the default minikube node: 50 whose command exits (CrashLoopBackOff), 50 nginx whose
 * liveness probe fails (restarts, Unhealthy events), all with readiness probes; 1 h virtual.
 */
function benchCrashLoop(): void {
  const cluster = Cluster.create({ seed: 'bench-crash', runtime: (ctx, node, nodeFs) => new ContainerRuntime(ctx, node, { nodeFs }) });
  const { store, clock } = cluster;
  for (let i = 0; i < 100; i++) {
    const probes = { readinessProbe: { tcpSocket: { port: 80 }, periodSeconds: 5 }, ...(i % 2 ? { livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, failureThreshold: 2 } } : {}) };
    const container = i % 2 ? { name: 'c', image: 'nginx', ...probes } : { name: 'c', image: 'busybox', command: ['sh', '-c', CRASHER], ...probes };
    store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: `crash-${i}` }, spec: { containers: [container] } });
  }
  clock.advance(60_000);
  const t0 = performance.now();
  clock.advance(3_600_000);
  const wall = performance.now() - t0;
  const heap = heapMB();
  const restarts = (store.list('pods', { namespace: 'default' }) as StoredPod[]).map((p) => p.status.containerStatuses?.[0]?.restartCount ?? 0);
  // back-off caps at 5 min: every pod restarts at least 12 times an hour
  if (restarts.length !== 100 || Math.min(...restarts) < 10) throw new Error(`crash-looping pods restarted only ${Math.min(...restarts)} times`);
  record('100 crash-looping, probed pods × 1 h', wall, 'ms');
  record('100 crash-looping, probed pods × 1 h: heap after', heap, 'MB');
}

/** The host shell (the learner's terminal) counting to 10,000 in a while loop. */
async function benchShellLoop(): Promise<void> {
  const t = await testSession();
  const t0 = performance.now();
  const out = await t.type('i=0; while [ $i -lt 10000 ]; do i=$((i+1)); done; echo $i');
  const wall = performance.now() - t0;
  if (!out.includes('\n10000\n')) throw new Error(`the loop printed ${JSON.stringify(out.slice(-40))}`);
  record('host shell: 10,000-iteration while loop', wall, 'ms');
}

/** Every lesson's setup and solutions, replayed headlessly as `replay --lesson` does. */
async function benchLessonReplay(): Promise<void> {
  const read = (path: string) => (existsSync(path) ? (statSync(path).isDirectory() ? '' : readFileSync(path, 'utf8')) : undefined);
  // lessons/NN-slug.md and lessons/NN-slug/lesson.md, as lessons:check finds them
  const files = readdirSync('lessons').sort().flatMap((n) => (existsSync(`lessons/${n}/lesson.md`) ? [`lessons/${n}/lesson.md`] : /^\d+.*\.md$/.test(n) ? [`lessons/${n}`] : []));
  if (!files.length) throw new Error('no lessons found');
  const t0 = performance.now();
  for (const file of files) {
    const { lesson, problems } = parseLesson(readFileSync(file, 'utf8'), file, read);
    if (!lesson) throw new Error(`${file}: ${problems.map((p) => p.message).join('; ')}`);
    await replayLesson(lesson);
  }
  record('replay every lesson solution (total)', performance.now() - t0, 'ms');
}

/** The app group runs in its own process (Playwright, a build, vite preview): see bench-app.mjs. */
function benchApp(runs: number): void {
  const out = `${tmpdir()}/podlab-bench-app.json`;
  rmSync(out, { force: true });
  const r = spawnSync('node', ['scripts/bench-app.mjs', '--runs', String(runs), '--out', out], { stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(out)) throw new Error('the app benchmark failed (see above)');
  for (const [id, values] of Object.entries(JSON.parse(readFileSync(out, 'utf8')) as Record<string, number[]>)) for (const v of values) recordId(id, v);
}

/** p50/p95 of `kubectl ARGS` from command line to printed text, in ms. */
async function timeKubectl(cluster: Cluster, args: string[], runs: number): Promise<{ p50: number; p95: number; out: string }> {
  const times: number[] = [];
  let out = '';
  // the first runs compile the code paths (JIT); a learner's terminal has done that after a command or two
  const warmup = 20;
  for (let i = 0; i < warmup + runs; i++) {
    let text = '';
    const t0 = performance.now();
    await runKubectl(args, {
      api: cluster.api, now: () => cluster.clock.now(), sleep: async () => undefined,
      interrupt: { interrupted: false, onInterrupt: () => () => undefined },
      stdout: (d) => void (text += d), stderr: (d) => void (text += d), tty: false, files: memoryFiles(new Map()), vars: {},
    });
    if (i >= warmup) times.push(performance.now() - t0);
    out = text;
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(runs / 2)]!, p95: times[Math.floor(runs * 0.95)]!, out };
}

async function benchKubectl(): Promise<void> {
  const cluster = Cluster.create({ seed: 'bench-kubectl', topology: topology(10), runtime: (ctx, node) => new FakeRuntime(ctx, node) });
  for (let i = 0; i < 1000; i++) {
    cluster.store.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${i}`, labels: { app: `app-${i % 10}` } },
      spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
    });
  }
  cluster.clock.advance(120_000);
  const get = await timeKubectl(cluster, ['get', 'pods'], 200);
  if (get.out.split('\n').length !== 1002) throw new Error('kubectl get pods did not print 1,000 pods');
  record('kubectl get pods (1,000 pods) p50', get.p50, 'ms', 10);
  record('kubectl get pods (1,000 pods) p95', get.p95, 'ms', 10);
  const describe = await timeKubectl(cluster, ['describe', 'pod', 'web-500'], 200);
  if (!describe.out.startsWith('Name:')) throw new Error('kubectl describe pod failed');
  record('kubectl describe pod p50', describe.p50, 'ms', 10);
  record('kubectl describe pod p95', describe.p95, 'ms', 10);
  const yaml = await timeKubectl(cluster, ['get', 'pod', 'web-500', '-o', 'yaml'], 200);
  if (!yaml.out.startsWith('apiVersion: v1')) throw new Error('kubectl get pod -o yaml failed');
  record('kubectl get pod -o yaml p50', yaml.p50, 'ms', 10);
  record('kubectl get pod -o yaml p95', yaml.p95, 'ms', 10);
}

interface Args {
  groups: Group[];
  check: boolean;
  scale: number;
  runs: number;
}

const GROUPS: Group[] = ['engine', 'crashloop', 'writer', 'kubectl', 'shell', 'app'];

function parseArgs(argv: string[]): Args {
  const args: Args = { groups: [], check: false, scale: 1, runs: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--check') args.check = true;
    else if (a === '--scale' || a === '--runs') {
      const n = Number(argv[++i]);
      if (!(n > 0)) throw new Error(`${a} wants a positive number`);
      if (a === '--scale') args.scale = n;
      else args.runs = Math.round(n);
    } else if (GROUPS.includes(a as Group)) args.groups.push(a as Group);
    else throw new Error(`unknown argument ${a}: groups are ${GROUPS.join(', ')}; flags --check, --scale N, --runs N`);
  }
  // no group named: every group, the app's (a build and a browser) included
  if (!args.groups.length) args.groups = [...GROUPS];
  return args;
}

async function runGroup(group: Group, runs: number): Promise<void> {
  if (group === 'app') return benchApp(runs);
  for (let r = 0; r < runs; r++) {
    if (group === 'engine') benchListWithSelector(benchPodsToRunning());
    else if (group === 'crashloop') benchCrashLoop();
    else if (group === 'writer') benchWriterLoop();
    else if (group === 'kubectl') await benchKubectl();
    else {
      await benchShellLoop();
      await benchLessonReplay();
    }
  }
}

function fmt(v: number, unit: string): string {
  return `${Number.isFinite(v) ? Math.round(v * 100) / 100 : v} ${unit}`;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const failures: string[] = [];
  for (const g of args.groups) {
    try {
      await runGroup(g, args.runs);
    } catch (e) {
      failures.push(`${g}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const results: Result[] = [];
  for (const b of BUDGETS) {
    const runs = samples.get(b.id);
    if (!runs) continue;
    const value = median(runs);
    results.push({
      id: b.id, name: b.name, value: Math.round(value * 100) / 100, runs: runs.map((v) => Math.round(v * 100) / 100), unit: b.unit,
      budget: b.budget, checkedAgainst: scaledBudget(b, args.scale), ok: withinBudget(b, value, args.scale), source: b.source,
    });
  }

  // results.json keeps the other groups' latest figures when only some groups ran
  mkdirSync('bench', { recursive: true });
  const file = 'bench/results.json';
  let kept: Result[] = [];
  try {
    kept = (JSON.parse(readFileSync(file, 'utf8')) as { results: Result[] }).results.filter((r) => r.id && !results.some((n) => n.id === r.id));
  } catch {
    // no earlier results (or an older format): start afresh
  }
  const order = (r: Result) => BUDGETS.findIndex((b) => b.id === r.id);
  const all = [...kept, ...results].sort((a, b) => order(a) - order(b));
  writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, runs: args.runs, scale: args.scale, results: all }, null, 2) + '\n');

  const w = Math.max(...BUDGETS.map((b) => b.name.length));
  const scaleNote = args.scale === 1 ? '' : ` (checked at ×${args.scale})`;
  console.log(`\n${'benchmark'.padEnd(w)}  ${'median'.padStart(11)}  ${'budget'.padStart(10)}  ok   (${args.runs} runs${scaleNote})`);
  for (const r of results) {
    const b = BUDGETS.find((x) => x.id === r.id) as Budget;
    console.log(`${r.name.padEnd(w)}  ${fmt(r.value, r.unit).padStart(11)}  ${`${b.higherIsBetter ? '≥' : '≤'}${fmt(r.budget, r.unit)}`.padStart(10)}  ${r.ok ? 'yes' : 'NO '}`);
  }
  for (const u of unbudgeted) failures.push(`a figure with no entry in scripts/bench-budgets.ts: ${u}`);
  for (const f of failures) console.log(`FAILED: ${f}`);
  const missed = results.filter((r) => !r.ok);
  if (missed.length) console.log(`${missed.length} of ${results.length} figures miss their budget${scaleNote}`);
  if (failures.length || (args.check && missed.length)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(`bench: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
