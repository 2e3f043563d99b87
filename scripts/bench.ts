// `npm run bench`: engine benchmarks with budgets. Writes bench/results.json and prints a table.
// Wall-clock numbers on purpose (this is the one place real time is read); tests never time things.
// The script bundles this file with esbuild into bench/.bench.cjs and runs it with plain node, so
// the engine runs bundled, as in the browser. Profile that bundle with
// `node --cpu-prof --cpu-prof-dir=/tmp/prof bench/.bench.cjs`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Cluster } from '../src/engine/cluster/cluster';
import type { Topology } from '../src/engine/cluster/context';

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
  const cluster = Cluster.create({ seed: 'bench', topology: topology(100) });
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

const cluster = benchPodsToRunning();
benchListWithSelector(cluster);

mkdirSync('bench', { recursive: true });
writeFileSync('bench/results.json', JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2) + '\n');
const w = Math.max(...results.map((r) => r.name.length));
console.log(`${'benchmark'.padEnd(w)}  ${'value'.padStart(10)}  ${'budget'.padStart(10)}  ok`);
for (const r of results) console.log(`${r.name.padEnd(w)}  ${`${r.value} ${r.unit}`.padStart(10)}  ${`${r.budget} ${r.unit}`.padStart(10)}  ${r.ok ? 'yes' : 'NO'}`);
if (results.some((r) => !r.ok)) process.exitCode = 1;
