// Tables through a real Cluster, checked against the outputs the seed walkthroughs show
// (/work/shared/seeds) and k8s-facts §1; layout rules from cli-runtime tableprinter.go.
import { describe, expect, it } from 'vitest';
import { Cluster, lookupResource, type KubeObject, type ObjectInput } from '../../engine/index';
import { buildTable } from './table/handlers';
import { HumanReadablePrinter, noResourcesFound, printGetTables, type GetTableOptions, type PrintItem } from './table-printer';
import { TabWriter } from './tabwriter';

const twoContainers = (name: string): ObjectInput => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'webserver', image: 'nginx:latest', ports: [{ containerPort: 80 }] }, { name: 'webwatcher', image: 'afakharany/watcher:latest' }] },
});

async function get(c: Cluster, resources: string[], opts: GetTableOptions = {}): Promise<string> {
  const items: PrintItem[] = [];
  for (const r of resources) {
    const info = lookupResource(r)!;
    const list = await c.api.list(info.resource, info.namespaced && !opts.allNamespaces ? { namespace: 'default' } : {});
    for (const object of list.items) items.push({ object, resource: info });
  }
  return printGetTables(items, opts, { now: c.clock.now() });
}

describe('kubectl get tables (seed walkthroughs)', () => {
  it('seed 000: get po -o wide, then get po,svc,deploy with kind prefixes and a blank line', async () => {
    // the service is 5m30s old when the pod is 2m1s old
    const c = Cluster.create({ seed: 3, warmUpMs: 208_000 });
    await c.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'first' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }, { namespace: 'default' });
    c.clock.advance(1_000); // 'first' takes 10.244.0.3
    await c.api.create('pods', twoContainers('webserver'), { namespace: 'default' });
    await c.api.delete('pods', 'default', 'first', { gracePeriodSeconds: 0 });
    c.clock.advance(73_000);
    expect(await get(c, ['pods'], { wide: true })).toBe(
      'NAME        READY   STATUS    RESTARTS   AGE   IP           NODE       NOMINATED NODE   READINESS GATES\n' +
      'webserver   2/2     Running   0          73s   10.244.0.4   minikube   <none>           <none>\n');
    c.clock.advance(48_000);
    expect(await get(c, ['pods', 'services', 'deployments'])).toBe(
      'NAME            READY   STATUS    RESTARTS   AGE\n' +
      'pod/webserver   2/2     Running   0          2m1s\n' +
      '\n' +
      'NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE\n' +
      'service/kubernetes   ClusterIP   10.96.0.1    <none>        443/TCP   5m30s\n');
  });

  it('seed 003: get pods after two minutes', async () => {
    const c = Cluster.create({ seed: 5 });
    await c.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-pod' }, spec: { containers: [{ name: 'web', image: 'nginx:alpine' }] } }, { namespace: 'default' });
    c.clock.advance(120_000);
    expect(await get(c, ['pods'])).toBe('NAME      READY   STATUS    RESTARTS   AGE\nweb-pod   1/1     Running   0          2m\n');
  });

  it('prints nothing for no rows, and get tells why on stderr', async () => {
    const c = Cluster.create({ seed: 1 });
    expect(await get(c, ['pods'])).toBe('');
    expect(noResourcesFound('default')).toBe('No resources found in default namespace.\n');
    expect(noResourcesFound(undefined)).toBe('No resources found\n');
  });
});

describe('decorations', () => {
  const c = Cluster.create({ seed: 9 });
  const ready = (async () => {
    await c.api.create('pods', { ...twoContainers('web'), metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/part-of': 'shop' } } }, { namespace: 'default' });
    c.clock.advance(30_000);
  })();

  it('--show-labels, -L (last path segment as header) and --no-headers', async () => {
    await ready;
    expect(await get(c, ['pods'], { showLabels: true, columnLabels: ['app', 'app.kubernetes.io/part-of', 'missing'] })).toBe(
      'NAME   READY   STATUS    RESTARTS   AGE   APP   PART-OF   MISSING   LABELS\n' +
      'web    2/2     Running   0          30s   web   shop                app=web,app.kubernetes.io/part-of=shop\n');
    expect(await get(c, ['pods'], { noHeaders: true })).toBe('web   2/2   Running   0     30s\n');
  });

  it('-A adds NAMESPACE for namespaced kinds only; --show-kind prefixes a single kind', async () => {
    await ready;
    const out = await get(c, ['nodes', 'pods'], { allNamespaces: true });
    const [nodes, pods] = out.split('\n\n');
    expect(nodes.split('\n')[0]).toBe('NAME            STATUS   ROLES           AGE   VERSION');
    expect(pods.split('\n')[0]).toMatch(/^NAMESPACE\s+NAME\s+READY/);
    expect(pods).toContain('kube-system   pod/etcd-minikube');
    expect(await get(c, ['pods'], { showKind: true })).toContain('pod/web ');
  });

  it('cuts a cell at its first line break and escapes ESC', async () => {
    const ev = { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e', namespace: 'default', uid: 'u', resourceVersion: '1', creationTimestamp: '2026-11-21T12:00:00Z' }, involvedObject: { kind: 'Pod', name: 'web' }, message: 'line one\nline two \x1b[31m', reason: 'R\x1b', type: 'Normal', count: 1, firstTimestamp: '2026-11-21T12:00:00Z', lastTimestamp: '2026-11-21T12:00:00Z' } as KubeObject;
    const out = printGetTables([{ object: ev, resource: lookupResource('events')! }], {}, { now: Date.parse('2026-11-21T12:00:10Z') });
    expect(out.split('\n')[1]).toBe('10s         Normal   R^[      pod/web   line one...');
  });
});

describe('watch output', () => {
  it('prints the header once, keeps column widths, and adds EVENT with --output-watch-events', async () => {
    const c = Cluster.create({ seed: 2 });
    await c.api.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'kubernetes-up-and-running' }, spec: { containers: [{ name: 'kuard', image: 'nginx' }] } }, { namespace: 'default' });
    c.clock.advance(32_000);
    const pod = await c.api.get('pods', 'default', 'kubernetes-up-and-running');
    const printer = new HumanReadablePrinter({});
    const w = new TabWriter();
    const now = { now: c.clock.now() };
    printer.printTable(buildTable('Pod', [pod], now), w);
    const first = w.flush();
    printer.printTable(buildTable('Pod', [pod], now), w);
    const second = w.flush();
    expect(first).toBe('NAME                        READY   STATUS    RESTARTS   AGE\nkubernetes-up-and-running   1/1     Running   0          32s\n');
    expect(second).toBe('kubernetes-up-and-running   1/1     Running   0          32s\n');

    const events = new HumanReadablePrinter({});
    const w2 = new TabWriter();
    events.printTable(buildTable('Pod', [pod], now), w2, 'ADDED');
    events.printTable(buildTable('Pod', [pod], now), w2, 'MODIFIED');
    expect(w2.flush()).toBe(
      'EVENT      NAME                        READY   STATUS    RESTARTS   AGE\n' +
      'ADDED      kubernetes-up-and-running   1/1     Running   0          32s\n' +
      'MODIFIED   kubernetes-up-and-running   1/1     Running   0          32s\n');
  });
});

describe('a large table', () => {
  it('lays out 1,000 pods, one line each under the header', async () => {
    const c = Cluster.create({ seed: 4 });
    await c.api.create('pods', twoContainers('template'), { namespace: 'default' });
    c.clock.advance(30_000);
    const template = await c.api.get('pods', 'default', 'template');
    const info = lookupResource('pods')!;
    const items: PrintItem[] = Array.from({ length: 1000 }, (_, i) => ({
      object: { ...template, metadata: { ...template.metadata, name: `pod-${String(i).padStart(4, '0')}` } },
      resource: info,
    }));
    const ctx = { now: c.clock.now() };
    // its speed is a benchmark (npm run bench), not a unit-test assertion
    const out = printGetTables(items, {}, ctx);
    expect(out.split('\n')).toHaveLength(1002);
  });
});
