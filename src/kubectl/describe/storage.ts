// `kubectl describe pvc` and `kubectl describe pv` (describe.go PersistentVolumeClaimDescriber,
// describePersistentVolumeClaim, printPersistentVolumeClaim, PersistentVolumeDescriber,
// describePersistentVolume, printVolumeNodeAffinity), with kubectl pkg/util/storage helpers.
import type { Event, KubeApi, PersistentVolume, PersistentVolumeClaim, Pod } from '../../engine/index';
import { tryParseQuantity } from '../../shared/quantity';
import { describeEvents, eventQueryFor, searchEvents } from './events';
import { goSort } from './go-sort';
import {
  formatRFC1123Z, printAnnotationsMultiline, printCSIAttributes, printLabelsMultiline, translateTimestampSince,
} from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, type PrefixWriter, tabbedString } from './prefix-writer';
import type { DescribeSettings } from './settings';

// corev1.BetaStorageClassAnnotation
const BETA_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';

// kubectl pkg/util/storage GetAccessModesAsString: a fixed order, duplicates dropped
export function accessModesAsString(modes: readonly string[] | undefined): string {
  const has = (m: string) => (modes ?? []).includes(m);
  return [['ReadWriteOnce', 'RWO'], ['ReadOnlyMany', 'ROX'], ['ReadWriteMany', 'RWX'], ['ReadWriteOncePod', 'RWOP']]
    .filter(([m]) => has(m!)).map(([, s]) => s).join(',');
}

/** Go's %v of a []string: `[a b]`. */
const goStrings = (list: readonly string[] | undefined): string => `[${(list ?? []).join(' ')}]`;

const storageString = (list: Readonly<Record<string, unknown>> | undefined): string => {
  const q = tryParseQuantity(list?.storage);
  return q ? q.toString() : '0';
};

export async function describePVCByName(api: KubeApi, namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const pvc = (await api.get('persistentvolumeclaims', namespace, name)) as unknown as PersistentVolumeClaim;
  const nsPods = (await api.list('pods', { namespace })).items as unknown as Pod[];
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(pvc as never)) : undefined;
  return describePersistentVolumeClaim(pvc, events, podsForPVC(pvc, nsPods), s.now);
}

// describe.go getPodsForPVC: pods mounting the claim (once per such volume), then owner pods not yet listed
function podsForPVC(pvc: PersistentVolumeClaim, nsPods: readonly Pod[]): Pod[] {
  const pods: Pod[] = [];
  for (const pod of nsPods) {
    for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === pvc.metadata?.name) pods.push(pod);
  }
  for (const ref of pvc.metadata?.ownerReferences ?? []) {
    if (ref.kind !== 'Pod') continue;
    const owner = nsPods.find((p) => p.metadata?.uid === ref.uid);
    if (owner && !pods.some((p) => p.metadata?.uid === owner.metadata?.uid)) pods.push(owner);
  }
  return pods;
}

// describe.go describePersistentVolumeClaim
export function describePersistentVolumeClaim(pvc: PersistentVolumeClaim, events: readonly Event[] | undefined, pods: readonly Pod[], now: number): string {
  return tabbedString((w) => {
    printPersistentVolumeClaim(w, pvc, true, now);
    // describe.go printPodsMultiline: sort.Slice by name
    w.write(LEVEL_0, 'Used By:\t');
    if (!pods.length) w.writeLine('<none>');
    goSort([...pods], (a, b) => (a.metadata?.name ?? '') < (b.metadata?.name ?? '')).forEach((p, i) => {
      if (i !== 0) w.write(LEVEL_0, '\t');
      w.write(LEVEL_0, `${p.metadata?.name ?? ''}\n`);
    });
    if (pvc.status?.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of pvc.status.conditions) {
        w.write(LEVEL_1, `${c.type} \t${c.status} \t${formatRFC1123Z(c.lastProbeTime)} \t${formatRFC1123Z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    if (events) describeEvents(events, w, now);
  });
}

/**
 * describe.go printPersistentVolumeClaim: shared by `describe pvc` (isFullPVC) and the claim
 * template of an ephemeral volume, which has no name, namespace, status or finalizers.
 */
export function printPersistentVolumeClaim(w: PrefixWriter, pvc: PersistentVolumeClaim, isFullPVC: boolean, now: number): void {
  const meta = pvc.metadata ?? {};
  const spec = pvc.spec ?? {};
  if (isFullPVC) {
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    w.write(LEVEL_0, `Namespace:\t${meta.namespace ?? ''}\n`);
  }
  // storageutil.GetPersistentVolumeClaimClass
  w.write(LEVEL_0, `StorageClass:\t${meta.annotations?.[BETA_STORAGE_CLASS] ?? spec.storageClassName ?? ''}\n`);
  if (isFullPVC) {
    if (meta.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pvc.status?.phase ?? ''}\n`);
  }
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', meta.labels);
  printAnnotationsMultiline(w, 'Annotations', meta.annotations);
  if (isFullPVC) w.write(LEVEL_0, `Finalizers:\t${goStrings(meta.finalizers)}\n`);
  // capacity and access modes only once the claim is bound to a volume
  const bound = !!spec.volumeName;
  w.write(LEVEL_0, `Capacity:\t${bound ? storageString(pvc.status?.capacity) : ''}\n`);
  w.write(LEVEL_0, `Access Modes:\t${bound ? accessModesAsString(pvc.status?.accessModes) : ''}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name}\n`);
  }
}

export async function describePVByName(api: KubeApi, _namespace: string, name: string, s: DescribeSettings): Promise<string> {
  const pv = (await api.get('persistentvolumes', undefined, name)) as unknown as PersistentVolume;
  const events = s.showEvents ? await searchEvents(api, eventQueryFor(pv as never)) : undefined;
  return describePersistentVolume(pv, events, s.now);
}

// describe.go describePersistentVolume
export function describePersistentVolume(pv: PersistentVolume, events: readonly Event[] | undefined, now: number): string {
  return tabbedString((w) => {
    const meta = pv.metadata ?? {};
    const spec = pv.spec ?? {};
    w.write(LEVEL_0, `Name:\t${meta.name ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', meta.labels);
    printAnnotationsMultiline(w, 'Annotations', meta.annotations);
    w.write(LEVEL_0, `Finalizers:\t${goStrings(meta.finalizers)}\n`);
    // storageutil.GetPersistentVolumeClass
    w.write(LEVEL_0, `StorageClass:\t${meta.annotations?.[BETA_STORAGE_CLASS] ?? spec.storageClassName ?? ''}\n`);
    if (meta.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(meta.deletionTimestamp, now)})\n`);
    else w.write(LEVEL_0, `Status:\t${pv.status?.phase ?? ''}\n`);
    w.write(LEVEL_0, `Claim:\t${spec.claimRef ? `${spec.claimRef.namespace ?? ''}/${spec.claimRef.name ?? ''}` : ''}\n`);
    w.write(LEVEL_0, `Reclaim Policy:\t${spec.persistentVolumeReclaimPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Access Modes:\t${accessModesAsString(spec.accessModes)}\n`);
    if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
    w.write(LEVEL_0, `Capacity:\t${storageString(spec.capacity)}\n`);
    printVolumeNodeAffinity(w, spec.nodeAffinity);
    w.write(LEVEL_0, `Message:\t${pv.status?.message ?? ''}\n`);
    w.write(LEVEL_0, 'Source:\n');
    if (spec.hostPath) {
      w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${spec.hostPath.path}\n    HostPathType:\t${spec.hostPath.type ?? '<none>'}\n`);
    } else if (spec.nfs) {
      w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${spec.nfs.server}\n    Path:\t${spec.nfs.path}\n    ReadOnly:\t${spec.nfs.readOnly === true}\n`);
    } else if (spec.local) {
      // printLocalVolumeSource
      w.write(LEVEL_2, `Type:\tLocalVolume (a persistent volume backed by local storage on a node)\n    Path:\t${spec.local.path}\n`);
    } else if (spec.csi) {
      // printCSIPersistentVolumeSource
      w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${spec.csi.driver}\n    FSType:\t${spec.csi.fsType ?? ''}\n    VolumeHandle:\t${spec.csi.volumeHandle}\n    ReadOnly:\t${spec.csi.readOnly === true}\n`);
      printCSIAttributes(w, spec.csi.volumeAttributes);
    } else {
      w.write(LEVEL_1, '<unknown>\n');
    }
    if (events) describeEvents(events, w, now);
  });
}

type VolumeNodeAffinity = NonNullable<NonNullable<PersistentVolume['spec']>['nodeAffinity']>;

// describe.go printVolumeNodeAffinity / printNodeSelectorTermsMultilineWithIndent
function printVolumeNodeAffinity(w: PrefixWriter, affinity: VolumeNodeAffinity | undefined): void {
  w.write(LEVEL_0, 'Node Affinity:\t');
  if (!affinity?.required) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  w.write(LEVEL_1, 'Required Terms:\t');
  const terms = affinity.required.nodeSelectorTerms ?? [];
  if (!terms.length) {
    w.writeLine('<none>');
    return;
  }
  w.writeLine('');
  terms.forEach((term, i) => {
    w.write(LEVEL_2, `Term ${i}:\t`);
    const reqs = term.matchExpressions ?? [];
    if (!reqs.length) {
      w.writeLine('<none>');
      return;
    }
    reqs.forEach((r, j) => {
      if (j !== 0) w.write(LEVEL_2, '\t');
      let expr = `${r.key} ${r.operator.toLowerCase()}`;
      if (r.values?.length) expr += ` [${r.values.join(', ')}]`;
      w.write(LEVEL_0, `${expr}\n`);
    });
  });
}
