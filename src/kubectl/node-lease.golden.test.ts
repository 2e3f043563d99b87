// Node leases through Podlab's kubectl and through the real kubectl v1.32 on the same cluster
// (the loopback harness): tables, YAML, describe, discovery and explain print the same.
import { describe, expect, it } from 'vitest';
import { Cluster, lookupResource } from '../engine/index';
import { runKubectlCaptured } from './captured';
import { describe as describeObject } from './describe/index';
import { withRealKubectl } from './testing/real-kubectl';
import { catchUp, renderingsBetween, wallClockCluster } from './testing/real-clock';
import { testKubectl } from './testing-env';

describe('node leases against the real kubectl v1.32', () => {
  it('get (server-side tables), -o yaml, describe lease, api-resources and explain', async () => {
    const cluster = Cluster.create({ seed: 'lease', topology: { nodes: [{ name: 'minikube', controlPlane: true }, { name: 'minikube-m02' }] } });
    cluster.clock.advance(35_000);
    const now = () => cluster.clock.now();
    const cases = [
      ['get', 'leases', '-A'],
      ['get', 'leases', '-n', 'kube-node-lease', '-o', 'wide'],
      ['get', 'lease', '-n', 'kube-node-lease', 'minikube'],
      ['get', 'leases'],
      ['get', 'lease', '-n', 'kube-node-lease', 'minikube', '-o', 'yaml'],
      ['get', 'leases.coordination.k8s.io', '-n', 'kube-node-lease', '-o', 'json'],
      ['get', 'lease', '-n', 'kube-node-lease', 'nope'],
      ['describe', 'lease', '-n', 'kube-node-lease', 'minikube-m02'],
      ['api-resources', '--api-group=coordination.k8s.io'],
      ['api-resources', '-o', 'wide'],
      ['api-resources', '--categories=all'],
      ['explain', 'lease.spec'],
      ['explain', 'leases.coordination.k8s.io', '--recursive'],
    ];
    await withRealKubectl(cluster, async (kubectl) => {
      for (const argv of cases) {
        const ours = await runKubectlCaptured(cluster.api, argv, { now });
        const real = await kubectl(argv);
        expect({ argv, stdout: ours.stdout, stderr: ours.stderr, code: ours.code }).toEqual({ argv, stdout: real.stdout, stderr: real.stderr, code: real.code });
      }
      // what the cases above are about: both nodes' leases (the worker joined 30 s after the control plane)
      const table = await kubectl(['get', 'leases', '-A']);
      expect(table.stdout).toMatch(/^NAMESPACE\s+NAME\s+HOLDER\s+AGE\nkube-node-lease\s+minikube\s+minikube\s+15m\nkube-node-lease\s+minikube-m02\s+minikube-m02\s+15m\n$/);
      const yaml = (await kubectl(['get', 'lease', '-n', 'kube-node-lease', 'minikube', '-o', 'yaml'])).stdout;
      expect(yaml).toMatch(/\n {2}leaseDurationSeconds: 40\n {2}renewTime: "2026-11-21T12:00:30.000000Z"\n$/);
      expect(yaml).toMatch(/ownerReferences:\n {2}- apiVersion: v1\n {4}kind: Node\n {4}name: minikube\n/);
    }, { tables: true, openapi: true });
  }, 120_000);

  it('create, apply, a rejected spec and delete: the same answers and the same objects', async () => {
    // two identical clusters: Podlab's kubectl writes to one, the real kubectl to the other (with
    // --validate=false, as the harness serves no OpenAPI v2 for client-side validation)
    const ours = testKubectl({ seed: 'lease-writes' });
    const theirs = testKubectl({ seed: 'lease-writes' });
    const lock = (spec: string) => `apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: lock\nspec:\n${spec}`;
    const steps: [string[], string?][] = [
      [['create', '-f', '-', '--validate=false'], lock('  holderIdentity: me\n  leaseDurationSeconds: 15\n')],
      [['apply', '-f', '-', '--validate=false'], lock('  holderIdentity: you\n  leaseDurationSeconds: 15\n  leaseTransitions: 1\n  acquireTime: "2026-11-21T12:00:00.000000Z"\n')],
      [['apply', '-f', '-', '--validate=false'], lock('  leaseDurationSeconds: 0\n  leaseTransitions: -1\n')],
      [['get', 'lease', 'lock', '-o', 'yaml']],
      [['describe', 'lease', 'lock']],
      [['delete', 'lease', 'lock']],
      [['get', 'leases']],
    ];
    await withRealKubectl(theirs.cluster, async (kubectl) => {
      for (const [argv, stdin] of steps) {
        const mine = await ours.run(argv, { stdin });
        const real = await kubectl(argv, { stdin });
        expect({ argv, ...mine }).toEqual({ argv, ...real });
      }
    }, { tables: true, openapi: true });
  }, 60_000);

  it('describe node prints the Lease section as kubectl does, byte for byte', async () => {
    const c = wallClockCluster(120_000);
    await c.api.create('pods', { metadata: { name: 'web', namespace: 'default' }, spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '100m' } } }] } });
    c.clock.advance(60_000);
    const node = lookupResource('node')!;
    await withRealKubectl(c, async (kubectl) => {
      catchUp(c);
      const t0 = Date.now();
      const real = await kubectl(['describe', 'node', 'minikube']);
      const t1 = Date.now();
      expect(real.stderr).toBe('');
      const ours = await renderingsBetween(t0, t1, (at) => describeObject(c.api, node, '', 'minikube', { showEvents: true, now: at }));
      if (!ours.has(real.stdout)) expect([...ours][0]).toBe(real.stdout);
      // the kubelet renewed within the last 10 s; node leases have no acquire time
      const renew = /\nLease:\n {2}HolderIdentity: {2}minikube\n {2}AcquireTime: {5}<unset>\n {2}RenewTime: {7}(.+)\n/.exec(real.stdout);
      expect(renew).not.toBeNull();
      expect(c.clock.now() - Date.parse(renew![1]!)).toBeLessThan(11_000);
    });
  }, 60_000);
});
