import { describe, expect, it } from 'vitest';
import { basicRegistry } from '../shell/commands';
import type { Program } from './program';
import { Sandbox } from './sandbox';

/** Catches HUP and prints who sent it (si_pid), or `outside`. */
const listener: Program<null> = {
  kind: 'program',
  start(p) {
    p.setSignal('HUP', 'catch');
    p.setTimer(3_600_000);
  },
  event(p, ev) {
    if (ev.type === 'signal') p.write(1, `HUP from ${ev.from ?? 'outside'}\n`);
  },
};

function sandbox(): Sandbox {
  const sb = new Sandbox({ registry: basicRegistry().register('test/listener', listener) });
  sb.install('/bin/listener', 'test/listener');
  return sb;
}

describe('kernel: a signal names its sender (si_pid)', () => {
  it('kill from a process: its pid; from outside (the runtime): none', () => {
    const sb = sandbox();
    const target = sb.run(['listener']);
    const sender = sb.sh(`echo $$; kill -HUP ${target.pid}`);
    sb.advance(10);
    const shellPid = sender.out.split('\n')[0];
    expect(target.out).toBe(`HUP from ${shellPid}\n`);
    sb.kernel.kill(sb.ns, target.pid, 'HUP');
    expect(target.out).toBe(`HUP from ${shellPid}\nHUP from outside\n`);
  });
});
