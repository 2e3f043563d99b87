// What the terminal has shown, kept so a reload can redraw it: the session's output as it was
// written (with its escape sequences), bounded to the most recent MAX_CHARS.
const MAX_CHARS = 256 * 1024;

export class Scrollback {
  private chunks: string[] = [];
  private size = 0;
  constructor(initial = '') {
    if (initial) this.append(initial);
  }

  append(data: string): void {
    this.chunks.push(data);
    this.size += data.length;
    if (this.size > MAX_CHARS * 2) this.trim();
  }

  text(): string {
    this.trim();
    return this.chunks.join('');
  }

  clear(): void {
    this.chunks = [];
    this.size = 0;
  }

  private trim(): void {
    let all = this.chunks.join('');
    if (all.length > MAX_CHARS) {
      all = all.slice(all.length - MAX_CHARS);
      // start at a line so the first row is not half a line or half an escape sequence
      const nl = all.indexOf('\n');
      if (nl >= 0) all = all.slice(nl + 1);
    }
    this.chunks = [all];
    this.size = all.length;
  }
}
