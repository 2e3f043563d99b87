// `kubectl get services`, `endpoints`, `endpointslices`: printers.go printService,
// printEndpoints, printEndpointSlice and their helpers.
import type { EndpointSlice, Endpoints, Service } from '../../../engine/index';
import { goCompare } from '../go-format';
import { AGE_COLUMN, NAME_COLUMN, age, formatLabels, type TableHandler } from './types';

const LOAD_BALANCER_WIDTH = 16; // printers.go loadBalancerWidth

export const serviceHandler: TableHandler = {
  columns: [
    NAME_COLUMN, { name: 'Type' }, { name: 'Cluster-IP' }, { name: 'External-IP' }, { name: 'Port(s)' }, AGE_COLUMN,
    { name: 'Selector', priority: 1 },
  ],
  row(obj, ctx) {
    const svc = obj as unknown as Service;
    const spec = svc.spec ?? {};
    // the server builds rows with Wide set, so the load balancer list is never shortened
    return [
      obj.metadata.name, spec.type ?? '', spec.clusterIPs?.[0] ?? '<none>', serviceExternalIP(svc, true),
      makePortString(spec.ports ?? []) || '<none>', age(obj, ctx), formatLabels(spec.selector),
    ];
  },
};

// printers.go getServiceExternalIP
function serviceExternalIP(svc: Service, wide: boolean): string {
  const spec = svc.spec ?? {};
  const external = spec.externalIPs ?? [];
  switch (spec.type) {
    case 'ClusterIP':
    case 'NodePort':
      return external.length > 0 ? external.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerStatusString(svc, wide);
      if (external.length > 0) return [...(lb ? lb.split(',') : []), ...external].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName ?? '';
  }
  return '<unknown>';
}

// printers.go loadBalancerStatusStringer
function loadBalancerStatusString(svc: Service, wide: boolean): string {
  const set = new Set<string>();
  for (const ing of svc.status?.loadBalancer?.ingress ?? []) {
    if (ing.ip) set.add(ing.ip);
    else if (ing.hostname) set.add(ing.hostname);
  }
  let r = [...set].sort(goCompare).join(',');
  if (!wide && r.length > LOAD_BALANCER_WIDTH) r = r.slice(0, LOAD_BALANCER_WIDTH - 3) + '...';
  return r;
}

// printers.go makePortString: "80/TCP", "80:30080/TCP"
function makePortString(ports: NonNullable<Service['spec']>['ports'] & object): string {
  return ports.map((p) => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? ''}` : `${p.port}/${p.protocol ?? ''}`)).join(',');
}

export const endpointsHandler: TableHandler = {
  columns: [NAME_COLUMN, { name: 'Endpoints' }, AGE_COLUMN],
  row: (obj, ctx) => [obj.metadata.name, formatEndpoints(obj as unknown as Endpoints), age(obj, ctx)],
};

// printers.go formatEndpoints: up to three ip:port pairs, then "+ N more...".
function formatEndpoints(ep: Endpoints): string {
  const subsets = ep.subsets ?? [];
  if (subsets.length === 0) return '<none>';
  const MAX = 3;
  const list: string[] = [];
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addresses = ss.addresses ?? [];
    if (!ss.ports?.length) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX) { more = true; break; }
        list.push(a.ip);
      }
      continue;
    }
    for (const port of ss.ports) {
      count += addresses.length;
      for (const a of addresses) {
        if (list.length === MAX) { more = true; break; }
        list.push(joinHostPort(a.ip, port.port));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - MAX} more...` : ret;
}

// net.JoinHostPort: IPv6 literals in brackets.
function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

export const endpointSliceHandler: TableHandler = {
  columns: [NAME_COLUMN, { name: 'AddressType' }, { name: 'Ports' }, { name: 'Endpoints' }, AGE_COLUMN],
  row(obj, ctx) {
    const es = obj as unknown as EndpointSlice;
    const ports = (es.ports ?? []).map((p) => (p.port != null ? String(p.port) : p.name != null ? p.name : '*'));
    const addresses = (es.endpoints ?? []).flatMap((e) => e.addresses ?? []);
    return [obj.metadata.name, es.addressType ?? '', listWithMore(ports), listWithMore(addresses), age(obj, ctx)];
  },
};

// printers.go formatDiscoveryPorts / formatDiscoveryEndpoints + listWithMoreString
function listWithMore(all: string[]): string {
  const MAX = 3;
  if (all.length > MAX) return `${all.slice(0, MAX).join(',')} + ${all.length - MAX} more...`;
  return all.length === 0 ? '<unset>' : all.join(',');
}
