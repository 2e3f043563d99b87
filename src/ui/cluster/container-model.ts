// One container of a pod as the cluster view shows it: its kind (init, sidecar, regular), its
// state and reason from the kubelet's status, the last termination, the crash-loop back-off
// (when the next restart is due), its resources and what it mounts.
import type { Container, ContainerStatus, Pod } from '../../engine';
import { parseGoDuration } from '../../shared/duration';
import { parseTime } from '../../kubectl/printers/table/types';

export type ContainerKind = 'init' | 'sidecar' | 'regular';
export type ContainerStateName = 'Waiting' | 'Running' | 'Terminated' | 'NotCreated';

export interface MountModel {
  volume: string;
  mountPath: string;
  readOnly: boolean;
}

export interface ContainerModel {
  name: string;
  kind: ContainerKind;
  image: string;
  state: ContainerStateName;
  /** Waiting/Terminated reason (ContainerCreating, CrashLoopBackOff, Completed, OOMKilled...) */
  reason?: string;
  message?: string;
  exitCode?: number;
  ready: boolean;
  restartCount: number;
  /** "Terminated: OOMKilled (exit code 137)", from lastState */
  lastState?: string;
  /** in CrashLoopBackOff: the back-off and when the kubelet restarts the container (epoch ms) */
  backOff?: { delayMs: number; restartAt: number };
  /** "cpu 100m, memory 64Mi" */
  requests: string;
  limits: string;
  ports: string[];
  mounts: MountModel[];
  /** one line a screen reader can read for the whole container */
  label: string;
}

// kuberuntime_manager.go doBackOff: "back-off %s restarting failed container=%s pod=%s"
const BACK_OFF = /^back-off (\S+) restarting failed container/;

/** When a crash-looping container is restarted: its last finish plus the back-off in the message. */
export function crashLoopRestart(status: ContainerStatus | undefined): { delayMs: number; restartAt: number } | undefined {
  const waiting = status?.state?.waiting;
  if (waiting?.reason !== 'CrashLoopBackOff') return undefined;
  const m = BACK_OFF.exec(waiting.message ?? '');
  const finished = status?.lastState?.terminated?.finishedAt;
  if (!m || !finished) return undefined;
  let delayMs: number;
  try {
    delayMs = parseGoDuration(m[1]!);
  } catch {
    return undefined;
  }
  const at = parseTime(finished);
  return Number.isNaN(at) ? undefined : { delayMs, restartAt: at + delayMs };
}

/** A crash-looping container's countdown: "in 23s" until the restart, then "now" (due at the kubelet's next sync). */
export function countdownText(restartAt: number, now: number): string {
  const s = Math.ceil((restartAt - now) / 1000);
  return s > 0 ? `in ${s}s` : 'now';
}

function resourceText(list: Readonly<Record<string, unknown>> | undefined): string {
  const entries = Object.entries(list ?? {});
  return entries.length ? entries.map(([k, v]) => `${k} ${String(v)}`).join(', ') : '';
}

/** "Terminated: OOMKilled (exit code 137)" — the last state as describe shows it, in one line. */
function lastStateText(status: ContainerStatus | undefined): string | undefined {
  const t = status?.lastState?.terminated;
  if (!t) return undefined;
  const why = t.reason ?? (t.signal ? `signal ${t.signal}` : '');
  return `Terminated${why ? `: ${why}` : ''} (exit code ${t.exitCode})`;
}

function stateOf(status: ContainerStatus | undefined): Pick<ContainerModel, 'state' | 'reason' | 'message' | 'exitCode'> {
  const s = status?.state;
  if (s?.running) return { state: 'Running' };
  if (s?.terminated) {
    return { state: 'Terminated', reason: s.terminated.reason, message: s.terminated.message, exitCode: s.terminated.exitCode };
  }
  if (s?.waiting) return { state: 'Waiting', reason: s.waiting.reason, message: s.waiting.message };
  return { state: 'NotCreated' };
}

function containerModel(spec: Container, kind: ContainerKind, status: ContainerStatus | undefined): ContainerModel {
  const st = stateOf(status);
  const restartCount = status?.restartCount ?? 0;
  const lastState = lastStateText(status);
  const ports = (spec.ports ?? []).map((p) => `${p.containerPort}/${p.protocol ?? 'TCP'}${p.name ? ` (${p.name})` : ''}${p.hostPort ? ` host ${p.hostPort}` : ''}`);
  const mounts = (spec.volumeMounts ?? []).map((m) => ({ volume: m.name, mountPath: m.mountPath, readOnly: !!m.readOnly }));
  const requests = resourceText(spec.resources?.requests);
  const limits = resourceText(spec.resources?.limits);
  const kindWord = kind === 'regular' ? 'container' : `${kind} container`;
  const stateWords = st.state === 'NotCreated' ? 'not created yet' : `${st.state}${st.reason ? ` (${st.reason})` : ''}`;
  const label = [
    `${kindWord} ${spec.name}`, `image ${spec.image ?? ''}`, stateWords, status?.ready ? 'ready' : 'not ready',
    `${restartCount} ${restartCount === 1 ? 'restart' : 'restarts'}`,
    lastState && `last state ${lastState}`,
  ].filter(Boolean).join(', ');
  return {
    name: spec.name, kind, image: spec.image ?? '', ...st, ready: !!status?.ready, restartCount, lastState,
    backOff: crashLoopRestart(status), requests, limits, ports, mounts, label,
  };
}

/** The pod's containers in start order: init containers and sidecars, then the regular ones. */
export function containerModels(pod: Pod): ContainerModel[] {
  const statusOf = (list: readonly ContainerStatus[] | undefined, name: string) => list?.find((s) => s.name === name);
  const init = (pod.spec?.initContainers ?? []).map((c) =>
    containerModel(c, c.restartPolicy === 'Always' ? 'sidecar' : 'init', statusOf(pod.status?.initContainerStatuses, c.name)));
  const regular = (pod.spec?.containers ?? []).map((c) => containerModel(c, 'regular', statusOf(pod.status?.containerStatuses, c.name)));
  return [...init, ...regular];
}
