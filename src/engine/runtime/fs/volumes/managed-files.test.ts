import { describe, expect, it } from 'vitest';
import type { Pod } from 'kubernetes-types/core/v1';
import { Clock } from '../../../clock';
import { SeededRandom } from '../../../../shared/random';
import { ContainerFs } from '../container-fs';
import { MemFS } from '../memfs';
import { buildLayer } from '../layers';
import {
  createTerminationLog, ensureHostsFile, managedHostsFileContent, podDNSConfig, podHostnameAndDomain, resolvConfContent,
  writeSandboxFiles,
} from './managed-files';
import { MountError, containerMounts } from './mounts';
import { setUpEmptyDir } from './empty-dir';
import { setUpConfigMap } from './projection';

const UID = 'a1b2c3d4-0000-4000-8000-000000000001';
const MINIKUBE_DNS = { clusterDNS: ['10.96.0.10'], clusterDomain: 'cluster.local' };

function pod(spec: Partial<NonNullable<Pod['spec']>> = {}, name = 'webserver', namespace = 'default'): Pod {
  return { metadata: { name, namespace, uid: UID }, spec: { containers: [{ name: 'web', image: 'nginx' }], ...spec } };
}

describe('/etc/hosts', () => {
  it('is the kubelet-managed file of the seed, with tabs', () => {
    // seed 000: `kubectl exec -it webserver -c webwatcher -- /bin/bash`, `cat etc/hosts`
    expect(managedHostsFileContent(['10.244.0.4'], 'webserver', '')).toBe(
      '# Kubernetes-managed hosts file.\n' +
        '127.0.0.1\tlocalhost\n' +
        '::1\tlocalhost ip6-localhost ip6-loopback\n' +
        'fe00::0\tip6-localnet\n' +
        'fe00::0\tip6-mcastprefix\n' +
        'fe00::1\tip6-allnodes\n' +
        'fe00::2\tip6-allrouters\n' +
        '10.244.0.4\twebserver\n',
    );
  });

  it('names the FQDN with a subdomain and appends hostAliases', () => {
    const p = pod({ hostname: 'db-0', subdomain: 'db', hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }] });
    const { hostname, domain } = podHostnameAndDomain(p);
    expect({ hostname, domain }).toEqual({ hostname: 'db-0', domain: 'db.default.svc.cluster.local' });
    const text = managedHostsFileContent(['10.244.0.7'], hostname, domain, p.spec!.hostAliases);
    expect(text.split('\n').slice(7)).toEqual([
      '10.244.0.7\tdb-0.db.default.svc.cluster.local\tdb-0',
      '',
      '# Entries added by HostAliases.',
      '127.0.0.1\tfoo.local\tbar.local',
      '',
    ]);
    expect(podHostnameAndDomain(pod({}, 'x'.repeat(62) + '-abc')).hostname).toBe('x'.repeat(62));
  });

  it('is written to the pod directory once the pod has an IP; host-network pods get the node file', () => {
    const fs = new MemFS(new Clock(0));
    expect(ensureHostsFile(fs, pod(), [])).toBeUndefined();
    const path = ensureHostsFile(fs, pod(), ['10.244.0.4']);
    expect(path).toBe(`/var/lib/kubelet/pods/${UID}/etc-hosts`);
    expect(fs.stat(path!).mode).toBe(0o644);
    expect(fs.readFile(path!)).toContain('10.244.0.4\twebserver\n');
    fs.mkdir('/etc');
    fs.writeFile('/etc/hosts', '127.0.0.1\tlocalhost\n192.168.49.2\tminikube\n');
    const hostNet = ensureHostsFile(fs, pod({ hostNetwork: true }), []);
    expect(fs.readFile(hostNet!)).toBe('# Kubernetes-managed hosts file (host network).\n127.0.0.1\tlocalhost\n192.168.49.2\tminikube\n');
  });
});

describe('/etc/resolv.conf and /etc/hostname', () => {
  it('ClusterFirst: the namespace search list, cluster DNS and ndots:5', () => {
    const text = resolvConfContent(podDNSConfig(pod({}, 'web', 'shop'), MINIKUBE_DNS));
    expect(text).toBe('search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  });

  it('Default uses the node resolv.conf; None uses dnsConfig alone; dnsConfig merges', () => {
    const host = { ...MINIKUBE_DNS, hostResolvConf: '# docker\nnameserver 192.168.49.1\nsearch lan.\noptions edns0 trust-ad ndots:0\n' };
    expect(resolvConfContent(podDNSConfig(pod({ dnsPolicy: 'Default' }), host))).toBe(
      'search lan\nnameserver 192.168.49.1\noptions edns0 trust-ad ndots:0\n',
    );
    expect(resolvConfContent(podDNSConfig(pod({ hostNetwork: true }), host))).toBe('search lan\nnameserver 192.168.49.1\noptions edns0 trust-ad ndots:0\n');
    expect(resolvConfContent(podDNSConfig(pod({ dnsPolicy: 'ClusterFirst' }), host))).toBe(
      'search default.svc.cluster.local svc.cluster.local cluster.local lan\nnameserver 10.96.0.10\noptions ndots:5\n',
    );
    const none = pod({ dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['example.com'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } });
    expect(resolvConfContent(podDNSConfig(none, host))).toBe('search example.com\nnameserver 1.1.1.1\noptions ndots:2 edns0\n');
    const merged = pod({ dnsConfig: { nameservers: ['10.96.0.10', '8.8.8.8'], options: [{ name: 'ndots', value: '1' }] } });
    expect(podDNSConfig(merged, MINIKUBE_DNS)).toEqual({
      servers: ['10.96.0.10', '8.8.8.8'],
      searches: ['default.svc.cluster.local', 'svc.cluster.local', 'cluster.local'],
      options: ['ndots:1'],
    });
  });

  it('containerd writes hostname (with a newline) and resolv.conf in the sandbox directory', () => {
    const fs = new MemFS(new Clock(0));
    const files = writeSandboxFiles(fs, 'f00dbabe', { hostname: 'webserver', resolvConf: 'nameserver 10.96.0.10\n' });
    expect(files).toEqual({
      hostname: '/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/f00dbabe/hostname',
      resolvConf: '/var/lib/containerd/io.containerd.grpc.v1.cri/sandboxes/f00dbabe/resolv.conf',
    });
    expect(fs.readFile(files.hostname)).toBe('webserver\n');
  });

  it('a termination-log file per container instance, named by a random %08x, mode 0666', () => {
    const fs = new MemFS(new Clock(0));
    const a = createTerminationLog(fs, UID, 'web', new SeededRandom(7));
    expect(a).toMatch(new RegExp(`^/var/lib/kubelet/pods/${UID}/containers/web/[0-9a-f]{8}$`));
    expect(createTerminationLog(new MemFS(new Clock(0)), UID, 'web', new SeededRandom(7))).toBe(a);
    expect(fs.stat(a)).toMatchObject({ size: 0, mode: 0o666 });
    expect(fs.stat(`/var/lib/kubelet/pods/${UID}/containers/web`).mode).toBe(0o750);
  });
});

describe('containerMounts', () => {
  function setting() {
    const clock = new Clock(0);
    const node = new MemFS(clock);
    const p = pod({ volumes: [{ name: 'html', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }] });
    const volumes = new Map([
      ['html', setUpEmptyDir(node, UID, 'html')],
      ['cfg', setUpConfigMap(node, p, 'cfg', { name: 'cfg' }, { metadata: { name: 'cfg' }, data: { 'nginx.conf': 'events {}\n' } })],
    ]);
    const etcHosts = ensureHostsFile(node, p, ['10.244.0.4']);
    const sandboxFiles = writeSandboxFiles(node, 'sb1', { hostname: 'webserver', resolvConf: 'nameserver 10.96.0.10\n' });
    const terminationLog = createTerminationLog(node, UID, 'web', new SeededRandom(1));
    return { clock, node, p, volumes, etcHosts, sandboxFiles, terminationLog };
  }

  it('builds the mount table: volumes (subPath, readOnly), /etc/hosts, termination log, hostname, resolv.conf', () => {
    const s = setting();
    const mounts = containerMounts({
      container: {
        name: 'web',
        image: 'nginx',
        volumeMounts: [
          { name: 'html', mountPath: '/usr/share/nginx/html' },
          { name: 'html', mountPath: '/logs', subPath: 'logs/nginx' },
          { name: 'cfg', mountPath: '/etc/nginx/nginx.conf', subPath: 'nginx.conf' },
        ],
      },
      volumes: s.volumes,
      nodeFs: s.node,
      etcHosts: s.etcHosts,
      sandboxFiles: s.sandboxFiles,
      terminationLog: s.terminationLog,
    });
    const html = `/var/lib/kubelet/pods/${UID}/volumes/kubernetes.io~empty-dir/html`;
    expect(mounts).toEqual([
      { path: '/usr/share/nginx/html', source: html, readOnly: false },
      { path: '/logs', source: `${html}/logs/nginx`, readOnly: false },
      { path: '/etc/nginx/nginx.conf', source: `/var/lib/kubelet/pods/${UID}/volumes/kubernetes.io~configmap/cfg/nginx.conf`, readOnly: true },
      { path: '/etc/hosts', source: `/var/lib/kubelet/pods/${UID}/etc-hosts`, readOnly: false },
      { path: '/dev/termination-log', source: s.terminationLog, readOnly: false },
      { path: '/etc/hostname', source: s.sandboxFiles.hostname, readOnly: false },
      { path: '/etc/resolv.conf', source: s.sandboxFiles.resolvConf, readOnly: false },
    ]);
    expect(s.node.stat(`${html}/logs/nginx`)).toMatchObject({ type: 'dir', mode: 0o777 }); // subPath created with the volume's mode

    // and a container filesystem built from it
    const image = buildLayer((fs) => {
      fs.mkdir('/etc/nginx', { recursive: true });
      fs.writeFile('/etc/nginx/nginx.conf', 'default\n');
      fs.writeFile('/etc/hostname', 'buildkitsandbox\n');
    });
    const cfs = new ContainerFs(s.clock, { image, mounts, filesystems: { node: s.node } });
    expect(cfs.readFile('/etc/hostname')).toBe('webserver\n');
    expect(cfs.readFile('/etc/nginx/nginx.conf')).toBe('events {}\n');
    expect(cfs.readFile('/etc/hosts')).toContain('10.244.0.4\twebserver');
    expect(cfs.readdir('/dev')).toEqual(['termination-log']);
    cfs.writeFile('/dev/termination-log', 'bye');
    expect(s.node.readFile(s.terminationLog)).toBe('bye');
    expect(cfs.mountTable().map((m) => m.path)).toEqual([
      '/dev/termination-log', '/etc/hostname', '/etc/hosts', '/etc/nginx/nginx.conf', '/etc/resolv.conf', '/logs', '/usr/share/nginx/html',
    ]);
  });

  it('leaves /etc/hosts to a volume mounted there, and makes the runtime files read-only with a read-only root', () => {
    const s = setting();
    const mounts = containerMounts({
      container: { name: 'web', securityContext: { readOnlyRootFilesystem: true }, volumeMounts: [{ name: 'html', mountPath: '/etc/hosts', readOnly: true }] },
      volumes: s.volumes,
      nodeFs: s.node,
      etcHosts: s.etcHosts,
      sandboxFiles: s.sandboxFiles,
    });
    expect(mounts.map((m) => [m.path, m.readOnly])).toEqual([
      ['/etc/hosts', true],
      ['/etc/hostname', true],
      ['/etc/resolv.conf', true],
    ]);
  });

  it('fails with the kubelet messages for a missing volume and a bad subPath', () => {
    const s = setting();
    const run = (vm: { name: string; mountPath: string; subPath?: string }): string => {
      try {
        containerMounts({ container: { name: 'web', volumeMounts: [vm] }, volumes: s.volumes, nodeFs: s.node });
      } catch (e) {
        expect(e).toBeInstanceOf(MountError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(run({ name: 'nope', mountPath: '/x' })).toBe('cannot find volume "nope" to mount into container "web"');
    expect(run({ name: 'html', mountPath: '/x', subPath: '/abs' })).toBe('error SubPath `/abs` must not be an absolute path');
    expect(run({ name: 'html', mountPath: '/x', subPath: 'a/../../b' })).toBe("unable to provision SubPath `a/../../b`: must not contain '..'");
  });
});
