// The start half of SyncPod (pkg/kubelet/kuberuntime/kuberuntime_manager.go SyncPod,
// kuberuntime_container.go startContainer): create the sandbox, then for each container to start,
// in order: crash-loop backoff (doBackOff), image (EnsureImageExists), config
// (generateContainerConfig), CreateContainer, StartContainer. Steps that take time wait on the
// clock (timings are data); a step's timer carries the worker's op token, so a superseded step is
// a no-op. Failures land in the reason cache and the sync is retried later.
import type { Container } from '../api/types';
import type { ImageInfo } from '../runtime/cri';
import { goDuration } from '../../shared/duration';
import type { Backoff } from './backoff';
import { containerConfigError } from './container-config';
import {
  containerSpec, fieldPathOf, formatPod, latest, podRef, pruneHistory, stableKey, type ContainerKind, type PodWorkerState,
} from './pod-state';
import { SYNC_BACKOFF_PERIOD_MS, type PodWorkerDeps } from './kubelet-deps';

/** What the start sequence needs from the pod workers. */
export interface StartSequenceHost {
  worker(uid: string): PodWorkerState | undefined;
  /** index a new container instance for the runtime's exit reports */
  track(containerId: string, uid: string): void;
  untrack(containerId: string): void;
  /** the sandbox is ready: SyncPod goes on at once */
  afterSandbox(w: PodWorkerState): void;
  /** a container started (a PLEG event): sync again now */
  resyncNow(w: PodWorkerState): void;
  /** sync again after a while (a failed start, a backoff) */
  requeue(w: PodWorkerState, delayMs: number): void;
}

interface TimerData {
  uid: string;
  token: number;
}

export class StartSequence {
  private readonly opTarget: string;
  private readonly source: { component: string; host: string };

  constructor(private readonly d: PodWorkerDeps, private readonly backoff: Backoff, private readonly host: StartSequenceHost) {
    this.source = { component: 'kubelet', host: d.nodeName };
    this.opTarget = `kubelet/${d.nodeName}/op`;
    d.ctx.clock.register(this.opTarget, (t: TimerData) => this.onOp(t));
  }

  /** RunPodSandbox after sandboxMs. */
  createSandbox(w: PodWorkerState): void {
    this.beginOp(w, { kind: 'sandbox', token: 0 }, this.d.timings.sandboxMs);
  }

  /**
   * Start these containers, in order.
   * @param statusReported the sync reported the status just before and changed nothing since
   */
  begin(w: PodWorkerState, names: string[], statusReported = false): void {
    w.queue = names;
    w.seq = { started: false };
    this.run(w, statusReported && names.length === 0);
  }

  /** A step in flight is dropped; a container created but not started is removed. */
  abort(w: PodWorkerState): void {
    const op = w.op;
    if (!op) return;
    w.op = undefined;
    w.opToken++;
    if (op.kind === 'start') {
      this.d.runtime.removeContainer(op.containerId);
      this.host.untrack(op.containerId);
      w.containers = w.containers.filter((c) => c.id !== op.containerId);
    }
  }

  /**
   * Start the queued containers one after another; a step that takes time resumes from its timer.
   * @param statusReported nothing is queued and the caller's sync has just reported the status
   */
  private run(w: PodWorkerState, statusReported = false): void {
    const { ctx, images } = this.d;
    while (w.queue.length) {
      const name = w.queue[0]!;
      const found = containerSpec(w.pod, name);
      if (!found) {
        w.queue.shift();
        continue;
      }
      const { spec, kind } = found;
      if (this.inCrashLoopBackOff(w, spec, kind)) {
        this.failStep(w, kind);
        continue;
      }
      const ref = podRef(w.pod, fieldPathOf(name, kind));
      const res = images.ensureImageExists(w.pod, spec, ref);
      if (res.status === 'failed') {
        // kuberuntime_container.go startContainer
        ctx.events.event(this.source, ref, 'Warning', 'Failed', `Error: ${res.reason}`);
        w.reasons[name] = { reason: res.reason, message: res.message };
        const ends = res.reason === 'ImagePullBackOff' ? images.backoffEndsAt(w.pod, spec.image ?? '') : undefined;
        this.retryAt(w, ends ?? ctx.clock.now() + SYNC_BACKOFF_PERIOD_MS);
        this.failStep(w, kind);
        continue;
      }
      if (res.status === 'pulling') {
        this.beginOp(w, { kind: 'pull', token: 0, name, ticket: res.ticket }, res.ticket.doneAt - ctx.clock.now());
        return;
      }
      if (this.beginCreate(w, spec, kind, res.image)) return;
    }
    this.endSequence(w, statusReported);
  }

  /** kuberuntime_manager.go doBackOff: an exited container waits out its crash-loop backoff. */
  private inCrashLoopBackOff(w: PodWorkerState, spec: Container, kind: ContainerKind): boolean {
    const last = latest(w, spec.name);
    if (!last || last.state !== 'exited' || last.finishedAt === undefined) return false;
    const key = stableKey(w.pod, spec);
    if (!this.backoff.isInBackOffSince(key, last.finishedAt)) {
      this.backoff.next(key, last.finishedAt);
      return false;
    }
    const pod = formatPod(w.pod);
    const delay = this.backoff.get(key);
    // kuberuntime_manager.go doBackOff
    this.d.ctx.events.event(this.source, podRef(w.pod, fieldPathOf(spec.name, kind)), 'Warning', 'BackOff',
      `Back-off restarting failed container ${spec.name} in pod ${pod}`);
    w.reasons[spec.name] = { reason: 'CrashLoopBackOff', message: `back-off ${goDuration(delay)} restarting failed container=${spec.name} pod=${pod}` };
    this.retryAt(w, last.finishedAt + delay);
    return true;
  }

  /** A start failed: a regular init container stops the sequence, others let it go on. */
  private failStep(w: PodWorkerState, kind: ContainerKind): void {
    w.queue.shift();
    if (kind === 'init') w.queue = [];
  }

  private retryAt(w: PodWorkerState, at: number): void {
    if (!w.seq) w.seq = { started: false };
    w.seq.retryAt = w.seq.retryAt === undefined ? at : Math.min(w.seq.retryAt, at);
  }

  /** generateContainerConfig, then CreateContainer after createMs. False if the config is wrong. */
  private beginCreate(w: PodWorkerState, spec: Container, kind: ContainerKind, image: ImageInfo): boolean {
    const err = containerConfigError(this.d.ctx.store, w.pod, spec);
    if (err) {
      // kuberuntime_container.go startContainer: ErrCreateContainerConfig
      this.d.ctx.events.event(this.source, podRef(w.pod, fieldPathOf(spec.name, kind)), 'Warning', 'Failed', `Error: ${err}`);
      w.reasons[spec.name] = { reason: 'CreateContainerConfigError', message: err };
      this.retryAt(w, this.d.ctx.clock.now() + SYNC_BACKOFF_PERIOD_MS);
      this.failStep(w, kind);
      return false;
    }
    this.beginOp(w, { kind: 'create', token: 0, name: spec.name, image }, this.d.timings.createMs);
    return true;
  }

  private beginOp(w: PodWorkerState, op: NonNullable<PodWorkerState['op']>, delayMs: number): void {
    op.token = ++w.opToken;
    w.op = op;
    this.d.ctx.clock.schedule(Math.max(0, delayMs), this.opTarget, { uid: w.uid, token: op.token } satisfies TimerData);
  }

  private onOp(t: TimerData): void {
    const w = this.host.worker(t.uid);
    const op = w?.op;
    if (!w || !op || op.token !== t.token) return; // superseded
    w.op = undefined;
    const { ctx, runtime } = this.d;
    const now = ctx.clock.now();
    if (op.kind === 'sandbox') {
      this.finishSandbox(w);
      return;
    }
    const found = containerSpec(w.pod, op.name);
    if (!found) {
      this.run(w);
      return;
    }
    const { spec, kind } = found;
    const ref = podRef(w.pod, fieldPathOf(op.name, kind));
    if (op.kind === 'pull') {
      const out = this.d.images.finishPull(w.pod, op.ticket, ref);
      if (out.ok) {
        if (this.beginCreate(w, spec, kind, out.image)) return;
      } else {
        ctx.events.event(this.source, ref, 'Warning', 'Failed', `Error: ${out.reason}`);
        w.reasons[op.name] = { reason: out.reason, message: out.message };
        this.retryAt(w, this.d.images.backoffEndsAt(w.pod, op.ticket.image) ?? now + SYNC_BACKOFF_PERIOD_MS);
        this.failStep(w, kind);
      }
      this.run(w);
      return;
    }
    if (op.kind === 'create') {
      const prev = latest(w, op.name);
      let id: string;
      try {
        id = runtime.createContainer(w.sandbox!.id, {
          podUid: w.uid, podName: w.pod.metadata.name, namespace: w.pod.metadata.namespace ?? 'default', nodeName: this.d.nodeName,
          podIP: w.sandbox!.ip, container: spec, kind, restartCount: prev ? prev.attempt + 1 : 0, pod: w.pod,
        });
      } catch (e) {
        const msg = e instanceof Error ? e.message : String(e);
        // kuberuntime_container.go startContainer: ErrCreateContainer
        ctx.events.event(this.source, ref, 'Warning', 'Failed', `Error: ${msg}`);
        w.reasons[op.name] = { reason: 'CreateContainerError', message: msg };
        this.retryAt(w, now + SYNC_BACKOFF_PERIOD_MS);
        this.failStep(w, kind);
        this.run(w);
        return;
      }
      w.containers.push({
        id, name: op.name, kind, state: 'created', attempt: prev ? prev.attempt + 1 : 0,
        image: op.image.ref, imageID: op.image.id, specImage: spec.image ?? '', createdAt: now,
      });
      this.host.track(id, w.uid);
      for (const old of pruneHistory(w, op.name)) {
        runtime.removeContainer(old.id);
        this.host.untrack(old.id);
      }
      // kuberuntime_container.go startContainer
      ctx.events.event(this.source, ref, 'Normal', 'Created', `Created container: ${op.name}`);
      this.beginOp(w, { kind: 'start', token: 0, name: op.name, containerId: id }, this.d.timings.startMs);
      return;
    }
    // start
    const c = w.containers.find((x) => x.id === op.containerId);
    if (!c) {
      this.run(w);
      return;
    }
    try {
      runtime.startContainer(c.id);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      ctx.events.event(this.source, ref, 'Warning', 'Failed', `Error: ${msg}`);
      w.reasons[op.name] = { reason: 'RunContainerError', message: msg };
      c.state = 'exited';
      c.finishedAt = now;
      c.exitCode = 128;
      c.reason = 'StartError';
      this.retryAt(w, now + SYNC_BACKOFF_PERIOD_MS);
      this.failStep(w, kind);
      this.run(w);
      return;
    }
    c.state = 'running';
    c.startedAt = now;
    // kuberuntime_container.go startContainer
    ctx.events.event(this.source, ref, 'Normal', 'Started', `Started container ${op.name}`);
    delete w.reasons[op.name];
    // prober_manager.go AddPod: ephemeral containers have no probes
    if (kind !== 'ephemeral') this.d.prober.addContainer({ pod: w.pod, containerName: op.name, containerId: c.id, startedAt: now, sidecar: kind === 'sidecar', podIP: w.sandbox?.ip });
    if (w.seq) w.seq.started = true;
    w.queue.shift();
    this.run(w);
  }

  private finishSandbox(w: PodWorkerState): void {
    const { ctx, runtime, ipam } = this.d;
    const attempt = w.sandbox ? w.sandbox.attempt + 1 : 0;
    let ip: string;
    try {
      ip = w.pod.spec.hostNetwork ? this.d.hostIP : ipam.allocate(w.uid);
    } catch (e) {
      // kuberuntime_manager.go SyncPod: FailedCreatePodSandBox
      ctx.events.event(this.source, podRef(w.pod), 'Warning', 'FailedCreatePodSandBox',
        `Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox: plugin type="bridge" failed (add): failed to allocate for range 0: ${(e as Error).message}`);
      this.host.requeue(w, SYNC_BACKOFF_PERIOD_MS);
      return;
    }
    const id = runtime.runPodSandbox(w.pod, ip);
    w.sandbox = { id, ip, ready: true, attempt };
    this.host.afterSandbox(w);
  }

  /** The sync's start sequence is over: report, then resync after a start (PLEG) or retry later. */
  private endSequence(w: PodWorkerState, statusReported: boolean): void {
    const seq = w.seq;
    w.seq = undefined;
    if (w.pendingSync || seq?.started) {
      // the next sync (at once, like a PLEG event) reports the status
      w.pendingSync = false;
      this.host.resyncNow(w);
      return;
    }
    // A sequence that did nothing right after the sync's own report would generate the same
    // status again and find nothing to write.
    if (!statusReported || !this.d.status.upToDate(w)) this.d.status.sync(w, false);
    if (seq?.retryAt !== undefined) {
      this.host.requeue(w, Math.max(1, Math.min(SYNC_BACKOFF_PERIOD_MS, seq.retryAt - this.d.ctx.clock.now())));
    }
  }
}
