import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing-env';

describe('kubectl run', () => {
  it('prints the manifest of seed 004 with --dry-run=client -o yaml, as kubectl v1.32 does', async () => {
    const k = testKubectl();
    const r = await k.run('run hello-world --image=gcr.io/google-samples/hello-app:2.0 --dry-run=client -o yaml --port=8080');
    expect(r.stdout).toBe(`apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    run: hello-world
  name: hello-world
spec:
  containers:
  - image: gcr.io/google-samples/hello-app:2.0
    name: hello-world
    ports:
    - containerPort: 8080
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Always
status: {}
`);
    expect(r.code).toBe(0);
    expect(await k.cluster.api.list('pods', { namespace: 'default' }).then((l) => l.items.length)).toBe(0);
  });

  it('creates the pod with args after -- and labels run=NAME', async () => {
    const k = testKubectl();
    expect((await k.run(['run', 'once', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo hi'])).stdout).toBe('pod/once created\n');
    const pod = (await k.cluster.api.get('pods', 'default', 'once')) as unknown as { metadata: { labels: Record<string, string> }; spec: { restartPolicy: string; containers: { args: string[] }[] } };
    expect(pod.metadata.labels).toEqual({ run: 'once' });
    expect(pod.spec.restartPolicy).toBe('Never');
    expect(pod.spec.containers[0]!.args).toEqual(['sh', '-c', 'echo hi']);
  });

  it('fails as kubectl does without an image or a name', async () => {
    const k = testKubectl();
    expect((await k.run('run web')).stderr).toBe('error: required flag(s) "image" not set\n');
    expect((await k.run('run --image=nginx')).stderr).toBe("error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n");
  });
});

describe('kubectl run: flag errors as the real kubectl v1.32 prints them', () => {
  it.each([
    ['run x --image=nginx --restart=Sometimes', "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n"],
    ['run x --image=nginx --rm', "error: --rm should only be used for attached containers\nSee 'kubectl run -h' for help and examples\n"],
    ['run x --image=nginx --env=FOO --dry-run=client', 'error: invalid env: FOO\n'],
    ['run x --image=nginx --port=abc --dry-run=client', 'error: strconv.Atoi: parsing "abc": invalid syntax\n'],
    ['run x --image=nginx --labels=abc --dry-run=client', 'error: unexpected label spec: abc\n'],
  ])('%s', async (line, want) => {
    expect((await testKubectl().run(line)).stderr).toBe(want);
  });
});
