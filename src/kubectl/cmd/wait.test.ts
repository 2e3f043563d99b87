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

const phase = async (k: Awaited<ReturnType<typeof withPod>>) => ((await k.cluster.api.get('pods', 'default', 'web')).status as { phase: string }).phase;

describe('kubectl wait', () => {
  it('waits on the virtual clock until the pod is Ready', async () => {
    const k = await withPod();
    const t0 = k.cluster.clock.now();
    expect(await k.run('wait --for=condition=Ready pod/web')).toEqual({ stdout: 'pod/web condition met\n', stderr: '', code: 0 });
    expect(k.cluster.clock.now()).toBeGreaterThan(t0);
    expect(await phase(k)).toBe('Running');
    // already met: no time passes
    const t1 = k.cluster.clock.now();
    expect((await k.run('wait --for=condition=ready=TRUE pods -l app=web')).stdout).toBe('pod/web condition met\n');
    expect(k.cluster.clock.now()).toBe(t1);
  });

  it('waits for a jsonpath value and for deletion', async () => {
    const k = await withPod();
    expect((await k.run(['wait', '--for=jsonpath={.status.phase}=Running', 'pod/web'])).stdout).toBe('pod/web condition met\n');
    expect((await k.run(['wait', '--for=jsonpath={.status.podIP}', 'pod/web', '-o', 'name'])).stdout).toBe('pod/web\n');
    await k.run('delete pod web --wait=false');
    expect(await k.run('wait --for=delete pod/web --timeout=60s')).toEqual({ stdout: 'pod/web condition met\n', stderr: '', code: 0 });
    await expect(k.cluster.api.get('pods', 'default', 'web')).rejects.toThrow('not found');
    // already gone: nothing to say
    expect(await k.run('wait --for=delete pod/web')).toEqual({ stdout: '', stderr: '', code: 0 });
  });

  it('times out with the object named, and checks once with --timeout=0', async () => {
    const k = await withPod();
    const t0 = k.cluster.clock.now();
    const r = await k.run('wait --for=condition=Nope pod/web --timeout=5s');
    expect(r).toEqual({ stdout: '', stderr: 'error: timed out waiting for the condition on pods/web\n', code: 1 });
    expect(k.cluster.clock.now() - t0).toBe(5000);
    expect((await k.run('wait --for=condition=Nope pod/web --timeout=0')).stderr).toBe('error: condition not met for pods/web\n');
    expect((await k.run('wait --for=jsonpath={.status.nope} pod/web --timeout=0')).stderr).toBe('error: condition not met for pods/web\n');
    expect((await k.run('wait --for=jsonpath={.spec} pod/web --timeout=0')).stdout).toBe('pod/web condition met\n');
    expect((await k.run('wait --for=jsonpath={.spec}=x pod/web')).stderr).toBe('error: jsonpath leads to a nested object or list which is not supported\n');
  });

  it('waits for an object to be created', async () => {
    const k = testKubectl();
    expect((await k.run('wait --for=create pod/web --timeout=2s')).stderr).toBe('error: timed out waiting for the condition\n');
    const later = k.run('wait --for=create pod/web --timeout=10s');
    k.files.set('/work/pod.yaml', POD);
    await k.cluster.api.create('pods', (await import('yaml')).parse(POD), { namespace: 'default' });
    expect(await later).toEqual({ stdout: 'pod/web condition met\n', stderr: '', code: 0 });
  });

  it('checks its flags as the real kubectl v1.32 does', async () => {
    const k = testKubectl();
    // [REAL] kubectl v1.32, no server needed
    expect((await k.run('wait pod/web')).stderr).toBe('error: unrecognized condition: ""\n');
    expect((await k.run('wait pod/web --for=condition')).stderr).toBe('error: unrecognized condition: "condition"\n');
    expect((await k.run('wait pod/web --for=jsonpath={.a}=b=c')).stderr).toBe("error: jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'\n");
    expect((await k.run('wait pod/web --for=jsonpath=')).stderr).toBe('error: jsonpath expression cannot be empty\n');
    expect((await k.run('wait --for=jsonpath={.a}=')).stderr).toBe("error: jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3\n");
    expect((await k.run('wait pod/web --for=jsonpath={.a')).stderr).toBe("error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'\n");
    expect((await k.run('wait --for=jsonpath={.a[}=1')).stderr).toBe('error: unterminated array\n');
    expect((await k.run('wait --for=delete')).stderr).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
    expect((await k.run('wait --for=delete pod/web -l a=b')).stderr).toBe('error: selectors and the all flag cannot be used when passing resource/name arguments\n');
    expect((await k.run('wait pod/x --for=delete --timeout=xx')).stderr).toBe('error: invalid argument "xx" for "--timeout" flag: time: invalid duration "xx"\nSee \'kubectl wait --help\' for usage.\n');
  });

  it('matches the real kubectl where nothing needs a watch', async () => {
    const ours = await withPod();
    await ours.run('wait --for=condition=Ready pod/web');
    const theirs = await withPod();
    await theirs.run('wait --for=condition=Ready pod/web');
    const cases = [
      ['wait', '--for=condition=Ready', 'pod/web'],
      ['wait', '--for=condition=Ready', 'pods', '--all'],
      ['wait', '--for=jsonpath={.status.phase}=Running', 'pod/web', '-o', 'name'],
      ['wait', '--for=condition=Ready', 'pod/nope'],
      ['wait', '--for=delete', 'pod/nope'],
      ['wait', '--for=condition=Ready', 'pods', '-l', 'app=none'],
      ['wait', '--for=condition=Nope', 'pod/web', '--timeout=0'],
      ['wait', '--for=create', 'pod/web'],
    ];
    const results: unknown[][] = [];
    await withRealKubectl(theirs.cluster, async (kubectl) => {
      for (const argv of cases) {
        const real = await kubectl(argv);
        // the loopback server has no watch: drop client-go's reflector complaints about it
        const stderr = real.stderr.split('\n').filter((l) => !/^E\d{4} .* reflector\.go:\d+\]/.test(l)).join('\n');
        results.push([{ argv, ...(await ours.run(argv)) }, { argv, ...real, stderr }]);
      }
    });
    for (const [mine, real] of results) expect(mine).toEqual(real);
  }, 60_000);
});
