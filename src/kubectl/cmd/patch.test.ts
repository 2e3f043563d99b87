import { describe, expect, it } from 'vitest';
import { withRealKubectl } from '../testing/real-kubectl';
import { testKubectl } from '../testing-env';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx
`;

async function withPod() {
  const k = testKubectl();
  k.files.set('/work/pod.yaml', POD);
  await k.run('apply -f pod.yaml');
  return k;
}

const image = async (k: Awaited<ReturnType<typeof withPod>>) =>
  ((await k.cluster.api.get('pods', 'default', 'web')).spec as { containers: { image: string }[] }).containers[0]!.image;

describe('kubectl patch', () => {
  it('applies strategic, merge and json patches and says when nothing changed', async () => {
    const k = await withPod();
    expect(await k.run(['patch', 'pod', 'web', '-p', '{"spec":{"containers":[{"name":"web","image":"nginx:1.27"}]}}'])).toEqual({ stdout: 'pod/web patched\n', stderr: '', code: 0 });
    expect(await image(k)).toBe('nginx:1.27');
    expect((await k.run(['patch', 'pod/web', '--type', 'merge', '-p', 'metadata: {labels: {tier: front}}'])).stdout).toBe('pod/web patched\n');
    expect((await k.cluster.api.get('pods', 'default', 'web')).metadata.labels).toEqual({ app: 'web', tier: 'front' });
    expect((await k.run(['patch', 'pod/web', '--type', 'merge', '-p', 'metadata: {labels: {tier: front}}'])).stdout).toBe('pod/web patched (no change)\n');
    const json = '[{"op":"replace","path":"/spec/containers/0/image","value":"nginx:alpine"}]';
    expect((await k.run(['patch', 'pod', 'web', '--type=json', '-p', json])).stdout).toBe('pod/web patched\n');
    expect(await image(k)).toBe('nginx:alpine');
  });

  it('reads --patch-file, prints -o name/yaml and honours dry runs', async () => {
    const k = await withPod();
    k.files.set('/work/p.yaml', 'metadata:\n  labels:\n    tier: back\n');
    expect((await k.run('patch pod web --patch-file p.yaml -o name')).stdout).toBe('pod/web\n');
    const y = await k.run(['patch', 'pod', 'web', '-p', '{"metadata":{"labels":{"x":"1"}}}', '-o', 'jsonpath={.metadata.labels.x}']);
    expect(y.stdout).toBe('1');
    const dry = await k.run(['patch', 'pod', 'web', '-p', '{"metadata":{"labels":{"dry":"1"}}}', '--dry-run=client']);
    expect(dry.stdout).toBe('pod/web patched (dry run)\n');
    expect((await k.cluster.api.get('pods', 'default', 'web')).metadata.labels).toEqual({ app: 'web', tier: 'back', x: '1' });
  });

  it('checks its flags as the real kubectl v1.32 does', async () => {
    const k = testKubectl();
    // [REAL] kubectl v1.32, KUBECONFIG pointing nowhere (client-side errors)
    expect((await k.run('patch pod web')).stderr).toBe('error: must specify --patch or --patch-file containing the contents of the patch\n');
    expect((await k.run('patch pod web -p x --patch-file y')).stderr).toBe('error: cannot specify --patch and --patch-file together\n');
    expect((await k.run('patch pod web -p {} --type foo')).stderr).toBe('error: --type must be one of [json merge strategic], not "foo"\n');
    expect((await k.run('patch pod web --patch-file /nope')).stderr).toBe('error: unable to read patch file: open /nope: no such file or directory\n');
  });

  it('reports malformed patches as kubectl and the API server do', async () => {
    const k = await withPod();
    // apimachinery util/yaml ToJSON sends "{..." as JSON; the apiserver's json.Unmarshal rejects it
    // (the loopback harness parses bodies with JSON.parse, so it cannot stand in for these texts)
    expect((await k.run(['patch', 'pod', 'web', '-p', '{"spec":'])).stderr).toBe('Error from server (BadRequest): unexpected end of JSON input\n');
    expect((await k.run(['patch', 'pod', 'web', '-p', "{'a':1}"])).stderr).toBe("Error from server (BadRequest): invalid character '\\'' looking for beginning of object key string\n");
    expect((await k.run(['patch', 'pod', 'web', '--type=merge', '-p', '{"a" 1}'])).stderr).toBe('Error from server (BadRequest): Invalid JSON Patch\n');
    // anything else is YAML: go-yaml's error, quoted with the -p text
    // [REAL] kubectl v1.32 (client-side: the patch is parsed before anything is fetched)
    expect((await k.run(['patch', 'pod', 'web', '-p', 'a: [1'])).stderr).toBe('error: unable to parse "a: [1": yaml: line 1: did not find expected \',\' or \']\'\n');
    expect((await k.run(['patch', 'pod', 'web', '-p', 'a:\n\tb'])).stderr).toBe('error: unable to parse "a:\\n\\tb": yaml: line 2: found character that cannot start any token\n');
  });

  it('matches the real kubectl on patch errors and results', async () => {
    const ours = await withPod();
    const theirs = await withPod();
    const cases: string[][] = [
      ['patch', 'pod', 'web', '-p', '{"spec":{"containers":[{"name":"web","ports":[{"containerPort":80}]}]}}'],
      ['patch', 'pod', 'nope', '-p', '{}'],
      ['patch', 'pod', 'web', '--type', 'json', '-p', '{"op":"add"}'],
      ['patch', 'pod', 'web', '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/labels/none"}]'],
      ['patch', 'pod', 'web', '--type', 'merge', '-p', '{"spec":{"containers":[{"name":"web","image":"busybox"}]}}'],
      ['patch', 'pod', 'web', '-p', '{"metadata":{"labels":{"app":"web"}}}'],
      ['patch', 'pod', 'web', '-p', '{"metadata":{"labels":{"b":"2"}}}', '-o', 'name'],
    ];
    const results: unknown[][] = [];
    await withRealKubectl(theirs.cluster, async (kubectl) => {
      for (const argv of cases) {
        const real = await kubectl(argv);
        const mine = await ours.run(argv);
        results.push([{ argv, ...mine }, { argv, ...real }]);
      }
    });
    for (const [mine, real] of results) expect(mine).toEqual(real);
    const a = await ours.cluster.api.get('pods', 'default', 'web');
    const b = await theirs.cluster.api.get('pods', 'default', 'web');
    expect(a.spec).toEqual(b.spec);
    expect(a.metadata.labels).toEqual(b.metadata.labels);
  }, 60_000);
});
