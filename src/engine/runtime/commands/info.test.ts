import { describe, expect, it } from 'vitest';
import { makeCredentials } from '../process/credentials';
import { box } from './testing';

describe('hostname, uname', () => {
  it('the pod name; the node kernel; -a leaves out unknown fields', () => {
    const d = box('debian');
    expect(d.sh('hostname').out).toBe('web\n');
    expect(d.sh('hostname -i').out).toBe('10.244.0.5 \n');
    expect(d.sh('hostname -I').out).toBe('10.244.0.5 \n');
    expect(d.sh('hostname other')).toEqual({ out: '', err: 'hostname: you must be root to change the host name\n', code: 1 });
    expect(d.sh('uname').out).toBe('Linux\n');
    expect(d.sh('uname -r').out).toBe('5.15.0-1064-gcp\n');
    expect(d.sh('uname -a').out).toBe('Linux web 5.15.0-1064-gcp #72-Ubuntu SMP Tue Jul 2 18:16:53 UTC 2024 x86_64 GNU/Linux\n');
    expect(d.sh('uname -snm').out).toBe('Linux web x86_64\n');
    expect(d.sh('uname -p').out).toBe('unknown\n');
    expect(box('busybox').sh('hostname -i').out).toBe('10.244.0.5\n');
    expect(box('alpine').sh('uname -a').out).toBe('Linux web 5.15.0-1064-gcp #72-Ubuntu SMP Tue Jul 2 18:16:53 UTC 2024 x86_64 Linux\n');
  });

  it('/proc/sys/kernel/osrelease overrides the node default', () => {
    const d = box('debian');
    d.sb.fs.mkdir('/proc/sys/kernel', { recursive: true });
    d.sb.fs.writeFile('/proc/sys/kernel/osrelease', '6.1.0-18-amd64\n');
    expect(d.sh('uname -r').out).toBe('6.1.0-18-amd64\n');
  });
});

describe('id, whoami', () => {
  it('root, with the groups /etc/group lists it in', () => {
    expect(box('debian').sh('id').out).toBe('uid=0(root) gid=0(root) groups=0(root)\n');
    expect(box('busybox').sh('id').out).toBe('uid=0(root) gid=0(root) groups=0(root),10(wheel)\n');
    expect(box('alpine').sh('id').out).toBe('uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),10(wheel)\n');
    expect(box('debian').sh('id -u; id -un; id -G; whoami').out).toBe('0\nroot\n0\nroot\n');
    expect(box('debian').sh('id nobody')).toEqual({ out: '', err: "id: 'nobody': no such user\n", code: 1 });
  });

  it("the process's own credentials: coreutils puts the gid first, busybox shows getgroups as it is", () => {
    const cred = makeCredentials(1000, 3000, [4000, 3000, 2000]);
    const sh = (b: ReturnType<typeof box>, script: string) => b.exec(['sh', '-c', script], { cred });
    expect(sh(box('debian'), 'id; id -G')).toEqual({ out: 'uid=1000 gid=3000 groups=3000,2000,4000\n3000 2000 4000\n', err: '', code: 0 });
    expect(sh(box('busybox'), 'id; id -G; id -u; id -g')).toEqual({ out: 'uid=1000 gid=3000 groups=2000,3000,4000\n2000 3000 4000\n1000\n3000\n', err: '', code: 0 });
    // a uid without a passwd entry has no name: id -un and whoami fail in each tool's words
    expect(sh(box('debian'), 'id -un')).toEqual({ out: '1000\n', err: 'id: cannot find name for user ID 1000\n', code: 1 });
    expect(sh(box('busybox'), 'id -un')).toEqual({ out: '\n', err: 'id: unknown ID 1000\n', code: 1 });
    expect(sh(box('debian'), 'whoami')).toEqual({ out: '', err: 'whoami: cannot find name for user ID 1000\n', code: 1 });
    expect(sh(box('busybox'), 'whoami')).toEqual({ out: '', err: 'whoami: unknown uid 1000\n', code: 1 });
    // a user argument reads the files, whoever asks
    expect(sh(box('alpine'), 'id -Gn root')).toEqual({ out: 'root bin daemon wheel\n', err: '', code: 0 });
  });

  it('children inherit the credentials and ps names each process by its own uid', () => {
    const b = box('alpine');
    b.sb.fs.appendFile('/etc/passwd', 'app:x:1000:1000::/home/app:/bin/sh\n');
    const r = b.exec(['sh', '-c', 'sleep 5 & (id -un; ps -o user,args)'], { cred: makeCredentials(1000, 1000, [1000]) });
    expect(r.out.split('\n').slice(0, 2)).toEqual(['app', 'USER     COMMAND']);
    expect(r.out).toMatch(/\napp\s+sleep 5\n/);
  });
});

describe('env, printenv, which', () => {
  it('prints the environment or runs a command in a changed one', () => {
    const d = box('debian');
    expect(d.exec(['env'], { env: { PATH: '/usr/bin:/bin', A: '1' } }).out).toBe('PATH=/usr/bin:/bin\nA=1\n');
    expect(d.exec(['env', '-i', 'X=2', 'printenv'], { env: { PATH: '/usr/bin:/bin' } }).out).toBe('X=2\n');
    expect(d.exec(['env', 'B=3', 'sh', '-c', 'echo $B'], { env: { PATH: '/usr/bin:/bin' } }).out).toBe('3\n');
    expect(d.exec(['env', 'nope'], { env: { PATH: '/usr/bin:/bin' } })).toEqual({ out: '', err: "env: 'nope': No such file or directory\n", code: 127 });
    expect(box('busybox').exec(['env', 'nope'], { env: { PATH: '/bin' } }).err).toBe("env: can't execute 'nope': No such file or directory\n");
    expect(d.exec(['printenv', 'HOME', 'NOPE'], { env: { HOME: '/root' } })).toEqual({ out: '/root\n', err: '', code: 1 });
  });

  it('which finds executables on $PATH and is silent otherwise', () => {
    const d = box('debian');
    expect(d.sh('which ls')).toEqual({ out: '/usr/bin/ls\n', err: '', code: 0 });
    expect(d.sh('which ps')).toEqual({ out: '', err: '', code: 1 });
    expect(d.sh('which -a sh').out).toBe('/usr/bin/sh\n/bin/sh\n');
    expect(box('alpine').sh('which wget nslookup ip').out).toBe('/usr/bin/wget\n/usr/bin/nslookup\n/sbin/ip\n');
  });
});

describe('df', () => {
  it('the overlay root and the runtime mounts, in each layout', () => {
    const d = box('debian');
    expect(d.sh('df').out).toBe(
      'Filesystem     1K-blocks     Used Available Use% Mounted on\n' +
      'overlay         61202244 11230876  46911256  20% /\n' +
      'tmpfs              65536        0     65536   0% /dev\n' +
      'shm                65536        0     65536   0% /dev/shm\n' +
      '/dev/sda1       61202244 11230876  46911256  20% /etc/hosts\n',
    );
    expect(d.sh('df -h /').out).toBe('Filesystem      Size  Used Avail Use% Mounted on\noverlay          59G   11G   45G  20% /\n');
    // busybox rounds the percentage to the nearest (19.8), coreutils up
    expect(box('busybox').sh('df /').out).toBe(
      'Filesystem           1K-blocks      Used Available Use% Mounted on\n' +
      'overlay               61202244  11230876  46911256  19% /\n',
    );
  });

  it('a container lists its volume directories: memory-backed ones as tmpfs, the rest on the node disk', () => {
    const d = box('debian');
    for (const dir of ['/cache', '/data', '/sys/fs/cgroup', '/dev']) d.sb.fs.mkdir(dir, { recursive: true });
    d.sb.fs.writeFile('/cache/a', 'x'.repeat(5000));
    d.sb.fs.writeFile('/dev/termination-log', '');
    const fs = d.sb.fs as unknown as { mountTable: () => unknown[] };
    fs.mountTable = () => [
      { path: '/cache', medium: 'Memory' }, { path: '/data' }, { path: '/dev/termination-log' }, { path: '/etc/hosts' }, { path: '/sys/fs/cgroup' },
    ];
    const out = d.sh('df').out.split('\n');
    // the defaults, then /cache (two pages used) and /data; not the file mounts or the cgroup
    expect(out.slice(5)).toEqual(['tmpfs            4005888        8   4005880   1% /cache', '/dev/sda1       61202244 11230876  46911256  20% /data', '']);
    expect(d.sh('df /cache').out.split('\n')[1]).toMatch(/^tmpfs +4005888 +8 +4005880 +1% \/cache$/);
  });
});

describe('busybox date, sleep, echo, printf, test', () => {
  it('formats and errors in busybox words', () => {
    const b = box('busybox');
    expect(b.sh('date').out).toBe('Sat Nov 21 12:00:00 UTC 2026\n');
    expect(b.sh("date +'%Y-%m-%d %H:%M'").out).toBe('2026-11-21 12:00\n');
    expect(b.sh('date -d @0 -u').out).toBe('Thu Jan  1 00:00:00 UTC 1970\n');
    expect(b.sh('date -d garbage')).toEqual({ out: '', err: "date: invalid date 'garbage'\n", code: 1 });
    expect(b.exec(['sleep', 'x'])).toEqual({ out: '', err: "sleep: invalid number 'x'\n", code: 1 });
    expect(b.exec(['sleep', '2']).code).toBe(0);
    expect(b.sb.clock.now()).toBe(Date.UTC(2026, 10, 21, 12, 0, 2));
    expect(b.exec(['echo', '-e', 'a\\tb']).out).toBe('a\tb\n');
    expect(b.exec(['printf', '%s-%d\\n', 'x', '5']).out).toBe('x-5\n');
    expect(b.exec(['[', '1', '-eq', '1']).code).toBe(2);
    expect(b.exec(['[', '1', '-eq', '1', ']']).code).toBe(0);
  });
});
