// One HTTP request through nginx's static content path: server and location choice, return,
// index and static files, the special responses with their built-in pages, and the access-log line.
// src/http/ngx_http_core_module.c (find_location), modules/ngx_http_index_module.c,
// modules/ngx_http_static_module.c, ngx_http_special_response.c.
import type { HttpRequest, HttpResponse } from '../../commands/network';
import type { Vfs } from '../../process/types';
import { httpDate, httpLogTime } from '../timefmt';
import type { Location, NginxConfig, Server } from './conf';
import { NGINX_VER } from './files';

export interface Served {
  response: HttpResponse;
  /** what the error log gets after `*N ` (`%CLIENT%` stands for the client address), when anything */
  error?: string;
  /** the server block that answered */
  server?: Server;
}

// src/http/ngx_http_header_filter_module.c ngx_http_status_lines
const REASONS: Record<number, string> = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Moved Temporarily', 303: 'See Other',
  304: 'Not Modified', 307: 'Temporary Redirect', 308: 'Permanent Redirect', 400: 'Bad Request', 401: 'Unauthorized',
  403: 'Forbidden', 404: 'Not Found', 405: 'Not Allowed', 500: 'Internal Server Error', 502: 'Bad Gateway',
  503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out',
};

// ngx_http_special_response.c: the built-in page titles differ from the status lines for 302
const PAGE_TITLES: Record<number, string> = { 302: '302 Found' };

/** UTF-8 length of a string (Content-Length counts bytes). */
export function byteLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** ngx_http_special_response.c: `<html>` ... `<hr><center>nginx/1.27.3</center>`, CRLF line ends. */
export function errorPage(code: number): string {
  const title = PAGE_TITLES[code] ?? `${code} ${REASONS[code] ?? ''}`.trim();
  return `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>${NGINX_VER}</center>\r\n</body>\r\n</html>\r\n`;
}

function header(req: HttpRequest, name: string): string | undefined {
  const n = name.toLowerCase();
  return req.headers.find(([k]) => k.toLowerCase() === n)?.[1];
}

/** ngx_http_find_virtual_server: the server whose name matches Host, else the port's first (default) server. */
export function pickServer(cfg: NginxConfig, port: number, host: string): Server | undefined {
  const onPort = cfg.servers.filter((s) => s.listens.some((l) => l.port === port));
  const name = host.replace(/:\d+$/, '').toLowerCase();
  return onPort.find((s) => s.names.some((n) => n.toLowerCase() === name)) ?? onPort[0];
}

/** ngx_http_core_find_location: exact match first, then the longest prefix (regexes are not matched). */
function findLocation(server: Server, uri: string): Location | undefined {
  const exact = server.locations.find((l) => l.modifier === '=' && l.path === uri);
  if (exact) return exact;
  let best: Location | undefined;
  for (const l of server.locations) {
    if ((l.modifier === '' || l.modifier === '^~') && uri.startsWith(l.path) && (!best || l.path.length > best.path.length)) best = l;
  }
  return best;
}

/** nginx was configured with --prefix=/etc/nginx: relative roots are below it. */
function absRoot(root: string): string {
  const r = root.startsWith('/') ? root : `/etc/nginx/${root}`;
  return r.endsWith('/') && r !== '/' ? r.slice(0, -1) : r;
}

/** Answer one request. `now` is the virtual time, `port` the port the client connected to. */
export function handle(cfg: NginxConfig, fs: Vfs, req: HttpRequest, port: number, now: number): Served {
  const out = answer(cfg, fs, req, port, now);
  out.server = pickServer(cfg, port, req.host);
  return out;
}

function answer(cfg: NginxConfig, fs: Vfs, req: HttpRequest, port: number, now: number): Served {
  const base: [string, string][] = [['Server', NGINX_VER], ['Date', httpDate(now)]];
  const connection: [string, string] = ['Connection', header(req, 'connection')?.toLowerCase() === 'close' ? 'close' : 'keep-alive'];
  const head = req.method === 'HEAD';
  const special = (code: number, extra: [string, string][] = [], error?: string): Served => {
    const body = errorPage(code);
    return {
      response: { status: code, reason: REASONS[code] ?? '', headers: [...base, ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(body))], connection, ...extra], body: head ? '' : body },
      error,
    };
  };
  const server = pickServer(cfg, port, req.host);
  const rawPath = req.path.split('?')[0] ?? '/';
  let uri: string;
  try {
    uri = decodeURIComponent(rawPath);
  } catch {
    return special(400);
  }
  // ngx_http_parse_complex_uri: a path that climbs above the root is a bad request
  if (!uri.startsWith('/') || escapesRoot(uri)) return special(400);
  if (!server) return special(404);
  const loc = findLocation(server, uri);
  // the server-level return runs in the server rewrite phase, before any location
  const ret = server.ret ?? loc?.ret;
  if (ret) return returned(ret, base, connection, cfg.defaultType, head, special);

  const root = absRoot(loc?.root ?? server.root);
  const request = `"${req.method} ${req.path} HTTP/1.1"`;
  const ctx = (msg: string) => `${msg}, client: %CLIENT%, server: ${server.names[0] ?? ''}, request: ${request}, host: "${req.host}"`;
  if (uri.endsWith('/')) {
    for (const name of loc?.index ?? server.index) {
      const path = `${root}${uri}${name}`;
      if (isFile(fs, path)) return file(fs, path, cfg, base, connection, req, special, ctx);
    }
    // ngx_http_index_handler: no index file in an existing directory is forbidden, else not found
    if (isDir(fs, `${root}${uri}`)) return special(403, [], ctx(`directory index of "${root}${uri}" is forbidden`));
    return special(404, [], ctx(`"${root}${uri}${(loc?.index ?? server.index)[0]}" is not found (2: No such file or directory)`));
  }
  const path = `${root}${uri}`;
  if (isDir(fs, path)) {
    // ngx_http_static_handler: a directory without the slash redirects to it (port_in_redirect on)
    const host = req.host.replace(/:\d+$/, '');
    return special(301, [['Location', `http://${host}${port === 80 ? '' : `:${port}`}${uri}/`]]);
  }
  return file(fs, path, cfg, base, connection, req, special, ctx);
}

function returned(
  ret: { code: number; text?: string }, base: [string, string][], connection: [string, string], defaultType: string, head: boolean,
  special: (code: number, extra?: [string, string][]) => Served,
): Served {
  // ngx_http_send_response: 301/302/303/307/308 with a URL, anything else with a body
  if ([301, 302, 303, 307, 308].includes(ret.code)) return special(ret.code, ret.text ? [['Location', ret.text]] : []);
  if (ret.text === undefined) return ret.code in REASONS && ret.code >= 400 ? special(ret.code) : { response: { status: ret.code, reason: REASONS[ret.code] ?? '', headers: [...base, ['Content-Length', '0'], connection], body: '' } };
  return {
    response: { status: ret.code, reason: REASONS[ret.code] ?? '', headers: [...base, ['Content-Type', defaultType], ['Content-Length', String(byteLength(ret.text))], connection], body: head ? '' : ret.text },
  };
}

function file(
  fs: Vfs, path: string, cfg: NginxConfig, base: [string, string][], connection: [string, string], req: HttpRequest,
  special: (code: number, extra?: [string, string][], error?: string) => Served, ctx: (msg: string) => string,
): Served {
  // ngx_http_static_handler: ngx_open_cached_file failed, logged at error level
  if (!isFile(fs, path)) return special(404, [], ctx(`open() "${path}" failed (2: No such file or directory)`));
  // ngx_http_static_handler only answers GET and HEAD
  if (req.method !== 'GET' && req.method !== 'HEAD') return special(405);
  const st = fs.stat(path);
  const body = fs.readFile(path);
  const ext = /\.([^./]+)$/.exec(path)?.[1]?.toLowerCase() ?? '';
  const mtime = Math.floor(st.mtimeMs / 1000);
  return {
    response: {
      status: 200, reason: 'OK',
      headers: [
        ...base, ['Content-Type', cfg.types[ext] ?? cfg.defaultType], ['Content-Length', String(st.size)],
        ['Last-Modified', httpDate(mtime * 1000)], connection,
        // ngx_http_set_etag: "%xT-%xO" (mtime and length in hex)
        ['ETag', `"${mtime.toString(16)}-${st.size.toString(16)}"`], ['Accept-Ranges', 'bytes'],
      ],
      body: req.method === 'HEAD' ? '' : body,
    },
  };
}

function escapesRoot(uri: string): boolean {
  let depth = 0;
  for (const part of uri.split('/')) {
    if (part === '..') depth--;
    else if (part && part !== '.') depth++;
    if (depth < 0) return true;
  }
  return false;
}

function isFile(fs: Vfs, path: string): boolean {
  try {
    return fs.stat(path).type === 'file';
  } catch {
    return false;
  }
}

function isDir(fs: Vfs, path: string): boolean {
  try {
    return fs.stat(path).type === 'dir';
  } catch {
    return false;
  }
}

/** The `main` log_format of docker-nginx's nginx.conf (combined + "$http_x_forwarded_for"). */
export function accessLine(clientIp: string, req: HttpRequest, res: HttpResponse, now: number): string {
  const h = (n: string) => header(req, n) ?? '-';
  const sent = req.method === 'HEAD' ? 0 : byteLength(res.body);
  return `${clientIp} - - [${httpLogTime(now)}] "${req.method} ${req.path} HTTP/1.1" ${res.status} ${sent} "${h('referer')}" "${h('user-agent')}" "${h('x-forwarded-for')}"\n`;
}
