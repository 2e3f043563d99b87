import { describe, expect, it } from 'vitest';
import { box } from './testing';

const LINES = Array.from({ length: 15 }, (_, i) => `line ${i + 1}\n`).join('');

describe('cat', () => {
  it('concatenates files and stdin; -n numbers lines', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/tmp/a', 'a\nb\n');
    expect(d.sh('cat /tmp/a - /tmp/a', 'in\n').out).toBe('a\nb\nin\na\nb\n');
    expect(d.sh('cat -n /tmp/a /tmp/a').out).toBe('     1\ta\n     2\tb\n     3\ta\n     4\tb\n');
  });

  it('missing files and directories in each implementation', () => {
    const d = box('debian');
    expect(d.sh('cat /x')).toEqual({ out: '', err: 'cat: /x: No such file or directory\n', code: 1 });
    expect(d.sh('cat /etc').err).toBe('cat: /etc: Is a directory\n');
    expect(d.sh("cat 'a b'").err).toBe("cat: 'a b': No such file or directory\n");
    const b = box('busybox');
    // busybox coreutils/cat.c opens with open_or_warn: "can't open '%s'"
    expect(b.sh('cat /x')).toEqual({ out: '', err: "cat: can't open '/x': No such file or directory\n", code: 1 });
    expect(b.sh('cat /etc').err).toBe('cat: read error: Is a directory\n');
  });

  it('streams a pipe: output appears while the writer still runs', () => {
    const d = box('debian');
    const r = d.start('(echo one; sleep 5; echo two) | cat');
    d.sb.advance(1000);
    expect(r.out).toBe('one\n');
    d.sb.advance(5000);
    expect(r.out).toBe('one\ntwo\n');
    expect(r.exit?.code).toBe(0);
  });
});

describe('head and tail', () => {
  it('first and last lines, -n, -c, +N, the obsolete -N form, headers', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/tmp/f', LINES);
    d.sb.fs.writeFile('/tmp/g', 'g1\ng2\n');
    expect(d.sh('head -3 /tmp/f').out).toBe('line 1\nline 2\nline 3\n');
    expect(d.sh('head -n 2 /tmp/f /tmp/g').out).toBe('==> /tmp/f <==\nline 1\nline 2\n\n==> /tmp/g <==\ng1\ng2\n');
    expect(d.sh('head -c 8 /tmp/f').out).toBe('line 1\nl');
    expect(d.sh('head -n -13 /tmp/f').out).toBe('line 1\nline 2\n');
    expect(d.sh('tail -2 /tmp/f').out).toBe('line 14\nline 15\n');
    expect(d.sh('tail -n +14 /tmp/f').out).toBe('line 14\nline 15\n');
    expect(d.sh('tail /tmp/f').out.split('\n').length).toBe(11);
    expect(d.sh('tail -c 4 /tmp/g').out).toBe('\ng2\n'.slice(-4));
    expect(d.sh('printf "a\\nb\\nc\\n" | tail -n 1').out).toBe('c\n');
  });

  it('errors: GNU "cannot open ... for reading", busybox in its words', () => {
    const d = box('debian');
    expect(d.sh('head /x')).toEqual({ out: '', err: "head: cannot open '/x' for reading: No such file or directory\n", code: 1 });
    expect(d.sh('tail /x').err).toBe("tail: cannot open '/x' for reading: No such file or directory\n");
    expect(d.sh('head -n x /etc/hostname')).toEqual({ out: '', err: "head: invalid number of lines: 'x'\n", code: 1 });
    const b = box('busybox');
    expect(b.sh('head /x').err).toBe('head: /x: No such file or directory\n');
    expect(b.sh('tail /x').err).toBe("tail: can't open '/x': No such file or directory\n");
    expect(b.sh('head -n x /etc/hostname').err).toBe("head: invalid number 'x'\n");
  });

  it('head stops reading: the writer of an endless pipe gets SIGPIPE', () => {
    const d = box('debian');
    expect(d.sh('while true; do echo y; done | head -n 3; echo done')).toEqual({ out: 'y\ny\ny\ndone\n', err: '', code: 0 });
  });

  it('tail -f follows a growing file on the virtual clock', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/tmp/log', 'old 1\nold 2\n');
    const r = d.start('tail -n 1 -f /tmp/log');
    d.sb.advance(100);
    expect(r.out).toBe('old 2\n');
    d.sb.fs.appendFile('/tmp/log', 'new 3\n');
    d.sb.advance(1000);
    expect(r.out).toBe('old 2\nnew 3\n');
    d.sb.fs.appendFile('/tmp/log', 'new 4\nnew 5\n');
    d.sb.advance(1000);
    expect(r.out).toBe('old 2\nnew 3\nnew 4\nnew 5\n');
    expect(r.exit).toBeUndefined();
  });

  it('tail -f of a writer loop in the same container', () => {
    const b = box('busybox');
    const w = b.start('while true; do date >> /tmp/d.log; sleep 1; done');
    const t = b.start('tail -f /tmp/d.log');
    b.sb.advance(3500);
    expect(t.out.split('\n').filter(Boolean).length).toBeGreaterThanOrEqual(3);
    expect(w.exit).toBeUndefined();
  });

  it('tail /dev/zero grows its resident memory until something stops it', () => {
    const d = box('debian');
    const r = d.start('tail /dev/zero');
    d.sb.advance(1000);
    const ps = d.sb.kernel.processes('sandbox').find((p) => p.argv[0] === 'tail')!;
    expect(ps.rss).toBeGreaterThan(900 * 1024 * 1024);
    expect(r.exit).toBeUndefined();
  });
});

describe('wc', () => {
  it('GNU widths: one count of one input is bare, stdin gets 7 columns, files the width of the total size', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/tmp/a', 'one two\nthree\n');
    d.sb.fs.writeFile('/tmp/b', 'x\n');
    expect(d.sh('wc -l /tmp/a').out).toBe('2 /tmp/a\n');
    expect(d.sh('wc /tmp/a').out).toBe(' 2  3 14 /tmp/a\n');
    expect(d.sh('echo hi | wc').out).toBe('      1       1       3\n');
    expect(d.sh('echo hi | wc -l').out).toBe('1\n');
    expect(d.sh('wc -l /tmp/a /tmp/b').out).toBe(' 2 /tmp/a\n 1 /tmp/b\n 3 total\n');
    expect(d.sh('wc /x')).toEqual({ out: '', err: 'wc: /x: No such file or directory\n', code: 1 });
  });

  it('busybox: %9u columns, a lone count bare', () => {
    const b = box('busybox');
    b.sb.fs.writeFile('/tmp/a', 'one two\nthree\n');
    expect(b.sh('wc /tmp/a').out).toBe('        2         3        14 /tmp/a\n');
    expect(b.sh('wc -l /tmp/a').out).toBe('2 /tmp/a\n');
    expect(b.sh('echo hi | wc').out).toBe('        1         1         3\n');
  });
});

describe('tee', () => {
  it('copies stdin to stdout and files, -a appends', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/tmp/keep', 'first\n');
    expect(d.sh('echo hello | tee /tmp/t | tee -a /tmp/keep').out).toBe('hello\n');
    expect(d.sb.fs.readFile('/tmp/t')).toBe('hello\n');
    expect(d.sb.fs.readFile('/tmp/keep')).toBe('first\nhello\n');
    expect(d.sh('echo x | tee /nodir/f')).toEqual({ out: 'x\n', err: 'tee: /nodir/f: No such file or directory\n', code: 1 });
  });
});
