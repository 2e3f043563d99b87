import { describe as suite, expect, it } from 'vitest';
import { Cluster, lookupResource, type KubeApi } from '../../engine/index';
import { describe } from './index';

/** The cluster's API, recording every call describe makes. */
function countingApi(api: KubeApi, calls: string[]): KubeApi {
  return new Proxy(api, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver) as unknown;
      if (typeof v !== 'function' || prop === 'resources') return v;
      return (...args: unknown[]) => {
        calls.push(`${String(prop)} ${String(args[0])}${prop === 'list' ? ` ${JSON.stringify(args[1])}` : ''}`);
        return (v as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

suite('describe()', () => {
  it('a pod costs one get and one field-selected event list, however many events the cluster has', async () => {
    const c = Cluster.create({ seed: 'calls' });
    for (let i = 0; i < 30; i++) {
      await c.api.create('pods', { metadata: { name: `p${i}` }, spec: { containers: [{ name: 'web', image: 'nginx' }] } });
    }
    c.clock.advance(30_000);
    const calls: string[] = [];
    const out = await describe(countingApi(c.api, calls), lookupResource('po')!, 'default', 'p7', { showEvents: true, now: c.clock.now() });
    expect(out).toContain('Successfully assigned default/p7 to minikube');
    expect(out).not.toContain('default/p8 ');
    expect(calls).toHaveLength(2);
    expect(calls[0]).toBe('get pods');
    expect(calls[1]).toMatch(/^list events .*"fieldSelector":"involvedObject.name=p7,involvedObject.namespace=default,involvedObject.uid=/);
  });

  it('--show-events=false leaves the Events section out entirely', async () => {
    const c = Cluster.create({ seed: 'noevents' });
    const out = await describe(c.api, lookupResource('node')!, 'ignored', 'minikube', { showEvents: false, now: c.clock.now() });
    expect(out).toMatch(/^Name:\s+minikube\n/);
    expect(out).not.toContain('Events:');
  });

  it('prints map entries sorted (Go ranges over maps in random order; we pick one order)', async () => {
    const c = Cluster.create({ seed: 'maps' });
    await c.api.create('configmaps', { metadata: { name: 'cm' }, data: { zeta: '1', alpha: '2', mid: '3' } });
    await c.api.create('secrets', { metadata: { name: 's' }, data: { b: 'YWJj', a: 'YQ==' } });
    const cm = await describe(c.api, lookupResource('cm')!, 'default', 'cm', { showEvents: true, now: c.clock.now() });
    expect(cm).toBe('Name:         cm\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nData\n====\n' +
      'alpha:\n----\n2\n\nmid:\n----\n3\n\nzeta:\n----\n1\n\n\nBinaryData\n====\n\nEvents:  <none>\n');
    const secret = await describe(c.api, lookupResource('secret')!, 'default', 's', { showEvents: true, now: c.clock.now() });
    expect(secret).toBe('Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  Opaque\n\nData\n====\na:  1 bytes\nb:  3 bytes\n');
  });

  it('shows a service account token secret\'s token in clear, other keys as sizes', async () => {
    const c = Cluster.create({ seed: 'token' });
    await c.api.create('secrets', {
      metadata: { name: 'tok', annotations: { 'kubernetes.io/service-account.name': 'default' } }, type: 'kubernetes.io/service-account-token',
      data: { token: 'ZXlKaGJHY2k=', 'ca.crt': 'Y2VydA==' },
    });
    const out = await describe(c.api, lookupResource('secret')!, 'default', 'tok', { showEvents: false, now: c.clock.now() });
    expect(out).toContain('\nType:  kubernetes.io/service-account-token\n');
    expect(out).toContain('\nca.crt:  4 bytes\ntoken:   eyJhbGci\n');
  });
});
