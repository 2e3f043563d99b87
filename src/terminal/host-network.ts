// The learner's machine on the network: only loopback, where the ports `kubectl port-forward`
// listens on lead into pods. `curl localhost:8080` from the host shell becomes one exchange
// through the pod's port-forward session (the API server's portforward subresource); any other
// localhost port refuses the connection, and nothing else is reachable (no cluster DNS here).
import { NET_TOPIC, NO_NETWORK, type HttpOutcome, type HttpRequest, type KubeApi, type NetMessage, type NetworkStack, type PortForwardSession } from '../engine';
import type { ForwardConnections, ForwardTarget, PortForwardHost } from '../kubectl/env';

interface Forward {
  target: ForwardTarget;
  /** kubectl port-forward's ears: "Handling connection for", stream errors */
  connections?: ForwardConnections;
  session?: PortForwardSession;
  /** why the session could not be opened (the pod went away, ...) */
  failed?: string;
  opening?: Promise<void>;
}

export interface PortForwardEvents {
  opened(localPort: number, target: ForwardTarget): void;
  closed(localPort: number): void;
  /** a forwarded connection failed inside the cluster: the kubelet's error text */
  failed(localPort: number, message: string): void;
}

/** Who posts late outcomes back to a waiting process (the host kernel). */
export type Poster = (ns: string, pid: number, topic: string, data: NetMessage) => void;

/** localhost ports forwarded into pods, and the host's NetworkStack over them. */
export class HostNetwork implements PortForwardHost {
  private readonly forwards = new Map<number, Forward>();
  /** bumped whenever something asynchronous settles (the replay driver waits for quiet) */
  activity = 0;

  constructor(private readonly api: KubeApi, private readonly events: PortForwardEvents, private readonly post: Poster) {}

  listen(localPort: number, target: ForwardTarget, connections?: ForwardConnections): boolean {
    if (this.forwards.has(localPort)) return false;
    const fwd: Forward = { target, connections };
    fwd.opening = this.api.portForward(target.namespace, target.pod, target.port).then(
      (s) => {
        fwd.session = s;
        this.activity++;
      },
      (e: unknown) => {
        fwd.failed = e instanceof Error ? e.message : String(e);
        this.activity++;
      },
    );
    this.forwards.set(localPort, fwd);
    this.events.opened(localPort, target);
    return true;
  }

  close(localPort: number): void {
    const fwd = this.forwards.get(localPort);
    if (!fwd) return;
    this.forwards.delete(localPort);
    fwd.session?.close();
    this.events.closed(localPort);
  }

  /** The forwarded ports, for `ss`-like listings and the UI. */
  ports(): { localPort: number; target: ForwardTarget }[] {
    return [...this.forwards].sort((a, b) => a[0] - b[0]).map(([localPort, f]) => ({ localPort, target: f.target }));
  }

  closeAll(): void {
    for (const port of [...this.forwards.keys()]) this.close(port);
  }

  readonly stack: NetworkStack = {
    dnsQuery: () => ({ rcode: 'NXDOMAIN', answers: [] }),
    http: (from, req, tag) => {
      if (!req.ip.startsWith('127.') && req.ip !== '::1') return { kind: 'unreachable' };
      const fwd = this.forwards.get(req.port);
      if (!fwd) return { kind: 'refused' };
      fwd.connections?.handling();
      const exchange = (): HttpOutcome => this.exchange(req.port, fwd, { method: req.method, host: req.host, path: req.path, headers: req.headers, body: req.body });
      if (fwd.session || fwd.failed !== undefined) return exchange();
      void fwd.opening!.then(() => {
        this.post(from.ns, from.pid, NET_TOPIC, { tag, outcome: exchange() });
      });
      return undefined;
    },
    ping: NO_NETWORK.ping,
    interfaces: NO_NETWORK.interfaces,
  };

  /**
   * One request from the host's own browser (the app's preview pane) to localhost: it reaches a
   * pod only through a port `kubectl port-forward` holds open, and kubectl sees the connection.
   */
  async fetch(req: HttpRequest): Promise<HttpOutcome> {
    if (!req.ip.startsWith('127.') && req.ip !== '::1') return { kind: 'unreachable' };
    const fwd = this.forwards.get(req.port);
    if (!fwd) return { kind: 'refused' };
    fwd.connections?.handling();
    if (!fwd.session && fwd.failed === undefined) await fwd.opening;
    this.activity++;
    return this.exchange(req.port, fwd, { method: req.method, host: req.host, path: req.path, headers: req.headers, body: req.body });
  }

  private exchange(localPort: number, fwd: Forward, req: Parameters<PortForwardSession['http']>[0]): HttpOutcome {
    if (!fwd.session) {
      fwd.connections?.failed(fwd.failed ?? 'port-forward session is not open');
      this.events.failed(localPort, fwd.failed ?? 'port-forward session is not open');
      return { kind: 'closed' };
    }
    const out = fwd.session.http(req);
    if (out.kind !== 'error') return out;
    // kubectl logs the stream error and drops the local connection: curl sees an empty reply
    fwd.connections?.failed(out.message);
    this.events.failed(localPort, out.message);
    return { kind: 'closed' };
  }
}
