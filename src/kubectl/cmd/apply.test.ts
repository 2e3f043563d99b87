import { describe, expect, it } from 'vitest';
import { testKubectl } from '../testing-env';
import { LAST_APPLIED } from './apply';

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

describe('kubectl apply / create / delete', () => {
  it('creates, then reports unchanged, then configures a changed field, and removes a dropped label', async () => {
    const k = testKubectl();
    k.files.set('/work/pod.yaml', POD);
    expect(await k.run('apply -f pod.yaml')).toEqual({ stdout: 'pod/web created\n', stderr: '', code: 0 });
    const live = await k.cluster.api.get('pods', 'default', 'web');
    const annotation = (live.metadata as { annotations: Record<string, string> }).annotations[LAST_APPLIED]!;
    // util.GetModifiedConfiguration: Go's JSON of the file (keys sorted) and a newline
    expect(annotation).toBe('{"apiVersion":"v1","kind":"Pod","metadata":{"annotations":{},"labels":{"app":"web"},"name":"web","namespace":"default"},"spec":{"containers":[{"image":"nginx","name":"web"}]}}\n');
    expect((await k.run('apply -f pod.yaml')).stdout).toBe('pod/web unchanged\n');
    k.files.set('/work/pod.yaml', POD.replace('image: nginx', 'image: nginx:alpine').replace('  labels:\n    app: web\n', ''));
    expect((await k.run('apply -f pod.yaml')).stdout).toBe('pod/web configured\n');
    const after = await k.cluster.api.get('pods', 'default', 'web');
    expect((after.spec as { containers: { image: string }[] }).containers[0]!.image).toBe('nginx:alpine');
    expect((after.metadata as { labels?: Record<string, string> }).labels).toBeUndefined();
  });

  it('prints the immutability error of a forbidden pod update as kubectl does', async () => {
    const k = testKubectl();
    k.files.set('/work/pod.yaml', POD);
    await k.run('apply -f pod.yaml');
    k.files.set('/work/pod.yaml', POD.replace('    image: nginx\n', '    image: nginx\n    ports:\n    - containerPort: 80\n'));
    const r = await k.run('apply -f pod.yaml');
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^The Pod "web" is invalid: spec: Forbidden: pod updates may not change fields other than/);
  });

  it('create -f fails with AlreadyExists naming the file, and delete waits for the graceful end', async () => {
    const k = testKubectl();
    k.files.set('/work/pod.yaml', POD);
    expect((await k.run('create -f pod.yaml')).stdout).toBe('pod/web created\n');
    const again = await k.run('create -f pod.yaml');
    expect(again).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): error when creating "pod.yaml": pods "web" already exists\n', code: 1 });
    // a shell as PID 1 ignores SIGTERM: the pod takes its whole grace period to go
    k.files.set('/work/sleeper.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: sleeper\nspec:\n  terminationGracePeriodSeconds: 5\n  containers:\n  - name: c\n    image: busybox\n    command: ["sh", "-c", "sleep 3600"]\n');
    await k.run('create -f sleeper.yaml');
    k.cluster.clock.advance(60_000);
    const t0 = k.cluster.clock.now();
    const del = await k.run('delete pod sleeper');
    expect(del).toEqual({ stdout: 'pod "sleeper" deleted\n', stderr: '', code: 0 });
    // it returned only once the pod was gone, after the grace period on the virtual clock
    await expect(k.cluster.api.get('pods', 'default', 'sleeper')).rejects.toThrow('pods "sleeper" not found');
    expect(k.cluster.clock.now() - t0).toBeGreaterThanOrEqual(5000);
  });

  it('delete reports what is missing and goes on with the rest', async () => {
    const k = testKubectl();
    k.files.set('/work/pod.yaml', POD);
    await k.run('apply -f pod.yaml');
    const r = await k.run('delete pod nope web --wait=false');
    expect(r.stdout).toBe('pod "web" deleted\n');
    expect(r.stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(r.code).toBe(1);
    expect(await k.run('delete pods -l app=none')).toEqual({ stdout: 'No resources found\n', stderr: '', code: 0 });
    expect((await k.run('delete')).stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect((await k.run('delete pod x --now --grace-period=3')).stderr).toBe('error: --now and --grace-period cannot be specified together\n');
    expect((await k.run('delete pod x --timeout=abc')).stderr).toBe('error: invalid argument "abc" for "--timeout" flag: time: invalid duration "abc"\nSee \'kubectl delete --help\' for usage.\n');
  });
});

describe('kubectl apply with generateName', () => {
  it('refuses an object that has only generateName, while create -f still generates a name', async () => {
    const k = testKubectl();
    k.files.set('/work/gen.yaml', POD.replace('  name: web\n', '  generateName: foo-\n'));
    expect(await k.run('apply -f gen.yaml')).toEqual({ stdout: '', stderr: 'error: from foo-: cannot use generate name with apply\n', code: 1 });
    expect((await k.cluster.api.list('pods', { namespace: 'default' })).items).toHaveLength(0);
    const created = await k.run('create -f gen.yaml');
    expect(created.stdout).toMatch(/^pod\/foo-[a-z0-9]{5} created\n$/);
  });
});
