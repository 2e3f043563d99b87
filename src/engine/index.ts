// The engine's public API: everything outside src/engine uses only what is exported here.
export { Cluster, type ClusterOptions, type ClusterSnapshot } from './cluster/cluster';
export { DEFAULT_TOPOLOGY, type NodeTopology, type Topology } from './cluster/context';
export type { KubeApi, KubeList, LogOptions, ExecOptions, WriteOptions, WriteResult, FieldValidation } from './kube-api';
export type { StreamIO } from './runtime/cri';
export { Clock, DEFAULT_START_TIME, toRFC3339 } from './clock';
export { StatusError, isStatusError, type Status, type StatusReason } from './errors';
export { RESOURCES, lookupResource, type ResourceInfo } from './api/resources';
export type { WatchEvent, ListOptions } from './store/store';
export type { DeleteOptions } from './registry/strategy';
export type { PatchType } from './store/patch';
export type * from './api/types';
