import { describe, expect, it } from 'vitest';
import { testKubectl } from '../../testing-env';

describe('kubectl create <generator> against the cluster', () => {
  it('creates a deployment whose pods come up, and wraps the server error as create_deployment.go does', async () => {
    const k = testKubectl();
    expect(await k.run('create deployment web --image=nginx --replicas=2 --port=80')).toEqual({ stdout: 'deployment.apps/web created\n', stderr: '', code: 0 });
    const d = await k.cluster.api.get('deployments', 'default', 'web');
    expect(d.spec).toMatchObject({ replicas: 2, selector: { matchLabels: { app: 'web' } } });
    await k.run('rollout status deployment/web');
    const pods = await k.cluster.api.list('pods', { namespace: 'default', labelSelector: 'app=web' });
    expect(pods.items).toHaveLength(2);
    expect(await k.run('create deployment web --image=nginx')).toEqual({ stdout: '', stderr: 'error: failed to create deployment: deployments.apps "web" already exists\n', code: 1 });
  });

  it('hands the namespace error on as the API status, and creates into -n', async () => {
    const k = testKubectl();
    expect((await k.run('create namespace team-a')).stdout).toBe('namespace/team-a created\n');
    expect((await k.run('create ns team-a')).stderr).toBe('Error from server (AlreadyExists): namespaces "team-a" already exists\n');
    expect((await k.run('create configmap cfg --from-literal=a=1 -n team-a')).stdout).toBe('configmap/cfg created\n');
    expect((await k.cluster.api.get('configmaps', 'team-a', 'cfg')).data).toEqual({ a: '1' });
    expect((await k.run('create sa robot -n team-a -o name')).stdout).toBe('serviceaccount/robot\n');
    expect((await k.run('create sa robot -n team-a')).stderr).toBe('error: failed to create serviceaccount: serviceaccounts "robot" already exists\n');
  });

  it('stores secrets base64-encoded with type Opaque, and services get a cluster IP', async () => {
    const k = testKubectl();
    expect((await k.run('create secret generic db --from-literal=password=s3cr3t')).stdout).toBe('secret/db created\n');
    const s = await k.cluster.api.get('secrets', 'default', 'db');
    expect(s.data).toEqual({ password: btoa('s3cr3t') });
    expect(s.type).toBe('Opaque');
    expect((await k.run('create secret generic db --from-literal=a=1')).stderr).toBe('error: failed to create secret secrets "db" already exists\n');
    expect((await k.run('create service nodeport web --tcp=80:8080')).stdout).toBe('service/web created\n');
    const svc = (await k.cluster.api.get('services', 'default', 'web')) as unknown as { spec: { clusterIP: string; ports: { nodePort: number }[] } };
    expect(svc.spec.clusterIP).toMatch(/^10\.\d+\.\d+\.\d+$/);
    expect(svc.spec.ports[0]!.nodePort).toBeGreaterThanOrEqual(30000);
    expect((await k.run('create service clusterip web --tcp=80')).stderr).toBe('error: failed to create ClusterIP service: services "web" already exists\n');
  });

  it('reads --from-file keys from the workspace and sends nothing with --dry-run=server', async () => {
    const k = testKubectl();
    k.files.set('/work/site/index.html', '<h1>hi</h1>\n');
    k.files.set('/work/site/404.html', 'nope\n');
    expect((await k.run('create configmap site --from-file=site --dry-run=server')).stdout).toBe('configmap/site created (server dry run)\n');
    await expect(k.cluster.api.get('configmaps', 'default', 'site')).rejects.toThrow('not found');
    await k.run('create configmap site --from-file=site');
    expect((await k.cluster.api.get('configmaps', 'default', 'site')).data).toEqual({ '404.html': 'nope\n', 'index.html': '<h1>hi</h1>\n' });
  });

  it('records the last-applied configuration with --save-config', async () => {
    const k = testKubectl();
    await k.run('create deployment web --image=nginx --save-config');
    const d = await k.cluster.api.get('deployments', 'default', 'web');
    const applied = JSON.parse((d.metadata.annotations as Record<string, string>)['kubectl.kubernetes.io/last-applied-configuration']!) as { kind: string };
    expect(applied.kind).toBe('Deployment');
    expect((await k.run('apply -f -', { stdin: 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3, selector: {matchLabels: {app: web}}, template: {metadata: {labels: {app: web}}, spec: {containers: [{name: nginx, image: nginx}]}}}\n' })).stderr).toBe('');
  });
});
