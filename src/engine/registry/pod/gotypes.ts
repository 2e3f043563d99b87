// A model of the Go types behind `core.PodSpec` (the API server's internal types,
// pkg/apis/core/types.go): field order, Go names, pointers and named types. The update
// validator's cmp.Diff prints these, so a Pod's v1 JSON is read through this model.
// Only the types a Pod commonly uses are spelled out; anything else is shown from its JSON.

export type GoType =
  | { k: 'struct'; name: string; fields: GoField[] }
  | { k: 'ptr'; elem: GoType }
  | { k: 'slice'; elem: GoType; name?: string }
  | { k: 'map'; key: GoType; elem: GoType; name?: string }
  | { k: 'string'; name?: string; stringer?: boolean }
  | { k: 'int'; bits: 32 | 64; name?: string }
  | { k: 'bool'; name?: string }
  | { k: 'quantity' } // resource.Quantity: compared with its Equal method
  | { k: 'json' }; // a type we do not model: compared and shown as JSON

export interface GoField {
  /** The Go field name (what cmp prints). */
  go: string;
  /** The JSON key; '' for an embedded struct whose fields are inlined. */
  json: string;
  type: GoType;
}

// Struct definitions: [Go field, type expression, JSON key if not derivable].
type FieldSpec = [go: string, type: string, json?: string];

const STRUCTS: Record<string, FieldSpec[]> = {
  PodSpec: [
    ['Volumes', '[]core.Volume'], ['InitContainers', '[]core.Container'], ['Containers', '[]core.Container'],
    ['EphemeralContainers', '[]core.EphemeralContainer'], ['RestartPolicy', 'core.RestartPolicy'],
    ['TerminationGracePeriodSeconds', '*int64'], ['ActiveDeadlineSeconds', '*int64'], ['DNSPolicy', 'core.DNSPolicy'],
    ['NodeSelector', 'map[string]string'], ['ServiceAccountName', 'string'], ['AutomountServiceAccountToken', '*bool'],
    ['NodeName', 'string'], ['SecurityContext', '*core.PodSecurityContext'], ['ImagePullSecrets', '[]core.LocalObjectReference'],
    ['Hostname', 'string'], ['Subdomain', 'string'], ['SetHostnameAsFQDN', '*bool'], ['Affinity', '*core.Affinity'],
    ['SchedulerName', 'string'], ['Tolerations', '[]core.Toleration'], ['HostAliases', '[]core.HostAlias'],
    ['PriorityClassName', 'string'], ['Priority', '*int32'], ['PreemptionPolicy', '*core.PreemptionPolicy'],
    ['DNSConfig', '*core.PodDNSConfig'], ['ReadinessGates', '[]core.PodReadinessGate'], ['RuntimeClassName', '*string'],
    ['Overhead', 'core.ResourceList'], ['EnableServiceLinks', '*bool'],
    ['TopologySpreadConstraints', '[]core.TopologySpreadConstraint'], ['OS', '*core.PodOS'],
    ['SchedulingGates', '[]core.PodSchedulingGate'], ['ResourceClaims', '[]core.PodResourceClaim'],
    ['Resources', '*core.ResourceRequirements'],
  ],
  Container: [
    ['Name', 'string'], ['Image', 'string'], ['Command', '[]string'], ['Args', '[]string'], ['WorkingDir', 'string'],
    ['Ports', '[]core.ContainerPort'], ['EnvFrom', '[]core.EnvFromSource'], ['Env', '[]core.EnvVar'],
    ['Resources', 'core.ResourceRequirements'], ['ResizePolicy', '[]core.ContainerResizePolicy'],
    ['RestartPolicy', '*core.ContainerRestartPolicy'], ['VolumeMounts', '[]core.VolumeMount'],
    ['VolumeDevices', '[]core.VolumeDevice'], ['LivenessProbe', '*core.Probe'], ['ReadinessProbe', '*core.Probe'],
    ['StartupProbe', '*core.Probe'], ['Lifecycle', '*core.Lifecycle'], ['TerminationMessagePath', 'string'],
    ['TerminationMessagePolicy', 'core.TerminationMessagePolicy'], ['ImagePullPolicy', 'core.PullPolicy'],
    ['SecurityContext', '*core.SecurityContext'], ['Stdin', 'bool'], ['StdinOnce', 'bool'], ['TTY', 'bool'],
  ],
  // EphemeralContainerCommon has Container's fields, in the same order
  EphemeralContainer: [['EphemeralContainerCommon', 'core.EphemeralContainerCommon', ''], ['TargetContainerName', 'string']],
  ContainerPort: [['Name', 'string'], ['HostPort', 'int32'], ['ContainerPort', 'int32'], ['Protocol', 'core.Protocol'], ['HostIP', 'string']],
  EnvVar: [['Name', 'string'], ['Value', 'string'], ['ValueFrom', '*core.EnvVarSource']],
  EnvVarSource: [
    ['FieldRef', '*core.ObjectFieldSelector'], ['ResourceFieldRef', '*core.ResourceFieldSelector'],
    ['ConfigMapKeyRef', '*core.ConfigMapKeySelector'], ['SecretKeyRef', '*core.SecretKeySelector'],
  ],
  ObjectFieldSelector: [['APIVersion', 'string'], ['FieldPath', 'string']],
  ResourceFieldSelector: [['ContainerName', 'string'], ['Resource', 'string'], ['Divisor', 'resource.Quantity']],
  ConfigMapKeySelector: [['LocalObjectReference', 'core.LocalObjectReference', ''], ['Key', 'string'], ['Optional', '*bool']],
  SecretKeySelector: [['LocalObjectReference', 'core.LocalObjectReference', ''], ['Key', 'string'], ['Optional', '*bool']],
  EnvFromSource: [['Prefix', 'string'], ['ConfigMapRef', '*core.ConfigMapEnvSource'], ['SecretRef', '*core.SecretEnvSource']],
  ConfigMapEnvSource: [['LocalObjectReference', 'core.LocalObjectReference', ''], ['Optional', '*bool']],
  SecretEnvSource: [['LocalObjectReference', 'core.LocalObjectReference', ''], ['Optional', '*bool']],
  LocalObjectReference: [['Name', 'string']],
  ResourceRequirements: [['Limits', 'core.ResourceList'], ['Requests', 'core.ResourceList'], ['Claims', '[]core.ResourceClaim']],
  ResourceClaim: [['Name', 'string'], ['Request', 'string']],
  ContainerResizePolicy: [['ResourceName', 'core.ResourceName'], ['RestartPolicy', 'core.ResourceResizeRestartPolicy']],
  VolumeMount: [
    ['Name', 'string'], ['ReadOnly', 'bool'], ['RecursiveReadOnly', '*core.RecursiveReadOnlyMode'], ['MountPath', 'string'],
    ['SubPath', 'string'], ['MountPropagation', '*core.MountPropagationMode'], ['SubPathExpr', 'string'],
  ],
  VolumeDevice: [['Name', 'string'], ['DevicePath', 'string']],
  Probe: [
    ['ProbeHandler', 'core.ProbeHandler', ''], ['InitialDelaySeconds', 'int32'], ['TimeoutSeconds', 'int32'],
    ['PeriodSeconds', 'int32'], ['SuccessThreshold', 'int32'], ['FailureThreshold', 'int32'],
    ['TerminationGracePeriodSeconds', '*int64'],
  ],
  ProbeHandler: [['Exec', '*core.ExecAction'], ['HTTPGet', '*core.HTTPGetAction'], ['TCPSocket', '*core.TCPSocketAction'], ['GRPC', '*core.GRPCAction']],
  LifecycleHandler: [['Exec', '*core.ExecAction'], ['HTTPGet', '*core.HTTPGetAction'], ['TCPSocket', '*core.TCPSocketAction'], ['Sleep', '*core.SleepAction']],
  Lifecycle: [['PostStart', '*core.LifecycleHandler'], ['PreStop', '*core.LifecycleHandler']],
  ExecAction: [['Command', '[]string']],
  HTTPGetAction: [['Path', 'string'], ['Port', 'intstr.IntOrString'], ['Host', 'string'], ['Scheme', 'core.URIScheme'], ['HTTPHeaders', '[]core.HTTPHeader']],
  HTTPHeader: [['Name', 'string'], ['Value', 'string']],
  TCPSocketAction: [['Port', 'intstr.IntOrString'], ['Host', 'string']],
  GRPCAction: [['Port', 'int32'], ['Service', '*string']],
  SleepAction: [['Seconds', 'int64']],
  Volume: [['Name', 'string'], ['VolumeSource', 'core.VolumeSource', '']],
  VolumeSource: [
    ['HostPath', '*core.HostPathVolumeSource'], ['EmptyDir', '*core.EmptyDirVolumeSource'],
    ['GCEPersistentDisk', '*json'], ['AWSElasticBlockStore', '*json'], ['GitRepo', '*json'],
    ['Secret', '*core.SecretVolumeSource'], ['NFS', '*json'], ['ISCSI', '*json', 'iscsi'], ['Glusterfs', '*json'],
    ['PersistentVolumeClaim', '*core.PersistentVolumeClaimVolumeSource'], ['RBD', '*json'], ['Quobyte', '*json'],
    ['FlexVolume', '*json'], ['Cinder', '*json'], ['CephFS', '*json', 'cephfs'], ['Flocker', '*json'],
    ['DownwardAPI', '*core.DownwardAPIVolumeSource'], ['FC', '*json'], ['AzureFile', '*json'],
    ['ConfigMap', '*core.ConfigMapVolumeSource'], ['VsphereVolume', '*json'], ['AzureDisk', '*json'],
    ['PhotonPersistentDisk', '*json'], ['Projected', '*core.ProjectedVolumeSource'], ['PortworxVolume', '*json'],
    ['ScaleIO', '*json'], ['StorageOS', '*json', 'storageos'], ['CSI', '*json'], ['Ephemeral', '*json'], ['Image', '*json'],
  ],
  HostPathVolumeSource: [['Path', 'string'], ['Type', '*core.HostPathType']],
  EmptyDirVolumeSource: [['Medium', 'core.StorageMedium'], ['SizeLimit', '*resource.Quantity']],
  SecretVolumeSource: [['SecretName', 'string'], ['Items', '[]core.KeyToPath'], ['DefaultMode', '*int32'], ['Optional', '*bool']],
  ConfigMapVolumeSource: [['LocalObjectReference', 'core.LocalObjectReference', ''], ['Items', '[]core.KeyToPath'], ['DefaultMode', '*int32'], ['Optional', '*bool']],
  KeyToPath: [['Key', 'string'], ['Path', 'string'], ['Mode', '*int32']],
  PersistentVolumeClaimVolumeSource: [['ClaimName', 'string'], ['ReadOnly', 'bool']],
  DownwardAPIVolumeSource: [['Items', '[]core.DownwardAPIVolumeFile'], ['DefaultMode', '*int32']],
  DownwardAPIVolumeFile: [['Path', 'string'], ['FieldRef', '*core.ObjectFieldSelector'], ['ResourceFieldRef', '*core.ResourceFieldSelector'], ['Mode', '*int32']],
  ProjectedVolumeSource: [['Sources', '[]core.VolumeProjection'], ['DefaultMode', '*int32']],
  VolumeProjection: [
    ['Secret', '*core.SecretProjection'], ['DownwardAPI', '*core.DownwardAPIProjection'], ['ConfigMap', '*core.ConfigMapProjection'],
    ['ServiceAccountToken', '*core.ServiceAccountTokenProjection'], ['ClusterTrustBundle', '*json'],
  ],
  SecretProjection: [['LocalObjectReference', 'core.LocalObjectReference', ''], ['Items', '[]core.KeyToPath'], ['Optional', '*bool']],
  ConfigMapProjection: [['LocalObjectReference', 'core.LocalObjectReference', ''], ['Items', '[]core.KeyToPath'], ['Optional', '*bool']],
  DownwardAPIProjection: [['Items', '[]core.DownwardAPIVolumeFile']],
  ServiceAccountTokenProjection: [['Audience', 'string'], ['ExpirationSeconds', 'int64'], ['Path', 'string']],
  Toleration: [['Key', 'string'], ['Operator', 'core.TolerationOperator'], ['Value', 'string'], ['Effect', 'core.TaintEffect'], ['TolerationSeconds', '*int64']],
  PodSecurityContext: [
    ['HostNetwork', 'bool'], ['HostPID', 'bool'], ['HostIPC', 'bool'], ['ShareProcessNamespace', '*bool'], ['HostUsers', '*bool'],
    ['SELinuxOptions', '*json'], ['WindowsOptions', '*json'], ['RunAsUser', '*int64'], ['RunAsGroup', '*int64'],
    ['RunAsNonRoot', '*bool'], ['SupplementalGroups', '[]int64'], ['SupplementalGroupsPolicy', '*core.SupplementalGroupsPolicy'],
    ['FSGroup', '*int64'], ['FSGroupChangePolicy', '*core.PodFSGroupChangePolicy'], ['Sysctls', '[]json'],
    ['SeccompProfile', '*json'], ['AppArmorProfile', '*json'], ['SELinuxChangePolicy', '*core.PodSELinuxChangePolicy'],
  ],
  SecurityContext: [
    ['Capabilities', '*core.Capabilities'], ['Privileged', '*bool'], ['SELinuxOptions', '*json'], ['WindowsOptions', '*json'],
    ['RunAsUser', '*int64'], ['RunAsGroup', '*int64'], ['RunAsNonRoot', '*bool'], ['ReadOnlyRootFilesystem', '*bool'],
    ['AllowPrivilegeEscalation', '*bool'], ['ProcMount', '*core.ProcMountType'], ['SeccompProfile', '*json'], ['AppArmorProfile', '*json'],
  ],
  Capabilities: [['Add', '[]core.Capability'], ['Drop', '[]core.Capability']],
  PodDNSConfig: [['Nameservers', '[]string'], ['Searches', '[]string'], ['Options', '[]core.PodDNSConfigOption']],
  PodDNSConfigOption: [['Name', 'string'], ['Value', '*string']],
  HostAlias: [['IP', 'string'], ['Hostnames', '[]string']],
  PodReadinessGate: [['ConditionType', 'core.PodConditionType']],
  PodSchedulingGate: [['Name', 'string']],
  PodOS: [['Name', 'core.OSName']],
  // intstr.IntOrString {Type, IntVal, StrVal}: read from a JSON number or string (see goField)
  IntOrString: [['Type', 'intstr.Type'], ['IntVal', 'int32'], ['StrVal', 'string']],
};
STRUCTS.EphemeralContainerCommon = STRUCTS.Container!;

// Named non-struct types.
const NAMED: Record<string, GoType> = {
  'core.ResourceList': { k: 'map', key: { k: 'string', name: 'core.ResourceName', stringer: true }, elem: { k: 'quantity' }, name: 'core.ResourceList' },
  'core.ResourceName': { k: 'string', name: 'core.ResourceName', stringer: true },
  'intstr.Type': { k: 'int', bits: 64, name: 'intstr.Type' },
};

const cache = new Map<string, GoType>();

/** The Go type for a type expression such as `[]core.Container` or `*int64`. */
export function goType(expr: string): GoType {
  const hit = cache.get(expr);
  if (hit) return hit;
  const t = parse(expr);
  cache.set(expr, t);
  return t;
}

function parse(expr: string): GoType {
  if (expr.startsWith('*')) return { k: 'ptr', elem: goType(expr.slice(1)) };
  if (expr.startsWith('[]')) return { k: 'slice', elem: goType(expr.slice(2)) };
  const m = /^map\[([^\]]+)\](.+)$/.exec(expr);
  if (m) return { k: 'map', key: goType(m[1]!), elem: goType(m[2]!) };
  switch (expr) {
    case 'string': return { k: 'string' };
    case 'bool': return { k: 'bool' };
    case 'int32': return { k: 'int', bits: 32 };
    case 'int64': return { k: 'int', bits: 64 };
    case 'resource.Quantity': return { k: 'quantity' };
    case 'json': return { k: 'json' };
  }
  if (NAMED[expr]) return NAMED[expr]!;
  const bare = expr.replace(/^(core|intstr)\./, '');
  const spec = STRUCTS[bare];
  if (!spec) return { k: 'string', name: expr }; // named string types (core.RestartPolicy, ...)
  const t: GoType = { k: 'struct', name: expr, fields: [] };
  cache.set(expr, t); // before the fields: types refer to themselves through pointers
  t.fields = spec.map(([go, type, json]) => ({ go, json: json ?? jsonName(go), type: goType(type) }));
  return t;
}

/** encoding/json tags follow lowerCamelCase with a leading acronym lowered (DNSPolicy → dnsPolicy). */
export function jsonName(go: string): string {
  const m = /^([A-Z]+)([A-Z][a-z].*)$/.exec(go);
  if (m) return m[1]!.toLowerCase() + m[2];
  if (/^[A-Z]+$/.test(go)) return go.toLowerCase();
  return go[0]!.toLowerCase() + go.slice(1);
}

/** The type name cmp prints (`[]core.Container`, `map[string]string`, `core.ResourceList`). */
export function typeString(t: GoType): string {
  switch (t.k) {
    case 'struct': return t.name;
    case 'ptr': return `*${typeString(t.elem)}`;
    case 'slice': return t.name ?? `[]${typeString(t.elem)}`;
    case 'map': return t.name ?? `map[${typeString(t.key)}]${typeString(t.elem)}`;
    case 'string': return t.name ?? 'string';
    case 'int': return t.name ?? `int${t.bits}`;
    case 'bool': return t.name ?? 'bool';
    case 'quantity': return 'resource.Quantity';
    case 'json': return 'interface {}';
  }
}

/** Whether the Go type has a name (pointers to unnamed types print with parentheses). */
export function isNamed(t: GoType): boolean {
  return t.k === 'struct' || t.k === 'quantity' || ('name' in t && !!t.name);
}

/**
 * A v1 PodSpec as the internal core.PodSpec holds it: host namespaces live in the security
 * context, and the deprecated serviceAccount field does not exist.
 */
export function toInternalPodSpec(spec: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...spec };
  const hostFields = ['hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'hostUsers'];
  const host: Record<string, unknown> = {};
  for (const f of hostFields) {
    if (out[f] !== undefined) host[f] = out[f];
    delete out[f];
  }
  // Convert_v1_PodSpec_To_core_PodSpec: the security context exists if any of these is set
  if (out.securityContext || Object.values(host).some((v) => v !== undefined && v !== false)) {
    out.securityContext = { ...(out.securityContext as Record<string, unknown> | undefined), ...host };
  }
  delete out.serviceAccount;
  return out;
}
