import { describe, expect, it } from 'vitest';
import type { Container, Probe } from '../api/types';
import type { HttpOutcome, HttpRequest } from './commands/network';
import type { DialResult } from './net/cluster-network';
import { networkProbe, type ProbeNetwork } from './probe-dial';

/** A network whose answers come from a handler; it records every request. */
function net(answer: (req: HttpRequest) => HttpOutcome, dial: DialResult = 'connected'): ProbeNetwork & { seen: HttpRequest[] } {
  const seen: HttpRequest[] = [];
  return {
    seen,
    httpFromNode: (_node, req) => {
      seen.push(req);
      return answer(req);
    },
    dialFromNode: () => dial,
  };
}

const ok = (status: number, body = '', headers: [string, string][] = [], ms?: number): HttpOutcome => ({ kind: 'response', response: { status, reason: 'R', headers, body }, ms });
const container: Container = { name: 'web', image: 'x', ports: [{ name: 'http', containerPort: 8080 }] };
const IP = '10.244.0.5';
const http = (get: Partial<NonNullable<Probe['httpGet']>>, extra: Partial<Probe> = {}): Probe => ({ httpGet: { port: 8080, ...get }, ...extra });

describe('httpGet probes over the network', () => {
  it('sends the kubelet request: path, named port, pod IP, kube-probe User-Agent, Accept, custom headers and Host', () => {
    const n = net(() => ok(200, 'fine'));
    expect(networkProbe(n, 'minikube', container, http({ path: '/healthz', port: 'http', httpHeaders: [{ name: 'X-Probe', value: '1' }] }), IP)).toEqual({ result: 'success', output: 'fine' });
    expect(n.seen[0]).toMatchObject({ method: 'GET', ip: IP, port: 8080, host: `${IP}:8080`, path: '/healthz' });
    expect(n.seen[0]!.headers).toEqual([['X-Probe', '1'], ['User-Agent', 'kube-probe/1.32'], ['Accept', '*/*'], ['Connection', 'close']]);
    networkProbe(n, 'minikube', container, http({ httpHeaders: [{ name: 'Host', value: 'example.com' }, { name: 'Accept', value: '' }] }), IP);
    expect(n.seen[1]).toMatchObject({ host: 'example.com', path: '/' });
    expect(n.seen[1]!.headers.map(([k]) => k)).toEqual(['User-Agent', 'Connection']);
  });

  it('words transport failures as Go does, inside Get "<url>"', () => {
    const url = `Get "http://${IP}:8080/h"`;
    const probe = (o: HttpOutcome) => networkProbe(net(() => o), 'minikube', container, http({ path: '/h' }), IP).output;
    expect(probe({ kind: 'refused' })).toBe(`${url}: dial tcp ${IP}:8080: connect: connection refused`);
    expect(probe({ kind: 'unreachable' })).toBe(`${url}: dial tcp ${IP}:8080: connect: no route to host`);
    expect(probe({ kind: 'timeout' })).toBe(`${url}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
    expect(probe({ kind: 'closed' })).toBe(`${url}: EOF`);
    // an answer slower than timeoutSeconds is a timeout too
    expect(networkProbe(net(() => ok(200, '', [], 1500)), 'minikube', container, http({ path: '/h' }), IP).output).toBe(`${url}: context deadline exceeded (Client.Timeout exceeded while awaiting headers)`);
    expect(networkProbe(net(() => ok(200, 'x', [], 1500)), 'minikube', container, http({ path: '/h' }, { timeoutSeconds: 2 }), IP).result).toBe('success');
  });

  it('status codes: 2xx succeeds with the body cut at 10 KiB, 3xx warns, 4xx/5xx fail without the body', () => {
    const big = 'x'.repeat(20_000);
    expect(networkProbe(net(() => ok(204, big)), 'n', container, http({}), IP)).toEqual({ result: 'success', output: big.slice(0, 10240) });
    expect(networkProbe(net(() => ok(304, 'same')), 'n', container, http({}), IP)).toEqual({ result: 'warning', output: 'Probe terminated redirects, Response body: same' });
    expect(networkProbe(net(() => ok(503, 'secret')), 'n', container, http({}), IP)).toEqual({ result: 'failure', output: 'HTTP probe failed with statuscode: 503' });
  });

  it('follows redirects on the same host (up to 10), stops at another host with a warning', () => {
    const n = net((req) => (req.path === '/a' ? ok(302, '', [['Location', '/b']]) : ok(200, `at ${req.path}`)));
    expect(networkProbe(n, 'n', container, http({ path: '/a' }), IP)).toEqual({ result: 'success', output: 'at /b' });
    const away = net(() => ok(301, 'elsewhere', [['Location', 'http://example.com/']]));
    expect(networkProbe(away, 'n', container, http({}), IP)).toEqual({ result: 'warning', output: 'Probe terminated redirects, Response body: elsewhere' });
    const loop = net((req) => ok(302, '', [['Location', `/r${Number(req.path.slice(2) || 0) + 1}`]]));
    expect(networkProbe(loop, 'n', container, http({ path: '/r0' }), IP)).toEqual({ result: 'failure', output: `Get "http://${IP}:8080/r10": stopped after 10 redirects` });
    expect(loop.seen).toHaveLength(10);
  });

  it('a named port the container lacks is a probe error', () => {
    expect(networkProbe(net(() => ok(200)), 'n', container, http({ port: 'metrics' }), IP)).toEqual({ result: 'error', output: 'port metrics not found' });
  });
});

describe('tcpSocket probes', () => {
  it('succeed on connect and fail with the dial error', () => {
    const tcp: Probe = { tcpSocket: { port: 'http' } };
    expect(networkProbe(net(() => ok(200)), 'n', container, tcp, IP)).toEqual({ result: 'success', output: '' });
    expect(networkProbe(net(() => ok(200), 'refused'), 'n', container, tcp, IP).output).toBe(`dial tcp ${IP}:8080: connect: connection refused`);
    expect(networkProbe(net(() => ok(200), 'timeout'), 'n', container, { tcpSocket: { port: 80, host: '10.96.0.9' } }, IP).output).toBe('dial tcp 10.96.0.9:80: i/o timeout');
  });
});
