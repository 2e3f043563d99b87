import { describe, expect, it } from 'vitest';
import { MemFS } from '../../fs/memfs';
import { Clock } from '../../../clock';
import { loadConfig } from './conf';
import { DEFAULT_CONF, MIME_TYPES, NGINX_CONF } from './files';

function fsWith(files: Record<string, string>): MemFS {
  const fs = new MemFS(new Clock());
  for (const [path, text] of Object.entries(files)) {
    fs.mkdir(path.slice(0, path.lastIndexOf('/')), { recursive: true });
    fs.writeFile(path, text);
  }
  return fs;
}

const base = { '/etc/nginx/nginx.conf': NGINX_CONF, '/etc/nginx/mime.types': MIME_TYPES };

describe('nginx configuration', () => {
  it('reads the packaged configuration: auto workers, the pid file, mime types, the default server', () => {
    const r = loadConfig(fsWith({ ...base, '/etc/nginx/conf.d/default.conf': DEFAULT_CONF }), '/etc/nginx/nginx.conf');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.config.workers, r.config.pid, r.config.daemon, r.config.defaultType]).toEqual(['auto', '/var/run/nginx.pid', true, 'application/octet-stream']);
    expect([r.config.types.html, r.config.types.css, r.config.types.png]).toEqual(['text/html', 'text/css', 'image/png']);
    expect(r.config.servers).toHaveLength(1);
    expect(r.config.user).toEqual({ name: 'nginx', group: 'nginx' });
    const s = r.config.servers[0]!;
    expect(s.listens).toEqual([{ addr: '0.0.0.0', port: 80 }]);
    expect(s.names).toEqual(['localhost']);
    expect(s.locations.map((l) => [l.modifier, l.path, l.root])).toEqual([['', '/', '/usr/share/nginx/html'], ['=', '/50x.html', '/usr/share/nginx/html']]);
  });

  it('includes every *.conf of conf.d in name order; listen forms', () => {
    const r = loadConfig(fsWith({
      ...base,
      '/etc/nginx/conf.d/b.conf': 'server { listen 127.0.0.1:8081; }',
      '/etc/nginx/conf.d/a.conf': 'server { listen [::]:8080 default_server; listen *:8080; server_name a; root /srv; return 200 "hi"; }',
      '/etc/nginx/conf.d/c.txt': 'this is not included',
    }), '/etc/nginx/nginx.conf');
    if (!r.ok) throw new Error(r.error);
    expect(r.config.servers.map((s) => s.listens)).toEqual([[{ addr: '[::]', port: 8080 }, { addr: '0.0.0.0', port: 8080 }], [{ addr: '127.0.0.1', port: 8081 }]]);
    expect(r.config.servers[0]!.ret).toEqual({ code: 200, text: 'hi' });
  });

  it('reports errors the way nginx does, with file and line', () => {
    const check = (conf: string) => {
      const r = loadConfig(fsWith({ ...base, '/etc/nginx/conf.d/default.conf': conf }), '/etc/nginx/nginx.conf');
      return r.ok ? 'ok' : r.error;
    };
    const f = '/etc/nginx/conf.d/default.conf';
    expect(check('server {\n  listen 80;\n  lisen 81;\n}\n')).toBe(`unknown directive "lisen" in ${f}:3`);
    expect(check('server {\n  listen 80;\n')).toBe(`unexpected end of file, expecting "}" in ${f}:3`);
    expect(check('server {\n  listen 80\n}\n')).toBe(`unexpected "}" in ${f}:3`);
    expect(check('}\n')).toBe(`unexpected "}" in ${f}:1`);
    expect(check('server {\n  listen 80;\n  root;\n}\n')).toBe(`invalid number of arguments in "root" directive in ${f}:3`);
    expect(check('server {\n  listen abc;\n}\n')).toBe(`host not found in "abc" of the "listen" directive in ${f}:2`);
    expect(check('server {\n  listen 70000;\n}\n')).toBe(`invalid port in "70000" of the "listen" directive in ${f}:2`);
    expect(check('server;\n')).toBe(`directive "server" has no opening "{" in ${f}:1`);
    expect(check('server { listen 80 { } }')).toBe(`directive "listen" is not terminated by ";" in ${f}:1`);
    expect(check('include /etc/nginx/extra.conf;')).toBe('open() "/etc/nginx/extra.conf" failed (2: No such file or directory)');
    expect(check('# only a comment\n')).toBe('ok');
  });

  it('user: the group defaults to the user name; without the directive the build default nginx:nginx', () => {
    const conf = (text: string) => loadConfig(fsWith({ '/etc/nginx/nginx.conf': text }), '/etc/nginx/nginx.conf');
    const users = ['user www;\n', 'user www staff;\n', ''].map((t) => conf(`${t}events {}\n`)).map((r) => (r.ok ? r.config.user : r.error));
    expect(users).toEqual([{ name: 'www', group: 'www' }, { name: 'www', group: 'staff' }, { name: 'nginx', group: 'nginx' }]);
    expect(conf('user a b c;\nevents {}\n')).toEqual({ ok: false, error: 'invalid number of arguments in "user" directive in /etc/nginx/nginx.conf:1' });
  });
});
