// PrefixWriter (pkg/describe/interface.go, describe.go prefixWriter): every describer writes
// through one, at an indent level of two spaces per level, into a text/tabwriter that aligns the
// tab-separated cells (describe.go tabbedString).
import { describeTabWriter, type TabWriter } from './tabwriter';

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

export class PrefixWriter {
  constructor(private readonly out: TabWriter, private readonly indent = 0) {}

  /** prefixWriter.Write: `level` × "  " then the text (callers format it; Go passes a format). */
  write(level: number, text: string): void {
    this.out.write('  '.repeat(level + this.indent) + text);
  }

  /**
   * prefixWriter.WriteLine: fmt.Sprintln, i.e. the operands joined by spaces and a newline.
   * nestedPrefixWriter.WriteLine prefixes its indent, which the plain writer does not.
   */
  writeLine(...a: string[]): void {
    this.out.write((this.indent ? '  '.repeat(this.indent) : '') + a.join(' ') + '\n');
  }

  /** Flush the tabwriter: the lines after it are aligned on their own (DescribeEvents). */
  flush(): void {
    this.out.flush();
  }

  /** NewNestedPrefixWriter: the same output, every level shifted by `indent`. */
  nested(indent: number): PrefixWriter {
    return new PrefixWriter(this.out, this.indent + indent);
  }
}

/** describe.go tabbedString: run `fn` against a fresh describe tabwriter and return the text. */
export function tabbedString(fn: (w: PrefixWriter) => void): string {
  const tw = describeTabWriter();
  fn(new PrefixWriter(tw));
  tw.flush();
  return tw.output();
}
