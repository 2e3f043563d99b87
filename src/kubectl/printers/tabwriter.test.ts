import { describe, expect, it } from 'vitest';
import { TabWriter, runeWidth } from './tabwriter';

describe('TabWriter (liggitt/tabwriter as kubectl configures it)', () => {
  it('pads every column but the last to max(widest cell + 3, 6)', () => {
    const w = new TabWriter();
    w.write('NAME\tREADY\tSTATUS\n');
    w.write('a\t1/1\tRunning\n');
    w.write('longer-name\t0/1\tPending\n');
    expect(w.flush()).toBe(
      'NAME          READY   STATUS\n' +
      'a             1/1     Running\n' +
      'longer-name   0/1     Pending\n');
  });

  it('uses the minimum width 6 for narrow columns', () => {
    const w = new TabWriter();
    w.write('A\tB\n');
    expect(w.flush()).toBe('A     B\n');
  });

  it('pads the cell before a trailing tab (kubectl top lines) and keeps trailing spaces', () => {
    const w = new TabWriter();
    w.write('NAME\tCPU(cores)\t\n');
    w.write('web\t1m\t\n');
    expect(w.flush()).toBe('NAME   CPU(cores)   \nweb    1m           \n');
  });

  it('ends a column block at a line without tabs', () => {
    const w = new TabWriter();
    w.write('x\ty\nplain line\nlong-cell-here\tz\n');
    const out = w.flush().split('\n');
    expect(out[0]).toBe('x     y');
    expect(out[1]).toBe('plain line');
    expect(out[2]).toBe('long-cell-here   z');
  });

  it('remembers widths across flushes, and forgets them when told', () => {
    const w = new TabWriter();
    w.writeCells(['NAME', 'STATUS']);
    w.writeCells(['a-much-longer-name', 'Running']);
    w.flush();
    w.writeCells(['b', 'Pending']);
    expect(w.flush()).toBe('b                    Pending\n');
    w.setRememberedWidths([]);
    w.writeCells(['b', 'Pending']);
    expect(w.flush()).toBe('b     Pending\n');
  });

  it('measures width in code points, not UTF-16 units', () => {
    expect(runeWidth('😀ab')).toBe(3);
    const w = new TabWriter();
    w.writeCells(['😀', 'x']);
    w.writeCells(['abcdefgh', 'y']);
    expect(w.flush()).toBe('😀          x\nabcdefgh   y\n');
  });
});
