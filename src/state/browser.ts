// The preview pane's browser: one page load as a browser does it, over the simulated network.
// From the learner's machine only `localhost:<port>` leads anywhere (a `kubectl port-forward`
// holding the port); "as pod X" it resolves names through the cluster's DNS with the pod's search
// list and connects from the pod's network namespace, as a process in that pod would.
import type { DnsType, HttpOutcome, HttpRequest } from '../engine';
import type { World } from './world';

/** Where requests come from: the learner's machine, or inside a pod. */
export type Vantage = { kind: 'host' } | { kind: 'pod'; namespace: string; name: string };

export interface PageResponse {
  kind: 'page';
  url: string;
  status: number;
  reason: string;
  headers: [string, string][];
  body: string;
  /** the media type without parameters, lower case ('' when the server sent none) */
  contentType: string;
  /** an HTML page's stylesheets (its `<link rel="stylesheet">`s), as loaded, in document order */
  styles?: string[];
}

/** A load that got no HTTP response: Chromium's net error and its page text. */
export interface PageError {
  kind: 'error';
  url: string;
  code: string;
  title: string;
  detail: string;
}

export type PageResult = PageResponse | PageError;

// Chromium on Linux, as a learner's browser would send it (it shows in nginx's access log)
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8';
/** net/url_request/redirect_util: Chromium gives up after 20 redirects (ERR_TOO_MANY_REDIRECTS) */
const MAX_REDIRECTS = 20;
const CLUSTER_DOMAIN = 'cluster.local';

/** "localhost:8080/x" → "http://localhost:8080/x"; undefined when it cannot be a URL. */
export function normalizeUrl(input: string): URL | undefined {
  const text = input.trim();
  if (!text) return undefined;
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `http://${text}`);
  } catch {
    return undefined;
  }
}

export async function load(world: World, input: string, vantage: Vantage, init: { method?: string; body?: string } = {}): Promise<PageResult> {
  const result = await loadOne(world, input, vantage, init);
  if (result.kind !== 'page' || !isHtmlType(result.contentType)) return result;
  // a browser then asks the server for the page's stylesheets (they show in its access log too)
  const styles: string[] = [];
  for (const href of stylesheetLinks(result.body).slice(0, MAX_STYLESHEETS)) {
    let url: string;
    try {
      url = new URL(href, result.url).href;
    } catch {
      continue;
    }
    const css = await loadOne(world, url, vantage, {});
    // Chromium applies a stylesheet only when it was served as text/css (or with no type)
    if (css.kind === 'page' && css.status === 200 && (css.contentType === 'text/css' || css.contentType === '')) styles.push(css.body);
  }
  return styles.length ? { ...result, styles } : result;
}

/** How many stylesheets of one page are loaded (a page cannot make the preview fetch without end). */
const MAX_STYLESHEETS = 8;

/** The hrefs of a page's `<link rel="stylesheet">` tags, in document order. */
export function stylesheetLinks(html: string): string[] {
  const out: string[] = [];
  for (const [tag] of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = new Map<string, string>();
    for (const m of tag.matchAll(/([a-z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))/gi)) attrs.set(m[1]!.toLowerCase(), m[2] ?? m[3] ?? m[4] ?? '');
    const rel = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/);
    const href = attrs.get('href');
    if (rel.includes('stylesheet') && !rel.includes('alternate') && href) out.push(href);
  }
  return out;
}

function isHtmlType(type: string): boolean {
  return type === 'text/html' || type === 'application/xhtml+xml';
}

async function loadOne(world: World, input: string, vantage: Vantage, init: { method?: string; body?: string }): Promise<PageResult> {
  let url = normalizeUrl(input);
  if (!url) return failure(input, 'ERR_INVALID_URL', 'This site can’t be reached', `The webpage at ${input} might be temporarily down or it may have moved permanently to a new web address.`);
  let method = init.method ?? 'GET';
  let body = init.body;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const result = await fetchOnce(world, url, vantage, method, body);
    if (result.kind === 'error') return result;
    const location = headerOf(result.headers, 'location');
    if (![301, 302, 303, 307, 308].includes(result.status) || !location) return result;
    url = new URL(location, url);
    // 303, and 301/302 after a POST, turn into a GET (as browsers do)
    if (result.status === 303 || ((result.status === 301 || result.status === 302) && method === 'POST')) {
      method = 'GET';
      body = undefined;
    }
  }
  return failure(url.href, 'ERR_TOO_MANY_REDIRECTS', 'This page isn’t working', `${url.hostname} redirected you too many times.`);
}

async function fetchOnce(world: World, url: URL, vantage: Vantage, method: string, body: string | undefined): Promise<PageResult> {
  const href = url.href;
  if (url.protocol !== 'http:') {
    return failure(href, 'ERR_SSL_PROTOCOL_ERROR', 'This site can’t provide a secure connection', `${url.hostname} sent an invalid response. (The simulated cluster serves plain http only.)`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = url.port ? Number(url.port) : 80;
  const req = (ip: string): HttpRequest => ({
    method,
    ip,
    port,
    host: url.host,
    path: `${url.pathname || '/'}${url.search}`,
    headers: [
      ['Host', url.host],
      ['User-Agent', USER_AGENT],
      ['Accept', ACCEPT],
      ['Accept-Encoding', 'identity'],
      ['Accept-Language', 'en-US,en;q=0.9'],
      ...(body !== undefined ? ([['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(body.length)]] as [string, string][]) : []),
    ],
    ...(body !== undefined ? { body } : {}),
  });

  let outcome: HttpOutcome;
  if (vantage.kind === 'host') {
    const ip = host === 'localhost' ? '127.0.0.1' : isIp(host) ? host : undefined;
    // the learner's machine is not in the cluster: no cluster DNS, no route to pod IPs
    if (!ip) return failure(href, 'ERR_NAME_NOT_RESOLVED', 'This site can’t be reached', `${host}’s server IP address could not be found. (From your machine only localhost ports that kubectl port-forward holds lead into the cluster; choose “View as pod” to browse Service names.)`);
    outcome = await world.session.network.fetch(req(ip));
  } else {
    const pod = world.cluster.network.fromPod(vantage.namespace, vantage.name);
    if (!pod) return failure(href, 'ERR_NETWORK_CHANGED', 'This site can’t be reached', `Pod ${vantage.namespace}/${vantage.name} is not running, so there is no network namespace to browse from.`);
    const ip = host === 'localhost' ? '127.0.0.1' : isIp(host) ? host : resolveInPod(world, vantage.namespace, host, (fqdn, type) => pod.dns(dnsServer(world), fqdn, type));
    if (!ip) return failure(href, 'ERR_NAME_NOT_RESOLVED', 'This site can’t be reached', `${host}’s server IP address could not be found.`);
    outcome = pod.http(req(ip));
  }
  return toResult(href, host, outcome);
}

/** The pod's resolver: /etc/resolv.conf with `search <ns>.svc.cluster.local svc.cluster.local cluster.local` and ndots:5. */
function resolveInPod(world: World, namespace: string, name: string, query: (fqdn: string, type: DnsType) => { rcode: string; answers?: string[] }): string | undefined {
  const bare = name.replace(/\.$/, '');
  const dots = bare.split('.').length - 1;
  const search = [`${namespace}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN];
  // glibc res_nsearch: with fewer than ndots (5) dots the search list goes first
  const candidates = name.endsWith('.') ? [bare] : dots < 5 ? [...search.map((d) => `${bare}.${d}`), bare] : [bare, ...search.map((d) => `${bare}.${d}`)];
  for (const fqdn of candidates) {
    const r = query(fqdn, 'A');
    if (r.rcode === 'NOERROR' && r.answers?.length) return r.answers[0];
    if (r.rcode === 'TIMEOUT') return undefined;
  }
  void world;
  return undefined;
}

/** The kube-dns Service's ClusterIP, which every pod's resolv.conf names. */
function dnsServer(world: World): string {
  const svc = world.cluster.store.tryGet('services', 'kube-system', 'kube-dns') as { spec?: { clusterIP?: string } } | undefined;
  return svc?.spec?.clusterIP ?? '10.96.0.10';
}

function toResult(url: string, host: string, outcome: HttpOutcome): PageResult {
  switch (outcome.kind) {
    case 'response': {
      const r = outcome.response;
      const type = (headerOf(r.headers, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      return { kind: 'page', url, status: r.status, reason: r.reason, headers: r.headers, body: r.body, contentType: type };
    }
    // chrome/browser/net/net_error_page texts
    case 'refused':
      return failure(url, 'ERR_CONNECTION_REFUSED', 'This site can’t be reached', `${host} refused to connect.`);
    case 'unreachable':
      return failure(url, 'ERR_ADDRESS_UNREACHABLE', 'This site can’t be reached', `${host} is unreachable.`);
    case 'timeout':
      return failure(url, 'ERR_CONNECTION_TIMED_OUT', 'This site can’t be reached', `${host} took too long to respond.`);
    case 'reset':
      return failure(url, 'ERR_CONNECTION_RESET', 'This site can’t be reached', 'The connection was reset.');
    case 'closed':
      return failure(url, 'ERR_EMPTY_RESPONSE', 'This page isn’t working', `${host} didn’t send any data.`);
  }
}

function failure(url: string, code: string, title: string, detail: string): PageError {
  return { kind: 'error', url, code, title, detail };
}

export function headerOf(headers: readonly [string, string][], name: string): string | undefined {
  return headers.find(([k]) => k.toLowerCase() === name)?.[1];
}

function isIp(host: string): boolean {
  return /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.includes(':');
}
