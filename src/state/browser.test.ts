import { describe, expect, test } from 'vitest';
import { settle } from '../terminal';
import { load, normalizeUrl, stylesheetLinks } from './browser';
import { World } from './world';

async function type(world: World, line: string) {
  world.session.input(`${line}\r`);
  await settle(world.session);
}

async function worldWithNginx(): Promise<World> {
  const world = World.create({ seed: 'browser' });
  await type(world, 'kubectl run web --image=nginx --port=80');
  await type(world, 'kubectl expose pod web --port=80 --name=web-svc');
  await type(world, 'kubectl wait --for=condition=Ready pod/web --timeout=120s');
  return world;
}

describe('the preview browser', () => {
  test('addresses are completed as a browser does', () => {
    expect(normalizeUrl('localhost:8080')?.href).toBe('http://localhost:8080/');
    expect(normalizeUrl('http://web-svc/x?y=1')?.href).toBe('http://web-svc/x?y=1');
    expect(normalizeUrl('  ')).toBeUndefined();
  });

  test('from your machine, localhost leads nowhere until kubectl port-forward holds the port', async () => {
    const world = await worldWithNginx();
    const refused = await load(world, 'localhost:8080', { kind: 'host' });
    expect(refused).toMatchObject({ kind: 'error', code: 'ERR_CONNECTION_REFUSED', detail: 'localhost refused to connect.' });
    const name = await load(world, 'http://web-svc/', { kind: 'host' });
    expect(name).toMatchObject({ kind: 'error', code: 'ERR_NAME_NOT_RESOLVED' });

    world.session.input('kubectl port-forward pod/web 8080:80 &\r');
    await settle(world.session);
    const page = await load(world, 'localhost:8080', { kind: 'host' });
    expect(page).toMatchObject({ kind: 'page', status: 200, contentType: 'text/html' });
    expect(page.kind === 'page' && page.body).toContain('<title>Welcome to nginx!</title>');
    // the request is a real one to nginx: its access log has the browser's line
    await type(world, 'kubectl logs web --tail=1');
    expect(world.scrollback.text()).toMatch(/"GET \/ HTTP\/1\.1" 200 \d+ "-" "Mozilla\/5\.0 \(X11; Linux x86_64\)[^"]*Chrome\/[^"]*"/);
    // and kubectl port-forward says it handled a connection, as it does for a real browser
    expect(world.scrollback.text()).toContain('Handling connection for 8080');
  });

  test('as a pod, Service names resolve through cluster DNS with the pod search list', async () => {
    const world = await worldWithNginx();
    const asPod = { kind: 'pod' as const, namespace: 'default', name: 'web' };
    const bySvc = await load(world, 'web-svc', asPod);
    expect(bySvc).toMatchObject({ kind: 'page', status: 200 });
    const fqdn = await load(world, 'http://web-svc.default.svc.cluster.local/nope', asPod);
    expect(fqdn).toMatchObject({ kind: 'page', status: 404 });
    const missing = await load(world, 'http://nothing-here/', asPod);
    expect(missing).toMatchObject({ kind: 'error', code: 'ERR_NAME_NOT_RESOLVED' });
    const closedPort = await load(world, 'http://localhost:9999/', asPod);
    expect(closedPort).toMatchObject({ kind: 'error', code: 'ERR_CONNECTION_REFUSED' });
    const gone = await load(world, 'web-svc', { kind: 'pod', namespace: 'default', name: 'nope' });
    expect(gone).toMatchObject({ kind: 'error' });
  });

  test('stylesheet links: rel may list other words, alternate sheets and other links are not loaded', () => {
    const html = `<head><link rel="stylesheet" href="/a.css"><link href='b.css' rel="Preload Stylesheet">
      <link rel=stylesheet href=c.css><link rel="alternate stylesheet" href="d.css"><link rel="icon" href="e.ico"><link rel="stylesheet"></head>`;
    expect(stylesheetLinks(html)).toEqual(['/a.css', 'b.css', 'c.css']);
  });

  test("a page's stylesheets are loaded from its server (and logged there), relative to the page; missing ones are skipped", async () => {
    const world = await worldWithNginx();
    const page = '<!doctype html><html><head><link rel="stylesheet" href="site.css"><link rel="stylesheet" href="/gone.css"></head><body><h1>Hi</h1></body></html>';
    await type(world, `kubectl exec web -- sh -c 'mkdir -p /usr/share/nginx/html/app && echo ${JSON.stringify(page).replace(/'/g, '')} > /usr/share/nginx/html/app/index.html && echo "h1 { color: red }" > /usr/share/nginx/html/app/site.css'`);
    const result = await load(world, 'web-svc/app/', { kind: 'pod', namespace: 'default', name: 'web' });
    expect(result).toMatchObject({ kind: 'page', status: 200, styles: ['h1 { color: red }\n'] });
    await type(world, 'kubectl logs web --tail=3');
    const log = world.scrollback.text();
    expect(log).toMatch(/"GET \/app\/site\.css HTTP\/1\.1" 200 /);
    expect(log).toMatch(/"GET \/gone\.css HTTP\/1\.1" 404 /);
  });
});
