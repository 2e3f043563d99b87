// ValidatePodCreate (pkg/apis/core/validation/validation.go): every field error of a new Pod,
// with upstream's paths, messages and order. The name and namespace checks of ObjectMeta run
// in the store (registry/meta.ts); the rest of validatePodMetadataAndSpec runs here.
import type { PodSpec, Toleration } from 'kubernetes-types/core/v1';
import { field, type FieldError } from '../../errors';
import type { KubeObject } from '../../api/types';
import {
  inclusiveRangeError, isDNS1123Subdomain, isQualifiedName, isValidLabelValue,
  validateAnnotations, validateDNS1123Label, validateDNS1123Subdomain, validateLabelName, validateLabels,
} from '../names';
import { validateVolumes, asObjects } from './validation-volumes';
import { goField, goStringSlice } from '../gofmt';
import { validateContainers, validateInitContainers } from './validation-containers';
import { validateEphemeralContainers } from './validation-ephemeral';

type Json = Record<string, unknown>;

const MAX_INT32 = 2147483647;
/** v1.MirrorPodAnnotationKey */
export const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
// core.PodDeletionCost
const POD_DELETION_COST = 'controller.kubernetes.io/pod-deletion-cost';

/** ValidatePodCreate: validatePodMetadataAndSpec plus the create-only rules. */
export function validatePodCreate(pod: KubeObject): FieldError[] {
  const spec = (pod.spec ?? {}) as PodSpec;
  const errs = validatePodMetadataAndSpec(pod);
  // "EphemeralContainers can only be set on update using the ephemeralcontainers subresource"
  if (spec.ephemeralContainers?.length) errs.push(field.forbidden('spec.ephemeralContainers', 'cannot be set on create'));
  // "A Pod cannot be assigned a Node if there are remaining scheduling gates."
  if (spec.nodeName && spec.schedulingGates?.length) {
    errs.push(field.forbidden('spec.nodeName', 'cannot be set until all schedulingGates have been cleared'));
  }
  return errs;
}

/** validatePodMetadataAndSpec: shared by create and update. */
export function validatePodMetadataAndSpec(pod: KubeObject): FieldError[] {
  const meta = pod.metadata ?? {};
  const spec = (pod.spec ?? {}) as PodSpec;
  // ValidateObjectMeta (after name and namespace, which meta.ts checks): labels, then annotations
  const errs: FieldError[] = [
    ...validateLabels(meta.labels, 'metadata.labels'),
    ...validateAnnotations(meta.annotations, 'metadata.annotations'),
  ];
  errs.push(...validatePodSpecificAnnotations(meta.annotations ?? {}, spec));
  errs.push(...validatePodSpec(spec, 'spec'));
  if (!spec.serviceAccountName) {
    (spec.volumes ?? []).forEach((v, vi) => {
      (v.projected?.sources ?? []).forEach((src, si) => {
        if (src.serviceAccountToken) {
          errs.push(field.forbidden(`spec.volumes[${vi}].projected.sources[${si}].serviceAccountToken`, 'must not be specified when serviceAccountName is not set'));
        }
      });
    });
  }
  // validateContainersOnlyForPod
  for (const [list, path] of [[spec.containers, 'spec.containers'], [spec.initContainers, 'spec.initContainers']] as const) {
    (list ?? []).forEach((c, i) => {
      const image = c.image ?? '';
      if (image.length !== image.trim().length) errs.push(field.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
    });
  }
  return errs;
}

/** ValidatePodSpecificAnnotations: the annotations the API server itself interprets. */
export function validatePodSpecificAnnotations(annotations: Record<string, string>, spec: PodSpec): FieldError[] {
  const errs: FieldError[] = [];
  const mirror = annotations[MIRROR_POD_ANNOTATION];
  if (mirror !== undefined && !spec.nodeName) {
    errs.push(field.invalid(`metadata.annotations[${MIRROR_POD_ANNOTATION}]`, mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = annotations[POD_DELETION_COST];
  // helper.GetDeletionCostFromPodAnnotations: strconv.ParseInt(value, 10, 32)
  if (cost !== undefined && (!/^[+-]?\d+$/.test(cost) || Math.abs(Number(cost)) > MAX_INT32 + (cost.startsWith('-') ? 1 : 0))) {
    errs.push(field.invalid(`metadata.annotations[${POD_DELETION_COST}]`, cost, 'must be a 32bit integer'));
  }
  return errs;
}

/** ValidatePodSpec, for Pods (ResourceIsPod). Templates use validatePodTemplateSpec. */
export function validatePodSpec(spec: PodSpec, path: string, resourceIsPod = true): FieldError[] {
  const errs: FieldError[] = [];
  const grace = spec.terminationGracePeriodSeconds;
  if (grace == null) errs.push(field.required(`${path}.terminationGracePeriodSeconds`));
  const vols = validateVolumes(spec.volumes, `${path}.volumes`);
  errs.push(...vols.errs);
  errs.push(...validateContainers(spec.containers, vols.names, grace ?? undefined, `${path}.containers`));
  errs.push(...validateInitContainers(spec.initContainers, spec.containers, vols.names, grace ?? undefined, `${path}.initContainers`));
  errs.push(...validateEphemeralContainers(spec, vols.names, `${path}.ephemeralContainers`));
  errs.push(...validatePodHostNetworkDeps(spec, path, resourceIsPod));
  errs.push(...validateEnum(spec.restartPolicy, `${path}.restartPolicy`, ['Always', 'OnFailure', 'Never']));
  errs.push(...validateEnum(spec.dnsPolicy, `${path}.dnsPolicy`, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  errs.push(...validateLabels(spec.nodeSelector, `${path}.nodeSelector`));
  errs.push(...validatePodSecurityContext(spec.securityContext as Json | undefined, `${path}.securityContext`));
  asObjects(spec.imagePullSecrets).forEach((s, i) => {
    if (Object.keys(s).some((k) => k !== 'name')) errs.push(field.invalid(`${path}.imagePullSecrets[${i}]`, s, 'only name may be set'));
  });
  errs.push(...validatePodDNSConfig(spec, `${path}.dnsConfig`));
  asObjects(spec.readinessGates).forEach((g, i) => {
    const t = String(g.conditionType ?? '');
    errs.push(...isQualifiedName(t).map((m) => field.invalid(`${path}.readinessGates[${i}].conditionType`, t, m)));
  });
  const gates = new Set<string>();
  asObjects(spec.schedulingGates).forEach((g, i) => {
    const name = String(g.name ?? '');
    errs.push(...isQualifiedName(name).map((m) => field.invalid(`${path}.schedulingGates[${i}]`, name, m)));
    if (gates.has(name)) errs.push(field.duplicate(`${path}.schedulingGates[${i}]`, name));
    gates.add(name);
  });
  if (spec.serviceAccountName) errs.push(...validateDNS1123Subdomain(spec.serviceAccountName, `${path}.serviceAccountName`));
  if (spec.nodeName) errs.push(...validateDNS1123Subdomain(spec.nodeName, `${path}.nodeName`));
  if (spec.activeDeadlineSeconds != null) {
    const v = spec.activeDeadlineSeconds;
    if (v < 1 || v > MAX_INT32) errs.push(field.invalid(`${path}.activeDeadlineSeconds`, v, inclusiveRangeError(1, MAX_INT32)));
  }
  if (spec.hostname) errs.push(...validateDNS1123Label(spec.hostname, `${path}.hostname`));
  if (spec.subdomain) errs.push(...validateDNS1123Label(spec.subdomain, `${path}.subdomain`));
  if (spec.tolerations?.length) errs.push(...validateTolerations(spec.tolerations, `${path}.tolerations`));
  if (spec.priorityClassName) {
    for (const m of isDNS1123Subdomain(spec.priorityClassName)) errs.push(field.invalid(`${path}.priorityClassName`, spec.priorityClassName, m));
  }
  if (spec.runtimeClassName != null) errs.push(...validateDNS1123Subdomain(spec.runtimeClassName, `${path}.runtimeClassName`));
  if (spec.preemptionPolicy != null) {
    errs.push(...validateEnum(spec.preemptionPolicy, `${path}.preemptionPolicy`, ['PreemptLowerPriority', 'Never']));
  }
  if (spec.os != null) {
    const os = String(spec.os.name ?? '');
    if (!os) errs.push(field.required(`${path}.os.name`));
    else if (os !== 'linux' && os !== 'windows') errs.push(field.notSupported(`${path}.os.name`, os, ['linux', 'windows']));
  }
  return errs;
}

/**
 * ValidatePodSpec for a PodSpec inside a template (Deployment, ReplicaSet): not a Pod, so a
 * hostNetwork hostPort of 0 is fine (it is defaulted when the Pod is made). Pass it as the
 * PodSpecValidator of registry/podtemplate.ts.
 */
export function validateTemplatePodSpec(spec: PodSpec, path: string): FieldError[] {
  return validatePodSpec(spec, path, false);
}

// validateRestartPolicy / validateDNSPolicy / ValidatePreemptionPolicy: Required when empty
function validateEnum(value: string | undefined, path: string, valid: string[]): FieldError[] {
  const v = value ?? '';
  if (valid.includes(v)) return [];
  if (!v) return [field.required(path)];
  return [field.notSupported(path, v, valid)];
}

// validatePodHostNetworkDeps: with hostNetwork a Pod's hostPort must equal its containerPort
function validatePodHostNetworkDeps(spec: PodSpec, path: string, resourceIsPod: boolean): FieldError[] {
  if (!spec.hostNetwork) return [];
  const errs: FieldError[] = [];
  (spec.containers ?? []).forEach((c, ci) => {
    (c.ports ?? []).forEach((p, pi) => {
      const hp = p.hostPort ?? 0;
      if ((resourceIsPod || hp !== 0) && hp !== p.containerPort) {
        errs.push(field.invalid(`${path}.containers[${ci}].ports[${pi}].hostPort`, hp, 'must match `containerPort` when `hostNetwork` is true'));
      }
    });
  });
  return errs;
}

// validatePodSpecSecurityContext: the id ranges (IsValidUserID / IsValidGroupID)
function validatePodSecurityContext(sc: Json | undefined, path: string): FieldError[] {
  if (!sc) return [];
  const errs: FieldError[] = [];
  // validation.go IsValidUserID / IsValidGroupID: InclusiveRangeError(0, MaxInt32)
  const check = (v: unknown, p: string) => {
    if (typeof v === 'number' && (v < 0 || v > MAX_INT32)) errs.push(field.invalid(p, v, inclusiveRangeError(0, MAX_INT32)));
  };
  check(sc.fsGroup, `${path}.fsGroup`);
  check(sc.runAsUser, `${path}.runAsUser`);
  check(sc.runAsGroup, `${path}.runAsGroup`);
  (Array.isArray(sc.supplementalGroups) ? sc.supplementalGroups : []).forEach((g, i) => check(g, `${path}.supplementalGroups[${i}]`));
  return errs;
}

// validatePodDNSConfig (the dnsPolicy None rules and the option names)
function validatePodDNSConfig(spec: PodSpec, path: string): FieldError[] {
  const cfg = spec.dnsConfig;
  if (spec.dnsPolicy === 'None') {
    if (!cfg) return [field.required(path, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (!cfg.nameservers?.length) return [field.required(`${path}.nameservers`, 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  const errs: FieldError[] = [];
  if (!cfg) return errs;
  // validation.go MaxDNSNameservers
  if ((cfg.nameservers?.length ?? 0) > 3) errs.push(goField.invalid(`${path}.nameservers`, goStringSlice(cfg.nameservers), 'must not have more than 3 nameservers'));
  (cfg.searches ?? []).forEach((s, i) => errs.push(...validateDNS1123Subdomain(s.replace(/\.$/, ''), `${path}.searches[${i}]`)));
  asObjects(cfg.options).forEach((o, i) => {
    if (!o.name) errs.push(field.required(`${path}.options[${i}]`, 'must not be empty'));
  });
  return errs;
}

/** ValidateTolerations. */
export function validateTolerations(tolerations: Toleration[], path: string): FieldError[] {
  const errs: FieldError[] = [];
  tolerations.forEach((t, i) => {
    const idx = `${path}[${i}]`;
    const key = t.key ?? '';
    const op = t.operator ?? '';
    if (key) errs.push(...validateLabelName(key, `${idx}.key`));
    // "empty toleration key with Exists operator and empty value means match all taints"
    if (!key && op !== 'Exists') {
      errs.push(field.invalid(`${idx}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds != null && t.effect !== 'NoExecute') {
      errs.push(field.invalid(`${idx}.effect`, t.effect ?? '', "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(t.value ?? '');
      if (msgs.length) errs.push(field.invalid(`${idx}.operator`, t.value ?? '', msgs.join(';')));
    } else if (op === 'Exists') {
      if (t.value) errs.push(field.invalid(`${idx}.operator`, t.value, "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(field.notSupported(`${idx}.operator`, op, ['Equal', 'Exists']));
    }
    if (t.effect) {
      // validateTaintEffect (allowEmpty)
      const valid = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
      if (!valid.includes(t.effect)) errs.push(field.notSupported(`${idx}.effect`, t.effect, valid));
    }
  });
  return errs;
}
