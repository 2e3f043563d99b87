// EndpointSlices for a Service with a selector: pkg/controller/endpointslice/reconciler.go and
// endpointslice/util (podToEndpoint, getEndpointPorts, newEndpointSlice). One slice per distinct
// port set, named <service>-<5 random chars>; a Service without endpoints keeps a placeholder slice.
import type { EngineContext } from '../cluster/context';
import type { EndpointSlice } from 'kubernetes-types/discovery/v1';
import type { KubeObject, StoredEndpointSlice, StoredPod, StoredService } from '../api/types';
import { deepClone, deepEqual } from '../store/clone';
import { isStatusError } from '../errors';
import { newControllerRef } from './owner';
import { isPodReady } from './podutil';
import { findPort, HEADLESS_LABEL, isHeadless, LAST_CHANGE_TRIGGER_TIME, podIPv4, shouldPodBeInEndpoints } from './endpoint-util';

// discovery/v1 well-known labels and the controller's name
export const SERVICE_NAME_LABEL = 'kubernetes.io/service-name';
export const MANAGED_BY_LABEL = 'endpointslice.kubernetes.io/managed-by';
export const MANAGED_BY = 'endpointslice-controller.k8s.io';
const TOPOLOGY_ZONE_LABEL = 'topology.kubernetes.io/zone';

type Endpoint = EndpointSlice['endpoints'][number];
type Port = NonNullable<EndpointSlice['ports']>[number];
type Slice = StoredEndpointSlice & KubeObject;

/** Reconcile the Service's slices to match its pods; triggerTime is the last-change annotation. */
export function reconcileEndpointSlices(ctx: EngineContext, svc: StoredService, pods: StoredPod[], triggerTime: string | undefined): void {
  const { store } = ctx;
  const ns = svc.metadata.namespace!;
  const groups = new Map<string, { ports: Port[]; endpoints: Endpoint[] }>();
  for (const pod of pods) {
    // reconciler.go: terminating pods stay, with ready=false and terminating=true.
    if (!shouldPodBeInEndpoints(pod, true)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const ports = endpointPorts(svc, pod);
    const key = JSON.stringify(ports);
    if (!groups.has(key)) groups.set(key, { ports, endpoints: [] });
    groups.get(key)!.endpoints.push(podToEndpoint(ctx, svc, pod, ip));
  }
  const labels = sliceLabels(svc);
  const existing = (store.list('endpointslices', { namespace: ns, labelSelector: `${SERVICE_NAME_LABEL}=${svc.metadata.name},${MANAGED_BY_LABEL}=${MANAGED_BY}` }) as Slice[])
    .filter((s) => s.metadata.ownerReferences?.some((r) => r.uid === svc.metadata.uid));
  const used = new Set<string>();
  const desired = groups.size ? [...groups.values()] : [{ ports: null, endpoints: null }];
  for (const want of desired) {
    const match = existing.find((s) => !used.has(s.metadata.name) && deepEqual(s.ports ?? null, want.ports));
    if (match) {
      used.add(match.metadata.name);
      if (deepEqual(match.endpoints ?? null, want.endpoints) && deepEqual(match.metadata.labels, labels)) continue;
      const next = deepClone(match);
      next.endpoints = want.endpoints as never;
      next.metadata.labels = labels;
      setTrigger(next, triggerTime);
      write(() => store.update('endpointslices', next));
      continue;
    }
    const slice: Record<string, unknown> = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        // reconciler.go getEndpointSlicePrefix: "<service>-"
        generateName: `${svc.metadata.name}-`,
        namespace: ns,
        labels,
        ownerReferences: [newControllerRef(svc as unknown as KubeObject)],
        ...(triggerTime ? { annotations: { [LAST_CHANGE_TRIGGER_TIME]: triggerTime } } : {}),
      },
      addressType: 'IPv4',
      endpoints: want.endpoints,
      ports: want.ports,
    };
    write(() => store.create('endpointslices', slice));
  }
  for (const s of existing) if (!used.has(s.metadata.name)) write(() => store.delete('endpointslices', ns, s.metadata.name));
}

/** util.go getEndpointPorts: one port per service port the pod can serve. */
function endpointPorts(svc: StoredService, pod: StoredPod): Port[] {
  const out: Port[] = [];
  for (const sp of svc.spec?.ports ?? []) {
    const port = findPort(pod, sp);
    if (port === undefined) continue;
    out.push({ name: sp.name ?? '', port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) });
  }
  return out;
}

/** util.go podToEndpoint. */
function podToEndpoint(ctx: EngineContext, svc: StoredService, pod: StoredPod, ip: string): Endpoint {
  const serving = isPodReady(pod);
  const terminating = !!pod.metadata.deletionTimestamp;
  // Ready is never true for a terminating pod unless publishNotReadyAddresses is set.
  const ready = !!svc.spec?.publishNotReadyAddresses || (serving && !terminating);
  const ep: Endpoint = {
    addresses: [ip],
    conditions: { ready, serving, terminating },
    targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid },
  };
  if (pod.spec?.nodeName) {
    ep.nodeName = pod.spec.nodeName;
    const zone = ctx.store.tryGet('nodes', undefined, pod.spec.nodeName)?.metadata.labels?.[TOPOLOGY_ZONE_LABEL];
    if (zone) ep.zone = zone;
  }
  // ShouldSetHostname: pods with hostname and subdomain == the service name.
  if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name) ep.hostname = pod.spec.hostname;
  return ep;
}

/** util.go setEndpointSliceLabels: the service's labels plus the controller's own. */
function sliceLabels(svc: StoredService): Record<string, string> {
  const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
  delete labels[MANAGED_BY_LABEL];
  labels[SERVICE_NAME_LABEL] = svc.metadata.name;
  labels[MANAGED_BY_LABEL] = MANAGED_BY;
  if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
  return labels;
}

function setTrigger(obj: KubeObject, triggerTime: string | undefined): void {
  const a = { ...(obj.metadata.annotations ?? {}) };
  if (triggerTime) a[LAST_CHANGE_TRIGGER_TIME] = triggerTime;
  else delete a[LAST_CHANGE_TRIGGER_TIME];
  if (Object.keys(a).length) obj.metadata.annotations = a;
  else delete obj.metadata.annotations;
}

function write(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!isStatusError(e)) throw e;
  }
}
