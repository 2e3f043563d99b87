import { describe, expect, it } from 'vitest';
import { newTestContext } from '../controllers/testing';
import { failure } from './testing';
import type { StoredService } from '../api/types';

describe('Namespace strategy', () => {
  it('labels the name, starts Active and carries the kubernetes finalizer', () => {
    const { store } = newTestContext();
    const ns = store.create('namespaces', { metadata: { name: 'team-a' } });
    expect(ns.metadata.labels).toEqual({ 'kubernetes.io/metadata.name': 'team-a' });
    expect(ns.status).toEqual({ phase: 'Active' });
    expect(ns.spec).toEqual({ finalizers: ['kubernetes'] });
  });

  it('rejects names that are not DNS labels', () => {
    const { store } = newTestContext();
    expect(failure(() => store.create('namespaces', { metadata: { name: 'team.a' } })).message).toBe(
      'Namespace "team.a" is invalid: metadata.name: Invalid value: "team.a": must not contain dots',
    );
    const err = failure(() => store.create('namespaces', { metadata: { name: 'team_a' } }));
    expect(err.message).toBe(
      `Namespace "team_a" is invalid: metadata.name: Invalid value: "team_a": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')`,
    );
  });
});

describe('Namespace deletion admission', () => {
  it('refuses to delete the immortal namespaces', () => {
    const { store } = newTestContext();
    expect(failure(() => store.delete('namespaces', undefined, 'default')).message).toBe('namespaces "default" is forbidden: this namespace may not be deleted');
    expect(store.tryGet('namespaces', undefined, 'default')).toBeDefined();
  });
});

describe('Service strategy', () => {
  const svc = (name: string, spec: Record<string, unknown>) => ({ metadata: { name }, spec });

  it('defaults a ClusterIP service and allocates an IP from the dynamic part of 10.96.0.0/12', () => {
    const { store } = newTestContext();
    const s = store.create('services', svc('web', { selector: { app: 'web' }, ports: [{ port: 80 }] })) as StoredService;
    expect(s.spec!.type).toBe('ClusterIP');
    expect(s.spec!.sessionAffinity).toBe('None');
    expect(s.spec!.internalTrafficPolicy).toBe('Cluster');
    expect(s.spec!.ipFamilies).toEqual(['IPv4']);
    expect(s.spec!.ipFamilyPolicy).toBe('SingleStack');
    expect(s.spec!.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 80 }]);
    expect(s.spec!.externalTrafficPolicy).toBeUndefined();
    const ip = s.spec!.clusterIP!;
    expect(s.spec!.clusterIPs).toEqual([ip]);
    const [a, b, c] = ip.split('.').map(Number);
    expect(a).toBe(10);
    expect(b! >= 96 && b! <= 111).toBe(true);
    expect(b! > 96 || c! >= 1).toBe(true); // 10.96.0.x is kept for static assignment
    expect(s.status).toEqual({ loadBalancer: {} });
  });

  it('allocates deterministically for a seed and never hands out the same IP twice', () => {
    const ips = (seed: number) => {
      const { store } = newTestContext(seed);
      return ['a', 'b', 'c'].map((n) => (store.create('services', svc(n, { ports: [{ port: 80 }] })) as StoredService).spec!.clusterIP);
    };
    expect(ips(7)).toEqual(ips(7));
    expect(new Set(ips(7)).size).toBe(3);
    expect(ips(7)).not.toEqual(ips(8));
  });

  it('gives NodePort services a node port above the static block and externalTrafficPolicy Cluster', () => {
    const { store } = newTestContext();
    const s = store.create('services', svc('np', { type: 'NodePort', ports: [{ port: 80, targetPort: 'http' }] })) as StoredService;
    const np = s.spec!.ports![0]!.nodePort!;
    expect(np >= 30086 && np <= 32767).toBe(true);
    expect(s.spec!.externalTrafficPolicy).toBe('Cluster');
    expect(s.spec!.ports![0]!.targetPort).toBe('http');
  });

  it('reports upstream messages for missing ports, bad ports and duplicate port/protocol pairs', () => {
    const { store } = newTestContext();
    expect(failure(() => store.create('services', svc('web', {}))).message).toBe('Service "web" is invalid: spec.ports: Required value');
    expect(failure(() => store.create('services', svc('web', { ports: [{ port: 70000 }] }))).message).toBe(
      // targetPort defaults to port, so it fails too, as on a real API server.
      'Service "web" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    );
    expect(failure(() => store.create('services', svc('web', { ports: [{ name: 'a', port: 80 }, { name: 'b', port: 80 }] }))).message).toBe(
      'Service "web" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
    );
    expect(failure(() => store.create('services', svc('web', { ports: [{ port: 80 }, { port: 81 }] }))).message).toBe(
      'Service "web" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
    );
  });

  it('rejects node ports and cluster IPs that are taken or out of range', () => {
    const { store } = newTestContext();
    store.create('services', svc('a', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }));
    expect(failure(() => store.create('services', svc('b', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }))).message).toBe(
      'Service "b" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
    expect(failure(() => store.create('services', svc('c', { type: 'NodePort', ports: [{ port: 80, nodePort: 8080 }] }))).message).toBe(
      'Service "c" is invalid: spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    store.create('services', svc('d', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] }));
    expect(failure(() => store.create('services', svc('e', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] }))).message).toBe(
      'Service "e" is invalid: spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
    expect(failure(() => store.create('services', svc('f', { clusterIP: '192.168.1.1', ports: [{ port: 53 }] }))).message).toBe(
      'Service "f" is invalid: spec.clusterIPs: Invalid value: []string{"192.168.1.1"}: failed to allocate IP 192.168.1.1: provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12',
    );
  });

  it('keeps allocated values on a PUT that omits them and refuses to change the cluster IP', () => {
    const { store } = newTestContext();
    const s = store.create('services', svc('web', { type: 'NodePort', ports: [{ port: 80 }] })) as StoredService;
    const put = store.update('services', svc('web', { type: 'NodePort', ports: [{ port: 80 }], selector: { app: 'v2' } })) as StoredService;
    expect(put.spec!.clusterIP).toBe(s.spec!.clusterIP);
    expect(put.spec!.ports![0]!.nodePort).toBe(s.spec!.ports![0]!.nodePort);
    const err = failure(() => store.update('services', svc('web', { type: 'NodePort', clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'], ports: [{ port: 80 }] })));
    expect(err.message).toBe('Service "web" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.0.99"}: may not change once set');
  });

  it('validates selector labels', () => {
    const { store } = newTestContext();
    expect(failure(() => store.create('services', svc('web', { selector: { app: 'bad value' }, ports: [{ port: 80 }] }))).message).toBe(
      `Service "web" is invalid: spec.selector: Invalid value: "bad value": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  });
});

describe('ConfigMap and Secret strategies', () => {
  it('rejects bad config keys with the upstream message', () => {
    const { store } = newTestContext();
    expect(failure(() => store.create('configmaps', { metadata: { name: 'cfg' }, data: { 'bad key': 'x' } })).message).toBe(
      `ConfigMap "cfg" is invalid: data[bad key]: Invalid value: "bad key": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')`,
    );
  });

  it('defaults the type to Opaque and merges stringData into data', () => {
    const { store } = newTestContext();
    const s = store.create('secrets', { metadata: { name: 's' }, data: { a: 'eA==' }, stringData: { b: 'hello', a: 'ü' } });
    expect(s.type).toBe('Opaque');
    expect(s.data).toEqual({ a: 'w7w=', b: 'aGVsbG8=' });
    expect((s as { stringData?: unknown }).stringData).toBeUndefined();
  });

  it('fails to decode bad base64 like the API server', () => {
    const { store } = newTestContext();
    const err = failure(() => store.create('secrets', { metadata: { name: 's' }, data: { a: 'abc$' } }));
    expect(err.reason).toBe('BadRequest');
    expect(err.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3');
    expect(failure(() => store.create('secrets', { metadata: { name: 's' }, data: { a: 'abc' } })).message).toMatch(/at input byte 0$/);
  });

  it('requires tls.crt and tls.key for TLS secrets', () => {
    const { store } = newTestContext();
    expect(failure(() => store.create('secrets', { metadata: { name: 't' }, type: 'kubernetes.io/tls', data: {} })).message).toBe(
      'Secret "t" is invalid: [data[tls.crt]: Required value, data[tls.key]: Required value]',
    );
  });
});

describe('PersistentVolumeClaim strategy', () => {
  const claim = (spec: Record<string, unknown>) => ({ metadata: { name: 'data' }, spec });

  it('reports missing access modes and storage request', () => {
    const { store } = newTestContext();
    expect(failure(() => store.create('persistentvolumeclaims', claim({}))).message).toBe(
      'PersistentVolumeClaim "data" is invalid: [spec.accessModes: Required value: at least 1 access mode is required, spec.resources[storage]: Required value]',
    );
  });

  it('defaults volumeMode, phase, the default storage class and the protection finalizer', () => {
    const { store } = newTestContext();
    store.create('storageclasses', {
      metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'k8s.io/minikube-hostpath',
    });
    const pvc = store.create('persistentvolumeclaims', claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } }));
    expect(pvc.spec!.volumeMode).toBe('Filesystem');
    expect(pvc.spec!.storageClassName).toBe('standard');
    expect(pvc.spec!.resources!.requests!.storage).toBe('1Gi');
    expect(pvc.status).toEqual({ phase: 'Pending' });
    expect(pvc.metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    const explicit = store.create('persistentvolumeclaims', { ...claim({ accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '1Gi' } } }), metadata: { name: 'static' } });
    expect(explicit.spec!.storageClassName).toBe('');
  });

  it('keeps the spec immutable and refuses resizes the class does not allow', () => {
    const { store } = newTestContext();
    store.create('persistentvolumeclaims', claim({ accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '1Gi' } } }));
    const err = failure(() => store.update('persistentvolumeclaims', claim({ accessModes: ['ReadWriteMany'], storageClassName: '', resources: { requests: { storage: '1Gi' } } })));
    expect(err.message).toBe(
      'PersistentVolumeClaim "data" is invalid: spec: Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims',
    );
    const grow = failure(() => store.update('persistentvolumeclaims', claim({ accessModes: ['ReadWriteOnce'], storageClassName: '', resources: { requests: { storage: '2Gi' } } })));
    expect(grow.message).toContain('spec: Forbidden: spec is immutable after creation');
  });

  it('fails to decode a bad storage quantity', () => {
    const { store } = newTestContext();
    const err = failure(() => store.create('persistentvolumeclaims', claim({ accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1GB' } } })));
    expect(err.message).toBe(
      "PersistentVolumeClaim in version \"v1\" cannot be handled as a PersistentVolumeClaim: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });
});

describe('PersistentVolume and StorageClass strategies', () => {
  it('defaults a PV to Retain, Filesystem and Pending', () => {
    const { store } = newTestContext();
    const pv = store.create('persistentvolumes', {
      metadata: { name: 'pv1' },
      spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data/pv1' } },
    });
    expect(pv.spec!.persistentVolumeReclaimPolicy).toBe('Retain');
    expect(pv.spec!.volumeMode).toBe('Filesystem');
    expect(pv.spec!.hostPath).toEqual({ path: '/data/pv1', type: '' });
    expect(pv.status).toEqual({ phase: 'Pending', lastPhaseTransitionTime: '2026-11-21T12:00:00Z' });
    expect(pv.metadata.finalizers).toEqual(['kubernetes.io/pv-protection']);
  });

  it('requires a volume source', () => {
    const { store } = newTestContext();
    const err = failure(() => store.create('persistentvolumes', { metadata: { name: 'pv1' }, spec: { capacity: { storage: '5Gi' }, accessModes: ['ReadWriteOnce'] } }));
    expect(err.message).toBe('PersistentVolume "pv1" is invalid: spec: Required value: must specify a volume type');
  });

  it('defaults a StorageClass to Delete and Immediate', () => {
    const { store } = newTestContext();
    const sc = store.create('storageclasses', { metadata: { name: 'fast' }, provisioner: 'example.com/fast' });
    expect(sc.reclaimPolicy).toBe('Delete');
    expect(sc.volumeBindingMode).toBe('Immediate');
    expect(failure(() => store.create('storageclasses', { metadata: { name: 'x' } })).message).toBe('StorageClass.storage.k8s.io "x" is invalid: provisioner: Required value');
  });
});
