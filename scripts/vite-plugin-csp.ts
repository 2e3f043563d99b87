// A Vite plugin: the built index.html carries a Content-Security-Policy <meta> that allows no
// inline script and no origin but the app's own. Only the build gets it: the dev server injects
// an inline script (React refresh's preamble) that such a policy would block.
//
// A policy set by <meta> covers the document and what inherits it (the preview pane's
// `<iframe srcdoc>`, whose inline <style> the nginx welcome page needs); CSP Level 3 ignores
// frame-ancestors, report-uri and sandbox in a <meta>, so none is listed. Fonts, frames and the
// web manifest fall back to default-src. Workers get their policy from their own response.
import type { HtmlTagDescriptor, Plugin } from 'vite'

/** Each directive and its sources; every source is a keyword or a scheme, never a host. */
export const CSP_DIRECTIVES: Readonly<Record<string, readonly string[]>> = {
  'default-src': ["'self'"],
  // the app's own module chunks and registerSW.js only: no 'unsafe-inline' (the build emits
  // nothing inline) and no 'unsafe-eval' (no chunk evaluates strings as code)
  'script-src': ["'self'"],
  // Monaco adds <style> elements at run time (its theme, decorations) and React sets style
  // attributes (splitter sizes); the nginx welcome page in the preview brings its own <style>.
  // That is style, not script: nothing in CSS can run code in current browsers.
  'style-src': ["'self'", "'unsafe-inline'"],
  // data: for the favicon placeholder and the images the preview keeps (data:image/ only);
  // blob: for images a page makes from its own Blobs (same origin by construction)
  'img-src': ["'self'", 'data:', 'blob:'],
  // the app's MonacoEnvironment.getWorker returns Vite's ?worker chunks, files of the build;
  // Monaco makes a blob: bootstrap worker only without getWorker (monaco-editor
  // standaloneWebWorkerService.js _createWorker), so blob: is not needed
  'worker-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
}

/** The policy as the <meta> tag's content. */
export function contentSecurityPolicy(directives: Readonly<Record<string, readonly string[]>> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join('; ')
}

/** The tag, first in <head> so that it governs every script and style after it. */
export function cspTag(policy = contentSecurityPolicy()): HtmlTagDescriptor {
  return { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }
}

export function cspPlugin(): Plugin {
  return {
    name: 'podlab-csp',
    apply: 'build',
    transformIndexHtml: { order: 'post', handler: () => [cspTag()] },
  }
}
