import { describe, expect, it } from 'vitest';
import { Clock } from '../../clock';
import { FsError, FsLayer, MemFS, strerror, utf8Length, type FsChangeOp } from './memfs';
import { buildLayer } from './layers';
import { basename, dirname, isWithin, joinPath, normalizePath, resolvePath } from './path';

function fresh(start = 1_000): { fs: MemFS; clock: Clock } {
  const clock = new Clock(start);
  return { fs: new MemFS(clock), clock };
}

/** The error a call throws, so tests can check code and message together. */
function errorOf(fn: () => unknown): FsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FsError) return e;
    throw e;
  }
  throw new Error('expected an FsError');
}

describe('path helpers', () => {
  it('cleans like path.Clean and resolves against a working directory', () => {
    expect(normalizePath('/a//b/./c/..')).toBe('/a/b');
    expect(normalizePath('/../..')).toBe('/');
    expect(normalizePath('x/y')).toBe('/x/y');
    expect(resolvePath('/etc/kubernetes', '../hosts')).toBe('/etc/hosts');
    expect(resolvePath('/etc', '/var/lib')).toBe('/var/lib');
    expect(joinPath('/etc', 'kubernetes/', 'manifests')).toBe('/etc/kubernetes/manifests');
    expect(dirname('/etc/hosts')).toBe('/etc');
    expect(dirname('/etc')).toBe('/');
    expect(basename('/etc/kubernetes/manifests/')).toBe('manifests');
    expect(isWithin('/etc/kubernetes/x', '/etc/kubernetes')).toBe(true);
    expect(isWithin('/etc/kubernetesx', '/etc/kubernetes')).toBe(false);
  });
});

describe('MemFS files and directories', () => {
  it('writes, reads, appends and stats files with clock times and modes', () => {
    const { fs, clock } = fresh();
    fs.mkdir('/etc');
    fs.writeFile('/etc/hostname', 'minikube\n');
    clock.advance(500);
    fs.appendFile('/etc/hostname', 'x');
    expect(fs.readFile('/etc/./hostname')).toBe('minikube\nx');
    expect(fs.stat('/etc/hostname')).toEqual({ type: 'file', size: 10, mode: 0o644, mtimeMs: 1_500 });
    fs.writeFile('/etc/shadow', 's', { mode: 0o640 });
    fs.writeFile('/etc/shadow', 'again', { mode: 0o777 }); // mode only applies on create
    expect(fs.stat('/etc/shadow').mode).toBe(0o640);
    fs.chmod('/etc/shadow', 0o600);
    expect(fs.stat('/etc/shadow').mode).toBe(0o600);
    expect(fs.stat('/etc')).toMatchObject({ type: 'dir', size: 4096, mode: 0o755 });
    expect(fs.exists('/etc/hostname')).toBe(true);
    expect(fs.exists('/etc/hostname/x')).toBe(false);
  });

  it('counts file size in UTF-8 bytes', () => {
    expect(utf8Length('aé€😀')).toBe(1 + 2 + 3 + 4);
    const { fs } = fresh();
    fs.writeFile('/u', 'é');
    expect(fs.stat('/u').size).toBe(2);
  });

  it('lists directory entries sorted by name', () => {
    const { fs } = fresh();
    fs.mkdir('/m/sub', { recursive: true });
    for (const n of ['kube-scheduler.yaml', 'etcd.yaml', '.swp', 'Z']) fs.writeFile(`/m/${n}`, n);
    expect(fs.readdir('/m')).toEqual(['.swp', 'Z', 'etcd.yaml', 'kube-scheduler.yaml', 'sub']);
    expect(fs.readdir('/')).toEqual(['m']);
  });

  it('updates a directory mtime when entries are added or removed', () => {
    const { fs, clock } = fresh(0);
    fs.mkdir('/d');
    clock.advance(10);
    fs.writeFile('/d/f', '');
    expect(fs.stat('/d').mtimeMs).toBe(10);
    clock.advance(10);
    fs.writeFile('/d/f', 'changed'); // content change: the directory is untouched
    expect(fs.stat('/d').mtimeMs).toBe(10);
    fs.rm('/d/f');
    expect(fs.stat('/d').mtimeMs).toBe(20);
  });
});

describe('MemFS errors', () => {
  it('report errno codes with Go *os.PathError messages', () => {
    const { fs } = fresh();
    fs.mkdir('/etc');
    fs.writeFile('/etc/hosts', '127.0.0.1 localhost\n');
    fs.mkdir('/full');
    fs.writeFile('/full/f', '');

    const cases: [() => unknown, string, string][] = [
      [() => fs.readFile('/x'), 'ENOENT', 'open /x: no such file or directory'],
      [() => fs.readFile('/etc'), 'EISDIR', 'read /etc: is a directory'],
      [() => fs.readFile('/etc/hosts/x'), 'ENOTDIR', 'open /etc/hosts/x: not a directory'],
      [() => fs.readFile('/etc/hosts/'), 'ENOTDIR', 'open /etc/hosts: not a directory'],
      [() => fs.writeFile('/nope/f', ''), 'ENOENT', 'open /nope/f: no such file or directory'],
      [() => fs.writeFile('/etc', ''), 'EISDIR', 'open /etc: is a directory'],
      [() => fs.writeFile('/etc/hosts/f', ''), 'ENOTDIR', 'open /etc/hosts/f: not a directory'],
      [() => fs.mkdir('/etc'), 'EEXIST', 'mkdir /etc: file exists'],
      [() => fs.mkdir('/a/b'), 'ENOENT', 'mkdir /a/b: no such file or directory'],
      [() => fs.mkdir('/etc/hosts/d', { recursive: true }), 'ENOTDIR', 'mkdir /etc/hosts: not a directory'],
      [() => fs.readdir('/etc/hosts'), 'ENOTDIR', 'readdirent /etc/hosts: not a directory'],
      [() => fs.stat('/missing'), 'ENOENT', 'stat /missing: no such file or directory'],
      [() => fs.rm('/missing'), 'ENOENT', 'remove /missing: no such file or directory'],
      [() => fs.rm('/full'), 'ENOTEMPTY', 'remove /full: directory not empty'],
      [() => fs.rm('/'), 'EBUSY', 'remove /: device or resource busy'],
      [() => fs.rename('/missing', '/b'), 'ENOENT', 'rename /missing /b: no such file or directory'],
      [() => fs.rename('/etc/hosts', '/nope/hosts'), 'ENOENT', 'rename /etc/hosts /nope/hosts: no such file or directory'],
      [() => fs.rename('/etc/hosts', '/full'), 'EISDIR', 'rename /etc/hosts /full: is a directory'],
      [() => fs.rename('/full', '/etc/hosts'), 'ENOTDIR', 'rename /full /etc/hosts: not a directory'],
      [() => fs.rename('/etc', '/full'), 'ENOTEMPTY', 'rename /etc /full: directory not empty'],
      [() => fs.rename('/full', '/full/inner'), 'EINVAL', 'rename /full /full/inner: invalid argument'],
    ];
    for (const [fn, code, message] of cases) {
      const e = errorOf(fn);
      expect({ code: e.code, message: e.message }).toEqual({ code, message });
    }
    expect(strerror('ENOENT')).toBe('No such file or directory');
    expect(strerror('EISDIR')).toBe('Is a directory');
    expect(strerror('EROFS')).toBe('Read-only file system');
    expect(strerror('EXDEV')).toBe('Invalid cross-device link');
  });

  it('leaves the tree unchanged when a call fails', () => {
    const { fs } = fresh();
    fs.mkdir('/a');
    fs.writeFile('/a/f', 'x');
    const before = JSON.stringify(fs.snapshot());
    expect(() => fs.rename('/a', '/a/b')).toThrow(FsError);
    expect(() => fs.rm('/a')).toThrow(FsError);
    expect(JSON.stringify(fs.snapshot())).toBe(before);
  });
});

describe('MemFS mkdir -p, rm, rename', () => {
  it('mkdir recursive creates the missing chain and accepts existing directories', () => {
    const { fs } = fresh();
    fs.mkdir('/etc/kubernetes/manifests', { recursive: true });
    fs.mkdir('/etc/kubernetes', { recursive: true });
    fs.mkdir('/', { recursive: true });
    expect(fs.readdir('/etc/kubernetes')).toEqual(['manifests']);
  });

  it('rm removes files, empty directories, trees with recursive, and ignores missing with force', () => {
    const { fs } = fresh();
    fs.mkdir('/t/a/b', { recursive: true });
    fs.writeFile('/t/a/b/f', '1');
    fs.mkdir('/empty');
    fs.rm('/empty');
    fs.rm('/t', { recursive: true });
    fs.rm('/nothing', { force: true });
    expect(fs.readdir('/')).toEqual([]);
  });

  it('rename moves files and directories and replaces a file or an empty directory', () => {
    const { fs } = fresh();
    fs.mkdir('/src/sub', { recursive: true });
    fs.writeFile('/src/sub/f', 'data');
    fs.mkdir('/dst');
    fs.rename('/src/sub', '/dst/moved');
    expect(fs.readFile('/dst/moved/f')).toBe('data');
    expect(fs.exists('/src/sub')).toBe(false);
    fs.writeFile('/a', 'A');
    fs.writeFile('/b', 'B');
    fs.rename('/a', '/b');
    expect(fs.readFile('/b')).toBe('A');
    expect(fs.exists('/a')).toBe(false);
    fs.mkdir('/e');
    fs.rename('/src', '/e');
    expect(fs.readdir('/e')).toEqual([]);
    fs.rename('/b', '/b'); // same path: nothing happens
    expect(fs.readFile('/b')).toBe('A');
  });
});

describe('MemFS change listeners', () => {
  it('report each change synchronously with its path and kind, until unsubscribed', () => {
    const { fs } = fresh();
    const seen: [string, FsChangeOp][] = [];
    const off = fs.onChange((p, op) => seen.push([p, op]));
    fs.mkdir('/m/d', { recursive: true });
    fs.writeFile('/m/a.yaml', '1');
    fs.writeFile('/m/a.yaml', '2');
    fs.chmod('/m/a.yaml', 0o600);
    fs.rename('/m/a.yaml', '/m/b.yaml');
    fs.writeFile('/m/d/x', '');
    fs.rm('/m', { recursive: true });
    off();
    fs.mkdir('/after');
    expect(seen).toEqual([
      ['/m', 'create'], ['/m/d', 'create'],
      ['/m/a.yaml', 'create'], ['/m/a.yaml', 'write'], ['/m/a.yaml', 'chmod'],
      ['/m/a.yaml', 'rename-from'], ['/m/b.yaml', 'rename-to'],
      ['/m/d/x', 'create'],
      ['/m/b.yaml', 'remove'], ['/m/d/x', 'remove'], ['/m/d', 'remove'], ['/m', 'remove'],
    ]);
  });

  it('does not notify for failed calls', () => {
    const { fs } = fresh();
    let n = 0;
    fs.onChange(() => n++);
    expect(() => fs.writeFile('/no/such', '')).toThrow();
    expect(() => fs.rm('/no')).toThrow();
    expect(n).toBe(0);
  });
});

describe('MemFS snapshot/restore', () => {
  it('round-trips the tree, modes and times as JSON, deterministically', () => {
    const { fs, clock } = fresh(5);
    fs.mkdir('/var/lib/kubelet', { recursive: true });
    clock.advance(7);
    fs.writeFile('/var/lib/kubelet/config.yaml', 'staticPodPath: /etc/kubernetes/manifests\n', { mode: 0o600 });
    fs.writeFile('/b', 'b');
    fs.writeFile('/a', 'a');
    const snap = JSON.parse(JSON.stringify(fs.snapshot()));
    expect(Object.keys(snap.d)).toEqual(['a', 'b', 'var']); // sorted, whatever the creation order

    const other = new MemFS(new Clock(0));
    other.restore(snap);
    expect(other.readFile('/var/lib/kubelet/config.yaml')).toBe('staticPodPath: /etc/kubernetes/manifests\n');
    expect(other.stat('/var/lib/kubelet/config.yaml')).toEqual({ type: 'file', size: 41, mode: 0o600, mtimeMs: 12 });
    expect(other.stat('/var/lib')).toMatchObject({ mtimeMs: 5 });
    expect(JSON.stringify(other.snapshot())).toBe(JSON.stringify(snap));
    // The restored tree is independent of the snapshot object.
    other.writeFile('/a', 'changed');
    expect(snap.d.a.f).toBe('a');
  });

  it('snapshots and restores a few thousand files', () => {
    const { fs } = fresh();
    for (let d = 0; d < 50; d++) {
      fs.mkdir(`/usr/share/d${d}`, { recursive: true });
      for (let f = 0; f < 100; f++) fs.writeFile(`/usr/share/d${d}/f${f}`, 'x'.repeat(100));
    }
    const other = new MemFS(new Clock(0));
    other.restore(fs.snapshot());
    expect(other.readdir('/usr/share/d49')).toHaveLength(100);
    expect(other.readFile('/usr/share/d7/f42')).toBe('x'.repeat(100));
  });
});

describe('MemFS over a read-only layer', () => {
  function image(): FsLayer {
    return buildLayer((fs) => {
      fs.mkdir('/etc/nginx/conf.d', { recursive: true });
      fs.writeFile('/etc/os-release', 'ID=debian\n');
      fs.writeFile('/etc/nginx/nginx.conf', 'worker_processes auto;\n');
      fs.writeFile('/etc/nginx/conf.d/default.conf', 'server {}\n');
      fs.mkdir('/usr/bin', { recursive: true });
      fs.writeFile('/usr/bin/ls', 'ELF', { mode: 0o755 });
    }, 42);
  }

  it('reads through to the layer, and writes copy up without touching it', () => {
    const layer = image();
    const { clock } = fresh(1_000);
    const a = new MemFS(clock, { lower: layer });
    const b = new MemFS(clock, { lower: layer });
    expect(a.readFile('/etc/os-release')).toBe('ID=debian\n');
    expect(a.stat('/usr/bin/ls')).toEqual({ type: 'file', size: 3, mode: 0o755, mtimeMs: 42 });
    a.appendFile('/etc/os-release', 'X=1\n');
    a.chmod('/usr/bin/ls', 0o700);
    a.writeFile('/etc/nginx/conf.d/extra.conf', 'x');
    expect(a.readFile('/etc/os-release')).toBe('ID=debian\nX=1\n');
    expect(a.readdir('/etc/nginx/conf.d')).toEqual(['default.conf', 'extra.conf']);
    // the other container and the layer itself are unchanged
    expect(b.readFile('/etc/os-release')).toBe('ID=debian\n');
    expect(b.stat('/usr/bin/ls').mode).toBe(0o755);
    expect(b.readdir('/etc/nginx/conf.d')).toEqual(['default.conf']);
    expect(new MemFS(clock, { lower: layer }).snapshot()).toEqual({ d: {}, m: 0o755, t: 42 });
  });

  it('snapshots only the writable layer: changes, whiteouts and opaque directories', () => {
    const layer = image();
    const { clock } = fresh(1_000);
    const fs = new MemFS(clock, { lower: layer });
    fs.rm('/etc/nginx/conf.d/default.conf'); // whiteout
    fs.rm('/usr/bin', { recursive: true }); // a whole image directory gone ...
    fs.mkdir('/usr/bin'); // ... and a new one in its place: opaque
    fs.writeFile('/usr/bin/sh', 'ELF');
    fs.writeFile('/tmp-new', 'n');
    const snap = JSON.parse(JSON.stringify(fs.snapshot()));
    expect(snap).toEqual({
      d: {
        etc: { d: { nginx: { d: { 'conf.d': { d: { 'default.conf': { w: 1 } }, m: 0o755, t: 1_000 } }, m: 0o755, t: 42 } }, m: 0o755, t: 42 },
        'tmp-new': { f: 'n', m: 0o644, t: 1_000 },
        usr: { d: { bin: { d: { sh: { f: 'ELF', m: 0o644, t: 1_000 } }, m: 0o755, t: 1_000, o: 1 } }, m: 0o755, t: 1_000 },
      },
      m: 0o755,
      t: 1_000,
    });

    const again = new MemFS(new Clock(0), { lower: layer });
    again.restore(snap);
    expect(again.exists('/etc/nginx/conf.d/default.conf')).toBe(false);
    expect(again.readFile('/etc/nginx/nginx.conf')).toBe('worker_processes auto;\n'); // from the layer
    expect(again.readdir('/usr/bin')).toEqual(['sh']); // the image's ls stays hidden
    expect(again.snapshot()).toEqual(snap);
  });

  it('seal() freezes a tree into a layer and keeps going copy-on-write', () => {
    const { fs, clock } = fresh();
    fs.mkdir('/bin');
    fs.writeFile('/bin/sh', 'ELF');
    const layer = fs.seal();
    fs.writeFile('/bin/sh', 'changed');
    expect(new MemFS(clock, { lower: layer }).readFile('/bin/sh')).toBe('ELF');
    expect(FsLayer.fromState({ d: { a: { f: 'x', m: 0o600, t: 1 } }, m: 0o755, t: 0 }).root.children.get('a')).toMatchObject({ data: 'x', shared: true });
  });

  it('restores a snapshot taken without a layer as a full tree (old format)', () => {
    const { fs } = fresh();
    fs.writeFile('/a', 'a');
    const layered = new MemFS(new Clock(0), { lower: image() });
    layered.restore(fs.snapshot()); // no `o`: merged with the image
    expect(layered.readFile('/a')).toBe('a');
    expect(layered.exists('/etc/os-release')).toBe(true);
  });
});

describe('MemFS caches', () => {
  it('keeps the size current across appends and rewrites, in UTF-8 bytes', () => {
    const { fs } = fresh();
    fs.writeFile('/f', 'é');
    expect(fs.stat('/f').size).toBe(2);
    fs.appendFile('/f', '€x');
    expect(fs.stat('/f').size).toBe(6);
    fs.writeFile('/f', 'abc');
    expect(fs.stat('/f').size).toBe(3);
    fs.appendFile('/f', '😀');
    expect(fs.stat('/f').size).toBe(7);
  });

  it('appending nothing to an existing file changes nothing (no mtime, no event)', () => {
    const { fs, clock } = fresh(0);
    fs.writeFile('/f', 'x');
    const seen: string[] = [];
    fs.onChange((p, op) => seen.push(`${op} ${p}`));
    clock.advance(5);
    fs.appendFile('/f', '');
    fs.appendFile('/new', '');
    expect(fs.stat('/f').mtimeMs).toBe(0);
    expect(seen).toEqual(['create /new']);
  });

  it('forgets remembered paths when entries are removed or renamed', () => {
    const { fs } = fresh();
    fs.mkdir('/d/sub', { recursive: true });
    fs.writeFile('/d/sub/f', 'old');
    expect(fs.readFile('/d/sub/f')).toBe('old');
    fs.rename('/d', '/e');
    expect(fs.exists('/d/sub/f')).toBe(false);
    expect(fs.readFile('/e/sub/f')).toBe('old');
    fs.rm('/e/sub/f');
    expect(fs.exists('/e/sub/f')).toBe(false);
    fs.writeFile('/e/sub/f', 'new');
    fs.appendFile('/e/sub/f', '!');
    expect(fs.readFile('/e/sub/f')).toBe('new!');
    fs.mkdir('/d');
    fs.writeFile('/d/f', 'x');
    fs.rename('/d/f', '/e/sub/f'); // replaces the file the cache knew
    expect(fs.readFile('/e/sub/f')).toBe('x');
    expect(fs.exists('/e/sub/f/')).toBe(false);
    expect(fs.exists('/e/sub/')).toBe(true);
  });

  it('watch() reports changes at or below a directory only', () => {
    const { fs } = fresh();
    fs.mkdir('/vol/a', { recursive: true });
    fs.mkdir('/other');
    const seen: string[] = [];
    const off = fs.watch('/vol', (p, op) => seen.push(`${op} ${p}`));
    fs.writeFile('/vol/a/f', '1');
    fs.writeFile('/other/f', '1');
    fs.appendFile('/vol/a/f', '2');
    fs.rm('/vol/a', { recursive: true });
    off();
    fs.writeFile('/vol/g', '');
    expect(seen).toEqual(['create /vol/a/f', 'write /vol/a/f', 'remove /vol/a/f', 'remove /vol/a']);
  });
});
