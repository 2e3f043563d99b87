import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'
import { buildCourse, courseOf, type CourseData } from '../src/state/course-parse'
import { courseModule, readLessonFiles } from './vite-plugin-course'

test('the course a build ships is the course the browser would parse, lesson for lesson', () => {
  const text = courseModule(process.cwd())
  const json = JSON.parse(text.replace(/^export default /, '')) as string
  const shipped = courseOf(JSON.parse(json) as CourseData)
  const files = readLessonFiles(process.cwd())
  const parsed = buildCourse(files, files)
  expect(shipped.lessons.length).toBe(parsed.lessons.length)
  expect(shipped.lessons.length).toBeGreaterThanOrEqual(14)
  // nothing is lost on the way through JSON (no Maps, functions or undefined-only fields that matter)
  expect(shipped.lessons).toEqual(JSON.parse(JSON.stringify(parsed.lessons)))
  expect(shipped.problems).toEqual(parsed.problems)
  expect([...shipped.byId.keys()]).toEqual(parsed.lessons.map((l) => l.id))
})

test('every file under lessons/ is read, a lesson folder\'s extra files too', () => {
  const files = readLessonFiles(process.cwd())
  const count = (dir: string): number => readdirSync(dir).reduce((n, f) => n + (statSync(join(dir, f)).isDirectory() ? count(join(dir, f)) : 1), 0)
  expect(Object.keys(files)).toHaveLength(count('lessons'))
  expect(files['lessons/01-first-pod.md']).toBe(readFileSync('lessons/01-first-pod.md', 'utf8'))
})
