import { describe, expect, it } from 'vitest';
import { box } from './testing';

describe('mkdir', () => {
  it('creates directories, -p makes parents, errors in each implementation', () => {
    const d = box('debian');
    expect(d.sh('mkdir /tmp/a && mkdir -p /tmp/b/c/d && ls -d /tmp/b/c/d')).toEqual({ out: '/tmp/b/c/d\n', err: '', code: 0 });
    expect(d.sh('mkdir /tmp/a')).toEqual({ out: '', err: "mkdir: cannot create directory '/tmp/a': File exists\n", code: 1 });
    expect(d.sh('mkdir /x/y').err).toBe("mkdir: cannot create directory '/x/y': No such file or directory\n");
    expect(d.sh('mkdir')).toEqual({ out: '', err: "mkdir: missing operand\nTry 'mkdir --help' for more information.\n", code: 1 });
    expect(d.sh('mkdir -pv /tmp/v/w').out).toBe("mkdir: created directory '/tmp/v'\nmkdir: created directory '/tmp/v/w'\n");
    const b = box('busybox');
    expect(b.sh('mkdir /x/y')).toEqual({ out: '', err: "mkdir: can't create directory '/x/y': No such file or directory\n", code: 1 });
    expect(b.sh('mkdir -p /tmp/q/r; echo $?').out).toBe('0\n');
  });
});

describe('rm', () => {
  it('removes files and trees; -f ignores missing; directories need -r', () => {
    const d = box('debian');
    d.sb.fs.mkdir('/tmp/d/e', { recursive: true });
    d.sb.fs.writeFile('/tmp/d/e/f', 'x');
    expect(d.sh('rm /nope')).toEqual({ out: '', err: "rm: cannot remove '/nope': No such file or directory\n", code: 1 });
    expect(d.sh('rm -f /nope')).toEqual({ out: '', err: '', code: 0 });
    expect(d.sh('rm /tmp/d').err).toBe("rm: cannot remove '/tmp/d': Is a directory\n");
    expect(d.sh('rm -rv /tmp/d').out).toBe("removed '/tmp/d/e/f'\nremoved directory '/tmp/d/e'\nremoved directory '/tmp/d'\n");
    expect(d.sb.fs.exists('/tmp/d')).toBe(false);
    expect(d.sh('rm -rf /').err).toBe("rm: it is dangerous to operate recursively on '/'\nrm: use --no-preserve-root to override this failsafe\n");
    expect(d.sh('rm')).toEqual({ out: '', err: "rm: missing operand\nTry 'rm --help' for more information.\n", code: 1 });
    const b = box('busybox');
    b.sb.fs.mkdir('/tmp/d');
    expect(b.sh('rm /nope').err).toBe("rm: can't stat '/nope': No such file or directory\n");
    expect(b.sh('rm /tmp/d').err).toBe("rm: '/tmp/d' is a directory\n");
  });
});

describe('cp and mv', () => {
  it('copies files into directories and trees with -r', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/tmp/a', 'hello\n');
    d.sb.fs.mkdir('/tmp/dir/sub', { recursive: true });
    d.sb.fs.writeFile('/tmp/dir/sub/x', 'x\n');
    expect(d.sh('cp /tmp/a /tmp/b && cat /tmp/b && cp /tmp/a /tmp/dir && cat /tmp/dir/a').out).toBe('hello\nhello\n');
    expect(d.sh('cp /tmp/dir /tmp/dir2').err).toBe("cp: -r not specified; omitting directory '/tmp/dir'\n");
    expect(d.sh('cp -r /tmp/dir /tmp/dir2 && cat /tmp/dir2/sub/x').out).toBe('x\n');
    expect(d.sh('cp /nope /tmp')).toEqual({ out: '', err: "cp: cannot stat '/nope': No such file or directory\n", code: 1 });
    expect(d.sh('cp /tmp/a')).toEqual({ out: '', err: "cp: missing destination file operand after '/tmp/a'\nTry 'cp --help' for more information.\n", code: 1 });
    expect(d.sh('cp /tmp/a /tmp/a').err).toBe("cp: '/tmp/a' and '/tmp/a' are the same file\n");
    const b = box('busybox');
    b.sb.fs.mkdir('/tmp/dir');
    expect(b.sh('cp /nope /tmp').err).toBe("cp: can't stat '/nope': No such file or directory\n");
    expect(b.sh('cp /tmp/dir /tmp/x').err).toBe("cp: omitting directory '/tmp/dir'\n");
  });

  it('mv renames and moves into directories', () => {
    const d = box('debian');
    d.sb.fs.writeFile('/tmp/a', '1');
    d.sb.fs.mkdir('/tmp/d');
    expect(d.sh('mv /tmp/a /tmp/b && mv -v /tmp/b /tmp/d').out).toBe("renamed '/tmp/b' -> '/tmp/d/b'\n");
    expect(d.sb.fs.readFile('/tmp/d/b')).toBe('1');
    expect(d.sh('mv /nope /tmp').err).toBe("mv: cannot stat '/nope': No such file or directory\n");
    expect(box('busybox').sh('mv /nope /tmp').err).toBe("mv: can't rename '/nope': No such file or directory\n");
  });
});

describe('touch and pwd', () => {
  it('creates files, updates times, reports missing directories', () => {
    const d = box('debian');
    expect(d.sh('touch /tmp/t && ls /tmp').out).toBe('t\n');
    d.sb.advance(60_000);
    d.sh('touch /tmp/t');
    expect(d.sb.fs.stat('/tmp/t').mtimeMs).toBe(d.sb.clock.now());
    expect(d.sh('touch /a/b').err).toBe("touch: cannot touch '/a/b': No such file or directory\n");
    expect(box('busybox').sh('touch /a/b').err).toBe('touch: /a/b: No such file or directory\n');
    expect(d.sh('cd /tmp && /bin/pwd').out).toBe('/tmp\n');
  });
});
