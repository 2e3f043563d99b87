// Raw terminal input (what xterm's onData hands over) split into keys: printable text, control
// characters and the escape sequences xterm sends for arrows, Home/End and Delete (xterm's
// ctlseqs: CSI A/B/C/D, CSI H/F or SS3 H/F, CSI 1~/4~/3~; Alt+key as ESC key).

export type Key =
  | { k: 'text'; text: string }
  | { k: 'enter' } | { k: 'backspace' } | { k: 'delete' } | { k: 'tab' }
  | { k: 'up' } | { k: 'down' } | { k: 'left' } | { k: 'right' } | { k: 'home' } | { k: 'end' }
  | { k: 'word-left' } | { k: 'word-right' }
  /** Ctrl+letter, lower case: 'a' for Ctrl-A */
  | { k: 'ctrl'; c: string }
  | { k: 'unknown'; seq: string };

const CSI_KEYS: Record<string, Key> = {
  A: { k: 'up' }, B: { k: 'down' }, C: { k: 'right' }, D: { k: 'left' }, H: { k: 'home' }, F: { k: 'end' },
  '1~': { k: 'home' }, '7~': { k: 'home' }, '4~': { k: 'end' }, '8~': { k: 'end' }, '3~': { k: 'delete' },
  '1;5C': { k: 'word-right' }, '1;5D': { k: 'word-left' },
};

/** Split `data` into keys. Text runs stay together (a paste is one key). */
export function parseKeys(data: string): Key[] {
  const keys: Key[] = [];
  let text = '';
  const flush = (): void => {
    if (text) keys.push({ k: 'text', text });
    text = '';
  };
  for (let i = 0; i < data.length; i++) {
    const ch = data[i]!;
    const code = ch.charCodeAt(0);
    if (ch === '\x1b') {
      flush();
      const rest = data.slice(i + 1);
      const csi = /^\[([0-9;]*[A-Za-z~])/.exec(rest);
      const ss3 = /^O([A-Za-z])/.exec(rest);
      if (csi) {
        keys.push(CSI_KEYS[csi[1]!] ?? { k: 'unknown', seq: `\x1b[${csi[1]}` });
        i += csi[0].length;
      } else if (ss3) {
        keys.push(CSI_KEYS[ss3[1]!] ?? { k: 'unknown', seq: `\x1bO${ss3[1]}` });
        i += ss3[0].length;
      } else if (rest[0] === 'b' || rest[0] === 'f') {
        // readline: M-b backward-word, M-f forward-word
        keys.push({ k: rest[0] === 'b' ? 'word-left' : 'word-right' });
        i += 1;
      } else keys.push({ k: 'unknown', seq: '\x1b' });
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      flush();
      keys.push({ k: 'enter' });
      // a terminal sends \r; pasted text may carry \r\n: one Enter
      if (ch === '\r' && data[i + 1] === '\n') i++;
      continue;
    }
    if (ch === '\x7f' || ch === '\b') {
      flush();
      keys.push({ k: 'backspace' });
      continue;
    }
    if (ch === '\t') {
      flush();
      keys.push({ k: 'tab' });
      continue;
    }
    if (code < 0x20) {
      flush();
      keys.push({ k: 'ctrl', c: String.fromCharCode(code + 0x60) });
      continue;
    }
    text += ch;
  }
  flush();
  return keys;
}
