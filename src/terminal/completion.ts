// Tab completion: command names at the start of a command, file names elsewhere, and for
// kubectl what kubectl's own cobra completion offers — verbs and subcommands, flags (the
// command's and the global ones), resource types, object names from the API, namespaces after
// -n, container names after -c, files after -f.
import type { KubeApi, StoredPod, Vfs } from '../engine';
import { COMMANDS } from '../kubectl/cmd';
import type { CommandDef } from '../kubectl/command';
import { GLOBAL_FLAGS } from '../kubectl/global-flags';
import type { Completion } from './line-editor';

export interface CompletionContext {
  api: KubeApi;
  fs: Vfs;
  cwd(): string;
  /** the commands on PATH */
  commands(): string[];
  /** the namespace kubectl uses without -n */
  namespace(): string;
}

/** Verbs whose first argument is a resource type (then names of that type). */
const TYPE_VERBS = new Set(['get', 'describe', 'delete', 'edit', 'label', 'annotate', 'patch', 'scale', 'explain', 'wait', 'expose', 'status', 'restart', 'history', 'image']);
/** Verbs whose first argument is a pod. */
const POD_VERBS = new Set(['logs', 'exec', 'attach', 'port-forward', 'cp']);

const SHELL_BUILTINS = ['cd', 'echo', 'exit', 'export', 'printf', 'pwd', 'read', 'set', 'source', 'test', 'type', 'unset'];

/** The completer the line editor calls. */
export function completer(ctx: CompletionContext): (line: string, cursor: number) => Promise<Completion> {
  return (line, cursor) => complete(ctx, line.slice(0, cursor));
}

export async function complete(ctx: CompletionContext, before: string): Promise<Completion> {
  // the command being typed: after the last ; | & ( or at the start
  const start = Math.max(...[';', '|', '&', '(', '`'].map((c) => before.lastIndexOf(c))) + 1;
  const words = before.slice(start).split(/\s+/);
  if (words[0] === '') words.shift();
  const word = words.pop() ?? '';
  const from = before.length - word.length;
  if (!words.length) {
    if (word.includes('/')) return { from, candidates: files(ctx, word) };
    const names = [...new Set([...ctx.commands(), ...SHELL_BUILTINS])].filter((n) => n.startsWith(word));
    return { from, candidates: names };
  }
  const cmd = words[0]!;
  if (cmd === 'kubectl' || cmd === 'k') return { from, candidates: await kubectl(ctx, words.slice(1), word) };
  if (cmd === 'ssh') return { from, candidates: (await names(ctx, 'nodes', undefined)).filter((n) => n.startsWith(word)) };
  return { from, candidates: files(ctx, word) };
}

async function kubectl(ctx: CompletionContext, args: string[], word: string): Promise<string[]> {
  const prev = args[args.length - 1];
  const ns = namespaceOf(args) ?? ctx.namespace();
  if (prev === '-n' || prev === '--namespace') return prefixed(await names(ctx, 'namespaces', undefined), word);
  if (prev === '-f' || prev === '--filename') return files(ctx, word);
  const positional = args.filter((a, i) => !a.startsWith('-') && !takesValue(args[i - 1]));
  // walk the command tree by the positional words
  let cmd: CommandDef | undefined;
  let list: CommandDef[] | undefined = COMMANDS;
  let used = 0;
  for (const w of positional) {
    // verbs the emulator has not defined (yet) still complete their arguments by their shape
    const next: CommandDef | undefined = list?.find((c) => c.name === w || c.aliases?.includes(w))
      ?? (!cmd && (TYPE_VERBS.has(w) || POD_VERBS.has(w)) ? { name: w, use: w, short: '', run: async () => 0 } : undefined);
    if (!next) break;
    cmd = next;
    list = next.subcommands;
    used++;
  }
  if (prev === '-c' || prev === '--container') {
    const pod = positional[used];
    if (!pod) return [];
    try {
      const p = (await ctx.api.get('pods', ns, pod.replace(/^(pods?|po)\//, ''))) as StoredPod;
      return prefixed([...(p.spec.initContainers ?? []), ...p.spec.containers].map((c) => c.name), word);
    } catch {
      return [];
    }
  }
  if (word.startsWith('-')) return prefixed(flagsOf(cmd), word);
  if (!cmd || (list?.length && used === positional.length && !cmd.run)) {
    return prefixed((list ?? []).flatMap((c) => [c.name]), word);
  }
  const rest = positional.slice(used);
  if (POD_VERBS.has(cmd.name)) return rest.length ? [] : prefixed(await names(ctx, 'pods', ns), word);
  if (!TYPE_VERBS.has(cmd.name)) return files(ctx, word);
  if (word.includes('/')) {
    const type = word.slice(0, word.indexOf('/'));
    return (await names(ctx, type, ns)).map((n) => `${type}/${n}`).filter((n) => n.startsWith(word));
  }
  if (!rest.length) return prefixed(resourceNames(ctx.api), word);
  return prefixed(await names(ctx, rest[0]!.split(',')[0]!, ns), word);
}

function flagsOf(cmd: CommandDef | undefined): string[] {
  const out: string[] = [];
  for (const f of [...(cmd?.flags ?? []), ...GLOBAL_FLAGS]) {
    if (f.hidden) continue;
    out.push(f.type === 'bool' ? `--${f.name}` : `--${f.name}=`);
    if (f.shorthand) out.push(`-${f.shorthand}`);
  }
  return out;
}

function takesValue(flag: string | undefined): boolean {
  if (!flag || !flag.startsWith('-') || flag.includes('=')) return false;
  const name = flag.replace(/^--?/, '');
  const all = [...GLOBAL_FLAGS, ...COMMANDS.flatMap((c) => [...(c.flags ?? []), ...(c.subcommands ?? []).flatMap((s) => s.flags ?? [])])];
  const spec = all.find((f) => f.name === name || f.shorthand === name);
  return !!spec && spec.type !== 'bool';
}

function namespaceOf(args: string[]): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if ((a === '-n' || a === '--namespace') && args[i + 1]) return args[i + 1];
    const m = /^(?:--namespace=|-n=?)(.+)$/.exec(a);
    if (m) return m[1];
  }
  return undefined;
}

/** Every name a resource type can be typed as (plural, singular, short names). */
function resourceNames(api: KubeApi): string[] {
  return [...new Set(api.resources().flatMap((r) => [r.resource, r.singular, ...r.shortNames]))];
}

async function names(ctx: CompletionContext, type: string, ns: string | undefined): Promise<string[]> {
  try {
    const info = ctx.api.resolve(type);
    const list = await ctx.api.list(info.resource, info.namespaced ? { namespace: ns } : {});
    return list.items.map((o) => o.metadata.name!).sort();
  } catch {
    return [];
  }
}

function prefixed(words: string[], prefix: string): string[] {
  return words.filter((w) => w.startsWith(prefix));
}

/** Files and directories matching `word` (directories end in /), relative to the cwd. */
export function files(ctx: Pick<CompletionContext, 'fs' | 'cwd'>, word: string): string[] {
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = word.slice(slash + 1);
  const dir = dirPart.startsWith('/') ? dirPart : `${ctx.cwd()}/${dirPart}`;
  let entries: string[];
  try {
    entries = ctx.fs.readdir(dir.length > 1 ? dir.replace(/\/+$/, '') : dir);
  } catch {
    return [];
  }
  return entries
    .filter((n) => n.startsWith(base) && (base.startsWith('.') || !n.startsWith('.')))
    .map((n) => {
      const path = `${dir}${n}`.replace(/\/+/g, '/');
      const isDir = ctx.fs.exists(path) && ctx.fs.stat(path).type === 'dir';
      return `${dirPart}${n}${isDir ? '/' : ''}`;
    });
}
