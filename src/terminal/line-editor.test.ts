import { describe, expect, it } from 'vitest';
import { History } from './history';
import { parseKeys } from './keys';
import { LineEditor, columns, type Completer, type EditorOutcome } from './line-editor';

function editor(history?: History, complete?: Completer) {
  let screen = '';
  const ed = new LineEditor((d) => void (screen += d));
  ed.begin('$ ', { history, complete });
  const outcomes: EditorOutcome[] = [];
  const press = (data: string) => {
    for (const k of parseKeys(data)) {
      const o = ed.key(k);
      if (o) outcomes.push(o);
    }
  };
  return { ed, press, outcomes, screen: () => screen };
}

describe('keys', () => {
  it('splits text, control keys and escape sequences', () => {
    expect(parseKeys('ab\x1b[D\x01\x1b[3~\x1bOH\x1b[1;5C\r\n\x7f\t')).toEqual([
      { k: 'text', text: 'ab' }, { k: 'left' }, { k: 'ctrl', c: 'a' }, { k: 'delete' }, { k: 'home' }, { k: 'word-right' },
      { k: 'enter' }, { k: 'backspace' }, { k: 'tab' },
    ]);
  });
});

describe('LineEditor', () => {
  it('echoes appended text as typed and returns the line on Enter', () => {
    const t = editor();
    t.press('kubectl get pods\r');
    expect(t.screen()).toBe('kubectl get pods\n');
    expect(t.outcomes).toEqual([{ type: 'line', line: 'kubectl get pods' }]);
  });

  it('moves the cursor and inserts in the middle with a redraw', () => {
    const t = editor();
    t.press('kubectl pods\x1b[D\x1b[D\x1b[D\x1b[Dget \r');
    expect(t.outcomes[0]).toEqual({ type: 'line', line: 'kubectl get pods' });
    expect(t.screen()).toContain('\r$ kubectl get pods\x1b[K\x1b[4D');
  });

  it('Ctrl-A/E, Ctrl-U, Ctrl-K, Ctrl-W, Ctrl-Y edit like readline', () => {
    const t = editor();
    t.press('one two three');
    t.press('\x17');
    expect(t.ed.line).toBe('one two ');
    t.press('\x01\x0b');
    expect(t.ed.line).toBe('');
    t.press('\x19');
    expect(t.ed.line).toBe('one two ');
    t.press('\x01X\x05Y');
    expect(t.ed.line).toBe('Xone two Y');
    t.press('\x1b[D\x1b[D\x15');
    expect([t.ed.line, t.ed.cursor]).toEqual([' Y', 0]);
    t.press('\x1b[F\x7f');
    expect(t.ed.line).toBe(' ');
  });

  it('Ctrl-C discards the line and shows ^C; Ctrl-D ends input only on an empty line', () => {
    const t = editor();
    t.press('abc\x03');
    expect(t.outcomes).toEqual([{ type: 'interrupt' }]);
    expect(t.screen()).toBe('abc^C');
    t.press('xy\x01\x04');
    expect(t.ed.line).toBe('y');
    t.press('\x05\x15\x04');
    expect(t.outcomes[1]).toEqual({ type: 'eof' });
  });

  it('walks the history with up and down and keeps the draft', () => {
    const h = new History(['ls', 'kubectl get pods']);
    const t = editor(h);
    t.press('dra');
    t.press('\x1b[A');
    expect(t.ed.line).toBe('kubectl get pods');
    t.press('\x1b[A\x1b[A');
    expect(t.ed.line).toBe('ls');
    t.press('\x1b[B\x1b[B');
    expect(t.ed.line).toBe('dra');
  });

  it('Ctrl-R searches backwards, again on Ctrl-R, and Enter runs the match', () => {
    const h = new History(['kubectl get pods', 'ls -l', 'kubectl describe pod web', 'echo hi']);
    const t = editor(h);
    t.press('\x12kub');
    expect(t.screen()).toContain("(reverse-i-search)`kub': kubectl describe pod web");
    t.press('\x12');
    expect(t.screen()).toContain("(reverse-i-search)`kub': kubectl get pods");
    t.press('zz');
    expect(t.screen()).toContain('(failed reverse-i-search)`kubzz');
    t.press('\x7f\x7f\r');
    expect(t.outcomes).toEqual([{ type: 'line', line: 'kubectl get pods' }]);
  });

  it('Ctrl-G leaves the search with the line as it was', () => {
    const t = editor(new History(['kubectl get pods']));
    t.press('ec\x12kub\x07');
    expect(t.ed.line).toBe('ec');
  });

  it('completes a single candidate with a space, a common prefix, then lists on the second Tab', () => {
    const words = ['describe', 'delete', 'get'];
    const t = editor(undefined, (line, cursor) => {
      const from = line.lastIndexOf(' ', cursor - 1) + 1;
      return { from, candidates: words.filter((w) => w.startsWith(line.slice(from, cursor))) };
    });
    t.press('k g\t');
    expect(t.ed.line).toBe('k get ');
    t.press('\x15k d\t');
    expect(t.ed.line).toBe('k de');
    t.press('\t');
    expect(t.screen()).toContain('\ndelete    describe\n');
    t.press('s\t');
    expect(t.ed.line).toBe('k describe ');
  });

  it('lays out listings in columns, down first', () => {
    expect(columns(['a', 'bb', 'c', 'd'], 9)).toBe('a   c\nbb  d\n');
  });
});

describe('History', () => {
  it('ignores duplicates and lines starting with a space, and prints like bash', () => {
    const h = new History();
    for (const l of ['ls', 'ls', ' secret', '', 'pwd']) h.add(l);
    expect(h.format()).toBe('    1  ls\n    2  pwd\n');
    expect(h.format(1)).toBe('    2  pwd\n');
  });
});
