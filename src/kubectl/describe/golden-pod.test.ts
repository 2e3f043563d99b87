// Golden tests: `describe pod` against the real kubectl v1.32 on the same objects (served from
// the cluster by the loopback harness). Nothing in either output is rewritten; ages agree
// because the cluster's clock is run on to the wall clock (testing/real-clock.ts).
import { describe as suite, expect, it } from 'vitest';
import { lookupResource, type Cluster, type ObjectInput } from '../../engine/index';
import { withRealKubectl, type RealKubectl } from '../testing/real-kubectl';
import { catchUp, renderingsBetween, wallClockCluster } from '../testing/real-clock';
import { describe } from './index';

async function expectSameAsKubectl(cluster: Cluster, kubectl: RealKubectl, resource: string, namespace: string, name: string): Promise<string> {
  catchUp(cluster);
  const info = lookupResource(resource)!;
  const t0 = Date.now();
  const real = await kubectl(['describe', resource, name, '-n', namespace]);
  const t1 = Date.now();
  expect(real.stderr).toBe('');
  expect(real.code).toBe(0);
  const ours = await renderingsBetween(t0, t1, (now) => describe(cluster.api, info, namespace, name, { showEvents: true, now }));
  if (!ours.has(real.stdout)) expect([...ours][0]).toBe(real.stdout);
  return real.stdout;
}

async function create(cluster: Cluster, resource: string, obj: ObjectInput): Promise<void> {
  await cluster.api.create(resource, obj);
}

const pod = (name: string, spec: Record<string, unknown>, meta: Record<string, unknown> = {}): ObjectInput =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, ...meta }, spec });

suite('describe pod matches kubectl 1.32', () => {
  it('Running with probes, env, mounts and every volume kind', async () => {
    const c = wallClockCluster(120_000);
    await create(c, 'configmaps', { metadata: { name: 'app-config' }, data: { log_level: 'debug', 'index.html': '<h1>hi</h1>' } });
    await create(c, 'secrets', { metadata: { name: 'db-secret' }, stringData: { password: 's3cret' } });
    await create(c, 'persistentvolumeclaims', {
      metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    await create(c, 'pods', pod('web', {
      containers: [{
        name: 'web', image: 'nginx:1.27', ports: [{ containerPort: 80 }, { containerPort: 443, name: 'https' }],
        resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '500m', memory: '128Mi' } },
        livenessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 3 },
        readinessProbe: { tcpSocket: { port: 80 } },
        startupProbe: { exec: { command: ['cat', '/etc/nginx/nginx.conf'] }, failureThreshold: 30 },
        env: [
          { name: 'MODE', value: 'prod' },
          { name: 'MULTI', value: 'line one\nline two' },
          { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
          { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
          { name: 'POD_UID', valueFrom: { fieldRef: { fieldPath: 'metadata.uid' } } },
          { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { resource: 'limits.cpu', divisor: '1m' } } },
          { name: 'MEM_REQ', valueFrom: { resourceFieldRef: { resource: 'requests.memory' } } },
          { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db-secret', key: 'password' } } },
          { name: 'LOG_LEVEL', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'log_level', optional: true } } },
        ],
        envFrom: [{ configMapRef: { name: 'app-config' } }, { secretRef: { name: 'db-secret' }, prefix: 'DB_' }],
        volumeMounts: [
          { name: 'html', mountPath: '/usr/share/nginx/html', readOnly: true },
          { name: 'cache', mountPath: '/var/cache/nginx' },
          { name: 'data', mountPath: '/data', subPath: 'web' },
          { name: 'secret', mountPath: '/etc/secret' },
          { name: 'host', mountPath: '/host/logs' },
          { name: 'podinfo', mountPath: '/etc/podinfo' },
          { name: 'all', mountPath: '/projected' },
        ],
      }],
      volumes: [
        { name: 'html', configMap: { name: 'app-config' } },
        { name: 'cache', emptyDir: { sizeLimit: '500Mi' } },
        { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
        { name: 'secret', secret: { secretName: 'db-secret', optional: false } },
        { name: 'host', hostPath: { path: '/var/log', type: 'Directory' } },
        { name: 'podinfo', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'cpu', resourceFieldRef: { containerName: 'web', resource: 'limits.cpu' } }] } },
        { name: 'all', projected: { sources: [{ configMap: { name: 'app-config' } }, { secret: { name: 'db-secret' } }, { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } }, { serviceAccountToken: { path: 'token', expirationSeconds: 7200 } }] } },
      ],
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'example.com/gpu', operator: 'Equal', value: 'true', effect: 'NoSchedule' }],
    }, { labels: { app: 'web', tier: 'frontend' }, annotations: { 'example.com/owner': 'team-a', 'example.com/long': 'x'.repeat(150) } }));
    await create(c, 'pods', pod('exotic', {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      readinessGates: [{ conditionType: 'example.com/ready' }],
      topologySpreadConstraints: [
        { maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['b', 'a'] }] } },
        { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway' },
      ],
      containers: [{
        name: 'app', image: 'busybox', command: ['sleep', '3600'],
        securityContext: { seccompProfile: { type: 'Localhost', localhostProfile: 'profiles/audit.json' } },
        livenessProbe: { grpc: { port: 9000, service: 'health' } },
        readinessProbe: { httpGet: { scheme: 'HTTPS', host: '::1', port: 'web', path: 'ready z' } },
        volumeMounts: [{ name: 'scratch', mountPath: '/scratch' }, { name: 'nfs', mountPath: '/nfs', readOnly: true }],
      }],
      volumes: [
        {
          name: 'scratch', ephemeral: { volumeClaimTemplate: {
            metadata: { labels: { type: 'scratch' } }, spec: { accessModes: ['ReadWriteOnce'], storageClassName: 'standard', resources: { requests: { storage: '1Gi' } } },
          } },
        },
        { name: 'nfs', nfs: { server: 'nfs.example.com', path: '/exports', readOnly: true } },
        { name: 'csi', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault', b: 'two' } } },
      ],
    }));
    c.clock.advance(60_000);
    await withRealKubectl(c, async (kubectl) => {
      const out = await expectSameAsKubectl(c, kubectl, 'pod', 'default', 'web');
      expect(out).toContain('Liveness:');
      const exotic = await expectSameAsKubectl(c, kubectl, 'pod', 'default', 'exotic');
      expect(exotic).toMatch(/Readiness Gates:[\s\S]*EphemeralVolume[\s\S]*VolumeAttributes:[\s\S]*Topology Spread Constraints:/);
    });
  }, 60_000);

  it('every state a learner meets, each compared on the same cluster', async () => {
    const c = wallClockCluster(202_000, {
      crash: { exitAfterMs: 1_000, exitCode: 1 },
      hog: { exitAfterMs: 2_000, exitCode: 137, reason: 'OOMKilled' },
      job: { exitAfterMs: 1_500, exitCode: 0 },
      stubborn: { ignoresSigterm: true },
      'init-db': { exitAfterMs: 3_000, exitCode: 0 },
    });
    await create(c, 'pods', pod('big', { containers: [{ name: 'big', image: 'nginx', resources: { requests: { cpu: '100' } } }] }));
    await create(c, 'pods', pod('crashy', { containers: [{ name: 'crash', image: 'busybox:1.36', command: ['sh', '-c', 'exit 1'] }] }));
    await create(c, 'pods', pod('oom', {
      containers: [{ name: 'hog', image: 'busybox', command: ['tail', '/dev/zero'], resources: { limits: { memory: '64Mi', cpu: '250m' } } }],
    }));
    await create(c, 'pods', pod('done', { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox', command: ['echo', 'hi'] }] }));
    await create(c, 'pods', pod('bad-image', { containers: [{ name: 'web', image: 'nginx:doesnotexist' }] }));
    await create(c, 'pods', pod('init-wait', {
      initContainers: [
        { name: 'init-db', image: 'busybox', command: ['sh', '-c', 'sleep 3'] },
        { name: 'wait-forever', image: 'busybox', command: ['sh', '-c', 'until nslookup db; do sleep 2; done'] },
      ],
      containers: [{ name: 'app', image: 'nginx' }],
    }));
    await create(c, 'pods', pod('two', {
      initContainers: [{ name: 'log-agent', image: 'busybox', restartPolicy: 'Always', command: ['sh', '-c', 'tail -f /dev/null'] }],
      containers: [
        { name: 'web', image: 'nginx', ports: [{ containerPort: 80, hostPort: 8080 }] },
        { name: 'helper', image: 'busybox', command: ['sleep', '3600'], args: ['--verbose'] },
      ],
    }));
    await create(c, 'pods', pod('stubborn', { terminationGracePeriodSeconds: 600, containers: [{ name: 'stubborn', image: 'busybox', command: ['sleep', '3600'] }] }));
    c.clock.advance(180_000);
    await c.api.delete('pods', 'default', 'stubborn');
    c.clock.advance(22_000);
    await withRealKubectl(c, async (kubectl) => {
      // a pod still pulling its image (5.5 s): created at the wall clock's now, compared 1.5 s later
      catchUp(c);
      await create(c, 'pods', pod('pulling', { containers: [{ name: 'web', image: 'nginx:1.26' }] }));
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      const checks: [string, string, RegExp][] = [
        ['pulling', 'default', /ContainerCreating/],
        ['big', 'default', /FailedScheduling .* Insufficient cpu/],
        ['crashy', 'default', /Reason:\s+CrashLoopBackOff[\s\S]*Last State:\s+Terminated/],
        ['oom', 'default', /Reason:\s+OOMKilled/],
        ['done', 'default', /Reason:\s+Completed/],
        ['bad-image', 'default', /ImagePullBackOff|ErrImagePull/],
        ['init-wait', 'default', /Init Containers:/],
        ['two', 'default', /Host Port:\s+8080\/TCP/],
        ['stubborn', 'default', /Terminating \(lasts/],
        ['etcd-minikube', 'kube-system', /Controlled By:\s+Node\/minikube/],
      ];
      for (const [name, ns, shape] of checks) {
        const out = await expectSameAsKubectl(c, kubectl, 'pod', ns, name);
        expect(out, name).toMatch(shape);
      }
    });
  }, 120_000);
});
