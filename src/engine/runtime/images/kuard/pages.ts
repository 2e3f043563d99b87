// kuard's pages, rendered on the server. The real UI is a React app (client/src/*.jsx) that fetches
// the JSON APIs and acts through fetch() on its links; Podlab's browser pane shows HTML without
// scripts, so the same pages come out as plain HTML here, and the links that would POST/PUT through
// fetch() are GET links under /-/ that do the same thing and show the page again.
import { ib, memRows, type MemoryState } from './memory';
import { friendlyTime, probeDescription, relTime, type ProbeState } from './debugprobe';

export interface PageContext {
  hostname: string;
  addrs: string[];
  version: string;
  /** httputil.DumpRequest(r, false), trimmed */
  requestDump: string;
  requestProto: string;
  requestAddr: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');
}

// client/src/app.jsx: the menu (DNS Query, KeyGen and MemQ are not simulated)
const NAV: [href: string, label: string][] = [
  ['/', 'Request Details'],
  ['/-/env', 'Server Env'],
  ['/-/mem', 'Memory'],
  ['/-/liveness', 'Liveness Probe'],
  ['/-/readiness', 'Readiness Probe'],
  ['/fs/', 'File system browser'],
];

/** The page frame of client/src/app.jsx around `content`; `active` highlights the current menu item. */
export function page(ctx: PageContext, active: string, content: string): string {
  const addrs = ctx.addrs.map((a) => `<span>${escapeHtml(a)}</span>`).join(' ');
  const nav = NAV.map(([href, label]) => `<a class="nav-item${href === active ? ' active' : ''}" href="${href}">${label}</a>`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>KUAR Demo</title>
<link rel="stylesheet" href="/static/css/bootstrap.min.css">
<link rel="stylesheet" href="/static/css/styles.css">
</head>
<body>
<div class="top">
<div class="title">
<div class="alert alert-danger" role="alert"><b>WARNING:</b> This server may expose sensitive and secret information. Be careful.</div>
<h2><samp>${escapeHtml(ctx.hostname)}</samp></h2>
<div>Demo application version <i>${escapeHtml(ctx.version)}</i></div>
<div>Serving on ${addrs}</div>
</div>
<div class="nav-container">
<div class="nav">
${nav}
</div>
<div class="content">
${content}</div>
</div>
</div>
</body>
</html>
`;
}

/** client/src/request.jsx */
export function requestPage(ctx: PageContext): string {
  return `<div><b>Proto:</b> <samp>${escapeHtml(ctx.requestProto)}</samp></div>
<div><b>Client addr:</b> <samp>${escapeHtml(ctx.requestAddr)}</samp></div>
<div><b>Dump:</b></div>
<pre>${escapeHtml(ctx.requestDump)}</pre>
`;
}

/** client/src/env.jsx: the command line and the environment, keys in Go map (sorted) order */
export function envPage(argv: readonly string[], env: Record<string, string>): string {
  const args = argv.map((a) => `<code>${escapeHtml(a)}</code>`).join(' ');
  const rows = Object.keys(env).sort().map((k) => `<tr><td><samp>${escapeHtml(k)}</samp></td><td><samp>${escapeHtml(env[k]!)}</samp></td></tr>`).join('\n');
  return `<dl>
<dt>Command Line</dt>
<dd>${args}</dd>
</dl>
${table(rows)}`;
}

/** client/src/mem.jsx: the heap figures and the allocate/clear links */
export function memPage(m: MemoryState): string {
  const rows = memRows(m).map(([k, v]) => `<tr><td><samp>${k}</samp></td><td><samp>${v}</samp></td></tr>`).join('\n');
  const size = 500 * 1024 * 1024;
  return `${table(rows)}<div>
<b>Allocate/Clear memory to force OOM</b><br>
<a class="failn" href="/-/mem/alloc?size=${size}">Allocate ${ib(size).replace('.00', '')}</a><br>
<a class="failn" href="/-/mem/clear">Clear</a>
</div>
`;
}

/** client/src/probe.jsx: where the probe is served, what it will answer, the links, the history */
export function probePage(s: ProbeState, serverPath: string, pagePath: string, now: number): string {
  const set = (n: number, label: string) => `<a class="failn" href="${pagePath}?failNext=${n}">${label}</a>`;
  let history = '<p> No recorded probe history </p>\n';
  if (s.history.length) {
    const rows = [...s.history].reverse()
      .map((h) => `<tr><td>${h.id}</td><td>${friendlyTime(h.when)}</td><td>${relTime(h.when, now)}</td><td>${h.code}</td></tr>`).join('\n');
    history = `<table class="table table-condensed table-bordered">
<thead><tr><th>ID</th><th colspan="2">When</th><th>Status</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
`;
  }
  return `<p>Probe is being served on <a href="${serverPath}">${serverPath}</a></p>
<p><span> ${probeDescription(s.failNext)} </span><br>
<span class="small">${set(0, 'Succeed')} | ${set(-1, 'Fail')} | Fail for next N calls: ${[1, 2, 3, 5, 10].map((n) => set(n, String(n))).join(' ')}</span>
</p>
${history}`;
}

function table(rows: string): string {
  return `<table class="table table-condensed table-bordered">
<thead><tr><th>Key</th><th>Value</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
`;
}

/** net/http fs.go dirList: one link per entry, directories with a trailing slash, sorted by name. */
export function dirList(entries: { name: string; dir: boolean }[]): string {
  const links = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)).map((e) => {
    const name = e.dir ? `${e.name}/` : e.name;
    return `<a href="${encodeURI(name).replace(/\?/g, '%3F').replace(/#/g, '%23')}">${escapeHtml(name)}</a>\n`;
  });
  return `<pre>\n${links.join('')}</pre>\n`;
}
