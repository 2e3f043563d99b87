import { describe, expect, it } from 'vitest';
import { Cluster } from '../../cluster/cluster';
import type { StoredPod } from '../../api/types';
import type { StreamIO } from '../cri';
import { ContainerRuntime } from '../container-runtime';
import { programFile, type Connection, type Proc, type Program } from '../process/program';
import type { HttpOutcome } from '../commands/network';
import type { EngineContext } from '../../cluster/context';
import type { MemFS } from '../fs/memfs';
import type { ClusterNetwork } from './cluster-network';

/**
 * `server PORT NAME`: listens on PORT; answers `NAME <local ip:port> from <remote ip> <path>`,
 * `/status/NNN` with that status, `/healthz` with 500 once /tmp/unhealthy exists, `/hop` with a
 * redirect to `/healthz`.
 */
const server: Program<{ name: string }> = {
  kind: 'program',
  start(p: Proc<{ name: string }>) {
    p.state = { name: p.argv[2] ?? 'server' };
    const err = p.listen(Number(p.argv[1]));
    if (err) {
      p.write(2, `listen: ${err}\n`);
      p.exit(1);
    }
  },
  event() {},
  serve(p: Proc<{ name: string }>, conn: Connection): HttpOutcome {
    const path = conn.request?.path ?? '';
    const ok = (status: number, body: string, headers: [string, string][] = []): HttpOutcome => ({ kind: 'response', response: { status, reason: status === 200 ? 'OK' : 'X', headers, body } });
    if (path.startsWith('/status/')) return ok(Number(path.slice(8)), 'status\n');
    if (path === '/hop') return ok(302, 'moved\n', [['Location', '/healthz']]);
    if (path === '/healthz') return p.fs.exists('/tmp/unhealthy') ? ok(500, 'sick\n') : ok(200, 'healthy\n');
    const ua = conn.request?.headers.find(([k]) => k === 'User-Agent')?.[1] ?? '';
    return ok(200, `${p.state.name} ${conn.localIp}:${conn.localPort} from ${conn.remoteIp} ${path} ${ua}\n`);
  },
};

const factory = (ctx: EngineContext, node: string, nodeFs: MemFS, network: ClusterNetwork) =>
  new ContainerRuntime(ctx, node, { nodeFs, network, commands: (r) => r.register('test/server', server) });

function cluster(seed = 'net'): Cluster {
  const c = Cluster.create({ seed, runtime: factory });
  // the server binary on the node, mounted into pods through a hostPath volume
  const fs = c.nodeFiles.get('minikube')!;
  fs.mkdir('/opt/test', { recursive: true });
  fs.writeFile('/opt/test/server', programFile('test/server'), { mode: 0o755 });
  fs.chmod('/opt/test/server', 0o755);
  return c;
}

const TOOLS = { volumeMounts: [{ name: 'tools', mountPath: '/opt/test' }] };
const TOOLS_VOLUME = { volumes: [{ name: 'tools', hostPath: { path: '/opt/test' } }] };

function serverPod(name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}, container: Record<string, unknown> = {}) {
  return {
    apiVersion: 'v1', kind: 'Pod', metadata: { name, labels },
    spec: {
      containers: [{ name: 'web', image: 'busybox', command: ['/opt/test/server', '8080', name], ports: [{ name: 'http', containerPort: 8080 }], ...TOOLS, ...container }],
      ...TOOLS_VOLUME, ...extra,
    },
  };
}

function clientPod(name: string, image = 'busybox') {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'c', image, command: ['sleep', '3600'] }] } };
}

function service(name: string, selector: Record<string, string>, spec: Record<string, unknown> = {}) {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { selector, ports: [{ port: 80, targetPort: 'http' }], ...spec } };
}

function podOf(c: Cluster, name: string): StoredPod {
  return c.store.get('pods', 'default', name) as StoredPod;
}

function running(c: Cluster, ...names: string[]): void {
  c.clock.advanceUntil(() => names.every((n) => podOf(c, n).status.containerStatuses?.every((s) => s.ready)), 120_000);
  for (const n of names) expect(podOf(c, n).status.containerStatuses?.every((s) => s.ready), n).toBe(true);
}

/** Run a command in a pod's container and let the clock run until it ends. */
async function sh(c: Cluster, pod: string, command: string, container = 'c', maxMs = 300_000): Promise<{ out: string; err: string; code?: number }> {
  const r: { out: string; err: string; code?: number } = { out: '', err: '' };
  const io: StreamIO = { output: (s, d) => void (s === 'stdout' ? (r.out += d) : (r.err += d)), close: (code) => void (r.code = code) };
  await c.api.exec('default', pod, { container, command: ['sh', '-c', command] }, io);
  c.clock.advanceUntil(() => r.code !== undefined, maxMs);
  return r;
}

function messages(c: Cluster): string[] {
  return c.store.list('events', { namespace: 'default' }).map((e) => (e as { message?: string }).message ?? '');
}

describe('the cluster network through the engine', () => {
  it('wget reaches a server by pod IP, Service name, name.namespace and FQDN; Services pick among ready endpoints', async () => {
    const c = cluster();
    c.store.create('pods', serverPod('web-a', { app: 'web' }));
    c.store.create('pods', serverPod('web-b', { app: 'web' }));
    c.store.create('pods', clientPod('client'));
    c.store.create('services', service('web', { app: 'web' }));
    running(c, 'web-a', 'web-b', 'client');
    const ipA = podOf(c, 'web-a').status.podIP!;
    const client = podOf(c, 'client').status.podIP!;
    expect((await sh(c, 'client', `wget -qO- http://${ipA}:8080/x`)).out).toBe(`web-a ${ipA}:8080 from ${client} /x Wget\n`);
    const seen = new Set<string>();
    for (const host of ['web', 'web.default', 'web.default.svc.cluster.local', 'web', 'web', 'web', 'web', 'web']) {
      const r = await sh(c, 'client', `wget -qO- http://${host}/p`);
      expect(r.code).toBe(0);
      const [name, local, , from, path] = r.out.trim().split(' ');
      seen.add(name!);
      // the server sees the pod IP and the target port (DNAT), and the client's own address
      expect([local, from, path]).toEqual([`${podOf(c, name!).status.podIP}:8080`, client, '/p']);
    }
    expect([...seen].sort()).toEqual(['web-a', 'web-b']);
  });

  it('localhost reaches a sibling container; a second bind of the port in the pod fails, another pod may bind it', async () => {
    const c = cluster();
    c.store.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'duo' },
      spec: { containers: [{ name: 'web', image: 'busybox', command: ['/opt/test/server', '8080', 'duo'], ...TOOLS }, { name: 'c', image: 'busybox', command: ['sleep', '3600'] }], ...TOOLS_VOLUME },
    });
    c.store.create('pods', {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'clash' },
      spec: { containers: [{ name: 'one', image: 'busybox', command: ['/opt/test/server', '8080', 'one'], ...TOOLS }, { name: 'two', image: 'busybox', command: ['/opt/test/server', '8080', 'two'], ...TOOLS }], ...TOOLS_VOLUME },
    });
    c.store.create('pods', serverPod('other', {}));
    running(c, 'duo', 'other');
    expect((await sh(c, 'duo', 'wget -qO- http://localhost:8080/')).out).toBe('duo 127.0.0.1:8080 from 127.0.0.1 / Wget\n');
    c.clock.advance(30_000);
    const clash = podOf(c, 'clash').status.containerStatuses!;
    expect(clash.find((s) => s.name === 'one')?.state?.running).toBeDefined();
    expect(clash.find((s) => s.name === 'two')?.restartCount).toBeGreaterThan(0);
    expect(await c.api.logs('default', 'clash', { container: 'two', previous: true })).toBe('listen: EADDRINUSE\n');
  });

  it('words refused, rejected, dropped and unreachable connections as busybox wget does', async () => {
    const c = cluster();
    c.store.create('pods', serverPod('web', { app: 'web' }));
    c.store.create('pods', clientPod('client'));
    c.store.create('services', service('empty', { app: 'none' }));
    running(c, 'web', 'client');
    const ip = podOf(c, 'web').status.podIP!;
    const emptyIP = (c.store.get('services', 'default', 'empty') as { spec: { clusterIP: string } }).spec.clusterIP;
    expect((await sh(c, 'client', `wget -qO- http://${ip}:9090/`)).err).toBe(`wget: can't connect to remote host (${ip}): Connection refused\n`);
    // kube-proxy REJECTs a Service port without endpoints
    expect((await sh(c, 'client', 'wget -qO- http://empty/')).err).toBe(`wget: can't connect to remote host (${emptyIP}): Connection refused\n`);
    expect((await sh(c, 'client', 'wget -qO- http://10.244.0.250/')).err).toBe("wget: can't connect to remote host (10.244.0.250): No route to host\n");
    // a ClusterIP port the Service lacks matches no rule: the SYNs are lost
    const dropped = await sh(c, 'client', 'wget -T 3 -qO- http://empty:8080/');
    expect([dropped.err, dropped.code]).toEqual(['wget: download timed out\n', 1]);
  });

  it('busybox 1.37 nslookup fails for a short name (NXDOMAIN on the other search domains); busybox:1.28 resolves it', async () => {
    const c = cluster();
    c.store.create('pods', serverPod('web', { app: 'web' }));
    c.store.create('pods', clientPod('new'));
    c.store.create('pods', clientPod('old', 'busybox:1.28'));
    c.store.create('services', service('k8sbook', { app: 'web' }));
    running(c, 'web', 'new', 'old');
    const svcIP = (c.store.get('services', 'default', 'k8sbook') as { spec: { clusterIP: string } }).spec.clusterIP;
    const now = await sh(c, 'new', 'nslookup k8sbook');
    expect(now.code).toBe(1);
    expect(now.out).toBe(
      'Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n'
      + `Name:\tk8sbook.default.svc.cluster.local\nAddress: ${svcIP}\n\n`
      + "** server can't find k8sbook.svc.cluster.local: NXDOMAIN\n\n** server can't find k8sbook.cluster.local: NXDOMAIN\n\n"
      + '\n'
      + "** server can't find k8sbook.svc.cluster.local: NXDOMAIN\n\n** server can't find k8sbook.cluster.local: NXDOMAIN\n\n",
    );
    const old = await sh(c, 'old', 'nslookup k8sbook');
    expect(old).toEqual({
      out: `Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      k8sbook\nAddress 1: ${svcIP} k8sbook.default.svc.cluster.local\n`,
      err: '', code: 0,
    });
    const missing = await sh(c, 'old', 'nslookup nope');
    expect([missing.err, missing.code]).toEqual(["nslookup: can't resolve 'nope'\n", 1]);
    // the seed's init container loop ends on 1.28
    expect((await sh(c, 'old', 'until nslookup k8sbook >/dev/null; do sleep 1; done; echo Service found!')).out).toBe('Service found!\n');
  });

  it('an httpGet liveness probe fails with the kubelet text and restarts the container; a tcpSocket probe passes once the port listens', async () => {
    const c = cluster();
    c.store.create('pods', serverPod('live', {}, {}, {
      livenessProbe: { httpGet: { path: '/healthz', port: 'http' }, periodSeconds: 2, failureThreshold: 2 },
    }));
    c.store.create('pods', serverPod('late', {}, {}, {
      command: ['sh', '-c', 'sleep 8; exec /opt/test/server 8080 late'],
      readinessProbe: { tcpSocket: { port: 8080 }, periodSeconds: 1 },
    }));
    c.clock.advanceUntil(() => podOf(c, 'live').status.containerStatuses?.[0]?.state?.running !== undefined, 60_000);
    const lateIP = () => podOf(c, 'late').status.podIP;
    c.clock.advanceUntil(() => !!lateIP(), 60_000);
    c.clock.advance(3_000);
    expect(podOf(c, 'late').status.containerStatuses?.[0]?.ready).toBe(false);
    expect(messages(c)).toContain(`Readiness probe failed: dial tcp ${lateIP()}:8080: connect: connection refused`);
    c.clock.advance(10_000);
    expect(podOf(c, 'late').status.containerStatuses?.[0]?.ready).toBe(true);

    expect(podOf(c, 'live').status.containerStatuses?.[0]?.restartCount).toBe(0);
    await sh(c, 'live', 'touch /tmp/unhealthy', 'web');
    c.clock.advanceUntil(() => (podOf(c, 'live').status.containerStatuses?.[0]?.restartCount ?? 0) > 0, 60_000);
    expect(messages(c)).toContain('Liveness probe failed: HTTP probe failed with statuscode: 500');
    expect(messages(c)).toContain('Container web failed liveness probe, will be restarted');
  });

  it('follows a same-host redirect and reports an unfollowed 3xx as a warning', async () => {
    const c = cluster();
    c.store.create('pods', serverPod('hop', {}, {}, { readinessProbe: { httpGet: { path: '/hop', port: 8080 }, periodSeconds: 1 } }));
    // a 3xx without a Location to follow ends the chain: success, with a warning
    c.store.create('pods', serverPod('moved', {}, {}, { readinessProbe: { httpGet: { path: '/status/301', port: 8080 }, periodSeconds: 1 } }));
    running(c, 'hop', 'moved');
    expect(messages(c).filter((m) => m.includes('probe'))).toEqual(['Readiness probe warning: Probe terminated redirects, Response body: status\n']);
  });

  it('NodePorts answer on the node address; a hostNetwork pod sees the node interfaces and sends from the node IP', async () => {
    const c = cluster();
    c.store.create('pods', serverPod('web', { app: 'web' }));
    c.store.create('pods', { ...clientPod('host'), spec: { ...clientPod('host').spec, hostNetwork: true } });
    c.store.create('services', service('web', { app: 'web' }, { type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30080 }] }));
    running(c, 'web', 'host');
    const addr = await sh(c, 'host', 'ip addr show dev eth0');
    expect(addr.out).toContain('link/ether 02:42:c0:a8:31:02 brd ff:ff:ff:ff:ff:ff\n    inet 192.168.49.2/24 brd 192.168.49.255 scope global eth0\n');
    const r = await sh(c, 'host', 'wget -qO- http://192.168.49.2:30080/np');
    expect(r.out).toBe(`web ${podOf(c, 'web').status.podIP}:8080 from 192.168.49.2 /np Wget\n`);
  });

  it('without a ready CoreDNS endpoint, DNS queries go unanswered', async () => {
    const c = cluster();
    c.store.create('pods', clientPod('client'));
    running(c, 'client');
    c.store.delete('deployments', 'kube-system', 'coredns');
    c.clock.advanceUntil(() => c.store.list('pods', { namespace: 'kube-system', labelSelector: 'k8s-app=kube-dns' }).length === 0, 120_000);
    const r = await sh(c, 'client', 'nslookup kubernetes.default');
    expect([r.out, r.code]).toEqual([';; connection timed out; no servers could be reached\n\n', 1]);
    expect((await sh(c, 'client', 'wget -qO- http://kubernetes.default/')).err).toBe("wget: bad address 'kubernetes.default'\n");
  });

  it('port-forward sessions reach the pod port, or fail with the kubelet and containerd error chain', async () => {
    const c = cluster();
    c.store.create('pods', serverPod('web', {}));
    running(c, 'web');
    const session = await c.api.portForward('default', 'web', 8080);
    const out = session.http({ method: 'GET', host: 'localhost:8080', path: '/pf', headers: [] });
    expect(out.kind === 'response' && out.response.body).toBe('web 127.0.0.1:8080 from 127.0.0.1 /pf \n');
    const none = (await c.api.portForward('default', 'web', 9999)).http({ method: 'GET', host: 'localhost:9999', path: '/', headers: [] });
    expect(none.kind).toBe('error');
    const msg = none.kind === 'error' ? none.message : '';
    expect(msg).toMatch(/^error forwarding port 9999 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}": failed to connect to localhost:9999 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:9999: connect: connection refused IPv6 dial tcp6 \[::1\]:9999: connect: connection refused $/);
    session.close();
    expect(session.http({ method: 'GET', host: 'localhost:8080', path: '/', headers: [] }).kind).toBe('closed');
  });

  it('ping, ip addr and hostname -i see the pod network; everything survives snapshot and restore', async () => {
    const c = cluster();
    c.store.create('pods', serverPod('web', { app: 'web' }));
    c.store.create('pods', clientPod('client'));
    c.store.create('services', service('web', { app: 'web' }));
    running(c, 'web', 'client');
    const ip = podOf(c, 'client').status.podIP!;
    const hex = ip.split('.').map((b) => Number(b).toString(16).padStart(2, '0')).join(':');
    const addr = await sh(c, 'client', 'ip addr show dev eth0');
    expect(addr.out).toMatch(new RegExp(`^\\d+: eth0@if(\\d+): <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP \\n    link/ether 0a:58:${hex} brd ff:ff:ff:ff:ff:ff\\n    inet ${ip.replace(/\./g, '\\.')}/24 brd 10\\.244\\.0\\.255 scope global eth0\\n`));
    const ping = await sh(c, 'client', `ping -c 2 ${podOf(c, 'web').status.podIP}`);
    expect(ping.out).toMatch(/seq=0 ttl=63 time=0\.\d{3} ms\n.*seq=1 ttl=63/s);
    expect((await sh(c, 'client', 'ping -c 1 -W 1 8.8.8.8')).out).toContain('1 packets transmitted, 0 packets received, 100% packet loss');

    const again = Cluster.restore(c.snapshot(), { runtime: factory });
    expect((await sh(again, 'client', 'ip addr show dev eth0')).out).toBe(addr.out);
    const r = await sh(again, 'client', 'wget -qO- http://web/after');
    expect(r.out).toBe(`web ${podOf(again, 'web').status.podIP}:8080 from ${ip} /after Wget\n`);
  });

  it('follows pods and Services as they come and go (its views of the node and of kube-proxy are kept, not stale)', async () => {
    const c = cluster();
    const rt = c.runtimes.get('minikube') as ContainerRuntime;
    c.store.create('pods', serverPod('web', { app: 'web' }));
    c.store.create('pods', clientPod('client'));
    running(c, 'web', 'client');
    const webIP = podOf(c, 'web').status.podIP!;
    const sandbox = rt.sandboxByIP(webIP)!;
    expect(sandbox).toMatchObject({ name: 'web', namespace: 'default', hostNetwork: false });
    const webId = podOf(c, 'web').status.containerStatuses![0]!.containerID!.replace('containerd://', '');
    expect(rt.netNamespaceMembers(sandbox.id)).toEqual([webId]);
    // the node's own namespace holds the hostNetwork control plane, not the pods
    expect(rt.netNamespaceMembers(undefined)).not.toContain(webId);
    expect((await sh(c, 'client', `wget -qO- http://${webIP}:8080/one`)).out).toContain('/one');
    // a Service made after the first connections is routed at once
    c.store.create('services', service('web', { app: 'web' }));
    c.clock.advance(2_000);
    expect((await sh(c, 'client', 'wget -qO- http://web/two')).out).toContain('/two');
    c.store.delete('services', 'default', 'web');
    c.clock.advance(2_000);
    expect((await sh(c, 'client', 'wget -qO- -T 1 http://web/three')).err).toContain("wget: bad address 'web'");
    // the pod goes: so do its sandbox and its network namespace
    c.store.delete('pods', 'default', 'web', { gracePeriodSeconds: 0 });
    c.clock.advance(5_000);
    expect(rt.sandboxByIP(webIP)).toBeUndefined();
    expect(rt.netSandboxes().some((s) => s.name === 'web')).toBe(false);
    expect(rt.netNamespaceMembers(sandbox.id)).toEqual([]);
    expect((await sh(c, 'client', `wget -qO- -T 1 http://${webIP}:8080/four`)).err).toContain('No route to host');
  });
});
