import { describe, expect, it } from 'vitest';
import { ContainerRuntime, type ClusterOptions } from '../../../engine';
import { testKubectl } from '../../testing-env';

const runtime: ClusterOptions['runtime'] = (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network });
const withRuntime = () => testKubectl({ seed: 'top', runtime });

const pod = (name: string, image: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}, labels: {app: ${name}}}\nspec: {containers: [{name: main, image: ${image}}]}\n`;

describe('kubectl top node', () => {
  it('prints usage and its share of allocatable, like an idle minikube', async () => {
    const k = withRuntime();
    const r = await k.run('top node');
    expect(r.stderr).toBe('');
    const [header, line] = r.stdout.split('\n');
    expect(header).toMatch(/^NAME\s+CPU\(cores\)\s+CPU\(%\)\s+MEMORY\(bytes\)\s+MEMORY\(%\)\s*$/);
    expect(line).toMatch(/^minikube\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%\s*$/);
    expect((await k.run('top node --no-headers')).stdout.split('\n')[0]).toMatch(/^minikube\s/);
    expect((await k.run('top node nope')).stderr).toBe('Error from server (NotFound): nodemetrics.metrics.k8s.io "nope" not found\n');
  });

  it('rejects what kubectl rejects', async () => {
    const k = withRuntime();
    expect((await k.run('top node --sort-by=name')).stderr).toBe('error: --sort-by accepts only cpu or memory\n');
    expect((await k.run('top node a -l x=y')).stderr).toBe('error: only one of NAME or --selector can be provided\n');
    expect((await k.run('top node a b')).stderr).toBe("error: node [NAME | -l label]\nSee 'kubectl top node -h' for help and examples\n");
  });
});

describe('kubectl top pod', () => {
  it('lists the system pods with -A, sorted by namespace and name, and per container', async () => {
    const k = withRuntime();
    const r = await k.run('top pod -A');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAMESPACE\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*$/);
    const names = lines.slice(1).map((l) => l.split(/\s+/).slice(0, 2).join('/'));
    expect(names).toContain('kube-system/etcd-minikube');
    expect(names).toEqual([...names].sort());
    const byMemory = (await k.run('top pod -n kube-system --sort-by=memory --no-headers')).stdout.trimEnd().split('\n').map((l) => Number(l.split(/\s+/)[2]!.replace('Mi', '')));
    expect(byMemory).toEqual([...byMemory].sort((a, b) => b - a));
    const containers = await k.run('top pod etcd-minikube -n kube-system --containers');
    expect(containers.stdout).toMatch(/^POD\s+NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\netcd-minikube\s+etcd\s+\d+m\s+\d+Mi/);
  });

  it('says the metrics are not there yet for a young pod, and names an old pod that has none', async () => {
    const k = withRuntime();
    expect((await k.run('top pod')).stderr).toBe('No resources found in default namespace.\n');
    await k.run('apply -f -', { stdin: pod('web', 'nginx') });
    expect(await k.run('top pod')).toEqual({ stdout: '', stderr: 'error: metrics not available yet\n', code: 1 });
    expect((await k.run('top pod web')).stderr).toBe('Error from server (NotFound): podmetrics.metrics.k8s.io "default/web" not found\n');
    // after a scrape or two, web has a line of its own
    k.cluster.clock.advance(130_000);
    expect((await k.run('top pod')).stdout).toMatch(/^NAME\s+CPU\(cores\)\s+MEMORY\(bytes\)\s*\nweb\s+\d+m\s+\d+Mi/);
  });

  it('fails for an older pod without metrics with its age, and checks its flags', async () => {
    const k = withRuntime();
    await k.run('apply -f -', { stdin: pod('broken', 'nginx:doesnotexist') });
    expect((await k.run('top pod')).stderr).toBe('error: metrics not available yet\n');
    k.cluster.clock.advance(150_000);
    expect((await k.run('top pod -l app=broken')).stderr).toMatch(/^error: Metrics not available for pod default\/broken, age: 2m3\d(\.\d+)?s\n$/);
    expect((await k.run('top pod x -l a=b')).stderr).toBe('error: only one of NAME or selector can be provided\n');
    expect((await k.run('top pod --sort-by=name')).stderr).toBe('error: --sort-by accepts only cpu or memory\n');
  });
});

describe('kubectl top without metrics-server', () => {
  it('says the Metrics API is not available when discovery has no metrics.k8s.io', async () => {
    const k = withRuntime();
    const all = k.cluster.api.resources();
    k.cluster.api.resources = () => all.filter((r) => r.group !== 'metrics.k8s.io');
    expect(await k.run('top pod')).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', code: 1 });
    expect((await k.run('top node')).stderr).toBe('error: Metrics API not available\n');
  });
});
