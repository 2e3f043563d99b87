// The mutating admission plugins a Pod meets on create, in the API server's plugin order
// (kube-apiserver AllOrderedPlugins): ServiceAccount, Priority, DefaultTolerationSeconds.
import type { PodSpec, Toleration, Volume, VolumeMount } from 'kubernetes-types/core/v1';
import type { KubeObject, StoredServiceAccount } from '../../api/types';
import type { RegistryContext } from '../strategy';
import { newForbidden, newNotFound } from '../../errors';
import { MIRROR_POD_ANNOTATION } from './validation';

// plugin/pkg/admission/serviceaccount/admission.go constants
export const DEFAULT_SERVICE_ACCOUNT_NAME = 'default';
export const SERVICE_ACCOUNT_VOLUME_PREFIX = 'kube-api-access-';
export const DEFAULT_API_TOKEN_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
// pkg/serviceaccount WarnOnlyBoundTokenExpirationSeconds: 3600 + 7
const BOUND_TOKEN_EXPIRATION_SECONDS = 3607;

/** Runs the create-time admission chain on a Pod in place; throws the Forbidden a plugin returns. */
export function admitPod(pod: KubeObject, ctx: RegistryContext): void {
  const spec = (pod.spec ??= { containers: [] }) as PodSpec;
  admitServiceAccount(pod, spec, ctx);
  admitPriority(pod, spec);
  admitDefaultTolerationSeconds(spec);
}

// admission.NewForbidden(a, err): `pods "<name>" is forbidden: <err>`
function forbidden(pod: KubeObject, detail: string): Error {
  return newForbidden('pods', pod.metadata.name ?? '', detail);
}

// ---- ServiceAccount (plugin/pkg/admission/serviceaccount/admission.go Admit + Validate) ----

function admitServiceAccount(pod: KubeObject, spec: PodSpec, ctx: RegistryContext): void {
  const ns = pod.metadata.namespace ?? 'default';
  // "Don't modify the spec of mirror pods." They may not reference service accounts or secrets.
  if (pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined) {
    validateMirrorPod(pod, spec);
    return;
  }
  spec.serviceAccountName ||= DEFAULT_SERVICE_ACCOUNT_NAME;
  spec.serviceAccount = spec.serviceAccountName; // the v1 encoder's deprecated mirror (conversion.go)
  const sa = ctx.store.tryGet('serviceaccounts', ns, spec.serviceAccountName) as StoredServiceAccount | undefined;
  // getServiceAccount: a missing account is Forbidden. The serviceaccounts controller creates
  // "default" with every namespace; tolerate it being absent (e.g. while a test cluster boots).
  if (!sa && spec.serviceAccountName !== DEFAULT_SERVICE_ACCOUNT_NAME) {
    const notFound = newNotFound('serviceaccount', spec.serviceAccountName);
    throw forbidden(pod, `error looking up service account ${ns}/${spec.serviceAccountName}: ${notFound.message}`);
  }
  if (shouldAutomount(sa, spec)) mountServiceAccountToken(spec, ctx);
  if (!spec.imagePullSecrets?.length && sa?.imagePullSecrets?.length) {
    spec.imagePullSecrets = sa.imagePullSecrets.map((s) => ({ name: s.name }));
  }
}

// shouldAutomount: the pod's preference wins, then the service account's, then true
function shouldAutomount(sa: StoredServiceAccount | undefined, spec: PodSpec): boolean {
  if (spec.automountServiceAccountToken != null) return spec.automountServiceAccountToken;
  if (sa?.automountServiceAccountToken != null) return sa.automountServiceAccountToken;
  return true;
}

// mountServiceAccountToken: one projected kube-api-access-xxxxx volume, mounted read-only at
// the token path in every init and regular container that does not mount something there.
function mountServiceAccountToken(spec: PodSpec, ctx: RegistryContext): void {
  const existing = (spec.volumes ?? []).find((v) => v.name.startsWith(SERVICE_ACCOUNT_VOLUME_PREFIX));
  // names.SimpleNameGenerator: prefix + 5 random characters
  const volumeName = existing?.name ?? SERVICE_ACCOUNT_VOLUME_PREFIX + ctx.random.nameSuffix();
  let needsVolume = false;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m) => m.mountPath === DEFAULT_API_TOKEN_MOUNT_PATH)) continue;
    const mount: VolumeMount = { name: volumeName, readOnly: true, mountPath: DEFAULT_API_TOKEN_MOUNT_PATH };
    (c.volumeMounts ??= []).push(mount);
    needsVolume = true;
  }
  if (!existing && needsVolume) (spec.volumes ??= []).push(tokenVolume(volumeName));
}

/** TokenVolumeSource: the projected service-account token, CA bundle and namespace. */
export function tokenVolume(name: string): Volume {
  return {
    name,
    projected: {
      defaultMode: 0o644, // "explicitly set default value, see #104464"
      sources: [
        { serviceAccountToken: { expirationSeconds: BOUND_TOKEN_EXPIRATION_SECONDS, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
    },
  };
}

function validateMirrorPod(pod: KubeObject, spec: PodSpec): void {
  if (spec.serviceAccountName) throw forbidden(pod, 'a mirror pod may not reference service accounts');
  const usesSecret = (spec.imagePullSecrets?.length ?? 0) > 0
    || (spec.volumes ?? []).some((v) => v.secret || v.projected?.sources?.some((s) => s.secret))
    || [...(spec.initContainers ?? []), ...(spec.containers ?? [])].some((c) =>
      (c.env ?? []).some((e) => e.valueFrom?.secretKeyRef) || (c.envFrom ?? []).some((e) => e.secretRef));
  if (usesSecret) throw forbidden(pod, 'a mirror pod may not reference secrets');
  if ((spec.volumes ?? []).some((v) => v.projected?.sources?.some((s) => s.serviceAccountToken))) {
    throw forbidden(pod, 'a mirror pod may not use ServiceAccountToken volume projections');
  }
}

// ---- Priority (plugin/pkg/admission/priority/admission.go admitPod) ----

// scheduling.SystemPriorityClasses: the classes every cluster has.
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = {
  'system-node-critical': 2000001000,
  'system-cluster-critical': 2000000000,
};

function admitPriority(pod: KubeObject, spec: PodSpec): void {
  // No PriorityClass objects are served: no global default exists, so an unnamed class means
  // priority 0 (DefaultPriorityWhenNoDefaultClassExists) and PreemptLowerPriority.
  let priority = 0;
  const preemptionPolicy = 'PreemptLowerPriority';
  if (spec.priorityClassName) {
    const value = SYSTEM_PRIORITY_CLASSES[spec.priorityClassName];
    if (value === undefined) throw forbidden(pod, `no PriorityClass with name ${spec.priorityClassName} was found`);
    priority = value;
  }
  if (spec.priority != null && spec.priority !== priority) {
    throw forbidden(pod, `the integer value of priority (${spec.priority}) must not be provided in pod spec; priority admission controller computed ${priority} from the given PriorityClass name`);
  }
  spec.priority = priority;
  if (spec.preemptionPolicy != null && spec.preemptionPolicy !== preemptionPolicy) {
    throw forbidden(pod, `the string value of PreemptionPolicy (${spec.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${preemptionPolicy} from the given PriorityClass name`);
  }
  spec.preemptionPolicy = preemptionPolicy;
}

// ---- DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds/admission.go) ----

// v1.TaintNodeNotReady / v1.TaintNodeUnreachable; the plugin's flags default to 300 seconds.
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNREACHABLE = 'node.kubernetes.io/unreachable';
const DEFAULT_TOLERATION_SECONDS = 300;

/** The plugin handles Create and Update (NewHandler(admission.Create, admission.Update)). */
export function admitDefaultTolerationSeconds(spec: PodSpec): void {
  const tolerations = spec.tolerations ?? [];
  // A toleration with an empty key or effect already covers the taint.
  const covers = (t: Toleration, key: string) => (t.key === key || !t.key) && (t.effect === 'NoExecute' || !t.effect);
  const notReady = tolerations.some((t) => covers(t, NOT_READY));
  const unreachable = tolerations.some((t) => covers(t, UNREACHABLE));
  if (notReady && unreachable) return;
  const next = [...tolerations];
  if (!notReady) next.push({ key: NOT_READY, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  if (!unreachable) next.push({ key: UNREACHABLE, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: DEFAULT_TOLERATION_SECONDS });
  spec.tolerations = next;
}

/** For PrepareForUpdate: the priority admission plugin carries priority fields over on update. */
export function keepPriorityOnUpdate(spec: PodSpec, old: PodSpec): void {
  if (spec.priority == null && old.priority != null) spec.priority = old.priority;
  if (spec.preemptionPolicy == null && old.preemptionPolicy != null) spec.preemptionPolicy = old.preemptionPolicy;
}
