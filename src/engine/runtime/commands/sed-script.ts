// sed scripts parsed into commands: addresses (N, $, /re/, first~step, ranges, !), blocks and the
// commands s y p d q Q = a i c, with GNU sed/compile.c's error texts (bad_prog) or busybox
// editors/sed.c's. Regular expressions go through regex.ts (POSIX BRE, or ERE with -E).
import { translateRegex } from './regex';
import type { Flavor } from './util';

export type Addr =
  | { k: 'line'; n: number }
  | { k: 'last' }
  | { k: 're'; src: string; flags: string }
  | { k: 'step'; first: number; step: number };

export interface Cmd {
  a1?: Addr;
  a2?: Addr;
  neg: boolean;
  op: string;
  /** s: regex source and flags; y: from/to; a/i/c: text; q/Q: exit code; {: index of the matching } */
  re?: string;
  flags?: string;
  repl?: string;
  global?: boolean;
  nth?: number;
  print?: boolean;
  text?: string;
  code?: number;
  jump?: number;
  /** range state: inside the range (and the line it started on) */
  active?: boolean;
}

export class SedError extends Error {
  constructor(readonly pos: number, msg: string) {
    super(msg);
  }
}



export function parseScript(text: string, ere: boolean, f: Flavor): Cmd[] {
  const cmds: Cmd[] = [];
  const blocks: number[] = [];
  let i = 0;
  const eof = (): boolean => i >= text.length;
  const skipWs = (): void => {
    while (!eof() && /[ \t]/.test(text[i]!)) i++;
  };
  const bad = (msg: string, busybox?: string): never => {
    throw new SedError(Math.min(i, text.length), f === 'gnu' ? msg : busybox ?? msg);
  };
  /** Text up to an unescaped `delim`; `\delim` becomes delim, other escapes stay. */
  const until = (delim: string, what: string): string => {
    let out = '';
    for (;;) {
      if (eof() || text[i] === '\n') bad(what, `unmatched '${delim}'`);
      const ch = text[i++]!;
      if (ch === '\\' && !eof()) {
        const n = text[i++]!;
        out += n === delim ? delim : `\\${n}`;
        continue;
      }
      if (ch === delim) return out;
      out += ch;
    }
  };
  const regex = (pat: string): string => {
    if (pat === '') return '';
    const r = translateRegex(pat, ere);
    if ('error' in r) bad(r.error, `bad regex '${pat}': ${r.error}`);
    return (r as { source: string }).source;
  };
  const address = (): Addr | undefined => {
    const ch = text[i];
    if (ch === undefined) return undefined;
    if (/\d/.test(ch)) {
      const m = /^(\d+)(?:~(\d+))?/.exec(text.slice(i))!;
      i += m[0].length;
      if (m[2] !== undefined) return { k: 'step', first: Number(m[1]), step: Number(m[2]) };
      return { k: 'line', n: Number(m[1]) };
    }
    if (ch === '$') {
      i++;
      return { k: 'last' };
    }
    if (ch === '/' || ch === '\\') {
      i++;
      const delim = ch === '\\' ? text[i++]! : '/';
      // sed/compile.c: "unterminated address regex"
      const src = regex(until(delim, 'unterminated address regex'));
      let flags = '';
      while (text[i] === 'I' || text[i] === 'M') {
        if (text[i] === 'I') flags = 'i';
        i++;
      }
      return { k: 're', src, flags };
    }
    return undefined;
  };
  const textArg = (): string => {
    // GNU one-liner `a text` / `a\` newline text
    skipWs();
    if (text[i] === '\\') {
      i++;
      if (text[i] === '\n') i++;
    }
    let out = '';
    while (!eof() && text[i] !== '\n') {
      if (text[i] === '\\' && i + 1 < text.length) {
        out += text[i + 1] === 'n' ? '\n' : text[i + 1];
        i += 2;
        continue;
      }
      out += text[i++];
    }
    return out;
  };
  while (!eof()) {
    skipWs();
    if (eof()) break;
    if (text[i] === ';' || text[i] === '\n') {
      i++;
      continue;
    }
    const cmd: Cmd = { neg: false, op: '' };
    cmd.a1 = address();
    if (cmd.a1 && text[i] === ',') {
      i++;
      skipWs();
      cmd.a2 = address();
      // sed/compile.c: "unexpected `,'"
      if (!cmd.a2) bad("unexpected `,'", 'no address after comma');
    }
    skipWs();
    while (text[i] === '!') {
      cmd.neg = true;
      i++;
      skipWs();
    }
    if (eof()) bad('missing command', 'missing command');
    const op = text[i++]!;
    cmd.op = op;
    switch (op) {
      case '{':
        blocks.push(cmds.length);
        break;
      case '}': {
        if (cmd.a1) bad('} doesn\'t want any addresses', "unexpected '}'");
        const open = blocks.pop();
        if (open === undefined) bad("unexpected `}'", "unexpected '}'");
        cmds[open!]!.jump = cmds.length + 1;
        break;
      }
      case 'p': case 'd': case '=': case 'D': case 'P':
        break;
      case 'q': case 'Q': {
        if (cmd.a2) bad('command only uses one address', `command '${op}' uses only one address`);
        skipWs();
        const m = /^\d+/.exec(text.slice(i));
        if (m) i += m[0].length;
        cmd.code = m ? Number(m[0]) : 0;
        break;
      }
      case 'a': case 'i': case 'c':
        if ((op === 'a' || op === 'i') && cmd.a2 && f === 'busybox') bad('', `command '${op}' uses only one address`);
        cmd.text = textArg();
        break;
      case 's': {
        const delim = text[i++];
        if (delim === undefined || delim === '\n' || delim === '\\') bad("unterminated `s' command", `unmatched '${delim ?? ''}'`);
        const pat = until(delim!, "unterminated `s' command");
        const repl = until(delim!, "unterminated `s' command");
        cmd.re = regex(pat);
        cmd.repl = repl;
        cmd.flags = '';
        cmd.global = false;
        for (;;) {
          const fl = text[i];
          if (fl === undefined || fl === ';' || fl === '\n' || fl === '}' || fl === ' ' || fl === '\t') break;
          i++;
          if (fl === 'g') cmd.global = true;
          else if (fl === 'p') cmd.print = true;
          else if (fl === 'i' || fl === 'I') cmd.flags = 'i';
          else if (/\d/.test(fl)) {
            const m = /^\d*/.exec(text.slice(i))!;
            cmd.nth = Number(fl + m[0]);
            i += m[0].length;
          } else bad("unknown option to `s'", 'bad option in substitution expression');
        }
        const groups = /\\([1-9])/g;
        for (const m of repl.matchAll(groups)) {
          const want = Number(m[1]);
          const have = (cmd.re.match(/(?<!\\)\((?!\?)/g) ?? []).length;
          // sed/compile.c: "invalid reference \\%d on `s' command's RHS"
          if (want > have) bad(`invalid reference \\${want} on \`s' command's RHS`, 'invalid reference');
        }
        break;
      }
      case 'y': {
        const delim = text[i++]!;
        const from = until(delim, "unterminated `y' command").replace(/\\(.)/g, (_x, ch: string) => (ch === 'n' ? '\n' : ch));
        const to = until(delim, "unterminated `y' command").replace(/\\(.)/g, (_x, ch: string) => (ch === 'n' ? '\n' : ch));
        // sed/compile.c: "strings for `y' command are different lengths"
        if ([...from].length !== [...to].length) bad("strings for `y' command are different lengths", 'strings for y command are different lengths');
        cmd.text = from;
        cmd.repl = to;
        break;
      }
      default:
        // sed/compile.c: "unknown command: `%c'"; busybox sed.c: "unsupported command %c"
        bad(`unknown command: \`${op}'`, `unsupported command ${op}`);
    }
    cmds.push(cmd);
    skipWs();
    if (!eof() && !/[;\n}]/.test(text[i]!) && op !== '{' && op !== 'a' && op !== 'i' && op !== 'c') {
      // sed/compile.c read_end_of_cmd: "extra characters after command"
      bad('extra characters after command', `unsupported command ${text[i]}`);
    }
  }
  if (blocks.length) {
    i = text.length;
    bad("unmatched `{'", "unmatched '{'");
  }
  return cmds;
}

