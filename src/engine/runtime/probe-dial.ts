// The kubelet's network probes: httpGet and tcpSocket dialled from the node into the pod through
// the cluster network, with results and texts as pkg/probe/http and pkg/probe/tcp give them (the
// Go net/http and net errors they pass on). TLS is not modelled: an HTTPS probe (the control plane's)
// reaches the server as if the handshake had succeeded. gRPC probes have no server to talk to yet.
import type { Container, Probe } from '../api/types';
import type { ProbeResult } from './cri';
import type { HttpOutcome, HttpRequest } from './commands/network';
import { isIPv4 } from './commands/network';
import type { ClusterNetwork } from './net/cluster-network';

/** What a probe needs of the cluster network: connections from the node. */
export type ProbeNetwork = Pick<ClusterNetwork, 'httpFromNode' | 'dialFromNode'>;

// pkg/probe/http/http.go: maxRespBodyLength = 10 * 1 << 10 (the body is cut there, not an error)
const MAX_BODY = 10 * 1024;
// k8s.io/component-base/version for v1.32: pkg/probe/http/request.go userAgent "kube-%s/%s.%s"
const USER_AGENT = 'kube-probe/1.32';
// pkg/probe/http/http.go RedirectChecker: "stopped after 10 redirects"
const MAX_REDIRECTS = 10;

/** pkg/probe/util.go ResolveContainerPort: a number, or a named port of the container. */
function resolvePort(container: Container, p: number | string | undefined): number | string {
  if (typeof p === 'number') return p;
  const named = container.ports?.find((x) => x.name === p);
  // prober.go findPortByName: "port %s not found"
  if (!named) return `port ${String(p)} not found`;
  return named.containerPort;
}

/** One network probe from `nodeName`; `podIP` is the default host. */
export function networkProbe(net: ProbeNetwork, nodeName: string, container: Container, probe: Probe, podIP: string): ProbeResult {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  if (probe.httpGet) {
    const port = resolvePort(container, probe.httpGet.port as number | string);
    if (typeof port === 'string') return { result: 'error', output: port };
    return httpProbe(net, nodeName, probe.httpGet, probe.httpGet.host || podIP, port, timeoutMs);
  }
  if (probe.tcpSocket) {
    const port = resolvePort(container, probe.tcpSocket.port as number | string);
    if (typeof port === 'string') return { result: 'error', output: port };
    return tcpProbe(net, nodeName, probe.tcpSocket.host || podIP, port);
  }
  // grpc probes: pkg/probe/grpc/grpc.go: the connection error (no gRPC health server exists here)
  if (probe.grpc) return { result: 'failure', output: `failed to connect service "${podIP}:${probe.grpc.port}" within ${timeoutMs / 1000}s: context deadline exceeded` };
  return { result: 'error', output: 'unknown probe handler' };
}

/** pkg/probe/tcp/tcp.go DoTCPProbe: success on connect, else the dial error. */
function tcpProbe(net: ProbeNetwork, nodeName: string, host: string, port: number): ProbeResult {
  const addr = `${host}:${port}`;
  if (!isIPv4(host)) return { result: 'failure', output: `dial tcp: lookup ${host}: no such host` };
  const r = net.dialFromNode(nodeName, host, port);
  if (r === 'connected') return { result: 'success', output: '' };
  // Go net.OpError texts: "dial tcp %s: connect: connection refused", "... i/o timeout"
  const why = r === 'refused' ? 'connect: connection refused' : r === 'unreachable' ? 'connect: no route to host' : 'i/o timeout';
  return { result: 'failure', output: `dial tcp ${addr}: ${why}` };
}

type HttpGet = NonNullable<Probe['httpGet']>;

interface Target {
  scheme: string;
  host: string;
  port: number;
  path: string;
}

const urlOf = (t: Target): string => `${t.scheme}://${t.host}:${t.port}${t.path}`;

/** pkg/probe/http/request.go NewRequestForHTTPGetAction + http.go DoHTTPProbe. */
function httpProbe(net: ProbeNetwork, nodeName: string, action: HttpGet, host: string, port: number, timeoutMs: number): ProbeResult {
  const scheme = (action.scheme ?? 'HTTP').toLowerCase();
  const rawPath = action.path ?? '';
  let target: Target = { scheme, host, port, path: rawPath.startsWith('/') ? rawPath : `/${rawPath}` };
  const { hostHeader, sent } = requestHeaders(action);
  for (let redirects = 0; ; redirects++) {
    const url = urlOf(target);
    // Go net/http: the error is wrapped as `Get "<url>": <cause>`
    const fail = (cause: string): ProbeResult => ({ result: 'failure', output: `Get "${url}": ${cause}` });
    if (!isIPv4(target.host)) return fail(`dial tcp: lookup ${target.host}: no such host`);
    const req: HttpRequest = {
      method: 'GET', ip: target.host, port: target.port, host: hostHeader ?? `${target.host}:${target.port}`, path: target.path,
      headers: sent.slice(),
    };
    const out: HttpOutcome = net.httpFromNode(nodeName, req);
    const dial = `dial tcp ${target.host}:${target.port}`;
    switch (out.kind) {
      case 'refused': return fail(`${dial}: connect: connection refused`);
      case 'unreachable': return fail(`${dial}: connect: no route to host`);
      // http.Client.Timeout: the whole exchange, connect included
      case 'timeout': return fail('context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
      case 'reset': return fail('read: connection reset by peer');
      case 'closed': return fail('EOF');
    }
    if ((out.ms ?? 1) > timeoutMs) return fail('context deadline exceeded (Client.Timeout exceeded while awaiting headers)');
    const res = out.response;
    const body = res.body.slice(0, MAX_BODY);
    const location = res.headers.find(([k]) => k.toLowerCase() === 'location')?.[1];
    if ([301, 302, 303, 307, 308].includes(res.status) && location) {
      const next = resolveLocation(target, location);
      // RedirectChecker(false): another host ends the chain with the 3xx response itself
      if (next && next.host === target.host) {
        if (redirects + 1 >= MAX_REDIRECTS) return { result: 'failure', output: `Get "${urlOf(next)}": stopped after ${MAX_REDIRECTS} redirects` };
        target = next;
        continue;
      }
    }
    if (res.status >= 200 && res.status < 400) {
      // DoHTTPProbe: 3xx is a success with a warning
      if (res.status >= 300) return { result: 'warning', output: `Probe terminated redirects, Response body: ${body}` };
      return { result: 'success', output: body };
    }
    // DoHTTPProbe: the body is deliberately left out of the failure message (issue 99425)
    return { result: 'failure', output: `HTTP probe failed with statuscode: ${res.status}` };
  }
}

/** A probe's headers: the Host header apart, the rest as sent. */
interface RequestHeaders {
  hostHeader: string | undefined;
  sent: readonly [string, string][];
}

/** The headers of each probe spec (stored specs are frozen; a probe runs every period): built once. */
const headersOf = new WeakMap<HttpGet, RequestHeaders>();

function requestHeaders(action: HttpGet): RequestHeaders {
  let h = headersOf.get(action);
  if (!h) {
    const all = probeHeaders(action);
    h = { hostHeader: all.find(([k]) => k.toLowerCase() === 'host')?.[1], sent: all.filter(([k]) => k.toLowerCase() !== 'host') };
    headersOf.set(action, h);
  }
  return h;
}

/** newProbeRequest: the user's headers, User-Agent and Accept unless given (an empty Accept is dropped). */
function probeHeaders(action: HttpGet): [string, string][] {
  const given = (action.httpHeaders ?? []).map((h): [string, string] => [h.name, h.value]);
  const has = (name: string) => given.some(([k]) => k.toLowerCase() === name.toLowerCase());
  const out = [...given];
  if (!has('User-Agent')) out.push(['User-Agent', USER_AGENT]);
  if (!has('Accept')) out.push(['Accept', '*/*']);
  // Transport DisableKeepAlives: Go sends "Connection: close"
  out.push(['Connection', 'close']);
  return out.filter(([k, v]) => !(k.toLowerCase() === 'accept' && v === ''));
}

/** A Location header against the current URL (absolute, or a path on the same host). */
function resolveLocation(cur: Target, location: string): Target | undefined {
  const abs = /^(https?):\/\/([^/:]+)(?::(\d+))?(\/.*)?$/i.exec(location);
  if (abs) {
    const scheme = abs[1]!.toLowerCase();
    return { scheme, host: abs[2]!, port: abs[3] ? Number(abs[3]) : scheme === 'https' ? 443 : 80, path: abs[4] ?? '/' };
  }
  if (location.startsWith('/')) return { ...cur, path: location };
  if (/^[a-z][a-z0-9+.-]*:/i.test(location)) return undefined;
  const dir = cur.path.slice(0, cur.path.lastIndexOf('/') + 1);
  return { ...cur, path: dir + location };
}
