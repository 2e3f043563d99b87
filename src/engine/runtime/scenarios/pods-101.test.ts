// Seed 000 "Pods" (kubelabs pods101), adding a 2nd container to a pod: nginx:latest plus the
// afakharany/watcher:latest log watcher; `kubectl exec -it webserver -c webwatcher -- /bin/bash`
// and `cat etc/hosts` from `/`.
import { describe, expect, it } from 'vitest';
import type { Cluster } from '../../cluster/cluster';
import { allRunning, cluster, containerStatus, exec, getPod, pod } from './harness';

function webserver(c: Cluster) {
  return c.api.create('pods', pod('webserver', {
    containers: [
      { name: 'webserver', image: 'nginx:latest', ports: [{ containerPort: 80 }] },
      { name: 'webwatcher', image: 'afakharany/watcher:latest' },
    ],
  }));
}

describe('seed 000: the webserver pod with a watcher sidecar', () => {
  it('runs 2/2 with the watcher image the lesson describes', async () => {
    const c = cluster('seed-000');
    await webserver(c);
    expect(c.clock.advanceUntil(() => allRunning(c, 'webserver'), 60_000)).toBe(true);
    const w = containerStatus(c, 'webserver', 'webwatcher')!;
    expect(w.image).toBe('docker.io/afakharany/watcher:latest');
    expect(w.imageID).toBe('docker.io/afakharany/watcher@sha256:43d1b12bb4ce6e549e85447678a28a8e7b9d4fc398938a6f3e57d2908a9b7d80');
    c.clock.advance(60_000);
    expect(containerStatus(c, 'webserver', 'webwatcher')?.restartCount).toBe(0);
  });

  it('exec in webwatcher: root@webserver, and the kubelet-managed /etc/hosts', async () => {
    const c = cluster('seed-000-exec');
    await webserver(c);
    c.clock.advanceUntil(() => allRunning(c, 'webserver'), 60_000);
    const ip = getPod(c, 'webserver').status.podIP!;
    expect(ip).toMatch(/^10\.244\.0\.\d+$/);
    // bash's prompt \u@\h: the user and the pod's hostname
    expect(await exec(c, 'webserver', 'webwatcher', ['/bin/bash', '-c', 'echo "$(whoami)@$(hostname):$PWD#"'])).toEqual({ out: 'root@webserver:/#\n', code: 0 });
    // pkg/kubelet/kubelet_pods.go managedHostsFileContent: tab-separated, the pod's IP and name last
    expect(await exec(c, 'webserver', 'webwatcher', ['cat', 'etc/hosts'])).toEqual({
      out: [
        '# Kubernetes-managed hosts file.',
        '127.0.0.1\tlocalhost',
        '::1\tlocalhost ip6-localhost ip6-loopback',
        'fe00::0\tip6-localnet',
        'fe00::0\tip6-mcastprefix',
        'fe00::1\tip6-allnodes',
        'fe00::2\tip6-allrouters',
        `${ip}\twebserver`,
        '',
      ].join('\n'),
      code: 0,
    });
  });

  it('the watcher waits for an access log and then follows it', async () => {
    const c = cluster('seed-000-watch');
    await webserver(c);
    c.clock.advanceUntil(() => allRunning(c, 'webserver'), 60_000);
    c.clock.advance(20_000);
    expect(await c.api.logs('default', 'webserver', { container: 'webwatcher' })).toBe('');
    const w = await exec(c, 'webserver', 'webwatcher', ['bash', '-c', 'mkdir -p /var/log/nginx && echo \'10.244.0.1 - - "GET / HTTP/1.1" 200\' >> /var/log/nginx/access.log']);
    expect(w.code).toBe(0);
    c.clock.advance(6_000);
    expect(await c.api.logs('default', 'webserver', { container: 'webwatcher' })).toBe('10.244.0.1 - - "GET / HTTP/1.1" 200\n');
  });
});
