import { expect, test, type Locator, type Page } from '@playwright/test'
import { booted, openApp, terminalText, typeLine } from './support'
import { corpus } from './xss-corpus'

// Issue 7, security: the built app's Content-Security-Policy allows everything the app does and
// nothing else (no inline script, no other origin), and no payload of the XSS corpus runs when it
// comes through a lesson file, the cluster (annotations, logs, events, ConfigMaps) or a pod's page.

declare global {
  interface Window {
    __csp?: string[]
    __inlineRan?: number
    __evalRan?: number
  }
}

test.describe.configure({ timeout: 120_000 })

/**
 * What would show an attack or a policy too tight: CSP violations (the event, in every frame
 * where script may run, and Chromium's console report, which sandboxed frames send too), dialogs,
 * page errors and requests that leave the origin.
 */
function watch(page: Page, origin: string) {
  const seen = { csp: [] as string[], dialogs: [] as string[], errors: [] as string[], outside: [] as string[] }
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.csp.push(`${m.text()} in ${m.location().url}`)
  })
  page.on('dialog', (d) => {
    seen.dialogs.push(`${d.type()}: ${d.message()}`)
    void d.dismiss()
  })
  page.on('pageerror', (e) => seen.errors.push(e.message))
  page.on('request', (r) => {
    const url = r.url()
    if (!url.startsWith(origin) && !/^(data|blob|about):/.test(url)) seen.outside.push(url)
  })
  return seen
}

async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    window.__csp = []
    document.addEventListener(
      'securitypolicyviolation',
      (e) => window.__csp!.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'}${e.sourceFile ? ` in ${new URL(e.sourceFile).pathname}` : ''}`),
      true,
    )
  })
}

const violations = (page: Page) => page.evaluate(() => window.__csp ?? [])

/**
 * Reports Chromium makes while DOMPurify parses dirty HTML into its inert document: it checks an
 * inline handler, and a <base href>, against the page's policy as it parses them, even in a
 * document that can never run or use them (`new DOMParser().parseFromString('<b onclick=x>')`
 * makes the same report). Nothing ran; the sanitiser drops both before the HTML reaches a page.
 */
const SANITIZER_PARSE = /^(script-src-attr blocked inline|base-uri blocked \(inline\)) in \/assets\/purify\.es-[\w-]+\.js$/
const SANITIZER_PARSE_CONSOLE = /^(Executing inline event handler|Setting the document's base URI) .* in http:\/\/[^/]+\/assets\/purify\.es-[\w-]+\.js$/s

/** Everything `seen` and the page recorded, less the sanitiser's parse-time reports. */
async function problems(page: Page, seen: ReturnType<typeof watch>) {
  return {
    violations: (await violations(page)).filter((v) => !SANITIZER_PARSE.test(v)),
    ...seen,
    csp: seen.csp.filter((c) => !SANITIZER_PARSE_CONSOLE.test(c)),
  }
}
const NONE = { violations: [], csp: [], dialogs: [], errors: [], outside: [] }

/** Puts a file in the learner's workspace (as the editor would). */
async function writeFile(page: Page, name: string, text: string) {
  await page.evaluate(([n, t]) => {
    const world = window.__podlab!.world() as { session: { fs: { writeFile(p: string, d: string): void } } }
    world.session.fs.writeFile(`/root/${n}`, t)
  }, [name, text])
}

async function runNginx(page: Page, name: string) {
  await typeLine(page, `kubectl run ${name} --image=nginx`)
  await typeLine(page, `kubectl wait --for=condition=Ready pod/${name} --timeout=120s`)
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(new RegExp(`pod/${name} condition met`))
}

/** Nothing in `root` that could run script: no script elements, frames, plugins, <base> or <meta>, handlers or script URLs (a form without them is inert). */
async function expectInert(root: Locator) {
  const found = await root.evaluate((el) => {
    const bad: string[] = []
    for (const node of [el, ...Array.from(el.querySelectorAll('*'))]) {
      const tag = node.tagName.toLowerCase()
      if (['script', 'iframe', 'frame', 'object', 'embed', 'base', 'meta'].includes(tag)) bad.push(`<${tag}>`)
      for (const a of Array.from(node.attributes)) {
        // browsers ignore control characters and spaces in a URL's scheme
        const value = [...a.value].filter((c) => c.charCodeAt(0) > 0x20).join('').toLowerCase()
        if (a.name.startsWith('on')) bad.push(`<${tag} ${a.name}>`)
        else if (/^(javascript:|vbscript:|data:text)/.test(value)) bad.push(`<${tag} ${a.name}=${a.value}>`)
      }
    }
    return bad
  })
  expect(found).toEqual([])
}

test('the built app runs every view under its CSP without a violation, and the policy blocks inline script and other origins', async ({ page, baseURL }) => {
  const seen = watch(page, baseURL!)
  await recordViolations(page)

  // the page as served: the policy first in <head>, every script an external file (registerSW.js too)
  const html = await (await page.request.get('/')).text()
  const meta = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)">/)
  expect(meta, 'the CSP meta tag').not.toBeNull()
  expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'))
  expect(meta![1]).toContain('script-src &#39;self&#39;;')
  const scripts = html.match(/<script\b[^>]*>/g) ?? []
  expect(scripts.length).toBeGreaterThan(0)
  for (const s of scripts) expect(s).toMatch(/\ssrc="\/[^"]+"/)
  expect(html).not.toMatch(/<script\b[^>]*>[^<]/)
  expect(html).not.toMatch(/\son[a-z]+=/i)

  // the lesson view, and its file block opening in the editor
  await openApp(page)
  await page.getByRole('button', { name: /Your first pod/ }).click()
  const lesson = page.getByRole('article', { name: 'Your first pod' })
  await expect(lesson).toBeVisible({ timeout: 30_000 })
  await lesson.getByRole('button', { name: 'Open in editor' }).first().click()
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('apiVersion')

  // Monaco with a YAML file: its workers start and validate under the policy
  await writeFile(page, 'bad.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: bad\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: c\n    image: nginx\n')
  await typeLine(page, 'code bad.yaml')
  await expect(page.locator('.editor-tab[aria-current=page]')).toHaveText('bad.yaml')
  const markers = () =>
    page.evaluate(() => {
      const monaco = window.__monaco!
      return monaco.editor.getModelMarkers({ resource: monaco.Uri.file('/root/bad.yaml') }).map((m) => m.message)
    })
  await expect.poll(markers, { timeout: 20_000 }).toEqual(expect.arrayContaining([expect.stringMatching(/^Value is not accepted. Valid values: "Always"/)]))

  // the cluster view with a pod's details
  await page.getByRole('tab', { name: 'Cluster' }).click()
  await expect(page.getByRole('heading', { name: 'Node minikube' })).toBeVisible()
  await runNginx(page, 'web')
  await page.locator('button[data-pod="default/web"]').click()
  await expect(page.getByTestId('pod-details')).toContainText(/^Status:\s+Running$/m)

  // the preview of nginx's welcome page through a port-forward: its inline <style> is allowed
  await typeLine(page, 'kubectl port-forward web 8080:80 &')
  await page.getByRole('button', { name: 'Open localhost:8080 in preview' }).click()
  const frame = page.frameLocator('iframe.browser-frame')
  await expect(frame.getByRole('heading', { name: 'Welcome to nginx!' })).toBeVisible()
  expect(await frame.locator('body').evaluate((b) => getComputedStyle(b).fontFamily)).toMatch(/Tahoma|Verdana|Arial/)

  // the service worker runs and controls the page; a reload from its cache keeps the policy
  await page.evaluate(() => navigator.serviceWorker.ready)
  await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true)
  await page.screenshot({ path: 'test-results/security-views.png' })
  expect(await violations(page)).toEqual([])
  expect(seen).toEqual({ csp: [], dialogs: [], errors: [], outside: [] })

  // a reload served from its precache carries the same policy and boots without a violation
  const reloaded = await page.reload()
  expect(reloaded?.fromServiceWorker()).toBe(true)
  await booted(page)
  expect(await page.locator('meta[http-equiv=Content-Security-Policy]').getAttribute('content')).toBe(meta![1]!.replaceAll('&#39;', "'"))
  expect(await violations(page)).toEqual([])

  // the policy bites: an inline script added to the page does not run
  await page.evaluate(() => {
    const s = document.createElement('script')
    s.textContent = 'window.__inlineRan = 1'
    document.head.append(s)
  })
  // neither does a string run as code (a string timer: eval called from DevTools is exempt)
  await page.evaluate(() => (setTimeout as (code: string, ms: number) => number)('window.__evalRan = 1', 0))
  // a fetch to another origin is refused by the policy before any request is made
  const fetched = await page.evaluate(() => fetch('https://example.com/').then(() => 'fetched', (e: Error) => e.name))
  expect(fetched).toBe('TypeError')
  expect(await page.evaluate(() => [window.__inlineRan, window.__evalRan])).toEqual([undefined, undefined])
  await expect.poll(() => violations(page)).toEqual(['script-src-elem blocked inline', 'script-src blocked eval', 'connect-src blocked https://example.com/'])
  expect(seen.outside).toEqual([])
})

// ---- the XSS corpus ----

const PAYLOADS = corpus()
const HTML_PAYLOADS = corpus(['html'])
const LINKS = HTML_PAYLOADS.filter((p) => /^<a\s/i.test(p.text))

/** A lesson file: frontmatter, a title, prose, steps and one task per entry of `tasks`. */
function lessonFile(o: { title: string; prose: string[]; steps: string[]; code: string[]; tasks: string[] }): string {
  const q = (s: string) => JSON.stringify(s) // a JSON string is a YAML double-quoted string
  const tasks = o.tasks.map((t, i) => ['```task', `id: t${i + 1}`, `title: ${q(t)}`, `notYet: ${q(t)}`, 'checks:', '  - file: never-there.txt', 'hints:', `  - ${q(t)}`, 'solution:', '  commands:', '    - touch never-there.txt', '```', ''].join('\n'))
  return [
    '---', 'id: xss-corpus', `title: ${q(o.title)}`, `summary: ${q(o.title)}`, 'order: 99', 'minutes: 1', '---', '',
    `# ${o.title}`, '',
    // code first: an unclosed <svg> or <math> in the prose takes in the rest of its markdown run
    'Every payload as code, shown as written:', '',
    ...o.code.filter((c) => !c.includes('\n')).map((c) => `- \`${c}\``), '',
    '```html', ...o.code, '```', '',
    ...o.prose.flatMap((p) => [p, '']),
    ...o.steps.flatMap((s) => [`## ${s}`, '', 'Text of the step.', '']),
    ...tasks,
  ].join('\n')
}

/** The 1-based line where `text` starts in `source` (as a paragraph of its own). */
const lineOf = (source: string, text: string) => source.slice(0, source.indexOf(`\n${text}\n`) + 1).split('\n').length

async function openLessonFile(page: Page, name: string, source: string) {
  await page.getByLabel('Open a lesson file…').setInputFiles({ name, mimeType: 'text/markdown', buffer: Buffer.from(source) })
}

/** Clicks, hovers and toggles what a learner could, so that handlers that survived would fire. */
async function poke(root: Locator) {
  await root.evaluate((el) => {
    for (const a of Array.from(el.querySelectorAll('a, summary, button[formaction], details'))) {
      if (a instanceof HTMLAnchorElement && /^https?:/i.test(a.href)) continue
      a.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))
    }
    for (const e of Array.from(el.querySelectorAll('*'))) e.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }))
  })
}

test('a learner-provided lesson file: no payload in its text, headings, tasks, hints or title runs', async ({ page, baseURL }) => {
  const seen = watch(page, baseURL!)
  await recordViolations(page)
  await openApp(page)

  // first every payload in the prose: the lint (run on every opened file) turns some away, and
  // shows the problems with the lines themselves, as text
  const all = lessonFile({ title: 'All', prose: PAYLOADS.map((p) => p.text), steps: ['S'], code: [], tasks: ['t'] })
  await openLessonFile(page, 'all.md', all)
  const report = page.getByRole('alert', { name: 'Problems in all.md' })
  await expect(report).toBeVisible()
  const reported = new Set((await report.locator('.lint-problem > p > code').allTextContents()).map((c) => Number(c.split(':')[1])))
  const startLine = (p: (typeof PAYLOADS)[number]) => lineOf(all, p.text)
  const covers = (p: (typeof PAYLOADS)[number], line: number) => line >= startLine(p) && line < startLine(p) + p.text.split('\n').length
  const rejected = PAYLOADS.filter((p) => [...reported].some((l) => covers(p, l)))
  const accepted = PAYLOADS.filter((p) => !rejected.includes(p))
  expect(rejected.length).toBeGreaterThan(0)
  expect(accepted.length).toBeGreaterThan(10)
  const lines = (await report.locator('.lint-line').allTextContents()).map((l) => l.replace(/^\s*\d+ /, ''))
  for (const p of rejected) expect(lines.some((l) => p.text.split('\n').includes(l)), p.text).toBe(true)
  await poke(report)
  expect(seen.dialogs).toEqual([])
  await expectInert(page.locator('body'))

  // then a lesson that opens: the payloads the lint lets through in its prose, some in its
  // headings and title, and every one in code, task titles, "not yet" messages and hints
  const inHeadings = accepted.filter((p) => p.kind === 'html').slice(0, 4)
  const title = `Corpus ${inHeadings[0]!.text}`
  const source = lessonFile({ title, prose: accepted.map((p) => p.text), steps: inHeadings.map((p) => `Step ${p.text}`), code: PAYLOADS.map((p) => p.text), tasks: PAYLOADS.map((p) => p.text) })
  await openLessonFile(page, 'xss.md', source)
  const lesson = page.getByRole('article', { name: title })
  await expect(lesson).toBeVisible({ timeout: 30_000 })
  // every task's hint shown
  await lesson.getByRole('button', { name: 'Hint', exact: true }).evaluateAll((bs) => bs.forEach((b) => (b as HTMLButtonElement).click()))
  await expect(lesson.getByRole('list', { name: 'Hints' })).toHaveCount(PAYLOADS.length)
  await poke(lesson)
  await page.waitForTimeout(500) // errors of images and the like fire after a load attempt

  expect(seen.dialogs).toEqual([])
  await expectInert(page.locator('body'))
  // code shows the payloads as written; task names (accessible names) keep them as text
  const spans = await lesson.locator('.md li > code').allTextContents()
  expect(spans).toEqual(PAYLOADS.filter((p) => !p.text.includes('\n')).map((p) => p.text))
  await expect(lesson.locator('pre.code[data-lang=html]')).toHaveText(PAYLOADS.map((p) => p.text).join('\n'))
  expect(await lesson.locator('section.task').evaluateAll((ss) => ss.map((s) => s.getAttribute('aria-label')))).toEqual(PAYLOADS.map((p) => `Task: ${p.text}`))
  await page.screenshot({ path: 'test-results/security-lesson.png' })
  expect(await problems(page, seen)).toEqual(NONE)
})

test('the cluster view, the terminal and the preview show cluster data and pod pages as text, and run none of it', async ({ page, baseURL }) => {
  const seen = watch(page, baseURL!)
  await recordViolations(page)
  await openApp(page)
  const lines = HTML_PAYLOADS.map((p) => p.text).join('\n')
  const probe = HTML_PAYLOADS.find((p) => p.text.startsWith('<img src=x onerror='))!.text
  // a ConfigMap with the corpus, and a pod that prints it (logs), carries it in annotations and
  // env, and fails its readiness probe with a payload as the probe's output (an event message)
  const configMap = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'xss' }, data: { lines, probe } }
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'xss', annotations: Object.fromEntries(HTML_PAYLOADS.map((p) => [`xss.example/p${p.id}`, p.text])) },
    spec: {
      containers: [{
        name: 'app',
        image: 'busybox',
        command: ['sh', '-c', 'cat /etc/xss/lines; sleep 3600'],
        env: HTML_PAYLOADS.slice(0, 5).map((p) => ({ name: `P${p.id}`, value: p.text })),
        readinessProbe: { exec: { command: ['sh', '-c', 'cat /etc/xss/probe; exit 1'] }, periodSeconds: 5 },
        volumeMounts: [{ name: 'xss', mountPath: '/etc/xss' }],
      }],
      volumes: [{ name: 'xss', configMap: { name: 'xss' } }],
    },
  }
  await writeFile(page, 'xss.yaml', `${JSON.stringify(configMap)}\n---\n${JSON.stringify(pod)}\n`)
  await writeFile(page, 'links.html', `<!doctype html><html><body>${LINKS.map((p) => `<p>${p.text}</p>`).join('\n')}</body></html>\n`)
  await writeFile(page, 'x.html', `<!doctype html><html><head><title>corpus</title></head><body><h1>corpus</h1>\n${lines}\n</body></html>\n`)
  await typeLine(page, 'kubectl apply -f xss.yaml')
  await expect.poll(() => terminalText(page)).toMatch(/^pod\/xss created$/m)
  await runNginx(page, 'web')

  // the terminal prints the logs as text
  await typeLine(page, 'clear')
  await typeLine(page, 'kubectl logs xss')
  // (lines longer than the terminal wrap; the short ones are whole lines of its buffer)
  const short = HTML_PAYLOADS.filter((p) => p.text.length < 60)
  await expect.poll(async () => {
    const text = (await terminalText(page)).split('\n')
    return short.filter((p) => !text.includes(p.text)).map((p) => p.text)
  }).toEqual([])

  // the cluster view: the pod's describe output (annotations, env, events) and YAML, the events timeline
  await page.getByRole('tab', { name: 'Cluster' }).click()
  await page.locator('button[data-pod="default/xss"]').click()
  const details = page.getByTestId('pod-details')
  await expect(details).toContainText(`Readiness probe failed: ${probe}`, { timeout: 30_000 })
  const describe = (await details.textContent()) ?? ''
  expect(HTML_PAYLOADS.filter((p) => !describe.includes(`xss.example/p${p.id}: ${p.text}`)).map((p) => p.text)).toEqual([])
  for (const p of HTML_PAYLOADS.slice(0, 5)) expect(describe).toContain(`P${p.id}:  ${p.text}`)
  await expect(page.getByRole('list', { name: 'Events, oldest first' })).toContainText(`Readiness probe failed: ${probe}`)
  await expectInert(page.locator('#view-cluster'))
  await page.getByRole('tab', { name: 'YAML' }).click()
  await expect(details).toContainText('xss.example/p1')
  await expectInert(page.locator('#view-cluster'))

  // the preview: nginx serves the corpus as a page; the sandboxed frame shows it and runs nothing
  for (const f of ['x.html', 'links.html']) await typeLine(page, `kubectl exec -i web -- sh -c "cat > /usr/share/nginx/html/${f}" < ${f}`)
  await typeLine(page, 'kubectl port-forward web 8081:80 &')
  await page.getByRole('tab', { name: 'Preview' }).click()
  await page.getByLabel('Address').fill('localhost:8081/x.html')
  await page.getByLabel('Address').press('Enter')
  const frame = page.frameLocator('iframe.browser-frame')
  await expect(frame.getByRole('heading', { name: 'corpus' })).toBeVisible()
  await expectInert(frame.locator('html'))
  await poke(frame.locator('body'))
  // a learner clicks the links (a page of only those, where nothing unclosed hides them): what
  // is left of a javascript:, vbscript: or data: link goes nowhere
  await page.getByLabel('Address').fill('localhost:8081/links.html')
  await page.getByLabel('Address').press('Enter')
  const links = frame.locator('a')
  await expect(links).toHaveCount(LINKS.length)
  await expectInert(frame.locator('html'))
  for (let i = 0; i < LINKS.length; i++) await links.nth(i).click()
  await page.waitForTimeout(500)
  await expect(page.getByLabel('Address')).toHaveValue('http://localhost:8081/links.html')
  await expect(frame.locator('a')).toHaveCount(LINKS.length)
  await page.screenshot({ path: 'test-results/security-preview.png' })
  expect(await problems(page, seen)).toEqual(NONE)
})
