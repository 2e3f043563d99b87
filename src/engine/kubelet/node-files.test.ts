import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Clock } from '../clock';
import { MemFS } from '../runtime/fs/memfs';
import { STATIC_POD_PATH, seedNodeFiles } from './node-files';
import { KUBELET_CONFIG_PATH } from './static-pods';

// The manifests' shape, loosely: enough to check what kubeadm writes.
interface Manifest {
  metadata: { name: string; namespace: string; labels: Record<string, string>; annotations?: Record<string, string>; creationTimestamp: null };
  spec: {
    containers: {
      name: string; image: string; imagePullPolicy: string; command: string[];
      livenessProbe: { httpGet: { host: string; port: number; scheme: string; path: string }; failureThreshold: number; initialDelaySeconds: number; periodSeconds: number; timeoutSeconds: number };
      readinessProbe?: { httpGet: { path: string }; periodSeconds: number; failureThreshold: number };
      startupProbe: { httpGet: { path: string }; failureThreshold: number };
      resources: { requests: Record<string, string> };
      volumeMounts: { name: string; mountPath: string; readOnly?: boolean }[];
    }[];
    hostNetwork: boolean; priority: number; priorityClassName: string;
    securityContext: unknown;
    volumes: { name: string; hostPath: { path: string; type: string } }[];
  };
  status: Record<string, never>;
}

function seeded(node: { name: string; controlPlane: boolean; internalIP: string; controlPlaneIP?: string }): MemFS {
  const fs = new MemFS(new Clock(0));
  seedNodeFiles(fs, node);
  return fs;
}

function manifest(fs: MemFS, file: string): Manifest {
  return parse(fs.readFile(`${STATIC_POD_PATH}/${file}`), { version: '1.1' }) as Manifest;
}

describe('seedNodeFiles on a control-plane node', () => {
  const fs = seeded({ name: 'minikube', controlPlane: true, internalIP: '192.168.49.2' });

  it('writes the kubeadm manifests, readable by root only', () => {
    expect(fs.readdir(STATIC_POD_PATH)).toEqual(['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml']);
    expect(fs.stat(`${STATIC_POD_PATH}/etcd.yaml`).mode).toBe(0o600);
  });

  it('gives every component the ComponentPod shape', () => {
    const images: Record<string, string> = {
      etcd: 'registry.k8s.io/etcd:3.5.16-0',
      'kube-apiserver': 'registry.k8s.io/kube-apiserver:v1.32.0',
      'kube-controller-manager': 'registry.k8s.io/kube-controller-manager:v1.32.0',
      'kube-scheduler': 'registry.k8s.io/kube-scheduler:v1.32.0',
    };
    for (const [name, image] of Object.entries(images)) {
      const m = manifest(fs, `${name}.yaml`);
      expect(m.metadata).toMatchObject({ name, namespace: 'kube-system', labels: { component: name, tier: 'control-plane' }, creationTimestamp: null });
      expect(m.spec).toMatchObject({
        hostNetwork: true, priority: 2000001000, priorityClassName: 'system-node-critical',
        securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      });
      const c = m.spec.containers[0]!;
      expect(c).toMatchObject({ name, image, imagePullPolicy: 'IfNotPresent' });
      expect(c.command[0]).toBe(name);
      const flags = c.command.slice(1);
      expect(flags).toEqual([...flags].sort()); // ArgumentsToCommand sorts
      expect(c.livenessProbe).toMatchObject({ failureThreshold: 8, initialDelaySeconds: 10, periodSeconds: 10, timeoutSeconds: 15 });
      expect(c.startupProbe.failureThreshold).toBe(24);
      expect(m.spec.volumes.map((v) => v.name)).toEqual(m.spec.volumes.map((v) => v.name).sort());
      expect(new Set(c.volumeMounts.map((v) => v.name))).toEqual(new Set(m.spec.volumes.map((v) => v.name)));
      expect(m.status).toEqual({});
    }
  });

  it('points the API server and etcd at the node address', () => {
    const api = manifest(fs, 'kube-apiserver.yaml');
    expect(api.metadata.annotations).toEqual({ 'kubeadm.kubernetes.io/kube-apiserver.advertise-address.endpoint': '192.168.49.2:8443' });
    const cmd = api.spec.containers[0]!.command;
    expect(cmd).toContain('--advertise-address=192.168.49.2');
    expect(cmd).toContain('--secure-port=8443');
    expect(cmd).toContain('--service-cluster-ip-range=10.96.0.0/12');
    expect(cmd).toContain('--etcd-servers=https://127.0.0.1:2379');
    expect(api.spec.containers[0]!.livenessProbe.httpGet).toEqual({ host: '192.168.49.2', path: '/livez', port: 8443, scheme: 'HTTPS' });
    expect(api.spec.containers[0]!.readinessProbe).toMatchObject({ httpGet: { path: '/readyz' }, periodSeconds: 1, failureThreshold: 3 });
    expect(api.spec.containers[0]!.resources.requests).toEqual({ cpu: '250m' });

    const etcd = manifest(fs, 'etcd.yaml');
    const ecmd = etcd.spec.containers[0]!.command;
    expect(ecmd).toContain('--name=minikube');
    expect(ecmd).toContain('--initial-cluster=minikube=https://192.168.49.2:2380');
    expect(ecmd).toContain('--data-dir=/var/lib/minikube/etcd');
    expect(etcd.spec.containers[0]!.resources.requests).toEqual({ cpu: '100m', memory: '100Mi' });
    expect(etcd.spec.containers[0]!.livenessProbe.httpGet).toEqual({ host: '127.0.0.1', path: '/livez', port: 2381, scheme: 'HTTP' });
    expect(etcd.spec.containers[0]!.startupProbe.httpGet.path).toBe('/readyz');

    expect(manifest(fs, 'kube-scheduler.yaml').spec.containers[0]!.livenessProbe.httpGet.port).toBe(10259);
    expect(manifest(fs, 'kube-scheduler.yaml').spec.containers[0]!.readinessProbe).toBeUndefined();
    expect(manifest(fs, 'kube-controller-manager.yaml').spec.containers[0]!.livenessProbe.httpGet.port).toBe(10257);
  });

  it('writes the kubelet config and the node identity files', () => {
    const cfg = parse(fs.readFile(KUBELET_CONFIG_PATH)) as Record<string, unknown>;
    expect(cfg).toMatchObject({
      apiVersion: 'kubelet.config.k8s.io/v1beta1', kind: 'KubeletConfiguration',
      staticPodPath: '/etc/kubernetes/manifests', clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local',
    });
    expect(fs.readFile('/etc/hostname')).toBe('minikube\n');
    expect(fs.readFile('/etc/os-release')).toContain('PRETTY_NAME="Ubuntu 22.04.5 LTS"\n');
    const hosts = fs.readFile('/etc/hosts').split('\n');
    expect(hosts).toContain('192.168.49.2\tminikube');
    expect(hosts).toContain('192.168.49.1\thost.minikube.internal');
    expect(hosts).toContain('192.168.49.2\tcontrol-plane.minikube.internal');
  });
});

describe('seedNodeFiles on a worker', () => {
  it('has an empty manifest folder, the kubelet config and its own identity', () => {
    const fs = seeded({ name: 'minikube-m02', controlPlane: false, internalIP: '192.168.49.3', controlPlaneIP: '192.168.49.2' });
    expect(fs.readdir(STATIC_POD_PATH)).toEqual([]);
    expect(fs.exists(KUBELET_CONFIG_PATH)).toBe(true);
    expect(fs.readFile('/etc/hostname')).toBe('minikube-m02\n');
    const hosts = fs.readFile('/etc/hosts').split('\n');
    expect(hosts).toContain('192.168.49.3\tminikube-m02');
    expect(hosts).toContain('192.168.49.2\tcontrol-plane.minikube.internal');
  });
});
