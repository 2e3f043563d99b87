import { expect, test, type Page } from '@playwright/test'
import { clockControls, openApp, terminalText, typeLine } from './support'

// Issue 6: a learner goes through lesson 1 by typing, and uses hints and a solution in lesson 6.


async function openLesson(page: Page, title: string) {
  await openApp(page)
  await page.getByRole('button', { name: new RegExp(title) }).click()
  await expect(page.getByRole('article', { name: title })).toBeVisible({ timeout: 30_000 })
}

test.setTimeout(120_000)

const task = (page: Page, title: RegExp) => page.getByRole('region', { name: title })

test('lesson 1, as a learner does it: open the file, apply, get, describe; every task ticks off', async ({ page }) => {
  const errors: string[] = []
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()))
  await openLesson(page, 'Your first pod')
  const lesson = page.getByRole('article', { name: 'Your first pod' })

  // the first task says what is missing, in plain words
  const write = task(page, /Task: Write pods01\.yaml/)
  await expect(write).toContainText('pods01.yaml does not exist yet')
  await lesson.getByRole('button', { name: 'Open in editor' }).first().click()
  await expect(write).toContainText('(done)')
  // the opened file has the keyboard (Ctrl+S saves it, as the lesson says)
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true)
  await expect(page.getByRole('status').filter({ hasText: 'Done: Write pods01.yaml' })).toBeVisible()

  // the cluster runs fast so the image pull does not keep the test waiting
  await clockControls(page).getByRole('radio', { name: '×10' }).click()
  await typeLine(page, 'kubectl apply -f pods01.yaml')
  await expect.poll(() => terminalText(page)).toMatch(/^pod\/webserver created$/m)
  await expect(task(page, /Task: Create the webserver pod/)).toContainText('(done)', { timeout: 30_000 })

  await typeLine(page, 'kubectl get pods -o wide')
  await expect(task(page, /Task: Find the pod's node and IP/)).toContainText('(done)')
  await typeLine(page, 'kubectl get pod webserver -o yaml')
  await expect(task(page, /Task: Read the full pod/)).toContainText('(done)')
  await typeLine(page, 'clear')
  await typeLine(page, 'kubectl describe pod webserver')
  await expect(task(page, /Task: Describe the webserver pod/)).toContainText('(done)')

  await expect(page.getByRole('region', { name: 'Lesson complete' })).toBeVisible()
  await expect(page.getByLabel('5 of 5 tasks done')).toBeVisible()
  expect(errors).toEqual([])
})

test('lesson 6: hints one at a time, then the solution types itself into the terminal', async ({ page }) => {
  await openLesson(page, 'One network namespace')
  const crash = task(page, /Task: Create duplicate-containers/)
  await expect(crash).toContainText('there is no pod named duplicate-containers yet.')

  // Check answers even when nothing has changed: how many tasks pass, and what the first open one
  // still needs, brought into view
  await expect(crash).not.toBeInViewport()
  await page.getByRole('button', { name: 'Check', exact: true }).click()
  const answer = page.getByRole('status').filter({ hasText: /tasks pass\./ })
  await expect(answer).toContainText(/^0 of \d+ tasks pass\. Next, Create duplicate-containers.*: there is no pod named duplicate-containers yet\./)
  await expect(crash).toBeInViewport()

  await crash.getByRole('button', { name: 'Hint' }).click()
  await expect(crash.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(1)
  await crash.getByRole('button', { name: 'Another hint' }).click()
  await expect(crash.getByRole('list', { name: 'Hints' }).getByRole('listitem')).toHaveCount(2)
  await expect(crash.getByRole('button', { name: 'No more hints' })).toBeDisabled()

  // the terminal has its own way to ask
  await typeLine(page, 'hint')
  await expect.poll(() => terminalText(page)).toMatch(/hint/i)

  await clockControls(page).getByRole('radio', { name: '×60' }).click()
  await crash.getByRole('button', { name: 'Show me the solution' }).click()
  await crash.getByRole('button', { name: 'Run it' }).click()
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^pod\/duplicate-containers created$/m)
  await expect(crash).toContainText('(done)', { timeout: 60_000 })
  // the next task is now the current one and says what it wants
  await expect(task(page, /Task: Read the crashed container's previous log/)).toContainText('Not yet:')
})

const TITLE_10 = 'Sidecar, adapter, ambassador'

test('at 1280×720 the header keeps every control on one line, a long lesson title giving way', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 })
  await openLesson(page, TITLE_10)
  // the skip's answer ("+45m58s") takes room too
  await page.getByRole('button', { name: 'Skip to next event' }).click()
  const layout = await page.evaluate(() => {
    const header = document.querySelector<HTMLElement>('.app-header')!
    const buttons = [...header.querySelectorAll<HTMLElement>('button')].filter((b) => !b.classList.contains('lesson-nav-title'))
    const line = header.querySelector<HTMLElement>('[role=radio]')!.getBoundingClientRect().height
    return {
      overflow: header.scrollWidth - header.clientWidth,
      wrapped: buttons.filter((b) => b.getBoundingClientRect().height > line + 1).map((b) => b.textContent),
      title: header.querySelector<HTMLElement>('.lesson-nav-title')!.getBoundingClientRect().height <= line + 1,
    }
  })
  expect(layout).toEqual({ overflow: 0, wrapped: [], title: true })
})
