import AxeBuilder from '@axe-core/playwright'
import { expect, test, type Page } from '@playwright/test'
import { terminalText, typeLine, watchProblems, booted } from './support'

// The editor journeys: write → Apply → Running; schema markers, hover and completion; the
// `kubectl edit` round trip with the immutability error; nano/files from the shell; Diff.

declare global {
  interface Window {
    __monaco?: typeof import('monaco-editor/editor/editor.api')
  }
}

// long journeys on a 2-core machine that other test runs share
test.describe.configure({ timeout: 90_000 })

/** The app is up and the editor view (with Monaco) is showing. */
async function openEditor(page: Page) {
  await page.goto('/')
  await booted(page, 15_000)
  await page.getByRole('tab', { name: 'Editor' }).click()
  await expect(page.getByRole('complementary', { name: 'Workspace files' })).toBeVisible()
}

async function newFile(page: Page, name: string) {
  await page.getByRole('button', { name: 'New file' }).click()
  await page.getByLabel('New file name').fill(name)
  await page.getByRole('button', { name: 'Create' }).click()
  await expect(page.locator('.editor-tab[aria-current=page]')).toHaveText(name)
  await expect(page.locator('.monaco-editor .view-lines')).toBeVisible()
}

/**
 * Pastes `text` at the end of the editor, as a learner pastes a manifest (typed newlines would be
 * re-indented by Monaco's auto-indent).
 */
async function typeInEditor(page: Page, text: string) {
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.evaluate((t) => navigator.clipboard.writeText(t), text)
  await page.locator('.monaco-editor .view-lines').click()
  await page.keyboard.press('Control+End')
  await page.keyboard.press('Control+v')
}

const readFile = (page: Page, path: string) =>
  page.evaluate((p) => {
    const world = window.__podlab!.world() as { session: { fs: { exists(p: string): boolean; readFile(p: string): string } } }
    return world.session.fs.exists(p) ? world.session.fs.readFile(p) : undefined
  }, path)

/** Puts the cursor on the first match of `regex` in the editor's model, selecting it. */
async function selectInEditor(page: Page, regex: string) {
  await page.evaluate((source) => {
    const monaco = window.__monaco!
    const editor = monaco.editor.getEditors().find((e) => e.hasTextFocus() || e.getModel())!
    const match = editor.getModel()!.findMatches(source, false, true, true, null, false)[0]
    if (!match) throw new Error(`no match for ${source}`)
    editor.setSelection(match.range)
    editor.revealRange(match.range)
    editor.focus()
  }, regex)
}

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
  - name: web
    image: nginx
`

test('write a pod in the editor, Apply it, and watch it go ContainerCreating → Running', async ({ page, baseURL }) => {
  const problems = watchProblems(page, baseURL!)
  await openEditor(page)
  await page.getByRole('button', { name: 'Pause' }).click()
  await newFile(page, 'pod.yaml')
  await typeInEditor(page, POD)
  // autosave: the shell sees the text without any explicit save
  await expect.poll(() => readFile(page, '/root/pod.yaml')).toBe(POD)
  await expect(page.locator('.dirty-marker')).toHaveCount(0)

  await page.getByRole('button', { name: 'Apply' }).click()
  await expect.poll(() => terminalText(page)).toMatch(/^\$ kubectl apply -f pod\.yaml\npod\/web created$/m)
  await typeLine(page, 'kubectl get pods --no-headers')
  await expect.poll(() => terminalText(page)).toMatch(/^web\s+0\/1\s+(Pending|ContainerCreating)\s+0\s+0s$/m)
  await page.getByRole('button', { name: '+30 s' }).click()
  await typeLine(page, 'kubectl get pods --no-headers')
  await expect.poll(() => terminalText(page)).toMatch(/^web\s+1\/1\s+Running\s+0\s+30s$/m)

  // Diff against the live pod: the diff editor shows both sides
  await page.getByRole('button', { name: 'Diff' }).click()
  await expect(page.locator('.monaco-diff-editor')).toBeVisible()
  await expect(page.locator('.diff-view')).toContainText('Left: the live object')
  await expect(page.locator('.monaco-diff-editor .editor.original')).toContainText('creationTimestamp')
  await page.getByRole('button', { name: 'Back to the editor' }).click()
  await expect(page.locator('.monaco-diff-editor')).toHaveCount(0)

  // a file that names nothing in the cluster yet
  await newFile(page, 'later.yaml')
  await typeInEditor(page, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: later\n')
  await page.getByRole('button', { name: 'Diff' }).click()
  await expect(page.locator('.diff-message')).toHaveText('configmap/later does not exist in the cluster yet: Apply creates it.')

  // Apply while a command runs says so instead of typing into it
  await typeLine(page, 'sleep 30')
  await page.getByRole('button', { name: 'Back to the editor' }).click()
  await page.getByRole('button', { name: 'Apply' }).click()
  await expect(page.getByRole('alert').filter({ hasText: 'A command is still running in the terminal' })).toBeVisible()

  const axe = await new AxeBuilder({ page }).include('#view-editor').analyze()
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(' ')}`)).toEqual([])
  await page.screenshot({ path: 'test-results/editor-apply.png' })
  expect(problems).toEqual([])
})

test('the Kubernetes schema: a bad enum, an unknown field and a wrong type are flagged; hover shows docs; completion offers fields', async ({ page }) => {
  await openEditor(page)
  await newFile(page, 'bad.yaml')
  await typeInEditor(page, `apiVersion: v1
kind: Pod
metadata:
  name: bad
spec:
  restartPolicy: Sometimes
  containers:
  - name: c
    image: nginx
    colour: blue
    ports:
    - containerPort: eighty
`)
  const markers = () =>
    page.evaluate(() => {
      const monaco = window.__monaco!
      return monaco.editor.getModelMarkers({ resource: monaco.Uri.file('/root/bad.yaml') }).map((m) => ({ line: m.startLineNumber, severity: m.severity, message: m.message }))
    })
  await expect.poll(markers, { timeout: 10_000 }).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ line: 6, severity: 4, message: expect.stringMatching(/Value is not accepted\. Valid values: "Always", "Never", "OnFailure"/) }),
      expect.objectContaining({ line: 10, severity: 4, message: expect.stringMatching(/Property colour is not allowed/) }),
      expect.objectContaining({ line: 12, severity: 4, message: expect.stringMatching(/Incorrect type\. Expected "integer"/) }),
    ]),
  )

  // the kind picks the schema: a Service's spec has no containers
  const serviceMarkers = () =>
    page.evaluate(() => {
      const monaco = window.__monaco!
      const uri = monaco.Uri.file('/root/svc.yaml')
      if (!monaco.editor.getModel(uri)) monaco.editor.createModel('apiVersion: v1\nkind: Service\nmetadata:\n  name: s\nspec:\n  containers: []\n', 'yaml', uri)
      return monaco.editor.getModelMarkers({ resource: uri }).map((m) => m.message)
    })
  await expect.poll(serviceMarkers, { timeout: 10_000 }).toEqual([expect.stringMatching(/Property containers is not allowed/)])

  await page.locator('.view-line span', { hasText: 'restartPolicy' }).first().hover()
  await expect(page.locator('.monaco-hover:not(.hidden)')).toContainText('Restart policy for all containers within the pod', { timeout: 10_000 })

  await page.keyboard.press('Escape')
  await typeInEditor(page, '  dnsPol')
  await page.keyboard.press('Control+Space')
  await expect(page.locator('.suggest-widget')).toContainText('dnsPolicy', { timeout: 10_000 })
})

test('kubectl edit: the image change is submitted; a container rename comes back with the immutability error', async ({ page }) => {
  await openEditor(page)
  await typeLine(page, 'kubectl run x --image=nginx')
  await expect.poll(() => terminalText(page)).toMatch(/^pod\/x created$/m)

  await typeLine(page, 'kubectl edit pod x')
  const bar = page.locator('.edit-bar')
  await expect(bar).toContainText('kubectl edit is waiting: Save & close to submit · Cancel')
  await expect(page.locator('.editor-tab[aria-current=page]')).toHaveText(/^kubectl edit: \/tmp\/kubectl-edit-\d+\.yaml$/)
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('# Please edit the object below.')
  await selectInEditor(page, '^  - image: nginx$')
  await page.keyboard.type('  - image: nginx:alpine')
  await bar.getByRole('button', { name: 'Save & close' }).click()
  await expect.poll(() => terminalText(page)).toMatch(/^pod\/x edited$/m)
  await expect(bar).toHaveCount(0)
  await typeLine(page, "kubectl get pod x -o jsonpath='{.spec.containers[0].image}{\"\\n\"}'")
  await expect.poll(() => terminalText(page)).toMatch(/^nginx:alpine$/m)

  await typeLine(page, 'kubectl edit pod x')
  await expect(bar).toBeVisible()
  await selectInEditor(page, '^    name: x$')
  await page.keyboard.type('    name: renamed')
  await page.keyboard.press('Control+s') // Ctrl+S in a kubectl edit tab is Save & close
  await expect.poll(() => terminalText(page)).toMatch(/^error: pods "x" is invalid$/m)
  // kubectl reopens the file with the reasons in its header, as the real one does
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('spec: Forbidden: pod updates may not change fields other than')
  await page.emulateMedia({ colorScheme: 'dark' })
  await page.screenshot({ path: 'test-results/editor-kubectl-edit-dark.png' })
  await bar.getByRole('button', { name: 'Cancel' }).click()
  await expect.poll(() => terminalText(page)).toMatch(/^A copy of your changes has been stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"\nerror: Edit cancelled, no valid changes were saved\.$/m)
  const copy = (await terminalText(page)).match(/stored to "(\/tmp\/kubectl-edit-\d+\.yaml)"/)![1]!
  await typeLine(page, `grep Forbidden ${copy}`)
  await expect.poll(() => terminalText(page)).toMatch(/^# \* spec: Forbidden: pod updates may not change fields other than `spec\.containers\[\*\]\.image`/m)
  await expect(page.locator('.editor-tab')).toHaveCount(0)
})

test('nano opens a tab; the shell’s changes reach open tabs; the explorer renames and deletes', async ({ page }) => {
  await openEditor(page)
  await page.getByRole('tab', { name: 'Cluster' }).click()
  await typeLine(page, 'nano new.yaml')
  // nano brings the editor back to the front, with the new (empty) file open
  await expect(page.locator('.editor-tab[aria-current=page]')).toHaveText('new.yaml')
  await expect.poll(() => readFile(page, '/root/new.yaml')).toBe('')

  // a clean tab follows the file
  await typeLine(page, 'echo "kind: Namespace" > new.yaml')
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kind: Namespace')

  // a dirty tab keeps the learner's text and shows the conflict
  await typeInEditor(page, 'metadata:\n  name: mine\n')
  await page.keyboard.press('Control+s')
  await typeInEditor(page, '# unsaved\n')
  await page.evaluate(() => {
    const world = window.__podlab!.world() as { session: { fs: { writeFile(p: string, d: string): void } } }
    world.session.fs.writeFile('/root/new.yaml', 'kind: Pod\n')
  })
  await expect(page.getByRole('alert').filter({ hasText: 'The file changed outside the editor' })).toBeVisible()
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('# unsaved')
  await page.getByRole('button', { name: 'Keep my text (save)' }).click()
  await expect.poll(() => readFile(page, '/root/new.yaml')).toBe('kind: Namespace\nmetadata:\n  name: mine\n# unsaved\n')

  // rename and delete from the explorer; the shell sees both
  await page.getByRole('button', { name: 'Rename new.yaml' }).click()
  await page.getByLabel('New name for new.yaml').fill('ns.yaml')
  await page.getByRole('button', { name: 'Rename', exact: true }).click()
  await expect(page.locator('.editor-tab[aria-current=page]')).toHaveText('ns.yaml')
  await typeLine(page, 'ls')
  await expect.poll(() => terminalText(page)).toMatch(/^ns\.yaml$/m)
  await page.getByRole('button', { name: 'Delete ns.yaml' }).click()
  await page.getByRole('alertdialog', { name: 'Delete ns.yaml?' }).getByRole('button', { name: 'Delete' }).click()
  await expect(page.locator('.editor-tab')).toHaveCount(0)
  await expect.poll(() => readFile(page, '/root/ns.yaml')).toBeUndefined()

  // rm in the shell closes a clean tab
  await typeLine(page, 'touch gone.yaml && code gone.yaml')
  await expect(page.locator('.editor-tab[aria-current=page]')).toHaveText('gone.yaml')
  await typeLine(page, 'rm gone.yaml')
  await expect(page.locator('.editor-tab')).toHaveCount(0)
})

test('the editing keys a learner reaches for: find, comment, fold, F8 to the next problem, Ctrl+M to leave by Tab', async ({ page }) => {
  await openEditor(page)
  await newFile(page, 'keys.yaml')
  await typeInEditor(page, POD.replace('image: nginx', 'image: nginx\n    colour: blue'))
  const editor = page.locator('.monaco-editor').first()
  const text = () => page.evaluate(() => window.__monaco!.editor.getEditors()[0]!.getModel()!.getValue())

  await page.keyboard.press('Control+f')
  await expect(editor.locator('.find-widget.visible')).toBeVisible()
  await page.keyboard.type('containers')
  await expect(editor.locator('.find-widget .matchesCount')).toHaveText(/1 of 1/)
  await page.keyboard.press('Escape')

  await selectInEditor(page, 'name: web')
  await page.keyboard.press('Control+/')
  await expect.poll(text).toMatch(/^ {2}# name: web$/m)
  await page.keyboard.press('Control+/')
  await expect.poll(text).toMatch(/^ {2}name: web$/m)

  await selectInEditor(page, 'spec:')
  await page.keyboard.press('Control+Shift+BracketLeft')
  await expect(editor.locator('.view-line', { hasText: 'image: nginx' })).toHaveCount(0)
  await page.keyboard.press('Control+Shift+BracketRight')
  await expect(editor.locator('.view-line', { hasText: 'image: nginx' })).toHaveCount(1)

  // the unknown field is a problem (once the YAML worker has said so); F8 goes to it
  await expect
    .poll(() => page.evaluate(() => window.__monaco!.editor.getModelMarkers({}).some((m) => /Property colour is not allowed/.test(m.message))), { timeout: 15_000 })
    .toBe(true)
  await selectInEditor(page, 'apiVersion')
  await page.keyboard.press('F8')
  await expect(editor.locator('.marker-widget')).toContainText('Property colour is not allowed', { timeout: 10_000 })
  await page.keyboard.press('Escape')

  // Ctrl+M: Tab moves the focus out of the editor instead of indenting
  await page.keyboard.press('Control+m')
  await page.keyboard.press('Tab')
  await expect.poll(() => page.evaluate(() => !document.activeElement?.closest('.monaco-editor'))).toBe(true)
  expect(await text()).not.toMatch(/\t/)
})

test('nano and kubectl edit hand the keyboard to the editor: what the learner types next goes into the file', async ({ page }) => {
  await openEditor(page)
  await typeLine(page, 'nano pod.yaml')
  await expect(page.locator('.editor-tab[aria-current=page]')).toHaveText('pod.yaml')
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true)
  await page.keyboard.type('kind: Pod')
  await expect(page.locator('.monaco-editor .view-lines')).toContainText('kind: Pod')
  expect(await terminalText(page)).not.toContain('kind: Pod')

  await typeLine(page, 'kubectl run x --image=nginx')
  await expect.poll(() => terminalText(page)).toMatch(/^pod\/x created$/m)
  await typeLine(page, 'kubectl edit pod x')
  await expect(page.locator('.edit-bar')).toBeVisible()
  await expect.poll(() => page.evaluate(() => !!document.activeElement?.closest('.monaco-editor'))).toBe(true)
})
