import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { History } from './history';
import { parseKeys } from './keys';
import { LineEditor } from './line-editor';
import { settle } from './driver';
import { testSession } from './testing';
import { fuzzRuns, fuzzSeed, fuzzTimeout } from '../shared/fuzz-runs';

const KEYS = ['a', 'b', ' ', '/', '-', '\r', '\x7f', '\t', '\x1b[A', '\x1b[B', '\x1b[C', '\x1b[D', '\x1b[H', '\x1b[F', '\x1b[3~',
  '\x01', '\x05', '\x15', '\x0b', '\x17', '\x19', '\x12', '\x07', '\x03', '\x04', '\x0c', '\x1b', '\x1bb', '\x1bf', 'é', '\x00'];

const WORDS = ['echo', 'cat', 'ls', 'grep', 'wc', 'true', 'false', 'kubectl', 'k', 'get', 'pods', '-n', 'x=1', '$x', '$?', '"', "'",
  '|', ';', '&&', '||', '(', ')', '{', '}', '<', '>', '>>', '<<', 'EOF', '$(', '`', '\\', '*', '#', 'a', 'b.txt', '--', '2>&1', '&'];

describe('fuzz', { timeout: fuzzTimeout(120_000) }, () => {
  it('the line editor takes any keys without throwing and keeps its cursor in the line', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...KEYS), { maxLength: 60 }), (keys) => {
        const ed = new LineEditor(() => undefined);
        ed.begin('$ ', { history: new History(['kubectl get pods', 'ls']), complete: (line, cursor) => ({ from: cursor, candidates: ['pods', 'po'] }) });
        for (const k of parseKeys(keys.join(''))) {
          if (ed.key(k)) ed.begin('$ ', { history: new History(['echo']) });
          expect(ed.cursor).toBeGreaterThanOrEqual(0);
          expect(ed.cursor).toBeLessThanOrEqual(ed.line.length);
        }
      }),
      { numRuns: fuzzRuns(3000), seed: fuzzSeed(42) },
    );
  });

  it('the host shell survives thousands of random command lines', async () => {
    const t = await testSession();
    const lines = fc.sample(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => w.join(' ')), { numRuns: fuzzRuns(2000), seed: fuzzSeed(42) });
    for (const line of lines) {
      t.session.input(`${line}\r`);
      const state = await settle(t.session, { quietMs: 1000, maxMs: 2000 });
      expect(state).not.toBe('closed');
      // kubectl-bridge.ts prints a Podlab bug inside kubectl as Go's "panic: ..."
      expect(t.take(), line).not.toMatch(/^panic: /m);
      // an unfinished quote or here-doc waits at PS2: Ctrl-C brings the prompt back
      if (state === 'input') {
        t.session.input('\x03');
        await settle(t.session, { quietMs: 1000, maxMs: 2000 });
      }
    }
    expect(t.session.isIdle()).toBe(true);
    // background jobs (`cat &`) may still read the terminal: bash would stop them with SIGTTIN
    for (const p of t.session.kernel.processes('host')) if (p.pid !== 1) t.session.kernel.kill('host', p.pid, 'KILL');
    t.take();
    // bash reports the jobs killed above before its next prompt
    expect(await t.type('echo alive')).toMatch(/^echo alive\nalive\n(\[\d+\][-+ ] {2}.*\n)*\$ $/);
  });
});
