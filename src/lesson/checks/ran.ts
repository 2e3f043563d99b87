// `ran` check: the learner typed a command (by prefix), with the flags and arguments the task
// names, at some point since the lesson started. Lines are read as the shell would split them,
// so `kubectl logs web -p | tail` and `k logs -p web` both count as `kubectl logs` with `-p`.
import type { RanCheck } from '../types';
import { splitCommands, splitWords } from '../words';
import { failed, PASSED, type CheckContext, type CheckResult } from './context';

// kubectl's global flags that take a value and may come before the verb (kubectl global-flags)
const VALUE_FLAGS = new Set(['-n', '--namespace', '--context', '--kubeconfig', '-s', '--server', '--cluster', '--user']);
const ALIASES: Record<string, string> = { k: 'kubectl' };

function commandName(word: string): string {
  const base = word.slice(word.lastIndexOf('/') + 1);
  return ALIASES[base] ?? base;
}

export function checkRan(c: RanCheck, ctx: CheckContext): CheckResult {
  const want = splitWords(c.ran);
  const prefix = want.filter((w) => !w.startsWith('-'));
  const flags = [...want.filter((w) => w.startsWith('-')).map((f) => [f]), ...c.flags];
  for (const line of ctx.history()) {
    for (const words of splitCommands(line)) if (commandMatches(words, prefix, flags, c.args)) return PASSED;
  }
  const args = c.args.length ? ` ${c.args.join(' ')}` : '';
  const withFlags = c.flags.length ? ` with ${c.flags.map((f) => f[0]).join(' and ')}` : '';
  return failed(`you have not run ${c.ran}${args}${withFlags} yet`);
}

/** Whether one command (its words) is `prefix` with every flag entry and every argument. */
export function commandMatches(words: readonly string[], prefix: readonly string[], flags: readonly string[][], args: readonly string[]): boolean {
  if (!prefix.length) return false;
  const first = commandName(prefix[0]!);
  // `watch kubectl get pods`, `timeout 5 kubectl logs -f web`: the command may come later
  for (let start = 0; start < words.length; start++) {
    if (commandName(words[start]!) !== first) continue;
    const rest = words.slice(start + 1);
    if (!startsWithWords(rest, prefix.slice(1))) continue;
    if (!flags.every((alts) => alts.some((alt) => hasFlag(rest, alt)))) continue;
    if (!args.every((a) => rest.some((w) => !w.startsWith('-') && (w === a || w.endsWith(`/${a}`))))) continue;
    return true;
  }
  return false;
}

/** The positional words (global flags and their values stepped over) start with `words`. */
function startsWithWords(rest: readonly string[], words: readonly string[]): boolean {
  const positional: string[] = [];
  for (let i = 0; i < rest.length && positional.length < words.length; i++) {
    const w = rest[i]!;
    if (VALUE_FLAGS.has(w)) i++;
    else if (!w.startsWith('-')) positional.push(w);
  }
  return words.every((w, i) => positional[i] === w);
}

/** `-p`, `--previous`, `--previous=true`, `-it` for `-i`, `-o wide`, `-o=wide`, `-owide`. */
function hasFlag(words: readonly string[], alt: string): boolean {
  const [flag, value] = alt.includes(' ') ? alt.split(/\s+/, 2) : alt.includes('=') ? [alt.slice(0, alt.indexOf('=')), alt.slice(alt.indexOf('=') + 1)] : [alt, undefined];
  const short = /^-[A-Za-z]$/.test(flag!);
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (value !== undefined) {
      if ((w === flag && words[i + 1] === value) || w === `${flag}=${value}` || (short && w === `${flag}${value}`)) return true;
      continue;
    }
    if (w === flag || w.startsWith(`${flag}=`)) return true;
    // a group of one-letter flags: -it holds -i
    if (short && /^-[A-Za-z]{2,}$/.test(w) && w.includes(flag![1]!)) return true;
  }
  return false;
}
