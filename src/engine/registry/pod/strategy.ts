// The Pod strategy (pkg/registry/core/pod/strategy.go podStrategy + podStatusStrategy):
// what the API server does to a Pod around the store on create, update, status writes and
// delete. Registered by the cluster: store.registerStrategy('pods', podStrategy).
import type { PodSpec, PodStatus } from 'kubernetes-types/core/v1';
import type { KubeObject } from '../../api/types';
import type { DeleteOptions, RegistryContext, Strategy } from '../strategy';
import { field, type FieldError } from '../../errors';
import { deepClone } from '../../store/clone';
import { defaultPod, type PodLike } from './defaults';
import { admitDefaultTolerationSeconds, admitPod, keepPriorityOnUpdate } from './admission';
import { validatePodCreate } from './validation';
import { validatePodUpdate } from './validation-update';
import { computeQOS } from './qos';
import { podCreateWarnings } from './warnings';
import { ephemeralContainersStrategy } from './ephemeral-containers';

type Json = Record<string, unknown>;

export const podStrategy: Strategy = {
  // The store defaults and admits before this hook, as upstream decodes and admits before
  // PrepareForCreate, so the QoS class sees requests defaulted from limits.
  prepareForCreate(obj, ctx) {
    dropDisabledPodFields(obj.spec as PodSpec & Json, undefined);
    // PrepareForCreate: "pod.Status = api.PodStatus{Phase: api.PodPending, QOSClass: qos.GetPodQOS(pod)}"
    const status: PodStatus = { phase: 'Pending', qosClass: computeQOS(obj as PodLike) };
    applySchedulingGatedCondition(obj.spec as PodSpec, status, ctx.clock.nowRFC3339());
    obj.status = status;
  },

  defaults(obj) {
    defaultPod(obj as PodLike);
  },

  admit(obj, ctx) {
    admitPod(obj, ctx);
  },

  validate(obj) {
    return validatePodCreate(obj);
  },

  // PrepareForUpdate: "newPod.Status = oldPod.Status" (the store already kept status), plus
  // rest.BeforeUpdate's generation rule, the Priority plugin's update-time carry-over and the
  // DefaultTolerationSeconds plugin, which admits updates too (so a spec listing only new
  // tolerations gets the default NoExecute ones back before validation compares them).
  prepareForUpdate(obj, old) {
    obj.status = deepClone(old.status);
    if (old.metadata.generation === undefined) delete obj.metadata.generation;
    else obj.metadata.generation = old.metadata.generation;
    const spec = (obj.spec ?? {}) as PodSpec & Json;
    dropDisabledPodFields(spec, old.spec as PodSpec & Json);
    keepPriorityOnUpdate(spec, (old.spec ?? {}) as PodSpec);
    admitDefaultTolerationSeconds(spec);
  },

  validateUpdate(obj, old) {
    return validatePodUpdate(obj, old);
  },

  // podStatusStrategy: the status endpoint keeps spec; PrepareForUpdate backfills qosClass
  // ("the old kubelet dropped this field"), and ValidatePodStatusUpdate keeps it immutable.
  validateStatusUpdate(obj, old) {
    const status = (obj.status ??= {}) as PodStatus;
    const oldStatus = (old.status ?? {}) as PodStatus;
    if (!status.qosClass && oldStatus.qosClass) status.qosClass = oldStatus.qosClass;
    const errs: FieldError[] = [];
    if (status.qosClass !== oldStatus.qosClass) errs.push(field.invalid('status.qosClass', status.qosClass ?? '', 'field is immutable'));
    return errs;
  },

  gracePeriod(obj, opts) {
    return checkGracefulDelete(obj, opts);
  },

  warningsOnCreate(obj) {
    return podCreateWarnings(obj);
  },

  // registry/core/pod/storage: EphemeralContainersREST with podEphemeralContainersStrategy
  subresources: { ephemeralcontainers: ephemeralContainersStrategy },
};

/**
 * CheckGracefulDelete: the grace period is the request's, else the pod's
 * terminationGracePeriodSeconds; 0 (delete now) for a pod that was never scheduled or has
 * finished; negative values become 1.
 */
export function checkGracefulDelete(pod: KubeObject, opts: DeleteOptions, _ctx?: RegistryContext): number {
  const spec = (pod.spec ?? {}) as PodSpec;
  const status = (pod.status ?? {}) as PodStatus;
  let period = opts.gracePeriodSeconds ?? spec.terminationGracePeriodSeconds ?? 0;
  // "if the pod is not scheduled, delete immediately"
  if (!spec.nodeName) period = 0;
  // "if the pod is already terminated, delete immediately"
  if (status.phase === 'Failed' || status.phase === 'Succeeded') period = 0;
  if (period < 0) period = 1;
  return period;
}

// strategy.go applySchedulingGatedCondition: a gated pod starts with PodScheduled=False.
function applySchedulingGatedCondition(spec: PodSpec, status: PodStatus, now: string): void {
  if (!spec.schedulingGates?.length) return;
  if (status.conditions?.some((c) => c.type === 'PodScheduled')) return;
  (status.conditions ??= []).push({
    type: 'PodScheduled',
    status: 'False',
    reason: 'SchedulingGated', // v1.PodReasonSchedulingGated
    message: 'Scheduling is blocked due to non-empty scheduling gates',
    lastProbeTime: null,
    lastTransitionTime: now,
  } as unknown as NonNullable<PodStatus['conditions']>[number]);
}

/**
 * podutil.DropDisabledPodFields: fields of features that are off in 1.32 are dropped unless the
 * existing object already uses them (UserNamespacesSupport, SupplementalGroupsPolicy,
 * PodLevelResources, InPlacePodVerticalScaling, SELinuxChangePolicy).
 */
export function dropDisabledPodFields(spec: (PodSpec & Json) | undefined, old: (PodSpec & Json) | undefined): void {
  if (!spec) return;
  const oldSc = (old?.securityContext ?? {}) as Json;
  const sc = spec.securityContext as Json | undefined;
  // Each `delete` is guarded: deleting a key that is not there still costs, on every pod create.
  if (old?.hostUsers == null && 'hostUsers' in spec) delete spec.hostUsers;
  if (sc && oldSc.supplementalGroupsPolicy == null && 'supplementalGroupsPolicy' in sc) delete sc.supplementalGroupsPolicy;
  if (sc && oldSc.seLinuxChangePolicy == null && 'seLinuxChangePolicy' in sc) delete sc.seLinuxChangePolicy;
  if (old?.resources == null && 'resources' in spec) delete spec.resources;
  const oldResize = [...(old?.containers ?? []), ...(old?.initContainers ?? [])].some((c) => c.resizePolicy?.length);
  if (!oldResize) {
    for (const c of [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])]) {
      if ('resizePolicy' in c) delete c.resizePolicy;
    }
  }
}
