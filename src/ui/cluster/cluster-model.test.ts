import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../engine';
import { buildClusterModel, groupPending } from './cluster-model';
import { countdownText } from './container-model';
import { podModel } from './pod-model';
import { createPod, pod, testCluster } from './test-cluster';

const model = (c: Cluster) => buildClusterModel(c.store.list('nodes'), c.store.list('pods'));

describe('buildClusterModel', () => {
  it('puts each pod on its node and totals the requests like describe node', async () => {
    const c = testCluster();
    const before = model(c).nodes[0]!;
    await createPod(c, pod('web', { requests: { cpu: '500m', memory: '256Mi' }, limits: { cpu: '1', memory: '512Mi' } }));
    c.clock.advance(30_000);
    const node = model(c).nodes[0]!;
    expect(node.name).toBe('minikube');
    expect(node.status).toBe('Ready');
    expect(node.roles).toContain('control-plane');
    expect(node.pods.map((p) => p.name)).toContain('web');
    // the learner's pods come before kube-system's
    expect(node.pods[0]!.namespace).toBe('default');
    expect(node.allocated.pods).toBe(before.allocated.pods + 1);
    const beforeCpu = 2000 - before.room.cpuFree;
    expect(2000 - node.room.cpuFree).toBe(beforeCpu + 500);
    expect(before.room.memoryFree - node.room.memoryFree).toBe(256 * 2 ** 20);
    expect(node.allocated.cpu.requestsPercent).toBe(Math.trunc(((beforeCpu + 500) / 2000) * 100));
    expect(node.capacity).toEqual({ cpu: '2', memory: '3.8Gi', pods: 110 });
  });

  it('keeps a pod model as long as the stored pod is unchanged', async () => {
    const c = testCluster();
    await createPod(c, pod('web'));
    c.clock.advance(30_000);
    const a = model(c).pods.get('default/web')!;
    await createPod(c, pod('other'));
    c.clock.advance(30_000);
    const b = model(c).pods.get('default/web')!;
    expect(b).toBe(a);
    await c.api.delete('pods', 'default', 'web');
    const c2 = model(c).pods.get('default/web')!;
    expect(c2).not.toBe(a);
    expect(c2.terminating).toBe(true);
    expect(c2.status).toBe('Terminating');
    expect(c2.label).toMatch(/terminating/);
  });

  it('goes ContainerCreating → Running with kubectl get pods wording', async () => {
    const c = testCluster();
    await createPod(c, pod('web', { extra: { volumes: [] } }));
    c.clock.advanceUntil(() => model(c).pods.get('default/web')?.status === 'ContainerCreating', 10_000);
    const creating = model(c).pods.get('default/web')!;
    expect(creating.tone).toBe('pending');
    expect(creating.containers[0]!.state).toBe('Waiting');
    expect(creating.containers[0]!.reason).toBe('ContainerCreating');
    c.clock.advance(60_000);
    const running = model(c).pods.get('default/web')!;
    expect(running.status).toBe('Running');
    expect(running.ready).toBe('1/1');
    expect(running.tone).toBe('ok');
    expect(running.ip).toMatch(/^10\.244\./);
    expect(running.containers[0]!.state).toBe('Running');
  });

  it('marks the static pods by their mirror annotation', () => {
    const c = testCluster();
    const pods = [...model(c).pods.values()];
    const mirrors = pods.filter((p) => p.mirror).map((p) => p.name);
    expect(mirrors).toContain('etcd-minikube');
    expect(mirrors).not.toContain('storage-provisioner');
  });

  it('queues an unschedulable pod with the scheduler message and plain words', async () => {
    const c = testCluster();
    await createPod(c, pod('big', { requests: { cpu: '3' } }));
    c.clock.advance(5_000);
    const m = model(c);
    expect(m.nodes[0]!.pods.map((p) => p.name)).not.toContain('big');
    const [pending] = m.pending;
    expect(pending!.pod.name).toBe('big');
    expect(pending!.pod.status).toBe('Pending');
    expect(pending!.schedulerMessage).toMatch(/^0\/1 nodes are available: 1 Insufficient cpu\./);
    const free = m.nodes[0]!.room.cpuFree / 1000;
    expect(pending!.explanation).toContain(`No node has enough free CPU: the pod requests 3 CPUs, the largest free is ${free} CPU`);
  });

  it('links a shared volume to every container that mounts it', async () => {
    const c = testCluster();
    await createPod(c, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'shared', namespace: 'default' },
      spec: {
        volumes: [{ name: 'data', emptyDir: {} }, { name: 'conf', configMap: { name: 'app-conf', optional: true } }],
        initContainers: [
          { name: 'setup', image: 'busybox', command: ['sh', '-c', 'true'], volumeMounts: [{ name: 'data', mountPath: '/work' }] },
          { name: 'logger', image: 'busybox', restartPolicy: 'Always', command: ['sleep', '3600'], volumeMounts: [{ name: 'data', mountPath: '/logs', readOnly: true }] },
        ],
        containers: [{ name: 'web', image: 'nginx', volumeMounts: [{ name: 'data', mountPath: '/usr/share/nginx/html' }, { name: 'conf', mountPath: '/etc/app' }] }],
      },
    });
    const p = model(c).pods.get('default/shared')!;
    expect(p.containers.map((x) => `${x.kind}:${x.name}`)).toEqual(['init:setup', 'sidecar:logger', 'regular:web']);
    const data = p.volumes.find((v) => v.name === 'data')!;
    expect(data.type).toBe('emptyDir');
    expect(data.mounts).toEqual([
      { container: 'setup', mountPath: '/work', readOnly: false },
      { container: 'logger', mountPath: '/logs', readOnly: true },
      { container: 'web', mountPath: '/usr/share/nginx/html', readOnly: false },
    ]);
    const conf = p.volumes.find((v) => v.name === 'conf')!;
    expect(conf).toMatchObject({ type: 'configMap', source: 'app-conf', token: false });
    expect(conf.mounts.map((m) => m.container)).toEqual(['web']);
    // the service-account token volume the API server adds is recognised as such
    expect(p.volumes.some((v) => v.token && v.type === 'projected')).toBe(true);
  });

  it('a crash-looping pod: CrashLoopBackOff, the restart due at the last finish plus the back-off', async () => {
    const c = testCluster();
    await createPod(c, pod('crash', { image: 'busybox', command: ['sh', '-c', 'exit 3'] }));
    c.clock.advanceUntil(() => podModel(c.store.get('pods', 'default', 'crash')).status === 'CrashLoopBackOff', 120_000);
    const p = podModel(c.store.get('pods', 'default', 'crash'));
    expect(p.tone).toBe('err');
    const ctr = p.containers[0]!;
    expect(ctr.reason).toBe('CrashLoopBackOff');
    expect(ctr.lastState).toBe('Terminated: Error (exit code 3)');
    const finished = Date.parse(c.store.get('pods', 'default', 'crash').status.containerStatuses![0]!.lastState!.terminated!.finishedAt!);
    expect(ctr.backOff!.restartAt).toBe(finished + ctr.backOff!.delayMs);
    expect(ctr.backOff!.restartAt).toBeGreaterThan(c.clock.now());
    // the kubelet restarts the container when the countdown runs out (within its sync period)
    const restarts = ctr.restartCount;
    c.clock.advanceUntil(() => (c.store.get('pods', 'default', 'crash').status.containerStatuses?.[0]?.restartCount ?? 0) > restarts, 600_000);
    expect(c.clock.now()).toBeGreaterThanOrEqual(ctr.backOff!.restartAt);
    expect(c.clock.now() - ctr.backOff!.restartAt).toBeLessThan(15_000);
  });
});

describe('groupPending', () => {
  it('shows a reason once over every pod that waits for it, in the queue\'s order', async () => {
    const c = testCluster();
    await createPod(c, pod('big-a', { requests: { cpu: '3' } }));
    c.clock.advance(1_000);
    await createPod(c, pod('picky', { extra: { nodeSelector: { disk: 'ssd' } } }));
    c.clock.advance(1_000);
    await createPod(c, pod('big-b', { requests: { cpu: '3' } }));
    await createPod(c, pod('huge', { requests: { cpu: '5' } }));
    c.clock.advance(5_000);
    const { pending } = model(c);
    const groups = groupPending(pending);
    // the same request gets the same words; another request or another reason is a group of its own
    expect(groups.map((g) => g.pods.map((p) => p.name))).toEqual([['big-a', 'big-b'], ['picky'], ['huge']]);
    for (const g of groups) {
      const members = pending.filter((p) => g.pods.includes(p.pod));
      expect(members.every((p) => p.explanation === g.explanation && p.schedulerMessage === g.schedulerMessage)).toBe(true);
    }
    expect(groups[0]!.schedulerMessage).toMatch(/Insufficient cpu/);
    expect(groups[1]!.schedulerMessage).toMatch(/didn't match Pod's node affinity\/selector/);
    // every pending pod is in exactly one group
    expect(groups.flatMap((g) => g.pods).length).toBe(pending.length);
  });

  it('has no groups for an empty queue', () => {
    expect(groupPending([])).toEqual([]);
  });
});

describe('countdownText', () => {
  it('counts whole seconds down to the restart, then says now', () => {
    expect(countdownText(10_000, 0)).toBe('in 10s');
    expect(countdownText(10_000, 9_001)).toBe('in 1s');
    expect(countdownText(10_000, 10_000)).toBe('now');
    expect(countdownText(10_000, 12_000)).toBe('now');
  });
});
