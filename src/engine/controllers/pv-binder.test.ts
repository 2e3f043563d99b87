import { describe, expect, it } from 'vitest';
import { newTestContext, runPod } from './testing';
import { PersistentVolumeController } from './pv-binder';
import type { EngineContext } from '../cluster/context';
import type { StoredEvent, StoredPV, StoredPVC } from '../api/types';

function setup() {
  const ctx = newTestContext();
  ctx.store.create('storageclasses', {
    metadata: { name: 'standard', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    provisioner: 'k8s.io/minikube-hostpath',
  });
  // minikube's provisioner runs in this pod.
  ctx.store.create('pods', { metadata: { name: 'storage-provisioner', namespace: 'kube-system' }, spec: { containers: [{ name: 'p', image: 'gcr.io/k8s-minikube/storage-provisioner:v5' }] } });
  runPod(ctx, 'kube-system', 'storage-provisioner');
  new PersistentVolumeController(ctx).start();
  return ctx;
}

const claim = (name: string, size: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: size } }, ...extra },
});

const pvc = (ctx: EngineContext, name: string) => ctx.store.get('persistentvolumeclaims', 'default', name) as StoredPVC;
const pv = (ctx: EngineContext, name: string) => ctx.store.tryGet('persistentvolumes', undefined, name) as StoredPV | undefined;
const events = (ctx: EngineContext) =>
  (ctx.store.list('events', { namespace: 'default' }) as StoredEvent[]).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));

describe('PersistentVolumeController: dynamic provisioning (minikube hostpath)', () => {
  it('provisions pvc-<uid> under /tmp/hostpath-provisioner and binds the claim', () => {
    const ctx = setup();
    const created = ctx.store.create('persistentvolumeclaims', claim('data', '1Gi')) as StoredPVC;
    ctx.clock.runUntilIdle();
    const name = `pvc-${created.metadata.uid}`;
    const v = pv(ctx, name)!;
    expect(v.spec!.hostPath).toEqual({ path: '/tmp/hostpath-provisioner/default/data', type: '' });
    expect(v.spec!.persistentVolumeReclaimPolicy).toBe('Delete');
    expect(v.spec!.storageClassName).toBe('standard');
    expect(v.spec!.capacity).toEqual({ storage: '1Gi' });
    expect(v.spec!.claimRef).toMatchObject({ kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data', uid: created.metadata.uid, apiVersion: 'v1' });
    expect(Object.keys(v.metadata.annotations!).sort()).toEqual(['hostPathProvisionerIdentity', 'pv.kubernetes.io/provisioned-by']);
    expect(v.metadata.annotations!['pv.kubernetes.io/provisioned-by']).toBe('k8s.io/minikube-hostpath');
    expect(v.metadata.annotations!['pv.kubernetes.io/bound-by-controller']).toBeUndefined();
    expect(v.status!.phase).toBe('Bound');
    const c = pvc(ctx, 'data');
    expect(c.spec!.volumeName).toBe(name);
    expect(c.metadata.annotations).toEqual({
      'pv.kubernetes.io/bind-completed': 'yes',
      'pv.kubernetes.io/bound-by-controller': 'yes',
      'volume.beta.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
      'volume.kubernetes.io/storage-provisioner': 'k8s.io/minikube-hostpath',
    });
    expect(c.status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } });
    const ev = events(ctx).map((e) => [e.reason, e.source?.component, e.message]);
    expect(ev[0]).toEqual([
      'ExternalProvisioning', 'persistentvolume-controller',
      "Waiting for a volume to be created either by the external provisioner 'k8s.io/minikube-hostpath' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    ]);
    expect(ev[1]![0]).toBe('Provisioning');
    expect(ev[1]![1]).toMatch(/^k8s\.io\/minikube-hostpath_minikube_[0-9a-f-]{36}$/);
    expect(ev[1]![2]).toBe('External provisioner is provisioning volume for claim "default/data"');
    expect(ev[2]).toEqual(['ProvisioningSucceeded', ev[1]![1], `Successfully provisioned volume ${name}`]);
  });

  it('leaves claims Pending while the storage-provisioner pod is not running', () => {
    const ctx = setup();
    ctx.store.delete('pods', 'kube-system', 'storage-provisioner', { gracePeriodSeconds: 0 });
    ctx.store.create('persistentvolumeclaims', claim('data', '1Gi'));
    ctx.clock.advance(20_000);
    expect(pvc(ctx, 'data').status!.phase).toBe('Pending');
    // Once on creation, again for the claim's own annotation update, again at the 15 s resync.
    expect(events(ctx).map((e) => [e.reason, e.count])).toEqual([['ExternalProvisioning', 3]]);
    ctx.store.create('pods', { metadata: { name: 'storage-provisioner', namespace: 'kube-system' }, spec: { containers: [{ name: 'p', image: 'gcr.io/k8s-minikube/storage-provisioner:v5' }] } });
    runPod(ctx, 'kube-system', 'storage-provisioner');
    ctx.clock.runUntilIdle();
    expect(pvc(ctx, 'data').status!.phase).toBe('Bound');
  });

  it('deletes the provisioned volume when the claim goes (Delete policy)', () => {
    const ctx = setup();
    const created = ctx.store.create('persistentvolumeclaims', claim('data', '1Gi')) as StoredPVC;
    ctx.clock.runUntilIdle();
    ctx.store.delete('persistentvolumeclaims', 'default', 'data');
    ctx.clock.runUntilIdle();
    expect(ctx.store.tryGet('persistentvolumeclaims', 'default', 'data')).toBeUndefined();
    expect(pv(ctx, `pvc-${created.metadata.uid}`)).toBeUndefined();
  });

  it('keeps a claim in use by a scheduled pod Terminating until the pod is gone', () => {
    const ctx = setup();
    ctx.store.create('persistentvolumeclaims', claim('data', '1Gi'));
    ctx.clock.runUntilIdle();
    ctx.store.create('pods', {
      metadata: { name: 'app' },
      spec: { nodeName: 'minikube', containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'd', persistentVolumeClaim: { claimName: 'data' } }] },
    });
    ctx.store.delete('persistentvolumeclaims', 'default', 'data');
    ctx.clock.runUntilIdle();
    expect(pvc(ctx, 'data').metadata.deletionTimestamp).toBeDefined();
    expect(pvc(ctx, 'data').metadata.finalizers).toEqual(['kubernetes.io/pvc-protection']);
    // Graceful deletion: the pod still holds the claim while it terminates.
    ctx.store.delete('pods', 'default', 'app');
    ctx.clock.runUntilIdle();
    expect(pvc(ctx, 'data')).toBeDefined();
    ctx.store.delete('pods', 'default', 'app', { gracePeriodSeconds: 0 });
    ctx.clock.runUntilIdle();
    expect(ctx.store.tryGet('persistentvolumeclaims', 'default', 'data')).toBeUndefined();
  });
});

describe('PersistentVolumeController: static volumes', () => {
  const volume = (name: string, size: string, extra: Record<string, unknown> = {}) => ({
    metadata: { name },
    spec: { capacity: { storage: size }, accessModes: ['ReadWriteOnce'], hostPath: { path: `/data/${name}` }, storageClassName: 'manual', ...extra },
  });

  it('binds a claim to the smallest Available volume that fits, and releases it on claim deletion', () => {
    const ctx = setup();
    ctx.store.create('persistentvolumes', volume('big', '10Gi'));
    ctx.store.create('persistentvolumes', volume('small', '2Gi'));
    ctx.store.create('persistentvolumes', volume('tiny', '500Mi'));
    ctx.store.create('persistentvolumes', volume('rwx', '1Gi', { accessModes: ['ReadWriteMany'] }));
    ctx.clock.runUntilIdle();
    expect(pv(ctx, 'small')!.status!.phase).toBe('Available');
    ctx.store.create('persistentvolumeclaims', claim('data', '1Gi', { storageClassName: 'manual' }));
    ctx.clock.runUntilIdle();
    expect(pvc(ctx, 'data').spec!.volumeName).toBe('small');
    expect(pvc(ctx, 'data').status).toEqual({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '2Gi' } });
    expect(pv(ctx, 'small')!.metadata.annotations).toEqual({ 'pv.kubernetes.io/bound-by-controller': 'yes' });
    expect(pv(ctx, 'small')!.status!.phase).toBe('Bound');
    expect(events(ctx)).toHaveLength(0);
    ctx.store.delete('persistentvolumeclaims', 'default', 'data');
    ctx.clock.runUntilIdle();
    expect(pv(ctx, 'small')!.status!.phase).toBe('Released');
  });

  it('leaves a claim without a class or a match Pending with FailedBinding', () => {
    const ctx = setup();
    ctx.store.create('persistentvolumeclaims', claim('data', '1Gi', { storageClassName: '' }));
    ctx.clock.runUntilIdle();
    ctx.clock.advance(31_000);
    expect(pvc(ctx, 'data').status!.phase).toBe('Pending');
    const ev = events(ctx);
    expect(ev).toHaveLength(1);
    expect([ev[0]!.reason, ev[0]!.message, ev[0]!.count]).toEqual(['FailedBinding', 'no persistent volumes available for this claim and no storage class is set', 3]);
  });

  it('binds a Pending claim once a matching volume appears', () => {
    const ctx = setup();
    ctx.store.create('persistentvolumeclaims', claim('data', '1Gi', { storageClassName: 'manual' }));
    ctx.clock.runUntilIdle();
    expect(pvc(ctx, 'data').status!.phase).toBe('Pending');
    ctx.store.create('persistentvolumes', volume('pv1', '1Gi'));
    ctx.clock.runUntilIdle();
    expect(pvc(ctx, 'data').status!.phase).toBe('Bound');
  });
});
