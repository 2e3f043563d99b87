import { describe, expect, it } from 'vitest';
import type { StoredPod } from '../engine';
import { testSession } from './testing';

/** A session with pod web (nginx) running on the real container runtime. */
async function withWeb() {
  const t = await testSession({ runtime: true });
  await t.type('kubectl run web --image=nginx');
  t.cluster.clock.advanceUntil(() => !!(t.cluster.store.tryGet('pods', 'default', 'web') as StoredPod | undefined)?.status.containerStatuses?.[0]?.ready, 120_000);
  t.take();
  return t;
}

describe('kubectl debug through the host shell', { timeout: 60_000 }, () => {
  it('non-interactive: the container runs its command once; its output is in kubectl logs', async () => {
    const t = await withWeb();
    const out = await t.type("kubectl debug web --image=busybox:1.36 -c probe --profile=general -- sh -c 'echo hello from $(hostname)'");
    expect(out).toBe("kubectl debug web --image=busybox:1.36 -c probe --profile=general -- sh -c 'echo hello from $(hostname)'\n$ ");
    t.cluster.clock.advance(30_000);
    expect(await t.type('kubectl logs web -c probe')).toBe('kubectl logs web -c probe\nhello from web\n$ ');
    const pod = t.cluster.store.get('pods', 'default', 'web') as StoredPod;
    expect(pod.status.ephemeralContainerStatuses?.[0]?.state?.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(pod.status.ephemeralContainerStatuses?.[0]?.restartCount).toBe(0);
    expect(await t.type('kubectl get pod web --no-headers')).toMatch(/\nweb\s+1\/1\s+Running\s+0\s+\S+\n\$ $/);
  });

  it('-it: the notices, a shell in the new container, and the ephemeral reattach message', async () => {
    const t = await withWeb();
    const start = await t.type('kubectl debug -it web --image=busybox --target=web');
    expect(start).toMatch(new RegExp([
      'kubectl debug -it web --image=busybox --target=web\\n',
      'Targeting container "web". If you don\'t see processes from this container it may be because the container runtime doesn\'t support this feature.\\n',
      '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\\n',
      'Defaulting debug container name to debugger-[bcdfghjklmnpqrstvwxz2456789]{5}.\\n',
      "If you don't see a command prompt, try pressing enter.\\n",
    ].join('')));
    const name = /debugger-\w{5}/.exec(start)![0];
    expect(await t.type('echo inside $(hostname)')).toContain('inside web\n');
    const end = await t.type('exit');
    expect(end).toContain(`Session ended, the ephemeral container will not be restarted but may be reattached using 'kubectl attach web -c ${name} -i -t' if it is still running\n`);
    expect(end.endsWith('$ ')).toBe(true);
    t.cluster.clock.advance(60_000);
    const pod = t.cluster.store.get('pods', 'default', 'web') as StoredPod;
    const s = pod.status.ephemeralContainerStatuses!.find((c) => c.name === name)!;
    expect(s.state?.terminated?.exitCode).toBe(0);
    expect(s.restartCount).toBe(0);
  });
});
