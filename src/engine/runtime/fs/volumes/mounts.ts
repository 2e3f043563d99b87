// A container's mount table, from its volumeMounts and the pod's set-up volumes, the way the
// kubelet's makeMounts and containerd build it: each volumeMount (with subPath and readOnly),
// the managed /etc/hosts, the termination-message file, and the sandbox's /etc/hostname and
// /etc/resolv.conf. The result feeds ContainerFs.
import type { Container } from 'kubernetes-types/core/v1';
import type { MountSpec } from '../container-fs';
import type { MemFS } from '../memfs';
import { splitPath } from '../path';
import type { VolumeMountSource } from './source';

/** Why a container's mounts cannot be made; the kubelet reports it as CreateContainerConfigError. */
export class MountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MountError';
  }
}

export interface ContainerMountsInput {
  container: Container;
  /** the pod's volumes after set-up, by volume name (setUpPodVolumes) */
  volumes: ReadonlyMap<string, VolumeMountSource>;
  /** the node filesystem, where missing subPath directories are created */
  nodeFs: MemFS;
  /** the pod's hosts file (ensureHostsFile); none: no /etc/hosts mount */
  etcHosts?: string;
  /** the sandbox's hostname and resolv.conf files (writeSandboxFiles) */
  sandboxFiles?: { hostname: string; resolvConf: string };
  /** this container instance's termination-message file (createTerminationLog) */
  terminationLog?: string;
}

// kubelet_pods.go etcHostsPath; containerd etcHostname, resolvConfPath
const ETC_HOSTS = '/etc/hosts';
const ETC_HOSTNAME = '/etc/hostname';
const RESOLV_CONF = '/etc/resolv.conf';
// pkg/apis/core/v1/defaults.go SetDefaults_Container
const DEFAULT_TERMINATION_MESSAGE_PATH = '/dev/termination-log';

/** pkg/kubelet/kubelet_pods.go makeMounts, plus the runtime's own mounts. */
export function containerMounts(input: ContainerMountsInput): MountSpec[] {
  const { container, volumes, nodeFs } = input;
  const mounts: MountSpec[] = [];
  const taken = new Set<string>();
  for (const vm of container.volumeMounts ?? []) {
    const vol = volumes.get(vm.name);
    // kubelet_pods.go makeMounts
    if (!vol) throw new MountError(`cannot find volume ${JSON.stringify(vm.name)} to mount into container ${JSON.stringify(container.name)}`);
    let source = vol.path;
    const subPath = vm.subPath ?? '';
    if (subPath) {
      // kubelet_pods.go makeMounts (and pkg/volume/validation ValidatePathNoBacksteps)
      if (subPath.startsWith('/')) throw new MountError(`error SubPath \`${subPath}\` must not be an absolute path`);
      if (subPath.split('/').includes('..')) throw new MountError(`unable to provision SubPath \`${subPath}\`: must not contain '..'`);
      source = `${vol.path}/${splitPath(subPath).join('/')}`;
      // makeMounts: a missing subPath is created as a directory with the volume's mode (SafeMakeDir)
      if (!nodeFs.exists(source)) nodeFs.mkdir(source, { recursive: true, mode: nodeFs.stat(vol.path).mode });
    }
    const spec: MountSpec = { path: vm.mountPath, source, readOnly: vm.readOnly === true || vol.readOnly };
    if (vol.fs) spec.fs = vol.fs;
    if (vol.medium) spec.medium = vol.medium;
    mounts.push(spec);
    taken.add(vm.mountPath);
  }
  // makeMounts: no managed /etc/hosts when the container mounts something there itself
  if (input.etcHosts && !taken.has(ETC_HOSTS)) mounts.push({ path: ETC_HOSTS, source: input.etcHosts, readOnly: false });
  // kuberuntime_container.go makeMounts: the termination-message file, read-write
  if (input.terminationLog) {
    mounts.push({ path: container.terminationMessagePath || DEFAULT_TERMINATION_MESSAGE_PATH, source: input.terminationLog, readOnly: false });
  }
  // containerd container_create_linux.go containerMounts: hostname and resolv.conf unless the
  // container mounts them, read-only with a read-only root filesystem
  const readOnlyRoot = container.securityContext?.readOnlyRootFilesystem === true;
  if (input.sandboxFiles) {
    if (!taken.has(ETC_HOSTNAME)) mounts.push({ path: ETC_HOSTNAME, source: input.sandboxFiles.hostname, readOnly: readOnlyRoot });
    if (!taken.has(RESOLV_CONF)) mounts.push({ path: RESOLV_CONF, source: input.sandboxFiles.resolvConf, readOnly: readOnlyRoot });
  }
  return mounts;
}
