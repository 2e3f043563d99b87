// Pod status: built from the kubelet's view of the pod and written to the API server only when
// it changed. Ported rules: pkg/kubelet/kubelet_pods.go generateAPIPodStatus,
// convertStatusToAPIStatus, convertToAPIContainerStatuses; pkg/kubelet/prober/prober_manager.go
// UpdatePodStatus (ready, started); pkg/kubelet/status/status_manager.go updateStatusInternal
// (lastTransitionTime, startTime), normalizeStatus (RFC 3339 seconds, sorting) and mergePodStatus.
import type { Container, ContainerState, ContainerStatus, PodCondition, PodStatus, StoredPod } from '../api/types';
import type { EngineContext } from '../cluster/context';
import { toRFC3339 } from '../clock';
import { deepEqual } from '../store/clone';
import { KUBELET_CONDITION_TYPES, kubeletConditions } from './conditions';
import { getPhase, isRestartableInitContainer, type PodPhase } from './phase';
import { shouldContainerBeRestarted, type PodWorkerState, type RuntimeContainer } from './pod-state';
import { computeQOS } from '../registry/pod/qos';

/** What the prober manager knows (ProberManager implements it). */
export interface ProbeView {
  isReady(podUid: string, containerName: string): boolean;
  isStarted(podUid: string, containerName: string): boolean;
}

// kubelet_pods.go default waiting reasons
export const CONTAINER_CREATING = 'ContainerCreating';
export const POD_INITIALIZING = 'PodInitializing';

const isTerminal = (p: string | undefined): p is 'Succeeded' | 'Failed' => p === 'Succeeded' || p === 'Failed';

function stateOf(c: RuntimeContainer): ContainerState {
  if (c.state === 'running') return { running: { startedAt: toRFC3339(c.startedAt ?? c.createdAt) } };
  if (c.state === 'exited') {
    const t: Record<string, unknown> = {
      containerID: `containerd://${c.id}`,
      exitCode: c.exitCode ?? 0,
      finishedAt: toRFC3339(c.finishedAt ?? 0),
      startedAt: toRFC3339(c.startedAt ?? c.createdAt),
    };
    if (c.reason) t.reason = c.reason;
    if (c.message) t.message = c.message;
    return { terminated: t as unknown as ContainerState['terminated'] };
  }
  // "containers that are created but not running are waiting to be running"
  return { waiting: {} };
}

/** convertToAPIContainerStatuses plus UpdatePodStatus's ready and started, for one list of containers. */
export function containerStatuses(
  w: PodWorkerState, containers: readonly Container[], isInit: boolean, probes: ProbeView, isEphemeral = false,
): ContainerStatus[] {
  const pod = w.pod;
  const hasInit = (pod.spec.initContainers?.length ?? 0) > 0;
  const out: ContainerStatus[] = [];
  // Index loops over the (frozen) spec arrays: for-of is slow on frozen arrays in V8.
  for (let i = 0; i < containers.length; i++) {
    const spec = containers[i]!;
    // The newest two instances. Those being started in this sync are not reported yet: the
    // kubelet writes status between syncs.
    let cur: RuntimeContainer | undefined;
    let prev: RuntimeContainer | undefined;
    for (let j = w.containers.length - 1; j >= 0; j--) {
      const c = w.containers[j]!;
      if (c.name !== spec.name || c.state === 'created') continue;
      if (cur) {
        prev = c;
        break;
      }
      cur = c;
    }
    const s: ContainerStatus = {
      name: spec.name,
      state: { waiting: { reason: hasInit ? POD_INITIALIZING : CONTAINER_CREATING } },
      lastState: {},
      ready: false,
      restartCount: 0,
      image: spec.image ?? '',
      imageID: '',
      started: false,
    };
    if (spec.volumeMounts?.length) {
      // RecursiveReadOnlyMounts (beta, on): read-only mounts report recursiveReadOnly Disabled
      s.volumeMounts = spec.volumeMounts.map((m) => (m.readOnly
        ? { name: m.name, mountPath: m.mountPath, readOnly: true, recursiveReadOnly: 'Disabled' }
        : { name: m.name, mountPath: m.mountPath }));
    }
    if (cur) {
      s.containerID = `containerd://${cur.id}`;
      s.image = cur.image;
      s.imageID = cur.imageID;
      s.restartCount = cur.attempt;
      s.state = stateOf(cur);
      if (prev) s.lastState = stateOf(prev);
    }
    // A container that will be started again shows why its last start failed (the reason cache).
    const initDone = isInit && cur?.state === 'exited' && cur.exitCode === 0;
    const reason = w.reasons[spec.name];
    if (!initDone && reason && shouldContainerBeRestarted(spec, pod, cur)) {
      if (s.state?.terminated) s.lastState = s.state;
      s.state = { waiting: reason.message ? { reason: reason.reason, message: reason.message } : { reason: reason.reason } };
    }
    // prober_manager.go UpdatePodStatus sets ready and started of containers and init containers
    // only: an ephemeral container is never ready and has no `started`
    if (isEphemeral) {
      delete s.started;
      out.push(s);
      continue;
    }
    const running = !!s.state?.running;
    const sidecar = isInit && isRestartableInitContainer(spec);
    s.started = running && probes.isStarted(w.uid, spec.name);
    if (isInit && !sidecar) s.ready = !!s.state?.terminated && s.state.terminated.exitCode === 0;
    else s.ready = s.started && probes.isReady(w.uid, spec.name);
    out.push(s);
  }
  // normalizeStatus: regular and ephemeral container statuses sorted by name; init containers keep spec order
  if (!isInit) out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out;
}

export interface GenerateOptions {
  podIsTerminal: boolean;
  /** the status the API server has now (of the pod, or of the static pod's mirror) */
  apiStatus: PodStatus | undefined;
  hostIP: string;
  now: number;
  probes: ProbeView;
}

/** generateAPIPodStatus + the status manager's merge, ready to be written. */
export function generatePodStatus(w: PodWorkerState, o: GenerateOptions): PodStatus {
  const pod = w.pod;
  const api = o.apiStatus ?? {};
  const old: PodStatus = w.lastStatus ?? api;
  const cs = containerStatuses(w, pod.spec.containers, false, o.probes);
  const ics = containerStatuses(w, pod.spec.initContainers ?? [], true, o.probes);
  const all = cs.concat(ics);

  let phase: PodPhase = getPhase(pod.spec, all, o.podIsTerminal, w.isStatic);
  // generateAPIPodStatus: a terminal phase reported before is never left
  if (!isTerminal(phase)) {
    if (isTerminal(old.phase)) phase = old.phase;
    else if (isTerminal(api.phase)) phase = api.phase;
  }
  // mergePodStatus: no terminal phase while containers could still be running
  if (isTerminal(phase) && !isTerminal(old.phase) && w.containers.some((c) => c.state !== 'exited')) {
    phase = (old.phase as PodPhase | undefined) ?? 'Pending';
  }
  // generateAPIPodStatus: the API server's terminal phase wins
  if (isTerminal(api.phase)) phase = api.phase;

  const others: PodCondition[] = [];
  const apiConditions = api.conditions;
  if (apiConditions) {
    for (let i = 0; i < apiConditions.length; i++) if (!KUBELET_OWNED.has(apiConditions[i]!.type)) others.push(apiConditions[i]!);
  }
  const drafts = kubeletConditions(pod.spec, all, phase, !!w.sandbox?.ready, others);
  const nowText = toRFC3339(o.now);
  const conditions: PodCondition[] = [...others];
  for (const d of drafts) {
    // updateLastTransitionTime: kept while the status stays the same
    const before = findCondition(old.conditions, d.type) ?? findCondition(api.conditions, d.type);
    const ltt = before && before.status === d.status && before.lastTransitionTime ? before.lastTransitionTime : nowText;
    const c: PodCondition = { type: d.type, status: d.status, lastProbeTime: null as unknown as string, lastTransitionTime: ltt };
    if (d.reason) c.reason = d.reason;
    if (d.message) c.message = d.message;
    conditions.push(c);
  }

  const status: PodStatus = {
    phase,
    conditions,
    hostIP: o.hostIP,
    hostIPs: [{ ip: o.hostIP }],
    startTime: old.startTime ?? api.startTime ?? nowText,
    qosClass: api.qosClass ?? computeQOS(pod),
    containerStatuses: cs,
  };
  // HostNetwork pods inherit the node IP; other pods keep the sandbox IP after it stops
  // (kubelet.go preserveDataFromBeforeStopping).
  const podIP = pod.spec.hostNetwork ? o.hostIP : (w.sandbox?.ip || old.podIP);
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  if (ics.length) status.initContainerStatuses = ics;
  // generateAPIPodStatus: ephemeral containers get statuses but take no part in phase or conditions
  const ephemeral = pod.spec.ephemeralContainers;
  if (ephemeral?.length) status.ephemeralContainerStatuses = containerStatuses(w, ephemeral as Container[], false, o.probes, true);
  // Fields the kubelet does not own are carried over.
  for (let i = 0; i < CARRIED_OVER.length; i++) {
    const k = CARRIED_OVER[i]!;
    if (api[k] !== undefined) (status as Record<string, unknown>)[k] = api[k];
  }
  return status;
}

const CARRIED_OVER = ['nominatedNodeName', 'reason', 'message', 'resourceClaimStatuses'] as const;
const KUBELET_OWNED = new Set(KUBELET_CONDITION_TYPES);

function findCondition(conditions: readonly PodCondition[] | undefined, type: string): PodCondition | undefined {
  if (conditions) for (let i = 0; i < conditions.length; i++) if (conditions[i]!.type === type) return conditions[i];
  return undefined;
}

/** The subset of status the kubelet compares to decide whether to write. */
export function statusChanged(next: PodStatus, current: PodStatus | undefined): boolean {
  return !deepEqual(next, current ?? {});
}

/** Writes a pod's status through the status subresource, only when it changed. */
export class StatusManager {
  writes = 0;
  /** The last sync: its worker, what it left in the API (the object written or found) and when. */
  private last: { w: PodWorkerState; target: StoredPod | undefined; at: number } | undefined;

  constructor(
    private readonly ctx: EngineContext,
    private readonly hostIP: string,
    private readonly probes: ProbeView,
    /** where a static pod's status goes: its mirror pod, if it has one now */
    private readonly mirrorOf: (staticPod: StoredPod) => StoredPod | undefined,
  ) {}

  /** The API object the status belongs to, if it still exists. */
  target(w: PodWorkerState): StoredPod | undefined {
    if (w.isStatic) return this.mirrorOf(w.pod);
    const p = this.ctx.store.tryGet('pods', w.pod.metadata.namespace, w.pod.metadata.name);
    return p && p.metadata.uid === w.uid ? p : undefined;
  }

  /** Generate the status, remember it, and write it when the API's copy differs. */
  sync(w: PodWorkerState, podIsTerminal: boolean): PodStatus {
    const target = this.target(w);
    const status = generatePodStatus(w, {
      podIsTerminal, apiStatus: target?.status, hostIP: this.hostIP, now: this.ctx.clock.now(), probes: this.probes,
    });
    w.lastStatus = status;
    let synced = target;
    if (target && statusChanged(status, target.status)) {
      this.writes++;
      // Owned: the store keeps (and freezes) this status instead of copying it; the kubelet only
      // reads it again as lastStatus.
      synced = this.ctx.store.updateStatus('pods', {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: target.metadata.name, namespace: target.metadata.namespace }, status,
      }, { owned: true });
    }
    this.last = { w, target: synced, at: this.ctx.clock.now() };
    return status;
  }

  /**
   * Whether a sync now would repeat the last one, for a caller that knows the worker has not
   * changed since: same instant, and nobody wrote the API object in between. The status would
   * be generated from the same inputs again, found equal, and not written.
   */
  upToDate(w: PodWorkerState): boolean {
    const last = this.last;
    return !!last && last.w === w && last.at === this.ctx.clock.now() && last.target === this.target(w);
  }
}
