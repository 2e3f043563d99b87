// Short author text (task titles, hints, messages) as inline markdown: `code`, **bold**, links;
// sanitised like the rest of the lesson.
import { marked } from 'marked';
import { sanitize } from './lesson-markdown';

const cache = new Map<string, string>();

export function inlineMarkdown(text: string): string {
  let html = cache.get(text);
  if (html === undefined) {
    html = sanitize(marked.parseInline(text, { async: false }));
    if (cache.size > 500) cache.clear();
    cache.set(text, html);
  }
  return html;
}
