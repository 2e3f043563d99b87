import { describe, expect, it } from 'vitest';
import { ALIGN_RIGHT, DISCARD_EMPTY_COLUMNS, TabWriter, describeTabWriter } from './tabwriter';
import { PrefixWriter, tabbedString } from './prefix-writer';

function format(text: string | string[], tw: TabWriter = describeTabWriter()): string {
  for (const t of Array.isArray(text) ? text : [text]) tw.write(t);
  tw.flush();
  return tw.output();
}

describe('TabWriter (Go text/tabwriter)', () => {
  it('pads each column of a block to its widest cell plus padding', () => {
    expect(format('a\tb\nccc\td\n')).toBe('a    b\nccc  d\n');
  });

  it('a line without a tab ends the block: the lines after it align on their own', () => {
    expect(format('a\tb\nxyz\nlong\tc\n')).toBe('a  b\nxyz\nlong  c\n');
  });

  it('the text after the last tab is no column and does not widen one', () => {
    expect(format('a\tbbbbbbbb\naa\tc\n')).toBe('a   bbbbbbbb\naa  c\n');
  });

  it('inner columns form their own blocks: only lines that have the column take part', () => {
    expect(format('a\tb\tc\naa\tbb\n')).toBe('a   b  c\naa  bb\n');
    expect(format('x\tyyyy\tz\nxx\ty\tz\nxxx\n')).toBe('x   yyyy  z\nxx  y     z\nxxx\n');
  });

  it('keeps the padding of an empty trailing cell (describe\'s "IP:" line)', () => {
    expect(format('IP:\t\nName:\tx\n')).toBe('IP:    \nName:  x\n');
  });

  it('counts runes, not UTF-16 units or bytes', () => {
    expect(format('é\tx\nab\ty\n')).toBe('é   x\nab  y\n');
    expect(format('😀\tx\nab\ty\n')).toBe('😀   x\nab  y\n');
  });

  it('text split across writes and an unterminated last line', () => {
    expect(format(['Na', 'me:\t', 'web\nNamespace:', '\tdefault'])).toBe('Name:       web\nNamespace:  default');
  });

  it('AlignRight pads before the text', () => {
    expect(format('a\tbbb\nccc\td\n', new TabWriter(0, 8, 1, ' ', ALIGN_RIGHT))).toBe('   abbb\n cccd\n');
  });

  it('DiscardEmptyColumns drops a column of empty soft cells (\\v), not of hard tabs', () => {
    expect(format('\vb\n\vc\n', new TabWriter(0, 8, 1, ' ', DISCARD_EMPTY_COLUMNS))).toBe('b\nc\n');
    expect(format('\tb\n\tc\n', new TabWriter(0, 8, 1, ' ', DISCARD_EMPTY_COLUMNS))).toBe(' b\n c\n');
  });

  it('tab padding rounds cells up to tab stops', () => {
    expect(format('a\tb\naaaaaaaaa\tc\n', new TabWriter(0, 8, 1, '\t', 0))).toBe('a\t\tb\naaaaaaaaa\tc\n');
  });

  it('minwidth widens narrow columns', () => {
    expect(format('a\tb\n', new TabWriter(6, 8, 1, ' ', 0))).toBe('a     b\n');
  });

  it('a form feed flushes: the lines after it are aligned separately', () => {
    expect(format('a\tb\f' + 'longer\tc\n')).toBe('a  b\nlonger  c\n');
  });
});

describe('PrefixWriter', () => {
  it('indents two spaces per level; nested writers shift levels, WriteLine included', () => {
    const out = tabbedString((w: PrefixWriter) => {
      w.write(0, 'Top:\tx\n');
      w.write(2, 'Deep:\ty\n');
      const n = w.nested(1);
      n.write(0, 'Nested:\t');
      n.writeLine('a', 'b');
      w.writeLine();
    });
    expect(out).toBe('Top:       x\n    Deep:  y\n  Nested:    a b\n\n');
  });

  it('flush() starts a new alignment, as DescribeEvents relies on', () => {
    const out = tabbedString((w) => {
      w.write(0, 'Name:\tweb\n');
      w.flush();
      w.write(0, 'Events:\tnone\n');
    });
    expect(out).toBe('Name:  web\nEvents:  none\n');
  });
});
