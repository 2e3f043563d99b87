// `npm run bench`: engine benchmarks with budgets. Writes bench/results.json and prints a table.
// Wall-clock numbers on purpose (this is the one place real time is read); tests never time things.
// The script bundles this file with esbuild into bench/.bench.cjs and runs it with plain node, so
// the engine runs bundled, as in the browser. Profile that bundle with
// `node --cpu-prof --cpu-prof-dir=/tmp/prof bench/.bench.cjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
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

interface Result {
  name: string;
  value: number;
  unit: string;
  budget: number;
  ok: boolean;
}

const results: Result[] = [];

function record(name: string, value: number, unit: string, budget: number): void {
  results.push({ name, value: Math.round(value * 100) / 100, unit, budget, ok: value <= budget });
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
  const t0 = performance.now();
  clock.advance(1_800_000);
  const half = performance.now() - t0;
  const heapHalf = heapMB();
  const t1 = performance.now();
  clock.advance(1_800_000);
  const wall = half + performance.now() - t1;
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
  record('writer loop 100 pods × 1 h: heap after', heap, 'MB', 200);
  // The files grow by the same amount in each half hour; anything more is retained garbage.
  record('writer loop: heap growth 2nd half minus 1st', heap - heapHalf - (heapHalf - heap0), 'MB', 5);
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
  record('kubectl get pod -o yaml p95', yaml.p95, 'ms', 10);
}

// `npm run bench -- writer` runs only the benchmarks whose group name contains "writer".
async function main(): Promise<void> {
  const only = process.argv[2] ?? '';
  if ('pods to running'.includes(only)) benchListWithSelector(benchPodsToRunning());
  if ('writer loop'.includes(only)) benchWriterLoop();
  if ('kubectl'.includes(only)) await benchKubectl();

  mkdirSync('bench', { recursive: true });
  writeFileSync('bench/results.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
  const w = Math.max(...results.map((r) => r.name.length));
  console.log(`${'benchmark'.padEnd(w)}  ${'value'.padStart(10)}  ${'budget'.padStart(10)}  ok`);
  for (const r of results) console.log(`${r.name.padEnd(w)}  ${`${r.value} ${r.unit}`.padStart(10)}  ${`${r.budget} ${r.unit}`.padStart(10)}  ${r.ok ? 'yes' : 'NO'}`);
  if (results.some((r) => !r.ok)) process.exitCode = 1;
}

void main();
