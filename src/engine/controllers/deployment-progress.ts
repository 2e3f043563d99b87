// A Deployment's rollout status: pkg/controller/deployment/progress.go syncRolloutStatus (the
// Progressing condition against progressDeadlineSeconds, ReplicaFailure from the ReplicaSets) and
// requeueStuckDeployment. Pure functions; the controller writes what they return.
import type { DeploymentStatus } from 'kubernetes-types/apps/v1';
import {
  REASON, calculateStatus, deploymentComplete, deploymentProgressing, deploymentTimedOut, getCondition,
  hasProgressDeadline, newCondition, removeCondition, setCondition, type Deploy, type Rs,
} from './deployment-util';

/** progress.go syncRolloutStatus: the status the Deployment should have now. */
export function rolloutStatus(d: Deploy, all: Rs[], newRS: Rs | undefined, nowMs: number, now: string): DeploymentStatus {
  const status = calculateStatus(all, newRS, d, now);
  if (!hasProgressDeadline(d)) removeCondition(status, 'Progressing');
  const current = getCondition(d.status, 'Progressing');
  // A finished rollout (resync of a complete Deployment) estimates no progress.
  const complete = status.replicas === status.updatedReplicas && current?.reason === REASON.NewReplicaSetAvailable;
  if (hasProgressDeadline(d) && !complete) {
    const subject = newRS ? `ReplicaSet ${JSON.stringify(newRS.metadata.name)}` : `Deployment ${JSON.stringify(d.metadata.name)}`;
    if (deploymentComplete(d, status)) {
      // progress.go: "ReplicaSet %q has successfully progressed."
      setCondition(status, newCondition('Progressing', 'True', REASON.NewReplicaSetAvailable, `${subject} has successfully progressed.`, now));
    } else if (deploymentProgressing(d, status)) {
      // progress.go: "ReplicaSet %q is progressing." — refreshes lastUpdateTime on every bit of progress.
      const cond = newCondition('Progressing', 'True', REASON.ReplicaSetUpdated, `${subject} is progressing.`, now);
      if (current) {
        if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
        removeCondition(status, 'Progressing');
      }
      setCondition(status, cond);
    } else if (deploymentTimedOut(d, status, nowMs)) {
      // progress.go: "ReplicaSet %q has timed out progressing."
      setCondition(status, newCondition('Progressing', 'False', REASON.ProgressDeadlineExceeded, `${subject} has timed out progressing.`, now));
    }
  }
  // getReplicaFailures: the new ReplicaSet's ReplicaFailure condition first, else an old one's.
  const failure = [newRS, ...all].find((rs) => rs?.status?.conditions?.some((c) => c.type === 'ReplicaFailure'))
    ?.status?.conditions?.find((c) => c.type === 'ReplicaFailure');
  if (failure) {
    // util.ReplicaSetToDeploymentCondition
    setCondition(status, {
      type: 'ReplicaFailure', status: failure.status, reason: failure.reason, message: failure.message,
      lastUpdateTime: failure.lastTransitionTime, lastTransitionTime: failure.lastTransitionTime,
    });
  } else {
    removeCondition(status, 'ReplicaFailure');
  }
  return status;
}

/**
 * progress.go requeueStuckDeployment: when to look again so a stuck rollout times out on time
 * (lastUpdateTime + progressDeadlineSeconds − now, plus a second), or undefined.
 */
export function stuckRequeueAfter(d: Deploy, status: DeploymentStatus, nowMs: number): number | undefined {
  const cond = getCondition(d.status, 'Progressing');
  if (!hasProgressDeadline(d) || !cond) return undefined;
  if (deploymentComplete(d, status) || cond.reason === REASON.ProgressDeadlineExceeded) return undefined;
  const after = Date.parse(cond.lastUpdateTime ?? '') + d.spec.progressDeadlineSeconds! * 1000 - nowMs;
  return after < 1000 ? 0 : after + 1000;
}
