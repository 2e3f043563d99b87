// kuard's command line: the flags its packages bind (pkg/app/config.go BindConfig,
// pkg/debugprobe/config.go, pkg/keygen/config.go at v0.7.2), parsed as the vendored spf13/pflag
// does, and the viper settings main.go dumps as JSON at start-up.

interface FlagDef {
  name: string;
  type: 'bool' | 'int' | 'string';
  def: string;
  usage: string;
  /** the viper key (nested with dots) */
  key: string;
}

// Registration order does not matter: pflag's VisitAll sorts flags by name.
const FLAGS: readonly FlagDef[] = [
  // pkg/app/config.go BindConfig
  { name: 'address', type: 'string', def: ':8080', usage: 'The address to serve on', key: 'address' },
  { name: 'debug', type: 'bool', def: 'false', usage: 'Debug/devel mode', key: 'debug' },
  { name: 'debug-sitedata-dir', type: 'string', def: './sitedata', usage: 'When in debug/dev mode, directory to find the static assets.', key: 'debug-sitedata-dir' },
  { name: 'tls-address', type: 'string', def: ':8443', usage: 'Address to serve TLS on if certs found.', key: 'tls-address' },
  { name: 'tls-dir', type: 'string', def: '/tls', usage: 'Directory to look to find TLS certs', key: 'tls-dir' },
  // pkg/keygen/config.go BindConfig
  { name: 'keygen-enable', type: 'bool', def: 'false', usage: 'Enable KeyGen workload', key: 'keygen.enable' },
  { name: 'keygen-num-to-gen', type: 'int', def: '0', usage: 'The number of keys to generate. Set to 0 for infinite', key: 'keygen.num-to-gen' },
  { name: 'keygen-time-to-run', type: 'int', def: '0', usage: 'The target run time in seconds. Set to 0 for infinite', key: 'keygen.time-to-run' },
  { name: 'keygen-memq-server', type: 'string', def: '', usage: 'The MemQ server to draw work items from.  If MemQ is used, other limits are ignored.', key: 'keygen.memq-server' },
  { name: 'keygen-memq-queue', type: 'string', def: '', usage: 'The MemQ server queue to use. If MemQ is used, other limits are ignored.', key: 'keygen.memq-queue' },
  { name: 'keygen-exit-on-complete', type: 'bool', def: 'false', usage: 'Exit after workload is complete', key: 'keygen.exit-on-complete' },
  { name: 'keygen-exit-code', type: 'int', def: '0', usage: 'Exit code when workload complete', key: 'keygen.exit-code' },
  // pkg/debugprobe/config.go BindConfig, once per probe
  { name: 'liveness-fail-next', type: 'int', def: '0', usage: 'Fail the next N probes. 0 is succeed forever. <0 is fail forever.', key: 'liveness.fail-next' },
  { name: 'readiness-fail-next', type: 'int', def: '0', usage: 'Fail the next N probes. 0 is succeed forever. <0 is fail forever.', key: 'readiness.fail-next' },
];

const SORTED = [...FLAGS].sort((a, b) => (a.name < b.name ? -1 : 1));

/** The parsed settings, by viper key. */
export type KuardConfig = Record<string, string | number | boolean>;

export type ParseResult =
  | { ok: true; config: KuardConfig }
  /** what pflag printed to stderr before os.Exit(2) (ExitOnError) */
  | { ok: false; stderr: string };

/** pflag FlagUsages: sorted, the value type after the name, aligned descriptions, non-zero defaults. */
export function usage(argv0: string): string {
  const lines = SORTED.map((f) => {
    // UnquoteUsage: a bool has no value name
    const head = `      --${f.name}${f.type === 'bool' ? '' : ` ${f.type}`}`;
    let tail = f.usage;
    // defaultIsZeroValue: false, 0 and "" are not shown
    if (f.def !== (f.type === 'bool' ? 'false' : f.type === 'int' ? '0' : '')) tail += f.type === 'string' ? ` (default "${f.def}")` : ` (default ${f.def})`;
    return { head, tail };
  });
  const width = Math.max(...lines.map((l) => l.head.length));
  // flag.go defaultUsage via Usage: "Usage of %s:\n", os.Args[0]; fmt.Fprintln puts a space between parts
  return `Usage of ${argv0}:\n${lines.map((l) => `${l.head}${' '.repeat(width - l.head.length)}   ${l.tail}\n`).join('')}`;
}

/** pflag FlagSet.Parse (ExitOnError) of kuard's arguments. */
export function parseFlags(argv: readonly string[]): ParseResult {
  const config: KuardConfig = {};
  for (const f of FLAGS) config[f.key] = valueOf(f, f.def) as string | number | boolean;
  const argv0 = argv[0] ?? 'kuard';
  // flag.go failf: the error, then the usage, both on stderr
  const fail = (msg: string): ParseResult => ({ ok: false, stderr: `${msg}\n${usage(argv0)}` });
  const args = argv.slice(1);
  while (args.length) {
    const s = args.shift()!;
    if (s.length < 2 || s[0] !== '-') continue; // interspersed positional arguments are ignored
    if (s === '--') break;
    if (s[1] === '-') {
      const body = s.slice(2);
      if (!body || body[0] === '-' || body[0] === '=') return fail(`bad flag syntax: ${s}`);
      const eq = body.indexOf('=');
      const name = eq < 0 ? body : body.slice(0, eq);
      const flag = FLAGS.find((f) => f.name === name);
      if (!flag) {
        // parseLongArg: --help prints the usage and returns ErrHelp
        if (name === 'help') return { ok: false, stderr: usage(argv0) };
        return fail(`unknown flag: --${name}`);
      }
      let value: string;
      if (eq >= 0) value = body.slice(eq + 1);
      else if (flag.type === 'bool') value = 'true'; // NoOptDefVal of a bool flag
      else if (args.length) value = args.shift()!;
      else return fail(`flag needs an argument: ${s}`);
      const v = valueOf(flag, value);
      if (v instanceof Error) return fail(`invalid argument "${value}" for ${s}: ${v.message}`);
      config[flag.key] = v;
      continue;
    }
    // parseSingleShortArg: kuard defines no shorthands; -h is the help special case
    const c = s[1]!;
    if (c === 'h') return { ok: false, stderr: usage(argv0) };
    return fail(`unknown shorthand flag: '${c}' in ${s}`);
  }
  return { ok: true, config };
}

function valueOf(f: FlagDef, s: string): string | number | boolean | Error {
  if (f.type === 'string') return s;
  if (f.type === 'bool') {
    // strconv.ParseBool
    if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
    if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
    return new Error(`strconv.ParseBool: parsing "${s}": invalid syntax`);
  }
  // strconv.ParseInt(s, 0, 64): decimal, 0x hex, 0 octal
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return new Error(`strconv.ParseInt: parsing "${s}": invalid syntax`);
  const digits = m[2]!;
  const n = /^0[xX]/.test(digits) ? parseInt(digits.slice(2), 16) : digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : Number(digits);
  if (!Number.isSafeInteger(n)) return new Error(`strconv.ParseInt: parsing "${s}": value out of range`);
  return m[1] === '-' ? -n : n;
}

/** viper AllSettings as main.go dumpConfig prints it: nested by dots, keys sorted, two-space indent. */
export function configJson(config: KuardConfig): string {
  const tree: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    const parts = key.split('.');
    let node = tree;
    for (const p of parts.slice(0, -1)) node = (node[p] ??= {}) as Record<string, unknown>;
    node[parts[parts.length - 1]!] = value;
  }
  return JSON.stringify(sortKeys(tree), null, 2);
}

function sortKeys(v: unknown): unknown {
  if (!v || typeof v !== 'object') return v;
  const o = v as Record<string, unknown>;
  return Object.fromEntries(Object.keys(o).sort().map((k) => [k, sortKeys(o[k])]));
}
