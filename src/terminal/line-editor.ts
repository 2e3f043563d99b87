// The line being typed at a prompt, edited key by key the way readline's emacs mode does it
// (bash's default): cursor motion, kill commands, history walking, reverse incremental search
// and completion. It echoes to the screen itself; what it hands back is a decision (a finished
// line, Ctrl-C, Ctrl-D on an empty line). Appending at the end of the line echoes just the text,
// so a replayed transcript is the prompt and the line as typed; any other edit redraws the row
// (carriage return, prompt, text, erase to end of line, cursor back).
import type { History } from './history';
import type { Key } from './keys';

export interface Completion {
  /** where the word being completed starts in the line */
  from: number;
  /** full replacements for line[from..cursor]; a directory ends in / (no space after it) */
  candidates: string[];
}

/** May answer later (object names come from the API); the answer is dropped if the line changed meanwhile. */
export type Completer = (line: string, cursor: number) => Completion | Promise<Completion>;

export type EditorOutcome =
  | { type: 'line'; line: string }
  | { type: 'interrupt' }
  | { type: 'eof' };

interface Search {
  query: string;
  /** the history index shown, if any */
  match: number | undefined;
  failed: boolean;
  /** the line before the search started */
  saved: string;
  /** earlier states: a backspace goes back to the one before the last key (readline's isearch) */
  back: { query: string; match: number | undefined; failed: boolean }[];
}

export interface LineEditorOptions {
  /** ↑/↓ and Ctrl-R walk this history (the shell's prompt); absent for a program's input */
  history?: History;
  complete?: Completer;
  /** terminal width for listing completions */
  columns?: () => number;
}

export class LineEditor {
  private buf = '';
  private pos = 0;
  private prompt = '';
  private opts: LineEditorOptions = {};
  /** ↑/↓ position: history.length means the line being edited */
  private hist = 0;
  /** the edited line while ↑/↓ show history entries */
  private draft = '';
  private search: Search | undefined;
  private lastKill = '';
  private tabs = 0;
  /** a completion still waiting for its answer */
  pending: Promise<void> | undefined;

  constructor(private readonly write: (data: string) => void) {}

  /** Start a new line after `prompt` was shown. */
  begin(prompt: string, opts: LineEditorOptions = {}): void {
    this.prompt = prompt;
    this.opts = opts;
    this.buf = '';
    this.pos = 0;
    this.hist = opts.history?.length ?? 0;
    this.draft = '';
    this.search = undefined;
    this.tabs = 0;
  }

  get line(): string {
    return this.buf;
  }

  get cursor(): number {
    return this.pos;
  }

  /** Handle one key; returns what the line amounts to when it is finished. */
  key(key: Key): EditorOutcome | undefined {
    if (this.search) {
      const done = this.searchKey(key);
      if (done !== 'pass') return done;
    }
    if (key.k !== 'tab') this.tabs = 0;
    switch (key.k) {
      case 'text':
        return this.insert(key.text);
      case 'enter':
        this.write('\n');
        return { type: 'line', line: this.buf };
      case 'backspace':
        if (this.pos > 0) this.edit(this.buf.slice(0, this.pos - 1) + this.buf.slice(this.pos), this.pos - 1);
        return undefined;
      case 'delete':
        if (this.pos < this.buf.length) this.edit(this.buf.slice(0, this.pos) + this.buf.slice(this.pos + 1), this.pos);
        return undefined;
      case 'left':
        return this.move(this.pos - 1);
      case 'right':
        return this.move(this.pos + 1);
      case 'home':
        return this.move(0);
      case 'end':
        return this.move(this.buf.length);
      case 'word-left':
        return this.move(wordStart(this.buf, this.pos));
      case 'word-right':
        return this.move(wordEnd(this.buf, this.pos));
      case 'up':
        return this.walk(-1);
      case 'down':
        return this.walk(1);
      case 'tab':
        return this.complete();
      case 'ctrl':
        return this.ctrl(key.c);
      default:
        return undefined;
    }
  }

  private ctrl(c: string): EditorOutcome | undefined {
    switch (c) {
      case 'a': return this.move(0);
      case 'e': return this.move(this.buf.length);
      case 'b': return this.move(this.pos - 1);
      case 'f': return this.move(this.pos + 1);
      case 'p': return this.walk(-1);
      case 'n': return this.walk(1);
      case 'u': // unix-line-discard
        this.lastKill = this.buf.slice(0, this.pos);
        this.edit(this.buf.slice(this.pos), 0);
        return undefined;
      case 'k': // kill-line
        this.lastKill = this.buf.slice(this.pos);
        this.edit(this.buf.slice(0, this.pos), this.pos);
        return undefined;
      case 'w': { // unix-word-rubout: back to the previous whitespace
        let i = this.pos;
        while (i > 0 && this.buf[i - 1] === ' ') i--;
        while (i > 0 && this.buf[i - 1] !== ' ') i--;
        this.lastKill = this.buf.slice(i, this.pos);
        this.edit(this.buf.slice(0, i) + this.buf.slice(this.pos), i);
        return undefined;
      }
      case 'y': // yank
        return this.insert(this.lastKill);
      case 'h':
        return this.key({ k: 'backspace' });
      case 'd':
        if (!this.buf) return { type: 'eof' };
        return this.key({ k: 'delete' });
      case 'c':
        this.write('^C');
        this.buf = '';
        this.pos = 0;
        return { type: 'interrupt' };
      case 'l': // clear-screen, then the prompt and the line again
        this.write('\x1b[H\x1b[2J');
        this.redraw();
        return undefined;
      case 'r':
        if (!this.opts.history) return undefined;
        this.search = { query: '', match: undefined, failed: false, saved: this.buf, back: [] };
        this.drawSearch();
        return undefined;
      case 'm': case 'j':
        return this.key({ k: 'enter' });
      case 'i':
        return this.key({ k: 'tab' });
      default:
        return undefined;
    }
  }

  // ---------- editing ----------

  private insert(text: string): undefined {
    if (!text) return undefined;
    const atEnd = this.pos === this.buf.length;
    this.buf = this.buf.slice(0, this.pos) + text + this.buf.slice(this.pos);
    this.pos += text.length;
    if (atEnd) this.write(text);
    else this.redraw();
    return undefined;
  }

  private edit(buf: string, pos: number): void {
    this.buf = buf;
    this.pos = pos;
    this.redraw();
  }

  private move(to: number): undefined {
    const pos = Math.max(0, Math.min(this.buf.length, to));
    if (pos < this.pos) this.write(`\x1b[${this.pos - pos}D`);
    else if (pos > this.pos) this.write(`\x1b[${pos - this.pos}C`);
    this.pos = pos;
    return undefined;
  }

  /** Rewrite the row: prompt, line, erase the rest, cursor back to its place. */
  private redraw(): void {
    const back = this.buf.length - this.pos;
    this.write(`\r${this.prompt}${this.buf}\x1b[K${back ? `\x1b[${back}D` : ''}`);
  }

  // ---------- history ----------

  private walk(dir: number): undefined {
    const h = this.opts.history;
    if (!h) return undefined;
    const next = this.hist + dir;
    if (next < 0 || next > h.length) return undefined;
    if (this.hist === h.length) this.draft = this.buf;
    this.hist = next;
    const text = next === h.length ? this.draft : h.at(next)!;
    this.edit(text, text.length);
    return undefined;
  }

  private searchKey(key: Key): EditorOutcome | undefined | 'pass' {
    const s = this.search!;
    const h = this.opts.history!;
    if (key.k === 'text') {
      for (const ch of key.text) {
        s.back.push({ query: s.query, match: s.match, failed: s.failed });
        s.query += ch;
        this.find(s.match ?? h.length - 1);
      }
      return undefined;
    }
    if (key.k === 'backspace') {
      const prev = s.back.pop();
      if (prev) Object.assign(s, prev);
      this.drawSearch();
      return undefined;
    }
    if (key.k === 'ctrl' && key.c === 'r') {
      if (!s.query) return undefined;
      s.back.push({ query: s.query, match: s.match, failed: s.failed });
      this.find(s.match === undefined ? h.length - 1 : s.match - 1);
      return undefined;
    }
    if (key.k === 'ctrl' && (key.c === 'g' || key.c === 'c')) {
      // abort: the line as it was (Ctrl-C then interrupts it as usual)
      this.search = undefined;
      this.buf = s.saved;
      this.pos = s.saved.length;
      this.redraw();
      return key.c === 'c' ? 'pass' : undefined;
    }
    // any other key accepts the match and then acts on the line
    this.search = undefined;
    const text = s.match !== undefined ? h.at(s.match)! : s.saved;
    this.buf = text;
    this.pos = text.length;
    if (s.match !== undefined) this.hist = s.match;
    if (key.k === 'enter') {
      this.write(`\r${this.prompt}${this.buf}\x1b[K\n`);
      return { type: 'line', line: this.buf };
    }
    this.redraw();
    return 'pass';
  }

  private find(from: number): void {
    const s = this.search!;
    const found = s.query ? this.opts.history!.searchBack(s.query, from) : undefined;
    s.failed = !!s.query && found === undefined;
    if (found !== undefined) s.match = found;
    this.drawSearch();
  }

  /** readline's isearch prompt: (reverse-i-search)`query': match. */
  private drawSearch(): void {
    const s = this.search!;
    const shown = s.match !== undefined ? this.opts.history!.at(s.match)! : '';
    this.write(`\r${s.failed ? '(failed reverse-i-search)' : '(reverse-i-search)'}\`${s.query}': ${shown}\x1b[K`);
  }

  // ---------- completion ----------

  private complete(): undefined {
    const c = this.opts.complete?.(this.buf, this.pos);
    this.tabs++;
    if (c instanceof Promise) {
      const [buf, pos, tabs] = [this.buf, this.pos, this.tabs];
      this.pending = c.then((r) => {
        this.pending = undefined;
        if (this.buf === buf && this.pos === pos && this.tabs === tabs) this.applyCompletion(r);
      }, () => {
        this.pending = undefined;
      });
      return undefined;
    }
    if (c) this.applyCompletion(c);
    return undefined;
  }

  private applyCompletion(c: Completion): void {
    if (!c.candidates.length) return;
    const word = this.buf.slice(c.from, this.pos);
    const uniq = [...new Set(c.candidates)].sort();
    if (uniq.length === 1) {
      const one = uniq[0]!;
      this.replaceWord(c.from, one + (one.endsWith('/') || one.endsWith('=') ? '' : ' '));
      return;
    }
    const common = commonPrefix(uniq);
    if (common.length > word.length) {
      this.replaceWord(c.from, common);
      return;
    }
    // the second Tab lists the possibilities, then the prompt and line come back
    if (this.tabs >= 2) {
      this.write(`\n${columns(uniq.map(displayName), this.opts.columns?.() ?? 80)}`);
      this.redraw();
    }
  }

  private replaceWord(from: number, text: string): void {
    const rest = this.buf.slice(this.pos);
    if (!rest && from + (this.pos - from) === this.buf.length && text.startsWith(this.buf.slice(from, this.pos))) {
      this.insert(text.slice(this.pos - from));
      return;
    }
    this.edit(this.buf.slice(0, from) + text + rest, from + text.length);
  }
}

function wordStart(s: string, pos: number): number {
  let i = pos;
  while (i > 0 && !/\w/.test(s[i - 1]!)) i--;
  while (i > 0 && /\w/.test(s[i - 1]!)) i--;
  return i;
}

function wordEnd(s: string, pos: number): number {
  let i = pos;
  while (i < s.length && !/\w/.test(s[i]!)) i++;
  while (i < s.length && /\w/.test(s[i]!)) i++;
  return i;
}

export function commonPrefix(words: readonly string[]): string {
  if (!words.length) return '';
  let p = words[0]!;
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** A path candidate lists by its last component, as readline shows file names. */
function displayName(c: string): string {
  const trimmed = c.endsWith('/') ? c.slice(0, -1) : c;
  const slash = trimmed.lastIndexOf('/');
  return slash >= 0 ? c.slice(slash + 1) : c;
}

/** readline's completion listing: names in columns, sorted down the columns, two spaces apart. */
export function columns(names: readonly string[], width: number): string {
  const w = Math.max(...names.map((n) => n.length)) + 2;
  const cols = Math.max(1, Math.floor((width + 2) / w));
  const rows = Math.ceil(names.length / cols);
  let out = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const n = names[c * rows + r];
      if (n === undefined) break;
      const last = (c + 1) * rows + r >= names.length;
      line += last ? n : n.padEnd(w);
    }
    out += `${line.trimEnd()}\n`;
  }
  return out;
}
