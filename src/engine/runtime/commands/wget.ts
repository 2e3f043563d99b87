// wget: busybox networking/wget.c (Connecting to..., the progress line, "'x' saved") and GNU wget
// 1.21's main log lines. Names resolve like libc; the request waits on the virtual clock.
import { resolvePath } from '../fs/path';
import type { Proc, Program } from '../process/program';
import { strftime } from '../shell/commands';
import { busyboxUsage } from './msg';
import type { HttpOutcome } from './network';
import { SYN_TIMEOUT_MS, hostHeader, header, origin, outcomeOf, parseUrl, send, statusLine, type Fetch } from './http';
import { gaiError, lookupHost } from './resolver';
import type { CommandEnv } from './system';
import { ctxOfProc, deviceOf, errCode, isTerminal, padLeft, strerror, type Ctx, type Flavor } from './util';

interface WgetState {
  quiet: boolean;
  output?: string;
  prefix?: string;
  spider: boolean;
  serverResponse: boolean;
  timeoutMs: number;
  agent: string;
  headers: [string, string][];
  urls: string[];
  redirects: number;
  f: Fetch;
  status: number;
  /** the name that started this URL (for GNU's log lines) */
  shownHost: string;
}

export function wgetCommand(flavor: Flavor, env: CommandEnv): Program<WgetState> {
  return {
    kind: 'program',
    start(p) {
      const c = ctxOfProc(p as Proc<unknown>);
      const s = parseWget(c, flavor);
      if (typeof s === 'number') return p.exit(s);
      p.state = s;
      next(p, env, flavor);
    },
    event(p, ev) {
      const s = p.state;
      if (!s || !p.alive) return;
      if (ev.type === 'timer') {
        if (s.f.wait === 'resolve') return wgetError(p, flavor, 'resolve');
        if (s.f.wait === 'timeout' || s.f.wait === 'reply') return wgetError(p, flavor, 'timeout');
        return;
      }
      const out = outcomeOf(ev, s.f);
      if (out) {
        if (s.f.timer !== undefined) p.clearTimer(s.f.timer);
        wgetHandle(p, env, flavor, out);
      }
    },
  };
}

function parseWget(c: Ctx, flavor: Flavor): WgetState | number {
  const s: WgetState = {
    quiet: false, spider: false, serverResponse: false, timeoutMs: flavor === 'busybox' ? 900_000 : 900_000,
    agent: flavor === 'busybox' ? 'Wget' : 'Wget/1.21.3', headers: [], urls: [], redirects: 0,
    f: { url: { scheme: 'http', host: '', port: 80, path: '/' }, ip: '', tag: 0, startedAt: 0, wait: 'none' }, status: 0, shownHost: '',
  };
  const args = c.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') && eq > 0 ? a.slice(0, eq) : a;
    const inline = a.startsWith('--') && eq > 0 ? a.slice(eq + 1) : undefined;
    const val = (): string => inline ?? args[++i] ?? '';
    if (name === '-q' || name === '--quiet') s.quiet = true;
    else if (name === '-O' || name === '--output-document') s.output = val();
    else if (name.startsWith('-O') && name.length > 2) s.output = name.slice(2);
    else if (/^-q+O/.test(name)) {
      s.quiet = true;
      s.output = name.replace(/^-q+O/, '') || args[++i] || '';
    } else if (name === '-P' || name === '--directory-prefix') s.prefix = val();
    else if (name === '--spider') s.spider = true;
    else if (name === '-S' || name === '--server-response') s.serverResponse = true;
    else if (name === '-T' || name === '--timeout') s.timeoutMs = Number(val()) * 1000;
    else if (name === '-U' || name === '--user-agent') s.agent = val();
    else if (name === '--header') {
      const h = val();
      const k = h.indexOf(':');
      if (k > 0) s.headers.push([h.slice(0, k).trim(), h.slice(k + 1).trim()]);
    } else if (name === '-c' || name === '--continue' || name === '-nv' || name === '--no-check-certificate' || name === '--no-verbose') continue;
    else if (name === '-t' || name === '--tries' || name === '-o') val();
    else if (name.startsWith('-') && name.length > 1) {
      if (flavor === 'busybox') {
        c.err(`wget: unrecognized option '${name}'\n`);
        return busyboxUsage(c, 'wget');
      }
      // GNU wget: "wget: unrecognized option '%s'" + "Usage: wget [OPTION]... [URL]..."
      c.err(`wget: unrecognized option '${name}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
      return 2;
    } else s.urls.push(a);
  }
  if (!s.urls.length) {
    if (flavor === 'busybox') return busyboxUsage(c, 'wget');
    // GNU wget src/main.c: "%s: missing URL"
    c.err(`wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n`);
    return 1;
  }
  return s;
}

function stamp(ms: number): string {
  return strftime('%Y-%m-%d %H:%M:%S', ms);
}

function next(p: Proc<WgetState>, env: CommandEnv, flavor: Flavor): void {
  const s = p.state;
  const c = ctxOfProc(p as Proc<unknown>);
  const raw = s.urls[0]!;
  const url = parseUrl(raw);
  if (!url) {
    // busybox wget.c parse_url: "not an http or ftp url: %s"; GNU: "%s: Unsupported scheme."
    p.write(2, flavor === 'busybox' ? `wget: not an http or ftp url: ${raw}\n` : `${raw}: Unsupported scheme ${JSON.stringify(raw.split(':')[0])}.\n`);
    return p.exit(1);
  }
  s.f.url = url;
  s.f.startedAt = p.now();
  s.shownHost = url.host;
  if (flavor === 'gnu' && !s.quiet) p.write(2, `--${stamp(p.now())}--  ${url.scheme}://${hostHeader(url)}${url.path}\n`);
  const r = lookupHost(c.fs, env.network, origin(p as Proc<unknown>), url.host);
  if (!r.ok) {
    if (r.waitMs) {
      s.f.wait = 'resolve';
      s.f.timer = p.setTimer(r.waitMs);
      return;
    }
    return wgetError(p, flavor, 'resolve', gaiError(r.error));
  }
  s.f.ip = r.addresses[0]!;
  if (!s.quiet) {
    if (flavor === 'busybox') {
      // busybox wget.c download_one_url: "Connecting to %s (%s)" host and ip:port
      p.write(2, `Connecting to ${url.host} (${s.f.ip}:${url.port})\n`);
    } else if (url.host === s.f.ip) {
      p.write(2, `Connecting to ${s.f.ip}:${url.port}... `);
    } else {
      // GNU wget src/host.c / connect.c: "Resolving %s (%s)... %s" and "Connecting to %s (%s)|%s|:%d... "
      p.write(2, `Resolving ${url.host} (${url.host})... ${r.addresses.join(', ')}\nConnecting to ${url.host} (${url.host})|${s.f.ip}|:${url.port}... `);
    }
  }
  const headers: [string, string][] = [['Host', hostHeader(url)], ['User-Agent', s.agent], ['Accept', '*/*'], ...s.headers];
  const out = send(p as Proc<unknown>, env, s.f, { method: s.spider ? 'HEAD' : 'GET', host: hostHeader(url), path: url.path, headers });
  if (out) return wgetHandle(p, env, flavor, out);
  s.f.wait = 'reply';
  s.f.timer = p.setTimer(s.timeoutMs);
}

function wgetError(p: Proc<WgetState>, flavor: Flavor, what: 'resolve' | 'timeout' | 'refused' | 'unreachable' | 'reset' | 'closed', detail?: string): void {
  const s = p.state;
  const host = s.f.url.host;
  if (flavor === 'busybox') {
    const msg = {
      // libbb/xconnect.c str2sockaddr: "bad address '%s'"
      resolve: `bad address '${host}'`,
      // busybox wget.c alarm_handler: "download timed out"
      timeout: 'download timed out',
      // libbb/xconnect.c xconnect: "can't connect to remote host (%s)" + strerror
      refused: `can't connect to remote host (${s.f.ip}): Connection refused`,
      unreachable: `can't connect to remote host (${s.f.ip}): No route to host`,
      // busybox wget.c fgets_trim_sanitize: "error getting response"
      reset: 'error getting response: Connection reset by peer',
      closed: 'error getting response',
    }[what];
    p.write(2, `wget: ${msg}\n`);
    return p.exit(1);
  }
  if (what === 'resolve') {
    // GNU wget src/host.c: "failed: %s." then main: "unable to resolve host address %s"
    if (!s.quiet) p.write(2, `Resolving ${host} (${host})... failed: ${detail ?? 'Temporary failure in name resolution'}.\n`);
    p.write(2, `wget: unable to resolve host address '${host}'\n`);
    return p.exit(4);
  }
  const text = { timeout: 'Connection timed out', refused: 'Connection refused', unreachable: 'No route to host', reset: 'Connection reset by peer', closed: 'No data received' }[what];
  // GNU wget src/connect.c: "failed: %s." then retries; refused is final
  if (!s.quiet) p.write(2, what === 'closed' || what === 'reset' ? `connected.\nHTTP request sent, awaiting response... ${text}.\n` : `failed: ${text}.\n`);
  p.exit(4);
}

function wgetHandle(p: Proc<WgetState>, env: CommandEnv, flavor: Flavor, out: HttpOutcome): void {
  const s = p.state;
  if (out.kind === 'timeout') {
    s.f.wait = 'timeout';
    s.f.timer = p.setTimer(Math.min(s.timeoutMs, SYN_TIMEOUT_MS));
    return;
  }
  if (out.kind !== 'response') return wgetError(p, flavor, out.kind);
  const r = out.response;
  const c = ctxOfProc(p as Proc<unknown>);
  if (s.serverResponse && !s.quiet) p.write(2, `  ${statusLine(r)}\n${r.headers.map(([k, v]) => `  ${k}: ${v}\n`).join('')}`);
  if (flavor === 'gnu' && !s.quiet) p.write(2, `connected.\nHTTP request sent, awaiting response... ${r.status} ${r.reason}\n`);
  const location = header(r, 'Location');
  if (location && [301, 302, 303, 307, 308].includes(r.status)) {
    if (++s.redirects > 16) {
      p.write(2, flavor === 'busybox' ? 'wget: too many redirections\n' : '20 redirections exceeded.\n');
      return p.exit(flavor === 'busybox' ? 1 : 8);
    }
    if (flavor === 'gnu' && !s.quiet) p.write(2, `Location: ${location} [following]\n`);
    const u = s.f.url;
    s.urls[0] = /^[a-z]+:\/\//i.test(location) ? location : `${u.scheme}://${hostHeader(u)}${location.startsWith('/') ? '' : '/'}${location}`;
    return next(p, env, flavor);
  }
  if (r.status < 200 || r.status >= 300) {
    if (flavor === 'busybox') {
      // busybox wget.c: "server returned error: %s" with the status line
      p.write(2, `wget: server returned error: ${statusLine(r)}\n`);
      return p.exit(1);
    }
    // GNU wget src/http.c: "%s ERROR %d: %s." with a timestamp
    p.write(2, `${stamp(p.now())} ERROR ${r.status}: ${r.reason}.\n\n`);
    return p.exit(8);
  }
  if (s.spider) {
    // busybox wget.c: "remote file exists"; GNU: "Remote file exists."
    if (!s.quiet) p.write(2, flavor === 'busybox' ? 'remote file exists\n' : 'Remote file exists.\n\n');
    return p.exit(0);
  }
  const toStdout = s.output === '-';
  let file = s.output;
  if (file === undefined) {
    const last = s.f.url.path.split('?')[0]!.split('/').pop();
    file = last || 'index.html';
    if (s.prefix) file = `${s.prefix.replace(/\/+$/, '')}/${file}`;
  }
  const size = r.body.length;
  const dev = toStdout ? undefined : deviceOf(resolvePath(c.cwd, file));
  if (!toStdout && dev !== 'null') {
    const path = resolvePath(c.cwd, file);
    if (flavor === 'busybox' && s.output === undefined && c.fs.exists(path)) {
      // busybox wget.c: opened with O_EXCL unless -O: "can't open '%s': File exists"
      p.write(2, `wget: can't open '${file}': File exists\n`);
      return p.exit(1);
    }
    let target = path;
    if (flavor === 'gnu' && s.output === undefined) {
      // GNU wget never overwrites: index.html.1, index.html.2, ...
      for (let n = 1; c.fs.exists(target); n++) target = `${path}.${n}`;
      file = target.slice(path.length - file.length);
    }
    try {
      c.fs.writeFile(target, r.body);
    } catch (e) {
      p.write(2, flavor === 'busybox' ? `wget: can't open '${file}': ${strerror(errCode(e))}\n` : `${file}: ${strerror(errCode(e))}\n`);
      return p.exit(flavor === 'busybox' ? 1 : 3);
    }
  }
  const ms = out.ms ?? 1;
  if (!s.quiet) {
    const tty = isTerminal(p.describe(2), p.env);
    if (flavor === 'busybox') {
      // wget.c retrieve_file_data + libbb/progress.c bb_progress_update (no tty: no "\r", a newline)
      const name = toStdout ? '-' : file.split('/').pop()!;
      const bar = `|${'*'.repeat(32)}|`;
      p.write(2, `${toStdout ? 'writing to stdout' : `saving to '${file}'`}\n`);
      const line = `${name} 100% ${bar} ${padLeft(bbSize5(size), 5)}  0:00:00 ETA`;
      p.write(2, tty ? `\r${line.replace(name, name.padEnd(20))}\n` : `${line}\n`);
      p.write(2, toStdout ? 'written to stdout\n' : `'${file}' saved\n`);
    } else {
      const type = header(r, 'Content-Type');
      const rate = size / Math.max(ms / 1000, 0.001);
      const rateText = rate >= 1048576 ? `${(rate / 1048576).toFixed(1)} MB/s` : `${(rate / 1024).toFixed(0)} KB/s`;
      p.write(2, `Length: ${size}${type ? ` [${type.split(';')[0]}]` : ''}\nSaving to: '${toStdout ? 'STDOUT' : file}'\n\n`);
      p.write(2, `     0K ${' '.repeat(54)} 100% ${rateText.replace(' MB/s', 'M').replace(' KB/s', 'K')}=0s\n\n`);
      p.write(2, `${stamp(p.now())} (${rateText}) - ${toStdout ? 'written to stdout' : `'${file}' saved`} [${size}/${size}]\n\n`);
    }
  }
  if (toStdout) p.write(1, r.body);
  s.urls.shift();
  if (s.urls.length) return next(p, env, flavor);
  p.exit(0);
}

/** libbb smart_ulltoa5 for the progress line: "  615", " 1234", "12.0k". */
function bbSize5(n: number): string {
  if (n <= 99999) return String(n);
  let v = n * 10;
  let i = 0;
  const units = ' kMGTPEZY';
  do {
    v = Math.floor(v / 1024);
    i++;
  } while (v >= 100000);
  const u = Math.floor(v / 10);
  return u >= 100 ? `${u}${units[i]}` : `${u}.${v % 10}${units[i]}`;
}
