import { describe, expect, it } from 'vitest';
import { Sandbox } from '../process/sandbox';
import { imageBox } from './testing';

const START = [
  '1:C 21 Nov 2026 12:00:00.000 * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo',
  '1:C 21 Nov 2026 12:00:00.000 * Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started',
  '1:C 21 Nov 2026 12:00:00.000 # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf',
  '1:M 21 Nov 2026 12:00:00.000 * monotonic clock: POSIX clock_gettime',
  '1:M 21 Nov 2026 12:00:00.000 * Running mode=standalone, port=6379.',
  '1:M 21 Nov 2026 12:00:00.000 * Server initialized',
  '1:M 21 Nov 2026 12:00:00.000 * Ready to accept connections tcp',
];

describe('redis image', () => {
  for (const image of ['redis', 'redis:alpine']) {
    it(`${image}: the entrypoint execs redis-server as PID 1, which logs its start-up and listens on 6379`, () => {
      const b = imageBox(image);
      const main = b.start();
      expect(main.out.trimEnd().split('\n')).toEqual(START);
      expect(b.sb.kernel.processes(b.sb.ns).map((p) => [p.pid, p.argv.join(' ')])).toEqual([[1, 'redis-server']]);
      // a tcpSocket probe connects and is closed; nothing else listens
      expect(b.connect(6379, '/', { tcpOnly: true })).toEqual({ kind: 'closed' });
      expect(b.connect(80)).toBeUndefined();
    });
  }

  it('the entrypoint starts as root in /data and drops to redis (999) through gosu; exec stays root', () => {
    const b = imageBox('redis');
    b.start();
    const [main] = b.sb.kernel.processes(b.sb.ns);
    expect([main!.uid, main!.gid, main!.cwd]).toEqual([999, 999, '/data']);
    expect(b.sb.kernel.record(b.sb.ns, 1)!.env.HOME).toBe('/home/redis');
    expect(b.exec(['sh', '-c', 'id; pwd']).out).toBe('uid=0(root) gid=0(root) groups=0(root)\n/data\n');
  });

  it('gosu: an unknown user, and a user that is not root, fail as gosu words it', () => {
    const b = imageBox('redis');
    expect(b.exec(['gosu', 'nosuch', 'id'])).toEqual({ out: '', err: 'error: failed switching to "nosuch": unable to find user nosuch: no matching entries in passwd file\n', code: 1 });
    expect(b.exec(['gosu', 'redis', 'gosu', 'root', 'id'])).toEqual({ out: '', err: 'error: failed switching to "root": operation not permitted\n', code: 1 });
    expect(b.exec(['gosu', '1000:3000', 'id']).out).toBe('uid=1000 gid=3000 groups=3000\n');
  });

  it('an option as the first argument goes to redis-server: --port moves it', () => {
    const b = imageBox('redis');
    const main = b.start([...b.config.entrypoint, '--port', '7000']);
    expect(main.out).toContain('* Running mode=standalone, port=7000.\n');
    expect(b.connect(7000, '/', { tcpOnly: true })).toEqual({ kind: 'closed' });
    expect(b.connect(6379, '/', { tcpOnly: true })).toBeUndefined();
  });

  it('an HTTP request is refused as a cross-protocol attack', () => {
    const b = imageBox('redis');
    const main = b.start();
    expect(b.connect(6379, '/')).toEqual({ kind: 'closed' });
    expect(main.out).toContain('1:M 21 Nov 2026 12:00:00.000 # Possible SECURITY ATTACK detected.');
  });

  it('SIGTERM schedules the shutdown: saves dump.rdb, says bye and exits 0', () => {
    const b = imageBox('redis');
    const main = b.start();
    b.sb.advance(5000);
    b.sb.kernel.kill(b.sb.ns, 1, 'TERM');
    expect(main.exit).toBeUndefined();
    b.sb.advance(100);
    expect(main.exit).toEqual({ code: 0 });
    expect(main.out.trimEnd().split('\n').slice(START.length)).toEqual([
      `1:signal-handler (${Date.UTC(2026, 10, 21, 12, 0, 5) / 1000}) Received SIGTERM scheduling shutdown...`,
      '1:M 21 Nov 2026 12:00:05.100 * User requested shutdown...',
      '1:M 21 Nov 2026 12:00:05.100 * Saving the final RDB snapshot before exiting.',
      '1:M 21 Nov 2026 12:00:05.100 * DB saved on disk',
      '1:M 21 Nov 2026 12:00:05.100 # Redis is now ready to exit, bye bye...',
    ]);
    expect(b.sb.fs.readFile('/data/dump.rdb').startsWith('REDIS0012')).toBe(true);
  });

  it('--save "" skips the final snapshot', () => {
    const b = imageBox('redis');
    const main = b.start([...b.config.entrypoint, '--save', '', '--appendonly', 'no']);
    b.sb.kernel.kill(b.sb.ns, 1, 'INT');
    b.sb.advance(100);
    expect(main.exit).toEqual({ code: 0 });
    expect(main.out).toContain('Received SIGINT scheduling shutdown...\n');
    expect(main.out).not.toContain('Saving the final RDB snapshot');
    expect(b.sb.fs.exists('/data/dump.rdb')).toBe(false);
  });

  it('a taken port: the warning, "aborting" and exit 1; a missing config file is fatal', () => {
    const b = imageBox('redis');
    b.start();
    const second = b.exec(['redis-server']);
    expect(second.code).toBe(1);
    expect(second.out).toMatch(/# Warning: Could not create server TCP listening socket \*:6379: bind: Address already in use\n\d+:M .* # Failed listening on port 6379 \(tcp\), aborting\.\n$/);
    const noConf = b.exec(['redis-server', '/etc/redis.conf']);
    expect(noConf).toEqual({ out: '', err: "\n*** FATAL CONFIG FILE ERROR (Redis 7.4.1) ***\nFatal error, can't open config file '/etc/redis.conf': No such file or directory\n", code: 1 });
  });

  it('snapshot → restore in the middle of a shutdown continues byte for byte', () => {
    const b = imageBox('redis');
    b.start();
    b.sb.kernel.kill(b.sb.ns, 1, 'TERM');
    const copy = Sandbox.restore(b.sb.snapshot(), { registry: b.sb.registry });
    const run = (sb: Sandbox) => {
      sb.advance(200);
      return JSON.stringify(sb.snapshot());
    };
    expect(run(copy)).toBe(run(b.sb));
    expect(copy.fs.exists('/data/dump.rdb')).toBe(true);
  });
});
