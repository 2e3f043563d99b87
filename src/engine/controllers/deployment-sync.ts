// One Deployment sync: pkg/controller/deployment/deployment_controller.go syncDeployment and what
// it calls in sync.go (scaling, new/old ReplicaSets, status), rolling.go and recreate.go.
import type { EngineContext } from '../cluster/context';
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import type { KubeObject, StoredPod } from '../api/types';
import { deepClone, deepEqual } from '../store/clone';
import { fromLabelSelector, matches } from '../store/selectors';
import { isStatusError } from '../errors';
import { claimObjects, getControllerOf, newControllerRef } from './owner';
import { recordEvent, tryWrite } from './record';
import {
  POD_TEMPLATE_HASH_LABEL, REASON, REVISION_ANNOTATION, DESIRED_REPLICAS_ANNOTATION, availableReplicaCount, byCreation,
  byRevision, bySizeNewer, bySizeOlder, calculateStatus, compactDeploymentStatus, computeHash, deploymentComplete,
  equalIgnoreHash, filterActive, findActiveOrLatest, findNewReplicaSet, findOldReplicaSets, getCondition,
  hasProgressDeadline, isRollingUpdate, isSaturated, maxRevision, maxSurge, maxUnavailable, newCondition,
  newRSNewReplicas, replicaSetProportion, replicasAnnotationsNeedUpdate, replicasOf, setCondition,
  setNewReplicaSetAnnotations, setReplicasAnnotations, specReplicaCount, actualReplicaCount, type Deploy, type Rs,
} from './deployment-util';
import { rolloutStatus, stuckRequeueAfter } from './deployment-progress';

export const DEPLOYMENT_COMPONENT = 'deployment-controller';

/** What a sync asks of the controller around it. */
export interface SyncHooks {
  /** requeueStuckDeployment: look again after `ms`. */
  requeueAfter(key: string, ms: number): void;
}

export class DeploymentSync {
  constructor(private readonly ctx: EngineContext, private readonly hooks: SyncHooks) {}

  /** deployment_controller.go syncDeployment. */
  sync(stored: Deploy): void {
    let d = deepClone(stored);
    const rsList = this.claimReplicaSets(d);
    if (d.metadata.deletionTimestamp) return this.syncStatusOnly(d, rsList);
    d = this.checkPausedConditions(d);
    if (d.spec.paused) return this.syncScale(d, rsList);
    const scaling = this.isScalingEvent(d, rsList);
    d = scaling.d;
    if (scaling.yes) return this.syncScale(d, this.listOwned(d));
    if (d.spec.strategy?.type === 'Recreate') return this.rolloutRecreate(d, this.listOwned(d));
    return this.rolloutRolling(d, this.listOwned(d));
  }

  // ---- ReplicaSets and pods of a Deployment ----

  private listOwned(d: Deploy): Rs[] {
    return (this.ctx.store.list('replicasets', { namespace: d.metadata.namespace }) as Rs[]).filter((rs) => getControllerOf(rs)?.uid === d.metadata.uid);
  }

  /** getReplicaSetsForDeployment → ClaimReplicaSets: adopt matching orphans, release mismatches. */
  private claimReplicaSets(d: Deploy): Rs[] {
    const sel = fromLabelSelector(d.spec.selector);
    const all = this.ctx.store.list('replicasets', { namespace: d.metadata.namespace }) as Rs[];
    return claimObjects(this.ctx.store, 'replicasets', d as unknown as KubeObject, all, (rs) => matches(sel, rs.metadata.labels));
  }

  /** getAllReplicaSetsAndSyncRevision. */
  private allReplicaSets(d: Deploy, rsList: Rs[], create: boolean): { newRS: Rs | undefined; oldRSs: Rs[]; d: Deploy } {
    const existing = findNewReplicaSet(d, rsList);
    const oldRSs = findOldReplicaSets(d, rsList, existing);
    const r = this.getNewReplicaSet(d, rsList, oldRSs, create);
    return { newRS: r.rs, oldRSs, d: r.d };
  }

  /** sync.go getNewReplicaSet: sync the current ReplicaSet's annotations, or create it. */
  private getNewReplicaSet(d: Deploy, rsList: Rs[], oldRSs: Rs[], create: boolean): { rs: Rs | undefined; d: Deploy } {
    const { store, clock } = this.ctx;
    const existing = findNewReplicaSet(d, rsList);
    const newRevision = String(maxRevision(oldRSs) + 1);
    if (existing) {
      const rsCopy = deepClone(existing);
      const annotationsUpdated = setNewReplicaSetAnnotations(d, rsCopy, newRevision, true);
      const minReadyChanged = (rsCopy.spec?.minReadySeconds ?? 0) !== (d.spec.minReadySeconds ?? 0);
      if (annotationsUpdated || minReadyChanged) {
        rsCopy.spec!.minReadySeconds = d.spec.minReadySeconds;
        return { rs: store.update('replicasets', rsCopy as KubeObject) as Rs, d };
      }
      let needsUpdate = setDeploymentRevision(d, rsCopy.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
      if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
        setCondition((d.status ??= {}), newCondition('Progressing', 'True', REASON.FoundNewReplicaSet, `Found new replica set ${JSON.stringify(rsCopy.metadata.name)}`, clock.nowRFC3339()));
        needsUpdate = true;
      }
      if (needsUpdate) d = this.writeDeployment(d);
      return { rs: rsCopy, d };
    }
    if (!create) return { rs: undefined, d };

    const template = deepClone(d.spec.template);
    const hash = computeHash(d.spec.template, d.status?.collisionCount);
    template.metadata = { ...template.metadata, labels: { ...(template.metadata?.labels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash } };
    const selector = deepClone(d.spec.selector);
    selector.matchLabels = { ...(selector.matchLabels ?? {}), [POD_TEMPLATE_HASH_LABEL]: hash };
    const newRS = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        ownerReferences: [newControllerRef(d as unknown as KubeObject)],
        labels: { ...template.metadata.labels },
      },
      spec: { replicas: 0, minReadySeconds: d.spec.minReadySeconds, selector, template },
    } as unknown as Rs;
    const count = newRSNewReplicas(d, [...oldRSs, newRS], newRS);
    newRS.spec!.replicas = count;
    setNewReplicaSetAnnotations(d, newRS, newRevision, false);
    let created: Rs;
    let alreadyExists = false;
    try {
      created = store.create('replicasets', newRS as unknown as KubeObject) as Rs;
    } catch (e) {
      if (isStatusError(e, 'AlreadyExists')) {
        const rs = store.get('replicasets', d.metadata.namespace, newRS.metadata.name) as Rs;
        // A ReplicaSet of ours with the same template: treat it as the new one.
        if (getControllerOf(rs)?.uid === d.metadata.uid && equalIgnoreHash(rs.spec?.template, d.spec.template)) {
          created = rs;
          alreadyExists = true;
        } else {
          // A hash collision: bump collisionCount so the next sync computes another name.
          (d.status ??= {}).collisionCount = (d.status.collisionCount ?? 0) + 1;
          this.writeDeployment(d);
          throw e;
        }
      } else {
        if (isStatusError(e) && e.reason === 'Forbidden' && e.message.includes('being terminated')) throw e;
        // sync.go: FailedRSCreateReason, "Failed to create new replica set %q: %v"
        const msg = `Failed to create new replica set ${JSON.stringify(newRS.metadata.name)}: ${(e as Error).message}`;
        if (hasProgressDeadline(d)) {
          setCondition((d.status ??= {}), newCondition('Progressing', 'False', REASON.ReplicaSetCreateError, msg, clock.nowRFC3339()));
          this.writeDeployment(d);
        }
        this.event(d, 'Warning', REASON.ReplicaSetCreateError, msg);
        throw e;
      }
    }
    if (!alreadyExists && count > 0) {
      // sync.go getNewReplicaSet: "Scaled up replica set %s from 0 to %d"
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${count}`);
    }
    let needsUpdate = setDeploymentRevision(d, newRevision);
    if (!alreadyExists && hasProgressDeadline(d)) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'True', REASON.NewReplicaSetCreated, `Created new replica set ${JSON.stringify(created.metadata.name)}`, clock.nowRFC3339()));
      needsUpdate = true;
    }
    if (needsUpdate) d = this.writeDeployment(d);
    return { rs: created, d };
  }

  // ---- scaling (sync.go) ----

  /** sync.go sync: scaling events and paused Deployments. */
  private syncScale(d: Deploy, rsList: Rs[]): void {
    const r = this.allReplicaSets(d, rsList, false);
    d = r.d;
    const { newRS, oldRSs } = this.scale(d, r.newRS, r.oldRSs);
    if (d.spec.paused) this.cleanupDeployment(oldRSs, d);
    this.syncDeploymentStatus([...oldRSs, newRS], newRS, d);
  }

  /** sync.go isScalingEvent: an active ReplicaSet's desired-replicas differs from spec.replicas. */
  private isScalingEvent(d: Deploy, rsList: Rs[]): { yes: boolean; d: Deploy } {
    const r = this.allReplicaSets(d, rsList, false);
    for (const rs of filterActive([...r.oldRSs, r.newRS])) {
      const desired = rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION];
      if (desired === undefined) continue;
      if (Number(desired) !== replicasOf(r.d)) return { yes: true, d: r.d };
    }
    return { yes: false, d: r.d };
  }

  /** sync.go scale: proportional scaling across the active ReplicaSets. */
  private scale(d: Deploy, newRS: Rs | undefined, oldRSs: Rs[]): { newRS: Rs | undefined; oldRSs: Rs[] } {
    const replace = (rs: Rs) => {
      if (newRS && rs.metadata.uid === newRS.metadata.uid) newRS = rs;
      oldRSs = oldRSs.map((o) => (o.metadata.uid === rs.metadata.uid ? rs : o));
    };
    const target = findActiveOrLatest(newRS, oldRSs);
    if (target) {
      if (replicasOf(target) !== replicasOf(d)) replace(this.scaleAndRecord(target, replicasOf(d), d)[1]);
      return { newRS, oldRSs };
    }
    if (isSaturated(d, newRS)) {
      for (const old of filterActive(oldRSs)) replace(this.scaleAndRecord(old, 0, d)[1]);
      return { newRS, oldRSs };
    }
    if (isRollingUpdate(d)) {
      const all = filterActive([...oldRSs, newRS]);
      const allowed = replicasOf(d) > 0 ? replicasOf(d) + maxSurge(d) : 0;
      const toAdd = allowed - specReplicaCount(all);
      let op = '';
      if (toAdd > 0) {
        all.sort(bySizeNewer);
        op = 'up';
      } else if (toAdd < 0) {
        all.sort(bySizeOlder);
        op = 'down';
      }
      let added = 0;
      const size = new Map<string, number>();
      for (const rs of all) {
        if (toAdd !== 0) {
          const p = replicaSetProportion(rs, d, toAdd, added);
          size.set(rs.metadata.name, replicasOf(rs) + p);
          added += p;
        } else {
          size.set(rs.metadata.name, replicasOf(rs));
        }
      }
      all.forEach((rs, i) => {
        // Leftovers go to the largest ReplicaSet.
        if (i === 0 && toAdd !== 0) size.set(rs.metadata.name, Math.max(0, size.get(rs.metadata.name)! + toAdd - added));
        replace(this.scaleReplicaSet(rs, size.get(rs.metadata.name)!, d, op)[1]);
      });
    }
    return { newRS, oldRSs };
  }

  /** sync.go scaleReplicaSetAndRecordEvent. */
  private scaleAndRecord(rs: Rs, newScale: number, d: Deploy): [boolean, Rs] {
    if (replicasOf(rs) === newScale) return [false, rs];
    return this.scaleReplicaSet(rs, newScale, d, replicasOf(rs) < newScale ? 'up' : 'down');
  }

  /** sync.go scaleReplicaSet: also refreshes desired/max-replicas annotations. */
  private scaleReplicaSet(rs: Rs, newScale: number, d: Deploy, op: string): [boolean, Rs] {
    const sizeChanged = replicasOf(rs) !== newScale;
    const max = replicasOf(d) + maxSurge(d);
    if (!sizeChanged && !replicasAnnotationsNeedUpdate(rs, replicasOf(d), max)) return [false, rs];
    const oldScale = replicasOf(rs);
    const next = deepClone(rs);
    next.spec!.replicas = newScale;
    setReplicasAnnotations(next, replicasOf(d), max);
    const updated = this.ctx.store.update('replicasets', next as KubeObject) as Rs;
    if (sizeChanged) {
      // sync.go scaleReplicaSet: "Scaled %s replica set %s from %d to %d" (v1.31+ wording)
      this.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${updated.metadata.name} from ${oldScale} to ${newScale}`);
    }
    return [sizeChanged, updated];
  }

  /** sync.go cleanupDeployment: keep at most revisionHistoryLimit old, empty ReplicaSets. */
  private cleanupDeployment(oldRSs: Rs[], d: Deploy): void {
    const limit = d.spec.revisionHistoryLimit;
    if (limit === undefined) return;
    const cleanable = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
    const diff = cleanable.length - limit;
    if (diff <= 0) return;
    cleanable.sort(byRevision);
    for (const rs of cleanable.slice(0, diff)) {
      const busy = (rs.status?.replicas ?? 0) !== 0 || replicasOf(rs) !== 0 || (rs.metadata.generation ?? 0) > (rs.status?.observedGeneration ?? 0);
      if (busy) continue;
      tryWrite(() => this.ctx.store.delete('replicasets', rs.metadata.namespace, rs.metadata.name, { preconditions: { uid: rs.metadata.uid } }));
    }
  }

  // ---- rollouts ----

  /** rolling.go rolloutRolling. */
  private rolloutRolling(d: Deploy, rsList: Rs[]): void {
    const r = this.allReplicaSets(d, rsList, true);
    d = r.d;
    let newRS = r.newRS!;
    let oldRSs = r.oldRSs;
    const [scaledUp, updatedNew] = this.reconcileNewReplicaSet([...oldRSs, newRS], newRS, d);
    newRS = updatedNew;
    if (scaledUp) return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
    const down = this.reconcileOldReplicaSets([...oldRSs, newRS], filterActive(oldRSs), newRS, d);
    oldRSs = oldRSs.map((o) => down.updated.get(o.metadata.uid) ?? o);
    if (down.scaled) return this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
    if (deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
  }

  /** rolling.go reconcileNewReplicaSet. */
  private reconcileNewReplicaSet(all: Rs[], newRS: Rs, d: Deploy): [boolean, Rs] {
    if (replicasOf(newRS) === replicasOf(d)) return [false, newRS];
    if (replicasOf(newRS) > replicasOf(d)) return this.scaleAndRecord(newRS, replicasOf(d), d);
    return this.scaleAndRecord(newRS, newRSNewReplicas(d, all, newRS), d);
  }

  /** rolling.go reconcileOldReplicaSets: clean up unhealthy pods first, then scale down within maxUnavailable. */
  private reconcileOldReplicaSets(all: Rs[], oldRSs: Rs[], newRS: Rs, d: Deploy): { scaled: boolean; updated: Map<string, Rs> } {
    const updated = new Map<string, Rs>();
    if (specReplicaCount(oldRSs) === 0) return { scaled: false, updated };
    const minAvailable = replicasOf(d) - maxUnavailable(d);
    const newUnavailable = replicasOf(newRS) - (newRS.status?.availableReplicas ?? 0);
    const maxScaledDown = specReplicaCount(all) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return { scaled: false, updated };
    // cleanupUnhealthyReplicas
    let olds = [...oldRSs].sort(byCreation);
    let cleaned = 0;
    olds = olds.map((rs) => {
      if (cleaned >= maxScaledDown || replicasOf(rs) === 0) return rs;
      const unhealthy = replicasOf(rs) - (rs.status?.availableReplicas ?? 0);
      if (unhealthy <= 0) return rs;
      const n = Math.min(maxScaledDown - cleaned, unhealthy);
      const [, u] = this.scaleAndRecord(rs, replicasOf(rs) - n, d);
      cleaned += n;
      updated.set(u.metadata.uid, u);
      return u;
    });
    // scaleDownOldReplicaSetsForRollingUpdate
    let scaledDown = 0;
    const available = availableReplicaCount([...olds, newRS]);
    if (available > minAvailable) {
      const total = available - minAvailable;
      for (const rs of [...olds].sort(byCreation)) {
        if (scaledDown >= total) break;
        if (replicasOf(rs) === 0) continue;
        const n = Math.min(replicasOf(rs), total - scaledDown);
        const [, u] = this.scaleAndRecord(rs, replicasOf(rs) - n, d);
        scaledDown += n;
        updated.set(u.metadata.uid, u);
      }
    }
    return { scaled: cleaned + scaledDown > 0, updated };
  }

  /** recreate.go rolloutRecreate: scale old to zero, wait for their pods to go, then scale up new. */
  private rolloutRecreate(d: Deploy, rsList: Rs[]): void {
    let r = this.allReplicaSets(d, rsList, false);
    d = r.d;
    let oldRSs = r.oldRSs;
    let scaledDown = false;
    oldRSs = oldRSs.map((rs) => {
      if (replicasOf(rs) === 0) return rs;
      const [s, u] = this.scaleAndRecord(rs, 0, d);
      scaledDown ||= s;
      return u;
    });
    if (scaledDown || this.oldPodsRunning(r.newRS, oldRSs, d)) return this.syncRolloutStatus([...oldRSs, r.newRS], r.newRS, d);
    if (!r.newRS) {
      r = this.allReplicaSets(d, this.listOwned(d), true);
      d = r.d;
      oldRSs = r.oldRSs;
    }
    const [, newRS] = this.scaleAndRecord(r.newRS!, replicasOf(d), d);
    if (deploymentComplete(d, d.status ?? {})) this.cleanupDeployment(oldRSs, d);
    this.syncRolloutStatus([...oldRSs, newRS], newRS, d);
  }

  /** recreate.go oldPodsRunning: any pod of an old ReplicaSet that is not Succeeded or Failed. */
  private oldPodsRunning(newRS: Rs | undefined, oldRSs: Rs[], d: Deploy): boolean {
    if (actualReplicaCount(oldRSs) > 0) return true;
    const olds = new Set(oldRSs.map((rs) => rs.metadata.uid));
    const sel = fromLabelSelector(d.spec.selector);
    return (this.ctx.store.list('pods', { namespace: d.metadata.namespace }) as StoredPod[]).some((p) => {
      const owner = getControllerOf(p)?.uid;
      if (!owner || owner === newRS?.metadata.uid || !olds.has(owner) || !matches(sel, p.metadata.labels)) return false;
      return p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
    });
  }

  // ---- status ----

  private syncStatusOnly(d: Deploy, rsList: Rs[]): void {
    const r = this.allReplicaSets(d, rsList, false);
    this.syncDeploymentStatus([...r.oldRSs, r.newRS], r.newRS, r.d);
  }

  /** sync.go syncDeploymentStatus. */
  private syncDeploymentStatus(all: (Rs | undefined)[], newRS: Rs | undefined, d: Deploy): void {
    const status = calculateStatus(all.filter((r): r is Rs => !!r), newRS, d, this.ctx.clock.nowRFC3339());
    if (sameStatus(d.status, status)) return;
    d.status = status;
    this.writeDeployment(d);
  }

  /** progress.go syncRolloutStatus: write the status with its Progressing condition, or requeue a stuck rollout. */
  private syncRolloutStatus(all: (Rs | undefined)[], newRS: Rs | undefined, d: Deploy): void {
    const { clock } = this.ctx;
    const status = rolloutStatus(d, all.filter((r): r is Rs => !!r), newRS, clock.now(), clock.nowRFC3339());
    if (sameStatus(d.status, status)) {
      const after = stuckRequeueAfter(d, status, clock.now());
      if (after !== undefined) this.hooks.requeueAfter(`${d.metadata.namespace}/${d.metadata.name}`, after);
      return;
    }
    d.status = status;
    this.writeDeployment(d);
  }

  /** sync.go checkPausedConditions: Progressing Unknown while paused. */
  private checkPausedConditions(d: Deploy): Deploy {
    if (!hasProgressDeadline(d)) return d;
    const cond = getCondition(d.status, 'Progressing');
    if (cond?.reason === REASON.ProgressDeadlineExceeded) return d;
    const pausedCond = cond?.reason === REASON.DeploymentPaused;
    const now = this.ctx.clock.nowRFC3339();
    if (d.spec.paused && !pausedCond) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'Unknown', REASON.DeploymentPaused, 'Deployment is paused', now));
    } else if (!d.spec.paused && pausedCond) {
      setCondition((d.status ??= {}), newCondition('Progressing', 'Unknown', REASON.DeploymentResumed, 'Deployment is resumed', now));
    } else {
      return d;
    }
    return this.writeDeployment(d);
  }

  /**
   * UpdateStatus as the controller does it: upstream writes the revision annotation through the
   * status endpoint too; Podlab's store keeps metadata on status writes, so annotations go first.
   */
  private writeDeployment(d: Deploy): Deploy {
    const { store } = this.ctx;
    const ns = d.metadata.namespace;
    let current = store.tryGet('deployments', ns, d.metadata.name) as Deploy | undefined;
    if (!current || current.metadata.uid !== d.metadata.uid) return d;
    if (!deepEqual(current.metadata.annotations ?? {}, d.metadata.annotations ?? {})) {
      const next = deepClone(current);
      next.metadata.annotations = { ...(d.metadata.annotations ?? {}) };
      current = store.update('deployments', next as KubeObject) as Deploy;
    }
    const status = compactDeploymentStatus(d.status ?? {});
    if (!deepEqual(status, current.status ?? {})) {
      const next = deepClone(current);
      next.status = status;
      current = store.updateStatus('deployments', next as KubeObject) as Deploy;
    }
    return deepClone(current);
  }

  private event(d: Deploy, type: 'Normal' | 'Warning', reason: string, message: string): void {
    recordEvent(this.ctx, DEPLOYMENT_COMPONENT, d as unknown as KubeObject, type, reason, message);
  }
}

/** deployment_util.go SetDeploymentRevision. */
function setDeploymentRevision(d: Deploy, revision: string): boolean {
  const a = (d.metadata.annotations ??= {});
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}

function sameStatus(a: DeploymentStatus | undefined, b: DeploymentStatus): boolean {
  return deepEqual(compactDeploymentStatus(a ?? {}), compactDeploymentStatus(b));
}
