import { describe, expect, it } from 'vitest';
import { headerOf, imageBox } from './testing';
import { HOME_PAGE } from './node-web-app';
import { sha1 } from './sha1';
import { base64Encode } from '../../../shared/base64';

describe('nigelpoulton/web-app and k8sbook', () => {
  for (const image of ['nigelpoulton/web-app:1.0', 'nigelpoulton/k8sbook:1.0']) {
    it(`${image}: sh -c 'cd /src && node ./app.js' serves the page on 8080 and logs nothing`, () => {
      const b = imageBox(image);
      const main = b.start();
      b.sb.advance(3000);
      const r = b.get(8080, '/');
      expect(r.status).toBe(200);
      expect(r.body).toBe(HOME_PAGE);
      expect(r.body).toContain("<h1>I'm running in a container!!!</h1>");
      expect(headerOf(r, 'Content-Type')).toBe('text/html; charset=utf-8');
      expect(headerOf(r, 'X-Powered-By')).toBe('Express');
      expect(headerOf(r, 'Content-Length')).toBe(String(HOME_PAGE.length));
      expect(headerOf(r, 'ETag')).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/]{27}"$/);
      expect(main.all).toBe('');
      expect(b.sb.kernel.processes(b.sb.ns).some((p) => p.argv.join(' ') === 'node ./app.js')).toBe(true);
    });
  }

  it("unknown paths get Express's 404 page", () => {
    const b = imageBox('nigelpoulton/web-app:1.0');
    b.start();
    const r = b.get(8080, '/healthz');
    expect(r.status).toBe(404);
    expect(r.body).toContain('<pre>Cannot GET /healthz</pre>');
    expect(headerOf(r, 'Content-Security-Policy')).toBe("default-src 'none'");
    expect(b.get(8080, '/', { method: 'POST' }).body).toContain('Cannot POST /');
  });

  it('node ignores SIGTERM as PID 1 (no handler): only SIGKILL ends it', () => {
    const b = imageBox('nigelpoulton/k8sbook:1.0');
    const main = b.start();
    const pid1 = b.sb.kernel.processes(b.sb.ns)[0]!;
    b.sb.kernel.kill(b.sb.ns, 1, 'TERM');
    b.sb.advance(1000);
    expect(main.exit).toBeUndefined();
    b.sb.kernel.kill(b.sb.ns, 1, 'KILL');
    expect(main.exit).toEqual({ code: 137, signal: 'KILL' });
    expect(pid1.pid).toBe(1);
  });

  it('a missing script is node\'s "Cannot find module"', () => {
    const b = imageBox('nigelpoulton/web-app:1.0');
    const r = b.exec(['node', '/src/nope.js']);
    expect(r.code).toBe(1);
    expect(r.err).toContain("Error: Cannot find module '/src/nope.js'\n");
  });

  it('sha1 matches the FIPS 180-4 test vectors', () => {
    expect(base64Encode(sha1('abc'))).toBe('qZk+NkcGgWq6PiVxeFDCbJzQ2J0=');
    expect(base64Encode(sha1(''))).toBe('2jmj7l5rSw0yVb/vlWAYkK/YBwk=');
    expect(base64Encode(sha1('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe('hJg+RBw70m66rkqh+VEp5eVGcPE=');
    expect(base64Encode(sha1('hello wörld'))).toBe('5WL5esV69iefCHrlNjyc4BU/KKk=');
  });
});
