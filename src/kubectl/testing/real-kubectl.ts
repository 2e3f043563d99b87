// Test-only harness (Node): serve a simulated cluster over a loopback HTTP API server and run the
// real kubectl v1.32 binary against it, so printers and describers can be golden-tested against
// the genuine client on the same objects. Never imported by app code (Node APIs; excluded from
// tsconfig.headless.json).
//
// What the server speaks (the part of the API kubectl's get/describe use):
//   /version, legacy discovery (/api, /api/v1, /apis, /apis/<group>/<version>) built from the
//   API's resources(); aggregated discovery (Accept ...;as=APIGroupDiscoveryList) is declined by
//   answering with the plain documents, which kubectl 1.32 accepts and falls back on;
//   GET get/list with labelSelector, fieldSelector and limit (one page: no continue token);
//   pods/log; POST/PUT/PATCH/DELETE mapped onto KubeApi (PATCH also pods/ephemeralcontainers); errors as metav1.Status bodies.
// `kubectl get` asks for `as=Table`; this server answers plain objects, so the client prints its
// own minimal table (NAME AGE) — tables are server-side in real clusters — unless `{ tables: true }`:
// then it answers with a meta.k8s.io/v1 Table whose cells come from Podlab's row builders (which
// stand in for the API server's TableConvertor) at the cluster's time, and the real client lays it out.
// No OpenAPI is served (404) unless `{ openapi: true }` (for `explain`, see openapi-v3.ts): writes
// need `--validate=false`. Watches (`?watch=true`) are refused (405) unless `{ watch: true }`: then
// events stream as the apiserver sends them, and the second function given to `fn` runs kubectl
// until it watches, lets the test move the cluster, and ends it with SIGINT.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { openAPIV3Document, openAPIV3Root } from './openapi-v3';
import { isStatusError, RESOURCES, type Cluster, type KubeApi, type KubeObject, type PatchType, type ResourceInfo } from '../../engine/index';
import { buildTable } from '../printers/table/handlers';

export const REAL_KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

export interface KubectlResult {
  stdout: string;
  stderr: string;
  code: number;
}

export type RealKubectl = (args: string[], opts?: { stdin?: string }) => Promise<KubectlResult>;

/**
 * Run kubectl until `until` holds of its stdout so far, then call `during` (which may change the
 * cluster: watch events stream out), wait `settleMs` of real time for kubectl to print them, and
 * end it with SIGINT, as Ctrl-C would.
 */
export type RealKubectlInterrupted = (
  args: string[], opts: { until: (stdout: string) => boolean; during: () => void | Promise<void>; settleMs?: number },
) => Promise<KubectlResult>;

/**
 * Start a loopback API server for `cluster`, write a kubeconfig (context `minikube`, namespace
 * default, no auth) and call `fn` with a function that runs the real kubectl against it. kubectl
 * runs with HOME and --cache-dir in a temp dir and TZ=UTC; everything is removed afterwards.
 */
export async function withRealKubectl(
  cluster: Cluster, fn: (kubectl: RealKubectl, interrupted: RealKubectlInterrupted) => Promise<void>, opts: { openapi?: boolean; tables?: boolean; watch?: boolean } = {},
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'podlab-kubectl-'));
  const tableNow = opts.tables ? () => cluster.clock.now() : undefined;
  // watches are served only when asked for: client-go's informers (kubectl wait) then wait on them
  const watches = { opened: 0, served: !!opts.watch };
  const server = createServer((req, res) => {
    if (opts.openapi && serveOpenAPI(cluster.api, req, res)) return;
    handle(cluster.api, req, res, tableNow, watches).catch((e: unknown) => sendJSON(res, 500, internalError(e)));
  });
  try {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    const kubeconfig = join(dir, 'config');
    writeFileSync(kubeconfig, kubeconfigYAML(`http://127.0.0.1:${port}`));
    const kubectl: RealKubectl = (args, opts) => run(
      [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(dir, 'cache')}`, ...args], dir, opts?.stdin,
    );
    const interrupted: RealKubectlInterrupted = (args, o) => runInterrupted(
      [`--kubeconfig=${kubeconfig}`, `--cache-dir=${join(dir, 'cache')}`, ...args], dir, o, watches,
    );
    await fn(kubectl, interrupted);
  } finally {
    await close(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

function kubeconfigYAML(server: string): string {
  return [
    'apiVersion: v1', 'kind: Config', 'preferences: {}', 'current-context: minikube',
    'clusters:', '- name: minikube', '  cluster:', `    server: ${server}`,
    'contexts:', '- name: minikube', '  context:', '    cluster: minikube', '    user: minikube', '    namespace: default',
    'users:', '- name: minikube', '  user: {}', '',
  ].join('\n');
}

function spawnKubectl(args: string[], home: string) {
  return spawn(REAL_KUBECTL, args, {
    env: { PATH: '/usr/bin:/bin', HOME: home, TZ: 'UTC', LANG: 'C', KUBECONFIG: join(home, 'config') },
    cwd: home,
  });
}

/** kubectl runs until its stdout satisfies `until` and it has opened a watch; see RealKubectlInterrupted. */
function runInterrupted(
  args: string[], home: string, o: { until: (stdout: string) => boolean; during: () => void | Promise<void>; settleMs?: number },
  watches: { opened: number },
): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawnKubectl(args, home);
    const opened = watches.opened;
    let stdout = '';
    let stderr = '';
    const give = setTimeout(() => child.kill('SIGKILL'), 20_000);
    // the watch's request and the synthetic events it starts with take a moment after the list
    const poll = setInterval(() => {
      if (watches.opened === opened || !o.until(stdout)) return;
      clearInterval(poll);
      Promise.resolve(o.during())
        .then(() => new Promise((r) => setTimeout(r, o.settleMs ?? 500)))
        .then(() => child.kill('SIGINT'), reject);
    }, 100);
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(give);
      clearInterval(poll);
      resolve({ stdout, stderr, code: code ?? (signal === 'SIGINT' ? 130 : -1) });
    });
    child.stdin.end();
  });
}

function run(args: string[], home: string, stdin?: string): Promise<KubectlResult> {
  return new Promise((resolve, reject) => {
    const child = spawnKubectl(args, home);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolve({
      stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), code: code ?? -1,
    }));
    child.stdin.end(stdin ?? '');
  });
}

function close(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

// ---------- the API server ----------

/** GET /openapi/v3 and /openapi/v3/<group-version>; false for every other request. */
function serveOpenAPI(api: KubeApi, req: IncomingMessage, res: ServerResponse): boolean {
  const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(/\/+$/, '');
  if (req.method !== 'GET' || !path.startsWith('/openapi/v3')) return false;
  const doc = path === '/openapi/v3' ? openAPIV3Root(api.resources()) : openAPIV3Document(path.slice('/openapi/v3/'.length), api.resources());
  if (doc) sendJSON(res, 200, doc);
  else sendJSON(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  return true;
}

const groupVersion = (i: ResourceInfo): string => (i.group ? `${i.group}/${i.version}` : i.version);

async function handle(
  api: KubeApi, req: IncomingMessage, res: ServerResponse, tableNow?: () => number, watches = { opened: 0, served: false },
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname.replace(/\/+$/, '');
  const body = await readBody(req);
  if (req.method === 'GET') {
    const doc = discovery(path, api.resources());
    if (doc) return sendJSON(res, 200, doc);
  }
  const route = parseResourcePath(path, api.resources());
  if (!route) return sendJSON(res, 404, status(404, 'NotFound', 'the server could not find the requested resource'));
  const { info, namespace, name, subresource } = route;
  const q = url.searchParams;
  const dryRun = q.getAll('dryRun').includes('All');
  const asTable = tableNow && /;as=Table;/.test(req.headers.accept ?? '') ? (objects: KubeObject[], rv?: string) => serverTable(info.kind, objects, tableNow(), rv) : undefined;
  const fieldValidation = (q.get('fieldValidation') ?? undefined) as 'Strict' | 'Warn' | 'Ignore' | undefined;
  try {
    switch (req.method) {
      case 'GET':
        if (subresource === 'log' && name) {
          const text = await api.logs(namespace ?? 'default', name, {
            container: q.get('container') ?? undefined, previous: q.get('previous') === 'true',
            tailLines: q.has('tailLines') ? Number(q.get('tailLines')) : undefined,
            timestamps: q.get('timestamps') === 'true',
          });
          res.writeHead(200, { 'Content-Type': 'text/plain' });
          res.end(text);
          return;
        }
        if (subresource) break;
        if (name) {
          const obj = await api.get(info.resource, namespace, name);
          return sendJSON(res, 200, asTable ? asTable([obj]) : obj);
        }
        if (q.get('watch') === 'true' || q.get('watch') === '1') {
          if (!watches.served) break;
          watches.opened++;
          return serveWatch(api, info, namespace, q, asTable, res);
        }
        return sendJSON(res, 200, await api.list(info.resource, {
          namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined,
        }).then((list) => (asTable ? asTable(list.items, list.metadata.resourceVersion) : list)));
      case 'POST': {
        const r = await api.create(info.resource, JSON.parse(body), { namespace, dryRun, fieldValidation });
        return sendJSON(res, 201, r.object, r.warnings);
      }
      case 'PUT': {
        if (!name || subresource) break;
        const r = await api.update(info.resource, JSON.parse(body), { namespace, dryRun, fieldValidation });
        return sendJSON(res, 200, r.object, r.warnings);
      }
      case 'PATCH': {
        if (!name || (subresource && subresource !== 'ephemeralcontainers')) break;
        const sub = subresource === 'ephemeralcontainers' ? { subresource } as const : {};
        const r = await api.patch(info.resource, namespace, name, patchType(req.headers['content-type']), JSON.parse(body), { dryRun, fieldValidation, ...sub });
        return sendJSON(res, 200, r.object, r.warnings);
      }
      case 'DELETE': {
        if (!name || subresource) break;
        const opts = body ? (JSON.parse(body) as { gracePeriodSeconds?: number }) : {};
        const grace = q.has('gracePeriodSeconds') ? Number(q.get('gracePeriodSeconds')) : opts.gracePeriodSeconds;
        return sendJSON(res, 200, await api.delete(info.resource, namespace, name, grace === undefined ? {} : { gracePeriodSeconds: grace }));
      }
    }
  } catch (e) {
    if (isStatusError(e)) return sendJSON(res, e.status.code, e.status);
    throw e;
  }
  // apiserver: a verb the resource does not serve
  return sendJSON(res, 405, status(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`));
}

/**
 * A watch as the API server streams it: one JSON WatchEvent per chunk. From resourceVersion "0"
 * (or none) it begins with an ADDED event for every object that matches (the apiserver's
 * "synthetic" initial events); from the resourceVersion of a list, with the changes after it.
 * Objects go out as one-row Tables when the client asked for `as=Table`.
 */
function serveWatch(
  api: KubeApi, info: ResourceInfo, namespace: string | undefined, q: URLSearchParams,
  asTable: ((objects: KubeObject[]) => unknown) | undefined, res: ServerResponse,
): void {
  const opts = { namespace, labelSelector: q.get('labelSelector') ?? undefined, fieldSelector: q.get('fieldSelector') ?? undefined };
  const rv = q.get('resourceVersion') ?? '';
  res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
  res.flushHeaders();
  const send = (type: string, object: KubeObject) => res.write(`${JSON.stringify({ type, object: asTable ? asTable([object]) : object })}\n`);
  const stop = api.watch(info.resource, opts, (e) => send(e.type, e.object as KubeObject));
  res.on('close', stop);
  if (rv === '' || rv === '0') {
    void api.list(info.resource, opts).then((list) => {
      for (const o of list.items) send('ADDED', o);
    });
  }
}

function patchType(contentType: string | undefined): PatchType {
  if (contentType?.startsWith('application/json-patch+json')) return 'json';
  if (contentType?.startsWith('application/strategic-merge-patch+json')) return 'strategic';
  return 'merge';
}

interface ResourceRoute {
  info: ResourceInfo;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** `/api/v1[/namespaces/<ns>]/<resource>[/<name>[/<sub>]]` and the same under `/apis/<group>/<version>`. */
export function parseResourcePath(path: string, all: readonly ResourceInfo[] = RESOURCES): ResourceRoute | undefined {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  let group = '';
  let rest: string[];
  if (parts[0] === 'api' && parts[1] === 'v1') rest = parts.slice(2);
  else if (parts[0] === 'apis' && parts.length >= 3) {
    group = parts[1]!;
    rest = parts.slice(3);
  } else return undefined;
  let namespace: string | undefined;
  // `namespaces/<ns>/<resource>...` is a namespaced path; `namespaces[/<name>]` is the Namespace itself.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const info = all.find((i) => i.group === group && i.resource === rest[0]);
  if (!info || (namespace !== undefined && !info.namespaced) || rest.length > 3) return undefined;
  return { info, namespace, name: rest[1], subresource: rest[2] };
}

function discovery(path: string, all: readonly ResourceInfo[]): unknown {
  if (path === '/version') {
    return {
      major: '1', minor: '32', gitVersion: 'v1.32.0', gitCommit: '', gitTreeState: 'clean',
      buildDate: '2024-12-11T17:59:15Z', goVersion: 'go1.23.3', compiler: 'gc', platform: 'linux/amd64',
    };
  }
  if (path === '/api') {
    return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] };
  }
  if (path === '/apis') {
    // every group the API serves, with its version (metrics.k8s.io is v1beta1)
    const groups = new Map(all.filter((i) => i.group).map((i) => [i.group, i.version]));
    return {
      kind: 'APIGroupList', apiVersion: 'v1',
      groups: [...groups].map(([name, version]) => {
        const gv = { groupVersion: `${name}/${version}`, version };
        return { name, versions: [gv], preferredVersion: gv };
      }),
    };
  }
  const gv = path === '/api/v1' ? 'v1' : /^\/apis\/([^/]+\/[^/]+)$/.exec(path)?.[1];
  if (!gv) return undefined;
  const infos = all.filter((i) => groupVersion(i) === gv);
  if (!infos.length) return undefined;
  const resources: unknown[] = [];
  for (const i of infos) {
    resources.push({
      name: i.resource, singularName: i.singular, namespaced: i.namespaced, kind: i.kind,
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
      ...(i.shortNames.length ? { shortNames: i.shortNames } : {}),
      ...(i.categories.length ? { categories: i.categories } : {}),
    });
    if (i.statusSubresource) resources.push({ name: `${i.resource}/status`, singularName: '', namespaced: i.namespaced, kind: i.kind, verbs: ['get', 'patch', 'update'] });
    if (i.resource === 'pods') {
      for (const sub of ['log', 'exec', 'portforward']) {
        resources.push({ name: `pods/${sub}`, singularName: '', namespaced: true, kind: sub === 'log' ? 'Pod' : 'PodExecOptions', verbs: sub === 'log' ? ['get'] : ['create', 'get'] });
      }
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: gv, resources };
}

/** metav1.Table as the API server's TableConvertor answers: rows carry the objects' metadata. */
function serverTable(kind: string, objects: KubeObject[], now: number, rv?: string): unknown {
  const table = buildTable(kind, objects, { now });
  return {
    kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: rv === undefined ? {} : { resourceVersion: rv },
    columnDefinitions: table.columns.map((c) => ({ name: c.name, type: 'string', format: c.format ?? '', description: '', priority: c.priority ?? 0 })),
    rows: table.rows.map((r) => ({ cells: r.cells, object: { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: r.object.metadata } })),
  };
}

function status(code: number, reason: string, message: string): unknown {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code };
}

function internalError(e: unknown): unknown {
  return status(500, 'InternalError', `Internal error occurred: ${e instanceof Error ? e.message : String(e)}`);
}

function sendJSON(res: ServerResponse, code: number, body: unknown, warnings: string[] = []): void {
  const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json' };
  // apiserver warning headers: `299 - "<text>"`
  if (warnings.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(JSON.stringify(body));
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
