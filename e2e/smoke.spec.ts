import { expect, test } from '@playwright/test'
import { clockControls as controls, openApp, terminalText, typeLine, watchProblems } from './support'

test.setTimeout(90_000)

test('the app boots to a terminal that runs kubectl, with no console errors and no outside requests', async ({ page, baseURL }) => {
  const problems = watchProblems(page, baseURL!)
  await openApp(page)
  await typeLine(page, 'kubectl get nodes')
  await expect.poll(() => terminalText(page)).toMatch(/^minikube\s+Ready\s+control-plane\s+15m\s+v1\.32\.\d+$/m)
  await page.waitForLoadState('networkidle')
  expect(problems).toEqual([])
})

test('the terminal takes typing before the cluster is up; the command runs once it is', async ({ page, baseURL }) => {
  const problems = watchProblems(page, baseURL!)
  // hold the engine's chunk back: the page must not wait for it
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/assets/engine-chunk-*.js', async (route) => {
    await held
    await route.continue()
  })
  await page.goto('/')
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^\$$/m)
  await expect(page.getByRole('heading', { name: 'Kubernetes Pods' })).toBeVisible()
  await expect(page.locator('.app[data-booted]')).toHaveCount(0)
  await typeLine(page, 'kubectl get nodes')
  await expect.poll(() => terminalText(page)).toBe('$ kubectl get nodes')
  release()
  await expect(page.locator('.app[data-booted]')).toBeAttached({ timeout: 30_000 })
  await expect.poll(() => terminalText(page)).toMatch(/^minikube\s+Ready\s+control-plane\s+15m\s+v1\.32\.\d+$/m)
  // the session echoed the line on a clean screen: it shows once, then its answer and a prompt
  const text = await terminalText(page)
  expect(text.match(/kubectl get nodes/g)).toHaveLength(1)
  expect(text).toMatch(/^\$ kubectl get nodes\nNAME +STATUS +ROLES +AGE +VERSION\nminikube .*\n\$$/)
  expect(problems).toEqual([])
})

test('the page asks for the editor (Monaco) before the engine, and only after the terminal has shown its prompt', async ({ page }) => {
  // the page's clock when the prompt is first in the terminal (looked at every frame), and when
  // the page asks for the editor's chunk (its modulepreload link goes into <head>)
  await page.addInitScript(() => {
    const w = window as { __promptAt?: number; __editorAskedAt?: number }
    const look = () => {
      if (/^\$ ?$/m.test(window.__terminalText?.() ?? '')) w.__promptAt = performance.now()
      else requestAnimationFrame(look)
    }
    requestAnimationFrame(look)
    // (a MutationObserver would be told only after the task that appended the link)
    const append = Element.prototype.append
    Element.prototype.append = function (...nodes) {
      const editor = nodes.some((n) => n instanceof HTMLLinkElement && n.rel === 'modulepreload' && n.href.includes('/EditorPane-'))
      if (editor && w.__editorAskedAt === undefined) w.__editorAskedAt = performance.now()
      return append.apply(this, nodes)
    }
  })
  await page.goto('/')
  await expect(page.locator('.app[data-booted]')).toBeAttached({ timeout: 30_000 })
  const seen = await page.evaluate(() => {
    const w = window as { __promptAt?: number; __editorAskedAt?: number }
    const startUp = performance.getEntriesByName('podlab:start-up')[0] as PerformanceMark | undefined
    return {
      promptAt: w.__promptAt ?? Infinity,
      editorAskedAt: w.__editorAskedAt ?? NaN,
      startUpAt: startUp?.startTime ?? NaN,
      startUpBy: startUp?.detail as unknown,
      engineAt: performance.getEntriesByType('resource').find((r) => r.name.split('/').pop()!.startsWith('engine-chunk-'))?.startTime ?? NaN,
    }
  })
  const listed = JSON.stringify(seen)
  // the rest of the start-up waits for the prompt's frame (or, on a machine too slow to paint
  // one in 1.5 s, for that long)
  expect(['prompt', 'timeout'], listed).toContain(seen.startUpBy)
  if (seen.startUpBy === 'prompt') expect(seen.startUpAt, listed).toBeGreaterThan(seen.promptAt)
  // then the editor's chunk is asked for, and the engine's only after it (when the browser starts
  // each fetch is its own affair: a busy machine may start the preload later)
  expect(seen.editorAskedAt, listed).toBeGreaterThanOrEqual(seen.startUpAt)
  expect(seen.engineAt, listed).toBeGreaterThanOrEqual(seen.editorAskedAt)
  // the editor's chunk is evaluated when the editor shows
  await expect(page.locator('.monaco-editor, [aria-label="Workspace files"]').first()).toBeVisible({ timeout: 30_000 })
})

test('pause, ×60 and +30 s change what kubectl get pods shows', async ({ page }) => {
  const clockControls = controls(page)
  await openApp(page)
  await clockControls.getByRole('button', { name: 'Pause' }).click()
  await typeLine(page, 'kubectl run web --image=nginx')
  await expect.poll(() => terminalText(page)).toMatch(/^pod\/web created$/m)
  // paused: the clock does not move, so the pod stays where it was
  const clock = page.getByTestId('cluster-clock')
  const paused = await clock.textContent()
  await page.waitForTimeout(1500)
  expect(await clock.textContent()).toBe(paused)
  await typeLine(page, 'kubectl get pods --no-headers')
  await expect.poll(() => terminalText(page)).toMatch(/^web\s+0\/1\s+(Pending|ContainerCreating)\s+0\s+0s$/m)
  // +30 s: the image is pulled and the pod runs, 30 s old
  await clockControls.getByRole('button', { name: '+30 s' }).click()
  await typeLine(page, 'clear')
  await typeLine(page, 'kubectl get pods --no-headers')
  await expect.poll(() => terminalText(page)).toMatch(/^web\s+1\/1\s+Running\s+0\s+30s$/m)
  // ×60 and play: a few real seconds are minutes of cluster time
  await clockControls.getByRole('radio', { name: '×60' }).click()
  await clockControls.getByRole('button', { name: 'Play' }).click()
  await page.waitForTimeout(3000)
  await typeLine(page, 'clear')
  await typeLine(page, 'kubectl get pods --no-headers')
  await expect.poll(() => terminalText(page)).toMatch(/^web\s+1\/1\s+Running\s+0\s+(\d+m\d*s?|[3-9]\dm?s?)$/m)
  const age = (await terminalText(page)).match(/^web\s+1\/1\s+Running\s+0\s+(\S+)$/m)![1]!
  expect(age).toMatch(/^\d+m/) // at least a minute: ×60 ran
})
