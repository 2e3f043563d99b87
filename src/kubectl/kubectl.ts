// `kubectl ARGS...`: finds the command (cobra's Find over the command tree, stepping over global
// flags), parses its flags together with the global ones, runs it, and turns whatever it throws
// into kubectl's error text at one boundary (errors.ts). Output goes to env.stdout/env.stderr.
import type { CommandContext, CommandDef } from './command';
import { renderHelp, suggestionsFor } from './command';
import type { KubectlEnv } from './env';
import { isStatusError } from '../engine';
import { CmdError, ExitError, formatError, UsageError } from './errors';
import { FlagError, FlagSet, Flags, type FlagSpec } from './flags';
import { COMMANDS } from './cmd';
import { CURRENT_CONTEXT, CURRENT_NAMESPACE, GLOBAL_FLAGS } from './global-flags';

const ROOT: CommandDef = {
  name: 'kubectl',
  use: 'kubectl [flags] [options]',
  short: 'kubectl controls the Kubernetes cluster manager',
  subcommands: COMMANDS,
};

/** Runs one kubectl command line (argv without the leading `kubectl`); resolves with the exit code. */
export async function runKubectl(argv: readonly string[], env: KubectlEnv): Promise<number> {
  let path = 'kubectl';
  try {
    const found = findCommand(argv);
    path = found.path;
    const { cmd, rest } = found;
    if (!cmd) {
      if (found.unknown !== undefined) return unknownCommand(found.unknown, found.parent, found.path, env);
      env.stdout(rootHelp());
      return 0;
    }
    const specs = mergeFlags(cmd.flags ?? []);
    const set = new FlagSet(specs);
    const parsed = set.parse(rest);
    const flags = new Flags(set, parsed);
    if (flags.bool('help')) {
      env.stdout(renderHelp(cmd, path, GLOBAL_FLAGS));
      return 0;
    }
    if (!cmd.run) {
      // a command group (rollout, config, create with no -f): its help, or an unknown subcommand
      if (parsed.args.length) throw new UsageError(`unknown command "${parsed.args[0]}"`);
      env.stdout(renderHelp(cmd, path, GLOBAL_FLAGS));
      return cmd.name === 'options' ? 0 : 1;
    }
    const ns = flags.string('namespace');
    const context = flags.string('context');
    // [REAL] kubectl v1.32: helpers.go checkErr prints clientcmd's invalid-configuration error as is
    if (context && context !== CURRENT_CONTEXT) throw new ExitError(`Error in configuration: context was not found for specified context: ${context}`, 1);
    const ctx: CommandContext = {
      env, flags, args: parsed.args, namespace: ns || env.kubeconfig?.namespace || CURRENT_NAMESPACE, namespaceGiven: flags.changed('namespace'), path, command: cmd,
    };
    return (await cmd.run(ctx)) ?? 0;
  } catch (e) {
    if (!(e instanceof CmdError || e instanceof FlagError || isStatusError(e))) env.reportBug?.(e);
    const { text, code } = formatError(e, path);
    if (text) env.stderr(text.endsWith('\n') ? text : `${text}\n`);
    return code;
  }
}

interface Found {
  cmd?: CommandDef;
  parent: CommandDef;
  path: string;
  rest: string[];
  unknown?: string;
}

/** cobra Command.Find: walk subcommands by the first non-flag words; global flags may come first. */
function findCommand(argv: readonly string[]): Found {
  const rest = [...argv];
  let parent = ROOT;
  let path = 'kubectl';
  let cmd: CommandDef | undefined;
  for (;;) {
    const at = firstWord(rest, [...GLOBAL_FLAGS, ...(cmd?.flags ?? [])]);
    if (at < 0) break;
    const word = rest[at]!;
    const list = (cmd ?? parent).subcommands;
    if (!list) break;
    const next = list.find((c) => c.name === word || c.aliases?.includes(word));
    if (!next) {
      // the root reports unknown commands; a group with a run function takes the word as an argument
      if (!cmd) return { parent, path, rest, unknown: word };
      break;
    }
    rest.splice(at, 1);
    if (cmd) parent = cmd;
    cmd = next;
    path += ` ${next.name}`;
  }
  return { cmd, parent, path, rest };
}

/** Index of the first positional word, stepping over flags and the values of flags that take one. */
function firstWord(args: readonly string[], specs: readonly FlagSpec[]): number {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return -1;
    if (!a.startsWith('-') || a === '-') return i;
    if (a.includes('=')) continue;
    const spec = a.startsWith('--') ? specs.find((s) => s.name === a.slice(2)) : a.length === 2 ? specs.find((s) => s.shorthand === a[1]) : undefined;
    if (spec && spec.type !== 'bool' && spec.noOptDefault === undefined) i++;
  }
  return -1;
}

function mergeFlags(own: readonly FlagSpec[]): FlagSpec[] {
  const names = new Set(own.map((f) => f.name));
  const help: FlagSpec = { name: 'help', shorthand: 'h', type: 'bool', usage: 'help for this command', hidden: true };
  return [...own, ...GLOBAL_FLAGS.filter((g) => !names.has(g.name)), ...(names.has('help') ? [] : [help])];
}

function unknownCommand(word: string, parent: CommandDef, path: string, env: KubectlEnv): number {
  // cobra args.go legacyArgs / command.go findSuggestions: `unknown command %q for %q` + "Did you mean this?"
  const suggestions = suggestionsFor(word, parent.subcommands ?? []);
  let text = `error: unknown command "${word}" for "${path}"`;
  if (suggestions.length) text += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}`).join('\n')}`;
  env.stderr(`${text}\n`);
  return 1;
}

/** `kubectl` alone: the command groups. */
function rootHelp(): string {
  let out = 'kubectl controls the Kubernetes cluster manager.\n\n Find more information at: https://kubernetes.io/docs/reference/kubectl/\n\n';
  const groups = new Map<string, CommandDef[]>();
  for (const c of COMMANDS) {
    if (!c.group) continue;
    groups.set(c.group, [...(groups.get(c.group) ?? []), c]);
  }
  const w = Math.max(...COMMANDS.map((c) => c.name.length)) + 3;
  for (const [g, list] of groups) {
    out += `${g}:\n`;
    for (const c of list) out += `  ${c.name.padEnd(w < 16 ? 16 : w)}${c.short}\n`;
    out += '\n';
  }
  out += 'Usage:\n  kubectl [flags] [options]\n\nUse "kubectl <command> --help" for more information about a given command.\nUse "kubectl options" for a list of global command-line options (applies to all commands).\n';
  return out;
}


export { ExitError, FlagError };
