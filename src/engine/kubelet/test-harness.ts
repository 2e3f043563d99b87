// A small cluster for kubelet tests: API store, clock, event recorder, and one kubelet with a
// fake runtime per node. Pods are created already bound (spec.nodeName set), as the scheduler
// would leave them. Test-only; it uses nothing Node-specific.
import type { Container, PodSpec, StoredEvent, StoredPod } from '../api/types';
import { Clock } from '../clock';
import type { EngineContext, NodeTopology } from '../cluster/context';
import { EventRecorder } from '../events';
import { registerStrategies } from '../registry';
import { FakeRuntime, type FakeBehaviours } from '../runtime/fake-runtime';
import { MemFS } from '../runtime/fs/memfs';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import { Kubelet, type KubeletOptions } from './kubelet';
import { seedNodeFiles } from './node-files';

export interface HarnessOptions extends KubeletOptions {
  seed?: number;
  nodes?: NodeTopology[];
  behaviours?: FakeBehaviours;
  /** register the API strategies (defaults and validation); on by default */
  strategies?: boolean;
  /** write each node's files (kubelet config, control-plane manifests) before the kubelets start */
  seedFiles?: boolean;
  /** continue from a snapshot instead of starting fresh */
  restore?: HarnessSnapshot;
}

export interface HarnessSnapshot {
  clock: ReturnType<Clock['snapshot']>;
  random: ReturnType<SeededRandom['state']>;
  store: ReturnType<ApiStore['snapshot']>;
  events: ReturnType<EventRecorder['snapshot']>;
  kubelets: Record<string, unknown>;
  files: Record<string, unknown>;
  start: number;
}

export interface PodInput {
  name: string;
  namespace?: string;
  node?: string;
  spec?: Partial<PodSpec>;
  containers?: Container[];
  labels?: Record<string, string>;
}

export class KubeletHarness {
  readonly clock = new Clock();
  readonly random: SeededRandom;
  readonly store: ApiStore;
  readonly events: EventRecorder;
  readonly ctx: EngineContext;
  readonly kubelets = new Map<string, Kubelet>();
  readonly runtimes = new Map<string, FakeRuntime>();
  readonly files = new Map<string, MemFS>();
  start: number;

  constructor(opts: HarnessOptions = {}) {
    this.random = new SeededRandom(opts.seed ?? 1);
    this.store = new ApiStore(this.clock, this.random);
    if (opts.strategies !== false) registerStrategies(this.store);
    this.events = new EventRecorder(this.store, this.clock);
    this.ctx = { clock: this.clock, random: this.random, store: this.store, events: this.events };
    this.start = this.clock.now();
    const nodes = opts.nodes ?? [{ name: 'minikube', controlPlane: true, internalIP: '192.168.49.2', podCIDR: '10.244.0.0/24' }];
    nodes.forEach((node, i) => {
      const fs = new MemFS(this.clock);
      if (opts.seedFiles && !opts.restore) seedNodeFiles(fs, { name: node.name, controlPlane: !!node.controlPlane, internalIP: node.internalIP ?? `192.168.49.${2 + i}` });
      const runtime = new FakeRuntime(this.ctx, opts.behaviours, node.name);
      const kubelet = new Kubelet(this.ctx, node, i, runtime, fs, { timings: opts.timings });
      this.files.set(node.name, fs);
      this.runtimes.set(node.name, runtime);
      this.kubelets.set(node.name, kubelet);
    });
    const snap = opts.restore;
    if (snap) {
      // the order a cluster restores in: clock, random, API objects, events, node files, components
      this.clock.restore(snap.clock);
      this.random.restoreState(snap.random);
      this.store.restore(snap.store);
      this.events.restore(snap.events);
      for (const [name, fs] of this.files) fs.restore(snap.files[name]);
      for (const [name, k] of this.kubelets) k.restore(snap.kubelets[name]);
      this.start = snap.start;
      for (const k of this.kubelets.values()) k.start();
      return;
    }
    for (const k of this.kubelets.values()) k.start();
    this.clock.runUntilIdle();
  }

  /** Everything, as JSON text would carry it. */
  snapshot(): HarnessSnapshot {
    const kubelets: Record<string, unknown> = {};
    const files: Record<string, unknown> = {};
    for (const [name, k] of this.kubelets) kubelets[name] = k.snapshot();
    for (const [name, fs] of this.files) files[name] = fs.snapshot();
    return JSON.parse(JSON.stringify({
      clock: this.clock.snapshot(), random: this.random.state(), store: this.store.snapshot(), events: this.events.snapshot(),
      kubelets, files, start: this.start,
    }));
  }

  get kubelet(): Kubelet {
    return this.kubelets.values().next().value!;
  }

  createPod(p: PodInput): StoredPod {
    const node = p.node ?? this.kubelet.nodeName;
    return this.store.create('pods', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace ?? 'default', labels: p.labels },
      spec: { containers: p.containers ?? [{ name: p.name, image: 'nginx' }], ...p.spec, nodeName: node },
    });
  }

  pod(name: string, namespace = 'default'): StoredPod | undefined {
    return this.store.tryGet('pods', namespace, name);
  }

  /** Seconds since the harness started, with milliseconds. */
  t(): number {
    return (this.clock.now() - this.start) / 1000;
  }

  advance(seconds: number): void {
    this.clock.advance(seconds * 1000);
  }

  /** Events about a pod in the order they were first recorded: "Type Reason Message". */
  eventLines(podName: string): string[] {
    return this.podEvents(podName).map((e) => `${e.type} ${e.reason} ${e.message}`);
  }

  podEvents(podName: string): StoredEvent[] {
    return this.store.list('events').filter((e) => e.involvedObject.name === podName)
      .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  }

  /** Events with the second (since start) they were first seen: "12.3 Normal Pulled ...". */
  timedEvents(podName: string): string[] {
    return this.podEvents(podName).map((e) => {
      const nanos = BigInt(`0x${e.metadata.name.slice(e.metadata.name.lastIndexOf('.') + 1)}`);
      const ms = Number(nanos / 1_000_000n) - this.start;
      return `${ms / 1000} ${e.reason} ${e.message}`;
    });
  }
}
