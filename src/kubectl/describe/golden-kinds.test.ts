// Golden tests: `describe` of every other kind against the real kubectl v1.32 on the same objects.
import { describe as suite, expect, it } from 'vitest';
import { isStatusError, lookupResource, type Cluster, type ObjectInput } from '../../engine/index';
import { withRealKubectl, type RealKubectl } from '../testing/real-kubectl';
import { catchUp, renderingsBetween, wallClockCluster } from '../testing/real-clock';
import { describe } from './index';

async function expectSameAsKubectl(c: Cluster, kubectl: RealKubectl, resource: string, namespace: string, name: string): Promise<string> {
  catchUp(c);
  const info = lookupResource(resource)!;
  const t0 = Date.now();
  const real = await kubectl(['describe', resource, name, '-n', namespace]);
  const t1 = Date.now();
  expect(real.stderr, `${resource}/${name}`).toBe('');
  const ours = await renderingsBetween(t0, t1, (now) => describe(c.api, info, namespace, name, { showEvents: true, now }));
  if (!ours.has(real.stdout)) expect([...ours][0]).toBe(real.stdout);
  return real.stdout;
}

const create = (c: Cluster, resource: string, obj: ObjectInput) => c.api.create(resource, obj);

suite('describe <kind> matches kubectl 1.32', () => {
  it('node, storage, services, workloads, namespaces, config', async () => {
    const c = wallClockCluster(150_000);
    await create(c, 'namespaces', { metadata: { name: 'shop', labels: { team: 'a' } } });
    // storage: a claim the default class provisions, one nothing can bind, a static volume
    await create(c, 'persistentvolumeclaims', {
      metadata: { name: 'data', namespace: 'shop' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '2Gi' } } },
    });
    await create(c, 'persistentvolumeclaims', {
      metadata: { name: 'orphan', namespace: 'shop' },
      spec: { storageClassName: '', accessModes: ['ReadWriteMany'], resources: { requests: { storage: '5Gi' } } },
    });
    await create(c, 'persistentvolumes', {
      metadata: { name: 'manual', labels: { type: 'local' } },
      spec: {
        capacity: { storage: '1Gi' }, accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], hostPath: { path: '/mnt/data' }, storageClassName: 'manual',
        nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['minikube'] }] }] } },
      },
    });
    // config
    await create(c, 'configmaps', { metadata: { name: 'settings', namespace: 'shop' }, data: { 'app.properties': 'color=blue\nsize=2' }, binaryData: { logo: 'iVBORw0KGgo=' } });
    await create(c, 'secrets', { metadata: { name: 'creds', namespace: 'shop', labels: { app: 'web' } }, type: 'Opaque', stringData: { password: 'hunter22' } });
    await create(c, 'serviceaccounts', { metadata: { name: 'robot', namespace: 'shop' }, imagePullSecrets: [{ name: 'regcred' }], secrets: [{ name: 'creds' }] });
    // workloads and services
    const template = (image: string) => ({
      metadata: { labels: { app: 'web' } },
      spec: {
        containers: [{
          name: 'web', image, ports: [{ containerPort: 80 }], env: [{ name: 'POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } }],
          readinessProbe: { httpGet: { path: '/', port: 80 } }, resources: { requests: { cpu: '50m' } },
          volumeMounts: [{ name: 'data', mountPath: '/data' }],
        }],
        volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
      },
    });
    await create(c, 'deployments', {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1.26') },
    });
    await create(c, 'services', {
      metadata: { name: 'web', namespace: 'shop' }, spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] },
    });
    await create(c, 'services', {
      metadata: { name: 'web-np', namespace: 'shop', annotations: { note: 'demo' } },
      spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 'http-alt', nodePort: 30080 }, { name: 'https', port: 443, protocol: 'TCP' }] },
    });
    c.clock.advance(60_000);
    await c.api.patch('deployments', 'shop', 'web', 'strategic', { spec: { template: template('nginx:1.27') } });
    c.clock.advance(60_000);
    await withRealKubectl(c, async (kubectl) => {
      const rsNames = (await c.api.list('replicasets', { namespace: 'shop' })).items.map((rs) => rs.metadata.name);
      expect(rsNames).toHaveLength(2);
      const pv = (await c.api.get('persistentvolumeclaims', 'shop', 'data')).spec as { volumeName?: string };
      const slice = (await c.api.list('endpointslices', { namespace: 'shop', labelSelector: 'kubernetes.io/service-name=web' })).items[0]!;
      const events = (await c.api.list('events', { namespace: 'shop' })).items;
      const scaled = events.find((e) => e.reason === 'ScalingReplicaSet')!;
      const scheduled = events.find((e) => e.reason === 'Scheduled')!;
      const checks: [string, string, string, RegExp][] = [
        ['node', '', 'minikube', /Allocated resources:/],
        ['pvc', 'shop', 'data', /Status:\s+Bound[\s\S]*Used By:\s+web-/],
        ['pvc', 'shop', 'orphan', /Status:\s+Pending/],
        ['pv', '', pv.volumeName!, /Claim:\s+shop\/data/],
        ['pv', '', 'manual', /Term 0:\s+kubernetes.io\/hostname in \[minikube\]/],
        ['svc', 'shop', 'web', /Endpoints:\s+10\.244/],
        ['svc', 'shop', 'web-np', /NodePort:\s+http\s+30080\/TCP/],
        ['svc', 'default', 'kubernetes', /IPs:\s+10\.96\.0\.1/],
        ['endpoints', 'shop', 'web', /Subsets:/],
        ['deployment', 'shop', 'web', /OldReplicaSets:\s+web-\w+ \(0\/0 replicas created\)/],
        ['rs', 'shop', rsNames[0]!, /Controlled By:\s+Deployment\/web/],
        ['rs', 'shop', rsNames[1]!, /Pods Status:/],
        ['namespace', '', 'shop', /Status:\s+Active/],
        ['namespace', '', 'default', /Name:\s+default/],
        ['configmap', 'shop', 'settings', /BinaryData\n====\nlogo: 8 bytes/],
        ['secret', 'shop', 'creds', /password:\s+8 bytes/],
        ['serviceaccount', 'shop', 'robot', /Image pull secrets:\s+regcred \(not found\)/],
        ['serviceaccount', 'shop', 'default', /Tokens:\s+<none>/],
        ['storageclass', '', 'standard', /IsDefaultClass:\s+Yes/],
        ['endpointslice', 'shop', slice.metadata.name, /- Addresses:\s+10\.244/],
        ['event', 'shop', scaled.metadata.name, /Involved Object:\n {2}API Version:\s+apps\/v1/],
        ['event', 'shop', scheduled.metadata.name, /Event Time:\s+20/],
      ];
      for (const [resource, ns, name, shape] of checks) {
        const out = await expectSameAsKubectl(c, kubectl, resource, ns || 'default', name);
        expect(out, `${resource}/${name}`).toMatch(shape);
      }
    });
  }, 120_000);

  it('a missing object: NotFound as kubectl prints it; a deleted pod whose events remain', async () => {
    const c = wallClockCluster(30_000);
    await create(c, 'pods', { metadata: { name: 'gone' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    c.clock.advance(20_000);
    await c.api.delete('pods', 'default', 'gone', { gracePeriodSeconds: 0 });
    c.clock.advance(5_000);
    catchUp(c);
    const pod = lookupResource('pod')!;
    await withRealKubectl(c, async (kubectl) => {
      for (const name of ['nope', 'gone']) {
        const real = await kubectl(['describe', 'pod', name]);
        const err = await describe(c.api, pod, 'default', name, { showEvents: false, now: Date.now() }).catch((e: unknown) => e);
        expect(isStatusError(err, 'NotFound')).toBe(true);
        expect(real.stderr).toBe(`Error from server (NotFound): ${(err as Error).message}\n`);
      }
    });
    // kubectl's builder fails before the describer runs; PodDescriber itself still reports the
    // events left behind (describe.go PodDescriber.Describe), for callers that reach it.
    const out = await describe(c.api, pod, 'default', 'gone', { showEvents: true, now: c.clock.now() });
    expect(out.startsWith(`Pod 'gone': error 'pods "gone" not found', but found events.\nEvents:\n  Type    Reason     Age   From`)).toBe(true);
    expect(out).toMatch(/\n {2}Normal {2}Killing {4}\d+s\s+kubelet {12}Stopping container web\n$/);
  }, 60_000);

  it('orders many events of the same seconds as Go\'s unstable sort.Sort does', async () => {
    const c = wallClockCluster(10_000);
    const pod = (await c.api.create('pods', { metadata: { name: 'noisy' }, spec: { containers: [{ name: 'web', image: 'nginx' }] } })).object;
    c.clock.advance(10_000);
    catchUp(c);
    const now = c.clock.now();
    // 60 events over 5 distinct seconds, in a scrambled server (name) order
    for (let i = 0; i < 60; i++) {
      const t = new Date(now - ((i * 7) % 5) * 1000 - 1000).toISOString().replace(/\.\d+Z$/, 'Z');
      await c.api.create('events', {
        metadata: { name: `noisy.${String(i).padStart(2, '0')}`, namespace: 'default' },
        involvedObject: { kind: 'Pod', namespace: 'default', name: 'noisy', uid: pod.metadata.uid, apiVersion: 'v1' },
        reason: `R${i}`, message: `event ${i}`, type: i % 3 ? 'Normal' : 'Warning', source: { component: 'test' },
        firstTimestamp: t, lastTimestamp: t, count: 1,
      });
    }
    await withRealKubectl(c, async (kubectl) => {
      const out = await expectSameAsKubectl(c, kubectl, 'pod', 'default', 'noisy');
      const reasons = out.split('\n').filter((l) => /^ {2}(Normal|Warning) +R\d+ /.test(l)).map((l) => l.trim().split(/\s+/)[1]);
      expect(reasons).toHaveLength(60);
      // not the stable order: Go's pdqsort moves events of equal time around
      const stable = [...Array(60).keys()].sort((a, b) => ((b * 7) % 5) - ((a * 7) % 5) || a - b).map((i) => `R${i}`);
      expect(reasons).not.toEqual(stable);
    });
  }, 60_000);
});
