// `kubectl describe service` (describe.go ServiceDescriber.Describe, describeService,
// formatEndpointSlices, buildIngressString), `describe endpoints` (describeEndpoints) and
// `describe endpointslice` (EndpointSliceDescriber, describeEndpointSliceV1).
import type { EndpointSlice, Endpoints, Event, KubeApi, Service } from '../../engine/index';
import { describeEvents, eventQueryFor, searchEvents } from './events';
import { compareStrings, printAnnotationsMultiline, printLabelsMultiline } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, tabbedString } from './prefix-writer';
import type { DescribeSettings } from './settings';

// discoveryv1.LabelServiceName
const LABEL_SERVICE_NAME = 'kubernetes.io/service-name';

export async function describeServiceByName(api: KubeApi, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const svc = (await api.get('services', namespace, name)) as unknown as Service;
  // kubectl ignores a failing slice list and shows <none>
  const slices = await api.list('endpointslices', { namespace, labelSelector: `${LABEL_SERVICE_NAME}=${name}` })
    .then((l) => l.items as unknown as EndpointSlice[], () => []);
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(svc as never)) : undefined;
  return describeService(svc, slices, events, s.now);
}

/** labels.FormatLabels: sorted `k=v` joined by commas, or `<none>`. */
export function formatLabels(labels: Readonly<Record<string, string>> | undefined): string {
  const keys = Object.keys(labels ?? {}).sort(compareStrings);
  return keys.length ? keys.map((k) => `${k}=${labels![k]}`).join(',') : '<none>';
}

// describe.go describeService
export function describeService(svc: Service, slices: readonly EndpointSlice[], events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = svc.spec ?? {};
    w.write(LEVEL_0, `Name:\t${svc.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length) {
      // buildIngressString
      const list = ingress.map((i) => (i.ip ? `${i.ip}${i.ipMode ? ` (${i.ipMode})` : ''}` : (i.hostname ?? ''))).join(', ');
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
    }
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      const protocol = sp.protocol ?? '';
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port}/${protocol}\n`);
      w.write(LEVEL_0, `TargetPort:\t${String(sp.targetPort ?? 0)}/${protocol}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${protocol}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, sp.name ?? '')}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    if (events) describeEvents(events, w, now);
  });
}

/** net.JoinHostPort: IPv6 addresses in brackets. */
const joinHostPort = (host: string, port: number): string => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

// describe.go formatEndpointSlices: the first 3 ready endpoints of the port, then "+ N more..."
export function formatEndpointSlices(slices: readonly EndpointSlice[], portName: string): string {
  if (!slices.length) return '<none>';
  const max = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  const take = (ready: boolean | undefined, text: () => string) => {
    if (list.length === max) more = true;
    if (ready === false) return;
    if (!more) list.push(text());
    count++;
  };
  for (const slice of slices) {
    if (!slice.ports?.length) {
      // headless services without ports
      for (const ep of slice.endpoints ?? []) take(ep.conditions?.ready, () => ep.addresses[0] ?? '');
      continue;
    }
    for (const port of slice.ports) {
      if ((port.name ?? '') !== portName) continue;
      for (const ep of slice.endpoints ?? []) take(ep.conditions?.ready, () => joinHostPort(ep.addresses[0] ?? '', port.port ?? 0));
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export async function describeEndpointsByName(api: KubeApi, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const ep = (await api.get('endpoints', namespace, name)) as unknown as Endpoints;
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(ep as never)) : undefined;
  return describeEndpoints(ep, events, s.now);
}

// describe.go describeEndpoints
export function describeEndpoints(ep: Endpoints, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata?.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const subset of ep.subsets ?? []) {
      w.write(LEVEL_1, `Addresses:\t${(subset.addresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      w.write(LEVEL_1, `NotReadyAddresses:\t${(subset.notReadyAddresses ?? []).map((a) => a.ip).join(',') || '<none>'}\n`);
      if (subset.ports?.length) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of subset.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port}\t${p.protocol ?? ''}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    if (events) describeEvents(events, w, now);
  });
}

export async function describeEndpointSliceByName(api: KubeApi, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const eps = (await api.get('endpointslices', namespace, name)) as unknown as EndpointSlice;
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(eps as never)) : undefined;
  return describeEndpointSlice(eps, events, s.now);
}

// describe.go describeEndpointSliceV1
export function describeEndpointSlice(eps: EndpointSlice, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${eps.metadata?.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', eps.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', eps.metadata?.annotations);
    w.write(LEVEL_0, `AddressType:\t${eps.addressType}\n`);
    if (!eps.ports?.length) w.write(LEVEL_0, 'Ports: <unset>\n');
    else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const p of eps.ports) w.write(LEVEL_1, `${p.name || '<unset>'}\t${p.port ?? '<unset>'}\t${p.protocol ?? ''}\n`);
    }
    if (!eps.endpoints?.length) w.write(LEVEL_0, 'Endpoints: <none>\n');
    else {
      w.write(LEVEL_0, 'Endpoints:\n');
      for (const ep of eps.endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${ep.addresses.join(', ') || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        w.write(LEVEL_3, `Ready:\t${ep.conditions?.ready === undefined ? '<unset>' : String(ep.conditions.ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${ep.hostname ?? '<unset>'}\n`);
        if (ep.targetRef) w.write(LEVEL_2, `TargetRef:\t${ep.targetRef.kind ?? ''}/${ep.targetRef.name ?? ''}\n`);
        w.write(LEVEL_2, `NodeName:\t${ep.nodeName ?? '<unset>'}\n`);
        w.write(LEVEL_2, `Zone:\t${ep.zone ?? '<unset>'}\n`);
      }
    }
    if (events) describeEvents(events, w, now);
  });
}
