import { describe, expect, it } from 'vitest';
import type { StoredPod } from '../../engine';
import { testKubectl } from '../testing-env';

const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

async function withPod() {
  const k = testKubectl({ seed: 'debug' });
  await k.run('run web --image=nginx');
  k.cluster.clock.advance(30_000);
  return k;
}

const podOf = (k: ReturnType<typeof testKubectl>) => k.cluster.store.get('pods', 'default', 'web') as StoredPod;

describe('kubectl debug', () => {
  it('adds an ephemeral container with a generated name and the legacy-profile warning', async () => {
    const k = await withPod();
    const r = await k.run(['debug', 'web', '--image=busybox:1.36', '--', 'sh', '-c', 'echo hi']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(LEGACY);
    const m = /^Defaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\n$/.exec(r.stdout);
    expect(m).not.toBeNull();
    const ec = podOf(k).spec.ephemeralContainers!;
    expect(ec).toEqual([{
      name: m![1], image: 'busybox:1.36', command: ['sh', '-c', 'echo hi'], imagePullPolicy: 'IfNotPresent', resources: {},
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    }]);
    // the kubelet starts it; the pod's READY stays what its regular containers say
    k.cluster.clock.advance(20_000);
    expect(podOf(k).status.ephemeralContainerStatuses?.[0]?.name).toBe(m![1]);
    expect((await k.run('get pod web --no-headers')).stdout).toMatch(/^web\s+1\/1\s+Running\s+0\s/);
  });

  it('takes -c, --target, -i -t flags and the profile into the container spec', async () => {
    const k = await withPod();
    const r = await k.run('debug web --image=busybox -c shell --target=web --profile=general -q');
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const r2 = await k.run('debug web --image=busybox -c net --target=web --profile=netadmin --attach=false -i -t --arguments-only -- -c ls');
    expect(r2.stdout).toBe('Targeting container "web". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\n');
    const [shell, net] = podOf(k).spec.ephemeralContainers!;
    expect(shell).toMatchObject({ name: 'shell', targetContainerName: 'web', securityContext: { capabilities: { add: ['SYS_PTRACE'] } } });
    expect(net).toMatchObject({ name: 'net', stdin: true, tty: true, args: ['-c', 'ls'], securityContext: { capabilities: { add: ['NET_ADMIN', 'NET_RAW'] } } });
    expect(net!.command).toBeUndefined();
  });

  it('a generated name avoids the names the pod has', async () => {
    const k = await withPod();
    const first = (await k.run('debug web --image=busybox -q')).code;
    expect(first).toBe(0);
    // the same instant and pod would draw the same suffix again: the second draw is used
    expect((await k.run('debug web --image=busybox -q')).code).toBe(0);
    const names = podOf(k).spec.ephemeralContainers!.map((c) => c.name);
    expect(new Set(names).size).toBe(2);
  });

  it('-i waits for the container and warns about why it is waiting; Ctrl-C ends the wait', async () => {
    const k = await withPod();
    const r = await k.run('debug web --image=busybox:nope -c dbg -i --profile=general', { interruptAfterMs: 60_000 });
    expect(r.code).toBe(130);
    const warnings = r.stderr.split('\n').filter(Boolean);
    expect(warnings.length).toBeGreaterThan(0);
    // the kubelet's waiting message (ErrImagePull, then ImagePullBackOff), as the warning printer shows it
    for (const w of warnings) expect(w).toMatch(/^Warning: container dbg: (Back-off pulling image "busybox:nope"|.*busybox:nope.*not found.*)/);
  });

  it('-i on a container that already ended shows its logs instead of attaching', async () => {
    const k = await withPod();
    const r = await k.run(['debug', 'web', '--image=busybox', '-c', 'once', '-i', '--profile=general', '--', 'sh', '-c', 'true']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect((podOf(k).status.ephemeralContainerStatuses ?? []).find((s) => s.name === 'once')?.state?.terminated).toBeDefined();
  });

  it('gives debug.go\'s errors', async () => {
    const k = await withPod();
    const err = async (line: string) => (await k.run(line)).stderr;
    expect(await err('debug web')).toBe('error: you must specify --image when not using --copy-to.\n');
    expect(await err('debug web --image=Busy_Box')).toBe('error: invalid image name "Busy_Box": invalid reference format\n');
    expect(await err('debug --image=busybox')).toBe('error: NAME or filename is required for debug\n');
    expect(await err('debug web --image=busybox -t')).toBe('error: -i/--stdin is required for containers with -t/--tty=true\n');
    expect(await err('debug web --image=busybox --profile=nope')).toBe('error: unknown profile: nope\n');
    expect(await err('debug web --image=busybox --image-pull-policy=Sometimes')).toBe('error: invalid image pull policy: Sometimes\n');
    expect(await err('debug web --attach')).toBe('error: you must specify --container or create a new container using --image in order to attach.\n');
    expect(await err('debug web --image=busybox --replace')).toBe('error: --replace may only be used with --copy-to.\n');
    expect(await err('debug web --copy-to=web2')).toBe('error: you must specify --image, --set-image or command arguments.\n');
    expect(await err('debug web --copy-to=web2 --image=busybox --target=web')).toBe('error: --target is incompatible with --copy-to. Use --share-processes instead.\n');
    expect(await err('debug nope --image=busybox --profile=general')).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect(await err('debug node/minikube --image=busybox --profile=general')).toBe('error: "/v1, Kind=Node" not supported by debug\n');
    expect(await err('debug web --image=busybox --profile=general -c web')).toBe('The Pod "web" is invalid: spec.ephemeralContainers[0].name: Duplicate value: "web"\n');
    expect(await err('debug web --image=busybox --profile=general --target=nope'))
      .toBe('The Pod "web" is invalid: spec.ephemeralContainers[0].targetContainerName: Not found: "nope"\n');
  });
});
