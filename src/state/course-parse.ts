// The course: every lesson in lessons/ parsed from its files (a lesson folder's extra files too),
// by the build (scripts/vite-plugin-course.ts) or, in development, in the browser (course.ts).
import { parseLesson, type Lesson, type LessonProblem } from '../lesson';

/** The course as data (what a build ships, parsed: scripts/vite-plugin-course.ts). */
export interface CourseData {
  /** the lessons that parsed, in course order */
  lessons: Lesson[];
  /** lint problems (an instructor sees them in place; a lesson with errors is left out) */
  problems: LessonProblem[];
}

export interface Course extends CourseData {
  byId: ReadonlyMap<string, Lesson>;
}

export function courseOf(data: CourseData): Course {
  return { ...data, byId: new Map(data.lessons.map((l) => [l.id, l])) };
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
  return courseOf({ lessons, problems });
}

/** lessons/NN-x.md or lessons/NN-x/lesson.md; not the README for instructors. */
export function isLessonFile(path: string): boolean {
  const rel = path.replace(/^\/?lessons\//, '');
  return /^[^/]+\.md$/.test(rel) ? !/^readme\.md$/i.test(rel) : /^[^/]+\/lesson\.md$/.test(rel);
}
