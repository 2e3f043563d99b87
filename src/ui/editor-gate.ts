// The editor's chunk (Monaco) takes half a second of the main thread to evaluate, and nothing
// else runs meanwhile: no key echoes, no answer paints. So after the boot it waits for the
// terminal: for the frame that paints what the boot printed (the answer to a command typed while
// the cluster was starting), then for a pause in the typing. A learner who turns to the editor
// (a pointer or focus in its pane) opens the gate at once.
import { useEffect, useState } from 'react';

/** Typing that stops for this long is a pause. */
export const PAUSE_MS = 300;
/** An idle period is waited for at most this long once the typing has paused. */
const IDLE_TIMEOUT_MS = 200;

let lastKey = -Infinity;
let opened = false;
const waiting = new Set<() => void>();

/** The terminal got a key (or a paste). */
export function noteTerminalKey(): void {
  lastKey = performance.now();
}

/** The learner wants the editor now. */
export function openEditorGate(): void {
  if (opened) return;
  opened = true;
  for (const w of waiting) w();
  waiting.clear();
}

/** After the frame that follows the boot, at the first pause in the typing (or on openEditorGate). */
export function editorGate(): Promise<void> {
  if (opened) return Promise.resolve();
  const gate = new Promise<void>((resolve) => waiting.add(resolve));
  if (waiting.size === 1) {
    const check = () => {
      if (opened) return;
      const wait = lastKey + PAUSE_MS - performance.now();
      if (wait > 0) setTimeout(check, wait);
      else if (typeof requestIdleCallback === 'function') requestIdleCallback(() => (performance.now() - lastKey >= PAUSE_MS ? openEditorGate() : check()), { timeout: IDLE_TIMEOUT_MS });
      else openEditorGate();
    };
    // the frame's callbacks run before its paint; a task queued from there runs after it
    requestAnimationFrame(() => setTimeout(check, 0));
  }
  return gate;
}

/** Whether the editor pane may render its chunk: false until `editorGate()` (asked once `booted`). */
export function useEditorGate(booted: boolean): boolean {
  const [open, setOpen] = useState(opened);
  useEffect(() => {
    if (!booted || open) return;
    let live = true;
    void editorGate().then(() => live && setOpen(true));
    return () => {
      live = false;
    };
  }, [booted, open]);
  return open;
}
