// redis-server 7.4 as the official image runs it (docker-library/redis 7.4): the start-up log
// without a config file (src/server.c main, serverLog with "pid:role time level msg"), a TCP server
// on 6379 (or --port / `port` in a config file), and the shutdown SIGTERM/SIGINT schedule
// (src/server.c sigShutdownHandler, prepareForShutdown) which saves dump.rdb and exits 0.
// Redis speaks RESP, not HTTP: an HTTP request is the cross-protocol attack it refuses.
import type { Connection, Proc, Program } from '../process/program';
import type { HttpOutcome } from '../commands/network';
import { redisLogTime } from './timefmt';

export const REDIS_SERVER = 'redis/redis-server';

// docker-library/redis 7.4 debian/docker-entrypoint.sh: root drops to the redis user through
// gosu, less the `find . \! -user redis -exec chown redis '{}' +` before it (Podlab's files have
// no owners to change)
export const REDIS_ENTRYPOINT = entrypoint(`
# allow the container to be started with \`--user\`
if [ "$1" = 'redis-server' -a "$(id -u)" = '0' ]; then
	exec gosu redis "$0" "$@"
fi
`);

// alpine/docker-entrypoint.sh drops root with su-exec, which Podlab's alpine variant lacks: it
// keeps the rest of the script and runs redis-server as root
export const REDIS_ALPINE_ENTRYPOINT = entrypoint('');

function entrypoint(dropRoot: string): string {
  return `#!/bin/sh
set -e

# first arg is \`-f\` or \`--some-option\`
# or first arg is \`something.conf\`
if [ "\${1#-}" != "$1" ] || [ "\${1%.conf}" != "$1" ]; then
	set -- redis-server "$@"
fi
${dropRoot}
# set an appropriate umask (if one isn't set already)
um="$(umask)"
if [ "$um" = '0022' ]; then
	umask 0077
fi

exec "$@"
`;
}
export const REDIS_VERSION = '7.4.1';

// a fresh redis-server's resident set (INFO memory used_memory_rss, approximately)
const RSS = 4 * 1024 * 1024;

interface State {
  port: number;
  /** the working directory dump.rdb goes to (the image's WORKDIR /data) */
  dir: string;
  save: boolean;
  shuttingDown?: boolean;
}

/** `1:M 21 Nov 2026 12:00:05.123 * msg`: pid, role (C before the server runs, M master), level mark. */
function log(p: Proc<unknown>, role: 'C' | 'M', level: '*' | '#' | '.', msg: string): void {
  p.write(1, `${p.pid}:${role} ${redisLogTime(p.now())} ${level} ${msg}\n`);
}

/** The arguments: an optional config file, then `--name value` pairs (src/config.c loadServerConfig). */
function parseArgs(p: Proc<State>): { port: number; save: boolean; file?: string; error?: string } {
  const args = p.argv.slice(1);
  let port = 6379;
  let save = true;
  let file: string | undefined;
  if (args[0] && !args[0].startsWith('--')) {
    file = args.shift()!;
    let text: string;
    try {
      text = p.fs.readFile(file.startsWith('/') ? file : `${p.cwd}/${file}`);
    } catch {
      // src/config.c loadServerConfig
      return { port, save, file, error: `Fatal error, can't open config file '${file}': No such file or directory` };
    }
    for (const line of text.split('\n')) {
      const [k, v] = line.trim().split(/\s+/);
      if (k === 'port' && v) port = Number(v);
      if (k === 'save' && (v === '""' || v === "''")) save = false;
    }
  }
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port' && args[i + 1]) port = Number(args[++i]);
    else if (args[i] === '--save') {
      // `--save ""` turns RDB snapshots off
      const v = args[++i];
      save = v !== undefined && v !== '' && v !== '""';
    }
  }
  return { port, save, file };
}

export const redisServer: Program<State> = {
  kind: 'program',
  start(p) {
    const a = parseArgs(p);
    p.state = { port: a.port, dir: p.cwd, save: a.save };
    if (a.error) {
      p.write(2, `\n*** FATAL CONFIG FILE ERROR (Redis ${REDIS_VERSION}) ***\n${a.error}\n`);
      return p.exit(1);
    }
    for (const s of ['TERM', 'INT'] as const) p.setSignal(s, 'catch');
    p.setRss(RSS);
    log(p, 'C', '*', 'oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo');
    log(p, 'C', '*', `Redis version=${REDIS_VERSION}, bits=64, commit=00000000, modified=0, pid=${p.pid}, just started`);
    if (a.file) log(p, 'C', '*', 'Configuration loaded');
    else log(p, 'C', '#', 'Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf');
    log(p, 'M', '*', 'monotonic clock: POSIX clock_gettime');
    // src/server.c listenToPort: both wildcard addresses, then give up
    if (p.listen(a.port)) {
      log(p, 'M', '#', `Warning: Could not create server TCP listening socket *:${a.port}: bind: Address already in use`);
      log(p, 'M', '#', `Failed listening on port ${a.port} (tcp), aborting.`);
      return p.exit(1);
    }
    log(p, 'M', '*', `Running mode=standalone, port=${a.port}.`);
    log(p, 'M', '*', 'Server initialized');
    log(p, 'M', '*', 'Ready to accept connections tcp');
  },
  event(p, ev) {
    if (ev.type === 'timer') return shutdown(p);
    if (ev.type !== 'signal' || p.state.shuttingDown) return;
    // sigShutdownHandler logs from the handler (no role or level); serverCron (hz 10) shuts down
    p.write(1, `${p.pid}:signal-handler (${Math.floor(p.now() / 1000)}) Received SIG${ev.signal} scheduling shutdown...\n`);
    p.state.shuttingDown = true;
    p.setTimer(100);
  },
  serve(p, conn: Connection): HttpOutcome {
    // an HTTP request's Host: line is refused as cross-protocol scripting (src/server.c securityWarningCommand)
    if (conn.request) {
      log(p, 'M', '#', 'Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection aborted.');
    }
    return { kind: 'closed' };
  },
};

/** The shutdown serverCron runs after the signal (prepareForShutdown, finishShutdown). */
function shutdown(p: Proc<State>): void {
  log(p, 'M', '*', 'User requested shutdown...');
  if (p.state.save) {
    log(p, 'M', '*', 'Saving the final RDB snapshot before exiting.');
    try {
      // an RDB of an empty dataset: magic, version 12, the redis-ver aux field, EOF
      p.fs.writeFile(`${p.state.dir === '/' ? '' : p.state.dir}/dump.rdb`, `REDIS0012\u00fa\tredis-ver\u0005${REDIS_VERSION}\u00ff`);
      log(p, 'M', '*', 'DB saved on disk');
    } catch {
      // the server stays up when it cannot save
      log(p, 'M', '#', 'Error trying to save the DB, can\'t exit.');
      log(p, 'M', '#', 'Errors trying to shut down the server. Check the logs for more information.');
      p.state.shuttingDown = false;
      return;
    }
  }
  log(p, 'M', '#', 'Redis is now ready to exit, bye bye...');
  p.exit(0);
}
