import { describe, expect, it } from 'vitest';
import { Clock } from '../clock';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import { EventRecorder } from '../events';
import { registerStrategies } from '../registry';
import { bootstrapCluster } from './bootstrap';
import { DEFAULT_TOPOLOGY, type EngineContext, type Topology } from './context';
import { DeploymentController } from '../controllers/deployment';
import { ReplicaSetController } from '../controllers/replicaset';
import type { StoredPod, StoredService } from '../api/types';

function boot(topology: Topology = DEFAULT_TOPOLOGY, seed = 1): EngineContext {
  const clock = new Clock();
  const random = new SeededRandom(seed);
  const store = new ApiStore(clock, random);
  registerStrategies(store);
  const ctx = { clock, random, store, events: new EventRecorder(store, clock) };
  bootstrapCluster(ctx, topology);
  return ctx;
}

describe('bootstrapCluster', () => {
  it('creates the system namespaces with their name label', () => {
    const { store } = boot();
    expect(store.list('namespaces').map((n) => [n.metadata.name, n.metadata.labels, n.status?.phase])).toEqual([
      ['default', { 'kubernetes.io/metadata.name': 'default' }, 'Active'],
      ['kube-node-lease', { 'kubernetes.io/metadata.name': 'kube-node-lease' }, 'Active'],
      ['kube-public', { 'kubernetes.io/metadata.name': 'kube-public' }, 'Active'],
      ['kube-system', { 'kubernetes.io/metadata.name': 'kube-system' }, 'Active'],
    ]);
  });

  it('creates the kubernetes Service at 10.96.0.1 with endpoints on the control-plane node', () => {
    const { store } = boot();
    const svc = store.get('services', 'default', 'kubernetes') as StoredService;
    expect(svc.spec).toMatchObject({
      clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], type: 'ClusterIP', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 }],
    });
    expect(svc.metadata.labels).toEqual({ component: 'apiserver', provider: 'kubernetes' });
    expect(store.get('endpoints', 'default', 'kubernetes').subsets).toEqual([
      { addresses: [{ ip: '192.168.49.2' }], ports: [{ name: 'https', port: 8443, protocol: 'TCP' }] },
    ]);
    expect(store.get('endpointslices', 'default', 'kubernetes').endpoints).toEqual([{ addresses: ['192.168.49.2'], conditions: { ready: true } }]);
  });

  it('creates the default standard StorageClass, default ServiceAccounts and CA ConfigMaps', () => {
    const { store } = boot();
    const sc = store.get('storageclasses', undefined, 'standard');
    expect([sc.provisioner, sc.reclaimPolicy, sc.volumeBindingMode]).toEqual(['k8s.io/minikube-hostpath', 'Delete', 'Immediate']);
    expect(sc.metadata.annotations).toEqual({ 'storageclass.kubernetes.io/is-default-class': 'true' });
    for (const ns of ['default', 'kube-node-lease', 'kube-public', 'kube-system']) {
      expect(store.tryGet('serviceaccounts', ns, 'default')).toBeDefined();
      expect(store.tryGet('configmaps', ns, 'kube-root-ca.crt')).toBeDefined();
    }
  });

  it('creates CoreDNS (Deployment + kube-dns Service), storage-provisioner and a kube-proxy pod per node', () => {
    const topology: Topology = { nodes: [{ name: 'minikube', controlPlane: true }, { name: 'minikube-m02' }] };
    const ctx = boot(topology);
    const { store } = ctx;
    const dns = store.get('services', 'kube-system', 'kube-dns') as StoredService;
    expect(dns.spec!.clusterIP).toBe('10.96.0.10');
    expect(dns.spec!.ports!.map((p) => `${p.port}/${p.protocol}`)).toEqual(['53/UDP', '53/TCP', '9153/TCP']);
    const coredns = store.get('deployments', 'kube-system', 'coredns');
    expect(coredns.spec!.replicas).toBe(1);
    expect(coredns.spec!.template.spec!.containers[0]!.image).toBe('registry.k8s.io/coredns/coredns:v1.11.3');
    const sp = store.get('pods', 'kube-system', 'storage-provisioner') as StoredPod;
    expect(sp.spec.hostNetwork).toBe(true);
    expect(sp.spec.containers[0]!.image).toBe('gcr.io/k8s-minikube/storage-provisioner:v5');
    const proxies = (store.list('pods', { namespace: 'kube-system' }) as StoredPod[]).filter((p) => p.metadata.name.startsWith('kube-proxy-'));
    expect(proxies).toHaveLength(2);
    const owners = proxies.map((p) => p.metadata.ownerReferences![0]!);
    expect(owners[0]).toMatchObject({ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', controller: true });
    expect(owners[1]!.uid).toBe(owners[0]!.uid);
    const pinned = proxies.map((p) => p.spec.affinity!.nodeAffinity!.requiredDuringSchedulingIgnoredDuringExecution!.nodeSelectorTerms[0]!.matchFields![0]!.values).sort();
    expect(pinned).toEqual([['minikube'], ['minikube-m02']]);
    for (const p of proxies) expect(p.metadata.name).toMatch(/^kube-proxy-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
    // The controllers then roll out CoreDNS.
    new DeploymentController(ctx).start();
    new ReplicaSetController(ctx).start();
    ctx.clock.runUntilIdle();
    const dnsPods = (store.list('pods', { namespace: 'kube-system' }) as StoredPod[]).filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
    expect(dnsPods).toHaveLength(1);
    expect(dnsPods[0]!.metadata.name).toMatch(/^coredns-[bcdfghjklmnpqrstvwxz2456789]{6,10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('is deterministic for a seed', () => {
    const names = (seed: number) => boot(DEFAULT_TOPOLOGY, seed).store.list('pods').map((p) => `${p.metadata.name}:${p.metadata.uid}`);
    expect(names(3)).toEqual(names(3));
    expect(names(3)).not.toEqual(names(4));
  });
});
