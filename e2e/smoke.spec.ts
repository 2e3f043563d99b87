import { expect, test } from '@playwright/test'

const BASE_URL = 'http://localhost:4173' // as in playwright.config.ts

test('the built app renders, with no console errors and no outside requests', async ({ page }) => {
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('request', (req) => {
    const url = req.url()
    if (!url.startsWith(BASE_URL) && !url.startsWith('data:') && !url.startsWith('blob:')) {
      problems.push(`request outside the app: ${url}`)
    }
  })

  await page.goto('/')
  await expect(page.getByRole('heading', { level: 1, name: 'Podlab' })).toBeVisible()
  await page.waitForLoadState('networkidle')

  expect(problems).toEqual([])
})
