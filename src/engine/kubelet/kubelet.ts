// One kubelet per node: it registers the Node, runs the pods bound to it (from the API server and
// from its static pod folder) through its pod workers, and keeps their status and mirror pods.
// It is the runtime's listener, the prober manager's host and the static pod source's host.
// The node's filesystem is the cluster's to snapshot; everything else the kubelet knows is here.
import type { StoredPod } from '../api/types';
import type { Component, EngineContext, NodeTopology } from '../cluster/context';
import { deepEqual } from '../store/clone';
import type { WatchEvent } from '../store/store';
import type { ContainerExit, RuntimeListener, RuntimeService } from '../runtime/cri';
import type { MemFS } from '../runtime/fs/memfs';
import { KUBELET_CONDITION_TYPES } from './conditions';
import { ImageManager, type ImageManagerState } from './image-manager';
import { Ipam, type IpamState } from './ipam';
import { isMirrorPod, MirrorPodClient } from './mirror-pods';
import { NodeLeaseController, type NodeLeaseState } from './node-lease';
import { buildNode, newNodeIdentity, nodeInternalIP, nodePodCIDR } from './node-status';
import { watchNodePods } from './pod-dispatch';
import { KUBELET_TIMINGS, PodWorkers, type KubeletTimings, type PodWorkersState } from './pod-workers';
import { ProberManager, type ProberHost } from './prober/prober-manager';
import { StaticPodSource, type StaticPodHost } from './static-pods';
import { StatusManager } from './status-manager';

export interface KubeletOptions {
  /** runtime step durations (defaults: KUBELET_TIMINGS) */
  timings?: Partial<KubeletTimings>;
  /**
   * A fresh worker joins this long after the cluster starts: minikube brings the control plane up
   * and applies its addons (CoreDNS, storage-provisioner) before it adds the other nodes one by
   * one (pkg/minikube/node/start.go), so those pods are scheduled while minikube is alone.
   */
  joinAfterMs?: number;
}

export interface KubeletState {
  nodeUid: string;
  runtime: unknown;
  images: ImageManagerState;
  ipam: IpamState;
  workers: PodWorkersState;
  prober: unknown;
  staticPods: unknown;
  mirrors: unknown;
  /** absent in snapshots from before node leases */
  lease?: NodeLeaseState;
}

export class Kubelet implements Component, StaticPodHost, ProberHost, RuntimeListener {
  readonly name: string;
  readonly nodeName: string;
  readonly hostIP: string;
  readonly images: ImageManager;
  readonly ipam: Ipam;
  readonly prober: ProberManager;
  readonly status: StatusManager;
  readonly workers: PodWorkers;
  readonly staticPods: StaticPodSource;
  readonly mirrors: MirrorPodClient;
  readonly lease: NodeLeaseController;
  private nodeUid = '';
  private restored = false;
  private joined = false;
  private readonly joinAfterMs: number;
  private unwatch?: () => void;

  constructor(
    private readonly ctx: EngineContext,
    readonly node: NodeTopology,
    readonly index: number,
    readonly runtime: RuntimeService,
    readonly fs: MemFS,
    opts: KubeletOptions = {},
  ) {
    this.nodeName = node.name;
    this.name = `kubelet/${node.name}`;
    this.hostIP = nodeInternalIP(node, index);
    this.ipam = new Ipam(nodePodCIDR(node, index));
    this.images = new ImageManager(ctx, this.nodeName, runtime);
    this.prober = new ProberManager(ctx, this.nodeName, runtime, this);
    this.mirrors = new MirrorPodClient(ctx, this.nodeName, () => this.nodeUid);
    this.status = new StatusManager(ctx, this.hostIP, this.prober, (sp) => this.mirrors.mirrorOf(sp));
    this.workers = new PodWorkers({
      ctx, nodeName: this.nodeName, hostIP: this.hostIP, runtime, images: this.images, ipam: this.ipam,
      prober: this.prober, status: this.status, timings: { ...KUBELET_TIMINGS, ...opts.timings },
    });
    this.staticPods = new StaticPodSource(ctx, this.nodeName, fs, this);
    this.lease = new NodeLeaseController(ctx, this.nodeName);
    this.mirrors.onMirrorCreated = (staticPod) => this.workers.requestSync(staticPod.metadata.uid);
    runtime.setListener(this);
    this.joinAfterMs = opts.joinAfterMs ?? 0;
    ctx.clock.register(`${this.name}/join`, () => this.join());
  }

  /** Join the cluster now, or (a fresh worker) once the control plane is up. */
  start(): void {
    if (this.restored || this.joinAfterMs <= 0) return this.join();
    this.ctx.clock.schedule(this.joinAfterMs, `${this.name}/join`);
  }

  /** Register the Node and start its lease, watch this node's pods, read the static pod folder. */
  private join(): void {
    // a restored kubelet may still find its join task on the clock
    if (this.joined) return;
    this.joined = true;
    this.registerNode();
    this.lease.start();
    this.unwatch ??= watchNodePods(this.ctx.store, this.nodeName, (e) => this.onPodEvent(e));
    // The mirror client watches this node's pods once it keeps a mirror (ensureMirror starts it);
    // nodes without static pods do without that watch.
    if (this.restored && this.staticPods.pods().length) this.mirrors.start();
    this.staticPods.start();
    if (this.restored) return;
    // pods bound before the kubelet started (the informer's initial list)
    for (const pod of this.ctx.store.list('pods')) {
      if (pod.spec.nodeName === this.nodeName && !isMirrorPod(pod)) this.workers.upsert(pod, false);
    }
  }

  /** The Node object's uid ('' until registered). */
  uid(): string {
    return this.nodeUid;
  }

  // ---------- StaticPodHost ----------

  upsertStaticPod(pod: StoredPod): void {
    this.workers.upsert(pod, true);
    this.mirrors.ensureMirror(pod);
  }

  removeStaticPod(uid: string): void {
    const w = this.workers.get(uid);
    if (!w) return;
    this.mirrors.deleteMirror(w.pod);
    this.workers.markRemoved(uid);
  }

  // ---------- ProberHost ----------

  onProbeResultChanged(podUid: string): void {
    this.workers.probeResultChanged(podUid);
  }

  killContainerForProbe(
    podUid: string, _containerName: string, containerId: string, _type: 'liveness' | 'startup', message: string, probeGracePeriodSeconds?: number,
  ): void {
    this.workers.killForProbe(podUid, containerId, message, probeGracePeriodSeconds);
  }

  // ---------- RuntimeListener ----------

  onContainerExited(exit: ContainerExit): void {
    this.workers.onContainerExited(exit);
  }

  // ---------- snapshot ----------

  snapshot(): KubeletState {
    return {
      nodeUid: this.nodeUid,
      runtime: this.runtime.snapshot(),
      images: this.images.snapshot(),
      ipam: this.ipam.snapshot(),
      workers: this.workers.snapshot(),
      prober: this.prober.snapshot(),
      staticPods: this.staticPods.snapshot(),
      mirrors: this.mirrors.snapshot(),
      lease: this.lease.snapshot(),
    };
  }

  restore(state: unknown): void {
    const s = state as KubeletState;
    this.nodeUid = s.nodeUid;
    this.runtime.restore(s.runtime);
    this.images.restore(s.images);
    this.ipam.restore(s.ipam);
    this.workers.restore(s.workers);
    this.prober.restore(s.prober);
    this.staticPods.restore(s.staticPods);
    this.mirrors.restore(s.mirrors);
    this.lease.restore(s.lease);
    this.restored = true;
  }

  // ---------- internals ----------

  /** kubelet_node_status.go registerWithAPIServer: create the Node unless it exists. */
  private registerNode(): void {
    const existing = this.ctx.store.tryGet('nodes', undefined, this.nodeName);
    if (existing) {
      this.nodeUid = existing.metadata.uid;
      return;
    }
    const node = buildNode(this.node, this.index, newNodeIdentity(this.ctx.random), this.ctx.clock.now());
    this.nodeUid = this.ctx.store.create('nodes', node).metadata.uid;
  }

  /** The informer side: only record and enqueue; the pod workers do the work in clock tasks. */
  private onPodEvent(e: WatchEvent<StoredPod>): void {
    const pod = e.object;
    if (isMirrorPod(pod)) {
      // a mirror pod appeared or changed: make sure it shows its static pod's status
      for (const w of this.workers.all()) {
        if (w.isStatic && !w.removed && w.pod.metadata.name === pod.metadata.name && w.pod.metadata.namespace === pod.metadata.namespace) {
          if (e.type !== 'DELETED') this.workers.requestSync(w.uid);
        }
      }
      return;
    }
    if (e.type === 'DELETED') {
      this.workers.markRemoved(pod.metadata.uid);
      return;
    }
    const w = this.workers.get(pod.metadata.uid);
    if (!w) {
      this.workers.upsert(pod, false);
      return;
    }
    if (differSemantically(w.pod, pod)) this.workers.upsert(pod, false);
    else if (pod.spec.readinessGates?.length && conditionsNotOwnedChanged(e.oldObject, pod)) this.workers.requestSync(w.uid);
  }
}

/** pkg/kubelet/config/config.go podsDifferSemantically: a status-only write is not a change. */
function differSemantically(a: StoredPod, b: StoredPod): boolean {
  const am = a.metadata;
  const bm = b.metadata;
  return am.deletionTimestamp !== bm.deletionTimestamp
    || am.deletionGracePeriodSeconds !== bm.deletionGracePeriodSeconds
    || !deepEqual(a.spec, b.spec)
    || !deepEqual(am.labels, bm.labels)
    || !deepEqual(am.annotations, bm.annotations);
}

/** config.go checkAndUpdatePod + status.NeedToReconcilePodReadiness: readiness gates read these. */
function conditionsNotOwnedChanged(old: StoredPod | undefined, pod: StoredPod): boolean {
  const pick = (p: StoredPod | undefined) => (p?.status?.conditions ?? []).filter((c) => !KUBELET_CONDITION_TYPES.includes(c.type));
  return !deepEqual(pick(old), pick(pod));
}
