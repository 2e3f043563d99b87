import { describe, it, expect } from 'vitest';
import { errorOf, newStore, pod } from './testutil';
import { DEFAULT_API_TOKEN_MOUNT_PATH } from './admission';

const TOKEN = DEFAULT_API_TOKEN_MOUNT_PATH;

describe('ServiceAccount admission', () => {
  it('mounts one kube-api-access volume into every init and regular container', () => {
    const store = newStore();
    const p = store.create('pods', pod({
      initContainers: [{ name: 'init', image: 'busybox' }],
      containers: [{ name: 'a', image: 'nginx' }, { name: 'b', image: 'nginx', volumeMounts: [{ name: 'own', mountPath: TOKEN }] }],
      volumes: [{ name: 'own', emptyDir: {} }],
    }));
    const token = p.spec.volumes!.filter((v) => v.name.startsWith('kube-api-access-'));
    expect(token).toHaveLength(1);
    const name = token[0]!.name;
    expect(p.spec.initContainers![0]!.volumeMounts).toEqual([{ name, readOnly: true, mountPath: TOKEN }]);
    expect(p.spec.containers[0]!.volumeMounts).toEqual([{ name, readOnly: true, mountPath: TOKEN }]);
    // "Existing mounts at the default mount path prevent mounting of the API token"
    expect(p.spec.containers[1]!.volumeMounts).toEqual([{ name: 'own', mountPath: TOKEN }]);
    expect(p.spec.volumes!.map((v) => v.name)).toEqual(['own', name]);
  });

  it('draws the volume suffix from the seeded generator (deterministic per seed)', () => {
    const a = newStore(7).create('pods', pod({ containers: [{ name: 'a', image: 'nginx' }] }));
    const b = newStore(7).create('pods', pod({ containers: [{ name: 'a', image: 'nginx' }] }));
    const c = newStore(8).create('pods', pod({ containers: [{ name: 'a', image: 'nginx' }] }));
    expect(a.spec.volumes![0]!.name).toBe(b.spec.volumes![0]!.name);
    expect(a.spec.volumes![0]!.name).not.toBe(c.spec.volumes![0]!.name);
  });

  it('does not automount when the pod or its service account opts out', () => {
    const store = newStore();
    const p = store.create('pods', pod({ automountServiceAccountToken: false, containers: [{ name: 'a', image: 'nginx' }] }));
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.containers[0]!.volumeMounts).toBeUndefined();
    store.create('serviceaccounts', { metadata: { name: 'robot' }, automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }] });
    const q = store.create('pods', pod({ serviceAccountName: 'robot', containers: [{ name: 'a', image: 'nginx' }] }, { name: 'q' }));
    expect(q.spec.volumes).toBeUndefined();
    expect(q.spec.serviceAccountName).toBe('robot');
    expect(q.spec.serviceAccount).toBe('robot');
    expect(q.spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
  });

  it('rejects a service account that does not exist', () => {
    const store = newStore();
    expect(errorOf(() => store.create('pods', pod({ serviceAccountName: 'ghost', containers: [{ name: 'a', image: 'nginx' }] }))))
      .toBe('pods "web" is forbidden: error looking up service account default/ghost: serviceaccount "ghost" not found');
  });

  it('leaves mirror pods alone and keeps them off service accounts', () => {
    const store = newStore();
    const mirror = { 'kubernetes.io/config.mirror': 'abc' };
    const p = store.create('pods', pod({ nodeName: 'minikube', containers: [{ name: 'etcd', image: 'etcd' }] }, { name: 'etcd-minikube', annotations: mirror }));
    expect(p.spec.serviceAccountName).toBeUndefined();
    expect(p.spec.volumes).toBeUndefined();
    expect(p.spec.containers[0]!.volumeMounts).toBeUndefined();
    expect(errorOf(() => store.create('pods', pod({ nodeName: 'minikube', serviceAccountName: 'default', containers: [{ name: 'a', image: 'x' }] }, { name: 'm2', annotations: mirror }))))
      .toBe('pods "m2" is forbidden: a mirror pod may not reference service accounts');
    expect(errorOf(() => store.create('pods', pod({ nodeName: 'minikube', containers: [{ name: 'a', image: 'x' }], volumes: [{ name: 's', secret: { secretName: 's' } }] }, { name: 'm3', annotations: mirror }))))
      .toBe('pods "m3" is forbidden: a mirror pod may not reference secrets');
  });
});

describe('DefaultTolerationSeconds admission', () => {
  it('adds the two NoExecute tolerations after the pod\'s own', () => {
    const p = newStore().create('pods', pod({ containers: [{ name: 'a', image: 'x' }], tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }] }));
    expect(p.spec.tolerations).toEqual([
      { key: 'gpu', operator: 'Exists', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
  });

  it('adds nothing the pod already tolerates', () => {
    const store = newStore();
    const own = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 10 };
    const p = store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }], tolerations: [own] }));
    expect(p.spec.tolerations).toEqual([own, { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]);
    // an empty key with an empty effect tolerates everything
    const q = store.create('pods', pod({ containers: [{ name: 'a', image: 'x' }], tolerations: [{ operator: 'Exists' }] }, { name: 'q' }));
    expect(q.spec.tolerations).toEqual([{ operator: 'Exists' }]);
  });
});

describe('Priority admission', () => {
  it('sets priority 0 and PreemptLowerPriority', () => {
    const p = newStore().create('pods', pod({ containers: [{ name: 'a', image: 'x' }] }));
    expect(p.spec.priority).toBe(0);
    expect(p.spec.preemptionPolicy).toBe('PreemptLowerPriority');
  });

  it('accepts the priority it would compute, forbids any other', () => {
    const store = newStore();
    expect(store.create('pods', pod({ priority: 0, containers: [{ name: 'a', image: 'x' }] })).spec.priority).toBe(0);
    expect(errorOf(() => store.create('pods', pod({ priority: 1000, containers: [{ name: 'a', image: 'x' }] }, { name: 'p2' }))))
      .toBe('pods "p2" is forbidden: the integer value of priority (1000) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name');
    expect(errorOf(() => store.create('pods', pod({ preemptionPolicy: 'Never', containers: [{ name: 'a', image: 'x' }] }, { name: 'p3' }))))
      .toBe('pods "p3" is forbidden: the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name');
  });

  it('resolves the system priority classes and rejects unknown ones', () => {
    const store = newStore();
    const p = store.create('pods', pod({ priorityClassName: 'system-node-critical', containers: [{ name: 'a', image: 'x' }] }, { namespace: 'kube-system' }));
    expect(p.spec.priority).toBe(2000001000);
    expect(errorOf(() => store.create('pods', pod({ priorityClassName: 'high', containers: [{ name: 'a', image: 'x' }] }, { name: 'p4' }))))
      .toBe('pods "p4" is forbidden: no PriorityClass with name high was found');
  });
});
