import { describe, expect, it } from 'vitest';
import { REG_MSG, translateRegex } from './regex';
import { box } from './testing';

const TEXT = 'root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\nnginx:x:101:101:nginx user:/nonexistent:/bin/false\n';

describe('POSIX regex translation', () => {
  it('basic and extended syntax', () => {
    const t = (p: string, ere = false): string => ('source' in translateRegex(p, ere) ? (translateRegex(p, ere) as { source: string }).source : 'ERR');
    expect(new RegExp(t('a\\(b\\)*c\\{2\\}')).test('abbcc')).toBe(true);
    expect(new RegExp(t('a+b?')).test('a+b?')).toBe(true);
    expect(new RegExp(t('(ab)+$', true)).test('xabab')).toBe(true);
    expect(new RegExp(t('^[[:digit:]]\\+ [^]x]')).test('12 y')).toBe(true);
    expect(new RegExp(t('*star')).test('*star')).toBe(true);
    expect(new RegExp(t('\\<word\\>')).test('a word here')).toBe(true);
    expect(new RegExp(t('a**')).test('aaa')).toBe(true);
  });

  it("glibc's error messages", () => {
    expect(translateRegex('a\\(b', false)).toEqual({ error: REG_MSG.EPAREN });
    expect(translateRegex('[abc', false)).toEqual({ error: 'Unmatched [, [^, [:, [., or [=' });
    expect(translateRegex('ab\\', false)).toEqual({ error: 'Trailing backslash' });
    expect(translateRegex('a)', true)).toEqual({ error: 'Unmatched ) or \\)' });
    expect(translateRegex('[[:nope:]]', false)).toEqual({ error: 'Invalid character class name' });
  });
});

describe('grep', () => {
  it('selects lines; -i -v -n -c -o -w -x -E -F', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/etc/passwd', TEXT);
    expect(d.sh('grep nginx /etc/passwd').out).toBe('nginx:x:101:101:nginx user:/nonexistent:/bin/false\n');
    expect(d.sh('grep -n -i ROOT /etc/passwd').out).toBe('1:root:x:0:0:root:/root:/bin/bash\n');
    expect(d.sh('grep -c sbin /etc/passwd').out).toBe('1\n');
    expect(d.sh('grep -v -c sbin /etc/passwd').out).toBe('2\n');
    expect(d.sh("grep -o '[0-9]\\+' /etc/passwd | head -3").out).toBe('0\n0\n1\n');
    expect(d.sh("grep -E '^(root|nginx):' /etc/passwd | wc -l").out).toBe('2\n');
    expect(d.sh("grep -F 'x:1:' /etc/passwd").out).toBe('daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n');
    expect(d.sh('grep -w bin /etc/passwd | wc -l').out).toBe('2\n');
    expect(d.sh('grep -x root /etc/passwd; echo $?').out).toBe('1\n');
  });

  it('file prefixes, -l, -r, stdin, context', () => {
    const d = box('debian');
    d.sb.fs.mkdir('/srv/a', { recursive: true });
    d.sb.fs.writeFile('/srv/a/one', 'alpha\nbeta\n');
    d.sb.fs.writeFile('/srv/two', 'gamma\nbeta\ndelta\nepsilon\nbeta\n');
    expect(d.sh('grep beta /srv/a/one /srv/two').out).toBe('/srv/a/one:beta\n/srv/two:beta\n/srv/two:beta\n');
    expect(d.sh('grep -l beta /srv/a/one /srv/two').out).toBe('/srv/a/one\n/srv/two\n');
    expect(d.sh('cd /srv && grep -r alpha').out).toBe('a/one:alpha\n');
    expect(d.sh('grep -r alpha /srv').out).toBe('/srv/a/one:alpha\n');
    expect(d.sh('grep -A1 gamma /srv/two').out).toBe('gamma\nbeta\n');
    expect(d.sh('grep -n -B1 epsilon /srv/two').out).toBe('3-delta\n4:epsilon\n');
    expect(d.sh('grep -C1 delta /srv/two; grep -m1 -n beta /srv/two').out).toBe('beta\ndelta\nepsilon\n2:beta\n');
    expect(d.sh('echo hello | grep -H ell').out).toBe('(standard input):hello\n');
  });

  it('exit statuses and errors: 1 for no match, 2 for trouble', () => {
    const d = box('debian');
    expect(d.sh('grep x /nope')).toEqual({ out: '', err: 'grep: /nope: No such file or directory\n', code: 2 });
    expect(d.sh('grep -s x /nope')).toEqual({ out: '', err: '', code: 2 });
    expect(d.sh('grep x /etc')).toEqual({ out: '', err: 'grep: /etc: Is a directory\n', code: 2 });
    expect(d.sh("grep 'a\\(' /etc/hostname")).toEqual({ out: '', err: 'grep: Unmatched ( or \\(\n', code: 2 });
    expect(d.sh('grep')).toEqual({ out: '', err: "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n", code: 2 });
    // -q exits at the first match: the missing file is never opened
    expect(d.sh('grep -q web /etc/hostname /nope')).toEqual({ out: '', err: '', code: 0 });
    expect(d.sh('egrep we+b /etc/hostname')).toEqual({ out: 'web\n', err: 'egrep: warning: egrep is obsolescent; using grep -E\n', code: 0 });
  });

  it('busybox wording', () => {
    const b = box('busybox');
    expect(b.sh('grep x /nope').err).toBe('grep: /nope: No such file or directory\n');
    expect(b.sh("grep 'a\\(' /etc/hostname").err).toBe("grep: bad regex 'a\\(': Unmatched ( or \\(\n");
    // the shell, ps and grep itself all mention ps, as on a real system
    expect(b.sh('ps | grep -c "ps"').out).toBe('3\n');
  });

  it('streams: matches from a live pipe show up at once', () => {
    const d = box('debian');
    const r = d.start('(echo match 1; echo other; sleep 10; echo match 2) | grep match');
    d.sb.advance(100);
    expect(r.out).toBe('match 1\n');
    d.sb.advance(10_000);
    expect(r.out).toBe('match 1\nmatch 2\n');
  });
});
