// Seed walkthroughs that cross pods and time: data on a PVC outliving its pod (seed 003), an init
// container waiting for a Service to exist (seed 002 initpod, pinned to busybox:1.28 whose
// nslookup resolves short names), and a tcpSocket liveness probe on a port nobody listens on
// restarting hello-app (seed 004).
import { describe, expect, it } from 'vitest';
import { allRunning, cluster, containerStatus, eventMessages, exec, getPod, pod } from './harness';

describe('seed 003: a PersistentVolumeClaim keeps its data across pod re-creation', () => {
  it('reads back "Hello world!" from a new pod after the old one was deleted', async () => {
    const c = cluster('seed-003-pvc');
    await c.api.create('persistentvolumeclaims', {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'my-data-claim', namespace: 'default' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
    });
    const webPod = pod('web-pod', {
      containers: [{ name: 'web', image: 'nginx:alpine', ports: [{ containerPort: 80 }], volumeMounts: [{ name: 'my-data', mountPath: '/data' }] }],
      volumes: [{ name: 'my-data', persistentVolumeClaim: { claimName: 'my-data-claim' } }],
    });
    await c.api.create('pods', webPod);
    expect(c.clock.advanceUntil(() => allRunning(c, 'web-pod'), 120_000)).toBe(true);
    const pvc = c.store.get('persistentvolumeclaims', 'default', 'my-data-claim') as { status?: { phase?: string } };
    expect(pvc.status?.phase).toBe('Bound');
    expect((await exec(c, 'web-pod', 'web', ['sh', '-c', 'cd /data && echo "Hello world!" > sample.txt'])).code).toBe(0);
    await c.api.delete('pods', 'default', 'web-pod');
    expect(c.clock.advanceUntil(() => !c.store.tryGet('pods', 'default', 'web-pod'), 120_000)).toBe(true);
    await c.api.create('pods', webPod);
    expect(c.clock.advanceUntil(() => allRunning(c, 'web-pod'), 120_000)).toBe(true);
    expect(await exec(c, 'web-pod', 'web', ['cat', '/data/sample.txt'])).toEqual({ out: 'Hello world!\n', code: 0 });
  });
});

describe('seed 002: an init container waits until the Service exists', () => {
  it('keeps the pod in Init:0/1 until k8sbook is created, then runs the app', async () => {
    const c = cluster('seed-002-initpod');
    await c.api.create('pods', pod('initpod', {
      initContainers: [{ name: 'init-ctr', image: 'busybox:1.28', command: ['sh', '-c', 'until nslookup k8sbook; do echo waiting for k8sbook service; sleep 1; done; echo Service found!'] }],
      containers: [{ name: 'web-ctr', image: 'nigelpoulton/web-app:1.0', ports: [{ containerPort: 8080 }] }],
    }, { app: 'initializer' }));
    c.clock.advance(60_000);
    const waiting = getPod(c, 'initpod');
    expect(waiting.status.phase).toBe('Pending');
    expect(containerStatus(c, 'initpod', 'init-ctr')?.state?.running).toBeDefined();
    const log = await c.api.logs('default', 'initpod', { container: 'init-ctr' });
    expect(log).toContain("nslookup: can't resolve 'k8sbook'\nwaiting for k8sbook service\n");
    await c.api.create('services', {
      apiVersion: 'v1', kind: 'Service', metadata: { name: 'k8sbook', namespace: 'default' },
      spec: { selector: { app: 'initializer' }, ports: [{ port: 80, targetPort: 8080 }] },
    });
    expect(c.clock.advanceUntil(() => allRunning(c, 'initpod'), 120_000)).toBe(true);
    expect((await c.api.logs('default', 'initpod', { container: 'init-ctr' })).trimEnd().split('\n').at(-1)).toBe('Service found!');
    expect(containerStatus(c, 'initpod', 'init-ctr')?.state?.terminated?.reason).toBe('Completed');
  });
});

describe('seed 004: a tcpSocket liveness probe on a port nobody listens on', () => {
  it('fails with the kubelet text and restarts hello-app', async () => {
    const c = cluster('seed-004-probes');
    await c.api.create('pods', pod('hello-world', {
      containers: [{
        name: 'hello-world', image: 'gcr.io/google-samples/hello-app:2.0', ports: [{ containerPort: 8080 }],
        livenessProbe: { tcpSocket: { port: 8081 }, initialDelaySeconds: 10, periodSeconds: 5 },
      }],
    }));
    expect(c.clock.advanceUntil(() => (containerStatus(c, 'hello-world', 'hello-world')?.restartCount ?? 0) >= 1, 300_000)).toBe(true);
    const ip = getPod(c, 'hello-world').status.podIP;
    const messages = eventMessages(c, 'hello-world');
    // prober.go runProbe with tcp.go DoTCPProbe's dial error
    expect(messages).toContain(`Liveness probe failed: dial tcp ${ip}:8081: connect: connection refused`);
    expect(messages).toContain('Container hello-world failed liveness probe, will be restarted');
  });
});
