// The command history: what ↑/↓ and Ctrl-R walk through and what `history` prints. Debian's
// default ~/.bashrc sets HISTCONTROL=ignoreboth (no consecutive duplicates, no lines starting
// with a space) and HISTSIZE=1000.

const HISTSIZE = 1000;

export class History {
  private lines: string[] = [];
  /** the number of the first entry kept (entries are numbered from 1, as bash does) */
  private base = 1;

  constructor(lines: readonly string[] = []) {
    for (const l of lines) this.add(l);
  }

  /** Record a command line (ignoreboth). */
  add(line: string): void {
    if (!line.trim() || line.startsWith(' ')) return;
    if (this.lines[this.lines.length - 1] === line) return;
    this.lines.push(line);
    if (this.lines.length > HISTSIZE) {
      this.lines.shift();
      this.base++;
    }
  }

  get length(): number {
    return this.lines.length;
  }

  /** Entry `i` (0 = oldest kept). */
  at(i: number): string | undefined {
    return this.lines[i];
  }

  entries(): readonly string[] {
    return this.lines;
  }

  /** The newest entry at or before index `from` containing `query`, for Ctrl-R. */
  searchBack(query: string, from: number): number | undefined {
    for (let i = Math.min(from, this.lines.length - 1); i >= 0; i--) if (this.lines[i]!.includes(query)) return i;
    return undefined;
  }

  clear(): void {
    this.lines = [];
  }

  /** bash's `history [n]`: each entry as "%5d  %s" (builtins/history.def display_history). */
  format(last?: number): string {
    const from = last === undefined ? 0 : Math.max(0, this.lines.length - last);
    let out = '';
    for (let i = from; i < this.lines.length; i++) out += `${String(this.base + i).padStart(5)}  ${this.lines[i]}\n`;
    return out;
  }

  snapshot(): { lines: string[]; base: number } {
    return { lines: [...this.lines], base: this.base };
  }

  restore(s: { lines: string[]; base: number }): void {
    this.lines = [...s.lines];
    this.base = s.base;
  }
}
