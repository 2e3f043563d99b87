// The Volumes section of `describe pod` (describe.go describeVolumes and print*VolumeSource).
// Continuation lines carry a hard-coded 4-space indent inside one LEVEL_2 write, as upstream.
import type { Volume } from '../../engine/index';
import { tryParseQuantity } from '../../shared/quantity';
import { printCSIAttributes } from './format';
import { LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, type PrefixWriter } from './prefix-writer';
import { printPersistentVolumeClaim } from './storage';

// describe.go describeVolumes
// `space` indents the block inside a pod template, with one extra space before each volume name.
export function describeVolumes(volumes: readonly Volume[] | undefined, w: PrefixWriter, space = ''): void {
  if (!volumes?.length) {
    w.write(LEVEL_0, `${space}Volumes:\t<none>\n`);
    return;
  }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    w.write(LEVEL_1, `${space ? ' ' : ''}${v.name}:\n`);
    describeVolumeSource(v, w);
  }
}

function describeVolumeSource(v: Volume, w: PrefixWriter): void {
  if (v.hostPath) {
    // printHostPathVolumeSource: a nil type is <none>; the defaulted "" prints empty
    const type = v.hostPath.type ?? '<none>';
    w.write(LEVEL_2, `Type:\tHostPath (bare host directory volume)\n    Path:\t${v.hostPath.path}\n    HostPathType:\t${type}\n`);
  } else if (v.emptyDir) {
    // printEmptyDirVolumeSource: SizeLimit only when > 0
    const q = v.emptyDir.sizeLimit === undefined ? undefined : tryParseQuantity(v.emptyDir.sizeLimit);
    const sizeLimit = q && q.sign() > 0 ? q.toString() : '<unset>';
    w.write(LEVEL_2, `Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t${v.emptyDir.medium ?? ''}\n    SizeLimit:\t${sizeLimit}\n`);
  } else if (v.secret) {
    // printSecretVolumeSource
    w.write(LEVEL_2, `Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t${v.secret.secretName ?? ''}\n    Optional:\t${v.secret.optional === true}\n`);
  } else if (v.configMap) {
    // printConfigMapVolumeSource
    w.write(LEVEL_2, `Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t${v.configMap.name ?? ''}\n    Optional:\t${v.configMap.optional === true}\n`);
  } else if (v.nfs) {
    // printNFSVolumeSource
    w.write(LEVEL_2, `Type:\tNFS (an NFS mount that lasts the lifetime of a pod)\n    Server:\t${v.nfs.server}\n    Path:\t${v.nfs.path}\n    ReadOnly:\t${v.nfs.readOnly === true}\n`);
  } else if (v.persistentVolumeClaim) {
    // printPersistentVolumeClaimVolumeSource
    w.write(LEVEL_2, `Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n    ClaimName:\t${v.persistentVolumeClaim.claimName}\n    ReadOnly:\t${v.persistentVolumeClaim.readOnly === true}\n`);
  } else if (v.downwardAPI) {
    // printDownwardAPIVolumeSource
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const item of v.downwardAPI.items ?? []) {
      if (item.fieldRef) w.write(LEVEL_3, `${item.fieldRef.fieldPath} -> ${item.path}\n`);
      if (item.resourceFieldRef) w.write(LEVEL_3, `${item.resourceFieldRef.resource} -> ${item.path}\n`);
    }
  } else if (v.projected) {
    describeProjected(v.projected, w);
  } else if (v.csi) {
    // printCSIVolumeSource
    w.write(LEVEL_2, `Type:\tCSI (a Container Storage Interface (CSI) volume source)\n    Driver:\t${v.csi.driver}\n    FSType:\t${v.csi.fsType ?? ''}\n    ReadOnly:\t${v.csi.readOnly === true}\n`);
    printCSIAttributes(w, v.csi.volumeAttributes);
  } else if (v.ephemeral) {
    // printEphemeralVolumeSource: the claim template, two levels in
    w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
    const t = v.ephemeral.volumeClaimTemplate;
    if (t) printPersistentVolumeClaim(w.nested(LEVEL_2), { metadata: t.metadata, spec: t.spec }, false, 0);
  } else if (imageSource(v)) {
    // printImageVolumeSource
    const image = imageSource(v)!;
    w.write(LEVEL_2, `Type:\tImage (a container image or OCI artifact)\n    Reference:\t${image.reference ?? ''}\n    PullPolicy:\t${image.pullPolicy ?? ''}\n`);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

// describe.go printProjectedVolumeSource. Go prints the *bool Optional fields with %v: nil is
// "<nil>"; a set pointer would print its address, which we show as the value instead.
function describeProjected(p: NonNullable<Volume['projected']>, w: PrefixWriter): void {
  w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
  const ptr = (b: boolean | undefined): string => (b === undefined ? '<nil>' : String(b));
  for (const s of p.sources ?? []) {
    if (s.secret) w.write(LEVEL_2, `SecretName:\t${s.secret.name ?? ''}\n    SecretOptionalName:\t${ptr(s.secret.optional)}\n`);
    else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
    else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${s.configMap.name ?? ''}\n    ConfigMapOptional:\t${ptr(s.configMap.optional)}\n`);
    else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${s.serviceAccountToken.expirationSeconds ?? 0}\n`);
  }
}

/** The 1.31+ `image` volume source (newer than the kubernetes-types the engine uses). */
function imageSource(v: Volume): { reference?: string; pullPolicy?: string } | undefined {
  return (v as { image?: { reference?: string; pullPolicy?: string } }).image;
}
