// What the API server fills into a Pod when it decodes one: the generated SetObjectDefaults_Pod
// (pkg/apis/core/v1/zz_generated.defaults.go), which runs SetDefaults_Pod, SetDefaults_PodSpec and
// the per-field defaulters of pkg/apis/core/v1/defaults.go, plus the shape the v1 JSON encoder
// always writes (non-pointer structs such as `resources` are never omitted).
import type {
  Container, ContainerPort, EnvVar, PodSpec, Probe, Volume,
} from 'kubernetes-types/core/v1';
import { ERR_FORMAT_WRONG, Quantity, QuantityError, tryParseQuantity } from '../../../shared/quantity';
import { decodeError } from '../../api/strict';
import { defaultPullPolicy } from './image';

type JsonObject = Record<string, unknown>;
type ResourceMap = Record<string, unknown>;

/** A Pod as the defaulters see it: everything optional, shapes from kubernetes-types. */
export interface PodLike {
  metadata?: { annotations?: Record<string, string> };
  spec?: PodSpec;
}

// pkg/apis/core/v1 constants (k8s.io/api core/v1 types.go).
const TERMINATION_MESSAGE_PATH_DEFAULT = '/dev/termination-log';
const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;
const DEFAULT_SCHEDULER_NAME = 'default-scheduler';
const VOLUME_DEFAULT_MODE = 0o644; // Secret/ConfigMap/DownwardAPI/ProjectedVolumeSourceDefaultMode = 420
const TOKEN_EXPIRATION_DEFAULT = 3600; // SetDefaults_ServiceAccountTokenProjection: time.Hour

/**
 * SetObjectDefaults_Pod: defaults a Pod in place. Throws the decode error the server would
 * (`Pod in version "v1" cannot be handled as a Pod: quantities must match ...`) for a bad quantity.
 */
export function defaultPod(pod: PodLike): void {
  const spec = (pod.spec ??= { containers: [] } as PodSpec);
  setDefaultsPod(spec);
  defaultPodSpec(spec);
}

/**
 * Defaults that apply to every PodSpec, including the templates of Deployments and ReplicaSets
 * (SetDefaults_PodSpec plus the volume, container and probe defaulters of the generated
 * SetObjectDefaults_<Kind>). Does not include the Pod-only SetDefaults_Pod.
 */
export function defaultPodSpec(spec: PodSpec, kind = 'Pod', apiVersion = 'v1'): void {
  try {
    defaultSpec(spec);
  } catch (e) {
    // Quantity.UnmarshalJSON fails the whole decode: a 400 naming the kind, not a field error.
    if (e instanceof QuantityError) throw decodeError(kind, apiVersion, e.message);
    throw e;
  }
}

function defaultSpec(spec: PodSpec): void {
  // v1 ↔ internal conversion (pkg/apis/core/v1/conversion.go): serviceAccount is an alias of
  // serviceAccountName ("If both are specified, ServiceAccountName (the new field) wins"), and
  // the v1 output always mirrors serviceAccountName into it.
  if (!spec.serviceAccountName && spec.serviceAccount) spec.serviceAccountName = spec.serviceAccount;
  if (spec.serviceAccountName) spec.serviceAccount = spec.serviceAccountName;
  else delete spec.serviceAccount;

  // pkg/apis/core/v1/defaults.go SetDefaults_PodSpec
  spec.dnsPolicy ||= 'ClusterFirst';
  spec.restartPolicy ||= 'Always';
  spec.securityContext ??= {};
  spec.terminationGracePeriodSeconds ??= DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
  spec.schedulerName ||= DEFAULT_SCHEDULER_NAME;

  for (const v of spec.volumes ?? []) defaultVolume(v);
  for (const c of spec.initContainers ?? []) defaultContainer(c);
  for (const c of spec.containers ?? []) defaultContainer(c);
  for (const c of spec.ephemeralContainers ?? []) defaultContainer(c as Container);
  // SetDefaults_ResourceList on spec.overhead and the pod-level resources (alpha in 1.32)
  const s = spec as PodSpec & { resources?: { limits?: ResourceMap; requests?: ResourceMap } };
  canonicalizeList(spec.overhead as ResourceMap | undefined);
  canonicalizeList(s.resources?.limits);
  canonicalizeList(s.resources?.requests);
}

// pkg/apis/core/v1/defaults.go SetDefaults_Pod
function setDefaultsPod(spec: PodSpec): void {
  // "If limits are specified, but requests are not, default requests to limits" (Pods only, not templates)
  for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
    const limits = c.resources?.limits as ResourceMap | undefined;
    // (an empty map is omitted by the encoder, so it never reaches the server as non-nil)
    if (!limits || Object.keys(limits).length === 0) continue;
    const requests = (c.resources!.requests ??= {}) as ResourceMap;
    for (const [name, q] of Object.entries(limits)) if (!(name in requests)) requests[name] = q;
  }
  spec.enableServiceLinks ??= true; // v1.DefaultEnableServiceLinks
  if (spec.hostNetwork) {
    // defaultHostNetworkPorts: with host networking every container port is a host port
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? [])]) {
      for (const p of c.ports ?? []) if (!p.hostPort) p.hostPort = p.containerPort;
    }
  }
}

// SetDefaults_Container + the generated per-field defaulters for a container.
function defaultContainer(c: Container): void {
  // SetDefaults_Container: imagePullPolicy from the image tag, termination message defaults
  c.imagePullPolicy ||= defaultPullPolicy(c.image);
  c.terminationMessagePath ||= TERMINATION_MESSAGE_PATH_DEFAULT;
  c.terminationMessagePolicy ||= 'File'; // v1.TerminationMessageReadFile
  for (const p of c.ports ?? []) (p as ContainerPort).protocol ||= 'TCP';
  for (const e of c.env ?? []) defaultEnvVar(e);
  // ResourceRequirements is a struct value: encoding/json's omitempty never drops it.
  c.resources ??= {};
  canonicalizeList(c.resources.limits as ResourceMap | undefined);
  canonicalizeList(c.resources.requests as ResourceMap | undefined);
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) if (probe) defaultProbe(probe);
  for (const h of [c.lifecycle?.postStart, c.lifecycle?.preStop]) if (h?.httpGet) defaultHTTPGet(h.httpGet);
}

function defaultEnvVar(e: EnvVar): void {
  const from = e.valueFrom;
  if (from?.fieldRef) from.fieldRef.apiVersion ||= 'v1'; // SetDefaults_ObjectFieldSelector
  if (from?.resourceFieldRef) defaultDivisor(from.resourceFieldRef as unknown as JsonObject);
}

// SetDefaults_Probe + SetDefaults_HTTPGetAction + the GRPCAction.Service default.
function defaultProbe(p: Probe): void {
  if (!p.timeoutSeconds) p.timeoutSeconds = 1;
  if (!p.periodSeconds) p.periodSeconds = 10;
  if (!p.successThreshold) p.successThreshold = 1;
  if (!p.failureThreshold) p.failureThreshold = 3;
  if (p.httpGet) defaultHTTPGet(p.httpGet);
  if (p.grpc) p.grpc.service ??= ''; // zz_generated.defaults.go: GRPC.Service defaults to ""
}

// pkg/apis/core/v1/defaults.go SetDefaults_HTTPGetAction
function defaultHTTPGet(h: { path?: string; scheme?: string }): void {
  h.path ||= '/';
  h.scheme ||= 'HTTP';
}

// SetDefaults_Volume and the volume-source defaulters.
function defaultVolume(v: Volume): void {
  const sources = Object.keys(v).filter((k) => k !== 'name' && (v as unknown as JsonObject)[k] != null);
  // SetDefaults_Volume: "if ptr.AllPtrFieldsNil(&obj.VolumeSource)" the volume is an emptyDir
  if (sources.length === 0) v.emptyDir = {};
  if (v.hostPath) v.hostPath.type ??= ''; // SetDefaults_HostPathVolumeSource: v1.HostPathUnset
  if (v.secret) v.secret.defaultMode ??= VOLUME_DEFAULT_MODE;
  if (v.configMap) v.configMap.defaultMode ??= VOLUME_DEFAULT_MODE;
  if (v.downwardAPI) {
    v.downwardAPI.defaultMode ??= VOLUME_DEFAULT_MODE;
    for (const item of v.downwardAPI.items ?? []) defaultDownwardAPIFile(item as unknown as JsonObject);
  }
  if (v.projected) {
    v.projected.defaultMode ??= VOLUME_DEFAULT_MODE;
    for (const src of v.projected.sources ?? []) {
      for (const item of src.downwardAPI?.items ?? []) defaultDownwardAPIFile(item as unknown as JsonObject);
      if (src.serviceAccountToken) src.serviceAccountToken.expirationSeconds ??= TOKEN_EXPIRATION_DEFAULT;
    }
  }
  if (v.emptyDir?.sizeLimit !== undefined) {
    (v.emptyDir as JsonObject).sizeLimit = canonicalQuantity(v.emptyDir.sizeLimit);
  }
  const claim = v.ephemeral?.volumeClaimTemplate?.spec;
  if (claim) {
    claim.volumeMode ??= 'Filesystem'; // SetDefaults_PersistentVolumeClaimSpec
    canonicalizeList(claim.resources?.limits as ResourceMap | undefined);
    canonicalizeList(claim.resources?.requests as ResourceMap | undefined);
  }
}

function defaultDownwardAPIFile(item: JsonObject): void {
  const fieldRef = item.fieldRef as JsonObject | undefined;
  if (fieldRef) fieldRef.apiVersion ||= 'v1';
  const resourceFieldRef = item.resourceFieldRef as JsonObject | undefined;
  if (resourceFieldRef) defaultDivisor(resourceFieldRef);
}

// ResourceFieldSelector.Divisor is a Quantity struct value, so the encoder always writes it ("0").
function defaultDivisor(ref: JsonObject): void {
  ref.divisor = ref.divisor === undefined ? '0' : canonicalQuantity(ref.divisor);
}

/**
 * SetDefaults_ResourceList: every quantity rounded up to milli scale, then written in canonical
 * form (Quantity.MarshalJSON). Numbers from YAML (`cpu: 1`) become strings.
 */
function canonicalizeList(list: ResourceMap | undefined): void {
  if (!list || typeof list !== 'object') return;
  for (const [name, raw] of Object.entries(list)) list[name] = canonicalQuantity(raw);
}

function canonicalQuantity(raw: unknown): string {
  // Requests and limits repeat across pods: remember the canonical text of each written form.
  const known = typeof raw === 'string' ? canonicalMemo.get(raw) : undefined;
  if (known !== undefined) return known;
  const text = canonicalQuantityUncached(raw);
  if (typeof raw === 'string') {
    if (canonicalMemo.size >= CANONICAL_MEMO_LIMIT) canonicalMemo.clear();
    canonicalMemo.set(raw, text);
  }
  return text;
}

const CANONICAL_MEMO_LIMIT = 1024;
const canonicalMemo = new Map<string, string>();

function canonicalQuantityUncached(raw: unknown): string {
  const q = tryParseQuantity(raw);
  if (!q) {
    if (typeof raw === 'string') Quantity.parse(raw.trim()); // throws QuantityError with the upstream text
    throw new QuantityError(ERR_FORMAT_WRONG);
  }
  return roundUpToMilli(q).toString();
}

// Quantity.RoundUp(milliScale): values finer than 1m are rounded away from zero.
function roundUpToMilli(q: Quantity): Quantity {
  const step = 1_000_000n; // one milli in nano-units
  const rem = q.nano % step;
  if (rem === 0n) return q;
  const base = q.nano - rem;
  return Quantity.fromNano(q.nano > 0n ? base + step : base - step, q.format);
}
