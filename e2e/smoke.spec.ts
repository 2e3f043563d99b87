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
