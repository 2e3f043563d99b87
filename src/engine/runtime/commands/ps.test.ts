import { describe, expect, it } from 'vitest';
import { programFile } from '../process/program';
import { box, type Box } from './testing';

/** A container whose PID 1 is `sleep 3600`, with procps installed. */
function withInit(family: 'debian' | 'busybox'): Box {
  const b = box(family);
  if (family === 'debian') {
    b.sb.fs.writeFile('/usr/bin/ps', programFile('procps/ps'), { mode: 0o755 });
    b.sb.fs.writeFile('/usr/bin/kill', programFile('procps/kill'), { mode: 0o755 });
  }
  b.sb.run(['sleep', '3600'], { path: '/bin/sleep' });
  b.sb.advance(65_000);
  return b;
}

describe('procps ps', () => {
  it('ps aux: BSD user format from the process table', () => {
    const d = withInit('debian');
    expect(d.exec(['ps', 'aux'])).toEqual({
      out:
        'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n' +
        'root           1  0.0  0.0   2484   516 ?        Ss   12:00   0:00 sleep 3600\n' +
        'root           2  0.0  0.0   8088  1604 ?        Rs   12:01   0:00 ps aux\n',
      err: '',
      code: 0,
    });
    // procps-ng accepts the "bogus" -aux silently (the warning went away in 3.3)
    expect(d.exec(['ps', '-aux']).out.split('\n')[0]).toBe('USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND');
  });

  it('ps -ef and the default format', () => {
    const d = withInit('debian');
    expect(d.exec(['ps', '-ef']).out).toBe(
      'UID          PID    PPID  C STIME TTY          TIME CMD\n' +
      'root           1       0  0 12:00 ?        00:00:00 sleep 3600\n' +
      'root           2       0  0 12:01 ?        00:00:00 ps -ef\n',
    );
    expect(d.sh('ps').out).toBe('    PID TTY          TIME CMD\n      1 ?        00:00:00 sleep\n      3 ?        00:00:00 ps\n');
  });

  it('a program that reports memory shows it, %MEM against the node memory', () => {
    const d = withInit('debian');
    d.sb.kernel.record('sandbox', 1)!.rss = 256 * 1024 * 1024;
    expect(d.exec(['ps', '-o', 'pid,rss,%mem,comm']).out).toBe('    PID   RSS %MEM COMMAND\n      1 262144  6.5 sleep\n      2  1604  0.0 ps\n');
  });

  it('is missing until procps is installed', () => {
    expect(box('nginx').sh('ps aux')).toEqual({ out: '', err: 'sh: 1: ps: not found\n', code: 127 });
  });
});

describe('busybox ps', () => {
  it('PID USER TIME COMMAND; BSD-style arguments are ignored, -aux is an error', () => {
    const b = withInit('busybox');
    expect(b.exec(['ps']).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    2 root      0:00 ps\n');
    expect(b.exec(['ps', 'aux']).out).toBe('PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    3 root      0:00 ps aux\n');
    const bad = b.exec(['ps', '-aux']);
    expect(bad.code).toBe(1);
    expect(bad.err.split('\n')[0]).toBe("ps: invalid option -- 'u'");
    expect(b.exec(['ps', '-o', 'pid,comm']).out).toBe('PID   COMMAND\n    1 sleep\n    5 ps\n');
  });
});

describe('kill', () => {
  it('sends signals by number or name; lists them', () => {
    const d = withInit('debian');
    const bg = d.start('sleep 100');
    d.sb.advance(10);
    expect(d.exec(['kill', '-9', String(bg.pid)])).toEqual({ out: '', err: '', code: 0 });
    expect(bg.exit).toEqual({ code: 137, signal: 'KILL' });
    expect(d.exec(['kill', '12345'])).toEqual({ out: '', err: 'kill: (12345): No such process\n', code: 1 });
    expect(d.exec(['kill', '-FOO', '1']).err).toBe('kill: unknown signal name FOO\n');
    expect(d.exec(['kill', '-l', '15']).out).toBe('TERM\n');
    expect(d.exec(['kill', '-l']).out).toBe(
      'HUP INT QUIT ILL TRAP ABRT BUS FPE KILL USR1 SEGV USR2 PIPE ALRM TERM STKFLT\nCHLD CONT STOP TSTP TTIN TTOU URG XCPU XFSZ VTALRM PROF WINCH POLL PWR SYS\n',
    );
    const b = withInit('busybox');
    expect(b.exec(['kill', '999']).err).toBe("kill: can't kill pid 999: No such process\n");
    expect(b.exec(['kill', '-l']).out.split('\n').slice(0, 2)).toEqual([' 1) HUP', ' 2) INT']);
  });
});
