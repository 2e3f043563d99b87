// npm run --silent replay -- FILE [--seed N]
// npm run --silent replay -- --lesson LESSON.md [--seed N]
// Types FILE's lines ('-': standard input) into a fresh Podlab terminal on the default cluster
// and prints the transcript as the terminal shows it, without colour. With --lesson, starts the
// lesson (its cluster, files and setup) and types every task's solution in order instead.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { parseLesson, replayLesson } from '../src/lesson';
import { replay, scriptLines } from '../src/terminal/replay';

const USAGE = 'usage: npm run --silent replay -- FILE [--seed N]\n       npm run --silent replay -- --lesson LESSON.md [--seed N]\n';

async function main(argv: string[]): Promise<number> {
  let file: string | undefined;
  let lesson: string | undefined;
  let seed: number | string = 1;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const [flag, inline] = a.startsWith('--') && a.includes('=') ? [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)] : [a, undefined];
    if (flag === '--seed' || flag === '--lesson') {
      const v = inline ?? argv[++i];
      if (v === undefined) return fail(`replay: ${flag} needs a value\n${USAGE}`);
      if (flag === '--lesson') lesson = v;
      else seed = /^\d+$/.test(v) ? Number(v) : v;
    } else if (flag === '-h' || flag === '--help') {
      process.stdout.write(USAGE);
      return 0;
    } else if (a.startsWith('--')) return fail(`replay: unknown option ${a}\n${USAGE}`);
    else if (file === undefined) file = a;
    else return fail(`replay: one FILE only\n${USAGE}`);
  }
  if (lesson !== undefined) {
    if (file !== undefined) return fail(`replay: give FILE or --lesson, not both\n${USAGE}`);
    return replayLessonFile(lesson, seed);
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

async function replayLessonFile(path: string, seed: number | string): Promise<number> {
  const read = (p: string) => (existsSync(p) ? (statSync(p).isDirectory() ? '' : readFileSync(p, 'utf8')) : undefined);
  const text = read(path);
  if (text === undefined) return fail(`replay: ${path}: no such file\n`);
  const { lesson, problems } = parseLesson(text, path, read);
  for (const p of problems) process.stderr.write(`${p.file}:${p.line}: ${p.message}\n`);
  if (!lesson) return 1;
  const transcript = await replayLesson(lesson, { seed });
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
