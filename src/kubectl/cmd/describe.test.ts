import { describe as suite, expect, it } from 'vitest';
import { testKubectl } from '../testing-env';

const POD = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: ${name}\nspec:\n  containers:\n  - name: web\n    image: nginx\n`;

suite('kubectl describe', () => {
  it('describes by exact name, by name prefix, and fails for unknown names', async () => {
    const k = testKubectl();
    k.files.set('/work/a.yaml', `${POD('web-1')}---\n${POD('web-2')}---\n${POD('db')}`);
    await k.run('apply -f a.yaml');
    k.cluster.clock.advance(30_000);
    const one = await k.run('describe pod db');
    expect(one.stdout).toMatch(/^Name:\s+db\nNamespace:\s+default\n/);
    const prefix = await k.run('describe pods web');
    expect(prefix.stdout.match(/^Name:/gm)).toHaveLength(2);
    expect(prefix.stdout).toMatch(/\n\n\nName:\s+web-2\n/);
    expect(await k.run('describe pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', code: 1 });
    expect((await k.run('describe')).stderr).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
  });
});
