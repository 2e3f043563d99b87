// What the terminal shows for keys typed before the shell's session is up: the characters of the
// line as typed, Backspace taking one back, Enter a new line (with no prompt after it: the command
// runs, and its line is echoed again, once the session arrives). Anything else is kept for the
// session but not shown.

/** A fresh echo for one early line editor: maps typed data to what to write. */
export function earlyEcho(): (data: string) => string {
  let line = 0;
  return (data) => {
    // an escape sequence (arrows, function keys) arrives whole: its printable tail is not text
    if (data.startsWith('\x1b')) return '';
    let out = '';
    for (const ch of data) {
      if (ch === '\r') {
        out += '\r\n';
        line = 0;
      } else if (ch === '\x7f' || ch === '\b') {
        if (line > 0) {
          out += '\b \b';
          line--;
        }
      } else if (ch >= ' ' && ch !== '\x7f') {
        out += ch;
        line++;
      }
    }
    return out;
  };
}
