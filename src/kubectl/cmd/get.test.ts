import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing-env';

const POD = (name: string, app: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
  labels:
    app: ${app}
spec:
  containers:
  - name: web
    image: nginx
`;

describe('kubectl get', () => {
  it('lists pods as a table once they run, and says when there are none (on stderr)', async () => {
    const k = testKubectl();
    expect(await k.run('get pods')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', code: 0 });
    k.files.set('/work/a.yaml', POD('web', 'web'));
    await k.run('apply -f a.yaml');
    k.cluster.clock.advance(60_000);
    const r = await k.run('get pods');
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nweb\s+1\/1\s+Running\s+0\s+60s\n$/);
    expect((await k.run('get pod web -o name')).stdout).toBe('pod/web\n');
    expect((await k.run(['get', 'pod', 'web', '-o', 'jsonpath={.status.phase}'])).stdout).toBe('Running');
  });

  it('reports a missing object and the usage error without a type', async () => {
    const k = testKubectl();
    expect(await k.run('get pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    const r = await k.run('get');
    expect(r.stderr).toBe(
      'You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).\nSee \'kubectl get -h\' for help and examples\n',
    );
    expect((await k.run('get foo')).stderr).toBe('error: the server doesn\'t have a resource type "foo"\n');
  });

  it('prints a row for each change while watching, until Ctrl-C', async () => {
    const k = testKubectl();
    k.files.set('/work/a.yaml', POD('web', 'web'));
    await k.run('apply -f a.yaml');
    const r = await k.run('get pods -w', { interruptAfterMs: 30_000 });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS/);
    expect(lines.slice(1).every((l) => l.startsWith('web '))).toBe(true);
    expect(lines.at(-1)).toMatch(/web\s+1\/1\s+Running/);
    expect(lines.filter((l) => l.startsWith('NAME')).length).toBe(1);
    // get.go watch: interrupt.New(nil, cancel), os.Exit(1) on the signal
    expect(r.code).toBe(1);
  });

  it('sorts by a field with --sort-by, in the table and in -o name', async () => {
    const k = testKubectl();
    // (not `y`/`n`: YAML 1.1 reads them as booleans, as go-yaml does)
    k.files.set('/work/a.yaml', `${POD('b', 'alpha')}---\n${POD('c', 'gamma')}---\n${POD('a', 'beta')}`);
    await k.run('apply -f a.yaml');
    const byApp = await k.run(['get', 'pods', '-o', 'name', '--sort-by=.metadata.labels.app']);
    expect(byApp.stdout).toBe('pod/b\npod/a\npod/c\n');
    const table = await k.run(['get', 'pods', '--no-headers', '--sort-by={.metadata.labels.app}']);
    expect(table.stdout.split('\n').map((l) => l.split(' ')[0]).filter(Boolean)).toEqual(['b', 'a', 'c']);
  });
});
