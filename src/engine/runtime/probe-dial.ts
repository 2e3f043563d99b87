// httpGet and tcpSocket probes while nothing in Podlab listens on a port yet: the dial fails the
// way Go's net package reports a refused connection, which is what the kubelet prints.
import type { Container, Probe } from '../api/types';
import type { ProbeResult } from './cri';

/** A named port resolves through the container's ports (pkg/kubelet/prober/prober.go findPortByName). */
function portOf(container: Container, p: number | string | undefined): string {
  if (typeof p === 'number') return String(p);
  const named = container.ports?.find((x) => x.name === p);
  return named ? String(named.containerPort) : String(p ?? '');
}

/** The probe's outcome: success on a port in `healthPorts`, else the failure of a refused connection. */
export function probeDialError(container: Container, probe: Probe, podIP: string, healthPorts: readonly number[] = []): ProbeResult {
  const target = probe.httpGet?.port ?? probe.tcpSocket?.port ?? probe.grpc?.port;
  if (target !== undefined && healthPorts.includes(Number(portOf(container, target as number | string)))) {
    // pkg/probe/http/http.go DoHTTPProbe: a 2xx answer succeeds with its body as output
    return { result: 'success', output: probe.httpGet ? 'ok' : '' };
  }
  if (probe.httpGet) {
    const host = probe.httpGet.host || podIP;
    const port = portOf(container, probe.httpGet.port as number | string);
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    // pkg/probe/http/http.go DoHTTPProbe: the client error, Get "<url>": dial tcp <addr>: connect: connection refused
    return { result: 'failure', output: `Get "${scheme}://${host}:${port}${path}": dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (probe.tcpSocket) {
    const host = probe.tcpSocket.host || podIP;
    const port = portOf(container, probe.tcpSocket.port as number | string);
    // pkg/probe/tcp/tcp.go DoTCPProbe: the dial error
    return { result: 'failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  // grpc probes: pkg/probe/grpc/grpc.go: the connection error
  if (probe.grpc) return { result: 'failure', output: `failed to connect service "${podIP}:${probe.grpc.port}" within 1s: context deadline exceeded` };
  return { result: 'error', output: 'unknown probe handler' };
}
