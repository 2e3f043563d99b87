// The app's benchmark (issue 5 Performance, issue 7 Benchmarks): headless Chromium against
// `vite preview` of a fresh build, on a port of its own. Each run is a fresh browser context
// (cold: no cache, no service worker, no saved state). Prints one JSON object per figure id with
// every run's value; `npm run bench -- app` runs it through scripts/bench.ts for the table.
//   node scripts/bench-app.mjs [--runs N] [--port 4195] [--no-build] [--out FILE] [--screenshots DIR]
// page.evaluate callbacks run in the page
/* global window, document, requestAnimationFrame, HTMLInputElement */
import { chromium } from '@playwright/test'
import { spawn, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'

process.chdir(fileURLToPath(new URL('..', import.meta.url)))

const argv = process.argv.slice(2)
const opt = (name, fallback) => {
  const i = argv.indexOf(name)
  return i >= 0 ? argv[i + 1] : fallback
}
const RUNS = Number(opt('--runs', 3))
const PORT = Number(opt('--port', 4195))
const OUT = opt('--out', undefined)
/** a directory for screenshots of what was measured */
const SHOTS = opt('--screenshots', undefined)
// PODLAB_BENCH_DIST: measure a build made elsewhere (with --no-build), e.g. two builds side by side
const DIST = process.env.PODLAB_BENCH_DIST ?? join(tmpdir(), 'podlab-bench-dist')
const BASE = `http://127.0.0.1:${PORT}`
// chunks of the editor that App.tsx imports lazily: loaded beside the terminal, not needed by it
// Monaco's chunks: the editor pane (Monaco inside) and its workers; not editor-bridge or the yaml library
const MONACO_CHUNK = /\/assets\/(EditorPane-|monaco-setup-|\w+\.worker-)/

function log(...args) {
  console.error('[bench-app]', ...args)
}

async function waitForServer(url, ms) {
  const end = Date.now() + ms
  while (Date.now() < end) {
    try {
      if ((await fetch(url)).ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200))
  }
  throw new Error(`vite preview did not answer on ${url}`)
}

/**
 * The world is up: the page offers a prompt that takes typing before the engine's chunk has
 * arrived, so the figures that measure the running shell and cluster wait for boot.
 */
async function booted(page) {
  await page.locator('.app[data-booted]').waitFor({ state: 'attached', timeout: 30_000 })
  await page.waitForFunction(() => /^\$ ?$/m.test(window.__terminalText?.() ?? ''), undefined, { timeout: 30_000 })
}

/**
 * Navigation start → the terminal echoes a typed key, and → a first command typed on at once has
 * its answer; the lesson text's time; the JS the page asked for before Monaco.
 */
async function coldLoad(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  const scripts = []
  page.on('requestfinished', async (req) => {
    if (req.resourceType() !== 'script') return
    const entry = { url: req.url(), started: req.timing().startTime, bytes: 0 }
    scripts.push(entry)
    const body = await (await req.response())?.body().catch(() => undefined)
    if (body) entry.bytes = gzipSync(body).length
  })
  await page.goto(BASE, { waitUntil: 'commit' })
  // the lesson text and the prompt are each timed in the page as they appear
  await page.evaluate(() => {
    const marks = (window.__benchMarks = {})
    const look = () => {
      const now = performance.now()
      const lesson = document.querySelector('[data-region=lesson]')
      if (!marks.lesson && lesson && lesson.innerText.trim().length > 40 && !/Loading/i.test(lesson.innerText.slice(0, 40))) marks.lesson = now
      if (!marks.prompt && /^\$ ?$/m.test(window.__terminalText?.() ?? '')) marks.prompt = now
      if (!marks.lesson || !marks.prompt) requestAnimationFrame(look)
    }
    look()
  })
  await page.waitForFunction(() => window.__benchMarks.prompt, undefined, { timeout: 30_000, polling: 'raf' })
  // The page's own focus(), as a click would: Playwright's locator.focus() first injects its
  // selector engine into the page, which took 0.4–0.6 s of this figure on the loaded page.
  await page.evaluate(() => document.querySelector('[data-testid=terminal] .xterm-helper-textarea').focus())
  await page.keyboard.type('k')
  const echo = await page.waitForFunction(() => /^\$ k$/m.test(window.__terminalText?.() ?? '') && performance.now(), undefined, { timeout: 10_000, polling: 'raf' })
  const terminalMs = await echo.jsonValue()
  // the rest of a first command, typed on at once: it runs when the cluster is up
  await page.keyboard.type('ubectl get nodes')
  await page.keyboard.press('Enter')
  const answered = await page.waitForFunction(() => /^minikube\s+Ready\s/m.test(window.__terminalText?.() ?? '') && performance.now(), undefined, { timeout: 30_000, polling: 'raf' })
  const commandMs = await answered.jsonValue()
  // the page's clock and the network log's share the navigation start as their origin
  const navStart = await page.evaluate(() => performance.timeOrigin)
  const marks = await page.waitForFunction(() => window.__benchMarks.lesson && window.__benchMarks, undefined, { timeout: 30_000, polling: 200 }).then((h) => h.jsonValue()).catch(() => page.evaluate(() => window.__benchMarks))
  await page.waitForLoadState('networkidle')
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'cold-load.png') })
  // "JS needed before Monaco": every script the page asked for before it asked for Monaco's
  const isMonaco = (s) => MONACO_CHUNK.test(new URL(s.url).pathname)
  const monacoAsked = Math.min(...scripts.filter(isMonaco).map((s) => s.started))
  if (!Number.isFinite(monacoAsked)) throw new Error('the page never loaded Monaco')
  const before = scripts.filter((s) => !isMonaco(s) && s.started < monacoAsked)
  const kb = before.reduce((n, s) => n + s.bytes, 0) / 1024
  log(`JS before Monaco was asked for (${(monacoAsked - navStart).toFixed(0)} ms): ${before.map((s) => `${new URL(s.url).pathname} ${(s.bytes / 1024).toFixed(1)} KB`).join(', ')}`)
  await context.close()
  return { terminal: terminalMs, command: commandMs, lesson: marks.lesson ?? Infinity, js: kb }
}

/**
 * Navigation start → Monaco shows a file. A fresh workspace opens no file, so the benchmark makes
 * one the moment the editor pane offers it (New file), as a learner would.
 */
async function monacoReady(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.goto(BASE, { waitUntil: 'commit' })
  const ms = await newFileInEditor(page)
  await context.close()
  return ms
}

/**
 * Makes pod.yaml with the editor's New file once the pane offers it; resolves to the page's time
 * when Monaco shows it. The page clicks and types itself: Playwright's locators would first inject
 * their selector engine into the page, which costs the loading page 0.4–0.6 s (see coldLoad).
 */
function newFileInEditor(page) {
  return page.evaluate(async () => {
    const frame = () => new Promise((resolve) => requestAnimationFrame(resolve))
    const until = async (find) => {
      for (let found = find(); ; found = find()) {
        if (found) return found
        await frame()
      }
    }
    ;(await until(() => document.querySelector('button[aria-label="New file"]'))).click()
    const input = await until(() => document.getElementById('explorer-new'))
    // a React input takes a value set through the element's own setter, then an input event
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(input, 'pod.yaml')
    input.dispatchEvent(new Event('input', { bubbles: true }))
    await frame()
    input.form.requestSubmit()
    await until(() => document.querySelector('.monaco-editor .view-lines .view-line'))
    return performance.now()
  })
}

/**
 * A learner's next visit: the service worker has precached the build on the first one (and the
 * browser keeps the code it compiled), the save holds an open pod.yaml. Navigation start → the
 * terminal echoes a typed key, → a first command has its answer, and → Monaco shows the file. Issue 5's budgets are for the cold
 * load; this is what a class sees every day after the first.
 */
async function repeatVisit(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.goto(BASE, { waitUntil: 'commit' })
  await newFileInEditor(page)
  await page.waitForFunction(() => navigator.serviceWorker?.controller?.state === 'activated', undefined, { timeout: 60_000 })
  // the save follows a change within a second
  await page.waitForTimeout(2000)
  await page.goto(BASE, { waitUntil: 'commit' })
  await page.evaluate(() => {
    const marks = (window.__benchMarks = {})
    const look = () => {
      const now = performance.now()
      if (!marks.prompt && /^\$ ?$/m.test(window.__terminalText?.() ?? '')) marks.prompt = now
      if (!marks.monaco && document.querySelector('.monaco-editor .view-lines .view-line')) marks.monaco = now
      if (!marks.prompt || !marks.monaco) requestAnimationFrame(look)
    }
    look()
  })
  await page.waitForFunction(() => window.__benchMarks.prompt, undefined, { timeout: 30_000, polling: 'raf' })
  await page.evaluate(() => document.querySelector('[data-testid=terminal] .xterm-helper-textarea').focus())
  await page.keyboard.type('k')
  const echo = await page.waitForFunction(() => /^\$ k$/m.test(window.__terminalText?.() ?? '') && performance.now(), undefined, { timeout: 10_000, polling: 'raf' })
  const terminal = await echo.jsonValue()
  await page.keyboard.type('ubectl get nodes')
  await page.keyboard.press('Enter')
  // the answer below the line typed now (the restored scrollback has an older one)
  const answered = await page.waitForFunction(() => /^\$ kubectl get nodes\nNAME .*\nminikube\s+Ready\s/m.test(window.__terminalText?.() ?? '') && performance.now(), undefined, { timeout: 30_000, polling: 'raf' })
  const command = await answered.jsonValue()
  const monaco = await page.waitForFunction(() => window.__benchMarks.monaco, undefined, { timeout: 30_000, polling: 'raf' }).then((h) => h.jsonValue())
  await context.close()
  return { terminal, command, monaco }
}

/**
 * Keydown → the end of the frame that paints the echo (median of 50 keys), and how many of the 50
 * echoes missed the first frame after their key ("within one frame" taken literally).
 */
async function echoLatency(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.goto(BASE)
  await booted(page)
  await page.locator('[data-testid=terminal] .xterm-helper-textarea').focus()
  // From keydown to the end of the frame that paints the echo: each animation frame after the key
  // looks whether the buffer has the echo (the terminal draws it in that same frame, in its own
  // frame callback); once it has, a message posted then runs after that frame has been painted.
  await page.evaluate(() => {
    const ch = new MessageChannel()
    window.__benchEcho = []
    window.addEventListener('keydown', (e) => {
      // the typed letters only (not Control+U between the halves, nor the Control key itself)
      if (e.key.length !== 1 || e.ctrlKey || e.altKey || e.metaKey) return
      const t0 = performance.now()
      const before = window.__terminalText()
      let frames = 0
      const frame = () => {
        frames++
        if (window.__terminalText() === before) return void requestAnimationFrame(frame)
        const inBuffer = performance.now() - t0
        ch.port1.onmessage = () => window.__benchEcho.push({ frame: performance.now() - t0, inBuffer, frames })
        ch.port2.postMessage(0)
      }
      requestAnimationFrame(frame)
    }, { capture: true })
  })
  const keys = 'abcdefghijklmnopqrstuvwxy'
  for (let i = 0; i < 50; i++) {
    await page.keyboard.press(keys[i % keys.length])
    await page.waitForFunction((n) => window.__benchEcho.length > n, i, { polling: 'raf' })
    if (i === 24) await page.keyboard.press('Control+U')
  }
  const samples = await page.evaluate(() => window.__benchEcho)
  await context.close()
  const frames = samples.map((s) => s.frame).sort((a, b) => a - b)
  const buffer = samples.map((s) => s.inBuffer).sort((a, b) => a - b)
  const late = samples.filter((s) => s.frames > 1).length
  log(`echo: seen by the first frame's callback p50 ${buffer[25].toFixed(1)} ms, painted p50 ${frames[25].toFixed(1)} ms, p95 ${frames[47].toFixed(1)} ms; ${late} of 50 missed the first frame`)
  return { painted: frames[25], late }
}

/** Lesson 1 solved through its own "Show me the solution" buttons, then the JS heap after a GC. */
async function heapAfterLesson1(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.goto(BASE)
  await booted(page)
  await page.getByRole('button', { name: /Your first pod/ }).first().click()
  await page.getByRole('article', { name: 'Your first pod' }).waitFor({ timeout: 30_000 })
  await page.getByRole('group', { name: 'Cluster clock' }).getByRole('radio', { name: '×60' }).click()
  for (let i = 0; i < 20; i++) {
    if (await page.getByRole('region', { name: 'Lesson complete' }).isVisible()) break
    const solve = page.getByRole('button', { name: 'Show me the solution' }).first()
    await solve.waitFor({ timeout: 60_000 })
    await solve.click()
    await page.getByRole('button', { name: 'Run it' }).click()
    await page.waitForFunction(() => ![...document.querySelectorAll('button')].some((b) => b.textContent === 'Solving…'), undefined, { timeout: 60_000 })
  }
  await page.getByRole('region', { name: 'Lesson complete' }).waitFor({ timeout: 60_000 })
  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const { usedSize } = await cdp.send('Runtime.getHeapUsage')
  await context.close()
  return usedSize / 2 ** 20
}

/** 200 pods (110 Running on the one node, the rest Pending), the Cluster view scrolled top to bottom and back for 3 s: frames per second. */
async function scrollFps(browser) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } })
  const page = await context.newPage()
  await page.goto(BASE)
  await booted(page)
  await page.evaluate(async () => {
    const world = window.__podlab.world()
    for (let i = 0; i < 200; i++) {
      await world.cluster.api.create('pods', {
        apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${i}`, labels: { app: `app-${i % 10}` } },
        spec: { containers: [{ name: 'web', image: 'nginx', resources: { requests: { cpu: '5m', memory: '8Mi' } } }] },
      }, { namespace: 'default' })
    }
  })
  await page.getByRole('tab', { name: 'Cluster' }).click()
  await page.getByRole('group', { name: 'Cluster clock' }).getByRole('radio', { name: '×60' }).click()
  await page.waitForFunction(() => document.querySelectorAll('button[data-pod^="default/web-"]').length === 200, undefined, { timeout: 60_000 })
  // the node takes 110 pods: 5 virtual minutes start its share, then the clock goes back to real time, as a learner has it
  await page.waitForTimeout(5000)
  await page.getByRole('group', { name: 'Cluster clock' }).getByRole('radio', { name: '×1', exact: true }).click()
  await page.waitForTimeout(1000)
  const { fps, frames, range } = await page.evaluate(() => new Promise((resolve) => {
    const box = document.querySelector('.cluster-main')
    const range = box.scrollHeight - box.clientHeight
    const t0 = performance.now()
    let frames = 0
    const step = (now) => {
      frames++
      const t = (now - t0) / 3000
      // one full sweep down and back up in 1.5 s, twice
      const phase = (t * 2) % 1
      box.scrollTop = range * (phase < 0.5 ? phase * 2 : 2 - phase * 2)
      if (now - t0 < 3000) requestAnimationFrame(step)
      else resolve({ fps: frames / ((now - t0) / 1000), frames, range })
    }
    requestAnimationFrame(step)
  }))
  if (SHOTS) await page.screenshot({ path: join(SHOTS, 'cluster-200-pods.png') })
  log(`scroll: ${frames} frames over 3 s, ${range} px of pods`)
  if (range < 1000) throw new Error(`the cluster view scrolls only ${range} px with 200 pods: not measured`)
  await context.close()
  return fps
}

async function main() {
  if (!argv.includes('--no-build')) {
    log(`vite build → ${DIST}`)
    const b = spawnSync('npx', ['vite', 'build', '--outDir', DIST, '--logLevel', 'warn'], { stdio: ['ignore', 'ignore', 'inherit'] })
    if (b.status !== 0) throw new Error('vite build failed')
  }
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', DIST], { stdio: 'ignore', detached: true })
  const stop = () => {
    try {
      process.kill(-server.pid)
    } catch {
      // already gone
    }
  }
  process.on('exit', stop)
  try {
    // loading vite.config.ts takes vite preview 10–20 s on this machine (and 4190 is a port
    // browsers refuse: fetch's "bad port" list)
    await waitForServer(BASE, 120_000)
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--headless', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    })
    const values = { 'app-terminal': [], 'app-first-command': [], 'app-lesson': [], 'app-monaco': [], 'app-repeat-terminal': [], 'app-repeat-command': [], 'app-repeat-monaco': [], 'app-js-before-monaco': [], 'app-echo': [], 'app-echo-late': [], 'app-heap-lesson1': [], 'app-scroll-fps': [] }
    try {
      // one warm-up load: the first Chromium start pays for its own disk cache and fonts
      await coldLoad(browser)
      for (let r = 0; r < RUNS; r++) {
        log(`run ${r + 1}/${RUNS}`)
        const cold = await coldLoad(browser)
        values['app-terminal'].push(cold.terminal)
        values['app-first-command'].push(cold.command)
        values['app-lesson'].push(cold.lesson)
        values['app-monaco'].push(await monacoReady(browser))
        const repeat = await repeatVisit(browser)
        values['app-repeat-terminal'].push(repeat.terminal)
        values['app-repeat-command'].push(repeat.command)
        values['app-repeat-monaco'].push(repeat.monaco)
        values['app-js-before-monaco'].push(cold.js)
        const echo = await echoLatency(browser)
        values['app-echo'].push(echo.painted)
        values['app-echo-late'].push(echo.late)
        values['app-heap-lesson1'].push(await heapAfterLesson1(browser))
        values['app-scroll-fps'].push(await scrollFps(browser))
      }
    } finally {
      await browser.close()
    }
    const text = JSON.stringify(values)
    if (OUT) writeFileSync(OUT, text)
    else console.log(text)
  } finally {
    stop()
  }
}

main().catch((e) => {
  console.error(`bench-app: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`)
  process.exitCode = 1
})
