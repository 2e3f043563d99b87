// Service strategy: SetDefaults_Service (pkg/apis/core/v1/defaults.go), pkg/registry/core/service/
// strategy.go and storage/alloc.go, and ValidateService / ValidateServiceUpdate
// (pkg/apis/core/validation/validation.go).
import type { KubeObject, ServicePort, StoredService } from '../api/types';
import { field, type FieldError } from '../errors';
import type { Strategy } from './strategy';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum, validateLabels } from './names';
import { goField, goIntOrString, goStringSlice } from './gofmt';
import { allocateClusterIP, allocateNodePorts, isValidIP, needsClusterIP, needsNodePort } from './service-alloc';

type Svc = StoredService & KubeObject;

// core/v1 DefaultClientIPServiceAffinitySeconds
const DEFAULT_CLIENT_IP_AFFINITY_SECONDS = 10800;
// pkg/cluster/ports KubeletPort
const KUBELET_PORT = 10250;

/** service/util.go ExternallyAccessible. */
function externallyAccessible(s: Svc): boolean {
  const t = s.spec?.type;
  return t === 'LoadBalancer' || t === 'NodePort' || (t === 'ClusterIP' && (s.spec?.externalIPs ?? []).length > 0);
}

const isHeadless = (s: Svc) => s.spec?.clusterIP === 'None';

/** defaults.go SetDefaults_Service. */
export function defaultService(s: Svc): void {
  const spec = (s.spec ??= {});
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && spec.sessionAffinityConfig?.clientIP?.timeoutSeconds === undefined) {
    spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_AFFINITY_SECONDS } };
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of spec.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (externallyAccessible(s) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (spec.internalTrafficPolicy === undefined && ['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type)) {
    spec.internalTrafficPolicy = 'Cluster';
  }
  if (spec.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
}

export const serviceStrategy: Strategy = {
  prepareForCreate(obj) {
    // strategy.go PrepareForCreate: status is reset (LoadBalancer is a struct, so `{loadBalancer: {}}`).
    obj.status = { loadBalancer: {} };
  },

  defaults(obj) {
    defaultService(obj as Svc);
  },

  admit(obj, ctx) {
    // storage.go beginCreate → alloc.go allocateCreate, before validation.
    const s = obj as Svc;
    allocateClusterIP(s, ctx.store, ctx.random);
    allocateNodePorts(s, ctx.store, ctx.random);
  },

  prepareForUpdate(obj, old) {
    const s = obj as Svc;
    const prev = old as Svc;
    defaultService(s);
    dropTypeDependentFields(s, prev);
    patchAllocatedValues(s, prev);
  },

  validate(obj) {
    return validateService(obj as Svc);
  },

  validateUpdate(obj, old, ctx) {
    const s = obj as Svc;
    const prev = old as Svc;
    const errs = [...validateClusterIPsUpdate(s, prev), ...validateService(s)];
    // store.go Update runs BeginUpdate (alloc.go allocateUpdate) after validation, unlike create.
    if (!errs.length) {
      allocateClusterIP(s, ctx.store, ctx.random, prev.metadata.uid);
      allocateNodePorts(s, ctx.store, ctx.random, prev.metadata.uid);
    }
    return errs;
  },
};

/** storage.go patchAllocatedValues: what a PUT omits but was allocated stays (e.g. `kubectl apply`). */
function patchAllocatedValues(s: Svc, old: Svc): void {
  const spec = s.spec!;
  const prev = old.spec ?? {};
  if (needsClusterIP(old) && needsClusterIP(s)) {
    if (!spec.clusterIP) spec.clusterIP = prev.clusterIP;
    if (!spec.clusterIPs?.length && spec.clusterIP === prev.clusterIP) spec.clusterIPs = prev.clusterIPs;
    spec.ipFamilies ??= prev.ipFamilies;
    spec.ipFamilyPolicy ??= prev.ipFamilyPolicy;
  }
  if (needsNodePort(old) && needsNodePort(s)) {
    // The node port of a port (matched by port number and protocol) is kept when omitted.
    for (const p of spec.ports ?? []) {
      if (p.nodePort) continue;
      const was = (prev.ports ?? []).find((q) => q.port === p.port && (q.protocol ?? 'TCP') === (p.protocol ?? 'TCP'));
      if (was?.nodePort) p.nodePort = was.nodePort;
    }
  }
  if (s.spec?.healthCheckNodePort === undefined && prev.healthCheckNodePort) spec.healthCheckNodePort = prev.healthCheckNodePort;
}

/** storage.go dropTypeDependentFields: fields the new type cannot have are cleared if left unchanged. */
function dropTypeDependentFields(s: Svc, old: Svc): void {
  const spec = s.spec!;
  const prev = old.spec ?? {};
  if (needsClusterIP(old) && !needsClusterIP(s) && spec.clusterIP === prev.clusterIP) {
    delete spec.clusterIP;
    delete spec.clusterIPs;
    delete spec.ipFamilies;
    delete spec.ipFamilyPolicy;
  }
  if (needsNodePort(old) && !needsNodePort(s)) {
    const same = (spec.ports ?? []).every((p) => {
      const was = (prev.ports ?? []).find((q) => q.port === p.port && q.protocol === p.protocol);
      return !p.nodePort || p.nodePort === was?.nodePort;
    });
    if (same) for (const p of spec.ports ?? []) delete p.nodePort;
  }
  if (spec.type !== 'LoadBalancer' && prev.type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === prev.allocateLoadBalancerNodePorts) {
    delete spec.allocateLoadBalancerNodePorts;
  }
  if (!externallyAccessible(s) && spec.externalTrafficPolicy === prev.externalTrafficPolicy) delete spec.externalTrafficPolicy;
}

// validation.go supportedServiceType etc. (sets.List sorts them)
const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];
const AFFINITIES = ['ClientIP', 'None'];
const TRAFFIC_POLICIES = ['Cluster', 'Local'];
const IP_FAMILIES = ['IPv4', 'IPv6'];
const IP_FAMILY_POLICIES = ['PreferDualStack', 'RequireDualStack', 'SingleStack'];

/** validation.go ValidateService, in its order. */
export function validateService(s: Svc): FieldError[] {
  const errs: FieldError[] = [];
  const spec = s.spec ?? {};
  const ports = spec.ports ?? [];
  if (!ports.length && !isHeadless(s) && spec.type !== 'ExternalName') errs.push(field.required('spec.ports'));
  switch (spec.type) {
    case 'LoadBalancer':
      ports.forEach((p, i) => {
        if (p.port === KUBELET_PORT) errs.push(field.invalid(`spec.ports[${i}]`, p.port, `may not expose port ${KUBELET_PORT} externally since it is used by kubelet`));
      });
      if (isHeadless(s)) errs.push(field.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
      break;
    case 'NodePort':
      if (isHeadless(s)) errs.push(field.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
      break;
    case 'ExternalName': {
      if ((spec.clusterIPs ?? []).length || spec.clusterIP) errs.push(field.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
      if ((spec.ipFamilies ?? []).length) errs.push(field.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
      if (spec.ipFamilyPolicy) errs.push(field.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
      const cname = (spec.externalName ?? '').replace(/\.$/, '');
      if (cname) for (const m of isDNS1123Subdomain(cname)) errs.push(field.invalid('spec.externalName', cname, m));
      else errs.push(field.required('spec.externalName'));
      break;
    }
  }
  const names = new Set<string>();
  ports.forEach((p, i) => errs.push(...validateServicePort(p, ports.length > 1, names, `spec.ports[${i}]`)));
  if (spec.selector) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  if (!spec.sessionAffinity) errs.push(field.required('spec.sessionAffinity'));
  else if (!AFFINITIES.includes(spec.sessionAffinity)) errs.push(field.notSupported('spec.sessionAffinity', spec.sessionAffinity, AFFINITIES));
  errs.push(...validateClusterIPs(s));
  (spec.externalIPs ?? []).forEach((ip, i) => {
    if (!isValidIP(ip)) errs.push(field.invalid(`spec.externalIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (!spec.type) errs.push(field.required('spec.type'));
  else if (!SERVICE_TYPES.includes(spec.type)) errs.push(field.notSupported('spec.type', spec.type, SERVICE_TYPES));
  if (spec.type === 'ClusterIP') {
    ports.forEach((p, i) => {
      if (p.nodePort) errs.push(field.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  ports.forEach((p, i) => {
    if (!p.nodePort) return;
    const key = `${p.protocol}/${p.nodePort}`;
    if (nodePorts.has(key)) errs.push(field.duplicate(`spec.ports[${i}].nodePort`, p.nodePort));
    nodePorts.add(key);
  });
  const seen = new Set<string>();
  ports.forEach((p, i) => {
    const key = `${p.protocol}/${p.port}`;
    if (seen.has(key)) {
      // The duplicate check keys on core.ServicePort{Protocol, Port}, printed with %#v.
      const v = `core.ServicePort{Name:"", Protocol:${JSON.stringify(p.protocol ?? '')}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:${goIntOrString(0)}, NodePort:0}`;
      errs.push(goField.duplicate(`spec.ports[${i}]`, v));
    }
    seen.add(key);
  });
  if ((spec.loadBalancerSourceRanges ?? []).length && spec.type !== 'LoadBalancer') {
    errs.push(field.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (spec.allocateLoadBalancerNodePorts !== undefined && spec.type !== 'LoadBalancer') {
    errs.push(field.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  // validateServiceExternalTrafficPolicy
  if (!externallyAccessible(s)) {
    if (spec.externalTrafficPolicy) errs.push(field.invalid('spec.externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible services'));
  } else if (!spec.externalTrafficPolicy) {
    errs.push(field.required('spec.externalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(spec.externalTrafficPolicy)) {
    errs.push(field.notSupported('spec.externalTrafficPolicy', spec.externalTrafficPolicy, TRAFFIC_POLICIES));
  }
  // validateServiceInternalTrafficFieldsValue
  if (spec.internalTrafficPolicy === undefined) {
    if (['NodePort', 'LoadBalancer', 'ClusterIP'].includes(spec.type ?? '')) errs.push(field.required('spec.internalTrafficPolicy'));
  } else if (!TRAFFIC_POLICIES.includes(spec.internalTrafficPolicy)) {
    errs.push(field.notSupported('spec.internalTrafficPolicy', spec.internalTrafficPolicy, TRAFFIC_POLICIES));
  }
  return errs;
}

/** validation.go validateServicePort. */
function validateServicePort(p: ServicePort, requireName: boolean, names: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (requireName && !p.name) {
    errs.push(field.required(`${path}.name`));
  } else if (p.name) {
    for (const m of isDNS1123Label(p.name)) errs.push(field.invalid(`${path}.name`, p.name, m));
    if (names.has(p.name)) errs.push(field.duplicate(`${path}.name`, p.name));
    else names.add(p.name);
  }
  for (const m of isValidPortNum(p.port)) errs.push(field.invalid(`${path}.port`, p.port, m));
  if (!p.protocol) errs.push(field.required(`${path}.protocol`));
  else if (!PROTOCOLS.includes(p.protocol)) errs.push(field.notSupported(`${path}.protocol`, p.protocol, PROTOCOLS));
  // ValidatePortNumOrName
  if (typeof p.targetPort === 'number') {
    for (const m of isValidPortNum(p.targetPort)) errs.push(field.invalid(`${path}.targetPort`, p.targetPort, m));
  } else if (typeof p.targetPort === 'string') {
    for (const m of isValidPortName(p.targetPort)) errs.push(field.invalid(`${path}.targetPort`, p.targetPort, m));
  }
  if (p.appProtocol !== undefined) for (const m of isQualifiedName(p.appProtocol)) errs.push(field.invalid(`${path}.appProtocol`, p.appProtocol, m));
  return errs;
}

/** validation.go ValidateServiceClusterIPsRelatedFields (the single-stack subset). */
function validateClusterIPs(s: Svc): FieldError[] {
  const spec = s.spec ?? {};
  if (spec.type === 'ExternalName') return [];
  const errs: FieldError[] = [];
  const ips = spec.clusterIPs ?? [];
  if (spec.clusterIP) {
    if (!ips.length) errs.push(field.required('spec.clusterIPs'));
    else if (ips[0] !== spec.clusterIP) errs.push(goField.invalid('spec.clusterIPs', goStringSlice(ips), 'first value must match `clusterIP`'));
  } else if (ips.length) {
    errs.push(goField.invalid('spec.clusterIPs', goStringSlice(ips), 'must be empty when `clusterIP` is not specified'));
  }
  (spec.ipFamilies ?? []).forEach((f, i) => {
    if (!IP_FAMILIES.includes(f)) errs.push(field.notSupported(`spec.ipFamilies[${i}]`, f, IP_FAMILIES));
  });
  if (spec.ipFamilyPolicy && !IP_FAMILY_POLICIES.includes(spec.ipFamilyPolicy)) {
    errs.push(field.notSupported('spec.ipFamilyPolicy', spec.ipFamilyPolicy, IP_FAMILY_POLICIES));
  }
  ips.forEach((ip, i) => {
    if (i === 0 && ip === 'None') return;
    if (!isValidIP(ip)) errs.push(field.invalid(`spec.clusterIPs[${i}]`, ip, 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)'));
  });
  if (ips.length > 2) errs.push(goField.invalid('spec.clusterIPs', goStringSlice(ips), 'may only hold up to 2 values'));
  return errs;
}

/** validation.go validateUpgradeDowngradeClusterIPs: a cluster IP "may not change once set". */
function validateClusterIPsUpdate(s: Svc, old: Svc): FieldError[] {
  if (s.spec?.type === 'ExternalName' || old.spec?.type === 'ExternalName') return [];
  if (isHeadless(s) && isHeadless(old)) return [];
  const now = s.spec?.clusterIPs ?? [];
  const was = old.spec?.clusterIPs ?? [];
  const errs: FieldError[] = [];
  if (now.length === was.length) {
    was.forEach((ip, i) => {
      if (ip !== now[i]) errs.push(goField.invalid(`spec.clusterIPs[${i}]`, goStringSlice(now), 'may not change once set'));
    });
  } else if (was.length > now.length) {
    if (!now.length) errs.push(goField.invalid('spec.clusterIPs[0]', goStringSlice(now), 'primary clusterIP can not be unset'));
    else if (now[0] !== was[0]) errs.push(goField.invalid('spec.clusterIPs[0]', goStringSlice(now), 'may not change once set'));
  } else if (was.length && now[0] !== was[0]) {
    errs.push(goField.invalid('spec.clusterIPs[0]', goStringSlice(now), 'may not change once set'));
  }
  return errs;
}

