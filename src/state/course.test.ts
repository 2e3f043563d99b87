import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { buildCourse, isLessonFile } from './course-parse';

function lessonFiles(dir = 'lessons'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) Object.assign(out, lessonFiles(path));
    else out[path] = readFileSync(path, 'utf8');
  }
  return out;
}

test('lesson files are the numbered markdown files, not the instructors README', () => {
  expect(isLessonFile('lessons/01-first-pod.md')).toBe(true);
  expect(isLessonFile('/lessons/09-init/lesson.md')).toBe(true);
  expect(isLessonFile('lessons/README.md')).toBe(false);
  expect(isLessonFile('lessons/09-init/notes.md')).toBe(false);
});

test('the course in lessons/ parses in course order with unique ids', () => {
  const course = buildCourse(lessonFiles());
  expect(course.problems).toEqual([]);
  expect(course.lessons.length).toBeGreaterThanOrEqual(14);
  const orders = course.lessons.map((l) => l.order);
  expect([...orders].sort((a, b) => a - b)).toEqual(orders);
  expect(new Set(course.lessons.map((l) => l.id)).size).toBe(course.lessons.length);
});

test('a lesson with problems is left out and its problems reported', () => {
  const course = buildCourse({ 'lessons/01-bad.md': '# no frontmatter\n' });
  expect(course.lessons).toEqual([]);
  expect(course.problems[0]).toMatchObject({ file: 'lessons/01-bad.md', line: 1 });
});
