// The files a fresh minikube node (docker driver, Kubernetes v1.32.0) has that the simulation
// reads or a learner looks at: the kubelet config kubeadm writes, the control-plane static pod
// manifests kubeadm generates from minikube's ClusterConfiguration, and a few /etc files of the
// kicbase image (Ubuntu 22.04). Flags follow cmd/kubeadm/app/phases/controlplane/manifests.go and
// phases/etcd/local.go (sorted, as kubeadmutil.ArgumentsToCommand emits them), plus minikube's
// extraArgs (pkg/minikube/bootstrapper/bsutil); pod fields follow util/staticpod ComponentPod.
import type { MemFS } from '../runtime/fs/memfs';
import { KUBELET_CONFIG_PATH } from './static-pods';

export const STATIC_POD_PATH = '/etc/kubernetes/manifests';

export interface NodeFilesSpec {
  name: string;
  controlPlane: boolean;
  internalIP: string;
  /** The API server's node IP, for control-plane.minikube.internal on workers (defaults to internalIP on control planes). */
  controlPlaneIP?: string;
}

// Versions of a v1.32.0 cluster (kubeadm constants: the etcd version paired with 1.32).
const K8S_VERSION = 'v1.32.0';
const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.16-0';
// minikube's ClusterConfiguration: certificatesDir, etcd dataDir, API port, networking.
const CERTS = '/var/lib/minikube/certs';
const ETCD_DATA = '/var/lib/minikube/etcd';
const API_PORT = 8443;
const POD_SUBNET = '10.244.0.0/16';
const SERVICE_SUBNET = '10.96.0.0/12';
const DEFAULT_IP = '192.168.49.2';

/** Write a node's files into its filesystem. Existing files are overwritten. */
export function seedNodeFiles(fs: MemFS, node: NodeFilesSpec): void {
  const ip = node.internalIP || DEFAULT_IP;
  // /run and /lib/modules are what kube-proxy's hostPath volumes (xtables.lock, modules) need.
  for (const dir of ['/etc', '/root', '/tmp', '/run', '/lib/modules', '/var/lib/kubelet', STATIC_POD_PATH, '/var/log/pods', '/var/log/containers']) {
    fs.mkdir(dir, { recursive: true });
  }
  fs.writeFile('/etc/hostname', `${node.name}\n`);
  fs.writeFile('/etc/hosts', hosts(node.name, ip, node.controlPlaneIP ?? (node.controlPlane ? ip : undefined)));
  fs.writeFile('/etc/os-release', OS_RELEASE);
  fs.writeFile('/etc/passwd', PASSWD);
  fs.writeFile('/etc/group', GROUP);
  fs.writeFile(KUBELET_CONFIG_PATH, KUBELET_CONFIG);
  if (!node.controlPlane) return;
  fs.writeFile(`${STATIC_POD_PATH}/etcd.yaml`, etcdManifest(node.name, ip), { mode: 0o600 });
  fs.writeFile(`${STATIC_POD_PATH}/kube-apiserver.yaml`, apiServerManifest(ip), { mode: 0o600 });
  fs.writeFile(`${STATIC_POD_PATH}/kube-controller-manager.yaml`, controllerManagerManifest(), { mode: 0o600 });
  fs.writeFile(`${STATIC_POD_PATH}/kube-scheduler.yaml`, schedulerManifest(), { mode: 0o600 });
}

// Docker's generated /etc/hosts plus the names minikube adds (host.minikube.internal, control-plane.minikube.internal).
function hosts(name: string, ip: string, controlPlaneIP: string | undefined): string {
  const gateway = ip.replace(/\.\d+$/, '.1');
  return [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'ff00::0\tip6-mcastprefix',
    'ff02::1\tip6-allnodes',
    'ff02::2\tip6-allrouters',
    `${ip}\t${name}`,
    `${gateway}\thost.minikube.internal`,
    ...(controlPlaneIP ? [`${controlPlaneIP}\tcontrol-plane.minikube.internal`] : []),
    '',
  ].join('\n');
}

// kicbase is built on ubuntu:jammy.
// Ubuntu's base-passwd entries (the first lines of the node image's /etc/passwd and /etc/group)
const PASSWD = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\nsys:x:3:3:sys:/dev:/usr/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n';
const GROUP = 'root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nnogroup:x:65534:\n';

const OS_RELEASE = `PRETTY_NAME="Ubuntu 22.04.5 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.5 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy
`;

// What `kubeadm init` writes from minikube's KubeletConfiguration (containerd runtime): kubeadm
// marshals the whole struct, so unset durations print as 0s and the kubelet applies its defaults.
const KUBELET_CONFIG = `apiVersion: kubelet.config.k8s.io/v1beta1
authentication:
  anonymous:
    enabled: false
  webhook:
    cacheTTL: 0s
    enabled: true
  x509:
    clientCAFile: ${CERTS}/ca.crt
authorization:
  mode: Webhook
  webhook:
    cacheAuthorizedTTL: 0s
    cacheUnauthorizedTTL: 0s
cgroupDriver: cgroupfs
clusterDNS:
- 10.96.0.10
clusterDomain: cluster.local
containerRuntimeEndpoint: unix:///run/containerd/containerd.sock
cpuManagerReconcilePeriod: 0s
evictionHard:
  imagefs.available: 0%
  nodefs.available: 0%
  nodefs.inodesFree: 0%
evictionPressureTransitionPeriod: 0s
failSwapOn: false
fileCheckFrequency: 0s
hairpinMode: hairpin-veth
healthzBindAddress: 127.0.0.1
healthzPort: 10248
httpCheckFrequency: 0s
imageGCHighThresholdPercent: 100
imageMaximumGCAge: 0s
imageMinimumGCAge: 0s
kind: KubeletConfiguration
logging:
  flushFrequency: 0
  options:
    json:
      infoBufferSize: "0"
    text:
      infoBufferSize: "0"
  verbosity: 0
memorySwap: {}
nodeStatusReportFrequency: 0s
nodeStatusUpdateFrequency: 0s
rotateCertificates: true
runtimeRequestTimeout: 15m0s
shutdownGracePeriod: 0s
shutdownGracePeriodCriticalPods: 0s
staticPodPath: ${STATIC_POD_PATH}
streamingConnectionIdleTimeout: 0s
syncFrequency: 0s
volumeStatsAggPeriod: 0s
`;

// ---------- kubeadm static pod manifests ----------

interface ProbeTarget { host: string; port: number; scheme: 'HTTP' | 'HTTPS' }

// util/staticpod LivenessProbe (10, 15, 8, 10), ReadinessProbe (0, 15, 3, 1) and StartupProbe
// (failureThreshold = ceil(4m ControlPlaneComponentHealthCheck / 10s) = 24); keys in YAML order.
function probe(kind: 'livenessProbe' | 'readinessProbe' | 'startupProbe', t: ProbeTarget, path: string): string {
  const [delay, threshold, period] = kind === 'livenessProbe' ? [10, 8, 10] : kind === 'readinessProbe' ? [0, 3, 1] : [10, 24, 10];
  return [
    `    ${kind}:`,
    `      failureThreshold: ${threshold}`,
    '      httpGet:',
    `        host: ${t.host}`,
    `        path: ${path}`,
    `        port: ${t.port}`,
    `        scheme: ${t.scheme}`,
    ...(delay ? [`      initialDelaySeconds: ${delay}`] : []),
    `      periodSeconds: ${period}`,
    '      timeoutSeconds: 15',
  ].join('\n');
}

interface HostPathVolume { name: string; path: string; type: 'DirectoryOrCreate' | 'FileOrCreate'; readOnly: boolean }

// controlplane/volumes.go getHostPathVolumesForTheControlPlane (Debian/Ubuntu CA folders exist on kicbase).
const CA_VOLUMES: HostPathVolume[] = [
  { name: 'ca-certs', path: '/etc/ssl/certs', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'etc-ca-certificates', path: '/etc/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'k8s-certs', path: CERTS, type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-local-share-ca-certificates', path: '/usr/local/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
  { name: 'usr-share-ca-certificates', path: '/usr/share/ca-certificates', type: 'DirectoryOrCreate', readOnly: true },
];

function mounts(vols: HostPathVolume[]): string {
  return ['    volumeMounts:', ...vols.flatMap((v) => [
    `    - mountPath: ${v.path}`,
    `      name: ${v.name}`,
    ...(v.readOnly ? ['      readOnly: true'] : []),
  ])].join('\n');
}

/** staticpod.ComponentPod: the pod around one control-plane container, volumes sorted by name. */
function componentPod(opts: {
  name: string; annotations?: Record<string, string>; command: string[]; image: string;
  probes: string[]; resources: string[]; mounts: string; volumes: HostPathVolume[];
}): string {
  const sorted = [...opts.volumes].sort((a, b) => (a.name < b.name ? -1 : 1));
  const annotations = opts.annotations ? ['  annotations:', ...Object.entries(opts.annotations).map(([k, v]) => `    ${k}: ${v}`)] : [];
  const [liveness, readiness, startup] = opts.probes;
  return [
    'apiVersion: v1',
    'kind: Pod',
    'metadata:',
    ...annotations,
    '  creationTimestamp: null',
    '  labels:',
    `    component: ${opts.name}`,
    '    tier: control-plane',
    `  name: ${opts.name}`,
    '  namespace: kube-system',
    'spec:',
    '  containers:',
    '  - command:',
    ...opts.command.map((c) => `    - ${c}`),
    `    image: ${opts.image}`,
    '    imagePullPolicy: IfNotPresent',
    liveness!,
    `    name: ${opts.name}`,
    ...(readiness ? [readiness] : []),
    '    resources:',
    '      requests:',
    ...opts.resources.map((r) => `        ${r}`),
    startup!,
    opts.mounts,
    '  hostNetwork: true',
    '  priority: 2000001000',
    '  priorityClassName: system-node-critical',
    '  securityContext:',
    '    seccompProfile:',
    '      type: RuntimeDefault',
    '  volumes:',
    ...sorted.flatMap((v) => ['  - hostPath:', `      path: ${v.path}`, `      type: ${v.type}`, `    name: ${v.name}`]),
    'status: {}',
    '',
  ].join('\n');
}

function flags(binary: string, args: Record<string, string>): string[] {
  return [binary, ...Object.keys(args).sort().map((k) => `--${k}=${args[k]}`)];
}

function etcdManifest(nodeName: string, ip: string): string {
  const t: ProbeTarget = { host: '127.0.0.1', port: 2381, scheme: 'HTTP' };
  const vols: HostPathVolume[] = [
    { name: 'etcd-data', path: ETCD_DATA, type: 'DirectoryOrCreate', readOnly: false },
    { name: 'etcd-certs', path: `${CERTS}/etcd`, type: 'DirectoryOrCreate', readOnly: false },
  ];
  return componentPod({
    name: 'etcd',
    annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': `https://${ip}:2379` },
    command: flags('etcd', {
      'advertise-client-urls': `https://${ip}:2379`,
      'cert-file': `${CERTS}/etcd/server.crt`,
      'client-cert-auth': 'true',
      'data-dir': ETCD_DATA,
      'experimental-initial-corrupt-check': 'true',
      'experimental-watch-progress-notify-interval': '5s',
      'initial-advertise-peer-urls': `https://${ip}:2380`,
      'initial-cluster': `${nodeName}=https://${ip}:2380`,
      'key-file': `${CERTS}/etcd/server.key`,
      'listen-client-urls': `https://127.0.0.1:2379,https://${ip}:2379`,
      'listen-metrics-urls': 'http://127.0.0.1:2381',
      'listen-peer-urls': `https://${ip}:2380`,
      name: nodeName,
      'peer-cert-file': `${CERTS}/etcd/peer.crt`,
      'peer-client-cert-auth': 'true',
      'peer-key-file': `${CERTS}/etcd/peer.key`,
      'peer-trusted-ca-file': `${CERTS}/etcd/ca.crt`,
      'proxy-refresh-interval': '70000', // minikube etcd extraArgs
      'snapshot-count': '10000',
      'trusted-ca-file': `${CERTS}/etcd/ca.crt`,
    }),
    image: ETCD_IMAGE,
    // phases/etcd/local.go: /livez for liveness, /readyz for readiness and startup (kubeadm#3039).
    probes: [probe('livenessProbe', t, '/livez'), probe('readinessProbe', t, '/readyz'), probe('startupProbe', t, '/readyz')],
    resources: ['cpu: 100m', 'memory: 100Mi'],
    mounts: mounts(vols), // etcd lists its mounts data first, not sorted
    volumes: vols,
  });
}

function apiServerManifest(ip: string): string {
  const t: ProbeTarget = { host: ip, port: API_PORT, scheme: 'HTTPS' };
  return componentPod({
    name: 'kube-apiserver',
    annotations: { 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': `${ip}:${API_PORT}` },
    command: flags('kube-apiserver', {
      'advertise-address': ip,
      'allow-privileged': 'true',
      'authorization-mode': 'Node,RBAC',
      'client-ca-file': `${CERTS}/ca.crt`,
      // minikube apiServer extraArgs
      'enable-admission-plugins': 'NamespaceLifecycle,LimitRanger,ServiceAccount,DefaultStorageClass,DefaultTolerationSeconds,NodeRestriction,MutatingAdmissionWebhook,ValidatingAdmissionWebhook,ResourceQuota',
      'enable-bootstrap-token-auth': 'true',
      'etcd-cafile': `${CERTS}/etcd/ca.crt`,
      'etcd-certfile': `${CERTS}/apiserver-etcd-client.crt`,
      'etcd-keyfile': `${CERTS}/apiserver-etcd-client.key`,
      'etcd-servers': 'https://127.0.0.1:2379',
      'kubelet-client-certificate': `${CERTS}/apiserver-kubelet-client.crt`,
      'kubelet-client-key': `${CERTS}/apiserver-kubelet-client.key`,
      'kubelet-preferred-address-types': 'InternalIP,ExternalIP,Hostname',
      'proxy-client-cert-file': `${CERTS}/front-proxy-client.crt`,
      'proxy-client-key-file': `${CERTS}/front-proxy-client.key`,
      'requestheader-allowed-names': 'front-proxy-client',
      'requestheader-client-ca-file': `${CERTS}/front-proxy-ca.crt`,
      'requestheader-extra-headers-prefix': 'X-Remote-Extra-',
      'requestheader-group-headers': 'X-Remote-Group',
      'requestheader-username-headers': 'X-Remote-User',
      'secure-port': String(API_PORT),
      'service-account-issuer': 'https://kubernetes.default.svc.cluster.local',
      'service-account-key-file': `${CERTS}/sa.pub`,
      'service-account-signing-key-file': `${CERTS}/sa.key`,
      'service-cluster-ip-range': SERVICE_SUBNET,
      'tls-cert-file': `${CERTS}/apiserver.crt`,
      'tls-private-key-file': `${CERTS}/apiserver.key`,
    }),
    image: `registry.k8s.io/kube-apiserver:${K8S_VERSION}`,
    probes: [probe('livenessProbe', t, '/livez'), probe('readinessProbe', t, '/readyz'), probe('startupProbe', t, '/livez')],
    resources: ['cpu: 250m'],
    mounts: mounts(CA_VOLUMES),
    volumes: CA_VOLUMES,
  });
}

function controllerManagerManifest(): string {
  const kubeconfig = '/etc/kubernetes/controller-manager.conf';
  const t: ProbeTarget = { host: '127.0.0.1', port: 10257, scheme: 'HTTPS' };
  const extra: HostPathVolume[] = [
    { name: 'flexvolume-dir', path: '/usr/libexec/kubernetes/kubelet-plugins/volume/exec', type: 'DirectoryOrCreate', readOnly: false },
    { name: 'kubeconfig', path: kubeconfig, type: 'FileOrCreate', readOnly: true },
  ];
  const vols = [...CA_VOLUMES, ...extra].sort((a, b) => (a.name < b.name ? -1 : 1));
  return componentPod({
    name: 'kube-controller-manager',
    command: flags('kube-controller-manager', {
      'allocate-node-cidrs': 'true',
      'authentication-kubeconfig': kubeconfig,
      'authorization-kubeconfig': kubeconfig,
      'bind-address': '127.0.0.1',
      'client-ca-file': `${CERTS}/ca.crt`,
      'cluster-cidr': POD_SUBNET,
      'cluster-name': 'mk',
      'cluster-signing-cert-file': `${CERTS}/ca.crt`,
      'cluster-signing-key-file': `${CERTS}/ca.key`,
      controllers: '*,bootstrapsigner,tokencleaner',
      kubeconfig,
      'leader-elect': 'false', // minikube controllerManager extraArgs
      'requestheader-client-ca-file': `${CERTS}/front-proxy-ca.crt`,
      'root-ca-file': `${CERTS}/ca.crt`,
      'service-account-private-key-file': `${CERTS}/sa.key`,
      'service-cluster-ip-range': SERVICE_SUBNET,
      'use-service-account-credentials': 'true',
    }),
    image: `registry.k8s.io/kube-controller-manager:${K8S_VERSION}`,
    probes: [probe('livenessProbe', t, '/healthz'), '', probe('startupProbe', t, '/healthz')],
    resources: ['cpu: 200m'],
    mounts: mounts(vols),
    volumes: vols,
  });
}

function schedulerManifest(): string {
  const kubeconfig = '/etc/kubernetes/scheduler.conf';
  const t: ProbeTarget = { host: '127.0.0.1', port: 10259, scheme: 'HTTPS' };
  const vols: HostPathVolume[] = [{ name: 'kubeconfig', path: kubeconfig, type: 'FileOrCreate', readOnly: true }];
  return componentPod({
    name: 'kube-scheduler',
    command: flags('kube-scheduler', {
      'authentication-kubeconfig': kubeconfig,
      'authorization-kubeconfig': kubeconfig,
      'bind-address': '127.0.0.1',
      kubeconfig,
      'leader-elect': 'false', // minikube scheduler extraArgs
    }),
    image: `registry.k8s.io/kube-scheduler:${K8S_VERSION}`,
    probes: [probe('livenessProbe', t, '/healthz'), '', probe('startupProbe', t, '/healthz')],
    resources: ['cpu: 100m'],
    mounts: mounts(vols),
    volumes: vols,
  });
}
