import { describe, expect, it } from 'vitest';
import { ContainerRuntime, type ClusterOptions, type KubeApi, type PortForwardSession, type StoredPod } from '../../engine';
import type { ForwardConnections, ForwardTarget, PortForwardHost } from '../env';
import { testKubectl } from '../testing-env';

/** The learner's loopback as the host shell keeps it: forwarded ports and what curl gets through them. */
class Loopback implements PortForwardHost {
  readonly ports = new Map<number, { target: ForwardTarget; connections?: ForwardConnections; session: Promise<PortForwardSession> }>();

  constructor(private readonly api: KubeApi) {}

  listen(port: number, target: ForwardTarget, connections?: ForwardConnections): boolean {
    if (this.ports.has(port)) return false;
    this.ports.set(port, { target, connections, session: this.api.portForward(target.namespace, target.pod, target.port) });
    return true;
  }

  close(port: number): void {
    void this.ports.get(port)?.session.then((s) => s.close());
    this.ports.delete(port);
  }

  /** `curl localhost:<port>/` */
  async curl(port: number) {
    const fwd = this.ports.get(port);
    if (!fwd) return { kind: 'refused' as const };
    fwd.connections?.handling();
    const out = (await fwd.session).http({ method: 'GET', host: `localhost:${port}`, path: '/', headers: [] });
    if (out.kind === 'error') fwd.connections?.failed(out.message);
    return out;
  }
}

const runtime: ClusterOptions['runtime'] = (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network });

const WEB = `apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  containers:
  - {name: nginx, image: nginx, ports: [{name: http, containerPort: 80}]}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec:
  selector: {app: web}
  ports: [{name: web, port: 8000, targetPort: http}]
`;

/** A cluster with nginx running in pod web behind service web, and the learner's localhost. */
async function setup() {
  const k = testKubectl({ seed: 'pf', runtime });
  await k.run('apply -f -', { stdin: WEB });
  k.cluster.clock.advanceUntil(() => !!(k.cluster.store.tryGet('pods', 'default', 'web') as StoredPod | undefined)?.status.containerStatuses?.[0]?.ready, 120_000);
  return { k, host: new Loopback(k.cluster.api) };
}

/** Lets the command run (the test driver moves time in microtasks) until `ready`. */
async function until(ready: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !ready(); i++) await Promise.resolve();
  if (!ready()) throw new Error('port-forward never listened');
}

const listening = (host: Loopback, port: number) => () => host.ports.has(port);

describe('kubectl port-forward', { timeout: 60_000 }, () => {
  it('forwards localhost:8080 to the pod until Ctrl-C, announcing each connection', async () => {
    const { k, host } = await setup();
    const running = k.run('port-forward pod/web 8080:80', { portForward: host, interruptAfterMs: 60_000 });
    await until(listening(host, 8080));
    const out = await host.curl(8080);
    expect(out?.kind).toBe('response');
    expect(out?.kind === 'response' && out.response.body).toContain('Welcome to nginx!');
    const r = await running;
    // Ctrl-C (SIGINT) ends port-forward cleanly: portforward.go catches os.Interrupt
    expect(r).toEqual({
      stdout: 'Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\nHandling connection for 8080\n',
      stderr: '',
      code: 0,
      interrupted: true,
    });
    // after Ctrl-C the port is free again
    expect(await host.curl(8080)).toEqual({ kind: 'refused' });
  });

  it('maps a service port to the pod port it targets, and named container ports', async () => {
    const { k, host } = await setup();
    expect((await k.run('port-forward svc/web 9000:8000', { portForward: host, interruptAfterMs: 1_000 })).stdout).toBe('Forwarding from 127.0.0.1:9000 -> 80\nForwarding from [::1]:9000 -> 80\n');
    expect((await k.run('port-forward svc/web web', { portForward: host, interruptAfterMs: 1_000 })).stdout).toBe('Forwarding from 127.0.0.1:8000 -> 80\nForwarding from [::1]:8000 -> 80\n');
    expect((await k.run('port-forward web 8080:http', { portForward: host, interruptAfterMs: 1_000 })).stdout).toBe('Forwarding from 127.0.0.1:8080 -> 80\nForwarding from [::1]:8080 -> 80\n');
    expect((await k.run('port-forward web 8080:https', { portForward: host })).stderr).toBe("error: Pod 'web' does not have a named port 'https'\n");
    expect((await k.run('port-forward svc/web 8080:9999', { portForward: host })).stderr).toBe('error: Service web does not have a service port 9999\n');
    expect((await k.run('port-forward svc/web 8080:db', { portForward: host })).stderr).toBe("error: Service 'web' does not have a named port 'db'\n");
  });

  it('fails when the local port is taken', async () => {
    const { k, host } = await setup();
    host.listen(8080, { namespace: 'default', pod: 'web', port: 80 });
    const r = await k.run('port-forward web 8080:80', { portForward: host });
    expect(r.stderr).toBe('Unable to listen on port 8080: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:8080: ' +
      'bind: address already in use unable to create listener: Error listen tcp6 [::1]:8080: bind: address already in use]\n' +
      'error: unable to listen on any of the requested ports: [{8080 80}]\n');
    expect(r.code).toBe(1);
  });

  it('loses the tunnel when nothing listens on the pod port, as kubectl 1.32 does', async () => {
    const { k, host } = await setup();
    const running = k.run('port-forward web 8081:81', { portForward: host });
    await until(listening(host, 8081));
    expect((await host.curl(8081)).kind).toBe('error');
    const r = await running;
    expect(r.stdout).toBe('Forwarding from 127.0.0.1:8081 -> 81\nForwarding from [::1]:8081 -> 81\nHandling connection for 8081\n');
    expect(r.stderr).toMatch(/^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ portforward\.go:424\] "Unhandled Error" err="an error occurred forwarding 8081 -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\"\/var\/run\/netns\/cni-[-0-9a-f]+\\": failed to connect to localhost:81 inside namespace \\"[0-9a-f]{64}\\", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused "\nerror: lost connection to pod\n$/);
    expect(r.code).toBe(1);
    expect(await host.curl(8081)).toEqual({ kind: 'refused' });
  });

  it('refuses a pod that is not running, and bad arguments, with kubectl\'s words', async () => {
    const { k, host } = await setup();
    await k.run('run pending --image=nginx --overrides={"spec":{"nodeSelector":{"disk":"ssd"}}}');
    expect((await k.run('port-forward pending 8080', { portForward: host })).stderr).toBe('error: unable to forward port because pod is not running. Current status=Pending\n');
    expect((await k.run('port-forward web', { portForward: host })).stderr).toBe("error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples\n");
    expect((await k.run('port-forward nope 80', { portForward: host })).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
    expect((await k.run('port-forward web 8080:', { portForward: host })).stderr).toBe('error: remote port cannot be empty\n');
    expect((await k.run('port-forward web 70000:80', { portForward: host })).stderr).toBe('error: error parsing local port \'70000\': strconv.ParseUint: parsing "70000": value out of range\n');
    expect((await k.run('port-forward web 8080:0', { portForward: host })).stderr).toBe('error: remote port must be > 0\n');
    expect((await k.run('port-forward web 8080 --address=nowhere', { portForward: host })).stderr).toBe('error: nowhere is not a valid IP\n');
  });
});
