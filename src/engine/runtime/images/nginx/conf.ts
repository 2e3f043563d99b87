// nginx's configuration, read the way nginx reads it: tokens, directives ending in `;`, blocks in
// braces, `include` with globs (src/core/ngx_conf_file.c ngx_conf_parse, ngx_conf_read_token). What
// Podlab acts on: worker_processes, pid, daemon, types/default_type, access_log, and per server
// listen, server_name, root, index, location (=, ^~ and prefix) and return. Every other known
// directive is accepted and has no effect; an unknown one is the error nginx reports.
import type { Vfs } from '../../process/types';

export interface Listen {
  /** '0.0.0.0', '[::]' or an address */
  addr: string;
  port: number;
}

export interface Location {
  /** `=` exact, `^~` or '' prefix, `~`/`~*` regex (parsed, never matched here) */
  modifier: '' | '=' | '^~' | '~' | '~*';
  path: string;
  root?: string;
  index?: string[];
  ret?: { code: number; text?: string };
}

export interface Server {
  listens: Listen[];
  names: string[];
  root: string;
  index: string[];
  locations: Location[];
  ret?: { code: number; text?: string };
  /** undefined: the http level's */
  accessLog?: string | null;
}

export interface NginxConfig {
  file: string;
  /** 'auto' or a count */
  workers: number | 'auto';
  /** `user name [group];` for the workers (default: the build's --user=nginx --group=nginx) */
  user: { name: string; group: string };
  pid: string;
  daemon: boolean;
  /** extension → MIME type */
  types: Record<string, string>;
  defaultType: string;
  /** the access log of the http block: a path, or null for `access_log off` */
  accessLog: string | null;
  servers: Server[];
}

export type ConfResult = { ok: true; config: NginxConfig } | { ok: false; error: string };

interface Directive {
  name: string;
  args: string[];
  file: string;
  line: number;
  block?: Directive[];
}

class ConfError extends Error {}

// The directives nginx's default modules know (a subset: the ones configs in courses use). Block
// directives are marked. src/http/ngx_http_core_module.c and friends.
const BLOCKS = new Set(['events', 'http', 'server', 'location', 'types', 'upstream', 'stream', 'map', 'if', 'limit_except', 'geo', 'split_clients']);
const KNOWN = new Set([
  ...BLOCKS, 'user', 'worker_processes', 'error_log', 'pid', 'daemon', 'worker_connections', 'worker_rlimit_nofile', 'include',
  'default_type', 'log_format', 'access_log', 'sendfile', 'tcp_nopush', 'tcp_nodelay', 'keepalive_timeout', 'gzip', 'gzip_types',
  'listen', 'server_name', 'root', 'alias', 'index', 'error_page', 'return', 'rewrite', 'try_files', 'autoindex', 'add_header',
  'proxy_pass', 'proxy_set_header', 'proxy_http_version', 'proxy_read_timeout', 'proxy_connect_timeout', 'fastcgi_pass',
  'fastcgi_index', 'fastcgi_param', 'deny', 'allow', 'expires', 'charset', 'client_max_body_size', 'server_tokens',
  'ssl_certificate', 'ssl_certificate_key', 'ssl_protocols', 'resolver', 'set', 'stub_status', 'internal', 'multi_accept',
  'use', 'types_hash_max_size', 'server_names_hash_bucket_size', 'absolute_redirect', 'port_in_redirect', 'etag', 'load_module',
]);

/** Read and check the configuration starting at `file` (-c, default /etc/nginx/nginx.conf). */
export function loadConfig(fs: Vfs, file: string): ConfResult {
  try {
    const top = parseFile(fs, file);
    return { ok: true, config: build(file, top) };
  } catch (e) {
    if (e instanceof ConfError) return { ok: false, error: e.message };
    throw e;
  }
}

function readConf(fs: Vfs, path: string): string {
  try {
    return fs.readFile(path);
  } catch {
    // src/core/ngx_conf_file.c ngx_conf_parse: ngx_open_file failed
    throw new ConfError(`open() "${path}" failed (2: No such file or directory)`);
  }
}

function parseFile(fs: Vfs, file: string): Directive[] {
  const text = readConf(fs, file);
  return parseBlock(fs, file, text, { i: 0, line: 1 }, false);
}

/** Directives up to the closing brace (inBlock) or the end of the file. */
function parseBlock(fs: Vfs, file: string, text: string, at: { i: number; line: number }, inBlock: boolean, raw = false): Directive[] {
  const out: Directive[] = [];
  let words: string[] = [];
  let wordLine = at.line;
  const where = () => `in ${file}:${at.line}`;
  for (;;) {
    const tok = nextToken(text, at);
    if (tok === undefined) {
      // ngx_conf_read_token at end of file
      if (words.length) throw new ConfError(`unexpected end of file, expecting ";" or "}" ${where()}`);
      if (inBlock) throw new ConfError(`unexpected end of file, expecting "}" ${where()}`);
      return out;
    }
    if (tok.quoted === false && (tok.text === ';' || tok.text === '{' || tok.text === '}')) {
      if (tok.text === '}') {
        if (words.length) throw new ConfError(`unexpected "}" ${where()}`);
        if (!inBlock) throw new ConfError(`unexpected "}" ${where()}`);
        return out;
      }
      if (!words.length) throw new ConfError(`unexpected "${tok.text}" ${where()}`);
      const [name, ...args] = words;
      const d: Directive = { name: name!, args, file, line: wordLine };
      // ngx_conf_handler: unknown directive, then the block/terminator check
      // inside types and map blocks the lines are data, not directives
      if (!raw && !KNOWN.has(d.name)) throw new ConfError(`unknown directive "${d.name}" in ${file}:${d.line}`);
      if (tok.text === '{') {
        if (raw || !BLOCKS.has(d.name)) throw new ConfError(`directive "${d.name}" is not terminated by ";" in ${file}:${d.line}`);
        d.block = parseBlock(fs, file, text, at, true, d.name === 'types' || d.name === 'map');
      } else if (!raw && BLOCKS.has(d.name)) {
        throw new ConfError(`directive "${d.name}" has no opening "{" in ${file}:${d.line}`);
      }
      if (!raw && d.name === 'include' && d.args.length === 1) out.push(...includeFiles(fs, d.args[0]!));
      else out.push(d);
      words = [];
      continue;
    }
    if (!words.length) wordLine = at.line;
    words.push(tok.text);
  }
}

/** ngx_conf_include: a glob matches any number of files (sorted), a plain path must exist. */
function includeFiles(fs: Vfs, pattern: string): Directive[] {
  const path = pattern.startsWith('/') ? pattern : `/etc/nginx/${pattern}`;
  if (!/[*?[]/.test(path)) return parseFile(fs, path);
  const dir = path.slice(0, path.lastIndexOf('/')) || '/';
  const re = new RegExp(`^${path.slice(dir.length + 1).replace(/[.+^${}()|\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  let names: string[];
  try {
    names = fs.readdir(dir);
  } catch {
    return [];
  }
  const out: Directive[] = [];
  for (const n of names.filter((x) => re.test(x) && !x.startsWith('.')).sort()) {
    if (fs.stat(`${dir}/${n}`).type === 'file') out.push(...parseFile(fs, `${dir}/${n}`));
  }
  return out;
}

function nextToken(text: string, at: { i: number; line: number }): { text: string; quoted: boolean } | undefined {
  for (;;) {
    while (at.i < text.length && /\s/.test(text[at.i]!)) if (text[at.i++] === '\n') at.line++;
    if (at.i >= text.length) return undefined;
    if (text[at.i] === '#') {
      while (at.i < text.length && text[at.i] !== '\n') at.i++;
      continue;
    }
    break;
  }
  const c = text[at.i]!;
  if (c === ';' || c === '{' || c === '}') {
    at.i++;
    return { text: c, quoted: false };
  }
  if (c === '"' || c === "'") {
    let s = '';
    at.i++;
    while (at.i < text.length && text[at.i] !== c) {
      if (text[at.i] === '\\' && at.i + 1 < text.length) at.i++;
      if (text[at.i] === '\n') at.line++;
      s += text[at.i++];
    }
    at.i++;
    return { text: s, quoted: true };
  }
  let s = '';
  while (at.i < text.length && !/[\s;{}]/.test(text[at.i]!)) s += text[at.i++];
  return { text: s, quoted: false };
}

function need(d: Directive, min: number, max = min): void {
  // ngx_conf_handler: NGX_CONF_TAKE* argument counts
  if (d.args.length < min || d.args.length > max) throw new ConfError(`invalid number of arguments in "${d.name}" directive in ${d.file}:${d.line}`);
}

function build(file: string, top: Directive[]): NginxConfig {
  const cfg: NginxConfig = {
    // docker-nginx builds with --user=nginx --group=nginx (src/core/nginx.c ngx_core_module_init_conf: NGX_USER, NGX_GROUP)
    file, workers: 1, user: { name: 'nginx', group: 'nginx' }, pid: '/usr/local/nginx/logs/nginx.pid', daemon: true, types: {}, defaultType: 'text/plain', accessLog: '/var/log/nginx/access.log', servers: [],
  };
  for (const d of top) {
    if (d.name === 'worker_processes') {
      need(d, 1);
      const v = d.args[0]!;
      if (v !== 'auto' && !/^\d+$/.test(v)) throw new ConfError(`invalid value "${v}" in ${d.file}:${d.line}`);
      cfg.workers = v === 'auto' ? 'auto' : Number(v);
    } else if (d.name === 'user') {
      // src/core/nginx.c ngx_set_user: the group defaults to the user's name
      need(d, 1, 2);
      cfg.user = { name: d.args[0]!, group: d.args[1] ?? d.args[0]! };
    } else if (d.name === 'pid') {
      need(d, 1);
      cfg.pid = d.args[0]!;
    } else if (d.name === 'daemon') {
      need(d, 1);
      cfg.daemon = d.args[0] !== 'off';
    } else if (d.name === 'http') {
      buildHttp(cfg, d.block ?? []);
    }
  }
  return cfg;
}

function buildHttp(cfg: NginxConfig, block: Directive[]): void {
  for (const d of block) {
    if (d.name === 'types') for (const t of d.block ?? []) for (const ext of t.args) cfg.types[ext] = t.name;
    else if (d.name === 'default_type') {
      need(d, 1);
      cfg.defaultType = d.args[0]!;
    } else if (d.name === 'access_log') cfg.accessLog = accessLogOf(d);
    else if (d.name === 'server') cfg.servers.push(buildServer(d.block ?? []));
  }
}

function accessLogOf(d: Directive): string | null {
  need(d, 1, 4);
  return d.args[0] === 'off' ? null : d.args[0]!;
}

function buildServer(block: Directive[]): Server {
  const s: Server = { listens: [], names: [''], root: 'html', index: ['index.html'], locations: [] };
  for (const d of block) {
    switch (d.name) {
      case 'listen':
        need(d, 1, 10);
        s.listens.push(parseListen(d));
        break;
      case 'server_name':
        need(d, 1, 100);
        s.names = d.args;
        break;
      case 'root':
        need(d, 1);
        s.root = d.args[0]!;
        break;
      case 'index':
        need(d, 1, 100);
        s.index = d.args;
        break;
      case 'return':
        s.ret = returnOf(d);
        break;
      case 'access_log':
        s.accessLog = accessLogOf(d);
        break;
      case 'location':
        s.locations.push(buildLocation(d));
        break;
    }
  }
  // ngx_http_core_merge_srv_conf: no listen means *:80 (as root)
  if (!s.listens.length) s.listens.push({ addr: '0.0.0.0', port: 80 });
  return s;
}

function buildLocation(d: Directive): Location {
  need(d, 1, 2);
  const [a, b] = d.args;
  const modifier = (b === undefined ? '' : a) as Location['modifier'];
  if (!['', '=', '^~', '~', '~*'].includes(modifier)) throw new ConfError(`invalid location modifier "${a}" in ${d.file}:${d.line}`);
  const loc: Location = { modifier, path: (b ?? a)! };
  for (const x of d.block ?? []) {
    if (x.name === 'root') {
      need(x, 1);
      loc.root = x.args[0]!;
    } else if (x.name === 'index') {
      need(x, 1, 100);
      loc.index = x.args;
    } else if (x.name === 'return') loc.ret = returnOf(x);
  }
  return loc;
}

function returnOf(d: Directive): { code: number; text?: string } {
  need(d, 1, 2);
  const [a, b] = d.args;
  // ngx_http_rewrite_return: `return URL` is a 302
  if (!/^\d+$/.test(a!)) return { code: 302, text: a };
  const code = Number(a);
  if (code > 999) throw new ConfError(`invalid return code "${a}" in ${d.file}:${d.line}`);
  return b === undefined ? { code } : { code, text: b };
}

/** ngx_http_core_listen / ngx_parse_url: `80`, `8080 default_server`, `127.0.0.1:8080`, `[::]:80`. */
function parseListen(d: Directive): Listen {
  const v = d.args[0]!;
  const six = /^\[([0-9a-fA-F:]*)\](?::(\d+))?$/.exec(v);
  if (six) return { addr: `[${six[1]}]`, port: port(d, six[2] ?? '80', v) };
  if (/^\d+$/.test(v)) return { addr: '0.0.0.0', port: port(d, v, v) };
  const m = /^([^:]+)(?::(\d+))?$/.exec(v);
  if (!m) throw new ConfError(`invalid port in "${v}" of the "listen" directive in ${d.file}:${d.line}`);
  const host = m[1] === '*' || m[1] === 'localhost' ? (m[1] === '*' ? '0.0.0.0' : '127.0.0.1') : m[1]!;
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(host)) throw new ConfError(`host not found in "${v}" of the "listen" directive in ${d.file}:${d.line}`);
  return { addr: host, port: port(d, m[2] ?? '80', v) };
}

function port(d: Directive, p: string, v: string): number {
  const n = Number(p);
  if (!/^\d+$/.test(p) || n < 1 || n > 65535) throw new ConfError(`invalid port in "${v}" of the "listen" directive in ${d.file}:${d.line}`);
  return n;
}
