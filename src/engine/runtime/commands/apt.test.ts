import { describe, expect, it } from 'vitest';
import { box } from './testing';
import { imageCommands } from './images';
import { sizeToStr } from './apt';

const STATE = 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n';

describe('apt-get', () => {
  it('SizeToStr as apt prints sizes', () => {
    expect([sizeToStr(14_200), sizeToStr(134_000), sizeToStr(9_376_000), sizeToStr(29_700_000)]).toEqual(['14.2 k', '134 k', '9376 k', '29.7 M']);
  });

  it('install before update: the lists are empty in a fresh image', () => {
    const n = box('nginx');
    expect(n.sh('apt-get install procps')).toEqual({ out: STATE, err: 'E: Unable to locate package procps\n', code: 100 });
  });

  it('update fetches the indexes, on the virtual clock', () => {
    const n = box('nginx');
    const r = n.start('apt-get update');
    n.sb.advance(5000);
    expect(r.out).toBe(
      'Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]\n' +
      'Get:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]\n' +
      'Get:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]\n' +
      'Get:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8792 kB]\n' +
      'Get:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [13.5 kB]\n' +
      'Get:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [247 kB]\n' +
      'Fetched 9307 kB in 1s (7047 kB/s)\n' +
      'Reading package lists...\n',
    );
    expect(r.exit?.code).toBe(0);
    expect(n.sh('apt-get update').out).toBe(
      'Hit:1 http://deb.debian.org/debian bookworm InRelease\nHit:2 http://deb.debian.org/debian bookworm-updates InRelease\nHit:3 http://deb.debian.org/debian-security bookworm-security InRelease\nReading package lists...\n',
    );
  });

  it('install asks before pulling in more packages; no terminal on stdin answers no (the seed\'s `kubectl exec ... apt-get install procps`)', () => {
    const n = box('nginx');
    n.sh('apt-get update');
    expect(n.sh('apt-get install procps')).toEqual({
      out: STATE +
        'The following additional packages will be installed:\n  libgpm2 libncursesw6 libproc2-0 psmisc\n' +
        'Suggested packages:\n  gpm\n' +
        'The following NEW packages will be installed:\n  libgpm2 libncursesw6 libproc2-0 procps psmisc\n' +
        '0 upgraded, 5 newly installed, 0 to remove and 0 not upgraded.\n' +
        'Need to get 1179 kB of archives.\n' +
        'After this operation, 4064 kB of additional disk space will be used.\n' +
        'Do you want to continue? [Y/n] Abort.\n',
      err: '',
      code: 1,
    });
    expect(n.sh('ps').code).toBe(127);
  });

  it('-y (or answering y) installs: dpkg lines, then the command exists', () => {
    const n = box('nginx');
    n.sh('apt-get update');
    const r = n.sh('apt-get install -y procps');
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines).toContain('Get:5 http://deb.debian.org/debian bookworm/main amd64 procps amd64 2:4.0.2-3 [709 kB]');
    expect(lines).toContain('Fetched 1179 kB in 0s (7022 kB/s)');
    expect(lines).toContain('Selecting previously unselected package libproc2-0:amd64.');
    expect(lines).toContain('(Reading database ... 6854 files and directories currently installed.)');
    expect(lines).toContain('Preparing to unpack .../4-procps_2%3a4.0.2-3_amd64.deb ...');
    expect(lines).toContain('Setting up procps (2:4.0.2-3) ...');
    expect(lines.at(-2)).toBe('Processing triggers for libc-bin (2.36-9+deb12u9) ...');
    expect(r.err).toBe('debconf: delaying package configuration, since apt-utils is not installed\n');
    expect(n.sh('ps aux | head -1').out).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n');
    expect(n.sh('apt-get install procps').out).toBe(`${STATE}procps is already the newest version (2:4.0.2-3).\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n`);
    const u = box('ubuntu');
    u.sh('apt-get update');
    expect(u.sh('apt-get install procps', 'y\n').code).toBe(0);
    expect(u.sh('which ps').out).toBe('/usr/bin/ps\n');
  });

  it('apt warns scripts; unknown operations are errors', () => {
    const d = box('debian');
    expect(d.sh('apt install -y foo').err).toBe('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\nE: Unable to locate package foo\n');
    expect(d.sh('apt-get frobnicate')).toEqual({ out: '', err: 'E: Invalid operation frobnicate\n', code: 100 });
  });
});

describe('apk', () => {
  it('add fetches the index, installs with dependencies, reports the total', () => {
    const a = box('alpine');
    expect(a.sh('curl -s localhost').code).toBe(127);
    const r = a.sh('apk add curl');
    expect(r.out).toBe(
      'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/main/x86_64/APKINDEX.tar.gz\n' +
      'fetch https://dl-cdn.alpinelinux.org/alpine/v3.21/community/x86_64/APKINDEX.tar.gz\n' +
      '(1/10) Installing ca-certificates (20241121-r1)\n(2/10) Installing brotli-libs (1.1.0-r2)\n(3/10) Installing c-ares (1.34.5-r0)\n' +
      '(4/10) Installing libunistring (1.2-r0)\n(5/10) Installing libidn2 (2.3.7-r0)\n(6/10) Installing nghttp2-libs (1.64.0-r0)\n' +
      '(7/10) Installing libpsl (0.21.5-r3)\n(8/10) Installing zstd-libs (1.5.6-r2)\n(9/10) Installing libcurl (8.12.1-r1)\n' +
      '(10/10) Installing curl (8.12.1-r1)\n' +
      'Executing busybox-1.37.0-r12.trigger\nExecuting ca-certificates-20241121-r1.trigger\nOK: 12 MiB in 25 packages\n',
    );
    expect(a.sh('curl -s localhost').code).toBe(7);
    expect(a.sh('apk add curl').out).toBe('OK: 12 MiB in 25 packages\n');
    expect(a.sh('apk add nosuch')).toEqual({ out: '', err: 'ERROR: unable to select packages:\n  nosuch (no such package):\n    required by: world[nosuch]\n', code: 1 });
    expect(a.sh('apk add bash >/dev/null && which bash').out).toBe('/bin/bash\n');
  });
});

describe('image families', () => {
  it('which commands exist where', () => {
    const has = (f: Parameters<typeof imageCommands>[0], path: string): boolean => path in imageCommands(f).files;
    expect(has('debian', '/usr/bin/ls') && has('debian', '/bin/ls') && !has('debian', '/usr/bin/ps') && !has('debian', '/usr/bin/curl')).toBe(true);
    expect(has('nginx', '/usr/bin/curl') && !has('nginx', '/usr/bin/ps') && !has('nginx', '/usr/bin/ping')).toBe(true);
    expect(has('busybox', '/bin/wget') && has('busybox', '/bin/nslookup') && !has('busybox', '/sbin/apk')).toBe(true);
    expect(has('alpine', '/usr/bin/wget') && has('alpine', '/sbin/ip') && has('alpine', '/sbin/apk') && !has('alpine', '/usr/bin/curl')).toBe(true);
    expect(has('nginx-alpine', '/usr/bin/curl')).toBe(true);
    expect(Object.keys(imageCommands('distroless').files)).toEqual([]);
  });
});
