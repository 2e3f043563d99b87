// Signals and traps: what `kubectl delete pod` does to a shell entrypoint.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../process/sandbox';

describe('a shell as PID 1', () => {
  it('ignores SIGTERM without a trap, so only SIGKILL (after the grace period) ends it: 137', () => {
    const sb = new Sandbox();
    const r = sb.sh('while true; do sleep 1; done');
    expect(r.pid).toBe(1);
    sb.advance(2500);
    sb.kernel.kill(sb.ns, 1, 'TERM');
    sb.advance(30_000);
    expect(r.exit).toBeUndefined();
    sb.kernel.kill(sb.ns, 1, 'KILL');
    expect(r.exit).toEqual({ code: 137, signal: 'KILL' });
    expect(sb.kernel.processes(sb.ns)).toEqual([]); // its sleep went with it
  });

  it('with a TERM trap, runs it once the foreground sleep has finished, as POSIX shells do', () => {
    const sb = new Sandbox();
    const r = sb.sh("trap 'echo got TERM; exit 0' TERM; while true; do sleep 1; done");
    sb.advance(2300);
    sb.kernel.kill(sb.ns, 1, 'TERM');
    expect(r.exit).toBeUndefined(); // still in `sleep 1`
    sb.advance(700);
    expect(r.out).toBe('got TERM\n');
    expect(r.exit).toEqual({ code: 0 });
  });

  it('a trap without exit lets the shell go on', () => {
    const sb = new Sandbox();
    const r = sb.sh("trap 'echo caught' TERM; i=0; while [ $i -lt 3 ]; do sleep 1; i=$((i+1)); done; echo done");
    sb.advance(500);
    sb.kernel.kill(sb.ns, 1, 'TERM');
    sb.finish(r);
    expect(r.out).toBe('caught\ndone\n');
  });

  it('a trapped signal interrupts `wait` (status 128+15) and the trap runs first', () => {
    const sb = new Sandbox();
    const r = sb.sh("trap 'echo caught' TERM; sleep 100 & wait; echo \"wait returned $?\"");
    sb.advance(1000);
    sb.kernel.kill(sb.ns, 1, 'TERM');
    expect(r.out).toBe('caught\nwait returned 143\n');
    expect(r.exit).toEqual({ code: 0 });
  });

  it("`sh -c 'sleep 3600'` execs sleep, which as PID 1 ignores SIGTERM too", () => {
    const sb = new Sandbox();
    const r = sb.sh('sleep 3600');
    expect(sb.kernel.processes(sb.ns).map((p) => p.argv.join(' '))).toEqual(['sleep 3600']);
    sb.kernel.kill(sb.ns, 1, 'TERM');
    sb.advance(30_000);
    expect(r.exit).toBeUndefined();
  });
});

describe('a shell that is not PID 1', () => {
  it('dies of SIGTERM without a trap: 143', () => {
    const sb = new Sandbox();
    sb.run(['sleep', '3600']); // PID 1
    const r = sb.sh('while true; do sleep 1; done');
    expect(r.pid).toBe(2);
    sb.advance(1500);
    sb.kernel.kill(sb.ns, 2, 'TERM');
    expect(r.exit).toEqual({ code: 143, signal: 'TERM' });
  });

  it("`trap '' TERM` ignores it", () => {
    const sb = new Sandbox();
    sb.run(['sleep', '3600']);
    const r = sb.sh("trap '' TERM; while true; do sleep 1; done");
    sb.advance(1500);
    sb.kernel.kill(sb.ns, 2, 'TERM');
    sb.advance(5000);
    expect(r.exit).toBeUndefined();
  });
});

describe('kill and traps from inside the shell', () => {
  it('kill sends TERM by default; the status of a killed job is 143', () => {
    const sb = new Sandbox();
    const r = sb.finish(sb.sh('sleep 100 & kill $!; wait $!; echo $?; sleep 100 & kill -9 $!; wait $!; echo $?'));
    expect(r.out).toBe('143\n137\n');
  });

  it('traps on INT and EXIT, and listing traps', () => {
    const sb = new Sandbox();
    const r = sb.finish(sb.sh("trap 'echo int' INT; trap 'echo bye' EXIT; trap; kill -INT $$; echo after"));
    expect(r.out).toBe("trap -- 'echo bye' EXIT\ntrap -- 'echo int' INT\nint\nafter\nbye\n");
    const bash = sb.finish(sb.sh("trap 'echo t' TERM; trap", 'bash'));
    expect(bash.out).toBe("trap -- 'echo t' SIGTERM\n");
  });

  it('unknown signals are errors in each dialect', () => {
    const sb = new Sandbox();
    expect(sb.finish(sb.sh("trap 'x' BOGUS")).err).toBe('sh: 1: trap: BOGUS: bad trap\n');
    expect(sb.finish(sb.sh("trap 'x' BOGUS", 'bash')).err).toBe('bash: line 1: trap: BOGUS: invalid signal specification\n');
    expect(sb.finish(sb.sh('kill -s BOGUS 1', 'bash')).err).toBe('bash: line 1: kill: BOGUS: invalid signal specification\n');
  });
});
