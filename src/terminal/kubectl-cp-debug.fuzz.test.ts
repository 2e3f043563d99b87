import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { settle } from './driver';
import { testSession } from './testing';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from '../shared/fuzz-runs';

// `kubectl cp` and `kubectl debug` with random arguments against running pods (one whose image has
// tar and a shell, one with neither): every line ends at a prompt with kubectl's or tar's words,
// never a Podlab bug (kubectl-bridge.ts prints one as Go's "panic: ...") and never a hung shell.
const SPECS = ['web:/tmp/x', 'web:/etc/nginx', 'web:/', 'web:', 'default/web:/tmp', 'nope/web:/a', 'a/b/c:/d', ':x', 'hello:/tmp', 'web:/../..', 'web:/tmp/x/', 'notes.txt', 'dir', 'dir/', '.', '..', '/', 'missing', '-'];
const CP_FLAGS = ['-c', 'web', '-c=nope', '--no-preserve', '--retries=1', '--retries=-1', 'x'];
const PODS = ['web', 'hello', 'nope', 'pod/web', 'node/minikube', ''];
const DEBUG_FLAGS = ['--image=busybox', '--image=busybox', '--image=nosuch:1', '--image=', '-c', 'dbg', '-c=web', '--target=web', '--target=nope', '-i', '-t', '-it', '-q', '--attach=false', '--profile=general', '--profile=bogus', '--copy-to=copy', '--share-processes', '--arguments-only'];
const COMMANDS = ['', '-- sh -c "exit 3"', '-- true', '-- sleep 1', '-- sh', '-- nosuch'];

describe('kubectl cp and debug fuzz', { timeout: fuzzTimeout(180_000) }, () => {
  it('answers random cp and debug lines against running pods and comes back to the prompt', async () => {
    const t = await testSession({ runtime: true });
    for (const line of ['kubectl run web --image=nginx', 'kubectl run hello --image=gcr.io/google-samples/hello-app:1.0', 'kubectl wait --for=condition=Ready pod/web pod/hello', 'echo hi > notes.txt', 'mkdir -p dir/sub && echo x > dir/sub/f']) await t.type(line);
    t.take();
    const cp = fc
      .tuple(fc.constantFrom(...SPECS), fc.constantFrom(...SPECS), fc.array(fc.constantFrom(...CP_FLAGS), { maxLength: 2 }))
      .map(([src, dest, flags]) => `kubectl cp ${src} ${dest} ${flags.join(' ')}`);
    const debug = fc
      .tuple(fc.constantFrom(...PODS), fc.array(fc.constantFrom(...DEBUG_FLAGS), { minLength: 1, maxLength: 3 }), fc.constantFrom(...COMMANDS))
      .map(([pod, flags, cmd]) => `kubectl debug ${pod} ${flags.join(' ')} ${cmd}`);
    const lines = fc.sample(fc.oneof(cp, debug), { numRuns: fuzzRuns(150), seed: fuzzSeed(7) });
    for (const line of lines) {
      t.session.input(`${line}\r`);
      let state = await settle(t.session, { quietMs: 1000, maxMs: 3000 });
      // an attached shell (debug -it) or a command reading the terminal: leave it as a learner would
      if (state === 'input' && !t.session.atPrompt()) {
        t.session.input('exit\r');
        state = await settle(t.session, { quietMs: 1000, maxMs: 3000 });
      }
      if (state === 'input' && !t.session.atPrompt()) {
        t.session.input('\x03');
        state = await settle(t.session, { quietMs: 1000, maxMs: 3000 });
      }
      expect(state, line).toBe('idle');
      expect(t.take(), line).not.toMatch(/^panic: /m);
    }
    expect(await t.type('echo alive')).toMatch(/alive\n\$ $/);
  });
});
