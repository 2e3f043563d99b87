import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../process/sandbox';
import { CLIENT_IP, headerOf, imageBox, POD_IP } from '../testing';
import { INDEX_HTML, ERROR_50X_HTML } from './files';
import { byteLength } from './http';

const ENTRYPOINT_LINES = [
  '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
  '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
  '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
  '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
  '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
  '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
  '/docker-entrypoint.sh: Configuration complete; ready for start up',
];

function started(image = 'nginx') {
  const b = imageBox(image);
  const main = b.start();
  b.sb.advance(1000);
  return { b, main, workers: b.sb.kernel.processes(b.sb.ns).filter((p) => p.argv[0] === 'nginx: worker process').map((p) => p.pid) };
}

describe('nginx image: start-up', () => {
  it('runs the entrypoint scripts, then nginx logs its notices and starts one worker per CPU', () => {
    const { main, workers } = started();
    const lines = main.all.trimEnd().split('\n');
    expect(lines.slice(0, 9)).toEqual(ENTRYPOINT_LINES);
    expect(lines.slice(9)).toEqual([
      '2026/11/21 12:00:00 [notice] 1#1: using the "epoll" event method',
      '2026/11/21 12:00:00 [notice] 1#1: nginx/1.27.3',
      '2026/11/21 12:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) ',
      '2026/11/21 12:00:00 [notice] 1#1: OS: Linux 5.15.0-1064-gcp',
      '2026/11/21 12:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576',
      '2026/11/21 12:00:00 [notice] 1#1: start worker processes',
      ...workers.map((w) => `2026/11/21 12:00:00 [notice] 1#1: start worker process ${w}`),
    ]);
    expect(workers).toHaveLength(2);
    // entrypoint lines are stdout, nginx's own are stderr (error_log → /dev/stderr)
    expect(main.out).toBe(ENTRYPOINT_LINES.map((l) => `${l}\n`).join(''));
    expect(main.exit).toBeUndefined();
  });

  it('is PID 1 as "nginx: master process", its workers are its children, and it reports memory', () => {
    const { b, workers } = started();
    const ps = b.sb.kernel.processes(b.sb.ns);
    expect(ps.map((p) => [p.pid, p.ppid, p.argv.join(' ')])).toEqual([
      [1, 0, 'nginx: master process nginx -g daemon off;'],
      ...workers.map((w) => [w, 1, 'nginx: worker process']),
    ]);
    expect(ps[0]!.rss).toBe(7 * 1024 * 1024);
    expect(ps[1]!.rss).toBe(3 * 1024 * 1024);
    expect(b.sb.fs.readFile('/var/run/nginx.pid')).toBe('1\n');
  });

  it('a second start does not enable IPv6 twice (the container restarted with the same file)', () => {
    const b = imageBox('nginx');
    b.exec(['/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh']);
    const again = b.exec(['/docker-entrypoint.d/10-listen-on-ipv6-by-default.sh']);
    expect(again.out).toBe('10-listen-on-ipv6-by-default.sh: info: IPv6 listen already enabled\n');
    expect(b.sb.fs.readFile('/etc/nginx/conf.d/default.conf').match(/listen {2}\[::\]:80;/g)).toHaveLength(1);
  });

  it('command: ["nginx"] skips the entrypoint and, daemonizing, ends at once with 0', () => {
    const b = imageBox('nginx');
    const main = b.start(['nginx']);
    b.sb.advance(1000);
    expect(main.out).toBe('');
    expect(main.err.split('\n')[0]).toBe('2026/11/21 12:00:00 [notice] 1#1: using the "epoll" event method');
    expect(main.err).not.toContain('start worker');
    expect(main.exit).toEqual({ code: 0 });
  });

  it('nginx:alpine prints its musl build line', () => {
    const { main } = started('nginx:alpine');
    expect(main.err).toContain('[notice] 1#1: built by gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) \n');
    expect(main.out).toContain('10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n');
  });
});

describe('nginx image: serving', () => {
  it('serves index.html with nginx headers and logs the request in the main format', () => {
    const { b, main } = started();
    b.sb.advance(9000);
    const r = b.get(80, '/');
    expect(r.status).toBe(200);
    expect(r.body).toBe(INDEX_HTML);
    const mtime = Math.floor(b.sb.fs.stat('/usr/share/nginx/html/index.html').mtimeMs / 1000);
    expect(r.headers).toEqual([
      ['Server', 'nginx/1.27.3'], ['Date', 'Sat, 21 Nov 2026 12:00:10 GMT'], ['Content-Type', 'text/html'], ['Content-Length', '615'],
      ['Last-Modified', new Date(mtime * 1000).toUTCString()], ['Connection', 'keep-alive'], ['ETag', `"${mtime.toString(16)}-267"`], ['Accept-Ranges', 'bytes'],
    ]);
    expect(main.out.trimEnd().split('\n').at(-1)).toBe(`${CLIENT_IP} - - [21/Nov/2026:12:00:10 +0000] "GET / HTTP/1.1" 200 615 "-" "Wget" "-"`);
  });

  it('404 with the built-in page and an error-log line naming a worker and the connection', () => {
    const { b, main, workers } = started();
    const r = b.get(80, '/nope.html');
    expect(r.status).toBe(404);
    expect(r.body).toBe('<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx/1.27.3</center>\r\n</body>\r\n</html>\r\n');
    expect(headerOf(r, 'Content-Length')).toBe('153');
    expect(main.err).toContain(`[error] ${workers[0]}#${workers[0]}: *1 open() "/usr/share/nginx/html/nope.html" failed (2: No such file or directory), client: ${CLIENT_IP}, server: localhost, request: "GET /nope.html HTTP/1.1", host: "${POD_IP}"\n`);
    expect(main.out).toContain('"GET /nope.html HTTP/1.1" 404 153 "-" "Wget" "-"\n');
  });

  it('a directory without an index is 403, without the slash a 301, with index.html the index', () => {
    const { b, main } = started();
    b.sb.fs.mkdir('/usr/share/nginx/html/empty');
    b.sb.fs.mkdir('/usr/share/nginx/html/docs');
    b.sb.fs.writeFile('/usr/share/nginx/html/docs/index.html', 'docs\n');
    expect(b.get(80, '/empty/').status).toBe(403);
    expect(main.err).toContain('directory index of "/usr/share/nginx/html/empty/" is forbidden, client: 10.244.0.1, server: localhost, request: "GET /empty/ HTTP/1.1"');
    const moved = b.get(80, '/docs');
    expect([moved.status, headerOf(moved, 'Location')]).toEqual([301, `http://${POD_IP}/docs/`]);
    expect(b.get(80, '/docs/').body).toBe('docs\n');
    expect(b.get(80, '/missing/').status).toBe(404);
    expect(main.err).toContain('"/usr/share/nginx/html/missing/index.html" is not found (2: No such file or directory)');
  });

  it('HEAD has the headers and no body; types come from mime.types; POST to a file is 405', () => {
    const { b, main } = started();
    b.sb.fs.writeFile('/usr/share/nginx/html/app.js', 'let x = 1;\n');
    const head = b.get(80, '/', { method: 'HEAD' });
    expect([head.status, head.body, headerOf(head, 'Content-Length')]).toEqual([200, '', '615']);
    expect(main.out).toContain('"HEAD / HTTP/1.1" 200 0 "-" "Wget" "-"');
    expect(headerOf(b.get(80, '/app.js'), 'Content-Type')).toBe('application/javascript');
    expect(headerOf(b.get(80, '/50x.html'), 'Content-Length')).toBe(String(byteLength(ERROR_50X_HTML)));
    expect(b.get(80, '/index.html', { method: 'POST' }).status).toBe(405);
  });

  it('a bare TCP connection is accepted and closed; nothing listens on other ports', () => {
    const { b } = started();
    expect(b.connect(80, '/', { tcpOnly: true })).toEqual({ kind: 'closed' });
    expect(b.connect(8080)).toBeUndefined();
  });
});

describe('nginx image: configuration and signals', () => {
  it('an edited default.conf takes effect on nginx -s reload: new port, new root, new workers', () => {
    const { b, main, workers } = started();
    b.sb.fs.mkdir('/srv/site', { recursive: true });
    b.sb.fs.writeFile('/srv/site/index.html', 'site\n');
    b.sb.fs.writeFile('/etc/nginx/conf.d/default.conf', 'server {\n    listen 8080;\n    location / {\n        root /srv/site;\n    }\n}\n');
    expect(b.get(80, '/').body).toBe(INDEX_HTML);
    const r = b.exec(['nginx', '-s', 'reload']);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^2026\/11\/21 12:00:01 \[notice\] (\d+)#\1: signal process started\n$/);
    const signaller = /\] (\d+)#/.exec(r.err)![1];
    b.sb.advance(100);
    expect(b.connect(80)).toBeUndefined();
    expect(b.get(8080, '/').body).toBe('site\n');
    const fresh = b.sb.kernel.processes(b.sb.ns).filter((p) => p.argv[0] === 'nginx: worker process').map((p) => p.pid);
    expect(fresh).toHaveLength(2);
    expect(fresh.some((w) => workers.includes(w))).toBe(false);
    const log = main.err.split('\n').map((l) => l.replace(/^2026\/11\/21 12:00:0\d /, ''));
    expect(log).toContain(`[notice] 1#1: signal 1 (SIGHUP) received from ${signaller}, reconfiguring`);
    for (const w of workers) {
      expect(log).toContain(`[notice] ${w}#${w}: gracefully shutting down`);
      expect(log).toContain(`[notice] 1#1: worker process ${w} exited with code 0`);
    }
  });

  it('a reload with a broken config keeps the old one and says why; nginx -t reports it', () => {
    const { b, main } = started();
    b.sb.fs.writeFile('/etc/nginx/conf.d/default.conf', 'server {\n    listen 80;\n    lisen 81;\n}\n');
    const t = b.exec(['nginx', '-t']);
    expect(t.code).toBe(1);
    expect(t.err).toMatch(/\[emerg\] \d+#\d+: unknown directive "lisen" in \/etc\/nginx\/conf.d\/default.conf:3\nnginx: \[emerg\] unknown directive "lisen" in \/etc\/nginx\/conf.d\/default.conf:3\nnginx: configuration file \/etc\/nginx\/nginx.conf test failed\n$/);
    // nginx -s reads the configuration first: a broken one never reaches the master
    expect(b.exec(['nginx', '-s', 'reload']).code).toBe(1);
    expect(main.err).not.toContain('SIGHUP');
    b.exec(['sh', '-c', 'kill -HUP 1']);
    b.sb.advance(100);
    expect(main.err).toContain('[emerg] 1#1: unknown directive "lisen" in /etc/nginx/conf.d/default.conf:3\n');
    expect(b.get(80, '/').status).toBe(200);
    b.sb.fs.writeFile('/etc/nginx/conf.d/default.conf', 'server { listen 80; }\n');
    expect(b.exec(['nginx', '-t']).err).toBe('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n');
    expect(b.exec(['nginx', '-v']).err).toBe('nginx version: nginx/1.27.3\n');
    expect(b.exec(['nginx', '-x'])).toEqual({ out: '', err: 'nginx: invalid option: "x"\n', code: 1 });
    expect(b.exec(['nginx', '-s', 'restart']).err).toBe('nginx: invalid option: "-s restart"\n');
  });

  it('SIGQUIT (the STOPSIGNAL) shuts down gracefully with nginx notices and exit 0', () => {
    const { b, main, workers } = started();
    b.sb.kernel.kill(b.sb.ns, 1, 'QUIT');
    b.sb.advance(100);
    expect(main.exit).toEqual({ code: 0 });
    const tail = main.err.trimEnd().split('\n').slice(-(2 + workers.length * 5)).map((l) => l.slice(20));
    expect(tail[0]).toBe('[notice] 1#1: signal 3 (SIGQUIT) received, shutting down');
    for (const w of workers) {
      for (const m of ['gracefully shutting down', 'exiting', 'exit']) expect(tail).toContain(`[notice] ${w}#${w}: ${m}`);
      expect(tail).toContain(`[notice] 1#1: signal 17 (SIGCHLD) received from ${w}`);
    }
    expect(tail.at(-1)).toBe('[notice] 1#1: exit');
    expect(b.sb.fs.exists('/var/run/nginx.pid')).toBe(false);
  });

  it('SIGTERM is the fast shutdown: workers exit without "gracefully", exit 0', () => {
    const { b, main, workers } = started();
    b.sb.kernel.kill(b.sb.ns, 1, 'TERM');
    b.sb.advance(100);
    expect(main.exit).toEqual({ code: 0 });
    expect(main.err).toContain('[notice] 1#1: signal 15 (SIGTERM) received, exiting\n');
    expect(main.err).not.toContain('gracefully');
    expect(main.err).toContain(`[notice] 1#1: worker process ${workers[1]} exited with code 0\n`);
  });

  it('nginx -s quit from an exec session stops the master', () => {
    const { b, main } = started();
    expect(b.exec(['nginx', '-s', 'quit']).code).toBe(0);
    b.sb.advance(100);
    expect(main.err).toMatch(/signal 3 \(SIGQUIT\) received from \d+, shutting down/);
    expect(main.exit).toEqual({ code: 0 });
    expect(b.exec(['nginx', '-s', 'reload']).err).toMatch(/\[error\] \d+#\d+: open\(\) "\/var\/run\/nginx.pid" failed \(2: No such file or directory\)\nnginx: \[error\] open\(\) "\/var\/run\/nginx.pid" failed/);
  });

  it('bind failure: five tries 500 ms apart, then "still could not bind()" and exit 1', () => {
    const { b } = started();
    const second = b.sb.run(['nginx', '-g', 'daemon off;'], { path: '/usr/sbin/nginx', env: { PATH: b.config.env.PATH } });
    b.sb.advance(1999);
    expect(second.exit).toBeUndefined();
    b.sb.advance(1);
    expect(second.exit).toEqual({ code: 1 });
    const lines = second.err.trimEnd().split('\n');
    expect(lines.slice(0, 5)).toEqual([
      expect.stringMatching(/^2026\/11\/21 12:00:01 \[emerg\] (\d+)#\1: bind\(\) to 0\.0\.0\.0:80 failed \(98: Address already in use\)$/),
      'nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)',
      expect.stringMatching(/\[emerg\] \d+#\d+: bind\(\) to \[::\]:80 failed \(98: Address already in use\)$/),
      'nginx: [emerg] bind() to [::]:80 failed (98: Address already in use)',
      expect.stringMatching(/\[notice\] \d+#\d+: try again to bind\(\) after 500ms$/),
    ]);
    expect(lines.filter((l) => l.includes('try again'))).toHaveLength(4);
    expect(lines.slice(-2)).toEqual([expect.stringMatching(/^2026\/11\/21 12:00:03 \[emerg\] \d+#\d+: still could not bind\(\)$/), 'nginx: [emerg] still could not bind()']);
  });

  it('snapshot → restore mid-run continues byte for byte', () => {
    const run = (sb: Sandbox) => {
      sb.kernel.serve([sb.ns], { localIp: POD_IP, localPort: 80, remoteIp: CLIENT_IP, remotePort: 1, request: { method: 'GET', ip: POD_IP, port: 80, host: 'web', path: '/x', headers: [] } });
      sb.kernel.kill(sb.ns, 1, 'QUIT');
      sb.advance(100);
      return JSON.stringify(sb.snapshot());
    };
    const { b } = started();
    const snap = b.sb.snapshot();
    const copy = Sandbox.restore(snap, { registry: b.sb.registry, start: 0 });
    expect(run(copy)).toBe(run(b.sb));
  });
});
