// `kubectl describe pod` (describe.go PodDescriber.Describe, describePod).
import { isStatusError, type Event, type KubeApi, type Pod } from '../../engine/index';
import { describeContainers, describeResources } from './containers';
import { describeEvents, searchEvents } from './events';
import { goSort } from './go-sort';
import {
  compareStrings, formatRFC1123Z, printAnnotationsMultiline, printController, printLabelsMultiline,
  printTolerationsMultiline, translateTimestampSince,
} from './format';
import { LEVEL_0, LEVEL_1, type PrefixWriter, tabbedString } from './prefix-writer';
import { podQOS } from './qos';
import type { DescribeSettings } from './settings';
import { describeVolumes } from './volumes';

// v1.MirrorPodAnnotationKey
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';

export async function describePodByName(api: KubeApi, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  let pod: Pod;
  try {
    pod = (await api.get('pods', namespace, name)) as Pod;
  } catch (err) {
    // A missing pod whose events remain still gets them shown.
    if (s.showEvents && isStatusError(err)) {
      const events = await searchEvents(api, { name, namespace }).catch(() => []);
      if (events.length) {
        return tabbedString((w) => {
          w.write(LEVEL_0, `Pod '${name}': error '${err.message}', but found events.\n`);
          describeEvents(events, w, s.now);
        });
      }
    }
    throw err;
  }
  let events: Event[] | undefined;
  if (s.showEvents) {
    // The reference has no kind; a mirror pod's events belong to the static pod's uid.
    const uid = pod.metadata?.annotations?.[MIRROR_POD_ANNOTATION] ?? pod.metadata?.uid;
    events = await searchEvents(api, { name: pod.metadata!.name!, namespace: pod.metadata!.namespace ?? '', uid });
  }
  return describePod(pod, events, s.now);
}

// describe.go describePod
export function describePod(pod: Pod, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const meta = pod.metadata ?? {};
    const spec = pod.spec ?? { containers: [] };
    const status = pod.status ?? {};
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
    if (spec.priority !== undefined) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${formatRFC1123Z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    if (meta.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${meta.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    describePodIPs(pod, w);
    const controlledBy = printController(meta as Parameters<typeof printController>[0]);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    const podResources = (spec as { resources?: Parameters<typeof describeResources>[0] }).resources;
    if (podResources) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(podResources, w, LEVEL_1);
    }
    if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, pod, w);
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses, pod, w);
    if (spec.ephemeralContainers?.length) {
      describeContainers('Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, pod, w);
    }
    if (spec.readinessGates?.length) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const c = status.conditions?.find((x) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType} \t${c ? c.status : '<none>'} \n`);
      }
    }
    if (status.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type} \t${c.status} \n`);
    }
    describeVolumes(spec.volumes, w);
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w);
    if (events) describeEvents(events, w, now);
  });
}

// describe.go describePodIPs
function describePodIPs(pod: Pod, w: PrefixWriter): void {
  const ips = pod.status?.podIPs ?? [];
  if (!ips.length) {
    w.write(LEVEL_0, 'IPs:\t<none>\n');
    return;
  }
  w.write(LEVEL_0, 'IPs:\n');
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip}\n`);
}

type Constraint = NonNullable<NonNullable<Pod['spec']>['topologySpreadConstraints']>[number];

// describe.go describeTopologySpreadConstraints: sorted by topology key
export function describeTopologySpreadConstraints(tscs: readonly Constraint[] | undefined, w: PrefixWriter, space = ''): void {
  if (!tscs?.length) return;
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  goSort([...tscs], (a, b) => a.topologyKey < b.topologyKey).forEach((t, i) => {
    if (i !== 0) w.write(LEVEL_0, `${space}\t`);
    let line = `${t.topologyKey}:${t.whenUnsatisfiable} when max skew ${t.maxSkew} is exceeded`;
    if (t.labelSelector) line += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, `${line}\n`);
  });
}

/** metav1.FormatLabelSelector: the selector's String() (requirements sorted by key), or `<none>`. */
export function formatLabelSelector(ls: NonNullable<Constraint['labelSelector']>): string {
  const reqs: [string, string][] = Object.entries(ls.matchLabels ?? {}).map(([k, v]) => [k, `${k}=${v}`]);
  for (const e of ls.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort(compareStrings).join(',');
    const text = e.operator === 'In' ? `${e.key} in (${values})`
      : e.operator === 'NotIn' ? `${e.key} notin (${values})`
        : e.operator === 'Exists' ? e.key
          : e.operator === 'DoesNotExist' ? `!${e.key}` : `${e.key} ${e.operator} ${values}`;
    reqs.push([e.key, text]);
  }
  const s = reqs.sort(([a], [b]) => compareStrings(a, b)).map(([, t]) => t).join(',');
  return s || '<none>';
}
