import { describe, expect, it } from 'vitest';
import { box, type Box } from './testing';
import { lsDate } from './ls';

function tree(b: Box): void {
  const fs = b.sb.fs;
  fs.mkdir('/tmp/d/sub', { recursive: true });
  fs.writeFile('/tmp/d/a', 'hello');
  fs.writeFile('/tmp/d/b.sh', '#!/bin/sh\necho hi there\n', { mode: 0o755 });
  fs.writeFile('/tmp/d/.hidden', '');
  fs.writeFile('/tmp/d/sub/inner', 'x'.repeat(5000));
}

describe('ls (GNU coreutils)', () => {
  it('one name per line when stdout is not a terminal, hidden files with -a', () => {
    const d = box('debian');
    tree(d);
    expect(d.sh('ls /tmp/d')).toEqual({ out: 'a\nb.sh\nsub\n', err: '', code: 0 });
    expect(d.sh('ls -a /tmp/d').out).toBe('.\n..\n.hidden\na\nb.sh\nsub\n');
    expect(d.sh('ls -A /tmp/d').out).toBe('.hidden\na\nb.sh\nsub\n');
  });

  it('-l: mode, links, owner, size, date, total in 1K blocks', () => {
    const d = box('debian');
    tree(d);
    expect(d.sh('ls -l /tmp/d').out).toBe(
      'total 12\n' +
      '-rw-r--r-- 1 root root    5 Nov 21 12:00 a\n' +
      '-rwxr-xr-x 1 root root   24 Nov 21 12:00 b.sh\n' +
      'drwxr-xr-x 2 root root 4096 Nov 21 12:00 sub\n',
    );
    expect(d.sh('ls -lh /tmp/d/sub').out).toBe('total 8.0K\n-rw-r--r-- 1 root root 4.9K Nov 21 12:00 inner\n');
    expect(d.sh('ls -ld /tmp/d').out).toBe('drwxr-xr-x 3 root root 4096 Nov 21 12:00 /tmp/d\n');
  });

  it('files first, then directories with headers; -R recurses', () => {
    const d = box('debian');
    tree(d);
    expect(d.sh('ls /tmp/d/sub /tmp/d/a').out).toBe('/tmp/d/a\n\n/tmp/d/sub:\ninner\n');
    expect(d.sh('cd /tmp && ls -R d').out).toBe('d:\na\nb.sh\nsub\n\nd/sub:\ninner\n');
    expect(d.sh('ls -F /tmp/d').out).toBe('a\nb.sh*\nsub/\n');
  });

  it('a missing operand: "cannot access", exit 2, the rest still listed', () => {
    const d = box('debian');
    tree(d);
    expect(d.sh('ls /x')).toEqual({ out: '', err: "ls: cannot access '/x': No such file or directory\n", code: 2 });
    expect(d.sh('ls /x /tmp/d/sub')).toEqual({ out: '/tmp/d/sub:\ninner\n', err: "ls: cannot access '/x': No such file or directory\n", code: 2 });
    expect(d.sh('ls -z')).toEqual({ out: '', err: "ls: invalid option -- 'z'\nTry 'ls --help' for more information.\n", code: 2 });
  });

  it('columns with tab stops on a terminal (or -C), sized like calculate_columns', () => {
    const d = box('debian');
    for (const n of ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var']) d.sb.fs.mkdir(`/c/${n}`, { recursive: true });
    const expected = 'bin   dev  home  media\topt   root  sbin  sys  usr\nboot  etc  lib\t mnt\tproc  run   srv   tmp  var\n';
    expect(d.sh('ls -C /c').out).toBe(expected);
    expect(d.exec(['ls', '/c'], { env: { PATH: '/usr/bin:/bin', TERM: 'xterm' } }).out).toBe(expected);
    expect(d.exec(['ls', '/c'], { env: { PATH: '/usr/bin:/bin', TERM: 'xterm', COLUMNS: '30' } }).out).toBe(
      'bin   home   opt   sbin  usr\nboot  lib    proc  srv\t var\ndev   media  root  sys\netc   mnt    run   tmp\n',
    );
  });

  it('busybox columns: longest name + 2, spaces, colours on a terminal', () => {
    const b = box('busybox');
    for (const n of ['bin', 'etc', 'media']) b.sb.fs.mkdir(`/c/${n}`, { recursive: true });
    b.sb.fs.writeFile('/c/run.sh', '', { mode: 0o755 });
    expect(b.sh('ls -C /c').out).toBe('bin     etc     media   run.sh\n');
    expect(b.exec(['ls', '/c'], { env: { PATH: '/bin', TERM: 'xterm' } }).out).toBe(
      '\x1b[1;34mbin\x1b[m     \x1b[1;34metc\x1b[m     \x1b[1;34mmedia\x1b[m   \x1b[1;32mrun.sh\x1b[m\n',
    );
  });

  it('dates: recent as time of day, older than six months with the year', () => {
    const now = Date.UTC(2026, 10, 21, 12, 0);
    expect(lsDate(now - 3600_000, now, 'gnu')).toBe('Nov 21 11:00');
    expect(lsDate(Date.UTC(2025, 2, 5, 9, 30), now, 'gnu')).toBe('Mar  5  2025');
    expect(lsDate(Date.UTC(2025, 2, 5, 9, 30), now, 'busybox')).toBe('Mar  5  2025');
  });
});

describe('ls (busybox)', () => {
  it('fixed-width -l columns and its own error wording', () => {
    const b = box('busybox');
    tree(b);
    expect(b.sh('ls -l /tmp/d').out).toBe(
      'total 12\n' +
      '-rw-r--r--    1 root     root             5 Nov 21 12:00 a\n' +
      '-rwxr-xr-x    1 root     root            24 Nov 21 12:00 b.sh\n' +
      'drwxr-xr-x    2 root     root          4096 Nov 21 12:00 sub\n',
    );
    expect(b.sh('ls /x')).toEqual({ out: '', err: 'ls: /x: No such file or directory\n', code: 1 });
    expect(b.sh('ls /tmp/d')).toEqual({ out: 'a\nb.sh\nsub\n', err: '', code: 0 });
  });

  it('an unknown option shows the usage after glibc getopt\'s message (musl\'s on Alpine)', () => {
    const b = box('busybox');
    const r = b.sh('ls -k');
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^ls: invalid option -- 'k'\nBusyBox v1\.37\.0 \(2024-09-26 21:31:42 UTC\) multi-call binary\.\n\nUsage: ls \[-1AaCxdLHRFplinshrSXvctu\] \[-w WIDTH\] \[FILE\]\.\.\.\n\nList directory contents\n/);
    expect(box('alpine').sh('ls -k').err).toMatch(/^ls: unrecognized option: k\nBusyBox v1\.37\.0 \(2025-01-17/);
  });

  it('musl stops at the first operand: `ls /tmp -l` lists a file named -l', () => {
    const a = box('alpine');
    expect(a.sh('ls /etc/hostname -l')).toEqual({ out: '/etc/hostname\n', err: 'ls: -l: No such file or directory\n', code: 1 });
    expect(box('debian').sh('ls /etc/hostname -l').out).toBe('-rw-r--r-- 1 root root 4 Nov 21 12:00 /etc/hostname\n');
  });
});
