import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../engine/index';
import { buildTable, handlerFor } from './handlers';

const NOW = Date.parse('2026-11-21T12:00:00Z');
const ctx = { now: NOW };
const ts = (agoMs: number): string => new Date(NOW - agoMs).toISOString().replace(/\.\d+Z$/, 'Z');

function obj(kind: string, name: string, rest: Record<string, unknown> = {}, meta: Record<string, unknown> = {}): KubeObject {
  return { apiVersion: 'v1', kind, metadata: { name, uid: 'u', resourceVersion: '1', creationTimestamp: ts(330_000), ...meta }, ...rest } as KubeObject;
}
const row = (o: KubeObject): string[] => handlerFor(o.kind).row(o, ctx);

describe('row builders (printers.go)', () => {
  it('Node: status from Ready, SchedulingDisabled, sorted roles, wide fallbacks', () => {
    const n = obj('Node', 'cp', { spec: { unschedulable: true }, status: { conditions: [{ type: 'Ready', status: 'True' }], nodeInfo: { kubeletVersion: 'v1.32.0' }, addresses: [{ type: 'InternalIP', address: '192.168.49.2' }] } },
      { labels: { 'node-role.kubernetes.io/control-plane': '', 'node-role.kubernetes.io/etcd': '', 'kubernetes.io/role': 'master' } });
    expect(row(n)).toEqual(['cp', 'Ready,SchedulingDisabled', 'control-plane,etcd,master', '5m30s', 'v1.32.0', '192.168.49.2', '<none>', '<unknown>', '<unknown>', '<unknown>']);
    expect(row(obj('Node', 'w', { status: { conditions: [{ type: 'Ready', status: 'Unknown' }] } }))[1]).toBe('NotReady');
    expect(row(obj('Node', 'w', { status: {} })).slice(1, 3)).toEqual(['Unknown', '<none>']);
  });

  it('Service: node ports, external IPs per type, selector', () => {
    const np = obj('Service', 'web', { spec: { type: 'NodePort', clusterIPs: ['10.96.0.20'], selector: { app: 'web', tier: 'fe' }, ports: [{ port: 80, nodePort: 30080, protocol: 'TCP' }, { port: 53, protocol: 'UDP' }] } });
    expect(row(np)).toEqual(['web', 'NodePort', '10.96.0.20', '<none>', '80:30080/TCP,53/UDP', '5m30s', 'app=web,tier=fe']);
    const lb = obj('Service', 'lb', { spec: { type: 'LoadBalancer', clusterIPs: ['10.96.0.21'], ports: [] }, status: { loadBalancer: {} } });
    expect(row(lb).slice(3, 5)).toEqual(['<pending>', '<none>']);
    const lbIP = obj('Service', 'lb', { spec: { type: 'LoadBalancer', externalIPs: ['1.2.3.4'] }, status: { loadBalancer: { ingress: [{ ip: '9.9.9.9' }] } } });
    expect(row(lbIP)[3]).toBe('9.9.9.9,1.2.3.4');
    expect(row(obj('Service', 'ext', { spec: { type: 'ExternalName', externalName: 'example.com' } }))[2]).toBe('<none>');
    expect(row(obj('Service', 'ext', { spec: { type: 'ExternalName', externalName: 'example.com' } }))[3]).toBe('example.com');
  });

  it('Endpoints and EndpointSlice: three entries then "+ N more..."', () => {
    const addresses = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4'].map((ip) => ({ ip }));
    expect(row(obj('Endpoints', 'e', { subsets: [{ addresses, ports: [{ port: 80 }] }] }))[1]).toBe('10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...');
    expect(row(obj('Endpoints', 'e', {}))[1]).toBe('<none>');
    const es = obj('EndpointSlice', 's', { addressType: 'IPv4', ports: [{ port: 80 }, { name: 'x' }, {}], endpoints: [{ addresses: ['10.0.0.1'] }] });
    expect(row(es).slice(1, 4)).toEqual(['IPv4', '80,x,*', '10.0.0.1']);
    expect(row(obj('EndpointSlice', 's', { addressType: 'IPv4' })).slice(2, 4)).toEqual(['<unset>', '<unset>']);
  });

  it('PVC: capacity and access modes only once bound; PV claim and class', () => {
    const pending = obj('PersistentVolumeClaim', 'c', { spec: { storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } });
    expect(row(pending)).toEqual(['c', 'Pending', '', '', '', 'standard', '<unset>', '5m30s', '<unset>']);
    const bound = obj('PersistentVolumeClaim', 'c', { spec: { volumeName: 'pvc-1', storageClassName: 'standard', volumeMode: 'Filesystem' }, status: { phase: 'Bound', capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteMany', 'ReadWriteOnce'] } });
    expect(row(bound).slice(1, 5)).toEqual(['Bound', 'pvc-1', '1Gi', 'RWO,RWX']);
    const pv = obj('PersistentVolume', 'pvc-1', { spec: { capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Delete', claimRef: { namespace: 'default', name: 'c' }, storageClassName: 'standard' }, status: { phase: 'Bound' } });
    expect(row(pv)).toEqual(['pvc-1', '1Gi', 'RWO', 'Delete', 'Bound', 'default/c', 'standard', '<unset>', '', '5m30s', '<unset>']);
  });

  it('StorageClass marks the default class and fills the API defaults', () => {
    const sc = obj('StorageClass', 'standard', { provisioner: 'k8s.io/minikube-hostpath' }, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } });
    expect(row(sc)).toEqual(['standard (default)', 'k8s.io/minikube-hostpath', 'Delete', 'Immediate', 'false', '5m30s']);
  });

  it('ConfigMap, Secret, ServiceAccount counts', () => {
    expect(row(obj('ConfigMap', 'c', { data: { a: '1', b: '2' }, binaryData: { c: 'AA==' } }))[1]).toBe('3');
    expect(row(obj('Secret', 's', { type: 'Opaque', data: { a: 'YQ==' } })).slice(1, 3)).toEqual(['Opaque', '1']);
    expect(row(obj('ServiceAccount', 'default', {}))[1]).toBe('0');
  });

  it('Deployment and ReplicaSet: ready/desired, wide containers, images and selector', () => {
    const tpl = { spec: { containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'redis:7' }] } };
    const d = obj('Deployment', 'web', { spec: { replicas: 3, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }] }, template: tpl }, status: { readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2 } });
    expect(row(d)).toEqual(['web', '2/3', '3', '2', '5m30s', 'a,b', 'nginx,redis:7', 'app=web,env in (dev,prod)']);
    const rs = obj('ReplicaSet', 'web-1', { spec: { replicas: 2, template: tpl }, status: { replicas: 2 } });
    expect(row(rs)).toEqual(['web-1', '2', '2', '0', '5m30s', 'a,b', 'nginx,redis:7', '<none>']);
  });

  it('Event: last seen falls back to first seen, count 0 shows 1, series wins, source falls back', () => {
    const e = obj('Event', 'web.1', { type: 'Normal', reason: 'Pulled', involvedObject: { kind: 'Pod', name: 'web', fieldPath: 'spec.containers{web}' }, source: { component: 'kubelet', host: 'minikube' }, message: '  Pulled image \n', firstTimestamp: ts(600_000), count: 0 });
    expect(row(e)).toEqual(['10m', 'Normal', 'Pulled', 'pod/web', 'spec.containers{web}', 'kubelet, minikube', 'Pulled image', '10m', '1', 'web.1']);
    const s = obj('Event', 'x', { involvedObject: { kind: 'Node' }, eventTime: ts(60_000).replace('Z', '.123456Z'), series: { count: 4, lastObservedTime: ts(5_000) }, reportingComponent: 'default-scheduler' });
    expect(row(s)).toEqual(['5s', '', '', 'node', '', 'default-scheduler', '', '59s', '4', 'x']);
  });

  it('Lease: NAME, HOLDER, AGE; no holder is an empty cell', () => {
    const l = obj('Lease', 'minikube', { spec: { holderIdentity: 'minikube', leaseDurationSeconds: 40 } });
    expect(buildTable('Lease', [l], ctx).columns.map((c) => c.name)).toEqual(['Name', 'Holder', 'Age']);
    expect(row(l)).toEqual(['minikube', 'minikube', '5m30s']);
    expect(row(obj('Lease', 'lock', {}))).toEqual(['lock', '', '5m30s']);
  });

  it('kinds without a handler get NAME and AGE', () => {
    const t = buildTable('PodMetrics', [obj('PodMetrics', 'm')], ctx);
    expect(t.columns.map((c) => c.name)).toEqual(['Name', 'Age']);
    expect(t.rows[0].cells).toEqual(['m', '5m30s']);
  });

  it('AGE: <unknown> without a creation time, <invalid> more than 1s in the future', () => {
    expect(row(obj('ConfigMap', 'c', {}, { creationTimestamp: '' }))[2]).toBe('<unknown>');
    expect(row(obj('ConfigMap', 'c', {}, { creationTimestamp: ts(-5_000) }))[2]).toBe('<invalid>');
    expect(row(obj('ConfigMap', 'c', {}, { creationTimestamp: ts(-500) }))[2]).toBe('0s');
  });
});
