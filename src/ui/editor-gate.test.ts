import { afterEach, beforeEach, expect, test, vi } from 'vitest';

// Each test loads a fresh copy of the module: the gate opens once per page load.
async function fresh() {
  vi.resetModules();
  return import('./editor-gate');
}

/** Frames and idle periods are run by hand. */
let frames: (() => void)[] = [];
let idle: (() => void)[] = [];
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  frames = [];
  idle = [];
  vi.stubGlobal('requestAnimationFrame', (fn: () => void) => frames.push(fn));
  vi.stubGlobal('requestIdleCallback', (fn: () => void) => idle.push(fn));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

function settled(p: Promise<void>): () => boolean {
  let done = false;
  void p.then(() => (done = true));
  return () => done;
}

/** The next frame: its callbacks, then (after its paint) the tasks they queued. */
async function frame() {
  for (const f of frames.splice(0)) f();
  await vi.advanceTimersByTimeAsync(0);
}

test('nobody typing: the editor loads in the first idle period after the frame that follows the boot', async () => {
  const { editorGate } = await fresh();
  const open = settled(editorGate());
  await vi.advanceTimersByTimeAsync(1000);
  expect(open()).toBe(false); // no frame has painted yet
  await frame();
  expect(open()).toBe(false); // painted: now an idle period
  expect(idle).toHaveLength(1);
  idle.shift()!();
  await vi.advanceTimersByTimeAsync(0);
  expect(open()).toBe(true);
});

test('typing holds the editor back until the keys pause', async () => {
  const { editorGate, noteTerminalKey, PAUSE_MS } = await fresh();
  const open = settled(editorGate());
  noteTerminalKey();
  await frame();
  expect(idle).toHaveLength(0); // still typing
  await vi.advanceTimersByTimeAsync(PAUSE_MS / 2);
  noteTerminalKey(); // another key: the pause starts again
  await vi.advanceTimersByTimeAsync(PAUSE_MS / 2 + 10);
  expect(idle).toHaveLength(0);
  await vi.advanceTimersByTimeAsync(PAUSE_MS / 2);
  expect(idle).toHaveLength(1);
  noteTerminalKey(); // a key in the very idle wait: not a pause after all
  idle.shift()!();
  await vi.advanceTimersByTimeAsync(0);
  expect(open()).toBe(false);
  await vi.advanceTimersByTimeAsync(PAUSE_MS);
  idle.shift()!();
  await vi.advanceTimersByTimeAsync(0);
  expect(open()).toBe(true);
});

test('turning to the editor opens the gate at once, for every waiter, and it stays open', async () => {
  const { editorGate, noteTerminalKey, openEditorGate } = await fresh();
  noteTerminalKey();
  const first = settled(editorGate());
  const second = settled(editorGate());
  expect(frames).toHaveLength(1); // one watch for both
  openEditorGate();
  await vi.advanceTimersByTimeAsync(0);
  expect(first()).toBe(true);
  expect(second()).toBe(true);
  const later = settled(editorGate());
  await vi.advanceTimersByTimeAsync(0);
  expect(later()).toBe(true);
});
