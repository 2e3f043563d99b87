import { describe, expect, it } from 'vitest';
import { Sandbox } from './sandbox';
import { basicRegistry } from '../shell/commands';
import { programFile, type CommandRegistry, type Proc, type Program } from './program';
import type { ProcEvent } from './types';

/** A program that counts ticks of a timer and reports caught signals: a small state machine. */
interface TickState {
  ticks: number;
  every: number;
}
const ticker: Program<TickState> = {
  kind: 'program',
  start(p: Proc<TickState>) {
    p.state = { ticks: 0, every: Number(p.argv[1] ?? '1000') };
    if (p.argv.includes('--trap')) p.setSignal('TERM', 'catch');
    p.setTimer(p.state.every);
  },
  event(p: Proc<TickState>, ev: ProcEvent) {
    if (ev.type === 'timer') {
      p.state.ticks++;
      p.write(1, `tick ${p.state.ticks}\n`);
      p.setTimer(p.state.every);
    } else if (ev.type === 'signal') {
      p.write(1, `got ${ev.signal} after ${p.state.ticks}\n`);
      p.exit(0);
    }
  },
};

function registry(): CommandRegistry {
  return basicRegistry().register('test/ticker', ticker);
}

function sandbox(): Sandbox {
  const sb = new Sandbox({ registry: registry() });
  sb.install('/bin/ticker', 'test/ticker');
  return sb;
}

describe('kernel: processes, PID namespace, exit codes', () => {
  it('gives the entrypoint PID 1 and children increasing pids, listed by ps', () => {
    const sb = sandbox();
    const r = sb.sh('sleep 5 & sleep 7 & wait');
    expect(r.pid).toBe(1);
    // each background job is a forked subshell that exec'd its last (only) command
    const ps = sb.kernel.processes(sb.ns).map((p) => [p.pid, p.ppid, p.argv.join(' ')]);
    expect(ps).toEqual([
      [1, 0, 'sh -c sleep 5 & sleep 7 & wait'],
      [2, 1, 'sleep 5'],
      [3, 1, 'sleep 7'],
    ]);
    const t0 = sb.clock.now();
    sb.finish(r);
    expect(r.exit).toEqual({ code: 0 });
    expect(sb.clock.now() - t0).toBe(7000);
  });

  it('reports exec failures as errno values (ENOENT, EACCES, ENOEXEC)', () => {
    const sb = sandbox();
    sb.fs.writeFile('/bin/noexec', programFile('coreutils/true'), { mode: 0o644 });
    sb.fs.writeFile('/bin/garbage', '\x7fELF\x02\x01\x01garbage', { mode: 0o755 });
    const k = sb.kernel;
    expect(k.spawn({ ns: sb.ns, fs: 'root', path: '/bin/missing', argv: ['missing'] })).toEqual({ errno: 'ENOENT', path: '/bin/missing' });
    expect(k.spawn({ ns: sb.ns, fs: 'root', path: '/bin/noexec', argv: ['noexec'] })).toEqual({ errno: 'EACCES', path: '/bin/noexec' });
    expect(k.spawn({ ns: sb.ns, fs: 'root', path: '/bin', argv: ['bin'] })).toEqual({ errno: 'EACCES', path: '/bin' });
    expect(k.spawn({ ns: sb.ns, fs: 'root', path: '/bin/garbage', argv: ['garbage'] })).toEqual({ errno: 'ENOEXEC', path: '/bin/garbage' });
  });

  it('runs #! scripts through their interpreter with the script path as an argument', () => {
    const sb = sandbox();
    sb.fs.writeFile('/usr/bin/hello', '#!/bin/sh\necho "hello from $0 with $1"\nexit 4\n', { mode: 0o755 });
    const r = sb.finish(sb.run(['hello', 'arg'], { path: '/usr/bin/hello' }));
    expect(r.out).toBe('hello from /usr/bin/hello with arg\n');
    expect(r.exit).toEqual({ code: 4 });
  });

  it('delivers timer events to a program on the virtual clock', () => {
    const sb = sandbox();
    const r = sb.run(['ticker', '1000']);
    sb.advance(3500);
    expect(r.out).toBe('tick 1\ntick 2\ntick 3\n');
  });
});

describe('kernel: signals', () => {
  it('SIGTERM kills a process without a handler with 143, SIGKILL with 137', () => {
    const sb = sandbox();
    const r = sb.sh('sleep 100 & a=$!; sleep 100 & b=$!; wait $a; echo "a=$?"; wait $b; echo "b=$?"');
    sb.advance(10);
    const [, a, b] = sb.kernel.processes(sb.ns);
    sb.kernel.kill(sb.ns, a!.pid, 'TERM');
    sb.kernel.kill(sb.ns, b!.pid, 'KILL');
    sb.finish(r);
    expect(r.out).toBe('a=143\nb=137\n');
  });

  it('PID 1 ignores signals it does not catch (pid_namespaces(7)), then dies of SIGKILL with 137', () => {
    const sb = sandbox();
    const r = sb.run(['sleep', '3600']);
    expect(r.pid).toBe(1);
    sb.kernel.kill(sb.ns, 1, 'TERM');
    sb.kernel.kill(sb.ns, 1, 'INT');
    sb.advance(30_000);
    expect(r.exit).toBeUndefined();
    sb.kernel.kill(sb.ns, 1, 'KILL');
    expect(r.exit).toEqual({ code: 137, signal: 'KILL' });
  });

  it('a caught signal becomes an event; PID 1 that catches TERM can exit cleanly', () => {
    const sb = sandbox();
    const r = sb.run(['ticker', '1000', '--trap']);
    sb.advance(2500);
    sb.kernel.kill(sb.ns, 1, 'TERM');
    expect(r.out).toBe('tick 1\ntick 2\ngot TERM after 2\n');
    expect(r.exit).toEqual({ code: 0 });
  });

  it('when PID 1 dies, every other process of the namespace is killed', () => {
    const sb = sandbox();
    const r = sb.sh('sleep 100 & sleep 50');
    sb.advance(10);
    // the last command of sh -c replaced the shell: PID 1 is `sleep 50` now
    expect(sb.kernel.processes(sb.ns).map((p) => `${p.pid} ${p.argv.join(' ')}`)).toEqual(['1 sleep 50', '2 sleep 100']);
    sb.kernel.kill(sb.ns, 1, 'KILL');
    expect(r.exit).toEqual({ code: 137, signal: 'KILL' });
    expect(sb.kernel.processes(sb.ns)).toEqual([]);
  });

  it('writing to a pipe nobody reads raises SIGPIPE (exit 141)', () => {
    const sb = sandbox();
    // the reader exits at once; the writer loop dies of SIGPIPE, the pipeline's status is true's
    const r = sb.finish(sb.sh('while :; do echo y; done | true; echo "status $?"'));
    expect(r.out).toBe('status 0\n');
    const r2 = sb.finish(sb.sh('(while :; do echo y; done; echo never >&2) | true'));
    expect(r2.err).toBe('');
  });
});

describe('kernel: pipes and stdin', () => {
  it('a SimpleCommand reading stdin waits for end-of-file on its pipe', () => {
    const sb = sandbox();
    const r = sb.run(['cat'], { stdin: 'pipe' });
    r.write('hello ');
    sb.advance(1000);
    expect(r.out).toBe('');
    r.write('world\n');
    r.closeStdin();
    expect(r.out).toBe('hello world\n');
    expect(r.exit).toEqual({ code: 0 });
  });

  it('a shell reading its script from stdin runs each command as it arrives', () => {
    const sb = sandbox();
    const r = sb.run(['sh'], { stdin: 'pipe' });
    r.write('echo one\nfor i in 1 2; do\n');
    expect(r.out).toBe('one\n');
    r.write('echo $i; done\n');
    expect(r.out).toBe('one\n1\n2\n');
    r.closeStdin();
    expect(r.exit).toEqual({ code: 0 });
  });
});

describe('kernel: snapshot and restore', () => {
  it('continues a program mid-timer identically after a JSON round trip', () => {
    const sb = sandbox();
    sb.run(['ticker', '700']);
    sb.fs.writeFile('/out', '');
    sb.advance(1500);
    const snap = JSON.parse(JSON.stringify(sb.snapshot()));
    const copy = Sandbox.restore(snap, { registry: registry() });
    expect(copy.kernel.processes(copy.ns).map((p) => p.argv.join(' '))).toEqual(['ticker 700']);
    expect(copy.kernel.record(copy.ns, 1)!.state).toEqual({ ticks: 2, every: 700 });
    copy.advance(1400);
    expect(copy.kernel.record(copy.ns, 1)!.state).toEqual({ ticks: 4, every: 700 });
    expect(JSON.stringify(copy.kernel.snapshot())).toBe(JSON.stringify((sb.advance(1400), sb.kernel.snapshot())));
  });
});

describe('kernel: multicall binaries and the README example', () => {
  it('busybox picks its applet from argv[0], or from argv[1] when called as busybox', () => {
    const reg = basicRegistry();
    reg.register('busybox', {
      kind: 'multicall',
      applet: (name) => (name === 'sh' ? reg.get('ash') : name === 'echo' ? reg.get('coreutils/echo') : undefined),
    });
    const sb = new Sandbox({ registry: reg });
    sb.install('/bin/busybox', 'busybox');
    sb.install('/bin/sh', 'busybox');
    const r = sb.finish(sb.run(['sh', '-c', 'busybox echo from busybox; nope'], { path: '/bin/sh' }));
    expect(r.out).toBe('from busybox\n');
    expect(r.err).toBe('sh: nope: not found\n'); // the ash dialect, as /bin/sh is busybox's
  });

  it('runs the countdown program of the README, through a snapshot', () => {
    interface CountdownState { left: number }
    const countdown: Program<CountdownState> = {
      kind: 'program',
      start(p) {
        p.state = { left: Number(p.argv[1] ?? 3) };
        p.setSignal('TERM', 'catch');
        p.setTimer(0);
      },
      event(p, ev) {
        if (ev.type === 'signal') {
          p.write(2, 'countdown: terminated\n');
          return p.exit(0);
        }
        if (ev.type !== 'timer') return;
        if (p.state.left === 0) return p.exit(0);
        p.write(1, `${p.state.left--}\n`);
        p.setTimer(1000);
      },
    };
    const reg = () => basicRegistry().register('demo/countdown', countdown);
    const sb = new Sandbox({ registry: reg() });
    sb.install('/bin/countdown', 'demo/countdown');
    sb.sh('countdown 3 > /tmp/out; echo done >> /tmp/out');
    sb.advance(1500);
    const copy = Sandbox.restore(JSON.parse(JSON.stringify(sb.snapshot())), { registry: reg() });
    copy.advance(5000);
    expect(copy.fs.readFile('/tmp/out')).toBe('3\n2\n1\ndone\n');
  });
});

describe('programs that end at their timer (exitsOnTimer: sleep)', () => {
  it('end with status 0 when the timer fires, without being called, also after a snapshot and restore', () => {
    const dozer: Program<{ ms: number }> = {
      kind: 'program',
      exitsOnTimer: true,
      start(p) {
        p.state = { ms: Number(p.argv[1]) };
        p.setTimer(p.state.ms);
      },
      event() {
        throw new Error('the kernel ends it: no event for its timer');
      },
    };
    const reg = () => basicRegistry().register('test/dozer', dozer);
    const sb = new Sandbox({ registry: reg() });
    sb.install('/bin/dozer', 'test/dozer');
    const run = sb.sh('dozer 1500; echo "status $?"');
    sb.advance(1000);
    expect(run.out).toBe('');
    const restored = Sandbox.restore(sb.snapshot(), { registry: reg() });
    sb.advance(600);
    expect(run.out).toBe('status 0\n');
    // the restored copy goes on the same way (its pending timer is data)
    restored.advance(600);
    expect(restored.kernel.processes(restored.ns)).toEqual([]);
  });
});
