// Pure helpers of the Deployment controller, ported from pkg/controller/deployment/util/
// deployment_util.go and pkg/controller/controller_utils.go (ComputeHash, ReplicaSet sorting).
import type { DeploymentCondition, DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { PodTemplateSpec, StoredDeployment, StoredReplicaSet } from '../api/types';
import { deepEqual } from '../store/clone';
import { NAME_SUFFIX_ALPHABET } from '../../shared/random';

export type Deploy = StoredDeployment & { spec: NonNullable<StoredDeployment['spec']> };
export type Rs = StoredReplicaSet;

// deployment_util.go annotation keys and condition reasons
export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
const DEPRECATED_ROLLBACK_TO = 'deprecated.deployment.rollback.to';
/** apps/v1 DefaultDeploymentUniqueLabelKey. */
export const POD_TEMPLATE_HASH_LABEL = 'pod-template-hash';

export const REASON = {
  ReplicaSetUpdated: 'ReplicaSetUpdated',
  NewReplicaSetCreated: 'NewReplicaSetCreated',
  FoundNewReplicaSet: 'FoundNewReplicaSet',
  NewReplicaSetAvailable: 'NewReplicaSetAvailable',
  ProgressDeadlineExceeded: 'ProgressDeadlineExceeded',
  DeploymentPaused: 'DeploymentPaused',
  DeploymentResumed: 'DeploymentResumed',
  MinimumReplicasAvailable: 'MinimumReplicasAvailable',
  MinimumReplicasUnavailable: 'MinimumReplicasUnavailable',
  ReplicaSetCreateError: 'ReplicaSetCreateError',
} as const;

// ---- ComputeHash (controller_utils.go) ----

/**
 * controller_utils.go ComputeHash: fnv32a over the template (plus collisionCount as 8 little-endian
 * bytes), printed in decimal and passed through rand.SafeEncodeString. Upstream hashes a spew dump
 * of the Go struct; we hash the template's canonical JSON, so the value differs from a real cluster's
 * but has the same shape (`nginx-7854ff8877`) and the same stability.
 */
export function computeHash(template: PodTemplateSpec | undefined, collisionCount?: number): string {
  let h = 0x811c9dc5;
  const feed = (b: number) => {
    h ^= b;
    h = Math.imul(h, 0x01000193) >>> 0;
  };
  for (const b of utf8(canonicalJSON(template ?? {}))) feed(b);
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0;
    for (const b of [c & 255, (c >>> 8) & 255, (c >>> 16) & 255, c >>> 24, 0, 0, 0, 0]) feed(b);
  }
  return safeEncodeString(String(h >>> 0));
}

/** apimachinery util/rand SafeEncodeString: each byte mapped onto the vowel-free alphabet. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += NAME_SUFFIX_ALPHABET[ch.codePointAt(0)! % NAME_SUFFIX_ALPHABET.length];
  return out;
}

function canonicalJSON(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJSON).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJSON(o[k])}`).join(',')}}`;
}

function utf8(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) out.push(cp);
    else if (cp < 0x800) out.push(0xc0 | (cp >> 6), 0x80 | (cp & 63));
    else if (cp < 0x10000) out.push(0xe0 | (cp >> 12), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
    else out.push(0xf0 | (cp >> 18), 0x80 | ((cp >> 12) & 63), 0x80 | ((cp >> 6) & 63), 0x80 | (cp & 63));
  }
  return out;
}

// ---- surge / unavailability ----

/** intstr.GetScaledValueFromIntOrPercent. */
export function scaledValue(v: number | string | undefined, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return 0;
  const m = /^(\d+)%$/.exec(v);
  if (!m) return Number.parseInt(v, 10) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

export const replicasOf = (o: { spec?: { replicas?: number } }) => o.spec?.replicas ?? 1;
export const isRollingUpdate = (d: Deploy) => d.spec.strategy?.type === 'RollingUpdate';

/** deployment_util.go ResolveFenceposts: maxUnavailable becomes 1 if both round to 0. */
export function resolveFenceposts(d: Deploy): [surge: number, unavailable: number] {
  const ru = d.spec.strategy?.rollingUpdate ?? {};
  const desired = replicasOf(d);
  const surge = scaledValue(ru.maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(ru.maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return [surge, unavailable];
}

export function maxSurge(d: Deploy): number {
  return isRollingUpdate(d) ? resolveFenceposts(d)[0] : 0;
}

export function maxUnavailable(d: Deploy): number {
  if (!isRollingUpdate(d) || replicasOf(d) === 0) return 0;
  return Math.min(resolveFenceposts(d)[1], replicasOf(d));
}

// ---- replica counts over sets of ReplicaSets ----

const some = (list: (Rs | undefined)[]) => list.filter((r): r is Rs => !!r);
export const specReplicaCount = (list: (Rs | undefined)[]) => some(list).reduce((n, r) => n + replicasOf(r), 0);
export const actualReplicaCount = (list: (Rs | undefined)[]) => some(list).reduce((n, r) => n + (r.status?.replicas ?? 0), 0);
export const readyReplicaCount = (list: (Rs | undefined)[]) => some(list).reduce((n, r) => n + (r.status?.readyReplicas ?? 0), 0);
export const availableReplicaCount = (list: (Rs | undefined)[]) => some(list).reduce((n, r) => n + (r.status?.availableReplicas ?? 0), 0);

/** controller_utils.go FilterActiveReplicaSets: those with spec.replicas > 0. */
export const filterActive = (list: (Rs | undefined)[]) => some(list).filter((r) => replicasOf(r) > 0);

// ---- sorting (controller_utils.go) ----

const created = (r: Rs) => r.metadata.creationTimestamp;
export function byCreation(a: Rs, b: Rs): number {
  if (created(a) === created(b)) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return created(a) < created(b) ? -1 : 1;
}
/** ReplicaSetsBySizeOlder: larger first, then older first. */
export const bySizeOlder = (a: Rs, b: Rs) => replicasOf(b) - replicasOf(a) || byCreation(a, b);
/** ReplicaSetsBySizeNewer: larger first, then newer first. */
export const bySizeNewer = (a: Rs, b: Rs) => replicasOf(b) - replicasOf(a) || byCreation(b, a);
/** ReplicaSetsByRevision. */
export const byRevision = (a: Rs, b: Rs) => revision(a) - revision(b) || byCreation(a, b);

// ---- revisions and new/old ReplicaSets ----

export function revision(rs: { metadata: { annotations?: Record<string, string> } }): number {
  const n = Number.parseInt(rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '', 10);
  return Number.isNaN(n) ? 0 : n;
}

export function maxRevision(list: Rs[]): number {
  return list.reduce((m, r) => Math.max(m, revision(r)), 0);
}

/** deployment_util.go EqualIgnoreHash: templates equal once pod-template-hash is ignored. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH_LABEL];
    return { ...t, metadata: { ...t?.metadata, labels } };
  };
  return deepEqual(strip(a), strip(b));
}

/** deployment_util.go FindNewReplicaSet: the oldest ReplicaSet whose template matches. */
export function findNewReplicaSet(d: Deploy, list: Rs[]): Rs | undefined {
  return [...list].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec.template));
}

/** deployment_util.go FindOldReplicaSets: every other ReplicaSet. */
export function findOldReplicaSets(d: Deploy, list: Rs[], newRS: Rs | undefined): Rs[] {
  return list.filter((rs) => rs.metadata.uid !== newRS?.metadata.uid);
}

// ---- annotations ----

const skipCopyAnnotation = (k: string) =>
  [LAST_APPLIED_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, DEPRECATED_ROLLBACK_TO].includes(k);

/** deployment_util.go SetReplicasAnnotations; returns whether anything changed. */
export function setReplicasAnnotations(rs: Rs, desired: number, max: number): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  if (a[DESIRED_REPLICAS_ANNOTATION] !== String(desired)) {
    a[DESIRED_REPLICAS_ANNOTATION] = String(desired);
    changed = true;
  }
  if (a[MAX_REPLICAS_ANNOTATION] !== String(max)) {
    a[MAX_REPLICAS_ANNOTATION] = String(max);
    changed = true;
  }
  return changed;
}

export function replicasAnnotationsNeedUpdate(rs: Rs, desired: number, max: number): boolean {
  const a = rs.metadata.annotations ?? {};
  return a[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a[MAX_REPLICAS_ANNOTATION] !== String(max);
}

/** deployment_util.go SetNewReplicaSetAnnotations: copy the Deployment's annotations and bump the revision. */
export function setNewReplicaSetAnnotations(d: Deploy, rs: Rs, newRevision: string, exists: boolean): boolean {
  const a = (rs.metadata.annotations ??= {});
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skipCopyAnnotation(k) || a[k] === v) continue;
    a[k] = v;
    changed = true;
  }
  const old = a[REVISION_ANNOTATION];
  const oldN = old === undefined || old === '' ? 0 : Number.parseInt(old, 10);
  if (Number.isNaN(oldN)) return false;
  const newN = Number.parseInt(newRevision, 10);
  if (oldN < newN) {
    a[REVISION_ANNOTATION] = newRevision;
    changed = true;
    // A ReplicaSet brought back keeps the revisions it served before (a rollback).
    if (old !== undefined) {
      const history = a[REVISION_HISTORY_ANNOTATION];
      a[REVISION_HISTORY_ANNOTATION] = history ? `${history},${old}` : old;
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

// ---- conditions ----

export type Condition = DeploymentCondition;

export function newCondition(type: string, status: 'True' | 'False' | 'Unknown', reason: string, message: string, now: string): Condition {
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): Condition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** deployment_util.go SetDeploymentCondition: same status and reason is a no-op; the condition moves last. */
export function setCondition(status: DeploymentStatus, cond: Condition): void {
  const cur = getCondition(status, cond.type);
  if (cur && cur.status === cond.status && cur.reason === cond.reason) return;
  if (cur && cur.status === cond.status) cond.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== cond.type), cond];
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  status.conditions = (status.conditions ?? []).filter((c) => c.type !== type);
}

// ---- progress ----

export const hasProgressDeadline = (d: Deploy) => d.spec.progressDeadlineSeconds !== undefined && d.spec.progressDeadlineSeconds !== 2147483647;

/** deployment_util.go DeploymentComplete. */
export function deploymentComplete(d: Deploy, s: DeploymentStatus): boolean {
  const n = replicasOf(d);
  return (s.updatedReplicas ?? 0) === n && (s.replicas ?? 0) === n && (s.availableReplicas ?? 0) === n && (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0);
}

/** deployment_util.go DeploymentProgressing: any new, ready or available pod, or fewer old ones. */
export function deploymentProgressing(d: Deploy, s: DeploymentStatus): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (s.replicas ?? 0) - (s.updatedReplicas ?? 0);
  return (s.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld
    || (s.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (s.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

/** deployment_util.go DeploymentTimedOut. */
export function deploymentTimedOut(d: Deploy, s: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const c = getCondition(s, 'Progressing');
  if (!c || c.reason === REASON.NewReplicaSetAvailable) return false;
  if (c.reason === REASON.ProgressDeadlineExceeded) return true;
  const from = Date.parse(c.lastUpdateTime ?? '');
  return from + d.spec.progressDeadlineSeconds! * 1000 < nowMs;
}

// ---- scaling ----

/** deployment_util.go IsSaturated. */
export function isSaturated(d: Deploy, rs: Rs | undefined): boolean {
  if (!rs) return false;
  const desired = Number.parseInt(rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] ?? '', 10);
  const n = replicasOf(d);
  return replicasOf(rs) === n && desired === n && (rs.status?.availableReplicas ?? 0) === n;
}

/** deployment_util.go FindActiveOrLatest. */
export function findActiveOrLatest(newRS: Rs | undefined, oldRSs: Rs[]): Rs | undefined {
  if (!newRS && !oldRSs.length) return undefined;
  const olds = [...oldRSs].sort((a, b) => byCreation(b, a));
  const active = filterActive([...olds, newRS]);
  if (active.length === 0) return newRS ?? olds[0];
  if (active.length === 1) return active[0];
  return undefined;
}

/** deployment_util.go NewRSNewReplicas. */
export function newRSNewReplicas(d: Deploy, all: Rs[], newRS: Rs): number {
  if (d.spec.strategy?.type === 'Recreate') return replicasOf(d);
  const surge = scaledValue(d.spec.strategy?.rollingUpdate?.maxSurge, replicasOf(d), true);
  const current = specReplicaCount(all);
  const maxTotal = replicasOf(d) + surge;
  if (current >= maxTotal) return replicasOf(newRS);
  const up = Math.min(maxTotal - current, replicasOf(d) - replicasOf(newRS));
  return replicasOf(newRS) + up;
}

/** deployment_util.go GetReplicaSetProportion / getReplicaSetFraction. */
export function replicaSetProportion(rs: Rs, d: Deploy, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

function replicaSetFraction(rs: Rs, d: Deploy): number {
  if (replicasOf(d) === 0) return -replicasOf(rs);
  const dMax = replicasOf(d) + maxSurge(d);
  let before = Number.parseInt(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION] ?? '', 10);
  if (Number.isNaN(before) || before === 0) {
    before = d.status?.replicas ?? 0;
    if (before === 0) return 0;
  }
  const size = (replicasOf(rs) * dMax) / before;
  // integer.RoundToInt32: halves away from zero
  const rounded = size < 0 ? Math.trunc(size - 0.5) : Math.trunc(size + 0.5);
  return rounded - replicasOf(rs);
}

// ---- status (sync.go calculateStatus) ----

export function calculateStatus(all: Rs[], newRS: Rs | undefined, d: Deploy, now: string): DeploymentStatus {
  const available = availableReplicaCount(all);
  const total = specReplicaCount(all);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation,
    replicas: actualReplicaCount(all),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(all),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
    conditions: [...(d.status?.conditions ?? [])].map((c) => ({ ...c })),
  };
  if (available >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition('Available', 'True', REASON.MinimumReplicasAvailable, 'Deployment has minimum availability.', now));
  } else {
    setCondition(status, newCondition('Available', 'False', REASON.MinimumReplicasUnavailable, 'Deployment does not have minimum availability.', now));
  }
  return status;
}

/** The v1 JSON of DeploymentStatus: omitempty counts vanish when zero. */
export function compactDeploymentStatus(s: DeploymentStatus): DeploymentStatus {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) {
    if (v === undefined || v === 0 || (Array.isArray(v) && !v.length)) continue;
    out[k] = v;
  }
  return out as DeploymentStatus;
}
