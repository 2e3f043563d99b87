// The objects a fresh minikube (v1.35, Kubernetes v1.32.0, docker driver) has before any controller
// runs: system namespaces, the `kubernetes` Service and its endpoints (kube-apiserver's bootstrap
// controller), the default StorageClass and the kube-system workloads that are not static pods —
// CoreDNS (kubeadm addon, scaled to 1 by minikube), kube-proxy (a DaemonSet: one pod per node) and
// minikube's storage-provisioner pod. Static control-plane pods come from the kubelets.
import type { EngineContext, Topology } from './context';
import type { ObjectInput, PodSpec, PodTemplateSpec } from '../api/types';
import { ensureDefaultServiceAccount, ensureRootCAConfigMap } from '../controllers/serviceaccount';
import { computeHash } from '../controllers/deployment-util';
import { HOSTPATH_PROVISIONER } from '../controllers/hostpath-provisioner';

const KUBERNETES_VERSION = 'v1.32.0';
const SYSTEM_NAMESPACES = ['default', 'kube-node-lease', 'kube-public', 'kube-system'];
const APISERVER_PORT = 8443; // minikube's apiserver listens on 8443
const HOST_IP = '192.168.49.1'; // the docker network gateway: host.minikube.internal

export function bootstrapCluster(ctx: EngineContext, topology: Topology): void {
  const { store } = ctx;
  const create = (resource: string, obj: ObjectInput) => store.create(resource, obj);
  for (const name of SYSTEM_NAMESPACES) create('namespaces', { metadata: { name } });

  // kube-apiserver's controlplane controller: the `kubernetes` Service, Endpoints and EndpointSlice.
  const apiserverIP = controlPlaneIP(topology);
  create('services', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
    spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: APISERVER_PORT }] },
  });
  create('endpoints', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: apiserverIP }], ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }] }],
  });
  create('endpointslices', {
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: [{ addresses: [apiserverIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: APISERVER_PORT, protocol: 'TCP' }],
  });

  // minikube addon storage-provisioner / default-storageclass
  create('storageclasses', {
    metadata: {
      name: 'standard',
      labels: { 'addonmanager.kubernetes.io/mode': 'EnsureExists' },
      annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
    },
    provisioner: HOSTPATH_PROVISIONER,
  });

  // What the serviceaccounts controller and root-ca-cert-publisher produce, so the system pods
  // below are admitted against complete namespaces.
  for (const ns of SYSTEM_NAMESPACES) {
    ensureDefaultServiceAccount(store, ns);
    ensureRootCAConfigMap(store, ns);
  }
  for (const name of ['coredns', 'kube-proxy', 'storage-provisioner']) create('serviceaccounts', { metadata: { name, namespace: 'kube-system' } });

  create('configmaps', { metadata: { name: 'coredns', namespace: 'kube-system' }, data: { Corefile: COREFILE } });
  create('configmaps', {
    metadata: { name: 'kube-proxy', namespace: 'kube-system', labels: { app: 'kube-proxy' } },
    data: { 'config.conf': KUBE_PROXY_CONFIG, 'kubeconfig.conf': KUBE_PROXY_KUBECONFIG },
  });

  // kubeadm's CoreDNS addon (cmd/kubeadm/app/phases/addons/dns/manifests.go)
  create('services', {
    metadata: {
      name: 'kube-dns',
      namespace: 'kube-system',
      labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' },
      annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' },
    },
    spec: {
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
        { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
        { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
      ],
    },
  });
  create('deployments', {
    metadata: { name: 'coredns', namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } },
    spec: {
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
      template: { metadata: { labels: { 'k8s-app': 'kube-dns' } }, spec: corednsPodSpec() },
    },
  });

  // minikube deploy/addons/storage-provisioner/storage-provisioner.yaml.tmpl
  create('pods', {
    metadata: {
      name: 'storage-provisioner',
      namespace: 'kube-system',
      labels: { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'integration-test': 'storage-provisioner' },
    },
    spec: {
      serviceAccountName: 'storage-provisioner',
      hostNetwork: true,
      containers: [{
        name: 'storage-provisioner',
        image: 'gcr.io/k8s-minikube/storage-provisioner:v5',
        command: ['/storage-provisioner'],
        imagePullPolicy: 'IfNotPresent',
        volumeMounts: [{ mountPath: '/tmp', name: 'tmp' }],
      }],
      volumes: [{ name: 'tmp', hostPath: { path: '/tmp', type: 'Directory' } }],
    },
  });

  // kube-proxy: the DaemonSet's pods (the DaemonSet kind itself is not simulated).
  const template: PodTemplateSpec = { metadata: { labels: { 'k8s-app': 'kube-proxy' } }, spec: kubeProxyPodSpec() };
  const owner = { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: ctx.random.uuid(), controller: true, blockOwnerDeletion: true };
  const revisionHash = computeHash(template);
  for (const node of topology.nodes) {
    const spec = structuredClone(template.spec!);
    // daemon/util.ReplaceDaemonSetPodNodeNameNodeAffinity: pinned to its node by metadata.name.
    spec.affinity = {
      nodeAffinity: {
        requiredDuringSchedulingIgnoredDuringExecution: {
          nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: [node.name] }] }],
        },
      },
    };
    create('pods', {
      metadata: {
        generateName: 'kube-proxy-',
        namespace: 'kube-system',
        labels: { 'controller-revision-hash': revisionHash, 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' },
        ownerReferences: [owner],
      },
      spec,
    });
  }
}

function controlPlaneIP(topology: Topology): string {
  const i = Math.max(0, topology.nodes.findIndex((n) => n.controlPlane));
  return topology.nodes[i]?.internalIP ?? `192.168.49.${2 + i}`;
}

function corednsPodSpec(): PodSpec {
  return {
    priorityClassName: 'system-cluster-critical',
    serviceAccountName: 'coredns',
    affinity: {
      podAntiAffinity: {
        preferredDuringSchedulingIgnoredDuringExecution: [{
          weight: 100,
          podAffinityTerm: {
            labelSelector: { matchExpressions: [{ key: 'k8s-app', operator: 'In', values: ['kube-dns'] }] },
            topologyKey: 'kubernetes.io/hostname',
          },
        }],
      },
    },
    tolerations: [
      { key: 'CriticalAddonsOnly', operator: 'Exists' },
      { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
    ],
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    containers: [{
      name: 'coredns',
      image: 'registry.k8s.io/coredns/coredns:v1.11.3',
      imagePullPolicy: 'IfNotPresent',
      resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
      args: ['-conf', '/etc/coredns/Corefile'],
      volumeMounts: [{ name: 'config-volume', mountPath: '/etc/coredns', readOnly: true }],
      ports: [
        { containerPort: 53, name: 'dns', protocol: 'UDP' },
        { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' },
        { containerPort: 9153, name: 'metrics', protocol: 'TCP' },
      ],
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
        readOnlyRootFilesystem: true,
      },
      livenessProbe: {
        httpGet: { path: '/health', port: 8080, scheme: 'HTTP' },
        initialDelaySeconds: 60, timeoutSeconds: 5, successThreshold: 1, failureThreshold: 5,
      },
      readinessProbe: { httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' } },
    }],
    dnsPolicy: 'Default',
    volumes: [{ name: 'config-volume', configMap: { name: 'coredns', items: [{ key: 'Corefile', path: 'Corefile' }] } }],
  };
}

function kubeProxyPodSpec(): PodSpec {
  return {
    priorityClassName: 'system-node-critical',
    serviceAccountName: 'kube-proxy',
    hostNetwork: true,
    nodeSelector: { 'kubernetes.io/os': 'linux' },
    // kubeadm's `operator: Exists`, then what the DaemonSet controller adds (daemon/util AddOrUpdateDaemonPodTolerations).
    tolerations: [
      { operator: 'Exists' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
      { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/network-unavailable', operator: 'Exists', effect: 'NoSchedule' },
    ],
    containers: [{
      name: 'kube-proxy',
      image: `registry.k8s.io/kube-proxy:${KUBERNETES_VERSION}`,
      imagePullPolicy: 'IfNotPresent',
      command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
      env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
      securityContext: { privileged: true },
      volumeMounts: [
        { mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' },
        { mountPath: '/run/xtables.lock', name: 'xtables-lock' },
        { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true },
      ],
    }],
    volumes: [
      { name: 'kube-proxy', configMap: { name: 'kube-proxy' } },
      { name: 'xtables-lock', hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' } },
      { name: 'lib-modules', hostPath: { path: '/lib/modules' } },
    ],
  };
}

// minikube's CoreDNS Corefile (kubeadm's, plus the host.minikube.internal hosts entry and `log`).
const COREFILE = `.:53 {
    log
    errors
    health {
       lameduck 5s
    }
    ready
    kubernetes cluster.local in-addr.arpa ip6.arpa {
       pods insecure
       fallthrough in-addr.arpa ip6.arpa
       ttl 30
    }
    prometheus :9153
    hosts {
       ${HOST_IP} host.minikube.internal
       fallthrough
    }
    forward . /etc/resolv.conf {
       max_concurrent 1000
    }
    cache 30
    loop
    reload
    loadbalance
}
`;

const KUBE_PROXY_CONFIG = `apiVersion: kubeproxy.config.k8s.io/v1alpha1
bindAddress: 0.0.0.0
clientConnection:
  kubeconfig: /var/lib/kube-proxy/kubeconfig.conf
clusterCIDR: 10.244.0.0/16
conntrack:
  maxPerCore: 0
  tcpCloseWaitTimeout: 0s
  tcpEstablishedTimeout: 0s
kind: KubeProxyConfiguration
metricsBindAddress: 0.0.0.0:10249
mode: ""
`;

const KUBE_PROXY_KUBECONFIG = `apiVersion: v1
kind: Config
clusters:
- cluster:
    certificate-authority: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
    server: https://control-plane.minikube.internal:${APISERVER_PORT}
  name: default
contexts:
- context:
    cluster: default
    namespace: default
    user: default
  name: default
current-context: default
users:
- name: default
  user:
    tokenFile: /var/run/secrets/kubernetes.io/serviceaccount/token
`;

