import { describe, expect, it } from 'vitest';
import { Clock } from '../../clock';
import { SeededRandom } from '../../../shared/random';
import { makeCredentials } from '../process/credentials';
import { Kernel } from '../process/kernel';
import { programFile, type SimpleCommand } from '../process/program';
import { basicRegistry } from '../shell/commands';
import { ContainerFs } from './container-fs';
import { FsError, type FsErrorCode } from './fs-error';
import { buildLayer } from './layers';
import type { MemFS } from './memfs';
import { ProcFs } from './procfs';

const NGINX_USER = makeCredentials(101, 101, [101]);

/** `open PATH`: reads a file as the calling process; prints it, or the errno and path of the failure. */
const open: SimpleCommand = {
  kind: 'simple',
  run(io) {
    try {
      io.stdout(io.fs.readFile(io.argv[1]!));
      return 0;
    } catch (e) {
      if (!(e instanceof FsError)) throw e;
      io.stdout(`${e.code} ${e.path}\n`);
      return 1;
    }
  },
};

function image(extra: (fs: MemFS) => void = () => {}) {
  return buildLayer((fs) => {
    for (const d of ['/bin', '/proc', '/etc', '/srv/www', '/tmp']) fs.mkdir(d, { recursive: true });
    fs.writeFile('/bin/sh', programFile('dash'), { mode: 0o755 });
    for (const c of ['cat', 'sleep', 'echo']) fs.writeFile(`/bin/${c}`, programFile(`coreutils/${c}`), { mode: 0o755 });
    fs.writeFile('/bin/open', programFile('test/open'), { mode: 0o755 });
    extra(fs);
  });
}

/**
 * A node with a pod of two containers sharing the PID namespace `pod` (web: a server as PID 1 and
 * a worker as uid 101; shell) and one container alone in `apart`.
 */
function world() {
  const clock = new Clock(5_000);
  const kernel = new Kernel(clock, new SeededRandom(1), basicRegistry().register('test/open', open), 'node');
  const container = (id: string, ns: string, layer = image()) => {
    const fs = new ContainerFs(clock, { image: layer, filesystems: {} });
    fs.attachProc(new ProcFs(kernel, ns));
    kernel.attachFs(id, fs);
    return fs;
  };
  kernel.createNamespace('pod');
  kernel.createNamespace('apart');
  const web = container('web', 'pod', image((fs) => fs.writeFile('/etc/web.conf', 'listen 80;\n')));
  const shell = container('shell', 'pod');
  const apart = container('apart', 'apart');
  const spawn = (ns: string, fs: string, argv: string[], more: { env?: Record<string, string>; cwd?: string; cred?: typeof NGINX_USER } = {}) =>
    kernel.spawn({ ns, fs, path: `/bin/${argv[0]}`, argv, env: more.env ?? { PATH: '/bin' }, cwd: more.cwd ?? '/', cred: more.cred }) as number;
  const server = spawn('pod', 'web', ['sleep', '3600'], { env: { ROLE: 'web', PATH: '/bin' }, cwd: '/srv/www' });
  clock.advance(1_000);
  const worker = spawn('pod', 'web', ['sleep', '3600'], { cred: NGINX_USER });
  const alone = spawn('apart', 'apart', ['sleep', '3600'], { env: { ROLE: 'apart' } });
  /** `sh -c script` in a container, to its end: what it printed. */
  const sh = (ns: string, fs: string, script: string, cred?: typeof NGINX_USER) => {
    const out = { out: '', err: '' };
    kernel.attachSink('t', { write: (d, s) => void (s === 'stdout' ? (out.out += d) : (out.err += d)) });
    kernel.spawn({ ns, fs, path: '/bin/sh', argv: ['sh', '-c', script], env: { PATH: '/bin' }, cwd: '/', cred, stdio: ['null', { sink: 't', stream: 'stdout' }, { sink: 't', stream: 'stderr' }] });
    clock.advance(100);
    return out;
  };
  return { clock, kernel, web, shell, apart, server, worker, alone, sh };
}

function errorOf(f: () => unknown): { code: FsErrorCode; path: string } {
  try {
    f();
  } catch (e) {
    if (e instanceof FsError) return { code: e.code, path: e.path };
    throw e;
  }
  throw new Error('no error');
}

describe('procfs: /proc of a PID namespace', () => {
  it('ls /proc: the namespace\'s PIDs beside the directory\'s own entries, the same from every container in it', () => {
    const w = world();
    w.shell.mkdir('/proc/sys/kernel', { recursive: true });
    w.shell.writeFile('/proc/sys/kernel/osrelease', '6.1.0\n');
    expect(w.shell.readdir('/proc')).toEqual([String(w.server), String(w.worker), 'sys'].sort());
    expect(w.web.readdir('/proc')).toEqual([String(w.server), String(w.worker)].sort());
    expect(w.shell.readFile('/proc/sys/kernel/osrelease')).toBe('6.1.0\n');
    // cwd and root are reached by name, not listed (they are links on Linux, which walks skip)
    expect(w.shell.readdir(`/proc/${w.server}`)).toEqual(['cmdline', 'comm', 'environ', 'status']);
    expect(w.shell.stat(`/proc/${w.server}/root`)).toMatchObject({ type: 'dir' });
    expect(w.shell.stat(`/proc/${w.server}`)).toMatchObject({ type: 'dir', mode: 0o555 });
    expect(w.shell.stat(`/proc/${w.server}/environ`)).toMatchObject({ type: 'file', mode: 0o400, size: 0 });
  });

  it('a walk of the whole tree ends (tar c /, find /, cp -r): it never goes round through /proc/<pid>/root', () => {
    const w = world();
    let seen = 0;
    const walk = (dir: string): void => {
      for (const name of w.shell.readdir(dir)) {
        const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
        if (++seen > 100_000) throw new Error(`the walk does not end (at ${path})`);
        if (w.shell.stat(path).type === 'dir') walk(path);
      }
    };
    walk('/');
    expect(seen).toBeGreaterThan(0);
  });

  it('another PID namespace is not visible: its own PID 1 is another process', () => {
    const w = world();
    expect(w.apart.readdir('/proc')).toEqual([String(w.alone)]);
    expect(w.apart.exists(`/proc/${w.worker}`)).toBe(false);
    expect(w.apart.readFile(`/proc/${w.alone}/environ`)).toBe('ROLE=apart\0');
    expect(w.shell.readFile(`/proc/${w.server}/environ`)).toBe('ROLE=web\0PATH=/bin\0');
  });

  it('cmdline, comm and status as Linux formats them', () => {
    const w = world();
    expect(w.shell.readFile(`/proc/${w.server}/cmdline`)).toBe('sleep\x003600\x00');
    expect(w.shell.readFile(`/proc/${w.server}/comm`)).toBe('sleep\n');
    expect(w.shell.readFile(`/proc/${w.worker}/status`)).toBe([
      'Name:\tsleep', 'Umask:\t0022', 'State:\tS (sleeping)', `Tgid:\t${w.worker}`, 'Ngid:\t0', `Pid:\t${w.worker}`, 'PPid:\t0',
      'TracerPid:\t0', 'Uid:\t101\t101\t101\t101', 'Gid:\t101\t101\t101\t101', 'FDSize:\t64', 'Groups:\t101 ',
      `NStgid:\t${w.worker}`, `NSpid:\t${w.worker}`, `NSpgid:\t${w.worker}`, `NSsid:\t${w.worker}`, '',
    ].join('\n'));
  });

  it('a missing PID is ENOENT, named by the /proc path', () => {
    const w = world();
    expect(errorOf(() => w.shell.readFile('/proc/999/status'))).toEqual({ code: 'ENOENT', path: '/proc/999/status' });
    expect(errorOf(() => w.shell.readFile(`/proc/${w.server}/maps`))).toEqual({ code: 'ENOENT', path: `/proc/${w.server}/maps` });
    expect(w.shell.exists('/proc/999')).toBe(false);
    // from outside the container (the runtime reading its files) there is no self
    expect(w.shell.exists('/proc/self')).toBe(false);
  });

  it('root and cwd lead into the process\'s own filesystem, for reading and writing', () => {
    const w = world();
    const root = `/proc/${w.server}/root`;
    expect(w.shell.readFile(`${root}/etc/web.conf`)).toBe('listen 80;\n');
    expect(w.shell.exists('/etc/web.conf')).toBe(false);
    w.web.writeFile('/srv/www/index.html', 'hi\n');
    expect(w.shell.readdir(`/proc/${w.server}/cwd`)).toEqual(['index.html']);
    w.shell.writeFile(`${root}/tmp/note`, 'from the shell\n');
    expect(w.web.readFile('/tmp/note')).toBe('from the shell\n');
    expect(errorOf(() => w.shell.readFile(`${root}/etc/missing`))).toEqual({ code: 'ENOENT', path: `${root}/etc/missing` });
    expect(errorOf(() => w.shell.readFile(`/proc/${w.server}/cwd/gone`))).toEqual({ code: 'ENOENT', path: `/proc/${w.server}/cwd/gone` });
  });

  it('procfs\'s own files refuse writes: EACCES to open, EPERM to remove or chmod', () => {
    const w = world();
    const status = `/proc/${w.server}/status`;
    expect(errorOf(() => w.shell.writeFile(status, 'x'))).toEqual({ code: 'EACCES', path: status });
    expect(errorOf(() => w.shell.rm(status))).toEqual({ code: 'EPERM', path: status });
    expect(errorOf(() => w.shell.chmod(status, 0o777))).toEqual({ code: 'EPERM', path: status });
    expect(errorOf(() => w.shell.mkdir(`/proc/${w.server}/x`))).toEqual({ code: 'ENOENT', path: `/proc/${w.server}/x` });
    expect(errorOf(() => w.shell.rename(`/proc/${w.server}/root/etc/web.conf`, '/tmp/web.conf')).code).toBe('EXDEV');
  });

  it('/proc/self is the reading process: a command the shell runs is its child', () => {
    const w = world();
    const r = w.sh('pod', 'shell', 'echo $$; cat /proc/self/status; cat /proc/self/cmdline; :');
    const shellPid = r.out.split('\n')[0];
    expect(r.err).toBe('');
    expect(r.out).toContain('Name:\tcat\n');
    expect(r.out).toContain(`PPid:\t${shellPid}\n`);
    expect(r.out).toContain('State:\tR (running)\n');
    expect(r.out).not.toContain(`\nPid:\t${shellPid}\n`);
    expect(r.out.endsWith('cat\0/proc/self/cmdline\0')).toBe(true);
  });

  it('root, cwd and environ of a process of another user: Permission denied (no CAP_SYS_PTRACE)', () => {
    const w = world();
    const { server, worker } = w;
    // as uid 101: its own kind is open to it, root's is not (but cmdline is world-readable)
    const asWorker = w.sh('pod', 'shell', `open /proc/${worker}/environ; open /proc/${server}/cmdline; open /proc/${server}/environ; open /proc/${server}/root/etc/web.conf`, NGINX_USER);
    expect(asWorker.out).toBe(`PATH=/bin\0sleep\x003600\x00EACCES /proc/${server}/environ\nEACCES /proc/${server}/root/etc/web.conf\n`);
    // as root: root's processes, not uid 101's
    const asRoot = w.sh('pod', 'shell', `open /proc/${server}/root/etc/web.conf; open /proc/${worker}/cwd/etc/web.conf`);
    expect(asRoot.out).toBe(`listen 80;\nEACCES /proc/${worker}/cwd/etc/web.conf\n`);
  });
});
