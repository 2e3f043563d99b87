// One pod as the cluster view shows it: kubectl's READY/STATUS/RESTARTS (the printer's own
// computation), phase colour, IP and ports, static/mirror and terminating marks, its containers
// and the volumes they share. Built once per stored object: the store's objects are frozen and
// keep their identity until they change, so an unchanged pod gives the very same model.
import type { Pod as ApiPod, StoredPod as Pod } from '../../engine';
import { podSummary } from '../../kubectl/printers/table/pod';
import { parseTime } from '../../kubectl/printers/table/types';
import { containerModels, type ContainerModel } from './container-model';

/** Colour families of the theme (app.css --ok, --warn, --err, --pending, muted for done). */
export type Tone = 'ok' | 'warn' | 'err' | 'pending' | 'done';

export interface VolumeModel {
  name: string;
  /** the volume source's field name: emptyDir, persistentVolumeClaim, configMap, hostPath, ... */
  type: string;
  /** what it points at: the claim, config map or secret name, the host path, the medium */
  source: string;
  /** the service-account token volume every pod gets (kube-api-access-*) */
  token: boolean;
  mounts: { container: string; mountPath: string; readOnly: boolean }[];
}

export interface PodModel {
  /** namespace/name */
  key: string;
  uid: string;
  namespace: string;
  name: string;
  nodeName?: string;
  phase: string;
  ready: string;
  status: string;
  restarts: number;
  tone: Tone;
  createdAt: number;
  ip?: string;
  ports: string[];
  /** a static pod's mirror (annotation kubernetes.io/config.mirror) */
  mirror: boolean;
  terminating: boolean;
  /** "ReplicaSet/web-5d4f" */
  owner?: string;
  containers: ContainerModel[];
  volumes: VolumeModel[];
  /** the whole pod in one sentence, for buttons and screen readers */
  label: string;
  pod: Pod;
}

// pkg/kubelet/types/pod_update.go ConfigMirrorAnnotationKey
export const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';

const ERROR_STATUS = /BackOff|Err|Error|OOMKilled|Failed|Unknown|Invalid|Evicted|ExitCode|Signal|DeadlineExceeded/;

/** The colour family for a pod from its phase and kubectl's STATUS cell. */
export function podTone(phase: string, status: string, ready: string, terminating: boolean): Tone {
  if (terminating) return 'done';
  if (ERROR_STATUS.test(status) || phase === 'Failed') return 'err';
  if (phase === 'Succeeded' || status === 'Completed') return 'done';
  if (phase === 'Pending' || status.startsWith('Init:') || status === 'ContainerCreating' || status === 'PodInitializing') return 'pending';
  const [n, m] = ready.split('/');
  if (status === 'Running' && n === m) return 'ok';
  return 'warn';
}

function volumeSource(v: Record<string, unknown>): { type: string; source: string } {
  const type = Object.keys(v).find((k) => k !== 'name') ?? 'unknown';
  const src = (v[type] ?? {}) as Record<string, unknown>;
  const pick = (k: string) => (typeof src[k] === 'string' ? (src[k] as string) : '');
  const source = pick('claimName') || pick('name') || pick('secretName') || pick('path') || pick('medium') || pick('server');
  return { type, source };
}

function volumeModels(pod: Pod, containers: readonly ContainerModel[]): VolumeModel[] {
  return (pod.spec?.volumes ?? []).map((v) => {
    const { type, source } = volumeSource(v as unknown as Record<string, unknown>);
    const mounts = containers.flatMap((c) =>
      c.mounts.filter((m) => m.volume === v.name).map((m) => ({ container: c.name, mountPath: m.mountPath, readOnly: m.readOnly })));
    return { name: v.name, type, source, token: type === 'projected' && v.name.startsWith('kube-api-access-'), mounts };
  });
}

function buildPodModel(pod: Pod): PodModel {
  const meta = pod.metadata;
  // READY, STATUS and RESTARTS exactly as `kubectl get pods` prints them. Of RESTARTS only the
  // count is kept: its "(5m ago)" depends on the time, and this model must not.
  const summary = podSummary(pod as unknown as ApiPod, { now: 0 });
  const phase = pod.status?.phase ?? 'Pending';
  const terminating = !!meta.deletionTimestamp;
  const mirror = meta.annotations?.[MIRROR_ANNOTATION] !== undefined;
  const containers = containerModels(pod as unknown as ApiPod);
  const ports = containers.flatMap((c) => c.ports);
  const ip = pod.status?.podIP || undefined;
  const restarts = Number.parseInt(summary.restarts, 10) || 0;
  const ownerRef = meta.ownerReferences?.find((o) => o.controller) ?? meta.ownerReferences?.[0];
  const label = [
    // starts with what the card shows (name, then STATUS), so the visible text is part of the name
    `${meta.name} ${summary.status}`, `pod in namespace ${meta.namespace ?? ''}`, `ready ${summary.ready}`,
    `${restarts} ${restarts === 1 ? 'restart' : 'restarts'}`, ip && `IP ${ip}`, ports.length && `ports ${ports.join(', ')}`,
    pod.spec?.nodeName ? `on node ${pod.spec.nodeName}` : 'not scheduled', mirror && 'static pod (mirror)', terminating && 'terminating',
  ].filter(Boolean).join(', ');
  return {
    key: `${meta.namespace ?? ''}/${meta.name}`,
    uid: meta.uid ?? '',
    namespace: meta.namespace ?? '',
    name: meta.name,
    nodeName: pod.spec?.nodeName || undefined,
    phase,
    ready: summary.ready,
    status: summary.status,
    restarts,
    tone: podTone(phase, summary.status, summary.ready, terminating),
    createdAt: meta.creationTimestamp ? parseTime(meta.creationTimestamp) : Number.NaN,
    ip,
    ports,
    mirror,
    terminating,
    owner: ownerRef ? `${ownerRef.kind}/${ownerRef.name}` : undefined,
    containers,
    volumes: volumeModels(pod, containers),
    label,
    pod,
  };
}

const cache = new WeakMap<Pod, PodModel>();

/** The model of a stored pod, the same object for as long as the pod is unchanged. */
export function podModel(pod: Pod): PodModel {
  let m = cache.get(pod);
  if (!m) {
    m = buildPodModel(pod);
    cache.set(pod, m);
  }
  return m;
}
