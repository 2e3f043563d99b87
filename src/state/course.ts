// The course: every lesson in lessons/, parsed in the browser from the files the build bundles
// (a lesson folder's extra files too). Loaded in its own chunk so the terminal does not wait.
import { parseLesson, type Lesson, type LessonProblem } from '../lesson';

export interface Course {
  /** the lessons that parsed, in course order */
  lessons: Lesson[];
  byId: ReadonlyMap<string, Lesson>;
  /** lint problems (an instructor sees them in place; a lesson with errors is left out) */
  problems: LessonProblem[];
}

/** Parse lesson sources (path → text); `files` holds every file under lessons/ for `from:` and links. */
export function buildCourse(sources: Record<string, string>, files: Record<string, string> = sources): Course {
  const lessons: Lesson[] = [];
  const problems: LessonProblem[] = [];
  const readFile = (path: string) => files[path] ?? files[`/${path}`];
  for (const [path, text] of Object.entries(sources)) {
    if (!isLessonFile(path)) continue;
    const r = parseLesson(text, path.replace(/^\//, ''), readFile);
    problems.push(...r.problems);
    if (r.lesson && !r.problems.length) lessons.push(r.lesson);
  }
  lessons.sort((a, b) => a.order - b.order || a.id.localeCompare(b.id));
  return { lessons, byId: new Map(lessons.map((l) => [l.id, l])), problems };
}

/** lessons/NN-x.md or lessons/NN-x/lesson.md; not the README for instructors. */
export function isLessonFile(path: string): boolean {
  const rel = path.replace(/^\/?lessons\//, '');
  return /^[^/]+\.md$/.test(rel) ? !/^readme\.md$/i.test(rel) : /^[^/]+\/lesson\.md$/.test(rel);
}

/** The course as the build bundled it. */
export async function loadCourse(): Promise<Course> {
  const modules = import.meta.glob<string>('/lessons/**/*', { query: '?raw', import: 'default' });
  const entries = await Promise.all(Object.entries(modules).map(async ([path, load]) => [path.replace(/^\//, ''), await load()] as const));
  const files = Object.fromEntries(entries);
  return buildCourse(files, files);
}
