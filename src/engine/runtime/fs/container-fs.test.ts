import { describe, expect, it } from 'vitest';
import { Clock } from '../../clock';
import { ContainerFs, type MountSpec } from './container-fs';
import { FsError, MemFS, strerror } from './memfs';
import { ImageLayers } from './layers';

const NGINX_IMAGE = (fs: MemFS): void => {
  fs.mkdir('/etc', { recursive: true });
  fs.writeFile('/etc/hosts', '127.0.0.1\tlocalhost\n');
  fs.writeFile('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
  fs.mkdir('/usr/share/nginx/html', { recursive: true });
  fs.writeFile('/usr/share/nginx/html/index.html', '<h1>Welcome to nginx!</h1>\n');
  fs.writeFile('/usr/share/nginx/html/50x.html', 'error\n');
  fs.mkdir('/tmp', { mode: 0o1777 });
};

const EMPTY_DIR = '/var/lib/kubelet/pods/u1/volumes/kubernetes.io~empty-dir/html';
const CONFIG_DIR = '/var/lib/kubelet/pods/u1/volumes/kubernetes.io~configmap/cfg';

function world(mounts: MountSpec[] = [], opts: { readOnlyRootFilesystem?: boolean } = {}) {
  const clock = new Clock(1_000);
  const node = new MemFS(clock);
  node.mkdir(EMPTY_DIR, { recursive: true });
  node.mkdir(CONFIG_DIR, { recursive: true });
  node.writeFile(`${CONFIG_DIR}/app.conf`, 'color=blue\n');
  node.mkdir('/data', { recursive: true });
  node.writeFile('/var/lib/kubelet/pods/u1/etc-hosts', '# Kubernetes-managed hosts file.\n');
  const layers = new ImageLayers();
  const image = layers.get('nginx@sha256:1', NGINX_IMAGE);
  const make = (ms = mounts): ContainerFs => new ContainerFs(clock, { image, mounts: ms, filesystems: { node }, ...opts });
  return { clock, node, image, layers, make, fs: make() };
}

function errorOf(fn: () => unknown): FsError {
  try {
    fn();
  } catch (e) {
    if (e instanceof FsError) return e;
    throw e;
  }
  throw new Error('expected an FsError');
}

describe('ContainerFs layers', () => {
  it('shares one image layer per node and gives each container its own writable layer', () => {
    const { layers, make, image } = world();
    expect(layers.get('nginx@sha256:1', () => { throw new Error('built twice'); })).toBe(image);
    const a = make();
    const b = make();
    a.writeFile('/usr/share/nginx/html/index.html', 'mine\n');
    a.rm('/usr/share/nginx/html/50x.html');
    a.mkdir('/root/.cache', { recursive: true });
    expect(a.readFile('/usr/share/nginx/html/index.html')).toBe('mine\n');
    expect(a.readdir('/usr/share/nginx/html')).toEqual(['index.html']);
    expect(b.readFile('/usr/share/nginx/html/index.html')).toBe('<h1>Welcome to nginx!</h1>\n');
    expect(b.readdir('/usr/share/nginx/html')).toEqual(['50x.html', 'index.html']);
    expect(b.exists('/root')).toBe(false);
  });

  it('loses the writable layer when the container is recreated (a restart); volumes keep their data', () => {
    const m: MountSpec[] = [{ path: '/html', source: EMPTY_DIR }];
    const { make } = world(m);
    const first = make();
    first.writeFile('/etc/motd', 'hello');
    first.appendFile('/html/index.html', 'Mon Jan  1 00:00:00 UTC 2024\n');
    const restarted = make();
    expect(restarted.exists('/etc/motd')).toBe(false);
    expect(restarted.readFile('/html/index.html')).toBe('Mon Jan  1 00:00:00 UTC 2024\n');
  });
});

describe('ContainerFs mounts', () => {
  const MOUNTS: MountSpec[] = [
    { path: '/usr/share/nginx/html', source: EMPTY_DIR },
    { path: '/etc/config', source: CONFIG_DIR, readOnly: true },
    { path: '/etc/hosts', source: '/var/lib/kubelet/pods/u1/etc-hosts' },
    { path: '/host', source: '/data' },
    { path: '/etc/config-sub', source: `${CONFIG_DIR}/app.conf`, readOnly: true },
  ];

  it('resolves paths by the longest mount point and writes through to the node', () => {
    const { fs, node } = world(MOUNTS);
    fs.appendFile('/usr/share/nginx/html/index.html', 'line 1\n');
    expect(node.readFile(`${EMPTY_DIR}/index.html`)).toBe('line 1\n');
    expect(fs.readdir('/usr/share/nginx/html')).toEqual(['index.html']); // the image's files are hidden
    expect(fs.readFile('/etc/hosts')).toBe('# Kubernetes-managed hosts file.\n');
    expect(fs.readFile('/etc/config/app.conf')).toBe('color=blue\n');
    expect(fs.readFile('/etc/config-sub')).toBe('color=blue\n');
    expect(fs.stat('/etc/config-sub').type).toBe('file');
    fs.mkdir('/host/sub');
    expect(node.stat('/data/sub').type).toBe('dir');
    expect(fs.mountAt('/etc/config/app.conf')).toMatchObject({ path: '/etc/config', readOnly: true });
    expect(fs.mountAt('/etc/os-release')).toBeUndefined();
  });

  it('shows mount points in their parent directory', () => {
    const { fs } = world(MOUNTS);
    expect(fs.readdir('/etc')).toEqual(['config', 'config-sub', 'hosts', 'os-release']);
    expect(fs.readdir('/')).toEqual(['etc', 'host', 'tmp', 'usr']);
  });

  it('refuses writes under a read-only mount with EROFS, after the lookups that fail first', () => {
    const { fs } = world(MOUNTS);
    const cases: [() => unknown, string, string][] = [
      [() => fs.writeFile('/etc/config/app.conf', 'x'), 'EROFS', 'open /etc/config/app.conf: read-only file system'],
      [() => fs.appendFile('/etc/config/new', 'x'), 'EROFS', 'open /etc/config/new: read-only file system'],
      [() => fs.writeFile('/etc/config/no/such', 'x'), 'ENOENT', 'open /etc/config/no/such: no such file or directory'],
      [() => fs.mkdir('/etc/config/d'), 'EROFS', 'mkdir /etc/config/d: read-only file system'],
      [() => fs.mkdir('/etc/config'), 'EEXIST', 'mkdir /etc/config: file exists'],
      [() => fs.rm('/etc/config/app.conf'), 'EROFS', 'remove /etc/config/app.conf: read-only file system'],
      [() => fs.rm('/etc/config/missing'), 'ENOENT', 'remove /etc/config/missing: no such file or directory'],
      [() => fs.chmod('/etc/config/app.conf', 0o600), 'EROFS', 'chmod /etc/config/app.conf: read-only file system'],
      [() => fs.rename('/etc/config/app.conf', '/etc/config/b'), 'EROFS', 'rename /etc/config/app.conf /etc/config/b: read-only file system'],
      [() => fs.writeFile('/etc/config-sub', 'x'), 'EROFS', 'open /etc/config-sub: read-only file system'],
    ];
    for (const [fn, code, message] of cases) {
      const e = errorOf(fn);
      expect({ code: e.code, message: e.message }).toEqual({ code, message });
    }
    fs.mkdir('/etc/config', { recursive: true }); // mkdir -p of what exists is fine
    fs.rm('/etc/config/missing', { force: true });
    expect(strerror(errorOf(() => fs.writeFile('/etc/config/x', '')).code)).toBe('Read-only file system');
  });

  it('fails renames across mounts with EXDEV and keeps mount points in place (EBUSY)', () => {
    const { fs } = world(MOUNTS);
    fs.writeFile('/tmp/a', 'a');
    fs.writeFile('/usr/share/nginx/html/b', 'b');
    const cases: [() => unknown, string, string][] = [
      [() => fs.rename('/tmp/a', '/usr/share/nginx/html/a'), 'EXDEV', 'rename /tmp/a /usr/share/nginx/html/a: invalid cross-device link'],
      [() => fs.rename('/usr/share/nginx/html/b', '/host/b'), 'EXDEV', 'rename /usr/share/nginx/html/b /host/b: invalid cross-device link'],
      [() => fs.rename('/host', '/host2'), 'EBUSY', 'rename /host /host2: device or resource busy'],
      [() => fs.rename('/usr/share', '/usr/x'), 'EBUSY', 'rename /usr/share /usr/x: device or resource busy'],
      [() => fs.rm('/etc/hosts'), 'EBUSY', 'remove /etc/hosts: device or resource busy'],
      [() => fs.rm('/host'), 'EBUSY', 'remove /host: device or resource busy'],
    ];
    for (const [fn, code, message] of cases) {
      const e = errorOf(fn);
      expect({ code: e.code, message: e.message }).toEqual({ code, message });
    }
    fs.rename('/usr/share/nginx/html/b', '/usr/share/nginx/html/c'); // within one mount: fine
    expect(fs.readdir('/usr/share/nginx/html')).toEqual(['c']);
  });

  it('rm -r above mount points empties the volumes and then reports the busy mount point', () => {
    const { fs, node } = world(MOUNTS);
    fs.writeFile('/usr/share/nginx/html/index.html', 'x');
    fs.writeFile('/usr/share/nginx/keep-me-not', 'y');
    const e = errorOf(() => fs.rm('/usr/share', { recursive: true, force: true }));
    expect(e.message).toBe('remove /usr/share/nginx/html: device or resource busy');
    expect(node.readdir(EMPTY_DIR)).toEqual([]);
    expect(fs.readdir('/usr/share/nginx')).toEqual(['html']);
  });

  it('translates errors from a mounted filesystem to container paths', () => {
    const { fs } = world(MOUNTS);
    expect(errorOf(() => fs.readFile('/usr/share/nginx/html/nope')).message).toBe('open /usr/share/nginx/html/nope: no such file or directory');
    expect(errorOf(() => fs.readFile('/etc/config-sub/x')).message).toBe('open /etc/config-sub/x: not a directory');
    expect(errorOf(() => fs.readdir('/etc/hosts/')).message).toBe('open /etc/hosts: not a directory');
  });

  it('refuses writes to its own layer with readOnlyRootFilesystem, but not to volumes', () => {
    const { make } = world();
    const fs = make([{ path: '/cache', source: EMPTY_DIR }]);
    const ro = new ContainerFs(new Clock(0), { image: undefined, mounts: [], filesystems: {}, readOnlyRootFilesystem: true });
    expect(errorOf(() => ro.mkdir('/x')).message).toBe('mkdir /x: read-only file system');
    const strict = world([{ path: '/cache', source: EMPTY_DIR }], { readOnlyRootFilesystem: true }).fs;
    expect(errorOf(() => strict.writeFile('/tmp/x', '')).code).toBe('EROFS');
    expect(errorOf(() => strict.writeFile('/tmp', '')).code).toBe('EISDIR');
    strict.writeFile('/cache/x', 'ok');
    expect(strict.readFile('/cache/x')).toBe('ok');
    expect(fs.exists('/cache')).toBe(true);
  });
});

describe('ContainerFs change notification', () => {
  it('reports its own writes and a sibling container writing a shared volume, in container paths', () => {
    const { make } = world();
    const writer = make([{ path: '/html', source: EMPTY_DIR }]);
    const server = make([{ path: '/usr/share/nginx/html', source: EMPTY_DIR }]);
    const seen: string[] = [];
    const off = server.onChange((p, op) => seen.push(`${op} ${p}`));
    writer.appendFile('/html/index.html', 'a\n');
    writer.appendFile('/html/index.html', 'b\n');
    server.writeFile('/tmp/x', '1');
    off();
    writer.appendFile('/html/index.html', 'c\n');
    expect(seen).toEqual(['create /usr/share/nginx/html/index.html', 'write /usr/share/nginx/html/index.html', 'create /tmp/x']);
    server.dispose();
  });
});

describe('ContainerFs snapshot/restore', () => {
  it('round-trips the writable layer and the mount table as JSON; the image comes from the layer', () => {
    const { make, image, node, clock } = world();
    const fs = make([{ path: '/html', source: EMPTY_DIR }, { path: '/etc/config', source: CONFIG_DIR, readOnly: true }]);
    fs.rm('/etc/os-release');
    fs.writeFile('/root-file', 'r');
    fs.appendFile('/html/log', 'l\n');
    const snap = JSON.parse(JSON.stringify(fs.snapshot()));
    expect(snap.mounts).toEqual([
      { path: '/etc/config', source: CONFIG_DIR, readOnly: true },
      { path: '/html', source: EMPTY_DIR },
    ]);
    expect(snap.upper.d.etc.d['os-release']).toEqual({ w: 1 });

    const restored = new ContainerFs(clock, { image, filesystems: (id) => (id === 'node' ? node : undefined) });
    restored.restore(snap);
    expect(restored.exists('/etc/os-release')).toBe(false);
    expect(restored.readFile('/root-file')).toBe('r');
    expect(restored.readFile('/html/log')).toBe('l\n');
    expect(restored.readFile('/usr/share/nginx/html/50x.html')).toBe('error\n');
    expect(errorOf(() => restored.writeFile('/etc/config/x', '')).code).toBe('EROFS');
    expect(restored.snapshot()).toEqual(snap);
  });

  it('builds the same bytes for the same calls (deterministic)', () => {
    const run = (): string => {
      const { make } = world([{ path: '/html', source: EMPTY_DIR }]);
      const fs = make();
      for (const n of ['c', 'a', 'b']) fs.writeFile(`/tmp/${n}`, n);
      fs.rm('/usr/share/nginx/html/50x.html');
      return JSON.stringify(fs.snapshot());
    };
    expect(run()).toBe(run());
  });
});
