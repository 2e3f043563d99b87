// What a simulated server's HTML becomes in the preview: a whole document for a sandboxed
// iframe (no script can run there: the sandbox has no allow-scripts, and DOMPurify removes script
// anyway), with nothing that would make the browser fetch from a real network or the app itself.
import DOMPurify from 'dompurify';

let purifier: ReturnType<typeof DOMPurify> | undefined;

function instance(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  // an instance of its own: the lesson renderer's hooks are not the preview's
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    const el = node as Element;
    // images, media and the like would load from the app's origin (or the internet): drop them
    for (const attr of ['src', 'srcset', 'poster', 'background', 'action', 'formaction', 'xlink:href']) {
      if (el.hasAttribute?.(attr) && !(attr === 'src' && (el.getAttribute(attr) ?? '').startsWith('data:image/'))) el.removeAttribute(attr);
    }
  });
  purifier = p;
  return p;
}

/**
 * The HTML of a page as the preview's iframe shows it (srcdoc), with the stylesheets its links
 * loaded put inline (a `<link>` in the iframe would fetch from the app's own origin).
 */
export function pageDocument(html: string, styles: readonly string[] = []): string {
  const inline = styles.map((css) => `<style>${css.replace(/<\/style/gi, '<\\/style')}</style>`).join('');
  const withStyles = !inline ? html : /<\/head>/i.test(html) ? html.replace(/<\/head>/i, `${inline}</head>`) : `${inline}${html}`;
  const clean = instance().sanitize(withStyles, {
    WHOLE_DOCUMENT: true,
    ADD_TAGS: ['style'],
    FORBID_TAGS: ['script', 'iframe', 'frame', 'object', 'embed', 'link', 'base', 'meta', 'portal', 'noscript'],
    FORBID_ATTR: ['srcset', 'ping'],
  });
  // CSS url(...) and @import would fetch too
  return clean.replace(/@import[^;]*;?/gi, '').replace(/url\(\s*(['"]?)(?!data:)[^)]*\1\s*\)/gi, 'none');
}

/** Plain text pages (hello-app, kuard's probe answers) shown as text; JSON pretty-printed. */
export function textOf(body: string, contentType: string): string {
  if (contentType === 'application/json') {
    try {
      return JSON.stringify(JSON.parse(body), null, 2);
    } catch {
      return body;
    }
  }
  return body;
}

/** Whether the body is shown as a page (else as text), as a browser sniffs it. */
export function isHtml(contentType: string, body: string): boolean {
  if (contentType) return contentType === 'text/html' || contentType === 'application/xhtml+xml';
  return /^\s*(<!doctype html|<html|<head|<body)/i.test(body);
}
