// Expected texts: what GNU tar 1.34 printed for the same command lines (Debian 12), and busybox
// 1.37's archival/tar.c, get_header_tar.c and unsafe_prefix.c (cited in tar.ts).
import { describe, expect, it } from 'vitest';
import { readArchive } from '../../../shared/tar-format';
import { box } from './testing';

/** An archive written by the real GNU tar 1.34 (`tar --mtime='2026-11-22 01:02:03' -cf - g/a.txt`, a 0640 file), as its non-NUL runs. */
function gnuWritten(): string {
  const runs: [number, string][] = [
    [0, 'g/a.txt'], [100, '0000640'], [108, '0000000'], [116, '0000000'], [124, '00000000007'], [136, '15300437413'],
    [148, '010754'], [155, ' 0'], [257, 'ustar  '], [265, 'root'], [297, 'root'], [512, 'h\u00c3\u00a9llo\n'],
  ];
  const bytes = new Array<string>(2048).fill('\0');
  for (const [at, s] of runs) for (let i = 0; i < s.length; i++) bytes[at + i] = s[i]!;
  return bytes.join('');
}

function withTree(family: 'debian' | 'busybox' | 'alpine') {
  const d = box(family);
  d.sb.fs.mkdir('/src/sub', { recursive: true });
  d.sb.fs.writeFile('/src/a.txt', 'héllo wörld ✓\n');
  d.sb.fs.writeFile('/src/sub/run.sh', 'echo hi\n', { mode: 0o750 });
  return d;
}

describe.each(['debian', 'busybox'] as const)('tar (%s)', (family) => {
  const gnu = family === 'debian';

  it('creates, lists and extracts a directory tree with modes and UTF-8 content', () => {
    const d = withTree(family);
    expect(d.sh('cd / && tar cf /tmp/t.tar src && tar tf /tmp/t.tar')).toEqual({ out: 'src/\nsrc/a.txt\nsrc/sub/\nsrc/sub/run.sh\n', err: '', code: 0 });
    const listed = d.sh('tar tvf /tmp/t.tar').out.split('\n');
    // a.txt is 18 bytes of UTF-8
    expect(listed[1]).toMatch(gnu ? /^-rw-r--r-- root\/root {8}18 \d{4}-\d\d-\d\d \d\d:\d\d src\/a\.txt$/ : /^-rw-r--r-- root\/root {8}18 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d src\/a\.txt$/);
    expect(listed[3]).toMatch(/^-rwxr-x--- root\/root/);
    expect(d.sh('mkdir /out && tar xvf /tmp/t.tar -C /out')).toEqual({ out: 'src/\nsrc/a.txt\nsrc/sub/\nsrc/sub/run.sh\n', err: '', code: 0 });
    expect(d.sb.fs.readFile('/out/src/a.txt')).toBe('héllo wörld ✓\n');
    expect(d.sb.fs.stat('/out/src/sub/run.sh').mode).toBe(0o750);
    // --no-same-permissions: the umask applies (kubectl cp --no-preserve); selected members only
    expect(d.sh('mkdir /o2 && tar --no-same-permissions --no-same-owner -xmf /tmp/t.tar -C /o2 src/sub').code).toBe(0);
    expect(d.sb.fs.stat('/o2/src/sub/run.sh').mode).toBe(0o750 & ~0o022);
    expect(d.sb.fs.exists('/o2/src/a.txt')).toBe(false);
  });

  it('records mtimes from the virtual clock and pipes archives through stdin and stdout', () => {
    const d = withTree(family);
    const mtime = Math.floor(d.sb.fs.stat('/src/a.txt').mtimeMs / 1000);
    const piped = d.sh('tar cf - /src/a.txt | tar -xmf - -C /tmp && cat /tmp/src/a.txt');
    expect(piped.out).toBe('héllo wörld ✓\n');
    // GNU names.c safer_name_suffix; busybox strip_unsafe_prefix
    expect(piped.err).toBe(gnu ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n");
    d.sh('cd / && tar cf /tmp/a.tar src/a.txt');
    expect(readArchive(d.sb.fs.readFile('/tmp/a.tar')).entries[0]!.mtime).toBe(mtime);
    // verbose names go to stderr when the archive is stdout
    expect(d.sh('cd / && tar cvf - src/sub >/dev/null')).toEqual({ out: '', err: 'src/sub/\nsrc/sub/run.sh\n', code: 0 });
  });

  it('reads an archive written by the real GNU tar 1.34', () => {
    const d = box(family);
    d.sb.fs.writeFile('/g.tar', gnuWritten());
    expect(d.sh('tar tvf /g.tar').out).toBe(gnu
      ? '-rw-r----- root/root         7 2026-11-22 01:02 g/a.txt\n'
      : '-rw-r----- root/root         7 2026-11-22 01:02:03 g/a.txt\n');
    expect(d.sh('tar xf /g.tar -C /tmp && cat /tmp/g/a.txt').out).toBe('héllo\n');
    expect(d.sb.fs.stat('/tmp/g/a.txt').mode).toBe(0o640);
  });

  it('complains in its own words', () => {
    const d = withTree(family);
    if (gnu) {
      expect(d.sh('echo hello | tar x')).toEqual({ out: '', err: 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n', code: 2 });
      expect(d.sh('seq 400 | tar t').err).toBe('tar: This does not look like a tar archive\ntar: Skipping to next header\ntar: Exiting with failure status due to previous errors\n');
      expect(d.sh('tar').err).toBe("tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n");
      expect(d.sh('tar cx').err).toBe("tar: You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option\nTry 'tar --help' or 'tar --usage' for more information.\n");
      expect(d.sh('tar c')).toEqual({ out: '', err: "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n", code: 2 });
      expect(d.sh('tar cf - /nope >/dev/null')).toEqual({ out: '', err: 'tar: /nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n', code: 2 });
      expect(d.sh('tar xf /nope')).toEqual({ out: '', err: 'tar: /nope: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n', code: 2 });
      expect(d.sh('cd / && tar cf /tmp/t.tar src && tar xf /tmp/t.tar -C nodir').err).toBe('tar: nodir: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n');
      expect(d.sh('tar tf /tmp/t.tar nothere')).toEqual({ out: '', err: 'tar: nothere: Not found in archive\ntar: Exiting with failure status due to previous errors\n', code: 2 });
      expect(d.sh('tar -q').err).toBe("tar: invalid option -- 'q'\nTry 'tar --help' or 'tar --usage' for more information.\n");
    } else {
      expect(d.sh('echo hello | tar x')).toEqual({ out: '', err: 'tar: invalid tar magic\n', code: 1 });
      expect(d.sh('tar x </dev/null')).toEqual({ out: '', err: 'tar: short read\n', code: 1 });
      expect(d.sh('tar').err).toMatch(/^BusyBox v1\.37\.0 .*\n\nUsage: tar c\|x\|t /);
      expect(d.sh('tar c')).toEqual({ out: '', err: 'tar: empty archive\n', code: 1 });
      expect(d.sh('tar cf - /nope >/dev/null')).toEqual({ out: '', err: 'tar: /nope: No such file or directory\ntar: error exit delayed from previous errors\n', code: 1 });
      expect(d.sh('tar xf /nope')).toEqual({ out: '', err: "tar: can't open '/nope': No such file or directory\n", code: 1 });
      expect(d.sh('cd / && tar cf /tmp/t.tar src && tar xf /tmp/t.tar -C nodir').err).toBe("tar: can't change directory to 'nodir': No such file or directory\n");
      expect(d.sh('tar tf /tmp/t.tar nothere')).toEqual({ out: '', err: 'tar: nothere: not found in archive\n', code: 1 });
    }
  });
});

describe('tar across implementations', () => {
  it('GNU-written archives read by busybox and back', () => {
    const deb = withTree('debian');
    deb.sh('cd / && tar cf /tmp/gnu.tar src');
    const alp = box('alpine');
    alp.sb.fs.writeFile('/gnu.tar', deb.sb.fs.readFile('/tmp/gnu.tar'));
    expect(alp.sh('tar xf /gnu.tar -C /tmp && cat /tmp/src/a.txt && tar cf /back.tar -C /tmp src')).toEqual({ out: 'héllo wörld ✓\n', err: '', code: 0 });
    deb.sb.fs.writeFile('/back.tar', alp.sb.fs.readFile('/back.tar'));
    expect(deb.sh('mkdir /r && tar xf /back.tar -C /r && cat /r/src/a.txt && tar tf /back.tar')).toEqual({ out: 'héllo wörld ✓\nsrc/\nsrc/a.txt\nsrc/sub/\nsrc/sub/run.sh\n', err: '', code: 0 });
    expect(deb.sb.fs.stat('/r/src/sub/run.sh').mode).toBe(0o750);
  });

  it('images without tar have none', () => {
    const bare = box('distroless').sb.fs;
    expect(bare.exists('/bin/tar') || bare.exists('/usr/bin/tar')).toBe(false);
    expect(withTree('debian').sh('which tar').out).toBe('/usr/bin/tar\n');
    expect(withTree('alpine').sh('which tar').out).toBe('/bin/tar\n');
  });
});
