import { describe, it, expect } from 'vitest';
import { KUBELET_TIMINGS } from './pod-workers';
import { KubeletHarness } from './test-harness';

const { sandboxMs, createMs, startMs } = KUBELET_TIMINGS;
const NGINX_PULL_MS = 5611;

function conditions(h: KubeletHarness, name: string): string[] {
  return (h.pod(name)!.status.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? ` ${c.reason}` : ''}${c.message ? `: ${c.message}` : ''}`);
}

describe('kubelet: a pod on its way to Running', () => {
  it('emits Pulling, Pulled, Created, Started with the upstream texts and timing', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'nginx', containers: [{ name: 'nginx', image: 'nginx' }] });
    h.advance(30);
    const pulled = sandboxMs + NGINX_PULL_MS;
    expect(h.timedEvents('nginx')).toEqual([
      `${sandboxMs / 1000} Pulling Pulling image "nginx"`,
      `${pulled / 1000} Pulled Successfully pulled image "nginx" in 5.611s (5.611s including waiting). Image size: 72195292 bytes.`,
      `${(pulled + createMs) / 1000} Created Created container: nginx`,
      `${(pulled + createMs + startMs) / 1000} Started Started container nginx`,
    ]);
    const ev = h.podEvents('nginx')[0]!;
    expect(ev.source).toEqual({ component: 'kubelet', host: 'minikube' });
    expect(ev.involvedObject).toMatchObject({ kind: 'Pod', name: 'nginx', namespace: 'default', fieldPath: 'spec.containers{nginx}' });
  });

  it('reports conditions, container states and IPs at each stage', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'web', containers: [{ name: 'web', image: 'nginx' }] });
    h.clock.runUntilIdle();
    let s = h.pod('web')!.status;
    expect(s.phase).toBe('Pending');
    expect(conditions(h, 'web')).toEqual([
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False ContainersNotReady: containers with unready status: [web]',
      'ContainersReady=False ContainersNotReady: containers with unready status: [web]',
      'PodScheduled=True',
    ]);
    expect(s.hostIP).toBe('192.168.49.2');
    expect(s.hostIPs).toEqual([{ ip: '192.168.49.2' }]);
    expect(s.podIP).toBeUndefined();
    expect(s.startTime).toBe('2026-11-21T12:00:00Z');
    expect(s.qosClass).toBe('BestEffort');
    expect(s.containerStatuses).toEqual([expect.objectContaining({
      name: 'web', image: 'nginx', imageID: '', ready: false, restartCount: 0, started: false, lastState: {},
      state: { waiting: { reason: 'ContainerCreating' } },
    })]);
    expect(s.conditions!.every((c) => c.lastProbeTime === null)).toBe(true);

    // SyncPod goes on from the sandbox to the pull without writing a status in between
    h.clock.advance(sandboxMs + 1000);
    s = h.pod('web')!.status;
    expect(conditions(h, 'web')[0]).toBe('PodReadyToStartContainers=False');
    expect(s.podIP).toBeUndefined();
    expect(s.containerStatuses![0]!.state).toEqual({ waiting: { reason: 'ContainerCreating' } });

    h.advance(10);
    s = h.pod('web')!.status;
    expect(s.phase).toBe('Running');
    expect(conditions(h, 'web')).toEqual([
      'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True',
    ]);
    expect(s.podIP).toBe('10.244.0.2');
    expect(s.podIPs).toEqual([{ ip: '10.244.0.2' }]);
    const cs = s.containerStatuses![0]!;
    expect(cs).toMatchObject({
      name: 'web', ready: true, started: true, restartCount: 0, lastState: {},
      image: 'docker.io/library/nginx:latest', state: { running: { startedAt: '2026-11-21T12:00:06Z' } },
    });
    expect(cs.imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    // lastTransitionTime moves only when the status flips
    const ready = s.conditions!.find((c) => c.type === 'Ready')!;
    const scheduled = s.conditions!.find((c) => c.type === 'PodScheduled')!;
    expect(ready.lastTransitionTime).toBe('2026-11-21T12:00:06Z');
    expect(scheduled.lastTransitionTime).toBe('2026-11-21T12:00:00Z');
  });

  it('writes the status only when it changed', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'web' });
    h.advance(60);
    // Pending (first sync), then Running (the sync after the start)
    expect(h.kubelet.status.writes).toBe(2);
    const rv = h.pod('web')!.metadata.resourceVersion;
    h.advance(600);
    expect(h.pod('web')!.metadata.resourceVersion).toBe(rv);
  });

  it('reports read-only volume mounts with recursiveReadOnly Disabled', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'vol', spec: { volumes: [{ name: 'cfg', emptyDir: {} }, { name: 'data', emptyDir: {} }] }, containers: [{
      name: 'vol', image: 'nginx', volumeMounts: [{ name: 'cfg', mountPath: '/etc/cfg', readOnly: true }, { name: 'data', mountPath: '/data' }],
    }] });
    h.advance(10);
    const mounts = h.pod('vol')!.status.containerStatuses![0]!.volumeMounts!;
    expect(mounts).toContainEqual({ name: 'cfg', mountPath: '/etc/cfg', readOnly: true, recursiveReadOnly: 'Disabled' });
    expect(mounts).toContainEqual({ name: 'data', mountPath: '/data' });
  });

  it('pulls one image at a time per node; "including waiting" counts the queue', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'a', containers: [{ name: 'a', image: 'nginx:1.27' }] });
    h.createPod({ name: 'b', containers: [{ name: 'b', image: 'redis:7' }] });
    h.createPod({ name: 'c', containers: [{ name: 'c', image: 'nginx:1.27' }] });
    h.advance(60);
    expect(h.eventLines('a')[1]).toBe('Normal Pulled Successfully pulled image "nginx:1.27" in 5.611s (5.611s including waiting). Image size: 72195292 bytes.');
    expect(h.eventLines('b')[1]).toBe('Normal Pulled Successfully pulled image "redis:7" in 4.418s (10.029s including waiting). Image size: 45006286 bytes.');
    // IfNotPresent: the third pod queued behind both; the content was there by then, so only the manifest was fetched
    expect(h.eventLines('c')[1]).toMatch(/^Normal Pulled Successfully pulled image "nginx:1\.27" in \d{3}ms \(10\.\d{3}s including waiting\)\. Image size: 72195292 bytes\.$/);
    // a later IfNotPresent pod finds it on the node
    h.createPod({ name: 'd', containers: [{ name: 'd', image: 'nginx:1.27' }] });
    h.advance(5);
    expect(h.eventLines('d')[0]).toBe('Normal Pulled Container image "nginx:1.27" already present on machine');
  });

  it('allocates pod IPs from the node podCIDR and releases them when the sandbox goes', () => {
    const h = new KubeletHarness({ nodes: [{ name: 'n1', podCIDR: '10.244.1.0/24', internalIP: '192.168.49.3' }] });
    for (const n of ['a', 'b', 'c']) h.createPod({ name: n, node: 'n1' });
    h.advance(30);
    expect(['a', 'b', 'c'].map((n) => h.pod(n)!.status.podIP)).toEqual(['10.244.1.2', '10.244.1.3', '10.244.1.4']);
    expect(h.kubelet.ipam.inUse()).toBe(3);
    h.store.delete('pods', 'default', 'b', { gracePeriodSeconds: 1 });
    h.advance(5);
    expect(h.pod('b')).toBeUndefined();
    expect(h.kubelet.ipam.inUse()).toBe(2);
    h.createPod({ name: 'd', node: 'n1' });
    h.advance(5);
    expect(h.pod('d')!.status.podIP).toBe('10.244.1.5');
  });

  it('gives hostNetwork pods the node IP without allocating one', () => {
    const h = new KubeletHarness();
    h.createPod({ name: 'hn', spec: { hostNetwork: true } });
    h.advance(10);
    expect(h.pod('hn')!.status.podIP).toBe('192.168.49.2');
    expect(h.kubelet.ipam.inUse()).toBe(0);
  });

  it('only runs pods bound to its own node', () => {
    const h = new KubeletHarness({ nodes: [{ name: 'n1' }, { name: 'n2' }] });
    h.createPod({ name: 'x', node: 'n2' });
    h.advance(10);
    expect(h.pod('x')!.status.hostIP).toBe('192.168.49.3');
    expect(h.kubelets.get('n1')!.workers.get(h.pod('x')!.metadata.uid)).toBeUndefined();
    expect(h.runtimes.get('n2')!.runningCount()).toBe(1);
    expect(h.runtimes.get('n1')!.runningCount()).toBe(0);
  });
});

describe('kubelet: node registration', () => {
  it('registers a Node with minikube-like labels, capacity, conditions and nodeInfo', () => {
    const h = new KubeletHarness();
    const node = h.store.get('nodes', undefined, 'minikube');
    expect(node.metadata.labels).toEqual({
      'beta.kubernetes.io/arch': 'amd64',
      'beta.kubernetes.io/os': 'linux',
      'kubernetes.io/arch': 'amd64',
      'kubernetes.io/hostname': 'minikube',
      'kubernetes.io/os': 'linux',
      'node-role.kubernetes.io/control-plane': '',
      'node.kubernetes.io/exclude-from-external-load-balancers': '',
    });
    expect(node.spec).toEqual({ podCIDR: '10.244.0.0/24', podCIDRs: ['10.244.0.0/24'] });
    expect(node.status.capacity).toEqual({ cpu: '2', 'ephemeral-storage': '61202244Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '3912Mi', pods: '110' });
    expect(node.status.allocatable).toEqual(node.status.capacity);
    expect(node.status.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
      ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
      ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
      ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
    ]);
    expect(node.status.addresses).toEqual([{ type: 'InternalIP', address: '192.168.49.2' }, { type: 'Hostname', address: 'minikube' }]);
    expect(node.status.daemonEndpoints).toEqual({ kubeletEndpoint: { Port: 10250 } });
    expect(node.status.nodeInfo).toMatchObject({
      architecture: 'amd64', operatingSystem: 'linux', kubeletVersion: 'v1.32.0', kubeProxyVersion: 'v1.32.0',
      containerRuntimeVersion: 'containerd://1.7.24', osImage: 'Ubuntu 22.04.5 LTS',
    });
    expect(node.status.nodeInfo!.machineID).toMatch(/^[0-9a-f]{32}$/);
    expect(h.kubelet.uid()).toBe(node.metadata.uid);
  });

  it('worker nodes get no control-plane label; topology taints and cordons carry over', () => {
    const h = new KubeletHarness({ nodes: [
      { name: 'cp', controlPlane: true, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] },
      { name: 'w1', unschedulable: true, labels: { disk: 'ssd' } },
    ] });
    const cp = h.store.get('nodes', undefined, 'cp');
    const w1 = h.store.get('nodes', undefined, 'w1');
    expect(cp.spec.taints).toEqual([{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }]);
    expect(w1.metadata.labels!['node-role.kubernetes.io/control-plane']).toBeUndefined();
    expect(w1.metadata.labels!.disk).toBe('ssd');
    expect(w1.spec.unschedulable).toBe(true);
    expect(w1.spec.taints).toEqual([{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }]);
    expect(w1.status.addresses![0]).toEqual({ type: 'InternalIP', address: '192.168.49.3' });
    expect(w1.spec.podCIDR).toBe('10.244.1.0/24');
  });
});

describe('kubelet: readiness and scale', () => {
  it('a failing readiness probe makes the pod unready without restarting it', () => {
    const h = new KubeletHarness({
      behaviours: () => ({ probe: (type, since) => (type === 'readiness' && since > 30_000 ? { result: 'failure', output: 'HTTP probe failed with statuscode: 503' } : { result: 'success', output: '' }) }),
    });
    h.createPod({ name: 'r', containers: [{ name: 'r', image: 'nginx', readinessProbe: { httpGet: { path: '/ready', port: 80 }, periodSeconds: 5 } }] });
    h.advance(20);
    expect(conditions(h, 'r')[2]).toBe('Ready=True');
    h.advance(40);
    const s = h.pod('r')!.status;
    expect(conditions(h, 'r')[2]).toBe('Ready=False ContainersNotReady: containers with unready status: [r]');
    expect(s.containerStatuses![0]).toMatchObject({ ready: false, started: true, restartCount: 0, state: { running: {} } });
    expect(s.phase).toBe('Running');
  });

  it('costs one pod write for the first sync and one when Running, plus four events', () => {
    const nodes = Array.from({ length: 10 }, (_, i) => ({ name: `node-${i}` }));
    const h = new KubeletHarness({ nodes });
    const rv0 = Number(h.store.resourceVersion());
    for (let i = 0; i < 200; i++) h.createPod({ name: `p-${i}`, node: `node-${i % 10}`, containers: [{ name: 'c', image: 'nginx:1.27' }] });
    h.advance(300);
    expect(h.store.list('pods').filter((p) => p.status.phase === 'Running')).toHaveLength(200);
    // per pod: its creation, two status writes, and Pulling, Pulled, Created, Started; per node,
    // a lease renewal every 10 s
    expect(Number(h.store.resourceVersion()) - rv0).toBe(200 * (1 + 2 + 4) + 10 * (300 / 10));
  });
});
