// npm run lessons:check [-- FILE...]
// Lints every lesson in lessons/ (or the files named), then replays each one headlessly: every
// task must fail at the start and pass after its solution. Prints `ok` or the problems
// (file:line: message) per lesson, then "N passed, N failed"; exits 1 on any failure.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { relative } from 'node:path';
import { checkLesson, type LessonProblem } from '../src/lesson';

/** Files as the lesson sees them (paths relative to the repository); a directory reads as ''. */
function readFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return statSync(path).isDirectory() ? '' : readFileSync(path, 'utf8');
}

/** lessons/NN-slug.md and lessons/NN-slug/lesson.md, in order. */
export function lessonFiles(dir = 'lessons'): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = `${dir}/${name}`;
    if (statSync(path).isDirectory()) {
      if (existsSync(`${path}/lesson.md`)) out.push(`${path}/lesson.md`);
    } else if (/^\d+.*\.md$/.test(name)) out.push(path);
  }
  return out;
}

async function main(args: string[]): Promise<number> {
  const files = args.length ? args.map((a) => relative('.', a)) : lessonFiles();
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const started = performance.now();
    const text = readFile(file);
    const problems: LessonProblem[] = text === undefined ? [{ file, line: 1, message: 'no such file' }] : (await checkLesson(text, file, readFile)).problems;
    const ms = Math.round(performance.now() - started);
    if (problems.length) {
      failed++;
      console.log(`FAIL ${file} (${ms} ms)`);
      for (const p of problems) console.log(`  ${p.file}:${p.line}${p.column ? `:${p.column}` : ''}: ${p.message}`);
    } else {
      passed++;
      console.log(`ok   ${file} (${ms} ms)`);
    }
  }
  console.log(`${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    console.error(`lessons:check: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exitCode = 1;
  },
);
