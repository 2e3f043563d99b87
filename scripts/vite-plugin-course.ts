// A Vite plugin: the course parsed at build time. The browser would otherwise parse every lesson
// (markdown, YAML, manifests) while the page starts; a build ships the result as JSON instead.
// The dev server does not use it (src/state/course.ts parses there, so a saved lesson shows at
// once). Problems are shipped too: the course map shows them as it would have.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Plugin } from 'vite'
import { buildCourse } from '../src/state/course-parse'

export const COURSE_MODULE = 'virtual:podlab-course'
const RESOLVED = `\0${COURSE_MODULE}`

/** Every file under `dir`, keyed by its path from `root` (as the app's glob of /lessons/ gives them). */
export function readLessonFiles(root: string, dir = join(root, 'lessons')): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) Object.assign(out, readLessonFiles(root, path))
    else out[relative(root, path).split('\\').join('/')] = readFileSync(path, 'utf8')
  }
  return out
}

/** The module's text: the parsed course as a JSON string (JSON.parse is the fastest way in). */
export function courseModule(root: string): string {
  const files = readLessonFiles(root)
  const { lessons, problems } = buildCourse(files, files)
  return `export default ${JSON.stringify(JSON.stringify({ lessons, problems }))}`
}

export function coursePlugin(): Plugin {
  let root = process.cwd()
  return {
    name: 'podlab-course',
    configResolved: (config) => void (root = config.root),
    resolveId: (id) => (id === COURSE_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined
      for (const path of Object.keys(readLessonFiles(root))) this.addWatchFile(join(root, path))
      return courseModule(root)
    },
  }
}
