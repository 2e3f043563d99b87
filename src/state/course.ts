// Loading the course in the app (its own chunk, so the terminal does not wait for it).
import { builtCourseText } from './build-data';
import { buildCourse, courseOf, type Course, type CourseData } from './course-parse';

/**
 * The course: a build ships it parsed (no parsing on the learner's machine while the page starts);
 * the dev server parses the files, so a lesson saved in an editor shows at once.
 */
export function loadCourse(): Promise<Course> {
  return import.meta.env.DEV ? parseBundledLessons() : loadBuiltCourse();
}

async function loadBuiltCourse(): Promise<Course> {
  return courseOf(JSON.parse(await builtCourseText()) as CourseData);
}

async function parseBundledLessons(): Promise<Course> {
  const modules = import.meta.glob<string>('/lessons/**/*', { query: '?raw', import: 'default' });
  const entries = await Promise.all(Object.entries(modules).map(async ([path, load]) => [path.replace(/^\//, ''), await load()] as const));
  const files = Object.fromEntries(entries);
  return buildCourse(files, files);
}
