import { describe, expect, it } from 'vitest';
import { FakeNetwork, stackOf } from '../commands/testing';
import { imageBox } from './testing';

function curlBox() {
  const net = new FakeNetwork();
  net.http.set('10.96.0.20:80', () => ({ kind: 'response', response: { status: 200, reason: 'OK', headers: [['Content-Type', 'text/plain']], body: 'hello from web\n' } }));
  return imageBox('curlimages/curl', { network: stackOf(net) });
}

describe('curlimages/curl', () => {
  it('kubectl run curl --image=curlimages/curl -- curl -s URL: the entrypoint execs curl as PID 1', () => {
    const b = curlBox();
    const main = b.start([...b.config.entrypoint, 'curl', '-s', 'http://10.96.0.20/']);
    b.sb.finish(main, 10_000);
    expect(main.out).toBe('hello from web\n');
    expect(main.exit).toEqual({ code: 0 });
  });

  it('options alone go to curl (the entrypoint prepends it)', () => {
    const b = curlBox();
    const main = b.start([...b.config.entrypoint, '-s', 'http://10.96.0.20/']);
    b.sb.finish(main, 10_000);
    expect(main.out).toBe('hello from web\n');
  });

  it('without arguments (CMD ["curl"]) curl prints its hint and exits 2', () => {
    const b = curlBox();
    const main = b.start();
    b.sb.finish(main, 10_000);
    expect(main.err).toContain("curl: try 'curl --help' or 'curl --manual' for more information\n");
    expect(main.exit).toEqual({ code: 2 });
  });

  it('is Alpine with curl_user and CURL_CA_BUNDLE', () => {
    const b = curlBox();
    expect(b.config.env.CURL_CA_BUNDLE).toBe('/cacert.pem');
    expect(b.sb.fs.readFile('/etc/passwd')).toMatch(/^curl_user:x:100:101:/m);
    expect(b.sb.fs.readFile('/etc/os-release')).toContain('ID=alpine');
    expect(b.exec(['sh', '-c', 'command -v curl']).out).toBe('/usr/bin/curl\n');
  });
});
