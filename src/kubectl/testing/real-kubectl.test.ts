import { describe, expect, it } from 'vitest';
import { Cluster } from '../../engine/index';
import { parseResourcePath, withRealKubectl } from './real-kubectl';

describe('withRealKubectl: the real kubectl 1.32 against a cluster over loopback HTTP', () => {
  it('serves discovery, lists with selectors, errors as Status, and writes', async () => {
    const cluster = Cluster.create({ seed: 'harness' });
    await withRealKubectl(cluster, async (kubectl) => {
      // legacy discovery is enough for kubectl 1.32 (it asks for aggregated discovery first)
      const resources = await kubectl(['api-resources', '-o', 'name']);
      expect(resources.code).toBe(0);
      expect(resources.stdout.trim().split('\n').sort()).toEqual(
        cluster.api.resources().map((r) => (r.group ? `${r.resource}.${r.group}` : r.resource)).sort());
      const raw = JSON.parse((await kubectl(['get', '--raw', '/apis'])).stdout) as { groups: { name: string }[] };
      expect(raw.groups.map((g) => g.name).sort()).toEqual([...new Set(cluster.api.resources().filter((r) => r.group).map((r) => r.group))].sort());

      const all = (await cluster.api.list('pods', {})).items.map((p) => `pod/${p.metadata.name}`);
      expect((await kubectl(['get', 'pods', '-A', '-o', 'name', '--chunk-size=2'])).stdout.trim().split('\n')).toEqual(all);
      expect((await kubectl(['get', 'pods', '-n', 'kube-system', '-l', 'component=etcd', '-o', 'name'])).stdout).toBe('pod/etcd-minikube\n');
      const onNode = await kubectl(['get', 'pods', '-A', '--field-selector', 'spec.nodeName=nowhere']);
      expect(onNode.stdout).toBe('');
      expect(onNode.stderr).toBe('No resources found\n');

      const missing = await kubectl(['get', 'pod', 'nope']);
      expect(missing).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
      const badSelector = await kubectl(['get', 'events', '--field-selector', 'spec.bogus=1']);
      // the server's BadRequest, wrapped by kubectl's EnhanceListError
      expect(badSelector.stderr).toBe('Error from server (BadRequest): Unable to find "/v1, Resource=events" that match label selector "", ' +
        'field selector "spec.bogus=1": field label not supported: spec.bogus\n');

      const manifest = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg' }, data: { a: '1' } });
      // no OpenAPI is served, so client-side validation must be off for writes
      expect((await kubectl(['create', '-f', '-', '--validate=false'], { stdin: manifest })).stdout).toBe('configmap/cfg created\n');
      expect((await cluster.api.get('configmaps', 'default', 'cfg')).data).toEqual({ a: '1' });
      expect((await kubectl(['delete', 'configmap', 'cfg'])).stdout).toBe('configmap "cfg" deleted\n');
    });
  }, 60_000);

  it('routes namespaced, cluster-scoped and subresource paths', () => {
    expect(parseResourcePath('/api/v1/namespaces')).toMatchObject({ info: { resource: 'namespaces' }, namespace: undefined, name: undefined });
    expect(parseResourcePath('/api/v1/namespaces/shop')).toMatchObject({ info: { resource: 'namespaces' }, name: 'shop' });
    expect(parseResourcePath('/api/v1/namespaces/shop/pods/web/log')).toMatchObject({
      info: { resource: 'pods' }, namespace: 'shop', name: 'web', subresource: 'log',
    });
    expect(parseResourcePath('/apis/apps/v1/namespaces/shop/deployments')).toMatchObject({ info: { resource: 'deployments' }, namespace: 'shop' });
    expect(parseResourcePath('/api/v1/namespaces/shop/nodes/minikube')).toBeUndefined();
    expect(parseResourcePath('/apis/apps/v1/pods')).toBeUndefined();
    expect(parseResourcePath('/api/v2/pods')).toBeUndefined();
  });
});
