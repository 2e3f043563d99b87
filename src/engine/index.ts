// The engine's public API: everything outside src/engine uses only what is exported here.
export { Cluster, type ClusterOptions, type ClusterSnapshot } from './cluster/cluster';
export { DEFAULT_TOPOLOGY, type NodeTopology, type Topology } from './cluster/context';
export type { KubeApi, KubeList, LogOptions, ExecOptions, AttachOptions, WriteOptions, WriteResult, FieldValidation } from './kube-api';
export type { StreamIO } from './runtime/cri';
export { Clock, DEFAULT_START_TIME, toRFC3339 } from './clock';
export { StatusError, isStatusError, type Status, type StatusReason } from './errors';
export { RESOURCES, lookupResource, type ResourceInfo } from './api/resources';
export type { WatchEvent, ListOptions } from './store/store';
export type { DeleteOptions } from './registry/strategy';
export type { PatchType } from './store/patch';
export { lookupPatchMeta, patchSchemaOf, type FieldPatchMeta } from './store/strategic-patch';
export { goFormat } from './store/patch-util';
export type * from './api/types';

// The runtime pieces the host terminal (src/terminal) builds its own small machine from: a process
// kernel on the cluster's clock, a MemFS workspace over a layer of executables, the runtime's
// commands and shells, and the node runtime for `ssh <node>`/`crictl`.
export { Kernel, type KernelListener, type StdioSpec } from './runtime/process/kernel';
export { CommandRegistry, programFile, type Command, type Proc, type Program, type SimpleCommand, type SimpleIO } from './runtime/process/program';
export type { ExitStatus, OutputSink, ProcEvent, SignalName, Vfs } from './runtime/process/types';
export { FsError, FsLayer, MemFS, type FsStat } from './runtime/fs/memfs';
export { buildLayer } from './runtime/fs/layers';
export { normalizePath, resolvePath } from './runtime/fs/path';
export { registerCommands } from './runtime/commands/register';
export { createCommandEnv, type CommandEnv } from './runtime/commands/system';
export { NET_TOPIC, NO_NETWORK, type DnsReply, type DnsTimeout, type DnsType, type HttpOutcome, type HttpRequest, type HttpResponse, type NetMessage, type NetworkStack } from './runtime/commands/network';
export { parseDuration, strftime } from './runtime/shell/commands';
export { environment as shellEnvironment, type ShellState } from './runtime/shell/state';
export { ContainerRuntime } from './runtime/container-runtime';
export type { PortForwardSession } from './runtime/net/port-forward';
export { isConfigMapKey, isQualifiedName, isValidLabelValue, isValidPortName, isValidPortNum, regexError } from './registry/names';
export { k8sSchema, definitionFor, type K8sSchema, type SchemaNode } from './api/strict';
