import { describe, expect, it } from 'vitest';
import { box } from './testing';

describe('sed', () => {
  it('s///g with & and groups, -n p, d, addresses and ranges', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/tmp/f', 'one\ntwo\nthree\nfour\nfive\n');
    expect(d.sh("echo hello world | sed 's/o/0/'").out).toBe('hell0 world\n');
    expect(d.sh("echo hello world | sed 's/o/0/g'").out).toBe('hell0 w0rld\n');
    expect(d.sh("echo hello world | sed 's/\\(hello\\) \\(world\\)/\\2 \\1 [&]/'").out).toBe('world hello [hello world]\n');
    expect(d.sh("echo aaa | sed 's/a/b/2'").out).toBe('aba\n');
    expect(d.sh("sed -n '2p' /tmp/f").out).toBe('two\n');
    expect(d.sh("sed -n '$p' /tmp/f").out).toBe('five\n');
    expect(d.sh("sed '2,4d' /tmp/f").out).toBe('one\nfive\n');
    expect(d.sh("sed -n '/two/,/four/p' /tmp/f").out).toBe('two\nthree\nfour\n');
    expect(d.sh("sed '/e$/!d' /tmp/f").out).toBe('one\nthree\nfive\n');
    expect(d.sh("sed -E 's/(t)(w|h)/<\\2\\1>/' /tmp/f | head -3").out).toBe('one\n<wt>o\n<ht>ree\n');
    expect(d.sh("sed -e 's/one/1/' -e 's/two/2/' /tmp/f | head -2").out).toBe('1\n2\n');
    expect(d.sh("sed '3q' /tmp/f").out).toBe('one\ntwo\nthree\n');
    expect(d.sh("sed -n '/three/{=;p}' /tmp/f").out).toBe('3\nthree\n');
    expect(d.sh("sed '1i\\\\top' /tmp/f | head -2; sed '$a end' /tmp/f | tail -1").out).toBe('top\none\nend\n');
    expect(d.sh("echo hello | sed 'y/lo/LO/'").out).toBe('heLLO\n');
    expect(d.sh("printf 'no newline' | sed 's/no/a/'").out).toBe('a newline');
  });

  it('-i edits in place (with a backup suffix)', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/etc/nginx.conf', 'listen 80;\nserver_name _;\n');
    expect(d.sh("sed -i 's/80/8080/' /etc/nginx.conf")).toEqual({ out: '', err: '', code: 0 });
    expect(d.sb.fs.readFile('/etc/nginx.conf')).toBe('listen 8080;\nserver_name _;\n');
    d.sh("sed -i.bak '2d' /etc/nginx.conf");
    expect(d.sb.fs.readFile('/etc/nginx.conf')).toBe('listen 8080;\n');
    expect(d.sb.fs.readFile('/etc/nginx.conf.bak')).toBe('listen 8080;\nserver_name _;\n');
  });

  it("GNU's errors: -e expression #N, char M", () => {
    const d = box('debian');
    expect(d.sh("sed 's/a/b'")).toEqual({ out: '', err: "sed: -e expression #1, char 5: unterminated `s' command\n", code: 1 });
    expect(d.sh("sed 'k'").err).toBe("sed: -e expression #1, char 1: unknown command: `k'\n");
    expect(d.sh("sed 's/a/b/z'").err).toBe("sed: -e expression #1, char 7: unknown option to `s'\n");
    expect(d.sh('sed p /nope')).toEqual({ out: '', err: "sed: can't read /nope: No such file or directory\n", code: 2 });
    expect(d.sh("sed 's/\\(a/b/'").err).toBe('sed: -e expression #1, char 8: Unmatched ( or \\(\n');
  });

  it("busybox's errors", () => {
    const b = box('busybox');
    expect(b.sh("sed 's/a/b'").err).toBe("sed: unmatched '/'\n");
    expect(b.sh("sed 'k'").err).toBe('sed: unsupported command k\n');
    expect(b.sh('sed p /nope')).toEqual({ out: '', err: 'sed: /nope: No such file or directory\n', code: 1 });
    expect(b.sh("echo abc | sed 's/b/X/'").out).toBe('aXc\n');
  });
});
