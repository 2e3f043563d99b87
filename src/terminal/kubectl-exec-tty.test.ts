// A terminal is what makes a shell interactive: `kubectl exec -it POD -- sh` gives the shell a tty
// on stdin (isatty(0)), so it prompts and reads line by line, and `ps` shows it as the `sh` it was
// started as; without -t, or with its input from a pipe, the same shell reads a script silently.
import { describe, expect, it } from 'vitest';
import type { StoredPod } from '../engine';
import { testSession, type TestSession } from './testing';

const running = (t: TestSession, name: string) => (t.cluster.store.tryGet('pods', 'default', name) as StoredPod | undefined)?.status.phase === 'Running';

describe('a shell on a terminal', { timeout: 60_000 }, () => {
  it('exec -it: a prompt, `sh` in ps (no added flags), test -t 0 true; a piped sh inside is not interactive', async () => {
    const t = await testSession({ runtime: true });
    await t.type('kubectl run box --image=busybox --restart=Never -- sleep 3600');
    t.cluster.clock.advanceUntil(() => running(t, 'box'), 120_000);
    expect(await t.type('kubectl exec -it box -- sh')).toBe('kubectl exec -it box -- sh\n/ # ');
    const ps = await t.type('ps');
    expect(ps).toMatch(/^ps\nPID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}0:00 sleep 3600\n {4}\d+ root {6}0:00 sh\n {4}\d+ root {6}0:00 ps\n\/ # $/);
    expect(await t.type('test -t 0 && echo terminal')).toBe('test -t 0 && echo terminal\nterminal\n/ # ');
    // its stdin is a pipe, not the terminal: no prompt, no job-control noise, just the output
    expect(await t.type("echo 'echo hi; exit 3' | sh; echo $?")).toBe("echo 'echo hi; exit 3' | sh; echo $?\nhi\n3\n/ # ");
    await t.type('exit');
  });

  it('exec -i without -t: the same shell reads commands silently and test -t 0 is false', async () => {
    const t = await testSession({ runtime: true });
    await t.type('kubectl run box --image=busybox --restart=Never -- sleep 3600');
    t.cluster.clock.advanceUntil(() => running(t, 'box'), 120_000);
    expect(await t.type('kubectl exec -i box -- sh')).toBe('kubectl exec -i box -- sh\n');
    expect(await t.keys('test -t 0 || echo not-a-terminal\r')).toBe('test -t 0 || echo not-a-terminal\nnot-a-terminal\n');
    expect(await t.keys('ps\r')).toMatch(/^ps\nPID {3}USER {5}TIME {2}COMMAND\n {4}1 root {6}0:00 sleep 3600\n {4}\d+ root {6}0:00 sh\n {4}\d+ root {6}0:00 ps\n$/);
    expect(await t.keys('exit\r')).toMatch(/^exit\n\$ $/);
  });
});
