// `kubectl describe deployment` and `kubectl describe replicaset` (describe.go DeploymentDescriber,
// describeDeployment, printReplicaSetsByLabels, ReplicaSetDescriber, describeReplicaSet,
// getPodStatusForController, DescribePodTemplate), with kubectl pkg/util/deployment's
// GetAllReplicaSetsInChunks / FindNewReplicaSet / FindOldReplicaSets.
import type { Deployment, Event, KubeApi, LabelSelector, Pod, PodTemplateSpec, ReplicaSet } from '../../engine/index';
import { describeContainers } from './containers';
import { describeEvents, eventQueryFor, searchEvents } from './events';
import {
  compareStrings, formatRFC1123Z, parseTime, printAnnotationsMultiline, printController, printLabelsMultiline, printTolerationsMultiline,
} from './format';
import { describeTopologySpreadConstraints, formatLabelSelector } from './pod';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './prefix-writer';
import type { DescribeSettings } from './settings';
import { describeVolumes } from './volumes';

// apps/v1 DefaultDeploymentUniqueLabelKey
const POD_TEMPLATE_HASH = 'pod-template-hash';

/** labels.Selector String() of a LabelSelector: like FormatLabelSelector, but '' when empty. */
function selectorString(sel: LabelSelector | undefined): string {
  if (!sel) return '';
  const s = formatLabelSelector(sel);
  return s === '<none>' ? '' : s;
}

type Owned = { metadata?: { ownerReferences?: readonly { controller?: boolean; uid: string }[] } };
const controlledBy = (obj: Owned, uid: string | undefined): boolean =>
  !!obj.metadata?.ownerReferences?.some((r) => r.controller && r.uid === uid);

export async function describeDeploymentByName(api: KubeApi, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const d = (await api.get('deployments', namespace, name)) as unknown as Deployment;
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(d as never)) : undefined;
  // deploymentutil.ListReplicaSetsV1: the selector's replica sets this deployment controls
  const all = (await api.list('replicasets', { namespace, labelSelector: selectorString(d.spec?.selector) })).items as unknown as ReplicaSet[];
  const owned = all.filter((rs) => controlledBy(rs, d.metadata?.uid));
  // FindNewReplicaSet sorts the list by creation time (then name) in place; the old ones keep that order.
  owned.sort((a, b) => (parseTime(a.metadata?.creationTimestamp) ?? 0) - (parseTime(b.metadata?.creationTimestamp) ?? 0)
    || compareStrings(a.metadata?.name ?? '', b.metadata?.name ?? ''));
  const newRS = owned.find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
  const oldRSs = owned.filter((rs) => rs !== newRS);
  return describeDeployment(d, oldRSs, newRS ? [newRS] : [], events, s.now);
}

// describe.go describeDeployment
export function describeDeployment(d: Deployment, oldRSs: readonly ReplicaSet[], newRSs: readonly ReplicaSet[], events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const spec = d.spec!;
    const status = d.status ?? {};
    w.write(LEVEL_0, `Name:\t${d.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${formatRFC1123Z(d.metadata?.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata?.annotations);
    w.write(LEVEL_0, `Selector:\t${selectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${status.updatedReplicas ?? 0} updated | ${status.replicas ?? 0} total | ` +
      `${status.availableReplicas ?? 0} available | ${status.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${String(ru.maxUnavailable ?? 0)} max unavailable, ${String(ru.maxSurge ?? 0)} max surge\n`);
    describePodTemplate(spec.template, w);
    if (status.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (oldRSs.length || newRSs.length) {
      w.write(LEVEL_0, `OldReplicaSets:\t${replicaSetsByLabels(oldRSs)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${replicaSetsByLabels(newRSs)}\n`);
    }
    if (events) describeEvents(events, w, now);
  });
}

// describe.go printReplicaSetsByLabels
function replicaSetsByLabels(list: readonly ReplicaSet[]): string {
  return list.map((rs) => `${rs.metadata?.name ?? ''} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ') || '<none>';
}

// deploymentutil.EqualIgnoreHash: templates equal apart from the pod-template-hash label
function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  const strip = (t: PodTemplateSpec | undefined) => {
    const labels = { ...(t?.metadata?.labels ?? {}) };
    delete labels[POD_TEMPLATE_HASH];
    return { ...t, metadata: { ...t?.metadata, labels } };
  };
  return semanticEqual(strip(a), strip(b));
}

/** apiequality.Semantic.DeepEqual over JSON: a missing field equals an empty map, list or "". */
function semanticEqual(a: unknown, b: unknown): boolean {
  const empty = (v: unknown) => v === undefined || v === null || v === '' ||
    (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
  if (empty(a) && empty(b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
    return true;
  }
  return a === b;
}

export async function describeReplicaSetByName(api: KubeApi, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const rs = (await api.get('replicasets', namespace, name)) as unknown as ReplicaSet;
  // getPodStatusForController: the selector's pods this replica set controls, by phase
  const pods = (await api.list('pods', { namespace, labelSelector: selectorString(rs.spec?.selector) })).items as unknown as Pod[];
  const counts = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0 } as Record<string, number>;
  for (const p of pods) if (controlledBy(p, rs.metadata?.uid) && p.status?.phase && p.status.phase in counts) counts[p.status.phase]!++;
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(rs as never)) : undefined;
  return describeReplicaSet(rs, events, counts, s.now);
}

// describe.go describeReplicaSet
export function describeReplicaSet(rs: ReplicaSet, events: readonly Event[] | undefined, counts: Record<string, number>, now: number): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata?.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata?.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${rs.spec?.selector ? formatLabelSelector(rs.spec.selector) : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata?.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata?.annotations);
    const owner = printController(rs.metadata ?? {});
    if (owner) w.write(LEVEL_0, `Controlled By:\t${owner}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${rs.spec?.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, `${counts.Running} Running / ${counts.Pending} Waiting / ${counts.Succeeded} Succeeded / ${counts.Failed} Failed\n`);
    describePodTemplate(rs.spec?.template, w);
    if (rs.status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
      w.write(LEVEL_1, '----\t------\t------\n');
      for (const c of rs.status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status}\t${c.reason ?? ''}\n`);
    }
    if (events) describeEvents(events, w, now);
  });
}

// describe.go DescribePodTemplate
export function describePodTemplate(template: PodTemplateSpec | undefined, w: PrefixWriter): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) {
    w.write(LEVEL_1, '<unset>');
    return;
  }
  const spec = template.spec ?? { containers: [] };
  printLabelsMultiline(w, '  Labels', template.metadata?.labels);
  if (Object.keys(template.metadata?.annotations ?? {}).length) printAnnotationsMultiline(w, '  Annotations', template.metadata?.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, undefined, undefined, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, undefined, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}
