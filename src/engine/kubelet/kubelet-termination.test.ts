import { describe, it, expect } from 'vitest';
import type { StoredPod } from '../api/types';
import { TERM_EXIT_MS } from '../runtime/fake-runtime';
import { STATIC_POD_PATH } from './node-files';
import { KubeletHarness } from './test-harness';

/** Every status the API server held for a pod, in order, plus when it went away. */
function history(h: KubeletHarness, name: string) {
  const seen: { t: number; type: string; pod: StoredPod }[] = [];
  h.store.watch('pods', (e) => {
    if (e.object.metadata.name === name) seen.push({ t: h.t(), type: e.type, pod: e.object });
  });
  return seen;
}

describe('kubelet: graceful deletion', () => {
  it('SIGTERM: Killing, exit 143, a final terminal status, then the pod is removed', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'web' });
    h.advance(20);
    const seen = history(h, 'web');
    const t0 = h.t();
    h.store.delete('pods', 'default', 'web', {});
    expect(h.pod('web')!.metadata.deletionGracePeriodSeconds).toBe(30);
    h.advance(1);
    expect(h.pod('web')).toBeUndefined();
    expect(h.eventLines('web').slice(-1)).toEqual(['Normal Killing Stopping container web']);
    const last = seen[seen.length - 2]!;
    expect(seen[seen.length - 1]!.type).toBe('DELETED');
    expect(Math.round((seen[seen.length - 1]!.t - t0) * 1000)).toBe(TERM_EXIT_MS);
    expect(last.pod.status.phase).toBe('Failed');
    expect(last.pod.status.containerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 143, reason: 'Error' });
    expect(last.pod.status.conditions!.find((c) => c.type === 'PodReadyToStartContainers')!.status).toBe('False');
    expect(h.kubelet.ipam.inUse()).toBe(0);
    expect(h.runtimes.get('minikube')!.runningCount()).toBe(0);
    expect(h.kubelet.workers.get(last.pod.metadata.uid)).toBeUndefined();
  });

  it('a process that ignores SIGTERM is killed after the grace period: 137', () => {
    const h = new KubeletHarness({ behaviours: () => ({ ignoresSigterm: true }) });
    h.createPod({ name: 'sleep', containers: [{ name: 'sleep', image: 'busybox:1.36' }], spec: { terminationGracePeriodSeconds: 10 } });
    h.advance(10);
    const seen = history(h, 'sleep');
    const t0 = h.t();
    h.store.delete('pods', 'default', 'sleep', {});
    h.advance(9.9);
    expect(h.pod('sleep')!.metadata.deletionTimestamp).toBeDefined();
    expect(h.pod('sleep')!.status.containerStatuses![0]!.state!.running).toBeDefined();
    h.advance(0.2);
    expect(h.pod('sleep')).toBeUndefined();
    expect(Math.round((seen[seen.length - 1]!.t - t0) * 1000)).toBe(10_000);
    expect(seen[seen.length - 2]!.pod.status.containerStatuses![0]!.state!.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });

  it('gives containers at least 2 seconds', () => {
    const h = new KubeletHarness({ behaviours: () => ({ ignoresSigterm: true }) });
    h.createPod({ name: 'sleep', containers: [{ name: 'sleep', image: 'busybox:1.36' }] });
    h.advance(10);
    h.store.delete('pods', 'default', 'sleep', { gracePeriodSeconds: 1 });
    h.advance(1.9);
    expect(h.pod('sleep')).toBeDefined();
    h.advance(0.2);
    expect(h.pod('sleep')).toBeUndefined();
  });

  it('a pod deleted while its image is pulling never starts', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'slow', containers: [{ name: 'slow', image: 'nginx' }] });
    h.advance(2);
    h.store.delete('pods', 'default', 'slow', {});
    h.advance(10);
    expect(h.pod('slow')).toBeUndefined();
    expect(h.eventLines('slow')).toEqual(['Normal Pulling Pulling image "nginx"']);
    expect(h.runtimes.get('minikube')!.runningCount()).toBe(0);
  });
});

describe('kubelet: force deletion and finished pods', () => {
  it('a pod removed while running is killed and cleaned up', () => {
    const h = new KubeletHarness({ behaviours: () => ({ ignoresSigterm: true }) });
    const pod = h.createPod({ name: 'web', containers: [{ name: 'web', image: 'busybox:1.36' }] });
    h.advance(10);
    h.store.delete('pods', 'default', 'web', { gracePeriodSeconds: 0 });
    expect(h.pod('web')).toBeUndefined();
    h.clock.runUntilIdle();
    expect(h.eventLines('web').slice(-1)).toEqual(['Normal Killing Stopping container web']);
    expect(h.runtimes.get('minikube')!.runningCount()).toBe(1); // SIGKILL comes after the minimum 2 s
    h.advance(2);
    expect(h.runtimes.get('minikube')!.runningCount()).toBe(0);
    expect(h.kubelet.ipam.inUse()).toBe(0);
    expect(h.kubelet.workers.get(pod.metadata.uid)).toBeUndefined();
  });

  it('a finished pod stops its sandbox, keeps its containers, and is forgotten when deleted', () => {
    const h = new KubeletHarness({ behaviours: () => ({ exitAfterMs: 1000 }) });
    const pod = h.createPod({ name: 'job', spec: { restartPolicy: 'Never' }, containers: [{ name: 'job', image: 'busybox:1.36' }] });
    h.advance(10);
    expect(h.pod('job')!.status.phase).toBe('Succeeded');
    const w = h.kubelet.workers.get(pod.metadata.uid)!;
    expect(w.lifecycle).toBe('terminated');
    expect(w.sandbox!.ready).toBe(false);
    const id = w.containers[0]!.id;
    expect(h.runtimes.get('minikube')!.containerState(id)).toBe('exited');
    h.store.delete('pods', 'default', 'job', {});
    expect(h.pod('job')).toBeUndefined(); // a terminal pod is deleted at once
    h.clock.runUntilIdle();
    expect(h.kubelet.workers.get(pod.metadata.uid)).toBeUndefined();
    expect(h.runtimes.get('minikube')!.containerState(id)).toBeUndefined();
  });

  it('sidecars stop after the regular containers, in reverse order', () => {
    const h = new KubeletHarness();
    const order: string[] = [];
    h.runtimes.get('minikube')!.setListener({
      onContainerExited: (e) => {
        const w = [...h.kubelet.workers.all()][0]!;
        order.push(w.containers.find((c) => c.id === e.containerId)!.name);
        h.kubelet.onContainerExited(e);
      },
    });
    h.createPod({ name: 'p', spec: { initContainers: [
      { name: 'a', image: 'busybox:1.36', restartPolicy: 'Always' },
      { name: 'b', image: 'busybox:1.36', restartPolicy: 'Always' },
    ] }, containers: [{ name: 'app', image: 'busybox:1.36' }] });
    h.advance(20);
    h.store.delete('pods', 'default', 'p', {});
    h.advance(5);
    expect(order).toEqual(['app', 'b', 'a']);
    expect(h.pod('p')).toBeUndefined();
  });
});

describe('kubelet: static pods', () => {
  const manifest = `apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: default
spec:
  containers:
  - name: web
    image: nginx:1.27
`;

  it('runs a manifest from the static pod folder and reports its status on the mirror pod', () => {
    const h = new KubeletHarness({ seedFiles: true, nodes: [{ name: 'node-1', internalIP: '192.168.49.3', podCIDR: '10.244.1.0/24' }] });
    h.files.get('node-1')!.writeFile(`${STATIC_POD_PATH}/web.yaml`, manifest);
    h.advance(30);
    const mirror = h.pod('web-node-1')!;
    expect(mirror.metadata.annotations!['kubernetes.io/config.mirror']).toBe(mirror.metadata.annotations!['kubernetes.io/config.hash']);
    expect(mirror.metadata.ownerReferences).toEqual([{ apiVersion: 'v1', kind: 'Node', name: 'node-1', uid: h.kubelet.uid(), controller: true }]);
    expect(mirror.status.phase).toBe('Running');
    expect(mirror.status.podIP).toBe('10.244.1.2');
    expect(mirror.status.containerStatuses![0]).toMatchObject({ name: 'web', ready: true, image: 'docker.io/library/nginx:1.27' });
    // events point at the static pod (its uid is the config hash)
    const ev = h.podEvents('web-node-1').find((e) => e.reason === 'Started')!;
    expect(ev.involvedObject.uid).toBe(mirror.metadata.annotations!['kubernetes.io/config.hash']);
  });

  it('a deleted mirror pod comes back with the status; the containers keep running', () => {
    const h = new KubeletHarness({ seedFiles: true, nodes: [{ name: 'node-1' }] });
    h.files.get('node-1')!.writeFile(`${STATIC_POD_PATH}/web.yaml`, manifest);
    h.advance(30);
    const before = h.pod('web-node-1')!;
    h.store.delete('pods', 'default', 'web-node-1', {});
    h.advance(5);
    const after = h.pod('web-node-1')!;
    expect(after.metadata.uid).not.toBe(before.metadata.uid);
    expect(after.status.phase).toBe('Running');
    expect(after.status.containerStatuses![0]!.containerID).toBe(before.status.containerStatuses![0]!.containerID);
    expect(h.eventLines('web-node-1').filter((l) => l.includes('Killing'))).toEqual([]);
  });

  it('removing the manifest stops the pod and deletes the mirror; editing it replaces the pod', () => {
    const h = new KubeletHarness({ seedFiles: true, nodes: [{ name: 'node-1' }] });
    const fs = h.files.get('node-1')!;
    fs.writeFile(`${STATIC_POD_PATH}/web.yaml`, manifest);
    h.advance(30);
    const first = h.pod('web-node-1')!.status.containerStatuses![0]!.containerID;
    fs.writeFile(`${STATIC_POD_PATH}/web.yaml`, manifest.replace('nginx:1.27', 'nginx:1.26'));
    h.advance(30);
    const edited = h.pod('web-node-1')!;
    expect(edited.spec.containers[0]!.image).toBe('nginx:1.26');
    expect(edited.status.phase).toBe('Running');
    expect(edited.status.containerStatuses![0]!.containerID).not.toBe(first);
    expect(h.eventLines('web-node-1')).toContain('Normal Killing Stopping container web');
    fs.rm(`${STATIC_POD_PATH}/web.yaml`);
    h.advance(30);
    expect(h.pod('web-node-1')).toBeUndefined();
    expect(h.runtimes.get('node-1')!.runningCount()).toBe(0);
    expect([...h.kubelet.workers.all()]).toHaveLength(0);
  });

  it('a control-plane node runs the kubeadm static pods from preloaded images', () => {
    const h = new KubeletHarness({ seedFiles: true });
    h.advance(10);
    const names = h.store.list('pods', { namespace: 'kube-system' }).map((p) => `${p.metadata.name} ${p.status.phase}`);
    expect(names).toEqual([
      'etcd-minikube Running', 'kube-apiserver-minikube Running', 'kube-controller-manager-minikube Running', 'kube-scheduler-minikube Running',
    ]);
    expect(h.eventLines('etcd-minikube')[0]).toBe('Normal Pulled Container image "registry.k8s.io/etcd:3.5.16-0" already present on machine');
    expect(h.pod('etcd-minikube', 'kube-system')!.status.podIP).toBe('192.168.49.2');
  });
});
