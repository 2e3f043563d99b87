// df in a pod with volumes: an emptyDir with `medium: Memory` is a tmpfs, a plain one is on the
// node's disk, and the service-account token's projected volume is a tmpfs too.
import { describe, expect, it } from 'vitest';
import { allRunning, cluster, exec, pod } from './harness';

describe('df and volumes', () => {
  it('lists each volume where the kubelet put it', async () => {
    const c = cluster('df-volumes');
    await c.api.create('pods', pod('v', {
      volumes: [{ name: 'm', emptyDir: { medium: 'Memory' } }, { name: 'd', emptyDir: {} }],
      containers: [{
        name: 'bb', image: 'busybox', command: ['sh', '-c', 'echo hello > /cache/a; sleep 3600'],
        volumeMounts: [{ name: 'm', mountPath: '/cache' }, { name: 'd', mountPath: '/data' }],
      }],
    }));
    expect(c.clock.advanceUntil(() => allRunning(c, 'v'), 60_000)).toBe(true);
    const rows = (await exec(c, 'v', 'bb', ['df', '-h'])).out.split('\n').slice(1, -1).map((l) => [l.split(/\s+/)[0], l.split(/\s+/).at(-1)]);
    expect(rows).toEqual([
      ['overlay', '/'], ['tmpfs', '/dev'], ['shm', '/dev/shm'], ['/dev/sda1', '/etc/hosts'],
      ['tmpfs', '/cache'], ['/dev/sda1', '/data'], ['tmpfs', '/var/run/secrets/kubernetes.io/serviceaccount'],
    ]);
    expect((await exec(c, 'v', 'bb', ['df', '/cache'])).out).toMatch(/\ntmpfs +\d+ +4 +\d+ +0% \/cache\n$/);
  });
});
