// The endpoints controller (pkg/controller/endpoint/endpoints_controller.go syncService) and, on
// the same triggers, the EndpointSlice reconciler: for each Service with a selector, ready pods'
// IPs become addresses, unready ones notReadyAddresses, ports resolved by targetPort.
import type { Component, EngineContext } from '../cluster/context';
import type { EndpointAddress, EndpointPort, EndpointSubset } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredEndpoints, StoredPod, StoredService } from '../api/types';
import type { WatchEvent } from '../store/store';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { deepClone, deepEqual } from '../store/clone';
import { matches } from '../store/selectors';
import { isStatusError } from '../errors';
import { isPodReady } from './podutil';
import { computeTriggerTime, findPort, HEADLESS_LABEL, isHeadless, LAST_CHANGE_TRIGGER_TIME, podIPv4, shouldPodBeInEndpoints, type TriggerState } from './endpoint-util';
import { reconcileEndpointSlices } from './endpointslice';

interface EndpointsControllerState {
  queue: WorkQueueState;
  triggers: [string, TriggerState][];
}

const keyOf = (o: { metadata: { namespace?: string; name: string } }) => `${o.metadata.namespace}/${o.metadata.name}`;

export class EndpointsController implements Component {
  readonly name = 'endpoints-controller';
  private readonly queue: WorkQueue;
  private triggers = new Map<string, TriggerState>();
  private restored = false;
  /** Services as the store lists them per namespace, until any service changes (the informer's cache). */
  private services = new Map<string | undefined, StoredService[]>();

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'endpoints', (key) => this.sync(key));
  }

  start(): void {
    const { store } = this.ctx;
    store.watch('services', (e) => {
      this.services.clear();
      this.queue.add(keyOf(e.object));
    });
    store.watch('pods', (e) => this.onPod(e as WatchEvent<StoredPod & KubeObject>));
    if (!this.restored) for (const s of store.list('services')) this.queue.add(keyOf(s));
  }

  snapshot(): EndpointsControllerState {
    return { queue: this.queue.snapshot(), triggers: [...this.triggers] };
  }

  restore(state: unknown): void {
    const s = state as EndpointsControllerState;
    this.queue.restore(s.queue);
    this.triggers = new Map(s.triggers);
    this.restored = true;
  }

  /** getPodServiceMemberships for the new and the old labels. */
  private onPod(e: WatchEvent<StoredPod & KubeObject>): void {
    const ns = e.object.metadata.namespace;
    let services = this.services.get(ns);
    if (!services) this.services.set(ns, (services = this.ctx.store.list('services', { namespace: ns }) as StoredService[]));
    for (const svc of services) {
      const sel = svc.spec?.selector;
      if (!sel) continue;
      const req = Object.entries(sel).map(([key, v]) => ({ key, op: 'Equals' as const, values: [v] }));
      if (matches(req, e.object.metadata.labels) || (e.oldObject && matches(req, e.oldObject.metadata.labels))) this.queue.add(keyOf(svc));
    }
  }

  private sync(key: string): void {
    const { store } = this.ctx;
    const [ns, name] = key.split('/') as [string, string];
    const svc = store.tryGet('services', ns, name) as StoredService | undefined;
    try {
      if (!svc) {
        // The Service is gone: so are its Endpoints (its slices go with their owner reference).
        this.triggers.delete(key);
        if (store.tryGet('endpoints', ns, name)) store.delete('endpoints', ns, name);
        return;
      }
      if (svc.spec?.type === 'ExternalName' || !svc.spec?.selector) return;
      const req = Object.entries(svc.spec.selector).map(([k, v]) => ({ key: k, op: 'Equals' as const, values: [v] }));
      const pods = (store.list('pods', { namespace: ns }) as StoredPod[]).filter((p) => matches(req, p.metadata.labels));
      const trigger = computeTriggerTime(this.triggers, key, svc, pods);
      this.syncEndpoints(svc, pods, trigger);
      reconcileEndpointSlices(this.ctx, svc, pods, trigger);
    } catch (e) {
      if (!isStatusError(e)) throw e;
    }
  }

  /** endpoints_controller.go syncService: build the subsets and write them when they changed. */
  private syncEndpoints(svc: StoredService, pods: StoredPod[], trigger: string | undefined): void {
    const { store } = this.ctx;
    const publishNotReady = !!svc.spec?.publishNotReadyAddresses;
    const subsets: EndpointSubset[] = [];
    for (const pod of pods) {
      if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
      const ip = podIPv4(pod);
      if (!ip) continue;
      const addr: EndpointAddress = { ip, ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}), targetRef: { kind: 'Pod', namespace: pod.metadata.namespace, name: pod.metadata.name, uid: pod.metadata.uid } };
      if (pod.spec?.hostname && pod.spec.subdomain === svc.metadata.name) addr.hostname = pod.spec.hostname;
      const ready = publishNotReady || isPodReady(pod);
      const ports = svc.spec?.ports ?? [];
      if (!ports.length) {
        if (isHeadless(svc)) subsets.push(ready ? { addresses: [addr] } : { notReadyAddresses: [addr] });
        continue;
      }
      for (const sp of ports) {
        const port = findPort(pod, sp);
        if (port === undefined) continue;
        const epp: EndpointPort = { ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP', ...(sp.appProtocol ? { appProtocol: sp.appProtocol } : {}) };
        subsets.push(ready ? { addresses: [addr], ports: [epp] } : { notReadyAddresses: [addr], ports: [epp] });
      }
    }
    const repacked = repackSubsets(subsets);
    const current = store.tryGet('endpoints', svc.metadata.namespace, svc.metadata.name) as (StoredEndpoints & KubeObject) | undefined;
    const labels: Record<string, string> = { ...(svc.metadata.labels ?? {}) };
    const currentLabels = { ...(current?.metadata.labels ?? {}) };
    delete currentLabels[HEADLESS_LABEL];
    if (current && deepEqual(current.subsets ?? [], repacked) && deepEqual(currentLabels, labels)) return;
    if (isHeadless(svc)) labels[HEADLESS_LABEL] = '';
    const annotations = { ...(current?.metadata.annotations ?? {}) };
    if (trigger) annotations[LAST_CHANGE_TRIGGER_TIME] = trigger;
    else delete annotations[LAST_CHANGE_TRIGGER_TIME];
    const meta = { name: svc.metadata.name, namespace: svc.metadata.namespace, labels, ...(Object.keys(annotations).length ? { annotations } : {}) };
    if (!current) {
      store.create('endpoints', { apiVersion: 'v1', kind: 'Endpoints', metadata: meta, ...(repacked.length ? { subsets: repacked } : {}) });
      return;
    }
    const next = deepClone(current);
    next.metadata = { ...next.metadata, labels, annotations };
    if (!Object.keys(annotations).length) delete next.metadata.annotations;
    if (repacked.length) next.subsets = repacked;
    else delete next.subsets;
    store.update('endpoints', next);
  }
}

/**
 * endpoints.RepackSubsets: one subset per distinct port set, addresses sorted by IP then UID.
 * (Upstream orders ports and subsets by a hash of their Go values; we keep service-port order.)
 */
export function repackSubsets(subsets: EndpointSubset[]): EndpointSubset[] {
  const byPorts = new Map<string, { ports: EndpointPort[]; ready: Map<string, EndpointAddress>; notReady: Map<string, EndpointAddress> }>();
  const addrKey = (a: EndpointAddress) => `${a.ip}/${a.targetRef?.uid ?? ''}`;
  // Group each address's ports together first: a pod serving two ports is one address in one subset.
  const portsOf = new Map<string, { ports: EndpointPort[]; addr: EndpointAddress; ready: boolean }>();
  for (const ss of subsets) {
    for (const [addrs, ready] of [[ss.addresses ?? [], true], [ss.notReadyAddresses ?? [], false]] as const) {
      for (const a of addrs) {
        const k = `${addrKey(a)}/${ready}`;
        const entry = portsOf.get(k) ?? { ports: [], addr: a, ready };
        entry.ports.push(...(ss.ports ?? []));
        portsOf.set(k, entry);
      }
    }
  }
  for (const { ports, addr, ready } of portsOf.values()) {
    const k = JSON.stringify(ports);
    const group = byPorts.get(k) ?? { ports, ready: new Map(), notReady: new Map() };
    (ready ? group.ready : group.notReady).set(addrKey(addr), addr);
    byPorts.set(k, group);
  }
  const sortAddrs = (m: Map<string, EndpointAddress>) =>
    [...m.values()].sort((a, b) => (a.ip === b.ip ? (a.targetRef?.uid ?? '').localeCompare(b.targetRef?.uid ?? '') : a.ip < b.ip ? -1 : 1));
  return [...byPorts.values()].map((g) => ({
    ...(g.ready.size ? { addresses: sortAddrs(g.ready) } : {}),
    ...(g.notReady.size ? { notReadyAddresses: sortAddrs(g.notReady) } : {}),
    ...(g.ports.length ? { ports: g.ports } : {}),
  }));
}
