// hostPath: a path of the node's own filesystem, checked against `type` the way the kubelet's
// hostPath plugin does before the container starts. A failed check is a FailedMount event:
// `MountVolume.SetUp failed for volume "data" : hostPath type check failed: /data is not a directory`.
// (Also used for PersistentVolumes backed by hostPath, like minikube's storage provisioner.)
import type { HostPathVolumeSource } from 'kubernetes-types/core/v1';
import { isFsError, type MemFS } from '../memfs';
import { normalizePath } from '../path';
import { VolumeError } from './errors';
import type { VolumeMountSource } from './source';

export type HostPathType =
  | '' | 'DirectoryOrCreate' | 'Directory' | 'FileOrCreate' | 'File' | 'Socket' | 'CharDevice' | 'BlockDevice';

// pkg/volume/hostpath/host_path.go makeDir (os.MkdirAll 0755) and makeFile (os.OpenFile O_CREATE 0644)
const CREATED_DIR_MODE = 0o755;
const CREATED_FILE_MODE = 0o644;

export function setUpHostPath(nodeFs: MemFS, source: HostPathVolumeSource, readOnly = false): VolumeMountSource {
  const path = source.path;
  checkHostPathType(nodeFs, path, (source.type ?? '') as HostPathType);
  return { path: normalizePath(path), readOnly };
}

/** pkg/volume/hostpath/host_path.go checkTypeInternal (v1.32), creating what the *OrCreate types create. */
export function checkHostPathType(nodeFs: MemFS, path: string, type: HostPathType): void {
  const fail = (what: string): never => {
    // host_path.go checkTypeInternal
    throw new VolumeError(`hostPath type check failed: ${path} is not a ${what}`);
  };
  const kind = nodeFs.exists(path) ? nodeFs.stat(path).type : undefined;
  switch (type) {
    case '':
      // No check. containerd creates a missing bind-mount source as a directory
      // (internal/cri/opts/spec_linux.go WithMounts: os.MkdirAll(src, 0755)).
      if (!kind) make(() => nodeFs.mkdir(path, { recursive: true, mode: CREATED_DIR_MODE }));
      return;
    case 'DirectoryOrCreate':
      if (!kind) return make(() => nodeFs.mkdir(path, { recursive: true, mode: CREATED_DIR_MODE }));
      if (kind !== 'dir') fail('directory');
      return;
    case 'Directory':
      if (kind !== 'dir') fail('directory');
      return;
    case 'FileOrCreate':
      // os.OpenFile(O_CREATE) needs the parent directory to exist.
      if (!kind) return make(() => nodeFs.appendFile(path, '', { mode: CREATED_FILE_MODE }));
      if (kind !== 'file') fail('file');
      return;
    case 'File':
      if (kind !== 'file') fail('file');
      return;
    // The simulated filesystem has no sockets or device nodes.
    case 'Socket':
      return fail('socket file');
    case 'CharDevice':
      return fail('character device');
    case 'BlockDevice':
      return fail('block device');
    default:
      // host_path.go checkTypeInternal default
      throw new VolumeError(`${type} is an invalid volume type`);
  }
}

/** Run a create; its error (`open /x/y: no such file or directory`) is the mount error, as in Go. */
function make(create: () => void): void {
  try {
    create();
  } catch (e) {
    if (isFsError(e)) throw new VolumeError(e.message);
    throw e;
  }
}
