// busybox netstat in a pod of several containers: one network namespace, so every container sees
// the ports its siblings listen on; -p names only the owners in its own PID namespace. nginx
// listens on 0.0.0.0, Go's `:8080` on :: for both families.
import { describe, expect, it } from 'vitest';
import { allRunning, cluster, exec, pod } from './harness';

const HEADER = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       ';

describe('busybox netstat', () => {
  it('lists the listening sockets of the whole pod', async () => {
    const c = cluster('netstat');
    await c.api.create('pods', pod('two', {
      containers: [
        { name: 'web', image: 'nginx' },
        { name: 'kuard', image: 'gcr.io/kuar-demo/kuard-amd64:1' },
        { name: 'bb', image: 'busybox', command: ['sleep', '3600'] },
      ],
    }));
    expect(c.clock.advanceUntil(() => allRunning(c, 'two'), 60_000)).toBe(true);
    const rows = [
      'tcp        0      0 0.0.0.0:80              0.0.0.0:*               LISTEN      ',
      // kuard is a Go server: net.Listen(":8080") is one dual-stack socket, in /proc/net/tcp6
      'tcp        0      0 :::8080                 :::*                    LISTEN      ',
    ];
    expect(await exec(c, 'two', 'bb', ['netstat', '-tln'])).toEqual({ out: ['Active Internet connections (only servers)', HEADER, ...rows, ''].join('\n'), code: 0 });
    // the owners live in other containers (other PID namespaces): "-"
    expect(await exec(c, 'two', 'bb', ['netstat', '-tlnp'])).toEqual({
      out: ['Active Internet connections (only servers)', `${HEADER}PID/Program name    `, ...rows.map((r) => `${r}-`), ''].join('\n'), code: 0,
    });
    // no -l: connected sockets only (there are none), and the unix ones
    expect(await exec(c, 'two', 'bb', ['netstat'])).toEqual({
      out: ['Active Internet connections (w/o servers)', HEADER, 'Active UNIX domain sockets (w/o servers)', 'Proto RefCnt Flags       Type       State         I-Node Path', ''].join('\n'),
      code: 0,
    });
  });

  it('names the owner in a shared PID namespace: PID/argv0, cut to 19 characters', async () => {
    const c = cluster('netstat-shared');
    await c.api.create('pods', pod('shared', {
      shareProcessNamespace: true,
      containers: [{ name: 'web', image: 'nginx' }, { name: 'bb', image: 'busybox', command: ['sleep', '3600'] }],
    }));
    expect(c.clock.advanceUntil(() => allRunning(c, 'shared'), 60_000)).toBe(true);
    const r = await exec(c, 'shared', 'bb', ['netstat', '-tap']);
    expect(r.out).toMatch(/^tcp {8}0 {6}0 0\.0\.0\.0:80 {14}0\.0\.0\.0:\* {15}LISTEN {6}\d+\/nginx: master pro\n/m);
  });
});
