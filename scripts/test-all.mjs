// `npm test`: typecheck, lint, unit tests, lessons, build, browser tests.
// Streams every step's output; the very last line is "N passed, N failed".
// typecheck, lint and build count as one check each; vitest and Playwright
// count their tests (read from their JSON reports), lessons:check its lessons.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

process.chdir(fileURLToPath(new URL('..', import.meta.url)))

const UNIT_REPORT = 'test-results/unit.json'
const E2E_REPORT = 'test-results/e2e.json'
let passed = 0
let failed = 0
const problems = []

function fail(what) {
  failed++
  problems.push(what)
}

/** Runs a command with inherited stdio; true when it exited 0. */
function run(title, cmd, args) {
  console.log(`\n=== ${title}: ${cmd} ${args.join(' ')}\n`)
  const result = spawnSync(cmd, args, { stdio: 'inherit' })
  if (result.error) console.error(`${title}: could not start: ${result.error.message}`)
  return result.status === 0
}

/** A step that counts as one check. */
function check(title, cmd, args) {
  const ok = run(title, cmd, args)
  if (ok) passed++
  else fail(`${title} failed`)
  return ok
}

function readReport(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

rmSync(UNIT_REPORT, { force: true })
rmSync(E2E_REPORT, { force: true })

check('typecheck', 'npm', ['run', 'typecheck'])
check('lint', 'npm', ['run', 'lint'])

const unitOk = run('unit tests', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${UNIT_REPORT}`])
const unit = readReport(UNIT_REPORT)
if (!unit) {
  fail(`unit tests: no report at ${UNIT_REPORT}`)
} else {
  const failedBefore = failed
  passed += unit.numPassedTests
  failed += unit.numFailedTests
  if (unit.numFailedTests > 0) problems.push(`unit tests: ${unit.numFailedTests} failed`)
  // A test file that cannot even load reports no tests: count it as one failure.
  for (const file of unit.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0)) {
    fail(`unit tests: ${file.name} failed to run`)
  }
  if (unit.numTotalTests === 0) fail('unit tests: vitest ran 0 tests')
  else if (!unitOk && failed === failedBefore) fail('unit tests: vitest exited non-zero')
}

// Every lesson linted and its solutions replayed: one count per lesson.
console.log('\n=== lessons: npm run lessons:check\n')
const lessons = spawnSync('npx', ['tsx', 'scripts/lessons-check.ts'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
process.stdout.write(lessons.stdout ?? '')
const lessonCounts = /^(\d+) passed, (\d+) failed$/m.exec(lessons.stdout ?? '')
if (!lessonCounts) {
  fail('lessons: lessons:check printed no "N passed, N failed" line')
} else {
  passed += Number(lessonCounts[1])
  failed += Number(lessonCounts[2])
  if (lessonCounts[2] !== '0') problems.push(`lessons: ${lessonCounts[2]} failed`)
}

if (check('build', 'npm', ['run', 'build'])) {
  const e2eOk = run('browser tests', 'npx', ['playwright', 'test'])
  const stats = readReport(E2E_REPORT)?.stats
  if (!stats) {
    fail(`browser tests: no report at ${E2E_REPORT}`)
  } else {
    passed += stats.expected + stats.flaky
    failed += stats.unexpected
    if (stats.unexpected > 0) problems.push(`browser tests: ${stats.unexpected} failed`)
    if (stats.expected + stats.flaky + stats.unexpected === 0) fail('browser tests: Playwright ran 0 tests')
    else if (!e2eOk && stats.unexpected === 0) fail('browser tests: Playwright exited non-zero')
  }
} else {
  fail('browser tests: skipped because the build failed')
}

console.log('')
for (const problem of problems) console.log(`FAILED: ${problem}`)
console.log(`${passed} passed, ${failed} failed`)
process.exitCode = failed > 0 ? 1 : 0
