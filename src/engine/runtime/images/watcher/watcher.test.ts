import { describe, expect, it } from 'vitest';
import { box } from '../../commands/testing';
import { WATCHER_IMAGES, WATCHER_SCRIPT } from './watcher';

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function watcher(extraEnv: Record<string, string> = {}) {
  const b = box('ubuntu');
  b.sb.fs.mkdir('/usr/local/bin', { recursive: true });
  b.sb.fs.writeFile('/usr/local/bin/watcher.sh', WATCHER_SCRIPT, { mode: 0o755 });
  const run = b.sb.run(['/usr/local/bin/watcher.sh'], { env: { PATH, HOME: '/root', HOSTNAME: 'webserver', ...extraEnv } });
  return { b, run };
}

describe('afakharany/watcher stand-in', () => {
  it('is an Ubuntu image whose CMD is the watcher script', () => {
    const img = WATCHER_IMAGES['docker.io/afakharany/watcher']!;
    expect([img.family, img.os, img.entrypoint, img.cmd]).toEqual(['ubuntu', 'ubuntu', [], ['/usr/local/bin/watcher.sh']]);
  });

  it('waits quietly for the access log, then follows what is appended', () => {
    const { b, run } = watcher();
    b.sb.advance(30_000);
    expect(run.all).toBe('');
    expect(run.exit).toBeUndefined();
    b.sb.fs.mkdir('/var/log/nginx', { recursive: true });
    b.sb.fs.writeFile('/var/log/nginx/access.log', 'first\n');
    b.sb.advance(5_000);
    b.sb.fs.appendFile('/var/log/nginx/access.log', 'second\n');
    b.sb.advance(2_000);
    expect(run.out).toBe('first\nsecond\n');
    // tail is PID 1 now (exec), as the script asks
    expect(b.sb.kernel.processes('sandbox').find((p) => p.pid === run.pid)?.argv).toEqual(['tail', '-f', '/var/log/nginx/access.log']);
  });

  it('WATCH_LOG picks another file', () => {
    const { b, run } = watcher({ WATCH_LOG: '/tmp/app.log' });
    b.sb.fs.writeFile('/tmp/app.log', 'app\n');
    b.sb.advance(6_000);
    expect(run.out).toBe('app\n');
  });
});
