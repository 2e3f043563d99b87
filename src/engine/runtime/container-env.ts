// What a container process starts with: its argv (the image's ENTRYPOINT/CMD overridden by the
// container's command/args) and its environment (image ENV, the kubelet's variables: the
// container's env with $(VAR) references, service links, the kubernetes Service's variables).
import type { Container, EnvVar, Pod, Service } from 'kubernetes-types/core/v1';
import type { StoredPod } from '../api/types';
import type { ApiStore } from '../store/store';
import { base64DecodeUtf8 } from '../../shared/base64';
import { containerResourceValue, extractFieldPath } from './fs/volumes/downward-api';
import type { ImageConfig } from './image-rootfs';

/**
 * third_party/forked/golang/expansion/expand.go Expand: `$(VAR)` becomes VAR's value when it is
 * defined and stays as written otherwise; `$$(VAR)` escapes to the literal `$(VAR)`.
 */
export function expandVars(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const ch = input[i]!;
    if (ch !== '$' || i + 1 >= input.length) {
      out += ch;
      continue;
    }
    const next = input[i + 1]!;
    if (next === '$') {
      out += '$';
      i++;
      continue;
    }
    if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += input.slice(i);
        break;
      }
      const name = input.slice(i + 2, close);
      const v = lookup(name);
      out += v ?? `$(${name})`;
      i = close;
      continue;
    }
    out += ch;
  }
  return out;
}

/**
 * pkg/kubelet/kuberuntime/kuberuntime_container.go (via container.ExpandContainerCommandAndArgs
 * and containerd's WithProcessArgs): command replaces ENTRYPOINT and drops CMD; args alone
 * replace CMD; $(VAR) references expand from the container's environment.
 */
export function containerArgv(container: Container, image: ImageConfig, env: Record<string, string>): string[] {
  const look = (n: string) => (Object.prototype.hasOwnProperty.call(env, n) ? env[n] : undefined);
  const command = (container.command ?? []).map((s) => expandVars(s, look));
  const args = (container.args ?? []).map((s) => expandVars(s, look));
  // containerd pkg/cri/opts/spec_opts.go WithProcessArgs
  if (command.length) return [...command, ...args];
  if (args.length) return [...image.entrypoint, ...args];
  return [...image.entrypoint, ...image.cmd];
}

/** Why a container's environment cannot be built (the kubelet's CreateContainerConfigError text). */
export class EnvError extends Error {}

/**
 * pkg/kubelet/envvars/envvars.go FromServices: for each Service with a cluster IP,
 * NAME_SERVICE_HOST, NAME_SERVICE_PORT(_PORTNAME), NAME_PORT and NAME_PORT_<port>_<PROTO>(_PROTO,_PORT,_ADDR).
 */
export function serviceEnv(services: readonly Service[]): [string, string][] {
  const out: [string, string][] = [];
  for (const svc of services) {
    const ip = svc.spec?.clusterIP;
    if (!ip || ip === 'None') continue;
    const ports = svc.spec?.ports ?? [];
    if (!ports.length) continue;
    const name = svc.metadata!.name!.toUpperCase().replace(/-/g, '_');
    out.push([`${name}_SERVICE_HOST`, ip]);
    out.push([`${name}_SERVICE_PORT`, String(ports[0]!.port)]);
    for (const p of ports) if (p.name) out.push([`${name}_SERVICE_PORT_${p.name.toUpperCase().replace(/-/g, '_')}`, String(p.port)]);
    const first = ports[0]!;
    const proto0 = (first.protocol ?? 'TCP').toLowerCase();
    out.push([`${name}_PORT`, `${proto0}://${ip}:${first.port}`]);
    for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      const prefix = `${name}_PORT_${p.port}_${proto.toUpperCase()}`;
      out.push([prefix, `${proto.toLowerCase()}://${ip}:${p.port}`]);
      out.push([`${prefix}_PROTO`, proto.toLowerCase()]);
      out.push([`${prefix}_PORT`, String(p.port)]);
      out.push([`${prefix}_ADDR`, ip]);
    }
  }
  return out;
}

/**
 * pkg/kubelet/kubelet_pods.go getServiceEnvVarMap: the pod namespace's Services when service links
 * are on, and always the master service (`kubernetes` in default). Sorted by name for determinism.
 */
function servicesFor(store: ApiStore, pod: StoredPod): Service[] {
  const ns = pod.metadata.namespace ?? 'default';
  const byName = new Map<string, Service>();
  if (pod.spec.enableServiceLinks !== false) {
    for (const s of store.list('services', { namespace: ns }) as unknown as Service[]) byName.set(s.metadata!.name!, s);
  }
  const master = store.tryGet('services', 'default', 'kubernetes') as Service | undefined;
  if (master) byName.set('kubernetes', master);
  return [...byName.values()].sort((a, b) => (a.metadata!.name! < b.metadata!.name! ? -1 : 1));
}

/** The container's environment, in the order `env` shows it: image ENV, HOSTNAME, the kubelet's, HOME. */
/** What only the kubelet knows when it builds the environment. */
export interface EnvContext {
  /** the sandbox's hostname (the pod's, or the node's on the host network) */
  hostname: string;
  podIP: string;
  hostIP: string;
  nodeAllocatable?: Record<string, string>;
  /** the container user's home directory (default /root) */
  home?: string;
}

export function containerEnv(store: ApiStore, pod: StoredPod, container: Container, image: ImageConfig, rt: EnvContext): Record<string, string> {
  const env: Record<string, string> = { ...image.env };
  // containerd container_create_linux.go: HOSTNAME is the sandbox hostname (the pod name)
  env.HOSTNAME = rt.hostname;
  const ns = pod.metadata.namespace ?? 'default';
  const svcEnv = new Map(serviceEnv(servicesFor(store, pod)));
  // kubelet_pods.go makeEnvironmentVariables: envFrom, then env (later wins), with $(VAR) over
  // what is defined so far plus the service variables
  const kube = new Map<string, string>();
  const look = (n: string) => kube.get(n) ?? svcEnv.get(n);
  for (const from of container.envFrom ?? []) {
    const prefix = from.prefix ?? '';
    if (from.configMapRef) {
      const cm = store.tryGet('configmaps', ns, from.configMapRef.name ?? '') as { data?: Record<string, string> } | undefined;
      // kubelet_pods.go makeEnvironmentVariables: configmap %q not found
      if (!cm) { if (!from.configMapRef.optional) throw new EnvError(`configmap "${from.configMapRef.name}" not found`); continue; }
      for (const [k, v] of Object.entries(cm.data ?? {})) kube.set(prefix + k, v);
    }
    if (from.secretRef) {
      const s = store.tryGet('secrets', ns, from.secretRef.name ?? '') as { data?: Record<string, string> } | undefined;
      if (!s) { if (!from.secretRef.optional) throw new EnvError(`secret "${from.secretRef.name}" not found`); continue; }
      for (const [k, v] of Object.entries(s.data ?? {})) kube.set(prefix + k, decodeBase64(v));
    }
  }
  for (const e of container.env ?? []) {
    const v = envValue(store, pod, e, look, rt);
    if (v !== undefined) kube.set(e.name, v);
  }
  for (const [k, v] of svcEnv) if (!kube.has(k)) kube.set(k, v);
  for (const [k, v] of kube) env[k] = v;
  // containerd container_create_linux.go: TERM=xterm for a container with a tty
  if (container.tty) env.TERM = 'xterm';
  // runc: HOME from the user's /etc/passwd entry when unset ("/" when it has none)
  if (env.HOME === undefined) env.HOME = rt.home ?? '/root';
  return env;
}

function envValue(store: ApiStore, pod: StoredPod, e: EnvVar, look: (n: string) => string | undefined, rt: EnvContext): string | undefined {
  if (e.value !== undefined) return expandVars(e.value, look);
  const from = e.valueFrom;
  if (!from) return '';
  const ns = pod.metadata.namespace ?? 'default';
  if (from.fieldRef) return fieldRefValue(pod, from.fieldRef.fieldPath, rt);
  if (from.resourceFieldRef) return containerResourceValue(from.resourceFieldRef, pod as unknown as Pod, rt.nodeAllocatable);
  if (from.configMapKeyRef) {
    const ref = from.configMapKeyRef;
    const cm = store.tryGet('configmaps', ns, ref.name ?? '') as { data?: Record<string, string> } | undefined;
    if (!cm) {
      if (ref.optional) return undefined;
      // kubelet_pods.go makeEnvironmentVariables
      throw new EnvError(`configmap "${ref.name}" not found`);
    }
    const v = cm.data?.[ref.key];
    if (v === undefined && !ref.optional) throw new EnvError(`couldn't find key ${ref.key} in ConfigMap ${ns}/${ref.name}`);
    return v;
  }
  if (from.secretKeyRef) {
    const ref = from.secretKeyRef;
    const s = store.tryGet('secrets', ns, ref.name ?? '') as { data?: Record<string, string> } | undefined;
    if (!s) {
      if (ref.optional) return undefined;
      throw new EnvError(`secret "${ref.name}" not found`);
    }
    const v = s.data?.[ref.key];
    if (v === undefined) {
      if (ref.optional) return undefined;
      // kubelet_pods.go makeEnvironmentVariables
      throw new EnvError(`couldn't find key ${ref.key} in Secret ${ns}/${ref.name}`);
    }
    return decodeBase64(v);
  }
  return '';
}

/** pkg/kubelet/kubelet_pods.go podFieldSelectorRuntimeValue: what the kubelet fills in itself, then the downward API. */
function fieldRefValue(pod: StoredPod, fieldPath: string, rt: EnvContext): string {
  switch (fieldPath) {
    case 'spec.nodeName':
      return pod.spec.nodeName ?? '';
    case 'spec.serviceAccountName':
      return pod.spec.serviceAccountName ?? '';
    case 'status.hostIP':
    case 'status.hostIPs':
      return rt.hostIP;
    case 'status.podIP':
    case 'status.podIPs':
      return rt.podIP;
    default:
      return extractFieldPath(pod as unknown as Pod, fieldPath);
  }
}

function decodeBase64(s: string): string {
  return base64DecodeUtf8(s);
}
