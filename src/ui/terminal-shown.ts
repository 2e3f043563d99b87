// The page owes a learner a prompt first: the rest of the start-up (the engine's chunk and its
// boot, the lessons, the other views' chunks) waits until the terminal has drawn one, so none of
// it runs on the main thread between the page's first render and that prompt.

/** Whatever happens to the terminal, the start-up goes on after this long. */
const AT_MOST_MS = 1500;

/** Why the start-up went on: the prompt was painted, or the wait ran out first. */
export type ShownBy = 'prompt' | 'timeout';

let shown!: (by: ShownBy) => void;
const whenShown = new Promise<ShownBy>((resolve) => {
  shown = resolve;
});
setTimeout(() => shown('timeout'), AT_MOST_MS);

/** Resolves once the terminal's first prompt has been painted (or after AT_MOST_MS). */
export function terminalShown(): Promise<ShownBy> {
  return whenShown;
}

/** The terminal has written its prompt: resolve after the frame that paints it. */
export function markTerminalShown(): void {
  // the frame's callbacks run before its paint; a task queued from there runs after it
  requestAnimationFrame(() => setTimeout(() => shown('prompt'), 0));
}
