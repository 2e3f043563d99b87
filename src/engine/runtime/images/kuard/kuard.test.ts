import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../process/sandbox';
import { headerOf, imageBox } from '../testing';
import { BASE_RSS } from './memory';
import { parseFlags, usage } from './flags';
import { relTime } from './debugprobe';

const KUARD_1 = 'gcr.io/kuar-demo/kuard-amd64:1';
const MiB = 1024 * 1024;

describe('kuard start-up', () => {
  it('logs the banner, its config as JSON, the TLS note and the HTTP address', () => {
    const b = imageBox(KUARD_1);
    const main = b.start();
    const lines = main.err.split('\n');
    expect(lines.slice(0, 6)).toEqual([
      '2026/11/21 12:00:00 Starting kuard version: v0.7.2-1',
      `2026/11/21 12:00:00 ${'*'.repeat(70)}`,
      '2026/11/21 12:00:00 * WARNING: This server may expose sensitive',
      '2026/11/21 12:00:00 * and secret information. Be careful.',
      `2026/11/21 12:00:00 ${'*'.repeat(70)}`,
      '2026/11/21 12:00:00 Config: ',
    ]);
    const json = main.err.slice(main.err.indexOf('{'), main.err.lastIndexOf('}') + 1);
    expect(JSON.parse(json)).toEqual({
      address: ':8080', debug: false, 'debug-sitedata-dir': './sitedata',
      keygen: { enable: false, 'exit-code': 0, 'exit-on-complete': false, 'memq-queue': '', 'memq-server': '', 'num-to-gen': 0, 'time-to-run': 0 },
      liveness: { 'fail-next': 0 }, readiness: { 'fail-next': 0 }, 'tls-address': ':8443', 'tls-dir': '/tls',
    });
    expect(json.split('\n')[1]).toBe('  "address": ":8080",');
    expect(main.err.endsWith('}\n2026/11/21 12:00:00 Could not find certificates to serve TLS\n2026/11/21 12:00:00 Serving on HTTP on :8080\n')).toBe(true);
    expect(main.exit).toBeUndefined();
    expect(b.sb.kernel.processes(b.sb.ns)[0]!.rss).toBe(BASE_RSS);
  });

  it(':blue is v0.10.0-blue and its CMD is /kuard', () => {
    const b = imageBox('gcr.io/kuar-demo/kuard-amd64:blue');
    expect([b.config.entrypoint, b.config.cmd]).toEqual([[], ['/kuard']]);
    expect(b.start().err).toMatch(/^2026\/11\/21 12:00:00 Starting kuard version: v0.10.0-blue\n/);
    // v0.10 serves every route under /a, /b and /c as well
    expect(b.get(8080, '/b/healthy').body).toBe('ok');
  });

  it('a second kuard on the same port: log.Fatal with the bind error, exit 1; --address moves it', () => {
    const b = imageBox(KUARD_1);
    b.start();
    const second = b.sb.run(['/kuard'], { path: '/kuard' });
    expect(second.err.split('\n').slice(-3)).toEqual(['2026/11/21 12:00:00 Serving on HTTP on :8080', '2026/11/21 12:00:00 listen tcp :8080: bind: address already in use', '']);
    expect(second.exit).toEqual({ code: 1 });
    const third = b.sb.run(['/kuard', '--address', ':8081'], { path: '/kuard' });
    expect(third.exit).toBeUndefined();
    expect(b.get(8081, '/healthy').body).toBe('ok');
    const bad = b.sb.run(['/kuard', '--address=8082'], { path: '/kuard' });
    expect(bad.err).toMatch(/ listen tcp: address 8082: missing port in address\n$/);
  });

  it('-h prints the pflag usage on stderr and exits 2', () => {
    const b = imageBox(KUARD_1);
    const h = b.sb.run(['./kuard', '-h'], { path: '/kuard' });
    expect(h.exit).toEqual({ code: 2 });
    const lines = h.err.split('\n');
    expect(lines[0]).toBe('Usage of ./kuard:');
    // the longest flag (--debug-sitedata-dir string, 33 columns) gets three spaces before its text
    expect(lines[1]).toBe(`      --address string${' '.repeat(14)}The address to serve on (default ":8080")`);
    expect(lines).toContain(`      --debug${' '.repeat(23)}Debug/devel mode`);
    expect(lines).toContain('      --debug-sitedata-dir string   When in debug/dev mode, directory to find the static assets. (default "./sitedata")');
    expect(lines).toContain(`      --liveness-fail-next int${' '.repeat(6)}Fail the next N probes. 0 is succeed forever. <0 is fail forever.`);
    expect(lines.filter((l) => l.startsWith('      --'))).toHaveLength(14);
  });

  it('bad flags fail like pflag', () => {
    expect(parseFlags(['/kuard', '--nope'])).toEqual({ ok: false, stderr: `unknown flag: --nope\n${usage('/kuard')}` });
    expect(parseFlags(['/kuard', '--liveness-fail-next', 'x'])).toMatchObject({ ok: false, stderr: expect.stringMatching(/^invalid argument "x" for --liveness-fail-next: strconv.ParseInt: parsing "x": invalid syntax\n/) });
    expect(parseFlags(['/kuard', '--address'])).toMatchObject({ ok: false, stderr: expect.stringMatching(/^flag needs an argument: --address\n/) });
    expect(parseFlags(['/kuard', '--debug', '--readiness-fail-next=0x10'])).toMatchObject({ ok: true, config: { debug: true, 'readiness.fail-next': 16 } });
  });
});

describe('kuard over HTTP', () => {
  it('logs each request and renders the request page with the dump', () => {
    const b = imageBox(KUARD_1);
    const main = b.start();
    b.sb.advance(5000);
    const r = b.get(8080, '/', { headers: [['accept', '*/*']] });
    expect(r.status).toBe(200);
    expect(headerOf(r, 'Content-Type')).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('<h2><samp>web</samp></h2>');
    expect(r.body).toContain('Demo application version <i>v0.7.2-1</i>');
    expect(r.body).toContain('Serving on <span>10.244.0.5</span>');
    expect(r.body).toContain('<pre>GET / HTTP/1.1\r\nHost: 10.244.0.5:8080\r\nAccept: */*\r\nUser-Agent: Wget</pre>');
    expect(main.err.endsWith('2026/11/21 12:00:05 10.244.0.1:40000 GET /\n')).toBe(true);
    expect(b.get(8080, '/nothing').status).toBe(404);
    expect(b.get(8080, '/healthy', { method: 'POST' }).status).toBe(405);
  });

  it('/healthy and /ready say ok until told to fail the next N calls', () => {
    const b = imageBox(KUARD_1);
    b.start();
    expect([b.get(8080, '/ready').status, b.get(8080, '/ready').body]).toEqual([200, 'ok']);
    const page = b.get(8080, '/-/readiness?failNext=2').body;
    expect(page).toContain('Probe will fail for next 2 calls');
    expect(page).toContain('<a class="failn" href="/-/readiness?failNext=-1">Fail</a>');
    expect(b.get(8080, '/ready').body).toBe('fail, 1 left');
    expect(b.get(8080, '/ready')).toMatchObject({ status: 500, body: 'fail, 0 left' });
    expect(b.get(8080, '/ready').body).toBe('ok');
    expect(b.get(8080, '/healthy').status).toBe(200); // liveness is its own probe
    const api = JSON.parse(b.get(8080, '/ready/api').body) as { failNext: number; history: { id: number; code: number; relWhen: string }[] };
    expect(api.failNext).toBe(0);
    expect(api.history.map((h) => [h.id, h.code])).toEqual([[5, 200], [4, 500], [3, 500], [2, 200], [1, 200]]);
    // the UI's PUT with a ProbeConfig body; an empty body is encoding/json's EOF
    expect(b.get(8080, '/healthy/api', { method: 'PUT' })).toMatchObject({ status: 400, body: 'EOF\n' });
    const put = b.sb.kernel.serve([b.sb.ns], {
      localIp: '10.244.0.5', localPort: 8080, remoteIp: '10.244.0.1', remotePort: 2,
      request: { method: 'PUT', ip: '10.244.0.5', port: 8080, host: 'x', path: '/healthy/api', headers: [], body: '{"failNext":-1}' },
    });
    expect(put).toMatchObject({ kind: 'response', response: { status: 200 } });
    expect(b.get(8080, '/healthy').body).toBe('fail, permanent');
  });

  it('--liveness-fail-next=-1 fails forever from the start', () => {
    const b = imageBox(KUARD_1);
    b.start(['/kuard', '--liveness-fail-next=-1']);
    expect(b.get(8080, '/healthy')).toMatchObject({ status: 500, body: 'fail, permanent' });
    expect(b.get(8080, '/-/liveness').body).toContain('Probe will permanently fail');
  });

  it('Allocate 500 MiB raises the resident set; Clear gives it back', () => {
    const b = imageBox(KUARD_1);
    b.start();
    const rss = () => b.sb.kernel.processes(b.sb.ns)[0]!.rss;
    const page = b.get(8080, '/-/mem').body;
    expect(page).toContain('<a class="failn" href="/-/mem/alloc?size=524288000">Allocate 500 MiB</a>');
    expect(page).toContain('<tr><td><samp>HeapAlloc</samp></td><td><samp>1.31 MiB</samp></td></tr>');
    const after = b.get(8080, '/-/mem/alloc?size=524288000').body;
    expect(rss()).toBe(BASE_RSS + 500 * MiB);
    expect(after).toContain('<td><samp>501.31 MiB</samp></td>');
    const api = JSON.parse(b.get(8080, '/mem/api').body) as { memStats: { HeapAlloc: number } };
    expect(api.memStats.HeapAlloc).toBe(1_374_512 + 500 * MiB);
    expect(b.get(8080, '/mem/api/alloc?size=1048576', { method: 'POST' }).status).toBe(200);
    expect(rss()).toBe(BASE_RSS + 501 * MiB);
    expect(b.get(8080, '/mem/api/alloc', { method: 'POST' })).toMatchObject({ status: 400, body: 'size not specified\n' });
    expect(b.get(8080, '/mem/api/clear', { method: 'POST' }).status).toBe(200);
    expect(rss()).toBe(BASE_RSS);
  });

  it('a negative size panics in the handler: logged, connection dropped, server still up', () => {
    const b = imageBox(KUARD_1);
    const main = b.start();
    expect(b.connect(8080, '/mem/api/alloc?size=-1', { method: 'POST' })).toEqual({ kind: 'closed' });
    expect(main.err).toContain('http: panic serving 10.244.0.1:40000: runtime error: makeslice: len out of range\n');
    expect(b.get(8080, '/healthy').body).toBe('ok');
  });

  it('/-/env lists the command line and environment; /fs/ lists directories', () => {
    const b = imageBox(KUARD_1);
    b.start(['/kuard', '--debug']);
    const env = b.get(8080, '/-/env').body;
    expect(env).toContain('<dd><code>/kuard</code> <code>--debug</code></dd>');
    expect(env).toContain('<tr><td><samp>HOSTNAME</samp></td><td><samp>web</samp></td></tr>');
    expect(JSON.parse(b.get(8080, '/env/api').body)).toMatchObject({ commandLine: ['/kuard', '--debug'], env: { HOSTNAME: 'web' } });
    const root = b.get(8080, '/fs/').body;
    expect(root).toMatch(/^<pre>\n<a href="bin\/">bin\/<\/a>\n/);
    expect(root).toContain('<a href="kuard">kuard</a>\n');
    expect(b.get(8080, '/fs/etc')).toMatchObject({ status: 301, headers: expect.arrayContaining([['Location', 'etc/']]) });
    expect(b.get(8080, '/fs/etc/hostname').body).toBe('web\n');
    expect(b.get(8080, '/fs/nope').status).toBe(404);
  });

  it('serves the stylesheets its pages link, as text/css; anything else under /static/ is 404', () => {
    const b = imageBox(KUARD_1);
    b.start(['/kuard']);
    const hrefs = [...b.get(8080, '/').body.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]!);
    expect(hrefs).toEqual(['/static/css/bootstrap.min.css', '/static/css/styles.css']);
    for (const href of hrefs) {
      const css = b.get(8080, href);
      expect(css.status).toBe(200);
      expect(headerOf(css, 'content-type')).toBe('text/css; charset=utf-8');
      expect(css.body).toMatch(/\{[^}]+\}/);
    }
    expect(b.get(8080, '/static/css/nope.css').status).toBe(404);
  });

  it('snapshot → restore continues with the same probe and memory state', () => {
    const b = imageBox(KUARD_1);
    b.start();
    b.get(8080, '/-/liveness?failNext=3');
    b.get(8080, '/-/mem/alloc?size=1000');
    const copy = Sandbox.restore(b.sb.snapshot(), { registry: b.sb.registry });
    const run = (sb: Sandbox) => {
      sb.advance(1000);
      const out = sb.kernel.serve([sb.ns], { localIp: '10.244.0.5', localPort: 8080, remoteIp: '10.244.0.1', remotePort: 1, request: { method: 'GET', ip: '10.244.0.5', port: 8080, host: 'x', path: '/healthy', headers: [] } });
      return JSON.stringify([out, sb.snapshot()]);
    };
    const a = run(b.sb);
    expect(run(copy)).toBe(a);
    expect(a).toContain('fail, 2 left');
  });

  it('dies of SIGTERM (143) as a Go binary without handlers does', () => {
    const b = imageBox(KUARD_1);
    const main = b.start();
    b.sb.kernel.kill(b.sb.ns, 1, 'TERM');
    expect(main.exit).toEqual({ code: 143 });
  });
});

describe('go-humanize RelTime', () => {
  it('words the probe history ages', () => {
    expect([0, 1500, 30_000, 90_000, 600_000, 5_400_000].map((d) => relTime(0, d))).toEqual(['now', '1 second ago', '30 seconds ago', '1 minute ago', '10 minutes ago', '1 hour ago']);
  });
});
