// Commands from stdin (`sh -i`, `sh` reading a pipe, `kubectl exec -it`): whole commands are
// taken from the input buffer as they complete, with PS1/PS2 prompts on stderr when interactive;
// and the read builtin's retry once its fd has data.
import { basename } from '../fs/path';
import { userName } from '../commands/system';
import { BLOCK, BUILTINS } from './builtins';
import { syntaxErrorAtEof, type DialectName } from './dialect';
import { notifyJobs } from './jobs';
import { parse } from './parser';
import type { Interp } from './shell';
import type { Wait } from './state';

export function readInput(it: Interp): boolean {
  const s = it.s;
  const p = it.p;
  const inp = s.input!;
  for (;;) {
    const text = takeCommand(inp, it.dialect);
    if (text !== null) {
      s.frames.push({ s: it.intern(text), u: 0, pc: 0, k: 'input', sc: [], lo: inp.line - 1 });
      inp.line += countLines(text);
      inp.prompted = false;
      return true;
    }
    if (inp.eof) {
      if (inp.buf.trim()) {
        const rest = inp.buf;
        inp.buf = '';
        s.frames.push({ s: it.intern(rest), u: 0, pc: 0, k: 'input', sc: [], lo: inp.line - 1 });
        inp.line += countLines(rest);
        return true;
      }
      if (s.opts.i && it.dialect === 'bash') p.write(2, 'exit\n');
      it.finish(s.st);
      return false;
    }
    if (s.opts.i && !inp.prompted) {
      // bash reports the jobs that ended before it prompts for a new command
      if (!inp.buf && it.dialect === 'bash') notifyJobs(it);
      p.write(2, prompt(it, inp.buf ? 'PS2' : 'PS1'));
      inp.prompted = true;
    }
    const chunk = p.read(0, 'all');
    if (chunk === null) {
      s.wait = { k: 'input' };
      p.waitReadable(0);
      return false;
    }
    if (chunk === '') inp.eof = true;
    else {
      inp.buf += chunk;
      inp.prompted = inp.prompted && !chunk.includes('\n');
    }
  }
}

export function prompt(it: Interp, which: 'PS1' | 'PS2'): string {
  const ps = it.param(which) ?? '';
  if (it.dialect === 'dash') return ps;
  // bash PROMPTING (and busybox ash's fancy prompt, which reads the same escapes)
  return ps.replace(/\\([uhHwWs$v\\n])/g, (_, c: string) => {
    switch (c) {
      // bash shell.c get_current_user_info: getpwuid(getuid()), "I have no name!" without an entry
      // (a filesystem Podlab gave no /etc/passwd at all, e.g. a node restored from an older save,
      // keeps $USER)
      case 'u': return userName(it.p.fs, it.p.cred.uid) ?? (it.p.fs.exists('/etc/passwd') ? 'I have no name!' : it.param('USER') ?? 'root');
      case 'h': return (it.param('HOSTNAME') ?? 'localhost').split('.')[0]!;
      case 'H': return it.param('HOSTNAME') ?? 'localhost';
      case 'w': {
        const home = it.param('HOME');
        const cwd = it.p.cwd;
        return home && (cwd === home || cwd.startsWith(home + '/')) ? '~' + cwd.slice(home.length) : cwd;
      }
      case 'W': return basename(it.p.cwd);
      case 's': return it.dialect === 'bash' ? 'bash' : 'sh';
      case 'v': return '5.2';
      // bash parse.y decode_prompt_string / busybox lineedit.c parse_and_put_prompt: '#' for euid 0
      case '$': return it.p.cred.uid === 0 ? '#' : '$';
      case 'n': return '\n';
      default: return '\\';
    }
  });
}

/** Called by the read builtin's retry after its fd became readable. */
export function retryRead(it: Interp, w: Extract<Wait, { k: 'read' }>): void {
  if (w.timer !== undefined) it.p.clearTimer(w.timer);
  it.cmdName = 'read';
  it.retrying = true;
  const res = BUILTINS.read!(it, w.argv);
  it.retrying = false;
  it.cmdName = undefined;
  if (res === BLOCK) {
    const nw = it.s.wait as Extract<Wait, { k: 'read' }>;
    nw.after = w.after;
    if (w.timer !== undefined && nw.timer === undefined) nw.timer = w.timer;
    return;
  }
  it.finishAfter(w.after, res as number);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/** The first complete command in the input buffer (whole lines), or null when more is needed. */
function takeCommand(inp: { buf: string; eof: boolean }, d: DialectName): string | null {
  const buf = inp.buf;
  for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', nl + 1)) {
    const text = buf.slice(0, nl + 1);
    const res = parse(text, d);
    const e = res.error;
    // an interactive shell reads on until a here-document's delimiter line (bash: PS2 lines)
    if ((!e || !syntaxErrorAtEof(e)) && !(res.heredocAtEof && !inp.eof)) {
      inp.buf = buf.slice(nl + 1);
      return text;
    }
  }
  return null;
}
