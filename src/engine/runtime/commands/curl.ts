// curl (7.88 in Debian bookworm, 8.x in Ubuntu 24.04 and Alpine 3.21): src/tool_getparam.c options
// and errors, lib/progress.c's meter (on stderr when stdout is not a terminal), lib/connect.c and
// lib/url.c failures. Names resolve like libc; the request waits on the virtual clock.
import { resolvePath } from '../fs/path';
import type { Proc, Program } from '../process/program';
import type { HttpOutcome, HttpResponse } from './network';
import { SYN_TIMEOUT_MS, hostHeader, header, origin, outcomeOf, parseUrl, send, statusLine, type Fetch } from './http';
import { lookupHost } from './resolver';
import { distroOf, type CommandEnv } from './system';
import { ctxOfProc, deviceOf, errCode, padLeft, strerror, type Ctx } from './util';

interface CurlState {
  silent: boolean;
  showError: boolean;
  fail: boolean;
  include: boolean;
  head: boolean;
  follow: boolean;
  verbose: boolean;
  method: string;
  data?: string;
  headers: [string, string][];
  output?: string;
  remoteName: boolean;
  maxTimeMs?: number;
  connectTimeoutMs?: number;
  writeOut?: string;
  agent: string;
  url: string;
  redirects: number;
  f: Fetch;
  /** the progress meter is drawn (not -s, and stdout is not a terminal or goes to a file) */
  meter: boolean;
}

const CURL_HINT = "curl: try 'curl --help' or 'curl --manual' for more information\n";

/** curl's version per distribution: Debian bookworm 7.88.1, Ubuntu 24.04 8.5.0, Alpine 3.21 8.12.1. */
function curlVersion(c: Ctx): string {
  const d = distroOf(c.fs);
  return d === 'alpine' || d === 'busybox' ? '8.12.1' : d === 'ubuntu' ? '8.5.0' : '7.88.1';
}

export function curlCommand(env: CommandEnv): Program<CurlState> {
  return {
    kind: 'program',
    start(p) {
      const c = ctxOfProc(p as Proc<unknown>);
      const s = parseCurl(c);
      if (typeof s === 'number') return p.exit(s);
      p.state = s;
      p.setSignal('INT', 'default');
      begin(p, env);
    },
    event(p, ev) {
      const s = p.state;
      if (!s || !p.alive) return;
      if (ev.type === 'timer') {
        if (s.f.wait === 'resolve') return curlFail(p, 6, `Could not resolve host: ${s.f.url.host}`);
        if (s.f.wait === 'timeout' || s.f.wait === 'reply') {
          const ms = p.now() - s.f.startedAt;
          if (s.maxTimeMs !== undefined && ms >= s.maxTimeMs && s.f.wait === 'reply') {
            // lib/multi.c multi_handle_timeout: "Operation timed out after %ld milliseconds with %ld bytes received"
            return curlFail(p, 28, `Operation timed out after ${ms} milliseconds with 0 bytes received`);
          }
          if (s.connectTimeoutMs !== undefined && ms >= s.connectTimeoutMs) {
            // lib/multi.c: "Connection timed out after %ld milliseconds"
            return curlFail(p, 28, `Connection timed out after ${ms} milliseconds`);
          }
          // lib/connect.c: "Failed to connect to %s port %u after %ld ms: %s" (then CURLE_OPERATION_TIMEDOUT)
          return curlFail(p, 28, `Failed to connect to ${s.f.url.host} port ${s.f.url.port} after ${ms} ms: Couldn't connect to server`);
        }
        return;
      }
      const out = outcomeOf(ev, s.f);
      if (out) {
        if (s.f.timer !== undefined) p.clearTimer(s.f.timer);
        handle(p, env, out);
      }
    },
  };
}

function parseCurl(c: Ctx): CurlState | number {
  const s: CurlState = {
    silent: false, showError: false, fail: false, include: false, head: false, follow: false, verbose: false, method: 'GET',
    headers: [], remoteName: false, agent: `curl/${curlVersion(c)}`, url: '', redirects: 0,
    f: { url: { scheme: 'http', host: '', port: 80, path: '/' }, ip: '', tag: 0, startedAt: 0, wait: 'none' }, meter: false,
  };
  const args = c.argv.slice(1);
  const need = (i: number, name: string): string | number => {
    if (i >= args.length) {
      // src/tool_getparam.c: "option %s: requires parameter"
      c.err(`curl: option ${name}: requires parameter\n${CURL_HINT}`);
      return 2;
    }
    return args[i]!;
  };
  const longs: Record<string, string> = {
    '--silent': 's', '--show-error': 'S', '--fail': 'f', '--include': 'i', '--head': 'I', '--location': 'L', '--verbose': 'v',
    '--request': 'X', '--data': 'd', '--data-raw': 'd', '--data-binary': 'd', '--header': 'H', '--output': 'o', '--remote-name': 'O',
    '--max-time': 'm', '--user-agent': 'A', '--insecure': 'k', '--write-out': 'w', '--connect-timeout': 'CT', '--retry': 'RT',
    '--compressed': 'CMP', '--no-progress-meter': 'NPM', '--url': 'URL',
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let opts: string[];
    if (a.startsWith('--')) {
      const o = longs[a];
      if (!o) {
        // src/tool_getparam.c: "option %s: is unknown"
        c.err(`curl: option ${a}: is unknown\n${CURL_HINT}`);
        return 2;
      }
      opts = [o];
    } else if (a.startsWith('-') && a.length > 1) opts = a.slice(1).split('');
    else {
      if (!s.url) s.url = a;
      continue;
    }
    for (let j = 0; j < opts.length; j++) {
      const o = opts[j]!;
      const takes = 'XdHomAwCTRTURL'.includes(o) && !['s', 'S'].includes(o);
      let val: string | number | undefined;
      if (takes && ['X', 'd', 'H', 'o', 'm', 'A', 'w', 'CT', 'RT', 'URL'].includes(o)) {
        const rest = opts.slice(j + 1).join('');
        if (rest && o.length === 1) {
          val = rest;
          j = opts.length;
        } else {
          val = need(++i, a);
          if (typeof val === 'number') return val;
        }
      }
      switch (o) {
        case 's': s.silent = true; break;
        case 'S': s.showError = true; break;
        case 'f': s.fail = true; break;
        case 'i': s.include = true; break;
        case 'I': s.head = true; s.method = 'HEAD'; break;
        case 'L': s.follow = true; break;
        case 'v': s.verbose = true; break;
        case 'k': case 'CMP': break;
        case 'NPM': s.meter = false; s.silent = s.silent || false; break;
        case 'O': s.remoteName = true; break;
        case 'X': s.method = String(val); break;
        case 'd': s.data = s.data === undefined ? String(val) : `${s.data}&${val}`; if (s.method === 'GET') s.method = 'POST'; break;
        case 'H': { const v = String(val); const k = v.indexOf(':'); if (k > 0) s.headers.push([v.slice(0, k).trim(), v.slice(k + 1).trim()]); break; }
        case 'o': s.output = String(val); break;
        case 'm': s.maxTimeMs = Math.round(Number(val) * 1000); break;
        case 'CT': s.connectTimeoutMs = Math.round(Number(val) * 1000); break;
        case 'A': s.agent = String(val); break;
        case 'w': s.writeOut = String(val); break;
        case 'URL': s.url = String(val); break;
        case 'RT': break;
        default:
          // src/tool_getparam.c: "option -%c: is unknown"
          c.err(`curl: option -${o}: is unknown\n${CURL_HINT}`);
          return 2;
      }
    }
  }
  if (!s.url) {
    // src/tool_operate.c: "no URL specified!"
    c.err(`curl: no URL specified!\n${CURL_HINT}`);
    return 2;
  }
  const toFile = s.output !== undefined && s.output !== '-' || s.remoteName;
  s.meter = !s.silent && !args.includes('--no-progress-meter') && (toFile || !c.tty);
  return s;
}

function curlFail(p: Proc<CurlState>, code: number, msg: string): void {
  const s = p.state;
  if (s.meter) p.write(2, '\n');
  // src/tool_operate.c: "curl: (%d) %s" (shown unless -s without -S)
  if (!s.silent || s.showError) p.write(2, `curl: (${code}) ${msg}\n`);
  p.exit(code);
}

function meterHead(): string {
  // lib/progress.c progress_meter: the two header lines, then "\r" + the numbers
  return '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';
}

/** lib/progress.c max5data: a size in five characters. */
function max5(n: number): string {
  if (n < 100000) return padLeft(n, 5);
  if (n < 10000 * 1024) return `${padLeft(Math.floor(n / 1024), 4)}k`;
  if (n < 100 * 1048576) return `${padLeft(Math.floor(n / 1048576), 2)}.${Math.floor((n % 1048576) / 104857.6)}M`;
  return `${padLeft(Math.floor(n / 1048576), 4)}M`;
}

function meterLine(total: number, got: number, ms: number): string {
  const pct = total > 10000 ? Math.floor(got / Math.floor(total / 100)) : total > 0 ? Math.floor((got * 100) / total) : 0;
  const speed = ms > 0 ? Math.floor((got * 1000) / ms) : got;
  // "%3d %s  %3d %s  %3d %s  %s  %s %s %s %s %s"
  return `\r${padLeft(pct, 3)} ${max5(total)}  ${padLeft(pct, 3)} ${max5(got)}    0     0  ${max5(speed)}      0 --:--:-- --:--:-- --:--:-- ${max5(speed)}`;
}

function begin(p: Proc<CurlState>, env: CommandEnv): void {
  const s = p.state;
  const c = ctxOfProc(p as Proc<unknown>);
  const url = parseUrl(s.url);
  if (!url) {
    // lib/url.c: CURLE_URL_MALFORMAT (3) / CURLE_UNSUPPORTED_PROTOCOL (1)
    const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(s.url)?.[1];
    if (scheme) return curlFail(p, 1, `Protocol "${scheme}" not supported or disabled in libcurl`);
    return curlFail(p, 3, 'URL using bad/illegal format or missing URL');
  }
  s.f.url = url;
  s.f.startedAt = p.now();
  if (s.meter && s.redirects === 0) p.write(2, `${meterHead()}${meterLine(0, 0, 0)}`);
  const r = lookupHost(c.fs, env.network, origin(p as Proc<unknown>), url.host.replace(/^\[|\]$/g, ''));
  if (!r.ok) {
    if (r.waitMs) {
      s.f.wait = 'resolve';
      s.f.timer = p.setTimer(r.waitMs);
      return;
    }
    // lib/url.c resolve_server: "Could not resolve host: %s"
    return curlFail(p, 6, `Could not resolve host: ${url.host}`);
  }
  s.f.ip = r.addresses[0]!;
  if (s.verbose) p.write(2, `*   Trying ${s.f.ip}:${url.port}...\n`);
  const headers: [string, string][] = [['Host', hostHeader(url)], ['User-Agent', s.agent], ['Accept', '*/*']];
  if (s.data !== undefined) headers.push(['Content-Length', String(s.data.length)], ['Content-Type', 'application/x-www-form-urlencoded']);
  for (const [k, v] of s.headers) {
    const i = headers.findIndex(([h]) => h.toLowerCase() === k.toLowerCase());
    if (i >= 0) headers[i] = [k, v];
    else headers.push([k, v]);
  }
  const out = send(p as Proc<unknown>, env, s.f, { method: s.method, host: hostHeader(url), path: url.path, headers, body: s.data });
  if (s.verbose && out?.kind !== 'refused' && out?.kind !== 'unreachable' && out?.kind !== 'timeout') {
    // lib/connect.c / lib/http.c verbose lines
    p.write(2, `* Connected to ${url.host} (${s.f.ip}) port ${url.port} (#0)\n${headers.map(([k, v]) => `> ${k}: ${v}`).join('\n').replace(/^/, `> ${s.method} ${url.path} HTTP/1.1\n`)}\n> \n`);
  }
  if (out) return handle(p, env, out);
  s.f.wait = 'reply';
  if (s.maxTimeMs !== undefined) s.f.timer = p.setTimer(s.maxTimeMs);
}

function handle(p: Proc<CurlState>, env: CommandEnv, out: HttpOutcome): void {
  const s = p.state;
  const url = s.f.url;
  const elapsed = p.now() - s.f.startedAt;
  switch (out.kind) {
    case 'refused':
    case 'unreachable':
      // lib/connect.c: "Failed to connect to %s port %u after %ld ms: %s" (CURLE_COULDNT_CONNECT)
      return curlFail(p, 7, `Failed to connect to ${url.host} port ${url.port} after ${elapsed} ms: Couldn't connect to server`);
    case 'timeout': {
      const limits = [SYN_TIMEOUT_MS, s.connectTimeoutMs ?? 300_000, s.maxTimeMs ?? Infinity];
      s.f.wait = 'timeout';
      s.f.timer = p.setTimer(Math.min(...limits));
      return;
    }
    case 'reset':
      // lib/transfer.c: "Recv failure: %s" (CURLE_RECV_ERROR)
      return curlFail(p, 56, 'Recv failure: Connection reset by peer');
    case 'closed':
      // lib/transfer.c: "Empty reply from server" (CURLE_GOT_NOTHING)
      return curlFail(p, 52, 'Empty reply from server');
  }
  const r = out.response;
  const location = header(r, 'Location');
  if (s.follow && location && [301, 302, 303, 307, 308].includes(r.status)) {
    if (++s.redirects > 50) return curlFail(p, 47, 'Maximum (50) redirects followed');
    if (s.include) p.write(1, rawHeaders(r));
    s.url = /^[a-z]+:\/\//i.test(location) ? location : `${url.scheme}://${hostHeader(url)}${location.startsWith('/') ? '' : '/'}${location}`;
    if (r.status === 303) s.method = 'GET';
    return begin(p, env);
  }
  if (s.verbose) p.write(2, `${rawHeaders(r).split('\r\n').filter(Boolean).map((l) => `< ${l}`).join('\n')}\n< \n`);
  if (s.fail && r.status >= 400) {
    // lib/http.c http_should_fail: "The requested URL returned error: %d"
    return curlFail(p, 22, `The requested URL returned error: ${r.status}`);
  }
  const body = s.head ? '' : r.body;
  let text = (s.include || s.head ? rawHeaders(r) : '') + body;
  const ms = out.ms ?? 1;
  if (s.meter) p.write(2, `${meterLine(body.length, body.length, ms)}\n`);
  if (s.writeOut !== undefined) text += writeOut(s.writeOut, r, body.length, (p.now() - s.f.startedAt + ms) / 1000);
  const file = s.output ?? (s.remoteName ? url.path.split('?')[0]!.split('/').pop() || '' : undefined);
  if (file !== undefined && file !== '-') {
    if (!file) return curlFail(p, 23, 'Remote file name has no length!');
    const c = ctxOfProc(p as Proc<unknown>);
    const path = resolvePath(c.cwd, file);
    const dev = deviceOf(path);
    try {
      if (dev === 'stdout' || dev === 'stderr') p.write(dev === 'stdout' ? 1 : 2, (s.include || s.head ? rawHeaders(r) : '') + body);
      else if (dev !== 'null') c.fs.writeFile(path, (s.include || s.head ? rawHeaders(r) : '') + body);
    } catch (e) {
      // src/tool_cb_wrt.c: "Failed to open the file %s: %s" then CURLE_WRITE_ERROR
      p.write(2, `Warning: Failed to open the file ${file}: ${strerror(errCode(e))}\n`);
      return curlFail(p, 23, 'Failure writing output to destination');
    }
    if (s.writeOut !== undefined) p.write(1, writeOut(s.writeOut, r, body.length, (p.now() - s.f.startedAt + ms) / 1000));
    p.exit(0);
    return;
  }
  p.write(1, text);
  if (s.verbose) p.write(2, `* Connection #0 to host ${url.host} left intact\n`);
  p.exit(0);
}

function rawHeaders(r: HttpResponse): string {
  return `${statusLine(r)}\r\n${r.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
}

/** -w: %{http_code}, %{size_download}, %{time_total}, %{url_effective}, \n. */
function writeOut(fmt: string, r: HttpResponse, size: number, seconds: number): string {
  return fmt
    .replace(/%\{http_code\}|%\{response_code\}/g, String(r.status).padStart(3, '0'))
    .replace(/%\{size_download\}/g, String(size))
    .replace(/%\{time_total\}/g, seconds.toFixed(6))
    .replace(/\\n/g, '\n')
    .replace(/\\t/g, '\t');
}
