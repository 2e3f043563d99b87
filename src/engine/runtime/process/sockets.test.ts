import { describe, expect, it } from 'vitest';
import { Sandbox } from './sandbox';
import { basicRegistry } from '../shell/commands';
import type { Connection, Proc, Program } from './program';
import type { HttpOutcome } from '../commands/network';

/** `server PORT`: listens, answers each request with its path and a count, logs it; `hog N` sets rss. */
const server: Program<{ served: number }> = {
  kind: 'program',
  start(p: Proc<{ served: number }>) {
    p.state = { served: 0 };
    const err = p.listen(Number(p.argv[1]));
    if (err) {
      p.write(2, `listen: ${err}\n`);
      p.exit(1);
    }
  },
  event() {},
  serve(p: Proc<{ served: number }>, conn: Connection): HttpOutcome {
    p.state.served++;
    p.write(1, `${conn.remoteIp} ${conn.request?.path}\n`);
    return { kind: 'response', response: { status: 200, reason: 'OK', headers: [], body: `${conn.request?.path} #${p.state.served}` } };
  },
};

function sandbox(): Sandbox {
  const sb = new Sandbox({ registry: basicRegistry().register('test/server', server) });
  sb.install('/bin/server', 'test/server');
  return sb;
}

const conn = (port: number, path = '/'): Connection => ({
  localIp: '10.244.0.5', localPort: port, remoteIp: '10.244.0.9', remotePort: 40000,
  request: { method: 'GET', ip: '10.244.0.5', port, host: '10.244.0.5', path, headers: [] },
});

describe('kernel: listening sockets', () => {
  it('serves connections through the listening program and refuses ports nobody holds', () => {
    const sb = sandbox();
    const r = sb.sh('server 8080');
    const a = sb.kernel.serve([sb.ns], conn(8080, '/a'));
    const b = sb.kernel.serve([sb.ns], conn(8080, '/b'));
    expect(a?.kind === 'response' && a.response.body).toBe('/a #1');
    expect(b?.kind === 'response' && b.response.body).toBe('/b #2');
    expect(sb.kernel.serve([sb.ns], conn(9090))).toBeUndefined();
    expect(r.pid).toBe(1);
  });

  it('fails a second bind of the same port with EADDRINUSE and frees the port when the holder dies', () => {
    const sb = sandbox();
    const first = sb.sh('server 8080 & sleep 1; server 8080; echo second=$?; wait');
    sb.advance(2000);
    expect(first.all).toContain('listen: EADDRINUSE');
    expect(first.out).toContain('second=1');
    sb.kernel.kill(sb.ns, 2, 'KILL');
    expect(sb.kernel.listenerOf([sb.ns], 8080)).toBeUndefined();
  });

  it('reports usage to the listener and sums it per namespace', () => {
    const sb = sandbox();
    const seen: number[] = [];
    sb.kernel.setListener({ usageChanged: (_ns, pid) => seen.push(pid) });
    const r = sb.sh('server 8080');
    const rec = sb.kernel.record(sb.ns, r.pid)!;
    expect(rec).toBeDefined();
    sb.kernel.sysUsage(rec, 5 << 20, 250);
    expect(sb.kernel.usage(sb.ns)).toEqual({ rss: 5 << 20, cpu: 250, largest: 1 });
    expect(seen).toEqual([1]);
  });
});
