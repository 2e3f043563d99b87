// The Node object a kubelet registers for itself: pkg/kubelet/kubelet_node_status.go initialNode
// and the status setters in pkg/kubelet/nodestatus/setters.go, with the values a minikube node
// (docker driver, containerd, Kubernetes v1.32.0) reports. kubeadm adds the control-plane label,
// the exclude-from-external-load-balancers label and the cri-socket annotation.
import type { NodeTopology } from '../cluster/context';
import type { NodeCondition, StoredNode, Taint } from '../api/types';
import type { SeededRandom } from '../../shared/random';
import { toRFC3339 } from '../clock';

export const KUBELET_VERSION = 'v1.32.0';
export const CONTAINER_RUNTIME_VERSION = 'containerd://1.7.24';
export const OS_IMAGE = 'Ubuntu 22.04.5 LTS';
export const KERNEL_VERSION = '5.15.0-1064-gcp';
// pkg/kubelet/apis/config/v1beta1/defaults.go DefaultKubeletPort (ports.KubeletPort)
export const KUBELET_PORT = 10250;
// pkg/kubelet/apis/config/v1beta1/defaults.go MaxPods
export const DEFAULT_MAX_PODS = 110;
export const DEFAULT_CPU = '2';
export const DEFAULT_MEMORY = '3912Mi';
export const DEFAULT_EPHEMERAL_STORAGE = '61202244Ki';

/** The defaults a NodeTopology leaves out (context.ts documents them). */
export function nodeInternalIP(node: NodeTopology, index: number): string {
  return node.internalIP ?? `192.168.49.${2 + index}`;
}

export function nodePodCIDR(node: NodeTopology, index: number): string {
  return node.podCIDR ?? `10.244.${index}.0/24`;
}

export interface NodeIdentity {
  machineID: string;
  systemUUID: string;
  bootID: string;
}

/** machine-id is 32 hex; product_uuid and boot_id are UUIDs. */
export function newNodeIdentity(random: SeededRandom): NodeIdentity {
  return { machineID: random.hex(32), systemUUID: random.uuid(), bootID: random.uuid() };
}

/** initialNode labels (kubeletapis + v1 well-known labels) plus kubeadm's control-plane labels. */
export function nodeLabels(node: NodeTopology): Record<string, string> {
  const labels: Record<string, string> = {
    // pkg/kubelet/kubelet_node_status.go initialNode: beta.* and stable os/arch, hostname
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': node.name.toLowerCase(),
    'kubernetes.io/os': 'linux',
  };
  if (node.controlPlane) {
    // kubeadm phases/markcontrolplane: LabelNodeRoleControlPlane, LabelExcludeFromExternalLB
    labels['node-role.kubernetes.io/control-plane'] = '';
    labels['node.kubernetes.io/exclude-from-external-load-balancers'] = '';
  }
  return { ...labels, ...(node.labels ?? {}) };
}

/** initialNode taints: the registered ones, plus node.kubernetes.io/unschedulable when unschedulable. */
export function nodeTaints(node: NodeTopology): Taint[] {
  const taints = [...(node.taints ?? [])];
  if (node.unschedulable && !taints.some((t) => t.key === 'node.kubernetes.io/unschedulable' && t.effect === 'NoSchedule')) {
    taints.push({ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' });
  }
  return taints;
}

/** nodestatus/setters.go MemoryPressureCondition, DiskPressureCondition, PIDPressureCondition, ReadyCondition. */
export function nodeConditions(now: number): NodeCondition[] {
  const t = toRFC3339(now);
  const c = (type: string, status: string, reason: string, message: string): NodeCondition =>
    ({ type, status, reason, message, lastHeartbeatTime: t, lastTransitionTime: t });
  return [
    // setters.go MemoryPressureCondition
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    // setters.go DiskPressureCondition
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    // setters.go PIDPressureCondition
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    // setters.go ReadyCondition
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** The Node the kubelet creates when it registers (kubelet_node_status.go registerWithAPIServer). */
export function buildNode(node: NodeTopology, index: number, id: NodeIdentity, now: number) {
  const podCIDR = nodePodCIDR(node, index);
  const resources = {
    cpu: node.cpu ?? DEFAULT_CPU,
    'ephemeral-storage': node.ephemeralStorage ?? DEFAULT_EPHEMERAL_STORAGE,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: node.memory ?? DEFAULT_MEMORY,
    pods: String(node.pods ?? DEFAULT_MAX_PODS),
  };
  const taints = nodeTaints(node);
  const spec: StoredNode['spec'] = { podCIDR, podCIDRs: [podCIDR] };
  if (node.unschedulable) spec.unschedulable = true;
  if (taints.length) spec.taints = taints;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: nodeLabels(node),
      annotations: {
        // kubeadm: the CRI socket it was set up with
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        // the ttl controller (pkg/controller/ttl) for small clusters
        'node.alpha.kubernetes.io/ttl': '0',
        // pkg/volume/util ControllerManagedAttachAnnotation, set by initialNode
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec,
    status: {
      capacity: { ...resources },
      allocatable: { ...resources },
      conditions: nodeConditions(now),
      // setters.go NodeAddress: InternalIP then Hostname
      addresses: [
        { type: 'InternalIP', address: nodeInternalIP(node, index) },
        { type: 'Hostname', address: node.name },
      ],
      // setters.go DaemonEndpoints
      daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
      // setters.go MachineInfo + VersionInfo; DisableNodeKubeProxyVersion is off in 1.32
      nodeInfo: {
        architecture: 'amd64',
        bootID: id.bootID,
        containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
        kernelVersion: KERNEL_VERSION,
        kubeProxyVersion: KUBELET_VERSION,
        kubeletVersion: KUBELET_VERSION,
        machineID: id.machineID,
        operatingSystem: 'linux',
        osImage: OS_IMAGE,
        systemUUID: id.systemUUID,
      },
    },
  };
}
