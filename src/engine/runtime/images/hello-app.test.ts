import { describe, expect, it } from 'vitest';
import { Sandbox } from '../process/sandbox';
import { headerOf, imageBox } from './testing';

describe('hello-app', () => {
  it('logs that it listens, answers every path with its version and hostname, logs each request', () => {
    const b = imageBox('gcr.io/google-samples/hello-app:1.0');
    const main = b.start();
    b.sb.advance(5000);
    const r = b.get(8080, '/any/path?x=1');
    expect(r.body).toBe('Hello, world!\nVersion: 1.0.0\nHostname: web\n');
    expect(r.headers).toEqual([['Content-Length', '43'], ['Content-Type', 'text/plain; charset=utf-8'], ['Date', 'Sat, 21 Nov 2026 12:00:05 GMT']]);
    expect(main.err).toBe('2026/11/21 12:00:00 Server listening on port 8080\n2026/11/21 12:00:05 Serving request: /any/path\n');
    expect(main.out).toBe('');
    expect(b.sb.kernel.processes(b.sb.ns)[0]!.rss).toBe(5 * 1024 * 1024);
  });

  it(':2.0 says 2.0.0; PORT moves it; a bare TCP connection is closed', () => {
    const b = imageBox('gcr.io/google-samples/hello-app:2.0');
    const main = b.start(undefined, { PORT: '9000' });
    expect(b.connect(8080)).toBeUndefined();
    expect(b.get(9000).body).toContain('Version: 2.0.0\n');
    expect(headerOf(b.get(9000, '/', { method: 'HEAD' }), 'Content-Length')).toBe('43');
    expect(b.connect(9000, '/', { tcpOnly: true })).toEqual({ kind: 'closed' });
    expect(main.err).toContain('Server listening on port 9000\n');
  });

  it('is distroless: no shell to exec', () => {
    const b = imageBox('gcr.io/google-samples/hello-app:1.0');
    b.start();
    expect(() => b.exec(['sh', '-c', 'ls'])).toThrow(/exec sh: ENOENT/);
  });

  it('dies of SIGTERM (143) and of SIGINT (130)', () => {
    for (const [sig, code] of [['TERM', 143], ['INT', 130]] as const) {
      const b = imageBox('gcr.io/google-samples/hello-app:1.0');
      const main = b.start();
      b.sb.kernel.kill(b.sb.ns, 1, sig);
      expect(main.exit).toEqual({ code });
    }
  });

  it('a taken port is log.Fatal: the listen error and exit 1', () => {
    const b = imageBox('gcr.io/google-samples/hello-app:1.0');
    b.start();
    const second = b.sb.run(['/hello-app'], { path: '/hello-app', env: { PATH: '/bin' } });
    expect(second.err).toBe('2026/11/21 12:00:00 Server listening on port 8080\n2026/11/21 12:00:00 listen tcp :8080: bind: address already in use\n');
    expect(second.exit).toEqual({ code: 1 });
  });

  it('snapshot → restore continues byte for byte', () => {
    const b = imageBox('gcr.io/google-samples/hello-app:1.0');
    b.start();
    const copy = Sandbox.restore(b.sb.snapshot(), { registry: b.sb.registry });
    const run = (sb: Sandbox) => {
      sb.advance(1000);
      const out = sb.kernel.serve([sb.ns], { localIp: '10.244.0.5', localPort: 8080, remoteIp: '10.244.0.1', remotePort: 1, request: { method: 'GET', ip: '10.244.0.5', port: 8080, host: 'x', path: '/a', headers: [] } });
      return JSON.stringify([out, sb.snapshot()]);
    };
    expect(run(copy)).toBe(run(b.sb));
  });
});
