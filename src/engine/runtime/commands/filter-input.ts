// What the whole-input filters (base64, sort, uniq, cut, tr) share: telling the kernel whether this
// command line reads standard input (a SimpleCommand's stdin is collected up to end-of-file, so
// `sort file` at a terminal must not wait for it), and reading the named inputs in order, with
// each implementation's complaint about a file it cannot open.
import { quotef, readText, strerror, type Ctx, type Flavor } from './util';
import { progName } from './msg';

/**
 * A `readsStdin` for a command whose operands are input files: it reads stdin when there are no
 * operands or one is `-`. `withArg` lists the short options that take an argument (`-k 2`, `-d:`);
 * `firstOnly`: only the first operand is an input (uniq's second is its output).
 */
export function readsStdinOperands(withArg: string, firstOnly = false): (argv: readonly string[]) => boolean {
  return (argv) => {
    const operands: string[] = [];
    for (let i = 1; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--') {
        operands.push(...argv.slice(i + 1));
        break;
      }
      if (a.startsWith('--') || a === '-' || !a.startsWith('-')) {
        if (!a.startsWith('--')) operands.push(a);
        continue;
      }
      // a cluster of short options: the first that takes an argument ends it
      for (let j = 1; j < a.length; j++) {
        if (!withArg.includes(a[j]!)) continue;
        if (j === a.length - 1) i++;
        break;
      }
    }
    const inputs = firstOnly ? operands.slice(0, 1) : operands;
    return inputs.length === 0 || inputs.includes('-');
  };
}

/**
 * The text of each input in order (`-` is stdin). A file that cannot be read is reported — GNU
 * `prog: NAME: strerror`, busybox `prog: can't open 'NAME': strerror` — and skipped; `ok` is then
 * false.
 */
export function readInputs(c: Ctx, f: Flavor, names: readonly string[], stdin: string): { texts: string[]; ok: boolean } {
  const texts: string[] = [];
  let ok = true;
  for (const name of names.length ? names : ['-']) {
    if (name === '-') {
      texts.push(stdin);
      continue;
    }
    const r = readText(c, name);
    if (r.ok) {
      texts.push(r.text);
      continue;
    }
    ok = false;
    c.err(openError(c, f, name, r.code));
  }
  return { texts, ok };
}

/** The complaint about one input that cannot be read. */
export function openError(c: Ctx, f: Flavor, name: string, code: string): string {
  const prog = progName(c, f);
  // coreutils (cut.c cut_file, uniq.c, basenc.c): error (0, errno, "%s", quotef (file));
  // libbb/wfopen.c fopen_or_warn / xfopen: "can't open '%s'"; a directory opens, then fails to read
  if (f === 'gnu') return `${prog}: ${quotef(name)}: ${strerror(code)}\n`;
  return code === 'EISDIR' ? `${prog}: read error: Is a directory\n` : `${prog}: can't open '${name}': ${strerror(code)}\n`;
}

/** The lines of a text without their newlines (a last line without one counts too). */
export function textLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}
