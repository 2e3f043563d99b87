// What `rollout status` says about a deployment
// (kubectl pkg/polymorphichelpers/rollout_status.go DeploymentStatusViewer.Status).

interface DeploymentLike {
  metadata: { name: string; generation?: number };
  spec?: { replicas?: number };
  status?: {
    observedGeneration?: number;
    replicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    conditions?: { type: string; reason?: string }[];
  };
}

export interface RolloutStatus {
  message: string;
  done: boolean;
  error?: string;
}

export function deploymentRolloutStatus(d: DeploymentLike): RolloutStatus {
  const s = d.status ?? {};
  const name = JSON.stringify(d.metadata.name);
  if ((d.metadata.generation ?? 0) <= (s.observedGeneration ?? 0)) {
    const progressing = s.conditions?.find((c) => c.type === 'Progressing');
    // deploymentutil.TimedOutReason
    if (progressing?.reason === 'ProgressDeadlineExceeded') return { message: '', done: false, error: `deployment ${name} exceeded its progress deadline` };
    const want = d.spec?.replicas ?? 1;
    const updated = s.updatedReplicas ?? 0;
    if (updated < want) return { message: `Waiting for deployment ${name} rollout to finish: ${updated} out of ${want} new replicas have been updated...\n`, done: false };
    if ((s.replicas ?? 0) > updated) return { message: `Waiting for deployment ${name} rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...\n`, done: false };
    if ((s.availableReplicas ?? 0) < updated) return { message: `Waiting for deployment ${name} rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...\n`, done: false };
    return { message: `deployment ${name} successfully rolled out\n`, done: true };
  }
  return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
}
