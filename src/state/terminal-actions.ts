// Things the app does to the terminal on the learner's behalf, visibly: the Apply button and
// the lesson's "paste in terminal" type a command line as if the learner had typed it.
import type { World } from './world';

const KILL_LINE = '\x15'; // Ctrl-U: readline's unix-line-discard clears what was half typed

/**
 * Types `line` and Enter into the shell when it is waiting at its prompt. Returns false (and types
 * nothing) while a command is still running, so a keystroke never lands in someone else's stdin.
 */
export function runInTerminal(world: World, line: string): boolean {
  if (!world.session.atPrompt()) return false;
  world.session.input(`${KILL_LINE}${line}\r`);
  return true;
}

/** Types text at the prompt without running it (the learner presses Enter). */
export function pasteInTerminal(world: World, text: string): boolean {
  if (!world.session.atPrompt()) return false;
  world.session.input(text);
  return true;
}
