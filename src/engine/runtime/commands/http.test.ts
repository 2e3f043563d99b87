import { describe, expect, it } from 'vitest';
import type { HttpOutcome, HttpRequest } from './network';
import { parseUrl } from './http';
import { box, type Box } from './testing';

const PAGE = '<h1>Welcome to nginx!</h1>\n';

function ok(body: string): (req: HttpRequest) => HttpOutcome {
  return () => ({
    kind: 'response',
    response: { status: 200, reason: 'OK', headers: [['Server', 'nginx/1.27.3'], ['Content-Type', 'text/html'], ['Content-Length', String(body.length)]], body },
  });
}

function withServer(family: Parameters<typeof box>[0]): Box {
  const b = box(family);
  b.net.dns.set('k8sbook.default.svc.cluster.local', ['10.100.1.2']);
  b.net.http.set('10.100.1.2:80', ok(PAGE));
  b.net.http.set('127.0.0.1:8080', ok('Hello, world!\nVersion: 1.0.0\nHostname: web\n'));
  b.net.http.set('10.100.1.2:81', () => ({ kind: 'response', response: { status: 404, reason: 'Not Found', headers: [['Content-Length', '9']], body: 'not found' } }));
  return b;
}

const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';
const ZERO = '\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0';

describe('URLs', () => {
  it('scheme, host, port and path', () => {
    expect(parseUrl('localhost:8080')).toEqual({ scheme: 'http', host: 'localhost', port: 8080, path: '/' });
    expect(parseUrl('http://web/healthy?x=1')).toEqual({ scheme: 'http', host: 'web', port: 80, path: '/healthy?x=1' });
    expect(parseUrl('ftp://x')).toBeUndefined();
  });
});

describe('curl', () => {
  it('prints the body; without a terminal the progress meter goes to stderr', () => {
    const d = withServer('nginx');
    expect(d.sh('curl localhost:8080')).toEqual({
      out: 'Hello, world!\nVersion: 1.0.0\nHostname: web\n',
      err: `${METER_HEAD}${ZERO}\r100    43  100    43    0     0  43000      0 --:--:-- --:--:-- --:--:-- 43000\n`,
      code: 0,
    });
    expect(d.sh('curl -s http://k8sbook')).toEqual({ out: PAGE, err: '', code: 0 });
    expect(d.net.requests.at(-1)!.headers).toEqual([['Host', 'k8sbook'], ['User-Agent', 'curl/7.88.1'], ['Accept', '*/*']]);
    expect(d.sh('curl -sI http://k8sbook').out).toBe('HTTP/1.1 200 OK\r\nServer: nginx/1.27.3\r\nContent-Type: text/html\r\nContent-Length: 27\r\n\r\n');
    expect(d.sh("curl -s -o /dev/null -w '%{http_code}\\n' http://k8sbook:81/x").out).toBe('404\n');
  });

  it('errors: (6) resolve, (7) connect, (22) with -f, (28) timeouts', () => {
    const d = withServer('nginx');
    expect(d.sh('curl http://10.244.0.9/')).toEqual({
      out: '',
      err: `${METER_HEAD}${ZERO}\ncurl: (7) Failed to connect to 10.244.0.9 port 80 after 0 ms: Couldn't connect to server\n`,
      code: 7,
    });
    expect(d.sh('curl -sS nosuch')).toEqual({ out: '', err: 'curl: (6) Could not resolve host: nosuch\n', code: 6 });
    expect(d.sh('curl -s nosuch')).toEqual({ out: '', err: '', code: 6 });
    expect(d.sh('curl -sSf http://k8sbook:81/')).toEqual({ out: '', err: 'curl: (22) The requested URL returned error: 404\n', code: 22 });
    d.net.http.set('10.100.9.9:80', () => ({ kind: 'timeout' }));
    const r = d.start('curl -sS --connect-timeout 2 http://10.100.9.9/');
    d.sb.advance(1999);
    expect(r.exit).toBeUndefined();
    d.sb.advance(1);
    expect(r.err).toBe('curl: (28) Connection timed out after 2000 milliseconds\n');
    const r2 = d.start('curl -sS http://10.100.9.9/');
    d.sb.advance(200_000);
    expect(r2.err).toBe("curl: (28) Failed to connect to 10.100.9.9 port 80 after 129000 ms: Couldn't connect to server\n");
    expect(d.sh('curl')).toEqual({ out: '', err: "curl: no URL specified!\ncurl: try 'curl --help' or 'curl --manual' for more information\n", code: 2 });
  });

  it('waits for a server that answers later', () => {
    const d = withServer('nginx');
    d.net.delayed.set('10.100.1.2:80', 300);
    const r = d.start('curl -s http://k8sbook/');
    d.sb.advance(299);
    expect(r.out).toBe('');
    d.sb.advance(1);
    expect(r.out).toBe(PAGE);
    expect(r.exit?.code).toBe(0);
  });

  it('is missing from the debian image', () => {
    expect(box('debian').sh('curl localhost')).toEqual({ out: '', err: 'sh: 1: curl: not found\n', code: 127 });
  });
});

describe('wget (busybox)', () => {
  it('-qO- prints the page; a download says where it connects and saves', () => {
    const b = withServer('busybox');
    expect(b.sh('wget -qO- http://k8sbook')).toEqual({ out: PAGE, err: '', code: 0 });
    expect(b.sh('cd /tmp && wget http://k8sbook/')).toEqual({
      out: '',
      err: "Connecting to k8sbook (10.100.1.2:80)\nsaving to 'index.html'\nindex.html 100% |********************************|    27  0:00:00 ETA\n'index.html' saved\n",
      code: 0,
    });
    expect(b.sb.fs.readFile('/tmp/index.html')).toBe(PAGE);
    expect(b.sh('cd /tmp && wget -q http://k8sbook/')).toEqual({ out: '', err: "wget: can't open 'index.html': File exists\n", code: 1 });
    expect(b.sh('wget -O - localhost:8080').err).toBe('Connecting to localhost (127.0.0.1:8080)\nwriting to stdout\n- 100% |********************************|    43  0:00:00 ETA\nwritten to stdout\n');
  });

  it('errors in busybox words', () => {
    const b = withServer('busybox');
    expect(b.sh('wget -qO- http://10.244.0.9/')).toEqual({ out: '', err: "wget: can't connect to remote host (10.244.0.9): Connection refused\n", code: 1 });
    expect(b.sh('wget -qO- nosuch')).toEqual({ out: '', err: "wget: bad address 'nosuch'\n", code: 1 });
    expect(b.sh('wget -qO- http://k8sbook:81/')).toEqual({ out: '', err: 'wget: server returned error: HTTP/1.1 404 Not Found\n', code: 1 });
    b.net.http.set('10.100.9.9:80', () => ({ kind: 'timeout' }));
    const r = b.start('wget -T 3 -qO- http://10.100.9.9/');
    b.sb.advance(3000);
    expect(r.err).toBe('wget: download timed out\n');
  });
});

describe('wget (GNU)', () => {
  it('its log lines and exit statuses', () => {
    const d = withServer('debian');
    d.sb.fs.writeFile('/usr/bin/wget', '\x7fELF\x02\x01\x01\0podlab-exec:wget/wget\n', { mode: 0o755 });
    const r = d.sh('cd /tmp && wget http://k8sbook/');
    expect(r.code).toBe(0);
    expect(r.err.split('\n').slice(0, 5)).toEqual([
      '--2026-11-21 12:00:00--  http://k8sbook/',
      'Resolving k8sbook (k8sbook)... 10.100.1.2',
      'Connecting to k8sbook (k8sbook)|10.100.1.2|:80... connected.',
      'HTTP request sent, awaiting response... 200 OK',
      'Length: 27 [text/html]',
    ]);
    expect(d.sh('wget -q -O - http://10.244.0.9/').code).toBe(4);
    expect(d.sh('wget http://10.244.0.9/').err).toBe('--2026-11-21 12:00:00--  http://10.244.0.9/\nConnecting to 10.244.0.9:80... failed: Connection refused.\n');
    expect(d.sh('wget http://k8sbook:81/').err.endsWith('HTTP request sent, awaiting response... 404 Not Found\n2026-11-21 12:00:00 ERROR 404: Not Found.\n\n')).toBe(true);
  });
});
