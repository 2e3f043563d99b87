// /usr/sbin/nginx: the command line (src/core/nginx.c ngx_get_options), the master process with
// its workers (src/os/unix/ngx_process_cycle.c), signals (ngx_process.c ngx_signal_handler), binding
// with nginx's five retries (src/core/ngx_connection.c ngx_open_listening_sockets) and serving
// through ./http.ts. The master holds the listening sockets and answers for its workers: the log
// lines name a worker, as the worker that accepted would.
import type { Connection, Proc, Program } from '../../process/program';
import { makeCredentials, memberGroups, resolveUser, type Credentials } from '../../process/credentials';
import type { HttpOutcome } from '../../commands/network';
import type { ProcEvent, SignalName, Vfs } from '../../process/types';
import { signalNumber } from '../../process/types';
import { DEFAULT_SYSTEM, systemOf } from '../../commands/system';
import { DEFAULT_CPU } from '../../../kubelet/node-status';
import { logTime } from '../timefmt';
import { loadConfig, type Listen, type NginxConfig } from './conf';
import { accessLine, handle } from './http';
import { NGINX_VERSION } from './files';

export const NGINX = 'nginx/nginx';
export const NGINX_ALPINE = 'nginx/nginx-alpine';

const CONF = '/etc/nginx/nginx.conf';
const EXE = '/usr/sbin/nginx';
const TITLE = 'nginx: master process ';
const MIB = 1024 * 1024;
// resident sizes of a fresh nginx 1.27 master and worker (ps RSS in the official image)
const MASTER_RSS = 7 * MIB;
const WORKER_RSS = 3 * MIB;
// ngx_open_listening_sockets: tries = 5, ngx_msleep(500)
const BIND_TRIES = 5;
const BIND_RETRY_MS = 500;

interface Master {
  role: 'master';
  conf: string;
  /** -g "daemon off;" or `daemon off;` in the file */
  daemonOff: boolean;
  cfg?: NginxConfig;
  /** ports held (one socket per port; [::] rides along with 0.0.0.0) */
  ports: number[];
  workers: number[];
  /** workers of the previous configuration, told to quit */
  retiring: number[];
  /** ngx_connection_counter: shared by all workers */
  conns: number;
  tries: number;
  quitting?: 'graceful' | 'fast';
}

interface Worker {
  role: 'worker';
  exiting?: boolean;
  /** who the worker becomes when it starts (the `user` directive), if the master is root */
  user?: Credentials;
}

type State = Master | Worker;

/**
 * `built by ...`: NGX_COMPILER, the last line of `gcc -v` (it ends in a space), of debian:bookworm's
 * gcc and of alpine:3.20's (nginx:1.27.3-alpine's base).
 */
const COMPILERS: Record<string, string> = {
  [NGINX]: 'gcc 12.2.0 (Debian 12.2.0-14) ',
  [NGINX_ALPINE]: 'gcc 13.2.1 20240309 (Alpine 13.2.1_git20240309) ',
};

// docker-nginx Dockerfile: `ln -sf /dev/stdout /var/log/nginx/access.log` and `ln -sf /dev/stderr
// /var/log/nginx/error.log` in an image layer. A volume mounted over /var/log/nginx hides the links:
// nginx then opens (creating) plain files there, and `kubectl logs` no longer shows those lines.
const ACCESS_LOG = '/var/log/nginx/access.log';
const ERROR_LOG = '/var/log/nginx/error.log';

/** Whether a mount hides the image's log links (the Vfs of a container tells where a path leads). */
function logLinksHidden(fs: Vfs): boolean {
  const mountAt = (fs as { mountAt?: (path: string) => unknown }).mountAt;
  return mountAt !== undefined && mountAt.call(fs, ACCESS_LOG) !== undefined;
}

/** Append to a log file; a file that cannot be opened gets nothing (nginx said so at start-up). */
function appendLog(fs: Vfs, path: string, line: string): void {
  try {
    fs.appendFile(path, line);
  } catch {
    // the directory is missing or read-only
  }
}

/** `2026/11/21 12:00:05 [notice] 1#1: msg` (ngx_log_error_core: time, level, pid#tid). */
function log(p: Proc<unknown>, level: string, msg: string, pid = p.pid): void {
  const line = `${logTime(p.now())} [${level}] ${pid}#${pid}: ${msg}\n`;
  if (logLinksHidden(p.fs)) appendLog(p.fs, ERROR_LOG, line);
  else p.write(2, line);
}

/**
 * Before start-up is over nginx also writes what is worse than a warning to stderr with the
 * "nginx: " prefix (ngx_log_error_core, ngx_use_stderr): docker's error.log is a symlink to
 * /dev/stderr, so both lines show in `kubectl logs`.
 */
function startupError(p: Proc<unknown>, level: string, msg: string): void {
  log(p, level, msg);
  p.write(2, `nginx: [${level}] ${msg}\n`);
}

interface Options {
  conf: string;
  test?: boolean;
  version?: boolean;
  signal?: string;
  directives: string;
}

/** ngx_get_options; undefined after printing the complaint. */
function parseOptions(p: Proc<unknown>, argv: readonly string[]): Options | undefined {
  const o: Options = { conf: CONF, directives: '' };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('-') || a.length < 2) {
      p.write(2, `nginx: invalid option: "${a}"\n`);
      return undefined;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      if (c === 'v' || c === 'V') o.version = true;
      else if (c === 't' || c === 'T') o.test = true;
      else if (c === 'q') continue;
      else if (c === 's' || c === 'c' || c === 'g' || c === 'p' || c === 'e') {
        const val = a.slice(j + 1) || argv[++i];
        if (val === undefined) {
          p.write(2, `nginx: option "-${c}" requires ${c === 's' ? 'signal name' : c === 'c' ? 'file name' : c === 'g' ? 'parameter' : 'directory name'}\n`);
          return undefined;
        }
        if (c === 's') {
          if (!['stop', 'quit', 'reopen', 'reload'].includes(val)) {
            p.write(2, `nginx: invalid option: "-s ${val}"\n`);
            return undefined;
          }
          o.signal = val;
        } else if (c === 'c') o.conf = val.startsWith('/') ? val : `/etc/nginx/${val}`;
        else if (c === 'g') o.directives += val;
        break;
      } else {
        p.write(2, `nginx: invalid option: "${a.slice(j)}"\n`);
        return undefined;
      }
    }
  }
  return o;
}

/** The original command line back from the master's title (setproctitle keeps it after the prefix). */
function optionsFromTitle(title: string): { conf: string; directives: string } {
  const words = title.slice(TITLE.length).split(' ').slice(1);
  let conf = CONF;
  let directives = '';
  for (let i = 0; i < words.length; i++) {
    if (words[i] === '-c' && words[i + 1]) conf = words[++i]!;
    else if (words[i] === '-g') {
      const parts: string[] = [];
      while (words[i + 1] !== undefined && !words[i + 1]!.startsWith('-')) parts.push(words[++i]!);
      directives += parts.join(' ');
    }
  }
  return { conf, directives };
}

function cpus(p: Proc<unknown>): number {
  try {
    const n = (p.fs.readFile('/proc/cpuinfo').match(/^processor\s*:/gm) ?? []).length;
    if (n) return n;
  } catch {
    // no /proc/cpuinfo in this container: the node's CPUs
  }
  return Number(DEFAULT_CPU);
}

function addrOf(l: Listen): string {
  return `${l.addr}:${l.port}`;
}

const ERRNO_TEXT = { EADDRINUSE: '98: Address already in use', EADDRNOTAVAIL: '99: Cannot assign requested address', EACCES: '13: Permission denied' };

export function nginxProgram(build: string): Program<State> {
  const compiler = COMPILERS[build]!;

  /** ngx_open_listening_sockets: one try over every listen; the ports newly bound, or undefined (nothing kept) on a failure. */
  function bind(p: Proc<State>, m: Master, cfg: NginxConfig, onFail: (msg: string) => void): number[] | undefined {
    const held = new Set(m.ports);
    const added: number[] = [];
    const seen = new Set<string>();
    const failedPorts = new Map<number, string>();
    let ok = true;
    for (const s of cfg.servers) {
      for (const l of s.listens) {
        if (seen.has(addrOf(l))) continue;
        seen.add(addrOf(l));
        let err = failedPorts.get(l.port);
        if (err === undefined && !held.has(l.port) && !added.includes(l.port)) {
          const host = l.addr === '0.0.0.0' || l.addr.startsWith('[') ? '' : l.addr;
          const e = p.listen(l.port, host);
          if (e) failedPorts.set(l.port, (err = ERRNO_TEXT[e]));
          else added.push(l.port);
        }
        if (err) {
          ok = false;
          onFail(`bind() to ${addrOf(l)} failed (${err})`);
        }
      }
    }
    if (ok) return added;
    for (const port of added) p.unlisten(port);
    return undefined;
  }

  function notices(p: Proc<State>): void {
    log(p, 'notice', 'using the "epoll" event method');
    log(p, 'notice', `nginx/${NGINX_VERSION}`);
    log(p, 'notice', `built by ${compiler}`);
    log(p, 'notice', `OS: Linux ${systemOf(p.fs, DEFAULT_SYSTEM).kernelRelease}`);
    // the container's open-files limit (containerd's default LimitNOFILE)
    log(p, 'notice', 'getrlimit(RLIMIT_NOFILE): 1048576:1048576');
  }

  function startWorkers(p: Proc<State>, m: Master, cfg: NginxConfig): void {
    log(p, 'notice', 'start worker processes');
    const n = cfg.workers === 'auto' ? cpus(p) : cfg.workers;
    const user = workerUser(p, cfg);
    for (let i = 0; i < n; i++) {
      const pid = p.fork({ state: user ? { role: 'worker', user } : { role: 'worker' }, argv: ['nginx: worker process'] });
      m.workers.push(pid);
      log(p, 'notice', `start worker process ${pid}`);
    }
  }

  /**
   * The workers' credentials: the `user` directive's, looked up when the master runs as root
   * (src/core/nginx.c ngx_set_user; otherwise the directive is ignored and workers stay who the
   * master is).
   */
  function workerUser(p: Proc<State>, cfg: NginxConfig): Credentials | undefined {
    if (p.cred.uid !== 0) return undefined;
    const who = resolveUser(p.fs, `${cfg.user.name}:${cfg.user.group}`);
    if ('error' in who) return undefined;
    return makeCredentials(who.uid, who.gid, memberGroups(p.fs, who.name, who.gid));
  }

  /** First try to bind, and the retries 500 ms apart. */
  function tryBind(p: Proc<State>): void {
    const m = p.state as Master;
    const cfg = m.cfg!;
    m.tries++;
    const added = bind(p, m, cfg, (msg) => startupError(p, 'emerg', msg));
    if (!added) {
      if (m.tries < BIND_TRIES) {
        log(p, 'notice', `try again to bind() after ${BIND_RETRY_MS}ms`);
        p.setTimer(BIND_RETRY_MS);
        return;
      }
      startupError(p, 'emerg', 'still could not bind()');
      return p.exit(1);
    }
    m.ports = added;
    notices(p);
    if (!m.daemonOff) {
      // daemon on: the foreground process exits 0 once the daemon is forked (ngx_daemon), which
      // for PID 1 ends the container
      return p.exit(0);
    }
    writePid(p, cfg.pid);
    startWorkers(p, m, cfg);
  }

  function writePid(p: Proc<State>, path: string): void {
    try {
      p.fs.writeFile(path, `${p.pid}\n`);
    } catch {
      // src/core/ngx_cycle.c ngx_create_pidfile
      log(p, 'emerg', `open() "${path}" failed (2: No such file or directory)`);
    }
  }

  /**
   * src/os/unix/ngx_process.c ngx_signal_handler: "from %P" only when siginfo names a sender (si_pid):
   * an `nginx -s` or a `kill` in the namespace; none when the runtime stops the container.
   */
  function received(p: Proc<State>, sig: SignalName, from: number | undefined, action: string): void {
    log(p, 'notice', `signal ${signalNumber(sig)} (SIG${sig}) received${from ? ` from ${from}` : ''}${action}`);
  }

  function shutdown(p: Proc<State>, m: Master, how: 'graceful' | 'fast'): void {
    m.quitting = how;
    for (const port of m.ports) p.unlisten(port);
    m.ports = [];
    for (const w of [...m.workers, ...m.retiring]) p.kill(w, how === 'graceful' ? 'QUIT' : 'TERM');
    finishIfDone(p, m);
  }

  function finishIfDone(p: Proc<State>, m: Master): void {
    if (!m.quitting || m.workers.length || m.retiring.length) return;
    log(p, 'notice', 'exit');
    if (m.cfg) p.fs.rm(m.cfg.pid, { force: true });
    p.exit(0);
  }

  function reload(p: Proc<State>, m: Master): void {
    log(p, 'notice', 'reconfiguring');
    const r = loadConfig(p.fs, m.conf);
    if (!r.ok) return log(p, 'emerg', r.error);
    const cfg = r.config;
    const wanted = new Set(cfg.servers.flatMap((s) => s.listens.map((l) => l.port)));
    // sockets of ports still configured are inherited; only new ones are bound
    const keep = m.ports.filter((port) => wanted.has(port));
    const added = bind(p, { ...m, ports: keep }, cfg, (msg) => log(p, 'emerg', msg));
    if (!added) return;
    for (const port of m.ports) if (!wanted.has(port)) p.unlisten(port);
    m.ports = [...keep, ...added];
    m.cfg = cfg;
    log(p, 'notice', 'using the "epoll" event method');
    const old = m.workers;
    m.workers = [];
    startWorkers(p, m, cfg);
    m.retiring.push(...old);
    for (const w of old) p.kill(w, 'QUIT');
  }

  function masterSignal(p: Proc<State>, m: Master, sig: SignalName, from: number | undefined): void {
    switch (sig) {
      case 'QUIT':
        received(p, sig, from, ', shutting down');
        return shutdown(p, m, 'graceful');
      case 'TERM':
      case 'INT':
        received(p, sig, from, ', exiting');
        return shutdown(p, m, 'fast');
      case 'HUP':
        received(p, sig, from, ', reconfiguring');
        return reload(p, m);
      case 'USR1':
        received(p, sig, from, ', reopening logs');
        return log(p, 'notice', 'reopening logs');
      default:
    }
  }

  function workerEvent(p: Proc<State>, ev: ProcEvent): void {
    if (ev.type === 'forked') {
      // src/os/unix/ngx_process_cycle.c ngx_worker_process_init: setgid, initgroups, setuid
      const w = p.state as Worker;
      if (w.user) p.setCredentials(w.user);
      p.state = { role: 'worker' };
      for (const s of ['QUIT', 'TERM', 'INT', 'HUP', 'USR1'] as const) p.setSignal(s, 'catch');
      p.setRss(WORKER_RSS);
      return;
    }
    // ngx_worker_process_cycle: the loop notices the signal, finishes the requests in flight
    // (none: requests are answered at once) and exits on its next turn
    if (ev.type === 'timer') {
      log(p, 'notice', 'exiting');
      log(p, 'notice', 'exit');
      return p.exit(0);
    }
    const w = p.state as Worker;
    if (ev.type !== 'signal' || !['QUIT', 'TERM', 'INT'].includes(ev.signal) || w.exiting) return;
    if (ev.signal === 'QUIT') log(p, 'notice', 'gracefully shutting down');
    p.state = { role: 'worker', exiting: true };
    p.setTimer(0);
  }

  /** `nginx -s reload|quit|stop|reopen`: ngx_signal_process reads the pid file and kills. */
  function signalProcess(p: Proc<State>, o: Options): void {
    const r = loadConfig(p.fs, o.conf);
    if (!r.ok) {
      startupError(p, 'emerg', r.error);
      return p.exit(1);
    }
    log(p, 'notice', 'signal process started');
    let text: string;
    try {
      text = p.fs.readFile(r.config.pid);
    } catch {
      startupError(p, 'error', `open() "${r.config.pid}" failed (2: No such file or directory)`);
      return p.exit(1);
    }
    const pid = Number(text.trim());
    const sig: SignalName = ({ stop: 'TERM', quit: 'QUIT', reopen: 'USR1', reload: 'HUP' } as const)[o.signal as 'stop'];
    if (!Number.isInteger(pid) || pid <= 0) {
      startupError(p, 'emerg', `invalid PID number "${text.trim()}" in "${r.config.pid}"`);
      return p.exit(1);
    }
    if (!p.kill(pid, sig)) {
      startupError(p, 'alert', `kill(${pid}, ${signalNumber(sig)}) failed (3: No such process)`);
      return p.exit(1);
    }
    // src/core/nginx.c main: ngx_signal_process, then exit; the master's siginfo keeps the sender's pid
    p.exit(0);
  }

  /** -t: ngx_init_cycle with ngx_test_config, the two verdict lines. */
  function testConfig(p: Proc<State>, o: Options): void {
    const r = loadConfig(p.fs, o.conf);
    if (!r.ok) {
      startupError(p, 'emerg', r.error);
      p.write(2, `nginx: configuration file ${o.conf} test failed\n`);
      return p.exit(1);
    }
    p.write(2, `nginx: the configuration file ${o.conf} syntax is ok\nnginx: configuration file ${o.conf} test is successful\n`);
    p.exit(0);
  }

  return {
    kind: 'program',
    start(p) {
      const title = p.argv[0] ?? '';
      if (!title.startsWith(TITLE)) {
        const o = parseOptions(p, p.argv);
        if (!o) return p.exit(1);
        if (o.version) {
          p.write(2, `nginx version: nginx/${NGINX_VERSION}\n`);
          if (!o.test) return p.exit(0);
        }
        if (o.test) return testConfig(p, o);
        if (o.signal) return signalProcess(p, o);
        // ngx_master_process_cycle: setproctitle("master process " + argv), which ps shows
        const err = p.exec({ path: EXE, argv: [TITLE + p.argv.join(' ')], env: p.env });
        if (err) p.exit(1);
        return;
      }
      const o = optionsFromTitle(title);
      const m: Master = { role: 'master', conf: o.conf, daemonOff: false, ports: [], workers: [], retiring: [], conns: 0, tries: 0 };
      p.state = m;
      for (const s of ['QUIT', 'TERM', 'INT', 'HUP', 'USR1'] as const) p.setSignal(s, 'catch');
      p.setRss(MASTER_RSS);
      const r = loadConfig(p.fs, m.conf);
      if (!r.ok) {
        startupError(p, 'emerg', r.error);
        return p.exit(1);
      }
      m.cfg = r.config;
      // ngx_init_cycle opens (creates) the log files; through the image's links that is the terminal
      if (logLinksHidden(p.fs)) for (const f of [ERROR_LOG, ACCESS_LOG]) appendLog(p.fs, f, '');
      m.daemonOff = !r.config.daemon || /(^|;)\s*daemon\s+off\s*;/.test(o.directives);
      tryBind(p);
    },
    event(p, ev) {
      const s = p.state;
      if (ev.type === 'forked' || s.role === 'worker') return workerEvent(p, ev);
      if (ev.type === 'timer') return tryBind(p);
      if (ev.type === 'signal') return masterSignal(p, s, ev.signal, ev.from);
      if (ev.type === 'child') {
        log(p, 'notice', `signal 17 (SIGCHLD) received from ${ev.pid}`);
        log(p, 'notice', `worker process ${ev.pid} exited with code ${ev.status.code}`);
        s.workers = s.workers.filter((w) => w !== ev.pid);
        s.retiring = s.retiring.filter((w) => w !== ev.pid);
        finishIfDone(p, s);
      }
    },
    serve(p, conn: Connection): HttpOutcome {
      const m = p.state as Master;
      // a bare TCP connect (tcpSocket probe): nginx waits for a request that never comes, then closes
      if (!conn.request || !m.cfg || !m.workers.length) return { kind: 'closed' };
      const n = ++m.conns;
      const worker = m.workers[(n - 1) % m.workers.length]!;
      const served = handle(m.cfg, p.fs, conn.request, conn.localPort, p.now());
      if (served.error) log(p, 'error', `*${n} ${served.error.replace('%CLIENT%', conn.remoteIp)}`, worker);
      const dest = served.server?.accessLog === undefined ? m.cfg.accessLog : served.server.accessLog;
      if (dest) writeAccess(p, dest, accessLine(conn.remoteIp, conn.request, served.response, p.now()));
      return { kind: 'response', response: served.response };
    },
  };
}

/** docker-nginx links /var/log/nginx/access.log to /dev/stdout (unless a mount hides it); any other path is a file. */
function writeAccess(p: Proc<State>, path: string, line: string): void {
  if (path === '/dev/stdout' || (path === ACCESS_LOG && !logLinksHidden(p.fs))) {
    p.write(1, line);
    return;
  }
  appendLog(p.fs, path, line);
}
