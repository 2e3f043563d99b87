// npm run --silent replay -- FILE [--seed N] [--lesson ID]
// Types FILE's lines ('-': standard input) into a fresh Podlab terminal on the default cluster
// and prints the transcript as the terminal shows it, without colour.
import { readFileSync } from 'node:fs';
import { replay, scriptLines } from '../src/terminal/replay';

const USAGE = 'usage: npm run --silent replay -- FILE [--seed N] [--lesson ID]\n';

async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  let seed: number | string = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--seed') {
      const v = inline ?? argv[++i];
      if (v === undefined) return fail(`replay: --seed needs a value\n${USAGE}`);
      seed = /^\d+$/.test(v) ? Number(v) : v;
    } else if (flag === '--lesson') {
      // lessons and their start states arrive with issue 6
      return fail(`replay: --lesson ${inline ?? argv[i + 1] ?? ''}: lessons are not available yet\n`);
    } else if (flag === '-h' || flag === '--help') {
      process.stdout.write(USAGE);
      return 0;
    } else if (a.startsWith('--')) return fail(`replay: unknown option ${a}\n${USAGE}`);
    else if (file === undefined) file = a;
    else return fail(`replay: one FILE only\n${USAGE}`);
  }
  if (file === undefined) return fail(USAGE);
  let text: string;
  try {
    text = readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (e) {
    return fail(`replay: ${e instanceof Error ? e.message : String(e)}\n`);
  }
  const transcript = await replay(scriptLines(text), { seed });
  process.stdout.write(transcript.endsWith('\n') ? transcript : `${transcript}\n`);
  return 0;
}

function fail(msg: string): number {
  process.stderr.write(msg);
  return 2;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`replay: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 1;
  },
);
