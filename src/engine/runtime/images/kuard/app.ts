// /kuard: the Kubernetes Up and Running demo server (github.com/kubernetes-up-and-running/kuard).
// cmd/kuard/main.go: parse the flags, log the banner and the config, then pkg/app/app.go Run: look
// for TLS certificates and serve HTTP on --address, log.Fatal when the port cannot be bound.
// Requests are logged by app.go loggingMiddleware and routed as NewApp registers them.
import type { Connection, Proc, Program } from '../../process/program';
import type { HttpOutcome, HttpRequest, HttpResponse } from '../../commands/network';
import { httpDate, logTime } from '../timefmt';
import { utf8Length } from '../../fs/nodes';
import { configJson, parseFlags, type KuardConfig } from './flags';
import { alloc, clear, memStats, newMemory, rssOf, type MemoryState } from './memory';
import { handleProbe, newProbe, probeStatus, type ProbeState } from './debugprobe';
import { dirList, envPage, memPage, page, probePage, requestPage, type PageContext } from './pages';
import { staticFile } from './static';

export interface KuardState {
  config: KuardConfig;
  live: ProbeState;
  ready: ProbeState;
  mem: MemoryState;
}

type P = Proc<KuardState>;

/** One kuard build: its version string and whether it serves under /a, /b and /c too (v0.10). */
export interface KuardBuild {
  version: string;
  prefixes: boolean;
}

const CERT_FILE = 'kuard.crt';
const KEY_FILE = 'kuard.key';

/** Go's log package with log.LstdFlags, on stderr. */
function log(p: P, line: string): void {
  p.write(2, `${logTime(p.now())} ${line}\n`);
}

/** The kuard program of one build. */
export function kuardProgram(build: KuardBuild): Program<KuardState> {
  return {
    kind: 'program',
    start(p) {
      const parsed = parseFlags(p.argv);
      if (!parsed.ok) {
        // pflag ExitOnError: os.Exit(2), for -h as for a bad flag
        p.write(2, parsed.stderr);
        p.exit(2);
        return;
      }
      const config = parsed.config;
      // the Go runtime turns SIGTERM and SIGINT into a death by that signal (no handler in kuard)
      p.setSignal('TERM', 'catch');
      p.setSignal('INT', 'catch');
      // cmd/kuard/main.go main
      log(p, `Starting kuard version: ${build.version}`);
      log(p, '*'.repeat(70));
      log(p, '* WARNING: This server may expose sensitive');
      log(p, '* and secret information. Be careful.');
      log(p, '*'.repeat(70));
      log(p, `Config: \n${configJson(config)}`);
      p.state = { config, live: newProbe(Number(config['liveness.fail-next'])), ready: newProbe(Number(config['readiness.fail-next'])), mem: newMemory() };
      p.setRss(rssOf(p.state.mem));
      // pkg/app/app.go Run
      const dir = String(config['tls-dir']);
      if (p.fs.exists(`${dir}/${CERT_FILE}`) && p.fs.exists(`${dir}/${KEY_FILE}`)) {
        log(p, `Serving HTTPS on ${String(config['tls-address'])}`);
        if (!listen(p, String(config['tls-address']))) return;
      } else {
        log(p, 'Could not find certificates to serve TLS');
      }
      const address = String(config.address);
      log(p, `Serving on HTTP on ${address}`);
      listen(p, address);
    },
    event(p, ev) {
      if (ev.type === 'signal') p.exit(ev.signal === 'INT' ? 130 : 143);
    },
    serve(p, conn) {
      const req = conn.request;
      if (!req) return { kind: 'closed' };
      // app.go loggingMiddleware: RemoteAddr, method, URL, before the handler runs
      log(p, `${conn.remoteIp}:${conn.remotePort} ${req.method} ${req.path}`);
      return route(p, build, conn, req);
    },
  };
}

/** net/http ListenAndServe; log.Fatal (exit 1) with the net.OpError text when it fails. */
function listen(p: P, address: string): boolean {
  const colon = address.lastIndexOf(':');
  let error: string | undefined;
  if (colon < 0) error = `listen tcp: address ${address}: missing port in address`;
  else {
    const host = address.slice(0, colon).replace(/^\[(.*)\]$/, '$1');
    const portText = address.slice(colon + 1);
    const port = /^\d+$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 0 && port <= 65535)) error = `listen tcp: address ${portText}: invalid port`;
    else {
      const bindHost = host === 'localhost' ? '127.0.0.1' : host;
      // Go net.Listen("tcp", ":8080"): one dual-stack socket on ::
      const errno = p.listen(port, bindHost, true);
      // syscall Errno strings
      const text = { EADDRINUSE: 'address already in use', EADDRNOTAVAIL: 'cannot assign requested address', EACCES: 'permission denied' };
      if (errno) error = `listen tcp ${address}: bind: ${text[errno]}`;
    }
  }
  if (!error) return true;
  log(p, error);
  p.exit(1);
  return false;
}

/** net/url ParseQuery, reduced to what kuard reads: the first value of a key. */
interface Query {
  get(key: string): string | null;
}

function parseQuery(raw: string): Query {
  const values = new Map<string, string>();
  for (const part of raw.split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const dec = (x: string) => {
      try {
        return decodeURIComponent(x.replace(/\+/g, ' '));
      } catch {
        return x;
      }
    };
    const key = dec(eq < 0 ? part : part.slice(0, eq));
    if (!values.has(key)) values.set(key, dec(eq < 0 ? '' : part.slice(eq + 1)));
  }
  return { get: (key) => values.get(key) ?? null };
}

function route(p: P, build: KuardBuild, conn: Connection, req: HttpRequest): HttpOutcome {
  const q = req.path.indexOf('?');
  let path = q < 0 ? req.path : req.path.slice(0, q);
  const query = parseQuery(q < 0 ? '' : req.path.slice(q + 1));
  // v0.10 NewApp: every route also under /a, /b and /c (for path-based ingress demos)
  let base = '';
  const m = build.prefixes ? /^\/[abc](?=\/)/.exec(path) : null;
  if (m) {
    base = m[0];
    path = path.slice(base.length);
  }
  const st = p.state;
  const method = req.method;
  const get = method === 'GET';
  if (path === '/' || path.startsWith('/-/')) {
    if (!get) return notAllowed(p);
    return pageRoute(p, build, conn, req, path, base, query);
  }
  if (path === '/healthy' || path === '/ready') {
    if (!get) return notAllowed(p);
    const r = handleProbe(path === '/healthy' ? st.live : st.ready, p.now());
    return respond(p, r.status, [['Content-Type', 'text/plain']], r.body);
  }
  if (path === '/healthy/api' || path === '/ready/api') {
    const probe = path === '/healthy/api' ? st.live : st.ready;
    const probePath = base + path.slice(0, -'/api'.length);
    if (method === 'PUT') {
      // probe.go APIPut: a ProbeConfig JSON body
      const body = decodeProbeConfig(req.body ?? '');
      if (typeof body === 'string') return respond(p, 400, TEXT, `${body}\n`);
      probe.failNext = body;
    } else if (!get) return notAllowed(p);
    return json(p, probeStatus(probe, probePath, p.now()));
  }
  if (path === '/mem/api') return get ? json(p, { memStats: memStats(st.mem) }) : notAllowed(p);
  if (path === '/mem/api/alloc' || path === '/mem/api/clear') {
    if (method !== 'POST') return notAllowed(p);
    if (path === '/mem/api/clear') return memClear(p, () => respond(p, 200, [], ''));
    return memAlloc(p, conn, query.get('size'), () => respond(p, 200, [], ''));
  }
  if (path === '/env/api') return get ? json(p, { commandLine: p.argv, env: p.env }) : notAllowed(p);
  if (path === '/fs' || path.startsWith('/fs/')) return get ? fileServer(p, path.slice(3) || '/') : notAllowed(p);
  if (path.startsWith('/static/')) {
    const file = staticFile(path);
    if (!file) return notFound(p);
    return get ? respond(p, 200, [['Content-Type', file.type], ['Accept-Ranges', 'bytes']], file.body) : notAllowed(p);
  }
  return notFound(p);
}

/** The app's pages (`/-/*path` renders the UI for any path), with the GET stand-ins for its buttons. */
function pageRoute(p: P, build: KuardBuild, conn: Connection, req: HttpRequest, path: string, base: string, query: Query): HttpOutcome {
  const st = p.state;
  const ctx = pageContext(p, build, conn, req);
  const html = (active: string, content: string) => respond(p, 200, HTML, page(ctx, active, content));
  switch (path) {
    case '/': return html('/', requestPage(ctx));
    case '/-/env': return html('/-/env', envPage(p.argv, p.env));
    case '/-/mem': return html('/-/mem', memPage(st.mem));
    case '/-/mem/alloc': return memAlloc(p, conn, query.get('size'), () => html('/-/mem', memPage(p.state.mem)));
    case '/-/mem/clear': return memClear(p, () => html('/-/mem', memPage(p.state.mem)));
    case '/-/liveness':
    case '/-/readiness': {
      const live = path === '/-/liveness';
      const probe = live ? st.live : st.ready;
      const n = query.get('failNext');
      if (n !== null && /^-?\d+$/.test(n)) probe.failNext = Number(n);
      return html(path, probePage(probe, `${base}${live ? '/healthy' : '/ready'}`, `${base}${path}`, p.now()));
    }
    default: return html(path, '');
  }
}

function memAlloc(p: P, conn: Connection, size: string | null, ok: () => HttpOutcome): HttpOutcome {
  const r = alloc(p.state.mem, size);
  if (!r.ok && 'panic' in r) {
    // net/http conn.serve recovers a handler panic, logs it and closes the connection
    log(p, `http: panic serving ${conn.remoteIp}:${conn.remotePort}: ${r.panic}`);
    return { kind: 'closed' };
  }
  if (!r.ok) return respond(p, r.status, TEXT, r.body);
  p.setRss(rssOf(p.state.mem));
  // the memory cgroup's OOM killer may have ended the process while it touched the new pages
  if (!p.alive) return { kind: 'closed' };
  return ok();
}

function memClear(p: P, ok: () => HttpOutcome): HttpOutcome {
  clear(p.state.mem);
  p.setRss(rssOf(p.state.mem));
  return ok();
}

/** probe.go APIPut: json.Decode into ProbeConfig; the error text is encoding/json's. */
function decodeProbeConfig(body: string): number | string {
  let v: unknown;
  try {
    v = JSON.parse(body);
  } catch {
    return body.trim() === '' ? 'EOF' : 'invalid character in JSON input';
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v} into Go value of type debugprobe.ProbeConfig`;
  const n = (v as { failNext?: unknown }).failNext;
  if (n === undefined) return 0;
  if (typeof n !== 'number' || !Number.isInteger(n)) return `json: cannot unmarshal ${typeof n} into Go struct field ProbeConfig.failNext of type int`;
  return n;
}

function pageContext(p: P, build: KuardBuild, conn: Connection, req: HttpRequest): PageContext {
  const hostname = p.env.HOSTNAME ?? (p.fs.exists('/etc/hostname') ? p.fs.readFile('/etc/hostname').trim() : '');
  // net.InterfaceAddrs without loopback: the pod's address, as /etc/hosts names it for this host
  const addrs: string[] = [];
  if (p.fs.exists('/etc/hosts')) {
    for (const line of p.fs.readFile('/etc/hosts').split('\n')) {
      const [ip, ...names] = line.trim().split(/\s+/);
      if (ip && /^\d+\.\d+\.\d+\.\d+$/.test(ip) && !ip.startsWith('127.') && names.includes(hostname) && !addrs.includes(ip)) addrs.push(ip);
    }
  }
  return { hostname, addrs, version: build.version, requestDump: dumpRequest(req), requestProto: 'HTTP/1.1', requestAddr: `${conn.remoteIp}:${conn.remotePort}` };
}

/** net/http/httputil DumpRequest(r, false): request line, Host, the other headers sorted by name. */
export function dumpRequest(req: HttpRequest): string {
  const canon = (k: string) => k.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());
  const headers = req.headers.filter(([k]) => !['host', 'transfer-encoding', 'trailer'].includes(k.toLowerCase()))
    .map(([k, v]): [string, string] => [canon(k), v]).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return [`${req.method} ${req.path} HTTP/1.1`, `Host: ${req.host}`, ...headers.map(([k, v]) => `${k}: ${v}`)].join('\r\n');
}

// ---------- responses ----------

const TEXT: [string, string][] = [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']];
const HTML: [string, string][] = [['Content-Type', 'text/html; charset=utf-8']];
// net/http status.go StatusText
const REASONS: Record<number, string> = { 200: 'OK', 301: 'Moved Permanently', 400: 'Bad Request', 404: 'Not Found', 405: 'Method Not Allowed', 500: 'Internal Server Error' };

function respond(p: P, status: number, headers: [string, string][], body: string, extra: [string, string][] = []): HttpOutcome {
  const all: [string, string][] = [...headers, ...extra, ['Date', httpDate(p.now())], ['Content-Length', String(utf8Length(body))]];
  const response: HttpResponse = { status, reason: REASONS[status] ?? '', headers: all, body };
  return { kind: 'response', response };
}

/** pkg/apiutils ServeJSON: application/json, no-cache headers, json.Encoder (a trailing newline). */
function json(p: P, o: unknown): HttpOutcome {
  return respond(p, 200, [
    ['Content-Type', 'application/json'], ['Cache-Control', 'no-cache, private, max-age=0'],
    ['Expires', 'Thu, 01 Jan 1970 00:00:00 UTC'], ['Pragma', 'no-cache'],
  ], `${JSON.stringify(o)}\n`);
}

/** http.NotFound */
function notFound(p: P): HttpOutcome {
  return respond(p, 404, TEXT, '404 page not found\n');
}

/** julienschmidt/httprouter HandleMethodNotAllowed */
function notAllowed(p: P): HttpOutcome {
  return respond(p, 405, TEXT, 'Method Not Allowed\n');
}

/** http.FileServer(http.Dir("/")) under /fs: directory listings, files, the slash redirect. */
function fileServer(p: P, rawPath: string): HttpOutcome {
  const clean = `/${rawPath.split('/').filter((s) => s && s !== '.').reduce<string[]>((acc, s) => (s === '..' ? acc.slice(0, -1) : [...acc, s]), []).join('/')}`;
  let st;
  try {
    st = p.fs.stat(clean);
  } catch {
    return notFound(p);
  }
  const isDir = st.type === 'dir';
  // fs.go serveFile: a directory needs a trailing slash, a file must not have one
  if (isDir && !rawPath.endsWith('/')) return respond(p, 301, [], '', [['Location', `${clean.slice(clean.lastIndexOf('/') + 1)}/`]]);
  if (!isDir && rawPath.endsWith('/')) return respond(p, 301, [], '', [['Location', `../${clean.slice(clean.lastIndexOf('/') + 1)}`]]);
  if (isDir) {
    const index = `${clean === '/' ? '' : clean}/index.html`;
    if (p.fs.exists(index)) return respond(p, 200, HTML, p.fs.readFile(index));
    const entries = p.fs.readdir(clean).map((name) => {
      let dir = false;
      try {
        dir = p.fs.stat(`${clean === '/' ? '' : clean}/${name}`).type === 'dir';
      } catch { /* a dangling link lists as a file */ }
      return { name, dir };
    });
    return respond(p, 200, HTML, dirList(entries));
  }
  const body = p.fs.readFile(clean);
  // http.DetectContentType: binary content (NUL bytes) is application/octet-stream
  const type = /\.html?$/.test(clean) ? 'text/html; charset=utf-8' : /\.css$/.test(clean) ? 'text/css; charset=utf-8'
    : /\.js$/.test(clean) ? 'application/javascript' : /\.json$/.test(clean) ? 'application/json'
    : body.includes('\0') ? 'application/octet-stream' : 'text/plain; charset=utf-8';
  return respond(p, 200, [['Content-Type', type], ['Last-Modified', httpDate(st.mtimeMs)], ['Accept-Ranges', 'bytes']], body);
}
