// Test support: a sandbox container with an image family's commands and OS files, and a fake
// network stack with DNS records, HTTP servers and interfaces as plain data.
import type { Credentials } from '../process/credentials';
import { Sandbox, type SandboxRun } from '../process/sandbox';
import type { Kernel } from '../process/kernel';
import { installImageCommands, type ImageFamily } from './images';
import {
  NET_TOPIC, type DnsReply, type DnsTimeout, type DnsType, type HttpOutcome, type HttpRequest, type NetInterface,
  type NetOrigin, type NetworkStack, type PingReply,
} from './network';
import { registerCommands } from './register';
import { createCommandEnv, type CommandEnv } from './system';
import { CommandRegistry } from '../process/program';

/** A scripted network: answers from tables, optionally later (a server that takes time). */
export class FakeNetwork {
  /** absolute name → A records; a name listed with [] exists without A records (NODATA) */
  dns = new Map<string, string[]>();
  ptr = new Map<string, string>();
  /** DNS servers that answer (others time out) */
  servers = new Set(['10.96.0.10']);
  /** `ip:port` → handler */
  http = new Map<string, (req: HttpRequest) => HttpOutcome>();
  /** answers to deliver later: [delay ms, outcome] by `ip:port` */
  delayed = new Map<string, number>();
  pingable = new Set(['127.0.0.1']);
  ifaces: NetInterface[] = [
    { name: 'lo', index: 1, mac: '00:00:00:00:00:00', mtu: 65536, loopback: true, addresses: [{ ip: '127.0.0.1', prefix: 8 }] },
    { name: 'eth0', index: 2, peerIndex: 7, mac: '0a:58:0a:f4:00:05', mtu: 1500, loopback: false, addresses: [{ ip: '10.244.0.5', prefix: 24 }], stats: { rxPackets: 12, rxBytes: 1032, txPackets: 3, txBytes: 126 } },
  ];
  requests: HttpRequest[] = [];
  kernel?: Kernel;
  clockSchedule?: (ms: number, fn: () => void) => void;

  dnsQuery(_from: NetOrigin, server: string, name: string, type: DnsType): DnsReply | DnsTimeout {
    if (!this.servers.has(server)) return { rcode: 'TIMEOUT' };
    if (type === 'PTR') {
      const p = this.ptr.get(name);
      return p ? { rcode: 'NOERROR', answers: [p], authoritative: true } : { rcode: 'NXDOMAIN', answers: [], authoritative: true };
    }
    const a = this.dns.get(name);
    if (!a) return { rcode: 'NXDOMAIN', answers: [], authoritative: name.endsWith('cluster.local') };
    return { rcode: 'NOERROR', answers: type === 'A' ? a : [], authoritative: name.endsWith('cluster.local') };
  }

  httpRequest(from: NetOrigin, req: HttpRequest, tag: number): HttpOutcome | undefined {
    this.requests.push(req);
    const h = this.http.get(`${req.ip}:${req.port}`);
    const outcome: HttpOutcome = h ? h(req) : { kind: 'refused' };
    const delay = this.delayed.get(`${req.ip}:${req.port}`);
    if (delay !== undefined && this.clockSchedule && this.kernel) {
      const k = this.kernel;
      this.clockSchedule(delay, () => k.post(from.ns, from.pid, NET_TOPIC, { tag, outcome }));
      return undefined;
    }
    return outcome;
  }

  ping(_from: NetOrigin, ip: string, seq: number): PingReply {
    return this.pingable.has(ip) ? { kind: 'reply', rttMs: 0.05 + seq * 0.01, ttl: 64 } : { kind: 'lost' };
  }

  interfaces(): NetInterface[] {
    return this.ifaces;
  }
}

// NetworkStack names its HTTP method `http`; the fake keeps the map under that name, so bind it.
export function stackOf(n: FakeNetwork): NetworkStack {
  return {
    dnsQuery: (f, s, name, t) => n.dnsQuery(f, s, name, t),
    http: (f, r, tag) => n.httpRequest(f, r, tag),
    ping: (f, ip, seq) => n.ping(f, ip, seq),
    interfaces: () => n.interfaces(),
  };
}

export interface Box {
  sb: Sandbox;
  net: FakeNetwork;
  env: CommandEnv;
  /** run `sh -c script` to the end: stdout, stderr, exit code */
  sh(script: string, stdin?: string): { out: string; err: string; code: number | undefined };
  /** exec argv directly (like kubectl exec without a shell) */
  exec(argv: string[], opts?: { env?: Record<string, string>; cred?: Credentials }): { out: string; err: string; code: number | undefined };
  start(script: string): SandboxRun;
}

const OS_FILES: Record<'debian' | 'ubuntu' | 'alpine' | 'busybox', Record<string, string>> = {
  debian: {
    '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n',
    '/etc/group': 'root:x:0:\ndaemon:x:1:\n',
  },
  ubuntu: {
    '/etc/os-release': 'PRETTY_NAME="Ubuntu 24.04.1 LTS"\nNAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    '/etc/group': 'root:x:0:\n',
  },
  alpine: {
    '/etc/os-release': 'NAME="Alpine Linux"\nID=alpine\nVERSION_ID=3.21.0\n',
    '/etc/alpine-release': '3.21.0\n',
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nbin:x:1:1:bin:/bin:/sbin/nologin\n',
    '/etc/group': 'root:x:0:root\nbin:x:1:root,bin,daemon\ndaemon:x:2:root,bin,daemon\nwheel:x:10:root\n',
  },
  busybox: {
    '/etc/passwd': 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n',
    '/etc/group': 'root:x:0:\nwheel:x:10:root\nnogroup:x:65534:\n',
  },
};

const FAMILY_OS: Record<ImageFamily, keyof typeof OS_FILES | undefined> = {
  debian: 'debian', redis: 'debian', nginx: 'debian', ubuntu: 'ubuntu', busybox: 'busybox', 'busybox-1.28': 'busybox', alpine: 'alpine',
  'nginx-alpine': 'alpine', curl: 'alpine', distroless: undefined,
};

/** A container of `family` named `web` (pod IP 10.244.0.5) with the kubelet's /etc files. */
export function box(family: ImageFamily, opts: { seed?: number; start?: number } = {}): Box {
  const net = new FakeNetwork();
  const env = createCommandEnv({ network: stackOf(net) });
  const registry = registerCommands(new CommandRegistry(), env);
  const sb = new Sandbox({ registry, seed: opts.seed, start: opts.start, sh: family === 'busybox' || FAMILY_OS[family] === 'alpine' ? 'ash' : 'dash' });
  net.kernel = sb.kernel;
  const later: (() => void)[] = [];
  sb.clock.register('fakenet', (i: number) => later[i]!());
  net.clockSchedule = (ms, fn) => {
    later.push(fn);
    sb.clock.schedule(ms, 'fakenet', later.length - 1);
  };
  const os = FAMILY_OS[family];
  if (os) for (const [path, text] of Object.entries(OS_FILES[os])) sb.fs.writeFile(path, text);
  sb.fs.writeFile('/etc/hostname', 'web\n');
  sb.fs.writeFile('/etc/hosts', '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n10.244.0.5\tweb\n');
  sb.fs.writeFile('/etc/resolv.conf', 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  // the sandbox's own basic binaries and shells make way for the image's
  for (const f of ['echo', 'printf', 'cat', 'true', 'false', 'test', '[', 'date', 'sleep', 'sh', 'bash', 'dash', 'ash']) sb.fs.rm(`/bin/${f}`, { force: true });
  installImageCommands(sb.fs, family);
  const envVars = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', HOSTNAME: 'web' };
  const finish = (r: SandboxRun): { out: string; err: string; code: number | undefined } => {
    sb.finish(r, 600_000);
    return { out: r.out, err: r.err, code: r.exit?.code };
  };
  return {
    sb, net, env,
    sh(script, stdin) {
      const r = sb.run(['sh', '-c', script], { path: '/bin/sh', env: envVars, stdin: stdin === undefined ? 'null' : 'pipe' });
      if (stdin !== undefined) {
        r.write(stdin);
        r.closeStdin();
      }
      return finish(r);
    },
    exec(argv, o = {}) {
      const path = argv[0]!.includes('/') ? argv[0]! : ['/usr/bin', '/bin', '/usr/sbin', '/sbin'].map((d) => `${d}/${argv[0]}`).find((p) => sb.fs.exists(p)) ?? `/bin/${argv[0]}`;
      return finish(sb.run(argv, { path, env: o.env ?? envVars, cred: o.cred }));
    },
    start(script) {
      return sb.run(['sh', '-c', script], { path: '/bin/sh', env: envVars });
    },
  };
}
