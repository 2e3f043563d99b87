// The lesson body as marked's tokens, each with the file line it starts on, and GitHub's heading
// anchors (what `[see above](#a-step)` links to).
import { lexer, type Token, type Tokens } from 'marked';

export interface Located {
  token: Token;
  line: number;
}

/** Every token (nested ones too, in document order) with its line; `firstLine` is the body's file line. */
export function locatedTokens(body: string, firstLine: number): Located[] {
  const starts = lineStarts(body);
  const out: Located[] = [];
  const lineAt = (offset: number) => firstLine + upperBound(starts, offset) - 1;
  const walk = (tokens: readonly Token[], raw: string, base: number) => {
    let cursor = 0;
    for (const t of tokens) {
      let at = t.raw ? raw.indexOf(t.raw, cursor) : -1;
      let inner = at >= 0 ? t.raw : '';
      if (at < 0 && t.raw.trim()) {
        // inside a list item the text is de-indented: find its first line instead
        const first = t.raw.trim().split('\n')[0]!;
        at = raw.indexOf(first, cursor);
        inner = at >= 0 ? raw.slice(at) : '';
        if (at >= 0) cursor = at + first.length;
      } else if (at >= 0) cursor = at + t.raw.length;
      const offset = base + (at < 0 ? cursor : at);
      out.push({ token: t, line: lineAt(offset) });
      if (t.type === 'list') walk((t as Tokens.List).items, inner, offset);
      else if ('tokens' in t && t.tokens) walk(t.tokens, inner, offset);
    }
  };
  walk(lexer(body), body, 0);
  return out;
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return starts;
}

/** The number of starts ≤ offset (the 1-based line of offset). */
function upperBound(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** GitHub's anchor for a heading: lowercase, punctuation dropped, spaces to dashes; repeats get -1, -2. */
export function anchorFor(text: string, used: Map<string, number>): string {
  const base = text
    .toLowerCase()
    .replace(/<[^>]*>/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
  const n = used.get(base) ?? 0;
  used.set(base, n + 1);
  return n ? `${base}-${n}` : base;
}

/** A heading's plain text (inline code and emphasis without their marks). */
export function headingText(t: Tokens.Heading): string {
  const plain = (tokens: readonly Token[] | undefined): string =>
    (tokens ?? []).map((x) => ('tokens' in x && x.tokens ? plain(x.tokens) : 'text' in x ? String(x.text) : '')).join('');
  return plain(t.tokens).trim() || t.text;
}

/** The language and `key=value` attributes of a fenced block's info string (```yaml file=pod.yaml). */
export function infoString(lang: string | undefined): { lang: string; attrs: Record<string, string> } {
  const words = (lang ?? '').trim().split(/\s+/).filter(Boolean);
  const attrs: Record<string, string> = {};
  let language = '';
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq > 0) attrs[w.slice(0, eq)] = w.slice(eq + 1).replace(/^["']|["']$/g, '');
    else if (!language) language = w;
    else attrs[w] = '';
  }
  return { lang: language.toLowerCase(), attrs };
}
