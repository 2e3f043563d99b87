import { defineConfig } from '@playwright/test'

// PW_PORT / PW_DIST let several builds be tested side by side (engineers working in parallel).
const PORT = Number(process.env.PW_PORT ?? 4173)
const DIST = process.env.PW_DIST ?? 'dist'
const BASE_URL = `http://localhost:${PORT}`

export default defineConfig({
  testDir: 'e2e',
  // Playwright empties outputDir on start: keep it apart from test-results/unit.json.
  outputDir: 'test-results/playwright',
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  workers: 1, // 2 cores
  retries: 0,
  forbidOnly: !!process.env.CI,
  use: {
    baseURL: BASE_URL,
    browserName: 'chromium',
    headless: true,
    // Debian's chromium; Playwright downloads no browser here.
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--headless',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    url: BASE_URL,
    reuseExistingServer: !process.env.CI,
  },
})
