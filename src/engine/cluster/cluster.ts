// A whole simulated cluster: one API store, the control-plane controllers, the scheduler and
// one kubelet (with its container runtime and node filesystem) per node, all on one virtual
// clock and one seeded random source. Snapshot/restore covers every part as JSON.
import { Clock, DEFAULT_START_TIME, type ClockState } from '../clock';
import { SeededRandom, type RandomState } from '../../shared/random';
import { ApiStore, type StoreState, type WatchEvent } from '../store/store';
import { InProcessKubeApi, type KubeApi } from '../kube-api';
import { PodLogs } from './pod-logs';
import { PodStreams } from './pod-streams';
import { EventRecorder, type EventRecorderState } from '../events';
import { registerStrategies } from '../registry';
import { bootstrapCluster } from './bootstrap';
import { Scheduler } from '../scheduler/scheduler';
import { Kubelet } from '../kubelet/kubelet';
import { ContainerRuntime } from '../runtime/container-runtime';
import type { RuntimeService } from '../runtime/cri';
import { MemFS } from '../runtime/fs/memfs';
import { ClusterNetwork } from '../runtime/net/cluster-network';
import { MetricsServer } from '../metrics/metrics-server';
import { seedNodeFiles } from '../kubelet/node-files';
import { ReplicaSetController } from '../controllers/replicaset';
import { DeploymentController } from '../controllers/deployment';
import { GarbageCollector } from '../controllers/garbage-collector';
import { ServiceAccountController } from '../controllers/serviceaccount';
import { PersistentVolumeController } from '../controllers/pv-binder';
import { EndpointsController } from '../controllers/endpoints';
import { NamespaceController } from '../controllers/namespace';
import { TaintEvictionController } from '../controllers/taint-eviction';
import { DEFAULT_TOPOLOGY, type Component, type EngineContext, type Topology } from './context';

export interface ClusterOptions {
  seed?: number | string;
  topology?: Topology;
  /** Virtual epoch ms at which the learner starts (default 2026-11-21 12:00:00 UTC). */
  startTime?: number;
  /**
   * How long the cluster has already been up at startTime (default 15 min): it is created that
   * much earlier and run until startTime, so system pods are Running with realistic ages.
   */
  warmUpMs?: number;
  /**
   * Builds each node's container runtime (given the node's filesystem and the cluster network it
   * joins); defaults to the built-in one.
   */
  runtime?: (ctx: EngineContext, nodeName: string, nodeFs: MemFS, network: ClusterNetwork) => RuntimeService;
}

const DEFAULT_WARM_UP_MS = 15 * 60_000;

export interface ClusterSnapshot {
  format: 'podlab-cluster/v1';
  topology: Topology;
  clock: ClockState;
  random: RandomState;
  store: StoreState;
  events: EventRecorderState;
  nodeFiles: Record<string, unknown>;
  components: Record<string, unknown>;
}

export class Cluster {
  readonly clock: Clock;
  readonly random: SeededRandom;
  readonly store: ApiStore;
  readonly events: EventRecorder;
  readonly ctx: EngineContext;
  readonly topology: Topology;
  readonly scheduler: Scheduler;
  readonly kubelets = new Map<string, Kubelet>();
  readonly runtimes = new Map<string, RuntimeService>();
  readonly nodeFiles = new Map<string, MemFS>();
  /** Pod network namespaces, Services (kube-proxy) and cluster DNS for every node's runtime. */
  readonly network: ClusterNetwork;
  /** The API kubectl and the lesson runtime talk to. */
  readonly api: KubeApi;
  private readonly components: Component[] = [];

  /** A fresh cluster, bootstrapped and settled at its start time. */
  static create(opts: ClusterOptions = {}): Cluster {
    const start = opts.startTime ?? DEFAULT_START_TIME;
    const warmUp = opts.warmUpMs ?? DEFAULT_WARM_UP_MS;
    const c = new Cluster({ ...opts, startTime: start - warmUp });
    bootstrapCluster(c.ctx, c.topology);
    for (const [name, fs] of c.nodeFiles) {
      const k = c.topology.nodes.find((n) => n.name === name)!;
      seedNodeFiles(fs, { name, controlPlane: !!k.controlPlane, internalIP: k.internalIP ?? '' });
    }
    c.start();
    c.clock.advance(warmUp);
    return c;
  }

  /** A cluster continued from a snapshot; it behaves exactly as the original would have. */
  static restore(snap: ClusterSnapshot, opts: Omit<ClusterOptions, 'topology' | 'seed' | 'startTime'> = {}): Cluster {
    if (snap.format !== 'podlab-cluster/v1') throw new Error(`unsupported snapshot format ${String(snap.format)}`);
    const c = new Cluster({ ...opts, topology: snap.topology, startTime: snap.clock.now });
    c.clock.restore(snap.clock);
    c.random.restoreState(snap.random);
    c.store.restore(snap.store);
    c.events.restore(snap.events);
    for (const [name, fs] of c.nodeFiles) if (snap.nodeFiles[name]) fs.restore(snap.nodeFiles[name]);
    for (const comp of c.components) if (comp.restore && snap.components[comp.name] !== undefined) comp.restore(snap.components[comp.name]);
    c.start();
    return c;
  }

  private constructor(opts: ClusterOptions) {
    this.topology = structuredClone(opts.topology ?? DEFAULT_TOPOLOGY);
    this.clock = new Clock(opts.startTime);
    this.random = new SeededRandom(opts.seed ?? 1);
    this.store = new ApiStore(this.clock, this.random);
    registerStrategies(this.store);
    this.events = new EventRecorder(this.store, this.clock);
    this.ctx = { clock: this.clock, random: this.random, store: this.store, events: this.events };
    // the real runtime runs what the images contain; tests may still pass the FakeRuntime
    const makeRuntime = opts.runtime ?? ((ctx, node, fs, network) => new ContainerRuntime(ctx, node, { nodeFs: fs, network }));
    this.components.push(
      new NamespaceController(this.ctx),
      new ServiceAccountController(this.ctx),
      new GarbageCollector(this.ctx),
      new DeploymentController(this.ctx),
      new ReplicaSetController(this.ctx),
      new PersistentVolumeController(this.ctx),
      new EndpointsController(this.ctx),
      new TaintEvictionController(this.ctx),
    );
    const runtimeFor = (node: string) => this.runtimes.get(node);
    const logs = new PodLogs(this.store, this.clock, runtimeFor);
    const streams = new PodStreams(this.store, runtimeFor);
    // minikube's metrics-server addon, enabled: `kubectl top` works
    const metrics = new MetricsServer(this.ctx, runtimeFor);
    this.components.push(metrics);
    this.api = new InProcessKubeApi(this.store, {
      logs: (ns, name, o) => logs.logs(ns, name, o),
      exec: (ns, name, o, io) => streams.exec(ns, name, o, io),
      attach: (ns, name, container, io) => streams.attach(ns, name, container, io),
      portForward: (ns, name, port) => streams.portForward(ns, name, port),
    }, metrics);
    this.scheduler = new Scheduler(this.ctx);
    this.network = new ClusterNetwork(this.ctx);
    this.components.push(this.scheduler, this.network);
    this.topology.nodes.forEach((node, i) => {
      const fs = new MemFS(this.clock);
      this.nodeFiles.set(node.name, fs);
      const runtime = makeRuntime(this.ctx, node.name, fs, this.network);
      this.runtimes.set(node.name, runtime);
      // workers join after the control plane (when the topology has one), one every 30 s
      const worker = this.topology.nodes.some((n) => n.controlPlane) && !node.controlPlane;
      const joinAfterMs = worker ? 30_000 * this.topology.nodes.slice(0, i + 1).filter((n) => !n.controlPlane).length : 0;
      const kubelet = new Kubelet(this.ctx, node, i, runtime, fs, { joinAfterMs });
      this.kubelets.set(node.name, kubelet);
      this.components.push(kubelet);
    });
  }

  /**
   * Every change to every object, as it happens (for the UI and autosave). Listeners must not
   * write to the cluster from inside the callback; schedule work instead.
   */
  subscribe(listener: (resource: string, event: WatchEvent) => void): () => void {
    return this.store.watchAll(listener);
  }

  private start(): void {
    for (const c of this.components) c.start();
  }

  /**
   * The cluster's whole state, detached from it. `shared`: parts may still be the live (frozen or
   * component-owned) objects — for a caller that serializes at once (autosave), which saves a deep
   * copy of megabytes on every save of a big cluster.
   */
  snapshot(opts: { shared?: boolean } = {}): ClusterSnapshot {
    const components: Record<string, unknown> = {};
    for (const c of this.components) if (c.snapshot) components[c.name] = c.snapshot();
    const nodeFiles: Record<string, unknown> = {};
    for (const [name, fs] of this.nodeFiles) nodeFiles[name] = fs.snapshot();
    const detach: <T>(v: T) => T = opts.shared ? (v) => v : structuredClone;
    return detach({
      format: 'podlab-cluster/v1' as const,
      topology: this.topology,
      clock: this.clock.snapshot(),
      random: this.random.state(),
      store: this.store.snapshot(),
      events: this.events.snapshot(),
      nodeFiles,
      components,
    });
  }
}
