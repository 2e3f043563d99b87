// `kubectl port-forward (POD | TYPE/NAME) [LOCAL_PORT:]REMOTE_PORT...` (kubectl
// pkg/cmd/portforward/portforward.go, client-go v0.32 tools/portforward/portforward.go): listen on
// localhost ports of the learner's machine (the host's registry) and carry each connection to the
// pod through the API server's portforward subresource, until Ctrl-C or the tunnel breaks.
import { attachablePod } from '../attachable-pod';
import type { CommandDef } from '../command';
import { CmdError, goQuote, UsageError } from '../errors';
import type { ForwardTarget, KubectlEnv, PortForwardHost } from '../env';
import { klogError } from '../klog';
import { resolveResource } from '../resource/builder';

interface ContainerPort { name?: string; containerPort: number; protocol?: string }
interface PodLike { metadata: { name: string }; spec: { containers: { ports?: ContainerPort[] }[]; initContainers?: { ports?: ContainerPort[] }[] }; status?: { phase?: string } }
interface ServiceLike { metadata: { name: string }; spec: { clusterIP?: string; ports?: { name?: string; port: number; targetPort?: number | string; protocol?: string }[] } }

export const portForward: CommandDef = {
  name: 'port-forward',
  group: 'Troubleshooting and Debugging Commands',
  use: 'port-forward TYPE/NAME [options] [LOCAL_PORT:]REMOTE_PORT [...[LOCAL_PORT_N:]REMOTE_PORT_N]',
  short: 'Forward one or more local ports to a pod',
  long: 'Make ports of a pod reachable on this machine: a connection to localhost:LOCAL_PORT reaches REMOTE_PORT inside the pod. For a deployment or service, one of its pods is chosen; a service port is translated to the pod port it targets. Runs until Ctrl-C.',
  example: `# localhost:8080 reaches port 8080 of pod web
kubectl port-forward web 8080

# localhost:8080 reaches port 80 of pod web
kubectl port-forward pod/web 8080:80

# Through a service: its port 80 leads to the pods' target port
kubectl port-forward svc/web 8080:80

# A named container port
kubectl port-forward deploy/web 8080:http`,
  flags: [
    { name: 'address', type: 'stringSlice', default: ['localhost'], usage: 'The addresses to listen on: localhost (127.0.0.1 and ::1) or IP addresses, comma separated.' },
    { name: 'pod-running-timeout', type: 'duration', default: '1m0s', usage: 'How long to wait for a running pod of a deployment or service.' },
  ],
  async run(ctx) {
    const { env, flags } = ctx;
    // portforward.go Complete
    if (ctx.args.length < 2) throw new UsageError('TYPE/NAME and list of ports are required for port-forward');
    const [target, ...portArgs] = ctx.args as [string, ...string[]];
    const typed = target.includes('/') ? resolveResource(target.slice(0, target.indexOf('/'))) : undefined;
    const { pod: found, name } = await attachablePod(ctx, target);
    let ports: string[];
    if (typed?.resource === 'services') {
      const svc = (await env.api.get('services', ctx.namespace, target.slice(target.indexOf('/') + 1))) as unknown as ServiceLike;
      ports = translateServicePorts(portArgs, svc, found as unknown as PodLike);
    } else {
      ports = convertNamedPorts(portArgs, found as unknown as PodLike);
    }
    // portforward.go RunPortForwardContext: the pod as it is now
    const pod = (await env.api.get('pods', ctx.namespace, name)) as unknown as PodLike;
    const phase = pod.status?.phase ?? '';
    if (phase !== 'Running') throw new CmdError(`unable to forward port because pod is not running. Current status=${phase}`);
    const forwards = parsePorts(ports);
    const addresses = parseAddresses(flags.strings('address'));
    const host = env.portForward;
    if (!host) throw new CmdError('port forwarding needs the Podlab terminal (there is no local machine here)');
    return forward(ctx.env, host, addresses, forwards, { namespace: ctx.namespace, pod: name, port: 0 });
  },
};

interface ForwardedPort { local: number; remote: number }

/** portforward.go ForwardPorts → client-go forward(): listen on every port, then wait for Ctrl-C or a broken tunnel. */
function forward(env: KubectlEnv, host: PortForwardHost, addresses: string[], forwards: ForwardedPort[], base: ForwardTarget): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const open: number[] = [];
    const stop = () => {
      for (const p of open) host.close(p);
      open.length = 0;
    };
    let done = false;
    const finish = (f: () => void) => {
      if (done) return;
      done = true;
      stop();
      f();
    };
    for (const port of forwards) {
      // `:5000` asks for any free local port; Podlab takes the first free one from the ephemeral range
      const candidates = port.local ? [port.local] : Array.from({ length: 28232 }, (_, i) => 32768 + i);
      const local = candidates.find((p) => host.listen(p, { ...base, port: port.remote }, {
        handling: () => {
          // portforward.go handleConnection
          if (!done) env.stdout(`Handling connection for ${p}\n`);
        },
        failed: (message) => finish(() => {
          // portforward.go handleConnection: runtime.HandleError over "an error occurred forwarding %d -> %d: %v"
          env.stderr(klogError(env.now(), `"Unhandled Error" err=${goQuote(`an error occurred forwarding ${p} -> ${port.remote}: ${message}`)}`, 'portforward.go:424'));
          // portforward.go forward: the stream connection closed
          reject(new CmdError('lost connection to pod'));
        }),
      }));
      if (local === undefined) {
        // portforward.go forward / listenOnPort: each address failed to bind
        const errs = addresses.map((a) => `unable to create listener: Error listen ${a.includes(':') ? 'tcp6' : 'tcp4'} ${hostPort(a, port.local)}: bind: address already in use`);
        env.stderr(`Unable to listen on port ${port.local}: Listeners failed to create with the following errors: [${errs.join(' ')}]\n`);
        continue;
      }
      port.local = local;
      open.push(local);
      // portforward.go listenOnPortAndAddress
      for (const a of addresses) env.stdout(`Forwarding from ${hostPort(a, local)} -> ${port.remote}\n`);
    }
    if (!open.length) {
      // portforward.go forward: Go prints the ports as [{local remote} ...]
      reject(new CmdError(`unable to listen on any of the requested ports: [${forwards.map((f) => `{${f.local} ${f.remote}}`).join(' ')}]`));
      return;
    }
    // portforward.go RunPortForwardContext: signal.Notify(signals, os.Interrupt) closes the
    // forwards and returns; any other signal kills kubectl (kill %1: "Terminated")
    env.interrupt.onInterrupt(() => finish(() => resolve(0)), ['INT']);
  });
}

/** net.JoinHostPort */
function hostPort(address: string, port: number): string {
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

/** portforward.go parseAddresses: localhost means both loopback addresses. */
function parseAddresses(given: string[]): string[] {
  const out: string[] = [];
  for (const a of given) {
    if (a === 'localhost') out.push('127.0.0.1', '::1');
    // portforward.go parseAddresses: "%s is not a valid IP"
    else if (isIP(a)) out.push(a);
    else throw new CmdError(`${a} is not a valid IP`);
  }
  // portforward.go NewOnAddresses
  if (!out.length) throw new CmdError('you must specify at least 1 address');
  return [...new Set(out)];
}

function isIP(s: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s)) return s.split('.').every((o) => Number(o) <= 255 && (o === '0' || !o.startsWith('0')));
  return /^[0-9a-fA-F:]+$/.test(s) && s.includes(':') && (s.match(/::/g) ?? []).length <= 1;
}

/** client-go portforward.go parsePorts */
function parsePorts(ports: string[]): ForwardedPort[] {
  return ports.map((spec) => {
    const parts = spec.split(':');
    // portforward.go parsePorts
    if (parts.length > 2) throw new CmdError(`invalid port format '${spec}'`);
    const local = parts.length === 2 ? parts[0] || '0' : parts[0]!;
    const remote = parts.length === 2 ? parts[1]! : parts[0]!;
    const l = parseUint16(local);
    if (typeof l === 'string') throw new CmdError(`error parsing local port '${local}': ${l}`);
    const r = parseUint16(remote);
    if (typeof r === 'string') throw new CmdError(`error parsing remote port '${remote}': ${r}`);
    if (r === 0) throw new CmdError('remote port must be > 0');
    return { local: l, remote: r };
  });
}

/** strconv.ParseUint(s, 10, 16): the number, or Go's error text. */
function parseUint16(s: string): number | string {
  if (!/^\d+$/.test(s)) return `strconv.ParseUint: parsing ${goQuote(s)}: invalid syntax`;
  if (Number(s) > 65535) return `strconv.ParseUint: parsing ${goQuote(s)}: value out of range`;
  return Number(s);
}

function splitPort(spec: string): [local: string, remote: string] {
  const parts = spec.split(':');
  return parts.length === 2 ? [parts[0]!, parts[1]!] : [parts[0]!, parts[0]!];
}

const isNumber = (s: string) => /^[+-]?\d+$/.test(s);

/** portforward.go convertPodNamedPortToNumber: a named remote port becomes the container port. */
function convertNamedPorts(ports: string[], pod: PodLike): string[] {
  return ports.map((spec) => {
    const [local, remote] = splitPort(spec);
    // portforward.go convertPodNamedPortToNumber
    if (remote === '') throw new CmdError('remote port cannot be empty');
    const port = isNumber(remote) ? remote : String(containerPortByName(pod, remote));
    return local !== remote ? `${local}:${port}` : port;
  });
}

/** portforward.go translateServicePortToTargetPort: a service port becomes the pod port it targets. */
function translateServicePorts(ports: string[], svc: ServiceLike, pod: PodLike): string[] {
  return ports.map((spec) => {
    let [local, remote] = splitPort(spec);
    let portnum = Number(remote);
    if (!isNumber(remote)) {
      const named = (svc.spec.ports ?? []).find((p) => p.name === remote);
      // util/service_port.go LookupServicePortNumberByName
      if (!named) throw new CmdError(`Service '${svc.metadata.name}' does not have a named port '${remote}'`);
      portnum = named.port;
      if (local === remote) local = String(portnum);
    }
    const container = containerPortByServicePort(svc, pod, portnum);
    remote = String(container);
    return local !== remote ? `${local}:${remote}` : remote;
  });
}

/** util/service_port.go LookupContainerPortNumberByServicePort */
function containerPortByServicePort(svc: ServiceLike, pod: PodLike, port: number): number {
  for (const p of svc.spec.ports ?? []) {
    if (p.port !== port) continue;
    if (svc.spec.clusterIP === 'None') return port;
    if (typeof p.targetPort === 'string') return containerPortByName(pod, p.targetPort);
    return p.targetPort ? p.targetPort : p.port;
  }
  // util/service_port.go LookupContainerPortNumberByServicePort
  throw new CmdError(`Service ${svc.metadata.name} does not have a service port ${port}`);
}

/** util/pod_port.go LookupContainerPortNumberByName */
function containerPortByName(pod: PodLike, name: string): number {
  for (const c of [...pod.spec.containers, ...(pod.spec.initContainers ?? [])]) {
    const p = (c.ports ?? []).find((cp) => cp.name === name);
    if (p) return p.containerPort;
  }
  // util/pod_port.go LookupContainerPortNumberByName
  throw new CmdError(`Pod '${pod.metadata.name}' does not have a named port '${name}'`);
}
