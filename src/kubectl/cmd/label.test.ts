import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing-env';

describe('kubectl label / annotate', () => {
  it('adds, refuses to overwrite, overwrites and removes labels', async () => {
    const k = testKubectl();
    k.files.set('/work/p.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n    app: web\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    await k.run('apply -f p.yaml');
    expect((await k.run('label pod web tier=frontend')).stdout).toBe('pod/web labeled\n');
    expect(await k.run('label pod web tier=backend')).toEqual({ stdout: '', stderr: "error: 'tier' already has a value (frontend), and --overwrite is false\n", code: 1 });
    expect((await k.run('label pod web tier=backend --overwrite')).stdout).toBe('pod/web labeled\n');
    expect((await k.run('label pod web tier-')).stdout).toBe('pod/web unlabeled\n');
    expect((await k.run('label pod web app=web')).stdout).toBe('pod/web not labeled\n');
    const pod = await k.cluster.api.get('pods', 'default', 'web');
    expect((pod.metadata as { labels: Record<string, string> }).labels).toEqual({ app: 'web' });
    expect((await k.run('annotate pod web owner=me')).stdout).toBe('pod/web annotated\n');
  });

  it('fails as the real kubectl v1.32 does on bad arguments', async () => {
    const k = testKubectl();
    expect((await k.run('label')).stderr).toBe('error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n');
    expect((await k.run('label pods x')).stderr).toBe('error: at least one label update is required\n');
    expect((await k.run('label pods x a=b=c')).stderr).toBe('error: invalid label spec: a=b=c\n');
    expect((await k.run('annotate pods x')).stderr).toBe('error: at least one annotation update is required\n');
  });
});
