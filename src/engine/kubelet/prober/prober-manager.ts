// The kubelet's prober manager: one worker per container and probe type, each ticking on the
// virtual clock, feeding readiness / started into pod status and asking the kubelet to kill
// containers whose liveness or startup probe failed.
// Ported rules: pkg/kubelet/prober/prober_manager.go (AddPod, StopLivenessAndStartup, RemovePod,
// UpdatePodStatus, isContainerStarted), worker.go (run, doProbe) and
// pkg/kubelet/kuberuntime/kuberuntime_manager.go (computePodActions, computeInitContainerActions)
// for the Killing messages.
import type { EngineContext } from '../../cluster/context';
import type { StoredPod } from '../../api/types';
import { containerSpecOf, probeSpecOf, Prober, type ProbeRunner, type ProbeType } from './prober';
import { initialDelayMs, periodMs, Worker, type WorkerState } from './worker';

export type { ProbeType } from './prober';

export interface ProbeTarget {
  pod: StoredPod; // for events, the restart policy and the probe specs
  containerName: string;
  containerId: string;
  startedAt: number; // ms
  sidecar: boolean; // a restartable init container (spec.initContainers)
  /** The pod IP to probe; defaults to pod.status.podIP. */
  podIP?: string;
}

export interface ProberHost {
  /** A readiness/started result flipped: the kubelet recomputes status (and, for startup, may start the next container). */
  onProbeResultChanged(podUid: string, containerName: string): void;
  /**
   * Liveness or startup failed past its threshold: kill the container with this Killing message;
   * the kubelet restarts it per restart policy. `probeGracePeriodSeconds` is the probe's own
   * terminationGracePeriodSeconds when set: it overrides the pod's value unless the pod is being
   * deleted (kuberuntime_container.go setTerminationGracePeriod).
   */
  killContainerForProbe(
    podUid: string, containerName: string, containerId: string, type: 'liveness' | 'startup', message: string,
    probeGracePeriodSeconds?: number,
  ): void;
}

interface TimerData {
  podUid: string;
  container: string;
  type: ProbeType;
  containerId: string;
}

interface ContainerProbes {
  name: string;
  sidecar: boolean;
  containerId: string;
  startedAt: number;
  podIP: string;
  running: boolean;
  workers: Map<ProbeType, Worker>;
}

interface PodProbes {
  pod: StoredPod;
  deleting: boolean;
  containers: Map<string, ContainerProbes>;
}

interface ProberManagerState {
  pods: {
    pod: StoredPod;
    deleting: boolean;
    containers: (Omit<ContainerProbes, 'workers'> & { workers: WorkerState[] })[];
  }[];
}

// prober_manager.go AddPod creates workers in this order.
const WORKER_ORDER: ProbeType[] = ['startup', 'readiness', 'liveness'];

export class ProberManager {
  private readonly target: string;
  private readonly prober: Prober;
  private pods = new Map<string, PodProbes>();

  constructor(private readonly ctx: EngineContext, readonly nodeName: string, runtime: ProbeRunner, private readonly host: ProberHost) {
    this.target = `prober/${nodeName}`;
    this.prober = new Prober(ctx.events, nodeName, runtime);
    ctx.clock.register(this.target, (data: TimerData, task) => this.onTimer(data, task.seq));
  }

  /** A container (new containerId) started running. Call it for every container, probes or not. */
  addContainer(t: ProbeTarget): void {
    let p = this.pods.get(t.pod.metadata.uid);
    if (!p) {
      p = { pod: t.pod, deleting: false, containers: new Map() };
      this.pods.set(t.pod.metadata.uid, p);
    }
    p.pod = t.pod;
    // worker.go doProbe: a pod with a deletionTimestamp stops its liveness and startup probes.
    if (t.pod.metadata.deletionTimestamp) p.deleting = true;

    let c = p.containers.get(t.containerName);
    if (c && c.running && c.containerId === t.containerId) return; // already known
    if (!c) {
      c = { name: t.containerName, sidecar: t.sidecar, containerId: t.containerId, startedAt: t.startedAt, podIP: '', running: true, workers: new Map() };
      p.containers.set(t.containerName, c);
      const spec = containerSpecOf(t.pod, t.containerName, t.sidecar);
      for (const type of WORKER_ORDER) {
        const probe = probeSpecOf(spec, type);
        if (!probe) continue;
        if (p.deleting && type !== 'readiness') continue;
        c.workers.set(type, new Worker(type, probe));
      }
    }
    c.sidecar = t.sidecar;
    c.containerId = t.containerId;
    c.startedAt = t.startedAt;
    c.podIP = t.podIP ?? t.pod.status?.podIP ?? '';
    c.running = true;
    for (const w of c.workers.values()) {
      this.ctx.clock.cancel(w.timer);
      w.timer = undefined;
      w.newContainer();
      // worker.go run: probe at once (no sooner than initialDelaySeconds after the start), then every period.
      this.schedule(p, c, w, Math.max(0, t.startedAt + initialDelayMs(w.spec) - this.ctx.clock.now()));
    }
  }

  /** The container stopped: its results become Failure and its workers wait for a new container ID. */
  removeContainer(podUid: string, containerName: string): void {
    const c = this.pods.get(podUid)?.containers.get(containerName);
    if (!c) return;
    c.running = false;
    for (const w of c.workers.values()) {
      this.ctx.clock.cancel(w.timer);
      w.timer = undefined;
      w.containerStopped();
    }
  }

  /** prober_manager.go RemovePod: stop every worker of the pod and forget its results. */
  removePod(podUid: string): void {
    const p = this.pods.get(podUid);
    if (!p) return;
    for (const c of p.containers.values()) for (const w of c.workers.values()) this.ctx.clock.cancel(w.timer);
    this.pods.delete(podUid);
  }

  /**
   * prober_manager.go StopLivenessAndStartup (and worker.go doProbe on a deletionTimestamp):
   * liveness and startup count as Success from now on and stop probing; readiness goes on.
   */
  onPodDeleting(podUid: string): void {
    const p = this.pods.get(podUid);
    if (!p) return;
    p.deleting = true;
    for (const c of p.containers.values()) {
      for (const type of ['liveness', 'startup'] as const) {
        const w = c.workers.get(type);
        if (!w) continue;
        this.ctx.clock.cancel(w.timer);
        // A stopped worker leaves no result behind: isStarted() then sees no startup probe.
        c.workers.delete(type);
      }
    }
  }

  /** prober_manager.go UpdatePodStatus: ready when running, started, and readiness is Success (or absent). */
  isReady(podUid: string, containerName: string): boolean {
    const c = this.pods.get(podUid)?.containers.get(containerName);
    if (!c || !c.running || !this.started(c)) return false;
    const w = c.workers.get('readiness');
    return w ? w.result === 'success' : true;
  }

  /** prober_manager.go isContainerStarted: running, and startup is Success (or absent). */
  isStarted(podUid: string, containerName: string): boolean {
    const c = this.pods.get(podUid)?.containers.get(containerName);
    return !!c && c.running && this.started(c);
  }

  snapshot(): ProberManagerState {
    return {
      pods: [...this.pods.values()].map((p) => ({
        pod: p.pod,
        deleting: p.deleting,
        containers: [...p.containers.values()].map((c) => ({
          name: c.name, sidecar: c.sidecar, containerId: c.containerId, startedAt: c.startedAt, podIP: c.podIP, running: c.running,
          workers: [...c.workers.values()].map((w) => w.state()),
        })),
      })),
    };
  }

  /** Rebuilds the workers; their pending probes are already in the restored clock, so nothing is scheduled. */
  restore(state: unknown): void {
    const s = state as ProberManagerState;
    this.pods = new Map();
    for (const sp of s.pods) {
      const p: PodProbes = { pod: sp.pod, deleting: sp.deleting, containers: new Map() };
      for (const sc of sp.containers) {
        const spec = containerSpecOf(sp.pod, sc.name, sc.sidecar);
        const workers = new Map<ProbeType, Worker>();
        for (const ws of sc.workers) {
          const probe = probeSpecOf(spec, ws.type);
          if (probe) workers.set(ws.type, Worker.fromState(ws, probe));
        }
        p.containers.set(sc.name, { ...sc, workers });
      }
      this.pods.set(sp.pod.metadata.uid, p);
    }
  }

  private started(c: ContainerProbes): boolean {
    const w = c.workers.get('startup');
    return w ? w.result === 'success' : true;
  }

  private schedule(p: PodProbes, c: ContainerProbes, w: Worker, delayMs: number): void {
    const data: TimerData = { podUid: p.pod.metadata.uid, container: c.name, type: w.type, containerId: c.containerId };
    w.timer = this.ctx.clock.schedule(delayMs, this.target, data);
  }

  private onTimer(data: TimerData, seq: number): void {
    const p = this.pods.get(data.podUid);
    const c = p?.containers.get(data.container);
    const w = c?.workers.get(data.type);
    if (!p || !c || !w || w.timer !== seq || !c.running || c.containerId !== data.containerId) return; // stale
    w.timer = undefined;
    const step = w.doProbe({
      now: this.ctx.clock.now(),
      startedAt: c.startedAt,
      started: this.started(c),
      run: () => this.prober.probe(w.type, p.pod, c.name, c.sidecar, c.containerId, w.spec, c.podIP),
    });
    // Schedule before calling the kubelet, which may stop the container right away.
    if (step.tick) this.schedule(p, c, w, periodMs(w.spec));
    if (step.kill) {
      const type = w.type as 'liveness' | 'startup';
      this.host.killContainerForProbe(p.pod.metadata.uid, c.name, c.containerId, type, killMessage(p.pod, c.name, c.sidecar, type), w.spec.terminationGracePeriodSeconds);
      return;
    }
    if (step.changed && w.type !== 'liveness') {
      // UpdatePodStatus triggers a readiness run as soon as a started container is not yet ready.
      if (w.type === 'startup' && step.changed === 'success') this.triggerReadiness(p, c);
      this.host.onProbeResultChanged(p.pod.metadata.uid, c.name);
    }
  }

  // prober_manager.go UpdatePodStatus: a manual trigger runs the readiness worker now, unless
  // the initial delay has not passed (then its first probe is already due at the delay).
  private triggerReadiness(p: PodProbes, c: ContainerProbes): void {
    const w = c.workers.get('readiness');
    if (!w || w.onHold || w.timer === undefined) return;
    if (this.ctx.clock.now() < c.startedAt + initialDelayMs(w.spec)) return;
    this.ctx.clock.cancel(w.timer);
    this.schedule(p, c, w, 0);
  }
}

/**
 * The Killing message. Regular containers: kuberuntime_manager.go computePodActions,
 * "Container %s failed liveness probe" plus ", will be restarted" unless restartPolicy is Never.
 * Sidecars: computeInitContainerActions, "Init container %s failed liveness probe" (always restarted).
 */
export function killMessage(pod: StoredPod, name: string, sidecar: boolean, type: 'liveness' | 'startup'): string {
  // kuberuntime_manager.go computeInitContainerActions
  if (sidecar) return `Init container ${name} failed ${type} probe`;
  // kuberuntime_manager.go computePodActions (shouldRestartOnFailure: restartPolicy != Never)
  const msg = `Container ${name} failed ${type} probe`;
  return pod.spec.restartPolicy === 'Never' ? msg : `${msg}, will be restarted`;
}
