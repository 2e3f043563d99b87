// The resources the simulated API server serves, as discovery (`kubectl api-resources`) lists them.
// Names, short names, groups and scope follow the real v1.32 discovery documents.
import type { ResourceName } from './types';

export interface ResourceInfo {
  resource: ResourceName;
  singular: string;
  kind: string;
  group: string; // '' for the core group
  version: string;
  namespaced: boolean;
  shortNames: string[];
  /** Whether writes through the main endpoint ignore status (a status subresource exists). */
  statusSubresource: boolean;
  /** Whether metadata.generation is tracked (bumped on spec changes). Pods do not in 1.32. */
  tracksGeneration: boolean;
  /** discovery's categories: `all` for what `kubectl get all` lists (each registry's Categories()) */
  categories: string[];
}

// pkg/registry/core/pod/storage, service, apps deployment and replicaset storage: Categories() = {"all"}
const ALL = ['all'];

export const RESOURCES: readonly ResourceInfo[] = [
  { ...r('pods', 'pod', 'Pod', '', true, ['po'], true, false), categories: ALL },
  r('nodes', 'node', 'Node', '', false, ['no'], true, false),
  r('events', 'event', 'Event', '', true, ['ev'], false, false),
  r('namespaces', 'namespace', 'Namespace', '', false, ['ns'], true, false),
  { ...r('services', 'service', 'Service', '', true, ['svc'], true, false), categories: ALL },
  r('endpoints', 'endpoints', 'Endpoints', '', true, ['ep'], false, false),
  r('endpointslices', 'endpointslice', 'EndpointSlice', 'discovery.k8s.io', true, [], false, false),
  r('persistentvolumeclaims', 'persistentvolumeclaim', 'PersistentVolumeClaim', '', true, ['pvc'], true, false),
  r('persistentvolumes', 'persistentvolume', 'PersistentVolume', '', false, ['pv'], true, false),
  r('storageclasses', 'storageclass', 'StorageClass', 'storage.k8s.io', false, ['sc'], false, false),
  r('configmaps', 'configmap', 'ConfigMap', '', true, ['cm'], false, false),
  r('secrets', 'secret', 'Secret', '', true, [], false, false),
  r('serviceaccounts', 'serviceaccount', 'ServiceAccount', '', true, ['sa'], false, false),
  { ...r('deployments', 'deployment', 'Deployment', 'apps', true, ['deploy'], true, true), categories: ALL },
  { ...r('replicasets', 'replicaset', 'ReplicaSet', 'apps', true, ['rs'], true, true), categories: ALL },
  r('leases', 'lease', 'Lease', 'coordination.k8s.io', true, [], false, false),
];

/**
 * metrics.k8s.io, served by metrics-server through API aggregation (minikube's metrics-server
 * addon): read-only get/list, no store behind them, so controllers never walk them.
 * Discovery gives no singular name: kubectl then uses the lowercased kind.
 */
export const METRICS_RESOURCES: readonly ResourceInfo[] = [
  { ...r('nodes', 'nodemetrics', 'NodeMetrics', 'metrics.k8s.io', false, [], false, false), version: 'v1beta1' },
  { ...r('pods', 'podmetrics', 'PodMetrics', 'metrics.k8s.io', true, [], false, false), version: 'v1beta1' },
];

/** Every resource discovery lists (`kubectl api-resources`). */
export const DISCOVERY_RESOURCES: readonly ResourceInfo[] = [...RESOURCES, ...METRICS_RESOURCES];

function r(
  resource: ResourceName, singular: string, kind: string, group: string, namespaced: boolean,
  shortNames: string[], statusSubresource: boolean, tracksGeneration: boolean,
): ResourceInfo {
  return { resource, singular, kind, group, version: 'v1', namespaced, shortNames, statusSubresource, tracksGeneration, categories: [] };
}

const byResource = new Map(RESOURCES.map((i) => [i.resource as string, i]));
const byKind = new Map(RESOURCES.map((i) => [i.kind, i]));

export function resourceInfo(resource: string): ResourceInfo | undefined {
  return byResource.get(resource);
}

export function resourceForKind(kind: string): ResourceInfo | undefined {
  return byKind.get(kind);
}

/** `v1` for the core group, `group/version` otherwise. */
export function apiVersionOf(info: ResourceInfo): string {
  return info.group ? `${info.group}/${info.version}` : info.version;
}

/** Resolve what a user types (plural, singular, short name, Kind, resource.group) to a resource. */
export function lookupResource(name: string): ResourceInfo | undefined {
  const n = name.toLowerCase();
  // the core and apps resources come first: `pods` is the Pod resource, not PodMetrics
  for (const i of DISCOVERY_RESOURCES) {
    const full = i.group ? `${i.resource}.${i.group}` : i.resource;
    if (i.resource === n || i.singular === n || i.kind.toLowerCase() === n || i.shortNames.includes(n) || full === n) return i;
    if (i.group && (`${i.singular}.${i.group}` === n)) return i;
  }
  return undefined;
}
