// Small pieces of the terminal panel kept apart from React: the theme from the app's CSS
// variables, and the buffer as plain text (the test hook; it works for any renderer).
import type { ITheme, Terminal } from '@xterm/xterm';

export function terminalTheme(el: HTMLElement): ITheme {
  const css = getComputedStyle(el);
  const v = (name: string) => css.getPropertyValue(name).trim() || undefined;
  return {
    background: v('--bg-term'),
    foreground: v('--fg-term'),
    cursor: v('--fg-term'),
    selectionBackground: '#3a5a8a',
  };
}

export function bufferText(term: Terminal): string {
  const b = term.buffer.active;
  const lines: string[] = [];
  for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
  return lines.join('\n').trimEnd();
}
