import { describe, expect, it } from 'vitest';
import { withRealKubectl } from '../testing/real-kubectl';
import { testKubectl } from '../testing-env';
import { LAST_APPLIED } from './apply';

const CM = `apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
  labels:
    app: web
data:
  a: "1"
`;

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
  await k.run('create -f pod.yaml');
  return k;
}

const container = async (k: Awaited<ReturnType<typeof withPod>>) =>
  ((await k.cluster.api.get('pods', 'default', 'web')).spec as { containers: { image: string; ports?: unknown }[] }).containers[0]!;

describe('kubectl replace', () => {
  it('replaces the object with the file, dropping what the file leaves out', async () => {
    const k = testKubectl();
    k.files.set('/work/cm.yaml', CM);
    await k.run('create -f cm.yaml');
    k.files.set('/work/cm.yaml', CM.replace('a: "1"', 'b: "2"').replace('  labels:\n    app: web\n', ''));
    expect(await k.run('replace -f cm.yaml')).toEqual({ stdout: 'configmap/cfg replaced\n', stderr: '', code: 0 });
    const live = await k.cluster.api.get('configmaps', 'default', 'cfg');
    expect(live.data).toEqual({ b: '2' });
    expect(live.metadata.labels).toBeUndefined();
    expect((await k.run('replace -f cm.yaml --save-config -o name')).stdout).toBe('configmap/cfg\n');
    expect((await k.cluster.api.get('configmaps', 'default', 'cfg')).metadata.annotations?.[LAST_APPLIED]).toContain('"data":{"b":"2"}');
    expect((await k.run('replace -f cm.yaml --dry-run=client')).stdout).toBe('configmap/cfg replaced (dry run)\n');
  });

  it('recreates the pod with --force, after it is gone', async () => {
    const k = await withPod();
    await k.run('wait --for=condition=Ready pod/web');
    const before = (await k.cluster.api.get('pods', 'default', 'web')).metadata.uid;
    k.files.set('/work/pod.yaml', POD.replace('    image: nginx\n', '    image: nginx\n    ports:\n    - containerPort: 80\n'));
    const t0 = k.cluster.clock.now();
    expect(await k.run('replace --force -f pod.yaml')).toEqual({ stdout: 'pod "web" deleted\npod/web replaced\n', stderr: '', code: 0 });
    expect(k.cluster.clock.now()).toBeGreaterThan(t0);
    const after = await k.cluster.api.get('pods', 'default', 'web');
    expect(after.metadata.uid).not.toBe(before);
    expect((await container(k)).ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('checks its flags as the real kubectl v1.32 does', async () => {
    const k = testKubectl();
    // [REAL] kubectl v1.32 (client-side)
    expect((await k.run('replace')).stderr).toBe('error: must specify one of -f and -k\n');
    expect((await k.run('replace pod x')).stderr).toBe('error: must specify one of -f and -k\n');
    expect((await k.run('replace -f x --force --grace-period=0')).stderr).toBe('error: the path "x" does not exist\n');
    k.files.set('/work/pod.yaml', POD);
    expect((await k.run('replace -f pod.yaml --grace-period=1')).stderr).toBe('error: --grace-period must have --force specified\n');
    expect((await k.run('replace -f pod.yaml --timeout=1s')).stderr).toBe('error: --timeout must have --force specified\n');
    expect((await k.run('replace -f pod.yaml --force --dry-run=client')).stderr).toBe('error: --dry-run can not be used when --force is set\n');
  });

  it('matches the real kubectl on replace results and errors', async () => {
    const ours = await withPod();
    const theirs = await withPod();
    const cases: [string, string][] = [
      // a pod's file lacks what the server filled in (volumes, nodeName), so replacing it is refused
      ['pod from its file', POD.replace('image: nginx', 'image: nginx:1.27')],
      ['immutable field', POD.replace('    image: nginx\n', '    image: nginx\n    ports:\n    - containerPort: 80\n')],
      ['missing object', POD.replace('name: web', 'name: other')],
      ['stale resourceVersion', POD.replace('  name: web\n', '  name: web\n  resourceVersion: "1"\n')],
    ];
    const results: unknown[][] = [];
    await withRealKubectl(theirs.cluster, async (kubectl) => {
      for (const [what, stdin] of cases) {
        const argv = ['replace', '-f', '-', '--validate=false'];
        results.push([{ what, ...(await ours.run(argv, { stdin })) }, { what, ...(await kubectl(argv, { stdin })) }]);
      }
    });
    for (const [mine, real] of results) expect(mine).toEqual(real);
    expect(await container(ours)).toEqual(await container(theirs));
    // DefaultTolerationSeconds admits updates too: the file's missing tolerations come back, so
    // the only cause left is the spec diff
    expect((results[0]![1] as { stderr: string }).stderr).toMatch(/^The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  }, 60_000);
});
