import { expect, test, type Page } from '@playwright/test'
import { clockControls, openApp, terminalText, typeLine } from './support'

// Issue 8: the built-in browser reaches what pods serve, on the simulated network only.


/** Puts a file in the learner's workspace (as the editor would). */
async function writeFile(page: Page, name: string, text: string) {
  await page.evaluate(([n, t]) => {
    const world = window.__podlab!.world() as { session: { fs: { writeFile(p: string, d: string): void } } }
    world.session.fs.writeFile(`/root/${n}`, t)
  }, [name, text])
}

test.setTimeout(120_000)


test('kuard with a 256M limit: allocate in the preview, and the pod is OOMKilled and restarts', async ({ page, baseURL }) => {
  const outside: string[] = []
  page.on('request', (r) => {
    if (!r.url().startsWith(baseURL!) && !r.url().startsWith('data:') && !r.url().startsWith('about:')) outside.push(r.url())
  })
  await openApp(page)
  // the seed's kuard pod with resources (001: limits-oomkilled)
  await writeFile(page, 'kuard.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: kubernetes-up-and-running
spec:
  containers:
  - name: kuard
    image: gcr.io/kuar-demo/kuard-amd64:1
    resources:
      limits:
        memory: 256M
    ports:
    - containerPort: 8080
`)
  await typeLine(page, 'kubectl apply -f kuard.yaml')
  await typeLine(page, 'kubectl wait --for=condition=Ready pod/kubernetes-up-and-running --timeout=120s')
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/condition met/)
  await typeLine(page, 'kubectl port-forward kubernetes-up-and-running 8080 &')
  await page.getByRole('button', { name: 'Open localhost:8080 in preview' }).click()

  const frame = page.frameLocator('iframe.browser-frame')
  await expect(frame.getByRole('heading', { name: 'kubernetes-up-and-running' })).toBeVisible()
  // kuard's stylesheets came through the simulated network too: the warning is a red box, the menu beside the page
  await expect(frame.locator('.alert-danger')).toHaveCSS('background-color', 'rgb(242, 222, 222)')
  await expect(frame.locator('.nav-container')).toHaveCSS('display', 'flex')
  await frame.getByRole('link', { name: 'Memory' }).click()
  await expect(page.getByLabel('Address')).toHaveValue('http://localhost:8080/-/mem')
  await typeLine(page, 'kubectl get pods -w &')
  await frame.getByRole('link', { name: 'Allocate 500 MiB' }).click()

  // the container crossed its limit while touching the pages: the browser gets no answer
  await expect(page.getByRole('alert')).toContainText('didn’t send any data')
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^kubernetes-up-and-running\s+0\/1\s+OOMKilled\s+0\s+\S+$/m)
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/^kubernetes-up-and-running\s+1\/1\s+Running\s+1 \(\S+ ago\)\s+\S+$/m)

  // the cluster view shows the restart and the last state
  await page.getByRole('tab', { name: 'Cluster' }).click()
  await expect(page.getByText('OOMKilled').first()).toBeVisible()
  expect(outside).toEqual([])
})

test('the sidecar writes the page every second: reload shows new lines while the clock runs', async ({ page }) => {
  await openApp(page)
  // seed 003: nginx serving what a debian sidecar appends to an emptyDir
  await writeFile(page, 'mc1.yaml', `apiVersion: v1
kind: Pod
metadata:
  name: mc1
spec:
  volumes:
  - name: html
    emptyDir: {}
  containers:
  - name: 1st
    image: nginx
    volumeMounts:
    - name: html
      mountPath: /usr/share/nginx/html
  - name: 2nd
    image: debian
    volumeMounts:
    - name: html
      mountPath: /html
    command: ["/bin/sh", "-c"]
    args:
      - while true; do
          date >> /html/index.html;
          sleep 1;
        done
`)
  await typeLine(page, 'kubectl apply -f mc1.yaml')
  await typeLine(page, 'kubectl wait --for=condition=Ready pod/mc1 --timeout=120s')
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/condition met/)
  await typeLine(page, 'kubectl port-forward mc1 8080:80 &')
  await page.getByRole('button', { name: 'Open localhost:8080 in preview' }).click()
  const frame = page.frameLocator('iframe.browser-frame')
  const lines = async () => ((await frame.locator('body').textContent()) ?? '').trim().split('\n').filter((l) => /UTC \d{4}$/.test(l.trim())).length
  await expect.poll(lines).toBeGreaterThan(0)
  const before = await lines()
  await clockControls(page).getByRole('button', { name: '+30 s' }).click()
  await page.getByRole('button', { name: 'Reload' }).click()
  await expect.poll(lines).toBeGreaterThanOrEqual(before + 30)
  // every load is a request nginx logged
  await typeLine(page, 'kubectl logs mc1 -c 1st --tail=2')
  await expect.poll(() => terminalText(page)).toMatch(/"GET \/ HTTP\/1\.1" 200 \d+ "-" "Mozilla\/5\.0/)
})

test('a page cannot run script in the app, and a port nobody forwards is refused', async ({ page }) => {
  await openApp(page)
  // a page with script and handlers, served by nginx from a file the learner wrote
  await writeFile(page, 'evil.html', '<h1 id=x>hi</h1><script>parent.__pwned = 1</script><img src=x onerror="parent.__pwned = 2">')
  await typeLine(page, 'kubectl run web --image=nginx')
  await typeLine(page, 'kubectl wait --for=condition=Ready pod/web --timeout=120s')
  await expect.poll(() => terminalText(page), { timeout: 30_000 }).toMatch(/condition met/)
  await typeLine(page, 'kubectl exec -i web -- sh -c "cat > /usr/share/nginx/html/evil.html" < evil.html')
  await typeLine(page, 'kubectl port-forward web 8081:80 &')
  await page.getByRole('tab', { name: 'Preview' }).click()
  await page.getByLabel('Address').fill('localhost:9999')
  await page.getByLabel('Address').press('Enter')
  await expect(page.getByRole('alert')).toContainText('localhost refused to connect.')
  await page.getByLabel('Address').fill('localhost:8081/evil.html')
  await page.getByLabel('Address').press('Enter')
  await expect(page.frameLocator('iframe.browser-frame').getByRole('heading', { name: 'hi' })).toBeVisible()
  await page.waitForTimeout(500)
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined()
})
