// Setting up a pod's volumes on its node, one plugin per volume type, before its containers
// start (the kubelet's volume manager). Pure work on the node's filesystem: the caller passes
// the API objects the volumes read and turns failures into FailedMount events.
import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from 'kubernetes-types/core/v1';
import type { MemFS } from '../memfs';
import { setUpEmptyDir } from './empty-dir';
import { VolumeError, mountSetUpFailedMessage } from './errors';
import { setUpHostPath } from './host-path';
import { setUpConfigMap, setUpDownwardAPI, setUpProjected, setUpSecret, type VolumeObjects } from './projection';
import type { VolumeMountSource } from './source';

export interface VolumeSetUpContext extends VolumeObjects {
  persistentVolumeClaim?(name: string): PersistentVolumeClaim | undefined;
  persistentVolume?(name: string): PersistentVolume | undefined;
}

export interface PodVolumesResult {
  /** every volume that is set up, by name */
  volumes: Map<string, VolumeMountSource>;
  /** the ones that failed, with the FailedMount text (`MountVolume.SetUp failed for volume ...`) */
  failed: { volume: string; message: string }[];
}

/** Set up every volume of a pod; failures are collected, not thrown. */
export function setUpPodVolumes(nodeFs: MemFS, pod: Pod, ctx: VolumeSetUpContext): PodVolumesResult {
  const result: PodVolumesResult = { volumes: new Map(), failed: [] };
  for (const volume of pod.spec?.volumes ?? []) {
    try {
      result.volumes.set(volume.name, setUpVolume(nodeFs, pod, volume, ctx));
    } catch (e) {
      if (!(e instanceof VolumeError)) throw e;
      result.failed.push({ volume: volume.name, message: mountSetUpFailedMessage(volume.name, e) });
    }
  }
  return result;
}

/** One volume; throws VolumeError with the plugin's message. */
export function setUpVolume(nodeFs: MemFS, pod: Pod, volume: Volume, ctx: VolumeSetUpContext): VolumeMountSource {
  const uid = pod.metadata?.uid ?? '';
  if (volume.emptyDir) return setUpEmptyDir(nodeFs, uid, volume.name, volume.emptyDir);
  if (volume.hostPath) return setUpHostPath(nodeFs, volume.hostPath);
  if (volume.configMap) return setUpConfigMap(nodeFs, pod, volume.name, volume.configMap, ctx.configMap(volume.configMap.name ?? ''));
  if (volume.secret) return setUpSecret(nodeFs, pod, volume.name, volume.secret, ctx.secret(volume.secret.secretName ?? ''));
  if (volume.downwardAPI) return setUpDownwardAPI(nodeFs, pod, volume.name, volume.downwardAPI, ctx.nodeAllocatable);
  if (volume.projected) return setUpProjected(nodeFs, pod, volume.name, volume.projected, ctx);
  if (volume.persistentVolumeClaim) return setUpClaim(nodeFs, pod, volume.persistentVolumeClaim.claimName, volume.persistentVolumeClaim.readOnly === true, ctx);
  // pkg/volume/plugins.go FindPluginBySpec
  throw new VolumeError('no volume plugin matched');
}

/**
 * A PVC volume is its bound PV's volume (volumemanager/populator createVolumeSpec): the data
 * lives where the PV says, so it outlives the pod. Podlab's PVs are hostPath (minikube's
 * provisioner) or local.
 */
function setUpClaim(nodeFs: MemFS, pod: Pod, claimName: string, readOnly: boolean, ctx: VolumeSetUpContext): VolumeMountSource {
  const ns = pod.metadata?.namespace ?? 'default';
  // desired_state_of_world_populator.go createVolumeSpec, getPVCExtractPV, getPVSpec
  const fail = (why: string): never => {
    throw new VolumeError(`error processing PVC ${ns}/${claimName}: ${why}`);
  };
  const pvc = ctx.persistentVolumeClaim?.(claimName);
  if (!pvc) return fail(`failed to fetch PVC from API server: persistentvolumeclaims ${JSON.stringify(claimName)} not found`);
  if (pvc.status?.phase !== 'Bound' || !pvc.spec?.volumeName) return fail('PVC is not bound');
  const pvName = pvc.spec.volumeName;
  const pv = ctx.persistentVolume?.(pvName);
  if (!pv) return fail(`failed to fetch PV ${pvName} from API server: persistentvolumes ${JSON.stringify(pvName)} not found`);
  if (pv.spec?.hostPath) return setUpHostPath(nodeFs, pv.spec.hostPath, readOnly);
  if (pv.spec?.local) return { path: pv.spec.local.path, readOnly };
  throw new VolumeError('no volume plugin matched');
}
