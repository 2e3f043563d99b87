// What the browser journeys share: the terminal as text, typing a command line, and a watch on
// console errors and requests that leave the page's origin.
import { expect, type Page } from '@playwright/test'

declare global {
  interface Window {
    __terminalText?: () => string
  }
}

/** Console errors, page errors and requests outside `origin`, collected while the page runs. */
export function watchProblems(page: Page, origin: string): string[] {
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`))
  page.on('request', (req) => {
    const url = req.url()
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:') && !url.startsWith('about:')) problems.push(`request outside the app: ${url}`)
  })
  return problems
}

/** The terminal's whole buffer as plain text (the app's test hook). */
export const terminalText = (page: Page) => page.evaluate(() => window.__terminalText?.() ?? '')

/** Types a line into the terminal and presses Enter. */
export async function typeLine(page: Page, line: string) {
  await page.locator('[data-testid=terminal] .xterm-helper-textarea').focus()
  await page.keyboard.type(line)
  await page.keyboard.press('Enter')
}

/** Opens the app and waits until it is up (see `booted`). */
export async function openApp(page: Page) {
  await page.goto('/')
  await booted(page)
}

/**
 * Waits for the world: the page shows a prompt that takes typing before the engine's chunk has
 * arrived, so a test that reads the world or the cluster's views waits for boot as well.
 */
export async function booted(page: Page, timeout = 30_000) {
  await expect(page.locator('.app[data-booted]')).toBeAttached({ timeout })
  await expect.poll(() => terminalText(page), { timeout }).toMatch(/^\$ ?$/m)
}

/** The header's clock controls (pause/play, speeds, +30 s, skip). */
export const clockControls = (page: Page) => page.getByRole('group', { name: 'Cluster clock' })
