import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import type { StoredPod, StoredService } from '../../api/types';
import { corednsAnswer, readCorefile } from './cluster-dns';

/** A cluster (fake runtime: pods run and get IPs) with a ClusterIP and a headless Service. */
function setup(): { c: Cluster; ip: (pod: string) => string; clusterIP: string } {
  const c = Cluster.create({ seed: 'dns' });
  const pod = (name: string, spec: Record<string, unknown> = {}) => c.store.create('pods', {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'db' } }, spec: { containers: [{ name: 'db', image: 'redis' }], ...spec },
  });
  pod('db-0', { hostname: 'db-0', subdomain: 'db' });
  pod('db-1');
  c.store.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'db' }, ports: [{ port: 80 }] } });
  c.store.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'db' }, spec: { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 6379 }] } });
  c.store.create('services', { apiVersion: 'v1', kind: 'Service', metadata: { name: 'nobody' }, spec: { clusterIP: 'None', selector: { app: 'none' }, ports: [{ port: 1 }] } });
  c.clock.advance(30_000);
  const ip = (name: string) => (c.store.get('pods', 'default', name) as StoredPod).status.podIP!;
  const clusterIP = (c.store.get('services', 'default', 'web') as StoredService).spec!.clusterIP!;
  return { c, ip, clusterIP };
}

describe('CoreDNS answers', () => {
  it('reads the zone and the hosts block from the coredns ConfigMap', () => {
    const { c } = setup();
    const conf = readCorefile(c.store);
    expect(conf.zones).toEqual(['cluster.local']);
    expect(conf.hosts.get('host.minikube.internal')).toEqual(['192.168.49.1']);
  });

  it('Service names: a ClusterIP, a headless Service\'s ready endpoints, endpoint hostnames', () => {
    const { c, ip, clusterIP } = setup();
    const q = (name: string, type: 'A' | 'AAAA' | 'PTR' = 'A') => corednsAnswer(c.store, name, type);
    expect(q('web.default.svc.cluster.local')).toEqual({ rcode: 'NOERROR', answers: [clusterIP], authoritative: true });
    expect(q('WEB.default.svc.cluster.local.').answers).toEqual([clusterIP]);
    expect(q('db.default.svc.cluster.local').answers.sort()).toEqual([ip('db-0'), ip('db-1')].sort());
    expect(q('db-0.db.default.svc.cluster.local').answers).toEqual([ip('db-0')]);
    // an endpoint without a hostname is named by its dashed address
    expect(q(`${ip('db-1').replace(/\./g, '-')}.db.default.svc.cluster.local`).answers).toEqual([ip('db-1')]);
    expect(q('nobody.default.svc.cluster.local').rcode).toBe('NXDOMAIN');
    expect(q('kube-dns.kube-system.svc.cluster.local').answers).toEqual(['10.96.0.10']);
  });

  it('IPv4 only: AAAA for an existing name is NODATA, for a missing one NXDOMAIN', () => {
    const { c } = setup();
    expect(corednsAnswer(c.store, 'web.default.svc.cluster.local', 'AAAA')).toEqual({ rcode: 'NOERROR', answers: [], authoritative: true });
    expect(corednsAnswer(c.store, 'web.svc.cluster.local', 'AAAA').rcode).toBe('NXDOMAIN');
  });

  it('names that exist without records, and names that do not exist', () => {
    const { c } = setup();
    for (const n of ['cluster.local', 'svc.cluster.local', 'default.svc.cluster.local', 'pod.cluster.local']) {
      expect(corednsAnswer(c.store, n, 'A'), n).toEqual({ rcode: 'NOERROR', answers: [], authoritative: true });
    }
    for (const n of ['web.cluster.local', 'web.svc.cluster.local', 'web.nons.svc.cluster.local', 'nope.default.svc.cluster.local', 'x.web.default.svc.cluster.local', 'foo.cluster.local']) {
      expect(corednsAnswer(c.store, n, 'A'), n).toEqual({ rcode: 'NXDOMAIN', answers: [], authoritative: true });
    }
  });

  it('pod A records under `pods insecure`: any dashed address in an existing namespace', () => {
    const { c } = setup();
    expect(corednsAnswer(c.store, '10-244-0-77.default.pod.cluster.local', 'A').answers).toEqual(['10.244.0.77']);
    expect(corednsAnswer(c.store, '10-244-0-77.nons.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
    expect(corednsAnswer(c.store, 'not-an-ip.default.pod.cluster.local', 'A').rcode).toBe('NXDOMAIN');
  });

  it('PTR for Service and endpoint addresses; unknown addresses and outside names go upstream and fail', () => {
    const { c, ip, clusterIP } = setup();
    const rev = (a: string) => `${a.split('.').reverse().join('.')}.in-addr.arpa`;
    expect(corednsAnswer(c.store, rev(clusterIP), 'PTR').answers).toEqual(['web.default.svc.cluster.local']);
    expect(corednsAnswer(c.store, rev('10.96.0.10'), 'PTR').answers).toEqual(['kube-dns.kube-system.svc.cluster.local']);
    expect(corednsAnswer(c.store, rev(ip('db-0')), 'PTR').answers[0]).toMatch(/^db-0\.(db|web)\.default\.svc\.cluster\.local$/);
    expect(corednsAnswer(c.store, rev('10.1.2.3'), 'PTR')).toEqual({ rcode: 'SERVFAIL', answers: [] });
    expect(corednsAnswer(c.store, 'example.com', 'A')).toEqual({ rcode: 'SERVFAIL', answers: [] });
    expect(corednsAnswer(c.store, 'host.minikube.internal', 'A')).toEqual({ rcode: 'NOERROR', answers: ['192.168.49.1'], authoritative: true });
  });
});
