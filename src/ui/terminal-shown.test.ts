import { afterEach, beforeEach, expect, test, vi } from 'vitest';

// Each test loads a fresh copy of the module: it holds one promise per page load.
async function fresh() {
  vi.resetModules();
  return import('./terminal-shown');
}

/** Frames are run by hand: the frame's callbacks, then (after its paint) the tasks they queued. */
let frames: (() => void)[] = [];
beforeEach(() => {
  vi.useFakeTimers();
  frames = [];
  vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function settled(p: Promise<unknown>): () => boolean {
  let done = false;
  void p.then(() => (done = true));
  return () => done;
}

test('the start-up goes on after the frame that paints the prompt, not before', async () => {
  const { terminalShown, markTerminalShown } = await fresh();
  const done = settled(terminalShown());
  markTerminalShown();
  await vi.advanceTimersByTimeAsync(0);
  expect(done()).toBe(false); // no frame yet
  frames.shift()!();
  expect(done()).toBe(false); // inside the frame, before its paint
  await vi.advanceTimersByTimeAsync(0);
  expect(done()).toBe(true);
  await expect(terminalShown()).resolves.toBe('prompt');
});

test('a terminal that never shows a prompt holds the start-up back for 1.5 s at most', async () => {
  const { terminalShown } = await fresh();
  const done = settled(terminalShown());
  await vi.advanceTimersByTimeAsync(1499);
  expect(done()).toBe(false);
  await vi.advanceTimersByTimeAsync(1);
  expect(done()).toBe(true);
  await expect(terminalShown()).resolves.toBe('timeout');
});
