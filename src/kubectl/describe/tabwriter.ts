// A port of Go's text/tabwriter (the elastic-tabstop writer describe output goes through:
// pkg/describe/describe.go tabbedString uses `Init(buf, 0, 8, 2, ' ', 0)`).
//
// Text is split into cells by tab ('\t', or '\v' for a soft cell); a line is a run of cells
// ended by '\n' (or '\f', which also flushes). The text after a line's last tab is not part of
// any column. A column block is a run of consecutive lines that all have a cell in that
// column; every cell of a block is padded to the block's widest cell + padding. A line with a
// single cell ends every open block (and flushes the writer, as Go does).
// The Escape character and the FilterHTML/StripEscape/Debug flags are not ported: kubectl never
// uses them, and '\xff' cannot occur in the strings we write.

/** text/tabwriter flags: AlignRight, DiscardEmptyColumns, TabIndent (others are not ported). */
export const ALIGN_RIGHT = 1 << 2;
export const DISCARD_EMPTY_COLUMNS = 1 << 3;
export const TAB_INDENT = 1 << 4;

interface Cell {
  text: string;
  width: number; // in runes (Unicode code points), as utf8.RuneCount
  htab: boolean; // terminated by a hard tab '\t' rather than '\v'
}

export class TabWriter {
  private out = '';
  private lines: Cell[][] = [[]];
  private cellText = '';
  private widths: number[] = [];

  // text/tabwriter Writer.Init: with tab padding the text is always aligned left.
  constructor(
    private readonly minwidth: number,
    private readonly tabwidth: number,
    private readonly padding: number,
    private readonly padchar: string,
    private flags: number,
  ) {
    if (padchar === '\t') this.flags &= ~ALIGN_RIGHT;
  }

  /** Writer.Write: buffer text; complete lines are formatted once their column blocks close. */
  write(text: string): void {
    let start = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text[i];
      if (ch !== '\t' && ch !== '\v' && ch !== '\n' && ch !== '\f') continue;
      this.cellText += text.slice(start, i);
      start = i + 1;
      const ncells = this.terminateCell(ch === '\t');
      if (ch === '\n' || ch === '\f') {
        this.lines.push([]);
        // A one-cell line cannot affect the widths of the lines after it: flush (as Go does).
        if (ch === '\f' || ncells === 1) this.flushLines();
      }
    }
    this.cellText += text.slice(start);
  }

  /** Writer.Flush: format and emit everything buffered, including an unterminated last line. */
  flush(): void {
    if (this.cellText.length > 0) this.terminateCell(false);
    this.flushLines();
  }

  /** Everything emitted so far (call flush() first to include buffered text). */
  output(): string {
    return this.out;
  }

  private terminateCell(htab: boolean): number {
    const line = this.lines[this.lines.length - 1]!;
    line.push({ text: this.cellText, width: runeCount(this.cellText), htab });
    this.cellText = '';
    return line.length;
  }

  private flushLines(): void {
    this.format(0, this.lines.length);
    this.lines = [[]];
    this.widths = [];
  }

  // Writer.format: find the column block that starts at the first line having a cell in the
  // current column, size it, recurse into the next column for those lines, then continue.
  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    for (let row = line0; row < line1; row++) {
      if (column >= this.lines[row]!.length - 1) continue;
      this.writeLines(line0, row);
      line0 = row;
      let width = this.minwidth;
      let discardable = true;
      for (; row < line1; row++) {
        const line = this.lines[row]!;
        if (column >= line.length - 1) break;
        const c = line[column]!;
        width = Math.max(width, c.width + this.padding);
        if (c.width > 0 || c.htab) discardable = false;
      }
      if (discardable && this.flags & DISCARD_EMPTY_COLUMNS) width = 0;
      this.widths.push(width);
      this.format(line0, row);
      this.widths.pop();
      line0 = row;
    }
    this.writeLines(line0, line1);
  }

  // Writer.writeLines
  private writeLines(line0: number, line1: number): void {
    for (let i = line0; i < line1; i++) {
      const line = this.lines[i]!;
      let useTabs = (this.flags & TAB_INDENT) !== 0;
      line.forEach((c, j) => {
        const width = this.widths[j];
        if (c.text.length === 0) {
          if (width !== undefined) this.writePadding(c.width, width, useTabs);
          return;
        }
        useTabs = false;
        if (this.flags & ALIGN_RIGHT) {
          if (width !== undefined) this.writePadding(c.width, width, false);
          this.out += c.text;
        } else {
          this.out += c.text;
          if (width !== undefined) this.writePadding(c.width, width, false);
        }
      });
      // The last buffered line has no newline yet: its pending text is written as is.
      if (i + 1 === this.lines.length) this.out += this.cellText;
      else this.out += '\n';
    }
  }

  // Writer.writePadding
  private writePadding(textw: number, cellw: number, useTabs: boolean): void {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return;
      const w = Math.ceil(cellw / this.tabwidth) * this.tabwidth;
      this.out += '\t'.repeat(Math.ceil((w - textw) / this.tabwidth));
      return;
    }
    this.out += this.padchar.repeat(Math.max(0, cellw - textw));
  }
}

/** The writer kubectl describe uses: tabwriter.Writer.Init(out, 0, 8, 2, ' ', 0) (describe.go tabbedString). */
export function describeTabWriter(): TabWriter {
  return new TabWriter(0, 8, 2, ' ', 0);
}

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // a surrogate pair is one code point
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      n++;
      i++;
    }
  }
  return n;
}
