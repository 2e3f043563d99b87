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
  w: PodWorkerState, containers: readonly Container[], isInit: boolean, probes: ProbeView,
): ContainerStatus[] {
  const pod = w.pod;
  const hasInit = (pod.spec.initContainers?.length ?? 0) > 0;
  const out: ContainerStatus[] = [];
  for (const spec of containers) {
    // Instances being started in this sync are not reported yet: the kubelet writes status between syncs.
    const mine = w.containers.filter((c) => c.name === spec.name && c.state !== 'created');
    const cur = mine[mine.length - 1];
    const prev = mine[mine.length - 2];
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
    // prober_manager.go UpdatePodStatus
    const running = !!s.state?.running;
    const sidecar = isInit && isRestartableInitContainer(spec);
    s.started = running && probes.isStarted(w.uid, spec.name);
    if (isInit && !sidecar) s.ready = !!s.state?.terminated && s.state.terminated.exitCode === 0;
    else s.ready = s.started && probes.isReady(w.uid, spec.name);
    out.push(s);
  }
  // normalizeStatus: regular container statuses sorted by name; init containers keep spec order
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
  const all = [...cs, ...ics];

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

  const others = (api.conditions ?? []).filter((c) => !KUBELET_CONDITION_TYPES.includes(c.type));
  const drafts = kubeletConditions(pod.spec, all, phase, !!w.sandbox?.ready, others);
  const nowText = toRFC3339(o.now);
  const conditions: PodCondition[] = [...others];
  for (const d of drafts) {
    // updateLastTransitionTime: kept while the status stays the same
    const before = (old.conditions ?? []).find((c) => c.type === d.type) ?? (api.conditions ?? []).find((c) => c.type === d.type);
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
  // Fields the kubelet does not own are carried over.
  for (const k of ['nominatedNodeName', 'reason', 'message', 'resourceClaimStatuses', 'ephemeralContainerStatuses'] as const) {
    if (api[k] !== undefined) (status as Record<string, unknown>)[k] = api[k];
  }
  return status;
}

/** The subset of status the kubelet compares to decide whether to write. */
export function statusChanged(next: PodStatus, current: PodStatus | undefined): boolean {
  return !deepEqual(next, current ?? {});
}

/** Writes a pod's status through the status subresource, only when it changed. */
export class StatusManager {
  writes = 0;

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
    if (target && statusChanged(status, target.status)) {
      this.writes++;
      this.ctx.store.updateStatus('pods', {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: target.metadata.name, namespace: target.metadata.namespace }, status,
      });
    }
    return status;
  }
}
