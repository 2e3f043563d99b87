// Where the kubelet and the container runtime keep a pod's files on the node's filesystem. The
// container mounts point here, so `ls /var/lib/kubelet/pods` over `ssh` shows what a learner
// would find on a minikube node.

// pkg/kubelet/config/defaults.go DefaultRootDir
export const KUBELET_ROOT = '/var/lib/kubelet';

// Volume plugin names (pkg/volume/<plugin>/<plugin>.go, the *PluginName constants).
export const EMPTY_DIR_PLUGIN = 'kubernetes.io/empty-dir';
export const CONFIGMAP_PLUGIN = 'kubernetes.io/configmap';
export const SECRET_PLUGIN = 'kubernetes.io/secret';
export const DOWNWARD_API_PLUGIN = 'kubernetes.io/downward-api';
export const PROJECTED_PLUGIN = 'kubernetes.io/projected';

// containerd's CRI state directory (config RootDir "/var/lib/containerd/io.containerd.grpc.v1.cri"),
// holding each sandbox's hostname, hosts and resolv.conf (internal/cri/server sandbox paths).
export const CONTAINERD_CRI_ROOT = '/var/lib/containerd/io.containerd.grpc.v1.cri';

/** pkg/kubelet/kubelet_getters.go getPodDir: <root>/pods/<uid> */
export function podDir(podUid: string): string {
  return `${KUBELET_ROOT}/pods/${podUid}`;
}

/**
 * kubelet_getters.go getPodVolumeDir: <pod dir>/volumes/<plugin>/<volume>, the plugin name
 * escaped for disk (pkg/util/strings EscapeQualifiedName: `/` becomes `~`).
 */
export function podVolumeDir(podUid: string, pluginName: string, volumeName: string): string {
  return `${podDir(podUid)}/volumes/${pluginName.replace(/\//g, '~')}/${volumeName}`;
}

/** kubelet_getters.go getPodContainerDir: <pod dir>/containers/<container> (termination logs) */
export function podContainerDir(podUid: string, containerName: string): string {
  return `${podDir(podUid)}/containers/${containerName}`;
}

/** kubelet_pods.go getEtcHostsPath: <pod dir>/etc-hosts */
export function etcHostsPath(podUid: string): string {
  return `${podDir(podUid)}/etc-hosts`;
}

/** containerd getSandboxRootDir: <cri root>/sandboxes/<id> */
export function sandboxDir(sandboxId: string): string {
  return `${CONTAINERD_CRI_ROOT}/sandboxes/${sandboxId}`;
}
