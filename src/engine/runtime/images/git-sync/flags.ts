// git-sync v3.1.6's command line: its flags (cmd/git-sync/main.go, each defaulting to a GIT_SYNC_*
// variable read when the program starts) and glog's, parsed the way Go 1.14's flag package does
// (`-name=value`, `--name value`, bare booleans, stop at the first non-flag), with its errors and
// its usage text.

export type FlagKind = 'string' | 'int' | 'float' | 'bool' | 'duration' | 'value';

interface FlagDef {
  name: string;
  kind: FlagKind;
  /** the variable its default comes from, and the default without it */
  env?: string;
  def: string;
  usage: string;
}

// cmd/git-sync/main.go flag definitions (v3.1.6), then vendor/github.com/golang/glog (glog.go init, glog_file.go)
const FLAGS: FlagDef[] = [
  { name: 'add-user', kind: 'bool', env: 'GIT_SYNC_ADD_USER', def: 'false', usage: 'add a record to /etc/passwd for the current UID/GID (needed to use SSH with a different UID)' },
  { name: 'alsologtostderr', kind: 'bool', def: 'false', usage: 'log to standard error as well as files' },
  { name: 'askpass-url', kind: 'string', env: 'GIT_ASKPASS_URL', def: '', usage: 'the URL for GIT_ASKPASS callback' },
  { name: 'branch', kind: 'string', env: 'GIT_SYNC_BRANCH', def: 'master', usage: 'the git branch to check out' },
  { name: 'change-permissions', kind: 'int', env: 'GIT_SYNC_PERMISSIONS', def: '0', usage: 'the file permissions to apply to the checked-out files (0 will not change permissions at all)' },
  { name: 'cookie-file', kind: 'bool', env: 'GIT_COOKIE_FILE', def: 'false', usage: 'use git cookiefile' },
  { name: 'depth', kind: 'int', env: 'GIT_SYNC_DEPTH', def: '0', usage: 'use a shallow clone with a history truncated to the specified number of commits' },
  { name: 'dest', kind: 'string', env: 'GIT_SYNC_DEST', def: '', usage: 'the name of (a symlink to) a directory in which to check-out files under --root (defaults to the leaf dir of --repo)' },
  { name: 'git', kind: 'string', env: 'GIT_SYNC_GIT', def: 'git', usage: 'the git command to run (subject to PATH search, mostly for testing)' },
  { name: 'http-bind', kind: 'string', env: 'GIT_SYNC_HTTP_BIND', def: '', usage: "the bind address (including port) for git-sync's HTTP endpoint" },
  { name: 'http-metrics', kind: 'bool', env: 'GIT_SYNC_HTTP_METRICS', def: 'true', usage: "enable metrics on git-sync's HTTP endpoint" },
  { name: 'http-pprof', kind: 'bool', env: 'GIT_SYNC_HTTP_PPROF', def: 'false', usage: "enable the pprof debug endpoints on git-sync's HTTP endpoint" },
  { name: 'log_backtrace_at', kind: 'value', def: '', usage: 'when logging hits line file:N, emit a stack trace' },
  { name: 'log_dir', kind: 'string', def: '', usage: 'If non-empty, write log files in this directory' },
  { name: 'logtostderr', kind: 'bool', def: 'false', usage: 'log to standard error instead of files' },
  { name: 'max-sync-failures', kind: 'int', env: 'GIT_SYNC_MAX_SYNC_FAILURES', def: '0', usage: 'the number of consecutive failures allowed before aborting (the first sync must succeed, -1 will retry forever after the initial sync)' },
  { name: 'one-time', kind: 'bool', env: 'GIT_SYNC_ONE_TIME', def: 'false', usage: 'exit after the first sync' },
  { name: 'password', kind: 'string', env: 'GIT_SYNC_PASSWORD', def: '', usage: 'the password to use for git auth (users should prefer env vars for passwords)' },
  { name: 'repo', kind: 'string', env: 'GIT_SYNC_REPO', def: '', usage: 'the git repository to clone' },
  { name: 'rev', kind: 'string', env: 'GIT_SYNC_REV', def: 'HEAD', usage: 'the git revision (tag or hash) to check out' },
  // $HOME/git: HOME is /tmp in the image (the git-sync user's home)
  { name: 'root', kind: 'string', env: 'GIT_SYNC_ROOT', def: '$HOME/git', usage: 'the root directory for git-sync operations, under which --dest will be created' },
  { name: 'ssh', kind: 'bool', env: 'GIT_SYNC_SSH', def: 'false', usage: 'use SSH for git operations' },
  { name: 'ssh-key-file', kind: 'string', env: 'GIT_SSH_KEY_FILE', def: '/etc/git-secret/ssh', usage: 'the SSH key to use' },
  { name: 'ssh-known-hosts', kind: 'bool', env: 'GIT_KNOWN_HOSTS', def: 'true', usage: 'enable SSH known_hosts verification' },
  { name: 'ssh-known-hosts-file', kind: 'string', env: 'GIT_SSH_KNOWN_HOSTS_FILE', def: '/etc/git-secret/known_hosts', usage: 'the known_hosts file to use' },
  { name: 'stderrthreshold', kind: 'value', def: '', usage: 'logs at or above this threshold go to stderr' },
  { name: 'timeout', kind: 'int', env: 'GIT_SYNC_TIMEOUT', def: '120', usage: 'the max number of seconds allowed for a complete sync' },
  { name: 'username', kind: 'string', env: 'GIT_SYNC_USERNAME', def: '', usage: 'the username to use for git auth' },
  { name: 'v', kind: 'value', def: '', usage: 'log level for V logs' },
  { name: 'version', kind: 'bool', def: 'false', usage: 'print the version and exit' },
  { name: 'vmodule', kind: 'value', def: '', usage: 'comma-separated list of pattern=N settings for file-filtered logging' },
  { name: 'wait', kind: 'float', env: 'GIT_SYNC_WAIT', def: '0', usage: 'the number of seconds between syncs' },
  { name: 'webhook-backoff', kind: 'duration', env: 'GIT_SYNC_WEBHOOK_BACKOFF', def: '3s', usage: 'the time to wait before retrying a failed webhook' },
  { name: 'webhook-method', kind: 'string', env: 'GIT_SYNC_WEBHOOK_METHOD', def: 'POST', usage: 'the HTTP method for the webook' },
  { name: 'webhook-success-status', kind: 'int', env: 'GIT_SYNC_WEBHOOK_SUCCESS_STATUS', def: '200', usage: 'the HTTP status code indicating a successful webhook (-1 disables success checks to make webhooks fire-and-forget)' },
  { name: 'webhook-timeout', kind: 'duration', env: 'GIT_SYNC_WEBHOOK_TIMEOUT', def: '1s', usage: 'the timeout for the webhook' },
  { name: 'webhook-url', kind: 'string', env: 'GIT_SYNC_WEBHOOK_URL', def: '', usage: 'the URL for a webook notification when syncs complete (default is no webook)' },
];

/** An environment value that did not parse: main.go envInt/envFloat/envDuration log it and keep the default. */
export interface EnvError {
  key: string;
  val: string;
  def: number | string;
  error: string;
  /** the main.go line of that log.Error call */
  line: number;
}

export type ParseResult =
  | { ok: true; values: Record<string, string>; envErrors: EnvError[] }
  | { ok: false; message: string; envErrors: EnvError[] };

/** Each flag's default from the environment (main.go envString/envInt/envFloat/envBool/envDuration). */
function defaults(env: Readonly<Record<string, string>>): { values: Record<string, string>; envErrors: EnvError[] } {
  const values: Record<string, string> = {};
  const envErrors: EnvError[] = [];
  for (const f of FLAGS) {
    let def = f.def === '$HOME/git' ? `${env.HOME ?? ''}/git` : f.def;
    const raw = f.env ? env[f.env] ?? '' : '';
    if (raw !== '') {
      const bad = (error: string, line: number, d: number | string) => envErrors.push({ key: f.env!, val: raw, def: d, error, line });
      if (f.kind === 'int') {
        if (/^[+-]?\d+$/.test(raw)) def = String(Number(raw));
        else bad(`strconv.Atoi: parsing ${JSON.stringify(raw)}: invalid syntax`, 163, Number(def));
      } else if (f.kind === 'float') {
        if (parseFloatGo(raw) !== undefined) def = raw;
        else bad(`strconv.ParseFloat: parsing ${JSON.stringify(raw)}: invalid syntax`, 175, Number(def));
      } else if (f.kind === 'bool') {
        // envBool: an unparsable value silently keeps the default
        const b = parseBoolGo(raw);
        if (b !== undefined) def = String(b);
      } else if (f.kind === 'duration') {
        if (parseDurationMs(raw) !== undefined) def = raw;
        else bad(`time: invalid duration ${raw}`, 187, durationNs(def));
      } else def = raw;
    }
    values[f.name] = def;
  }
  return { values, envErrors };
}

/** flag.Parse over argv[1:] (Go 1.14 flag.go parseOne and its failf texts). */
export function parseFlags(argv: readonly string[], env: Readonly<Record<string, string>>): ParseResult {
  const { values, envErrors } = defaults(env);
  const fail = (message: string): ParseResult => ({ ok: false, message, envErrors });
  const args = argv.slice(1);
  while (args.length) {
    const s = args[0]!;
    if (s.length < 2 || s[0] !== '-') break;
    let name = s.slice(1);
    if (name[0] === '-') {
      name = name.slice(1);
      if (name === '') {
        args.shift();
        break; // "--" terminates the flags
      }
    }
    if (name === '' || name[0] === '-' || name[0] === '=') return fail(`bad flag syntax: ${s}`);
    args.shift();
    let value: string | undefined;
    const eq = name.indexOf('=');
    if (eq > 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    const f = FLAGS.find((x) => x.name === name);
    if (!f) return fail(name === 'help' || name === 'h' ? '' : `flag provided but not defined: -${name}`);
    if (f.kind === 'bool') {
      if (value === undefined) values[name] = 'true';
      else {
        const b = parseBoolGo(value);
        if (b === undefined) return fail(`invalid boolean value ${JSON.stringify(value)} for -${name}: parse error`);
        values[name] = String(b);
      }
      continue;
    }
    if (value === undefined) {
      if (!args.length) return fail(`flag needs an argument: -${name}`);
      value = args.shift()!;
    }
    const okValue =
      f.kind === 'int' ? parseIntGo(value) !== undefined
        : f.kind === 'float' ? parseFloatGo(value) !== undefined
          : f.kind === 'duration' ? parseDurationMs(value) !== undefined
            : f.name === 'v' ? /^\d+$/.test(value) : true;
    // flag.go numError wraps strconv's error as "parse error"; glog's Level.Set returns strconv's own
    if (!okValue) return fail(`invalid value ${JSON.stringify(value)} for flag -${name}: ${f.name === 'v' ? `strconv.Atoi: parsing ${JSON.stringify(value)}: invalid syntax` : 'parse error'}`);
    values[name] = f.kind === 'int' ? String(parseIntGo(value)) : value;
  }
  return { ok: true, values, envErrors };
}

/** flag.Usage (Go 1.14 PrintDefaults): `Usage of <argv0>:`, then every flag sorted by name. */
export function usage(argv0: string, env: Readonly<Record<string, string>>): string {
  const { values } = defaults(env);
  let out = `Usage of ${argv0}:\n`;
  for (const f of FLAGS) {
    const typeName = f.kind === 'bool' ? '' : f.kind === 'float' ? 'float' : f.kind;
    let line = `  -${f.name}${typeName ? ` ${typeName}` : ''}`;
    line += line.length <= 4 ? '\t' : '\n    \t';
    line += f.usage;
    const def = values[f.name]!;
    if (!isZero(f, def)) line += f.kind === 'string' ? ` (default ${JSON.stringify(def)})` : ` (default ${def})`;
    out += line + '\n';
  }
  return out;
}

function isZero(f: FlagDef, v: string): boolean {
  if (f.kind === 'bool') return v === 'false';
  if (f.kind === 'int' || f.kind === 'float') return Number(v) === 0;
  if (f.kind === 'duration') return durationNs(v) === 0;
  return v === '';
}

/** strconv.ParseBool */
export function parseBoolGo(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** strconv.ParseInt(s, 0, 64): decimal, 0x hex, 0 octal, 0b binary. */
function parseIntGo(s: string): number | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO]?[0-7_]*|[1-9][0-9_]*|0)$/.exec(s);
  if (!m) return undefined;
  const body = m[2]!.replace(/_/g, '');
  const n = /^0[xX]/.test(body) ? parseInt(body.slice(2), 16)
    : /^0[bB]/.test(body) ? parseInt(body.slice(2), 2)
      : body.length > 1 && body[0] === '0' ? parseInt(body.replace(/^0[oO]?/, '') || '0', 8) : parseInt(body, 10);
  return m[1] === '-' ? -n : n;
}

function parseFloatGo(s: string): number | undefined {
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s) ? Number(s) : undefined;
}

const UNIT_MS: Record<string, number> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** time.ParseDuration, in ms. */
function parseDurationMs(s: string): number | undefined {
  if (s === '0') return 0;
  const m = /^[+-]?((\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h))+$/.exec(s);
  if (!m) return undefined;
  let total = 0;
  for (const part of s.matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|ms|s|m|h)/g)) total += Number(part[1]) * UNIT_MS[part[2]!]!;
  return s.startsWith('-') ? -total : total;
}

function durationNs(s: string): number {
  return Math.round((parseDurationMs(s) ?? 0) * 1e6);
}
