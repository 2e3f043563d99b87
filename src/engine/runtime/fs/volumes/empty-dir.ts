// emptyDir: a directory under the pod's volumes on the node, shared by the pod's containers,
// kept across container restarts and removed with the pod (tearDownPodDir). `medium: Memory`
// is a tmpfs on a real node; here the data lives in the same node filesystem and the mount is
// flagged so `df` can call it tmpfs.
import type { EmptyDirVolumeSource } from 'kubernetes-types/core/v1';
import type { MemFS } from '../memfs';
import { dirname } from '../path';
import type { VolumeMountSource } from './source';
import { EMPTY_DIR_PLUGIN, podDir, podVolumeDir } from './paths';

// pkg/volume/emptydir/empty_dir.go setupDir: the volume directory is 0777
const EMPTY_DIR_PERM = 0o777;
// pkg/kubelet/kubelet_pods.go makePodDataDirs: the pod's own directories are 0750
export const POD_DIR_PERM = 0o750;

export function setUpEmptyDir(nodeFs: MemFS, podUid: string, volumeName: string, source: EmptyDirVolumeSource = {}): VolumeMountSource {
  const path = podVolumeDir(podUid, EMPTY_DIR_PLUGIN, volumeName);
  if (!nodeFs.exists(path)) {
    nodeFs.mkdir(dirname(path), { recursive: true, mode: POD_DIR_PERM });
    nodeFs.mkdir(path, { mode: EMPTY_DIR_PERM });
  }
  const out: VolumeMountSource = { path, readOnly: false };
  if (source.medium === 'Memory') out.medium = 'Memory';
  return out;
}

/** Remove everything the kubelet kept for a pod (its volumes, etc-hosts, termination logs). */
export function tearDownPodDir(nodeFs: MemFS, podUid: string): void {
  nodeFs.rm(podDir(podUid), { recursive: true, force: true });
}
