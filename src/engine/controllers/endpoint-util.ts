// Helpers the Endpoints and EndpointSlice controllers share: which pods count, which port a
// service port targets, and when an endpoints change was triggered.
// Sources: pkg/api/v1/pod/util.go FindPort, endpointslice/util ShouldPodBeInEndpoints,
// pkg/controller/util/endpoint/trigger_time_tracker.go.
import type { ServicePort, StoredPod, StoredService } from '../api/types';
import { parseTime, toRFC3339 } from '../clock';
import { isPodTerminal, podReadyCondition } from './podutil';

/** core/v1 EndpointsLastChangeTriggerTime annotation. */
export const LAST_CHANGE_TRIGGER_TIME = 'endpoints.kubernetes.io/last-change-trigger-time';
/** core/v1 IsHeadlessService label. */
export const HEADLESS_LABEL = 'service.kubernetes.io/headless';

/** endpointslice/util ShouldPodBeInEndpoints: not terminal, has an IP, and (unless allowed) not terminating. */
export function shouldPodBeInEndpoints(pod: StoredPod, includeTerminating: boolean): boolean {
  if (isPodTerminal(pod)) return false;
  if (!pod.status?.podIP && !(pod.status?.podIPs ?? []).length) return false;
  if (!includeTerminating && pod.metadata.deletionTimestamp) return false;
  return true;
}

/** pod/util.go FindPort: a numeric targetPort as is, a named one by container port name and protocol. */
export function findPort(pod: StoredPod, sp: ServicePort): number | undefined {
  const target = sp.targetPort ?? sp.port;
  if (typeof target === 'number') return target;
  const protocol = sp.protocol ?? 'TCP';
  const sidecars = (pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always');
  for (const c of [...(pod.spec?.containers ?? []), ...sidecars]) {
    for (const p of c.ports ?? []) if (p.name === target && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

/** The pod's IPv4 address (podIPs first, as the controllers pick the service's family). */
export function podIPv4(pod: StoredPod): string | undefined {
  const ips = (pod.status?.podIPs ?? []).map((p) => p.ip).filter((ip) => ip && !ip.includes(':'));
  return ips[0] ?? (pod.status?.podIP && !pod.status.podIP.includes(':') ? pod.status.podIP : undefined);
}

export const isHeadless = (svc: StoredService) => svc.spec?.clusterIP === 'None';

export interface TriggerState {
  service: number;
  pods: Record<string, number>;
}

/**
 * trigger_time_tracker.go ComputeEndpointLastChangeTriggerTime: a new service reports its creation
 * time; later syncs report the earliest trigger (pod Ready transition, service creation) that
 * changed since the previous sync, or nothing.
 */
export function computeTriggerTime(state: Map<string, TriggerState>, key: string, svc: StoredService, pods: StoredPod[]): string | undefined {
  const prev = state.get(key);
  const next: TriggerState = { service: parseTime(svc.metadata.creationTimestamp) ?? 0, pods: {} };
  let min: number | undefined;
  for (const pod of pods) {
    const t = parseTime(podReadyCondition(pod)?.lastTransitionTime);
    if (!t) continue;
    next.pods[pod.metadata.name] = t;
    if (t > (prev?.pods[pod.metadata.name] ?? 0)) min = min === undefined ? t : Math.min(min, t);
  }
  if (next.service > (prev?.service ?? 0)) min = min === undefined ? next.service : Math.min(min, next.service);
  state.set(key, next);
  if (!prev) return svc.metadata.creationTimestamp;
  return min === undefined ? undefined : toRFC3339(min);
}
