// The course itself: every lesson in lessons/ lints clean, fails at its start and passes after its
// solutions (what `npm run lessons:check` prints, as part of `npm test`).
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLesson } from './verify';

function lessonFiles(dir = 'lessons'): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .map((name) => `${dir}/${name}`)
    .map((path) => (statSync(path).isDirectory() ? `${path}/lesson.md` : path))
    .filter((path) => /\/\d+[^/]*(\.md|\/lesson\.md)$/.test(path) && existsSync(path));
}

/** Files as lessons see them: paths relative to the repository root (vitest's cwd). */
function readRepoFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return statSync(path).isDirectory() ? '' : readFileSync(path, 'utf8');
}

const files = lessonFiles();

describe('the course', () => {
  it('has lessons', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  it.each(files)('%s passes lessons:check', async (file) => {
    const { problems } = await checkLesson(readRepoFile(file)!, file, readRepoFile);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.message}`)).toEqual([]);
  }, 120_000);
});
