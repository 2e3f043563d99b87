// Script-injection payloads for the security journeys: the classic filter-evasion forms (OWASP's
// XSS filter evasion cheat sheet, the mutation-XSS shapes DOMPurify's tests carry) and the
// markdown forms a lesson author could write. Each payload is a function of the script to run, so
// a test can give every payload its own `alert(N)` and tell from the dialog which one ran.
//
// The script has no spaces, quotes or "=" (`alert(7)`), so that it survives every quoting context
// below, and markdown takes `<img onerror=alert(7)>` for HTML (CommonMark allows no "=" in an
// unquoted attribute value: `onerror=x=1` would be shown as text and prove nothing).

export interface Payload {
  name: string
  /** HTML (or markdown, for kind 'markdown') that would run `js` if it reached the page unfiltered. */
  make: (js: string) => string
  /** 'html' works anywhere HTML is rendered; 'markdown' only means something to a markdown renderer. */
  kind: 'html' | 'markdown'
}

const b64 = (text: string) => Buffer.from(text).toString('base64')
// "javascript:" written as decimal character references, as filters that match the word miss it
const entityJavascript = [...'javascript:'].map((c) => `&#${c.charCodeAt(0)};`).join('')

export const XSS_CORPUS: readonly Payload[] = [
  // script elements
  { name: 'script', kind: 'html', make: (js) => `<script>${js}</script>` },
  { name: 'script, upper case, data: src', kind: 'html', make: (js) => `<SCRIPT SRC=data:text/javascript,${js}></SCRIPT>` },
  { name: 'script split by a nested script', kind: 'html', make: (js) => `<scr<script>ipt>${js}</scr</script>ipt>` },
  { name: 'script in svg', kind: 'html', make: (js) => `<svg><script>${js}</script></svg>` },
  { name: 'script in a template', kind: 'html', make: (js) => `<template><script>${js}</script></template>` },
  // event handlers
  { name: 'img onerror', kind: 'html', make: (js) => `<img src=x onerror=${js}>` },
  { name: 'img onerror, slashes for spaces', kind: 'html', make: (js) => `<img/src=x/onerror=${js}>` },
  { name: 'malformed img quotes', kind: 'html', make: (js) => `<IMG """><SCRIPT>${js}</SCRIPT>">` },
  { name: 'attribute break-out', kind: 'html', make: (js) => `"><img src=x onerror=${js}>` },
  { name: 'comment break-out', kind: 'html', make: (js) => `--><svg onload=${js}>` },
  { name: 'svg onload', kind: 'html', make: (js) => `<svg onload=${js}>` },
  { name: 'svg/onload', kind: 'html', make: (js) => `<svg/onload=${js}>` },
  { name: 'body onload', kind: 'html', make: (js) => `<body onload=${js}>` },
  { name: 'details ontoggle', kind: 'html', make: (js) => `<details open ontoggle=${js}><summary>toggle</summary></details>` },
  { name: 'input autofocus onfocus', kind: 'html', make: (js) => `<input autofocus onfocus=${js}>` },
  { name: 'video source onerror', kind: 'html', make: (js) => `<video><source onerror=${js}></video>` },
  { name: 'audio onerror', kind: 'html', make: (js) => `<audio src=x onerror=${js}>` },
  { name: 'marquee onstart', kind: 'html', make: (js) => `<marquee onstart=${js}>marquee</marquee>` },
  { name: 'mouse handlers', kind: 'html', make: (js) => `<div onmouseover=${js} onclick=${js}>hover-me</div>` },
  { name: 'animate onbegin', kind: 'html', make: (js) => `<svg><animate onbegin=${js} attributeName=x dur=1s>` },
  // javascript: and other schemes
  { name: 'a href javascript:', kind: 'html', make: (js) => `<a href="javascript:${js}">js-link</a>` },
  { name: 'a href with a tab in the scheme', kind: 'html', make: (js) => `<a href="jav&#x09;ascript:${js}">tab-link</a>` },
  { name: 'a href entity-encoded scheme', kind: 'html', make: (js) => `<a href="${entityJavascript}${js}">entity-link</a>` },
  { name: 'a href mixed case, leading space', kind: 'html', make: (js) => `<a href=" JaVaScRiPt:${js}">case-link</a>` },
  { name: 'a href vbscript:', kind: 'html', make: (js) => `<a href="vbscript:${js}">vb-link</a>` },
  { name: 'a href data:text/html', kind: 'html', make: (js) => `<a href="data:text/html;base64,${b64(`<script>${js}</script>`)}">data-link</a>` },
  { name: 'img src javascript:', kind: 'html', make: (js) => `<IMG SRC="javascript:${js};">` },
  { name: 'svg a xlink:href', kind: 'html', make: (js) => `<svg><a xlink:href="javascript:${js}"><text x=20 y=20>svg-link</text></a></svg>` },
  { name: 'base href', kind: 'html', make: (js) => `<base href="javascript:${js}//">` },
  // frames and plugins
  { name: 'iframe src javascript:', kind: 'html', make: (js) => `<iframe src="javascript:${js}"></iframe>` },
  { name: 'iframe srcdoc', kind: 'html', make: (js) => `<iframe srcdoc="<script>${js}</script>"></iframe>` },
  { name: 'object data:', kind: 'html', make: (js) => `<object data="data:text/html;base64,${b64(`<script>${js}</script>`)}"></object>` },
  { name: 'embed javascript:', kind: 'html', make: (js) => `<embed src="javascript:${js}">` },
  // forms and navigation
  { name: 'form action javascript:', kind: 'html', make: (js) => `<form action="javascript:${js}"><button>form-submit</button></form>` },
  { name: 'button formaction', kind: 'html', make: (js) => `<form><button formaction="javascript:${js}">formaction</button></form>` },
  { name: 'isindex', kind: 'html', make: (js) => `<isindex action=javascript:${js} type=image>` },
  { name: 'meta refresh', kind: 'html', make: (js) => `<meta http-equiv="refresh" content="0;url=javascript:${js}">` },
  { name: 'meta refresh data:', kind: 'html', make: (js) => `<meta http-equiv="refresh" content="0;url=data:text/html;base64,${b64(`<script>${js}</script>`)}">` },
  // style
  { name: 'style url(javascript:)', kind: 'html', make: (js) => `<div style="background:url(javascript:${js})">style-url</div>` },
  { name: 'style expression()', kind: 'html', make: (js) => `<div style="width:expression(${js})">style-expr</div>` },
  { name: 'style @import javascript:', kind: 'html', make: (js) => `<style>@import 'javascript:${js}';</style>` },
  { name: 'link stylesheet javascript:', kind: 'html', make: (js) => `<link rel=stylesheet href="javascript:${js}">` },
  // mutation XSS: markup that a parser round trip turns into something else
  { name: 'math/mtext/table/mglyph/style', kind: 'html', make: (js) => `<math><mtext><table><mglyph><style><img src=x onerror=${js}>` },
  { name: 'noscript title', kind: 'html', make: (js) => `<noscript><p title="</noscript><img src=x onerror=${js}>">` },
  { name: 'svg/p/style', kind: 'html', make: (js) => `<svg></p><style><a id="</style><img src=1 onerror=${js}>">` },
  { name: 'form/math/mtext/form/mglyph', kind: 'html', make: (js) => `<form><math><mtext></form><form><mglyph><style></math><img src onerror=${js}>` },
  // markdown forms
  { name: 'markdown link javascript:', kind: 'markdown', make: (js) => `[md-js-link](javascript:${js})` },
  { name: 'markdown link, encoded colon', kind: 'markdown', make: (js) => `[md-colon-link](javascript&#58;${js})` },
  { name: 'markdown reference link', kind: 'markdown', make: (js) => `[md-ref-link][evil]\n\n[evil]: javascript:${js}` },
  { name: 'markdown autolink', kind: 'markdown', make: (js) => `<javascript:${js}>` },
  { name: 'markdown link data:', kind: 'markdown', make: (js) => `[md-data-link](data:text/html;base64,${b64(`<script>${js}</script>`)})` },
  { name: 'markdown image title break-out', kind: 'markdown', make: (js) => `![md-img](x" onerror="${js})` },
  { name: 'markdown image javascript:', kind: 'markdown', make: (js) => `![md-js-img](javascript:${js})` },
  { name: 'markdown raw HTML block', kind: 'markdown', make: (js) => `<div>\n<img src=x onerror=${js}>\n</div>` },
  { name: 'markdown inline HTML', kind: 'markdown', make: (js) => `Some *text* <b onmouseover=${js}>bold</b> more text.` },
]

/** Every payload with the script `alert(<its number>)`; numbers start at 1. */
export function corpus(kinds: readonly Payload['kind'][] = ['html', 'markdown']): { name: string; text: string; id: number; kind: Payload['kind'] }[] {
  return XSS_CORPUS.map((p, i) => ({ name: p.name, text: p.make(`alert(${i + 1})`), id: i + 1, kind: p.kind })).filter((p) => kinds.includes(p.kind))
}
