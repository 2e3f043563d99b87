import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { terminalText, typeLine, watchProblems, booted } from './support'
import { readFile } from 'node:fs/promises'

// Nothing is lost: reload resumes the cluster, files, history, scrollback and clock; the app
// works offline after one visit; a damaged save never blanks the page; export → import round trip.

// every journey boots the app (and some twice) on a 2-core machine shared with other runs
test.describe.configure({ timeout: 90_000 })

interface WorldHook {
  now(): number
  advance(ms: number): void
  clockControl: { paused: boolean; speed: number }
}
/** Cluster time (epoch ms) and whether the clock is paused. */
const clockOf = (page: Page) =>
  page.evaluate(() => {
    const w = window.__podlab!.world() as WorldHook
    return { now: w.now(), paused: w.clockControl.paused }
  })

async function ready(page: Page) {
  await booted(page, 15_000)
}

/** Waits until every change so far has reached IndexedDB (the header's save status). */
async function waitForSave(page: Page) {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', { timeout: 5_000 })
}

async function openSaveMenu(page: Page) {
  await page.getByRole('button', { name: 'Save ▾' }).click()
  await expect(page.getByRole('group', { name: 'Save and reset' })).toBeVisible()
}

/** Writes `value` as the current save straight into IndexedDB, as idb-keyval stores it. */
async function writeRawSave(page: Page, value: string) {
  await page.evaluate(
    (v) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('podlab')
        open.onupgradeneeded = () => open.result.createObjectStore('saves')
        open.onerror = () => reject(open.error)
        open.onsuccess = () => {
          const tx = open.result.transaction('saves', 'readwrite')
          tx.objectStore('saves').put(v, 'save')
          tx.oncomplete = () => {
            open.result.close()
            resolve()
          }
          tx.onerror = () => reject(tx.error)
        }
      }),
    value,
  )
}

test('reload resumes the pod (same age), files, history, scrollback and the clock', async ({ page, baseURL }) => {
  const problems = watchProblems(page, baseURL!)
  await page.goto('/')
  await ready(page)
  await typeLine(page, 'kubectl run web --image=nginx')
  await expect.poll(() => terminalText(page)).toMatch(/^pod\/web created$/m)
  await typeLine(page, 'echo "kept across reloads" > notes.txt')
  await typeLine(page, 'echo scrollback-marker')
  await page.evaluate(() => (window.__podlab!.world() as WorldHook).advance(60_000))
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  await typeLine(page, 'kubectl get pods --no-headers')
  const podLine = /^web\s+\d\/1\s+\w+\s+\d+\s+\d+s$/m
  await expect.poll(() => terminalText(page)).toMatch(podLine)
  const listed = podLine.exec(await terminalText(page))![0]
  await waitForSave(page)
  const before = await clockOf(page)
  expect(before.paused).toBe(true)
  const capture = await page.getByTestId('save-status').getAttribute('data-capture-ms')
  console.log(`autosave capture (snapshot + JSON) with one pod: ${capture} ms`)

  await page.reload()
  await ready(page)
  // the clock resumed exactly where it was, still paused
  expect(await clockOf(page)).toEqual(before)
  // the old scrollback is shown, followed by one fresh prompt
  const shown = await terminalText(page)
  expect(shown).toContain('scrollback-marker')
  expect(shown).toMatch(/pod\/web created/)
  expect(shown.trimEnd().endsWith('$')).toBe(true)

  await typeLine(page, 'clear')
  await typeLine(page, 'kubectl get pods --no-headers')
  // paused across the reload: the same phase and the same age as before
  await expect.poll(() => terminalText(page)).toContain(`\n${listed}\n`)
  await typeLine(page, 'cat notes.txt')
  await expect.poll(() => terminalText(page)).toMatch(/^kept across reloads$/m)

  // history: after clear, cat, get, clear typed since the reload and the get pods before it,
  // ↑ six times reaches the echo typed before the reload
  await typeLine(page, 'clear')
  await page.locator('[data-testid=terminal] .xterm-helper-textarea').focus()
  for (let i = 0; i < 6; i++) await page.keyboard.press('ArrowUp')
  await expect.poll(() => terminalText(page)).toMatch(/^\$ echo scrollback-marker$/m)
  await page.keyboard.press('Control+c')

  // play again: the clock moves on from where it was
  await page.getByRole('button', { name: 'Play', exact: true }).click()
  await expect.poll(async () => (await clockOf(page)).now).toBeGreaterThan(before.now)
  expect(problems).toEqual([])
})

test('a reload right after typing keeps what was just done (the page says its last words)', async ({ page }) => {
  await page.goto('/')
  await ready(page)
  await typeLine(page, 'echo just-now > quick.txt')
  await expect.poll(() => terminalText(page)).toMatch(/echo just-now > quick\.txt\n\$/)
  // no waiting for the autosave: reload at once
  await page.reload()
  await ready(page)
  await typeLine(page, 'cat quick.txt')
  await expect.poll(() => terminalText(page)).toMatch(/^just-now$/m)
})

test('a second tab shows the work but saves nothing until Podlab is moved to it', async ({ page, context }) => {
  await page.goto('/')
  await ready(page)
  await typeLine(page, 'echo one > one.txt')
  // (with the clock running every moment is a change; paused, the saves catch up)
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  await waitForSave(page)
  const second = await context.newPage()
  await second.goto('/')
  await ready(second)
  const otherTab = (p: Page) => p.getByRole('status').filter({ hasText: 'Podlab is open in another tab' })
  const notice = otherTab(second)
  await expect(notice).toBeVisible()
  await expect(otherTab(page)).toHaveCount(0)
  // the second tab starts from the first one's save, and what is done in it is not saved
  await typeLine(second, 'cat one.txt; echo two > two.txt')
  await expect.poll(() => terminalText(second)).toMatch(/^one$/m)
  await expect(second.getByTestId('save-status')).toHaveAttribute('data-state', 'failed')
  // no waiting for the first tab's autosave: moving Podlab makes it save before it lets go
  await typeLine(page, 'echo three > three.txt')
  await expect.poll(() => terminalText(page)).toMatch(/echo three > three\.txt\n\$/)
  // moving Podlab: the first tab saves and lets go, the second reloads from that save
  // (the second tab reloads once the first has let go: wait for that load, not for the old page)
  const reloaded = second.waitForEvent('load')
  await notice.getByRole('button', { name: 'Use this tab instead' }).click()
  await reloaded
  await ready(second)
  await expect(otherTab(second)).toHaveCount(0)
  await typeLine(second, 'ls *.txt')
  await expect.poll(() => terminalText(second)).toMatch(/^one\.txt\s+three\.txt$/m)
  await expect(otherTab(page)).toBeVisible()
  // the first tab, closed now, leaves nothing over the second one's work
  await typeLine(second, 'echo four > four.txt')
  await page.close()
  // (the clock came over paused, as the first tab left it)
  await waitForSave(second)
  await second.reload()
  await ready(second)
  await typeLine(second, 'ls *.txt')
  await expect.poll(() => terminalText(second)).toMatch(/^four\.txt\s+one\.txt\s+three\.txt$/m)
})

test('after one visit the app works offline, and nothing is requested from outside', async ({ page, context, baseURL }) => {
  const problems = watchProblems(page, baseURL!)
  await page.goto('/')
  await ready(page)
  await page.evaluate(() => navigator.serviceWorker.ready)
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true)
  // the Save menu says so (a teacher can check a student's browser there)
  await page.getByRole('button', { name: 'Save ▾' }).click()
  await expect(page.getByTestId('offline-copy')).toHaveAttribute('data-state', 'kept')
  await expect(page.getByTestId('offline-copy')).toHaveText('Works offline: this browser keeps a copy of Podlab.')
  await page.keyboard.press('Escape')
  // the first visit loads the editor too, so its chunks and workers are seen once online
  await page.getByRole('tab', { name: 'Editor' }).click()

  await context.setOffline(true)
  const resp = await page.reload()
  expect(resp?.fromServiceWorker()).toBe(true)
  await ready(page)
  await typeLine(page, 'kubectl get nodes')
  await expect.poll(() => terminalText(page)).toMatch(/^minikube\s+Ready\s+control-plane/m)

  // the editor (Monaco, lazily loaded) and its YAML worker work offline: a schema marker
  await typeLine(page, "printf 'apiVersion: v1\\nkind: Pod\\nmetadata:\\n  name: x\\nspec:\\n  restartPolicy: Sometimes\\n  containers: []\\n' > pod.yaml")
  await typeLine(page, 'nano pod.yaml')
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('restartPolicy', { timeout: 30_000 })
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __monaco?: { editor: { getModelMarkers(f: object): unknown[] } } }).__monaco?.editor.getModelMarkers({}).length ?? 0), { timeout: 30_000 })
    .toBeGreaterThan(0)

  expect(problems).toEqual([])
  // a request the service worker has not precached fails: we really are offline
  expect(await page.evaluate(() => fetch('/not-precached.txt').then(() => 'fetched', () => 'failed'))).toBe('failed')
})

test('a damaged save: a notice, a working fresh terminal, and the save kept for download', async ({ page, baseURL }) => {
  // write the damaged save from a page of the same origin that does not run the app
  await page.goto('/robots.txt')
  const garbled = '{"format":"podlab-save","version":1,"savedAt":17000000,"world":{"format":"podlab-wor'
  await writeRawSave(page, garbled)

  // (watched from here: a text page makes the browser ask for /favicon.ico, a 404)
  const problems = watchProblems(page, baseURL!)
  await page.goto('/')
  const notice = page.getByRole('alert')
  // the notice comes with boot, which a loaded machine can take a while to finish
  await expect(notice).toContainText('Your saved work could not be loaded: it is cut short (incomplete JSON). A fresh cluster was started.', { timeout: 30_000 })
  await ready(page)
  await typeLine(page, 'kubectl get pods')
  await expect.poll(() => terminalText(page)).toMatch(/^No resources found in default namespace\.$/m)

  await openSaveMenu(page)
  await page.screenshot({ path: 'test-results/persist-damaged-notice.png' })
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Download the unreadable save' }).click()
  const file = await download
  expect(file.suggestedFilename()).toMatch(/^podlab-unreadable-save-\d{4}-\d\d-\d\d-\d{4}\.json$/)
  expect(await readFile(await file.path(), 'utf8')).toBe(garbled)

  // the fresh world replaces the damaged save in storage: the next visit loads quietly
  // (with the clock running every moment is a change; paused, the saves catch up)
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  await waitForSave(page)
  await page.reload()
  await ready(page)
  await expect(page.getByRole('alert')).toHaveCount(0)
  expect(problems).toEqual([])
})

test('a save whose cluster does not restore is reported too', async ({ page, browser, baseURL }) => {
  // a good world's snapshot, made in a browser context of its own: that app's saves as it goes
  // away (IndexedDB, last words) land in its own storage, never over the damaged save below
  const other = await browser.newContext({ baseURL })
  const maker = await other.newPage()
  await maker.goto('/')
  await ready(maker)
  const good = await maker.evaluate(() => (window.__podlab!.world() as unknown as { snapshot(): unknown }).snapshot())
  await other.close()
  const save = { format: 'podlab-save', version: 1, savedAt: 1, world: good, layout: {}, editor: { openFiles: [] }, prefs: {} } as Record<string, unknown>
  ;(save.world as { cluster: { store: unknown } }).cluster.store = {}
  // this context has never run the app: nothing but this save is in its storage
  await page.goto('/robots.txt')
  await writeRawSave(page, JSON.stringify(save))
  await page.goto('/')
  // the notice comes with boot, which a loaded machine can take a while to finish
  await expect(page.getByRole('alert')).toContainText(/its cluster could not be restored/, { timeout: 30_000 })
  await ready(page)
})

test('export, reset everything, import: the round trip brings everything back; a bad file changes nothing', async ({ page, baseURL }) => {
  const problems = watchProblems(page, baseURL!)
  await page.goto('/')
  await ready(page)
  await typeLine(page, 'kubectl run exported --image=nginx')
  await expect.poll(() => terminalText(page)).toMatch(/^pod\/exported created$/m)
  await typeLine(page, 'echo exported-file > mine.txt')
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  const clock = await clockOf(page)

  await openSaveMenu(page)
  const download = page.waitForEvent('download')
  await page.getByRole('button', { name: 'Export to a file…' }).click()
  const exported = await download
  expect(exported.suggestedFilename()).toMatch(/^podlab-\d{4}-\d\d-\d\d-\d{4}\.json$/)
  // keep the content, not the path: Playwright's artifacts folder is shared with other runs
  const exportedText = await readFile(await exported.path(), 'utf8')
  expect(JSON.parse(exportedText)).toMatchObject({ format: 'podlab-save', version: 1 })

  // reset everything, behind an accessible confirmation dialog
  await openSaveMenu(page)
  await page.getByRole('button', { name: 'Reset everything…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Reset everything?' })
  await expect(dialog).toBeVisible()
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused()
  const axe = await new AxeBuilder({ page }).analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([])
  await page.screenshot({ path: 'test-results/persist-reset-dialog.png' })
  await dialog.getByRole('button', { name: 'Reset everything' }).click()
  await expect(dialog).toBeHidden()
  await ready(page)
  await typeLine(page, 'kubectl get pods')
  await expect.poll(() => terminalText(page)).toMatch(/^No resources found in default namespace\.$/m)

  // a bad file: a clear message, and nothing changes
  await typeLine(page, 'echo after-reset > after.txt')
  await page.getByTestId('import-file').setInputFiles({ name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"kind":"Pod"}') })
  const refused = page.getByRole('dialog', { name: 'Nothing was imported' })
  await expect(refused).toContainText('This file cannot be imported: it is not a Podlab save (format missing).')
  await refused.getByRole('button', { name: 'OK' }).click()
  await typeLine(page, 'cat after.txt')
  await expect.poll(() => terminalText(page)).toMatch(/^after-reset$/m)

  // the exported file brings everything back
  await page.getByTestId('import-file').setInputFiles({ name: exported.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(exportedText) })
  const imported = page.getByRole('dialog', { name: 'Imported' })
  await expect(imported).toBeVisible()
  await imported.getByRole('button', { name: 'OK' }).click()
  await ready(page)
  expect(await clockOf(page)).toEqual(clock)
  await typeLine(page, 'clear')
  await typeLine(page, 'kubectl get pods --no-headers; cat mine.txt')
  await expect.poll(() => terminalText(page)).toMatch(/^exported\s+\d\/1\s+\w+\s+0\s+\d+s\nexported-file$/m)
  await page.screenshot({ path: 'test-results/persist-after-import.png' })
  expect(problems).toEqual([])
})

test('reload mid-lesson resumes the lesson; Reset lesson starts it over', async ({ page, baseURL }) => {
  const problems = watchProblems(page, baseURL!)
  await page.goto('/')
  await ready(page)
  await page.getByRole('button', { name: /Your first pod/ }).click()
  const lesson = page.getByRole('article', { name: 'Your first pod' })
  await expect(lesson).toBeVisible({ timeout: 15_000 })
  await ready(page)
  await typeLine(page, 'echo in-the-lesson > lesson-notes.txt')
  await page.getByRole('button', { name: 'Pause', exact: true }).click()
  await waitForSave(page)
  const before = await clockOf(page)

  await page.reload()
  await expect(lesson).toBeVisible({ timeout: 15_000 })
  await ready(page)
  expect(await clockOf(page)).toEqual(before)
  expect(await terminalText(page)).toContain('echo in-the-lesson')
  await typeLine(page, 'cat lesson-notes.txt')
  await expect.poll(() => terminalText(page)).toMatch(/^in-the-lesson$/m)

  await openSaveMenu(page)
  await page.getByRole('button', { name: 'Reset lesson…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Reset the lesson?' })
  await expect(dialog).toContainText('“Your first pod” starts over')
  await dialog.getByRole('button', { name: 'Reset lesson' }).click()
  await expect(dialog).toBeHidden()
  await expect(lesson).toBeVisible()
  await ready(page)
  expect(await terminalText(page)).not.toContain('in-the-lesson')
  await typeLine(page, 'cat lesson-notes.txt')
  await expect.poll(() => terminalText(page)).toMatch(/No such file or directory/)
  expect(problems).toEqual([])
})
