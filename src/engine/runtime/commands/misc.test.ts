import { describe, expect, it } from 'vitest';
import { Sandbox } from '../process/sandbox';
import { getopt } from './getopt';
import { registerCommands } from './register';
import { CommandRegistry } from '../process/program';
import { box } from './testing';
import { BUSYBOX_APPLET_DIRS } from './busybox';

describe('getopt', () => {
  it('glibc permutes and parses long options; musl stops at the first operand', () => {
    const spec = { short: 'an:', long: { all: { key: 'a', arg: 'none' as const }, number: { key: 'n', arg: 'required' as const } } };
    expect(getopt(['x', 'f', '-a', '--number=3', '-n4', '--', '-z'], spec)).toEqual({ opts: [['a', undefined], ['n', '3'], ['n', '4']], args: ['f', '-z'] });
    expect(getopt(['x', 'f', '-a'], spec, 'musl')).toEqual({ opts: [], args: ['f', '-a'] });
    expect(getopt(['x', '-q'], spec)).toEqual({ error: "invalid option -- 'q'" });
    expect(getopt(['x', '-n'], spec)).toEqual({ error: "option requires an argument -- 'n'" });
    expect(getopt(['x', '--nope'], spec)).toEqual({ error: "unrecognized option '--nope'" });
    expect(getopt(['x', '-q'], spec, 'musl')).toEqual({ error: 'unrecognized option: q' });
  });
});

describe('busybox as a multicall binary', () => {
  it('runs applets by link name or as `busybox APPLET`', () => {
    const b = box('busybox');
    expect(b.sh('busybox echo hi; /bin/busybox uname; ls /bin | grep -c .').out).toBe(`hi\nLinux\n${Object.keys(BUSYBOX_APPLET_DIRS).length + 1}\n`);
    expect(b.sh('nosuch').err).toBe('sh: nosuch: not found\n');
  });
});

describe('snapshots', () => {
  it('a tail -f and an apt-get install continue from a restored copy', () => {
    const reg = (): CommandRegistry => registerCommands(new CommandRegistry());
    const d = box('nginx');
    d.sb.fs.writeFile('/tmp/log', 'a\n');
    d.sh('apt-get update');
    const t = d.sb.run(['tail', '-f', '/tmp/log'], { path: '/usr/bin/tail' });
    d.sb.run(['apt-get', 'install', '-y', 'procps'], { path: '/usr/bin/apt-get' });
    d.sb.advance(100);
    expect(t.out).toBe('a\n');
    const snap = d.sb.snapshot();
    const copy = Sandbox.restore(JSON.parse(JSON.stringify(snap)), { registry: reg() });
    const out: string[] = [];
    copy.kernel.attachSink('run2', { write: (s) => void out.push(s) });
    copy.kernel.attachSink('run3', { write: () => {} });
    copy.fs.appendFile('/tmp/log', 'b\n');
    copy.advance(2000);
    expect(out.join('')).toBe('b\n');
    expect(copy.fs.exists('/usr/bin/ps')).toBe(true);
  });
});

describe('determinism', () => {
  it('same seed, same commands: the same bytes', () => {
    const run = (): string => {
      const b = box('alpine', { seed: 7 });
      b.net.dns.set('k8sbook.default.svc.cluster.local', ['10.100.1.2']);
      return JSON.stringify([b.sh('apk add curl; ls -l /usr/bin | head -3; ps; nslookup k8sbook; date'), b.sb.snapshot()]);
    };
    expect(run()).toBe(run());
  });
});
