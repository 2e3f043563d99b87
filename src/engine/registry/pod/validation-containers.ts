// Containers and init containers: validateContainers, validateInitContainers and
// validateContainerCommon of pkg/apis/core/validation/validation.go, with the port, env,
// volume mount, resource and probe rules they call, in upstream's order.
import type { Container } from 'kubernetes-types/core/v1';
import { field, type FieldError } from '../../errors';
import { tryParseQuantity } from '../../../shared/quantity';
import {
  isDNS1123Label, isQualifiedName, isRelaxedEnvVarName, isValidPortName, isValidPortNum, validateDNS1123Subdomain,
} from '../names';
import { asObjects, validateKeySelector, validateLocalDescendingPath, validateObjectFieldSelector } from './validation-volumes';

type Json = Record<string, unknown>;

// apimachinery validation.IsNegativeErrorMsg
const IS_NEGATIVE = 'must be greater than or equal to 0';
const INIT_ONLY_ALWAYS = 'may not be set for init containers without restartPolicy=Always';

/** validateContainers: regular containers (at least one), names unique among themselves. */
export function validateContainers(containers: Container[] | undefined, volumes: Set<string>, grace: number | undefined, path: string): FieldError[] {
  const list = containers ?? [];
  if (list.length === 0) return [field.required(path)];
  const errs: FieldError[] = [];
  const names = new Set<string>();
  list.forEach((c, i) => {
    const idx = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, idx));
    // "Collisions with init or ephemeral container names will be detected by the init ... validation"
    if (names.has(c.name)) errs.push(field.duplicate(`${idx}.name`, c.name));
    else names.add(c.name);
    if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle as Json, grace, `${idx}.lifecycle`));
    errs.push(...validateProbe(c.livenessProbe as Json | undefined, grace, `${idx}.livenessProbe`, 'liveness'));
    errs.push(...validateProbe(c.readinessProbe as Json | undefined, grace, `${idx}.readinessProbe`, 'readiness'));
    errs.push(...validateProbe(c.startupProbe as Json | undefined, grace, `${idx}.startupProbe`, 'startup'));
    if (c.restartPolicy != null) errs.push(field.forbidden(`${idx}.restartPolicy`, 'may not be set for non-init containers'));
  });
  // "Port conflicts are checked across all containers"
  errs.push(...checkHostPortConflicts(list, path));
  return errs;
}

/** validateInitContainers: names must differ from every regular and earlier init container. */
export function validateInitContainers(
  inits: Container[] | undefined, regular: Container[] | undefined, volumes: Set<string>, grace: number | undefined, path: string,
): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set((regular ?? []).map((c) => c.name));
  (inits ?? []).forEach((c, i) => {
    const idx = `${path}[${i}]`;
    errs.push(...validateContainerCommon(c, volumes, idx));
    let restartAlways = false;
    if (c.restartPolicy != null) {
      // validateInitContainerRestartPolicy
      if (c.restartPolicy !== 'Always') errs.push(field.notSupported(`${idx}.restartPolicy`, c.restartPolicy, ['Always']));
      restartAlways = c.restartPolicy === 'Always';
    }
    if (names.has(c.name)) errs.push(field.duplicate(`${idx}.name`, c.name));
    else if (c.name) names.add(c.name);
    // "Check for port conflicts in init containers individually": upstream passes a one-element
    // slice, so the reported index is always [0].
    errs.push(...checkHostPortConflicts([c], path));
    if (restartAlways) {
      if (c.lifecycle) errs.push(...validateLifecycle(c.lifecycle as Json, grace, `${idx}.lifecycle`));
      errs.push(...validateProbe(c.livenessProbe as Json | undefined, grace, `${idx}.livenessProbe`, 'liveness'));
      errs.push(...validateProbe(c.readinessProbe as Json | undefined, grace, `${idx}.readinessProbe`, 'readiness'));
      errs.push(...validateProbe(c.startupProbe as Json | undefined, grace, `${idx}.startupProbe`, 'startup'));
    } else {
      // "These fields are disallowed for init containers."
      if (c.lifecycle) errs.push(field.forbidden(`${idx}.lifecycle`, INIT_ONLY_ALWAYS));
      if (c.livenessProbe) errs.push(field.forbidden(`${idx}.livenessProbe`, INIT_ONLY_ALWAYS));
      if (c.readinessProbe) errs.push(field.forbidden(`${idx}.readinessProbe`, INIT_ONLY_ALWAYS));
      if (c.startupProbe) errs.push(field.forbidden(`${idx}.startupProbe`, INIT_ONLY_ALWAYS));
    }
  });
  return errs;
}

// validateContainerCommon (regular, init and ephemeral containers)
export function validateContainerCommon(c: Container, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!c.name) errs.push(field.required(`${path}.name`));
  else errs.push(...isDNS1123Label(c.name).map((m) => field.invalid(`${path}.name`, c.name, m)));
  if (!c.image) errs.push(field.required(`${path}.image`));
  const tmp = c.terminationMessagePolicy ?? '';
  if (!tmp) errs.push(field.required(`${path}.terminationMessagePolicy`));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(field.notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validateContainerPorts(asObjects(c.ports), `${path}.ports`));
  errs.push(...validateEnv(asObjects(c.env), `${path}.env`));
  errs.push(...validateEnvFrom(asObjects(c.envFrom), `${path}.envFrom`));
  errs.push(...validateVolumeMounts(asObjects(c.volumeMounts), volumes, `${path}.volumeMounts`));
  errs.push(...validatePullPolicy(c.imagePullPolicy ?? '', `${path}.imagePullPolicy`));
  errs.push(...validateResources((c.resources ?? {}) as Json, `${path}.resources`));
  return errs;
}

// validation.go supportedPortProtocols (sets.List order)
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

// validateContainerPorts
function validateContainerPorts(ports: Json[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const idx = `${path}[${i}]`;
    const name = String(p.name ?? '');
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) errs.push(...msgs.map((m) => field.invalid(`${idx}.name`, name, m)));
      else if (names.has(name)) errs.push(field.duplicate(`${idx}.name`, name));
      else names.add(name);
    }
    const cp = Number(p.containerPort ?? 0);
    if (cp === 0) errs.push(field.required(`${idx}.containerPort`));
    else errs.push(...isValidPortNum(cp).map((m) => field.invalid(`${idx}.containerPort`, cp, m)));
    const hp = Number(p.hostPort ?? 0);
    if (hp !== 0) errs.push(...isValidPortNum(hp).map((m) => field.invalid(`${idx}.hostPort`, hp, m)));
    const proto = String(p.protocol ?? '');
    if (!proto) errs.push(field.required(`${idx}.protocol`));
    else if (!PROTOCOLS.includes(proto)) errs.push(field.notSupported(`${idx}.protocol`, proto, PROTOCOLS));
  });
  return errs;
}

// validEnvDownwardAPIFieldPathExpressions (sets.List order)
const ENV_FIELD_PATHS = [
  'metadata.name', 'metadata.namespace', 'metadata.uid', 'spec.nodeName', 'spec.serviceAccountName',
  'status.hostIP', 'status.hostIPs', 'status.podIP', 'status.podIPs',
];
// validContainerResourceFieldPathExpressions (sets.List order)
const RESOURCE_FIELD_PATHS = ['limits.cpu', 'limits.ephemeral-storage', 'limits.memory', 'requests.cpu', 'requests.ephemeral-storage', 'requests.memory'];

// ValidateEnv (RelaxedEnvironmentVariableValidation is on in 1.32)
function validateEnv(vars: Json[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  vars.forEach((ev, i) => {
    const idx = `${path}[${i}]`;
    const name = String(ev.name ?? '');
    if (!name) errs.push(field.required(`${idx}.name`));
    else errs.push(...isRelaxedEnvVarName(name).map((m) => field.invalid(`${idx}.name`, name, m)));
    errs.push(...validateEnvValueFrom(ev, `${idx}.valueFrom`));
  });
  return errs;
}

// validateEnvVarValueFrom
function validateEnvValueFrom(ev: Json, path: string): FieldError[] {
  const from = ev.valueFrom as Json | undefined;
  if (!from) return [];
  const errs: FieldError[] = [];
  let n = 0;
  if (from.fieldRef) {
    n++;
    errs.push(...validateObjectFieldSelector(from.fieldRef as Json, ENV_FIELD_PATHS, `${path}.fieldRef`));
  }
  if (from.resourceFieldRef) {
    n++;
    const ref = from.resourceFieldRef as Json;
    const res = String(ref.resource ?? '');
    if (!res) errs.push(field.required(`${path}.resourceFieldRef.resource`));
    else if (!RESOURCE_FIELD_PATHS.includes(res) && !/^(requests|limits)\.hugepages-/.test(res)) {
      errs.push(field.notSupported(`${path}.resourceFieldRef.resource`, res, RESOURCE_FIELD_PATHS));
    }
  }
  if (from.configMapKeyRef) {
    n++;
    errs.push(...validateKeySelector(from.configMapKeyRef as Json, `${path}.configMapKeyRef`));
  }
  if (from.secretKeyRef) {
    n++;
    errs.push(...validateKeySelector(from.secretKeyRef as Json, `${path}.secretKeyRef`));
  }
  if (n === 0) errs.push(field.invalid(path, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
  else if (ev.value) errs.push(field.invalid(path, '', 'may not be specified when `value` is not empty'));
  else if (n > 1) errs.push(field.invalid(path, '', 'may not have more than one field specified at a time'));
  return errs;
}

// ValidateEnvFrom
function validateEnvFrom(sources: Json[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  sources.forEach((src, i) => {
    const idx = `${path}[${i}]`;
    const prefix = String(src.prefix ?? '');
    if (prefix) errs.push(...isRelaxedEnvVarName(prefix).map((m) => field.invalid(`${idx}.prefix`, prefix, m)));
    let n = 0;
    for (const kind of ['configMapRef', 'secretRef'] as const) {
      const ref = src[kind] as Json | undefined;
      if (!ref) continue;
      n++;
      const name = String(ref.name ?? '');
      if (!name) errs.push(field.required(`${idx}.${kind}.name`));
      else errs.push(...validateDNS1123Subdomain(name, `${idx}.${kind}.name`));
    }
    // upstream reports these at the list path, not the element
    if (n === 0) errs.push(field.invalid(path, '', 'must specify one of: `configMapRef` or `secretRef`'));
    else if (n > 1) errs.push(field.invalid(path, '', 'may not have more than one field specified at a time'));
  });
  return errs;
}

// ValidateVolumeMounts
function validateVolumeMounts(mounts: Json[], volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  mounts.forEach((m, i) => {
    const idx = `${path}[${i}]`;
    const name = String(m.name ?? '');
    const mountPath = String(m.mountPath ?? '');
    if (!name) errs.push(field.required(`${idx}.name`));
    if (!volumes.has(name)) errs.push(field.notFound(`${idx}.name`, name));
    if (!mountPath) errs.push(field.required(`${idx}.mountPath`));
    if (mountPoints.has(mountPath)) errs.push(field.invalid(`${idx}.mountPath`, mountPath, 'must be unique'));
    mountPoints.add(mountPath);
    // sic: upstream reports subPath problems at the list path (fldPath.Child("subPath"))
    const subPath = String(m.subPath ?? '');
    if (subPath) errs.push(...validateLocalDescendingPath(subPath, `${path}.subPath`));
    const expr = String(m.subPathExpr ?? '');
    if (expr) {
      if (subPath) errs.push(field.invalid(`${idx}.subPathExpr`, expr, 'subPathExpr and subPath are mutually exclusive'));
      errs.push(...validateLocalDescendingPath(expr, `${path}.subPathExpr`));
    }
  });
  return errs;
}

// validatePullPolicy; supportedPullPolicies in sets.List order
function validatePullPolicy(policy: string, path: string): FieldError[] {
  if (policy === 'Always' || policy === 'IfNotPresent' || policy === 'Never') return [];
  if (!policy) return [field.required(path)];
  return [field.notSupported(path, policy, ['Always', 'IfNotPresent', 'Never'])];
}

const STANDARD_CONTAINER_RESOURCES = ['cpu', 'memory', 'ephemeral-storage'];
// helper.standardResources
const STANDARD_RESOURCES = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services',
  'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage',
  'services.nodeports', 'services.loadbalancers',
]);

const isHugePages = (name: string) => name.startsWith('hugepages-');
// helper.IsNativeResource: unprefixed names are implicitly in kubernetes.io/
const isNative = (name: string) => !name.includes('/') || name.includes('kubernetes.io/');
// helper.IsExtendedResourceName
const isExtended = (name: string) => !isNative(name) && !name.startsWith('requests.') && isQualifiedName(`requests.${name}`).length === 0;

// validateResourceName
function validateResourceName(name: string, path: string): FieldError[] {
  const q = isQualifiedName(name);
  if (q.length) return q.map((m) => field.invalid(path, name, m));
  // helper.IsStandardResourceName: the standard names and any hugepages quota name
  if (!name.includes('/') && !STANDARD_RESOURCES.has(name) && !isHugePages(name) && !name.startsWith('requests.hugepages-')) {
    return [field.invalid(path, name, 'must be a standard resource type or fully qualified')];
  }
  return [];
}

// validateContainerResourceName
function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!STANDARD_CONTAINER_RESOURCES.includes(name) && !isHugePages(name)) errs.push(field.invalid(path, name, 'must be a standard resource for containers'));
  } else if (!isNative(name) && !isExtended(name)) {
    errs.push(field.invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

// validateResourceRequirements (container flavour)
function validateResources(res: Json, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const limits = (res.limits ?? {}) as Json;
  const requests = (res.requests ?? {}) as Json;
  let limCpuMem = false;
  let reqCpuMem = false;
  let hugePages = false;
  for (const name of Object.keys(limits).sort()) {
    const p = `${path}.limits[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateQuantityValue(name, limits[name], p));
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') limCpuMem = true;
  }
  for (const name of Object.keys(requests).sort()) {
    const p = `${path}.requests[${name}]`;
    errs.push(...validateContainerResourceName(name, p));
    errs.push(...validateQuantityValue(name, requests[name], p));
    const req = tryParseQuantity(requests[name]);
    const lim = name in limits ? tryParseQuantity(limits[name]) : undefined;
    const overcommit = isNative(name) && !isHugePages(name); // helper.IsOvercommitAllowed
    if (lim && req) {
      if (req.cmp(lim) !== 0 && !overcommit) {
        errs.push(field.invalid(`${path}.requests`, req.toString(), `must be equal to ${name} limit of ${lim.toString()}`));
      } else if (req.cmp(lim) > 0) {
        errs.push(field.invalid(`${path}.requests`, req.toString(), `must be less than or equal to ${name} limit of ${lim.toString()}`));
      }
    } else if (!(name in limits) && !overcommit) {
      errs.push(field.required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePages(name)) hugePages = true;
    if (name === 'cpu' || name === 'memory') reqCpuMem = true;
  }
  if (!limCpuMem && !reqCpuMem && hugePages) errs.push(field.forbidden(path, 'HugePages require cpu or memory'));
  return errs;
}

// ValidateResourceQuantityValue: not negative; extended resources must be whole numbers
function validateQuantityValue(name: string, raw: unknown, path: string): FieldError[] {
  const q = tryParseQuantity(raw);
  if (!q) return [];
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(field.invalid(path, q.toString(), IS_NEGATIVE));
  // helper.IsIntegerResourceName: extended resources are counted in whole units
  if (isExtended(name) && q.milliValue() % 1000 !== 0) errs.push(field.invalid(path, q.toString(), 'must be an integer'));
  return errs;
}

// validateLivenessProbe / validateReadinessProbe / validateStartupProbe / validateProbe
function validateProbe(probe: Json | undefined, grace: number | undefined, path: string, kind: 'liveness' | 'readiness' | 'startup'): FieldError[] {
  if (!probe) return [];
  const errs = validateHandler(probe, grace, path, false);
  for (const f of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = Number(probe[f] ?? 0);
    if (v < 0) errs.push(field.invalid(`${path}.${f}`, v, IS_NEGATIVE));
  }
  const tgps = probe.terminationGracePeriodSeconds;
  if (typeof tgps === 'number' && tgps <= 0) errs.push(field.invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must be greater than 0'));
  if (kind === 'readiness' && tgps != null) {
    errs.push(field.invalid(`${path}.terminationGracePeriodSeconds`, tgps, 'must not be set for readinessProbes'));
  }
  if (kind !== 'readiness' && Number(probe.successThreshold ?? 0) !== 1) {
    errs.push(field.invalid(`${path}.successThreshold`, Number(probe.successThreshold ?? 0), 'must be 1'));
  }
  return errs;
}

// validateLifecycle
function validateLifecycle(lc: Json, grace: number | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  if (lc.postStart) errs.push(...validateHandler(lc.postStart as Json, grace, `${path}.postStart`, true));
  if (lc.preStop) errs.push(...validateHandler(lc.preStop as Json, grace, `${path}.preStop`, true));
  return errs;
}

// validateHandler: exactly one of exec, httpGet, tcpSocket, grpc (probes) or sleep (lifecycle)
function validateHandler(h: Json, grace: number | undefined, path: string, lifecycle: boolean): FieldError[] {
  const errs: FieldError[] = [];
  let n = 0;
  const kinds = lifecycle ? ['exec', 'httpGet', 'tcpSocket', 'sleep'] : ['exec', 'httpGet', 'tcpSocket', 'grpc'];
  for (const kind of kinds) {
    const action = h[kind] as Json | undefined;
    if (!action) continue;
    if (n > 0) {
      errs.push(field.forbidden(`${path}.${kind}`, 'may not specify more than 1 handler type'));
      continue;
    }
    n++;
    const p = `${path}.${kind}`;
    if (kind === 'exec' && !asStrings(action.command).length) errs.push(field.required(`${p}.command`));
    if (kind === 'httpGet') {
      if (!action.path) errs.push(field.required(`${p}.path`));
      errs.push(...validatePortNumOrName(action.port, `${p}.port`));
      const scheme = String(action.scheme ?? '');
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') errs.push(field.notSupported(`${p}.scheme`, scheme, ['HTTP', 'HTTPS']));
    }
    if (kind === 'tcpSocket') errs.push(...validatePortNumOrName(action.port, `${p}.port`));
    if (kind === 'grpc') errs.push(...validatePortNumOrName(Number(action.port ?? 0), `${p}.port`));
    if (kind === 'sleep' && grace !== undefined) {
      const s = Number(action.seconds ?? 0);
      // validateSleepAction (PodLifecycleSleepActionAllowZero is off in 1.32)
      if (s <= 0 || s > grace) {
        errs.push(field.invalid(p, s, `must be greater than 0 and less than terminationGracePeriodSeconds (${grace}). Enable AllowPodLifecycleSleepActionZeroValue feature gate for zero sleep.`));
      }
    }
  }
  if (n === 0) errs.push(field.required(path, 'must specify a handler type'));
  return errs;
}

// ValidatePortNumOrName
function validatePortNumOrName(port: unknown, path: string): FieldError[] {
  if (typeof port === 'string') return isValidPortName(port).map((m) => field.invalid(path, port, m));
  const n = Number(port ?? 0);
  return isValidPortNum(n).map((m) => field.invalid(path, n, m));
}

// AccumulateUniqueHostPorts: "<protocol>/<hostIP>/<hostPort>" must be unique
function checkHostPortConflicts(containers: Container[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Set<string>();
  containers.forEach((c, ci) => {
    asObjects(c.ports).forEach((p, pi) => {
      const hp = Number(p.hostPort ?? 0);
      if (!hp) return;
      const key = `${String(p.protocol ?? '')}/${String(p.hostIP ?? '')}/${hp}`;
      if (seen.has(key)) errs.push(field.duplicate(`${path}[${ci}].ports[${pi}].hostPort`, key));
      else seen.add(key);
    });
  });
  return errs;
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(String) : [];
}

