// A lesson body as the pane renders it: runs of ordinary markdown become sanitised HTML, and the
// code blocks that get buttons (workspace files, shell commands, tasks) become their own pieces,
// matched in order to the lesson's `blocks`.
import DOMPurify from 'dompurify';
import { marked, type Token, type Tokens } from 'marked';
import type { Lesson, LessonBlock } from '../../lesson';

export type Piece =
  | { kind: 'html'; html: string; key: string }
  | { kind: 'block'; block: LessonBlock; code: Tokens.Code; key: string }
  | { kind: 'code'; code: Tokens.Code; key: string };

const SHELL_LANGS = new Set(['shell', 'sh', 'bash', 'console']);

/** Whether a fenced block is one the lesson format gives a button (file=, shell, task). */
function isButtonBlock(code: Tokens.Code): boolean {
  const info = code.lang ?? '';
  const lang = info.split(/\s+/)[0] ?? '';
  return /(^|\s)file=/.test(info) || SHELL_LANGS.has(lang) || lang === 'task';
}

export function lessonPieces(lesson: Lesson): Piece[] {
  const tokens = marked.lexer(lesson.body);
  const pieces: Piece[] = [];
  let run: Token[] = [];
  let blockAt = 0;
  const flush = () => {
    if (!run.length) return;
    const links = (run as Token[] & { links?: unknown }).links;
    const list = Object.assign([...run], { links: links ?? (tokens as unknown as { links: unknown }).links });
    pieces.push({ kind: 'html', html: sanitize(marked.parser(list as never)), key: `h${pieces.length}` });
    run = [];
  };
  for (const t of tokens) {
    if (t.type === 'code' && (t as Tokens.Code).codeBlockStyle !== 'indented') {
      const code = t as Tokens.Code;
      flush();
      if (isButtonBlock(code) && blockAt < lesson.blocks.length) {
        pieces.push({ kind: 'block', block: lesson.blocks[blockAt++]!, code, key: `b${pieces.length}` });
      } else {
        pieces.push({ kind: 'code', code, key: `c${pieces.length}` });
      }
    } else run.push(t);
  }
  flush();
  return pieces;
}

let hooked = false;

/**
 * Lesson HTML without script: DOMPurify's defaults (no <script>, no on* handlers, no javascript:
 * URLs), plus nothing fetched from another origin (no remote images, frames or styles) and
 * outside links opening in a new tab without access back to the app.
 */
export function sanitize(html: string): string {
  if (!hooked) {
    hooked = true;
    DOMPurify.addHook('afterSanitizeAttributes', (node) => {
      const el = node as Element;
      if (el.hasAttribute?.('src')) {
        const src = el.getAttribute('src') ?? '';
        if (/^[a-z][a-z0-9+.-]*:/i.test(src) && !src.startsWith('data:image/')) el.removeAttribute('src');
      }
      if (el.tagName === 'A') {
        const href = el.getAttribute('href') ?? '';
        if (/^https?:/i.test(href)) {
          el.setAttribute('target', '_blank');
          el.setAttribute('rel', 'noopener noreferrer');
        }
      }
    });
  }
  return DOMPurify.sanitize(html, { FORBID_TAGS: ['style', 'iframe', 'object', 'embed', 'form', 'link', 'meta', 'base'], FORBID_ATTR: ['style', 'srcset'] });
}
