// Elastic tabstops as kubectl lays out tables: github.com/liggitt/tabwriter (Go's text/tabwriter
// plus RememberWidths), created by cli-runtime pkg/printers/tabwriter.go GetNewTabWriter with
// minwidth 6, tabwidth 4, padding 3, padchar ' ' and the RememberWidths flag.
//
// Text is cells separated by '\t' and lines ended by '\n'. A cell followed by a tab belongs to a
// column; the text after a line's last tab does not. A column block is a run of consecutive
// lines that all have that column; every cell in the block is padded to the block's widest cell
// plus the padding (at least minwidth). RememberWidths keeps each column's widest width across
// flushes, so `get --watch` rows printed later stay aligned with the header.

export interface TabWriterOptions {
  minwidth: number;
  padding: number;
  rememberWidths: boolean;
}

// cli-runtime pkg/printers/tabwriter.go: tabwriterMinWidth, tabwriterPadding, tabwriterFlags
export const KUBECTL_TABWRITER: TabWriterOptions = { minwidth: 6, padding: 3, rememberWidths: true };

interface Line {
  cells: string[];
  /** Display widths (runes) of cells. */
  widths: number[];
}

export class TabWriter {
  private lines: Line[] = [];
  private partial = '';
  private widths: number[] = [];
  private maxwidths: number[] = [];
  private out: string[] = [];

  constructor(private readonly opts: TabWriterOptions = KUBECTL_TABWRITER) {}

  /** Buffer text; a line without any tab flushes what came before (as tabwriter.Write does). */
  write(text: string): void {
    let s = this.partial + text;
    let nl = s.indexOf('\n');
    while (nl >= 0) {
      this.addLine(s.slice(0, nl).split('\t'));
      s = s.slice(nl + 1);
      nl = s.indexOf('\n');
    }
    this.partial = s;
  }

  /** One line from its cells (the fast path the table printer uses: no string splitting). */
  writeCells(cells: string[]): void {
    if (this.partial) this.write('\n');
    this.addLine(cells);
  }

  private addLine(cells: string[]): void {
    this.lines.push({ cells, widths: cells.map(runeWidth) });
    if (cells.length === 1) this.flushInto();
  }

  /** Lay out and return everything buffered; remembered widths survive. */
  flush(): string {
    this.flushInto();
    if (this.partial) { this.out.push(this.partial); this.partial = ''; }
    const s = this.out.join('');
    this.out = [];
    return s;
  }

  rememberedWidths(): number[] {
    return [...this.maxwidths];
  }

  /** liggitt/tabwriter SetRememberedWidths: kubectl get resets them (nil) between resource kinds. */
  setRememberedWidths(widths: readonly number[]): void {
    this.maxwidths = [...widths];
  }

  private flushInto(): void {
    if (this.lines.length === 0) return;
    this.format(0, this.lines.length);
    this.lines = [];
    this.widths = [];
  }

  // tabwriter.go format: find column blocks left to right, recursing into each.
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let cur = line0; cur < line1; cur++) {
      if (column >= this.lines[cur].cells.length - 1) continue;
      this.writeLines(line0, cur);
      line0 = cur;
      let width = this.opts.minwidth;
      for (; cur < line1; cur++) {
        const line = this.lines[cur];
        if (column >= line.cells.length - 1) break;
        const w = line.widths[column] + this.opts.padding;
        if (w > width) width = w;
      }
      if (this.opts.rememberWidths) {
        const max = this.maxwidths;
        if (max.length < this.widths.length) max.push(...this.widths.slice(max.length));
        if (max.length === this.widths.length) max.push(width);
        else if (max[column] > width) width = max[column];
        else max[column] = width;
      }
      this.widths.push(width);
      this.format(line0, cur);
      this.widths.pop();
      line0 = cur; // the line that ended the block lacks this column: the loop may skip it
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const { cells, widths } = this.lines[i];
      let s = '';
      for (let j = 0; j < cells.length; j++) {
        s += cells[j];
        if (j < this.widths.length) s += spaces(this.widths[j] - widths[j]);
      }
      this.out.push(s + '\n');
    }
  }
}

const SPACES = ' '.repeat(256);

function spaces(n: number): string {
  return n <= 256 ? SPACES.slice(0, n) : ' '.repeat(n);
}

/** utf8.RuneCount: code points, not UTF-16 units. */
export function runeWidth(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) >= 0xd800 && s.charCodeAt(i) <= 0xdfff) {
      let n = 0;
      for (const _ of s) n++;
      return n;
    }
  }
  return s.length;
}
