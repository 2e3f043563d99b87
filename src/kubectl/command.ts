// A kubectl command as data: its name, help, flags and a run function (cobra.Command boiled down).
// Each verb lives in cmd/<verb>.ts and follows kubectl's shape: an options object filled from the
// flags (complete), checked (validate), then executed (run) — see cmd/README.md.
import type { KubectlEnv } from './env';
import type { FlagSpec, Flags } from './flags';

export type CommandGroup =
  | 'Basic Commands (Beginner)'
  | 'Basic Commands (Intermediate)'
  | 'Deploy Commands'
  | 'Cluster Management Commands'
  | 'Troubleshooting and Debugging Commands'
  | 'Advanced Commands'
  | 'Settings Commands'
  | 'Other Commands';

export interface CommandContext {
  env: KubectlEnv;
  flags: Flags;
  /** positional arguments (after `--` too; see flags.dashAt) */
  args: string[];
  /** -n/--namespace, or the context's namespace (default) */
  namespace: string;
  /** whether -n/--namespace was given */
  namespaceGiven: boolean;
  /** `kubectl get`, `kubectl rollout status`: for messages that name the command */
  path: string;
  /** the command being run (for its help text) */
  command: CommandDef;
}

export interface CommandDef {
  name: string;
  aliases?: string[];
  /** the root help groups commands; subcommands have none */
  group?: CommandGroup;
  /** the usage line after `kubectl `, e.g. `get [(-o|--output=)...] (TYPE ...) [flags]` */
  use: string;
  /** one line for command lists */
  short: string;
  /** the help text's description (Podlab's own words) */
  long?: string;
  /** help examples: `# what it does` comment lines followed by the command */
  example?: string;
  flags?: FlagSpec[];
  subcommands?: CommandDef[];
  /** Returns the exit code (default 0). Throw CmdError/UsageError/StatusError for failures. */
  run?(ctx: CommandContext): Promise<number | void>;
}

/** `kubectl <cmd> --help`, laid out as kubectl's help template does. */
export function renderHelp(cmd: CommandDef, path: string, global: readonly FlagSpec[]): string {
  let out = '';
  if (cmd.long) out += `${cmd.long.trimEnd()}\n\n`;
  else out += `${cmd.short}\n\n`;
  if (cmd.example) out += `Examples:\n${indentExample(cmd.example)}\n\n`;
  if (cmd.subcommands?.length) {
    out += 'Available Commands:\n';
    const w = Math.max(...cmd.subcommands.map((s) => s.name.length)) + 3;
    for (const s of [...cmd.subcommands].sort((a, b) => a.name.localeCompare(b.name))) out += `  ${s.name.padEnd(w)}${s.short}\n`;
    out += '\n';
  }
  const own = (cmd.flags ?? []).filter((f) => !f.hidden && !global.some((g) => g.name === f.name));
  if (own.length) {
    out += 'Options:\n';
    for (const f of [...own].sort((a, b) => a.name.localeCompare(b.name))) out += renderFlag(f);
  }
  out += `Usage:\n  ${path.split(' ').slice(0, -1).concat(cmd.use).join(' ')}${cmd.use.includes('[options]') ? '' : ' [options]'}\n\n`;
  if (cmd.subcommands?.length) out += `Use "${path} <command> --help" for more information about a given command.\n`;
  out += 'Use "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}

/** kubectl's templates.OptionsUsage layout: `    -n, --name=default:` then the usage indented by a tab. */
export function renderFlag(f: FlagSpec): string {
  const name = f.shorthand ? `-${f.shorthand}, --${f.name}` : `--${f.name}`;
  return `    ${name}=${defaultText(f)}:\n\t${f.usage}\n\n`;
}

// kubectl pkg/util/templates/help_flags_printer.go writeFlag: only string-typed values are quoted
function defaultText(f: FlagSpec): string {
  const d = f.default;
  switch (f.type) {
    case 'bool':
      return String(d ?? false);
    case 'int':
      return String(d ?? 0);
    case 'duration':
      return String(d ?? '0s');
    case 'stringArray':
    case 'stringSlice':
      return `[${(Array.isArray(d) ? d : []).join(',')}]`;
    default:
      return `'${String(d ?? '')}'`;
  }
}

function indentExample(ex: string): string {
  return ex
    .trim()
    .split('\n')
    .map((l) => (l.trim() ? `  ${l.trim()}` : '  '))
    .join('\n');
}

/** cobra's SuggestionsFor: commands within Levenshtein distance 2, or that the typed word prefixes. */
export function suggestionsFor(typed: string, commands: readonly CommandDef[]): string[] {
  const out: string[] = [];
  for (const c of commands) {
    const d = levenshtein(typed.toLowerCase(), c.name.toLowerCase());
    if (d <= 2 || c.name.toLowerCase().startsWith(typed.toLowerCase())) out.push(c.name);
  }
  return out;
}

function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
