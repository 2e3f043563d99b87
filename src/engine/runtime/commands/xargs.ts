// xargs as GNU findutils (xargs/xargs.c) and busybox (findutils/xargs.c) run it: a Program that
// reads words from stdin as they arrive and runs the command (default echo) through the kernel
// with batches of them, one child at a time, waiting for each as a shell waits for a foreground
// command. GNU gives the children /dev/null as stdin; busybox lets them share its own.
import { isExecError, type Proc, type Program } from '../process/program';
import type { ExitStatus } from '../process/types';
import { getopt, isOptError, tryHelp } from './getopt';
import { libcOf, optionError, progName } from './msg';
import { resolvePath } from '../fs/path';
import { ctxOfProc, searchPath, type Flavor } from './util';

interface XargsState {
  cmd: string[];
  /** -n: arguments per command line */
  maxArgs?: number;
  /** -I: the string replaced by each input line */
  repl?: string;
  /** input separator: whitespace with quotes (undefined), or a byte (-0, -d) */
  delim?: string;
  noRunEmpty: boolean;
  verbose: boolean;
  /** the child's stdin: /dev/null (GNU) or our own */
  stdinFd: number;
  /** input not parsed yet (an incomplete word) */
  buf: string;
  eof: boolean;
  /** words read and not used yet */
  words: string[];
  ran: boolean;
  status: number;
  child?: number;
  /** an unmatched quote: reported once the words before it have run (GNU) */
  quoteError?: string;
}

/** GNU's command buffer (xargs --show-limits: 131072) and busybox's 32 KiB less 2048. */
const ARG_SPACE: Record<Flavor, number> = { gnu: 131072, busybox: 30720 };

interface Words {
  words: string[];
  /** unconsumed text: the start of a word that may continue */
  rest: string;
  /** 'single' | 'double': a quote left open */
  unmatched?: string;
}

/**
 * Split input into words as xargs does without -0: blanks and newlines separate, '...' and "..."
 * quote (GNU: not across a newline), a backslash outside quotes takes the next character as is.
 */
export function splitWords(text: string, eof: boolean, f: Flavor, keepBlanks = false): Words {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = '';
      else if (ch === '\n' && f === 'gnu') return { words, rest: '', unmatched: quote === "'" ? 'single' : 'double' };
      else word += ch;
      continue;
    }
    if (ch === '\n' || (!keepBlanks && (ch === ' ' || ch === '\t'))) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      start = i + 1;
      continue;
    }
    // an empty quoted word still counts for GNU; busybox stores only words with characters
    if (ch === "'" || ch === '"') {
      quote = ch;
      inWord ||= f === 'gnu';
    } else if (ch === '\\' && i + 1 < text.length) {
      word += text[++i];
      inWord = true;
    } else {
      word += ch;
      inWord = true;
    }
  }
  if (quote && eof) return { words, rest: '', unmatched: quote === "'" ? 'single' : 'double' };
  if (!eof) return { words, rest: text.slice(start) };
  if (inWord || word) words.push(word);
  return { words, rest: '' };
}

/** -I: each line is one argument; GNU still honours quotes, both skip leading blanks and empty lines. */
function splitLines(text: string, eof: boolean, f: Flavor): Words {
  const end = eof ? text.length : text.lastIndexOf('\n') + 1;
  const words: string[] = [];
  for (const raw of text.slice(0, end).split('\n')) {
    const line = raw.replace(/^[ \t]+/, '');
    if (!line) continue;
    if (f === 'busybox') {
      words.push(line);
      continue;
    }
    const w = splitWords(line, true, f, true);
    if (w.unmatched) return { words, rest: '', unmatched: w.unmatched };
    words.push(w.words.join(''));
  }
  return { words, rest: text.slice(end) };
}

function parse(p: Proc<XargsState>, f: Flavor): XargsState | number {
  const c = ctxOfProc(p as Proc<unknown>);
  const prog = progName(c, f);
  const r = getopt(p.argv, f === 'gnu'
    ? { short: '+0d:I:i::n:rt', long: { null: { key: '0', arg: 'none' }, delimiter: { key: 'd', arg: 'required' }, replace: { key: 'i', arg: 'optional' }, 'max-args': { key: 'n', arg: 'required' }, 'no-run-if-empty': { key: 'r', arg: 'none' }, verbose: { key: 't', arg: 'none' } } }
    : { short: '+trn:0I:', long: { 'no-run-if-empty': { key: 'r', arg: 'none' } } }, libcOf(c, f));
  if (isOptError(r)) return optionError(c, f, r.error);
  const s: XargsState = {
    cmd: r.args.length ? r.args : ['echo'], noRunEmpty: false, verbose: false, stdinFd: 0, buf: '', eof: false, words: [], ran: false, status: 0,
  };
  for (const [k, v] of r.opts) {
    if (k === 'r') s.noRunEmpty = true;
    else if (k === 't') s.verbose = true;
    else if (k === '0') s.delim = '\0';
    else if (k === 'd') s.delim = v!.replace(/^\\n$/, '\n').replace(/^\\t$/, '\t')[0] ?? '\0';
    else if (k === 'I' || k === 'i') {
      // -I implies one line per command (GNU: -L 1; busybox: and -r)
      s.repl = k === 'i' ? v ?? '{}' : v!;
      s.maxArgs = 1;
      s.noRunEmpty = true;
    } else if (k === 'n') {
      const n = /^\d+$/.test(v!) ? Number(v) : NaN;
      if (f === 'busybox' && !(n >= 1)) {
        // libbb/xatonum_template.c: "invalid number '%s'" / "number %s is not in %llu..%llu range"
        c.err(Number.isNaN(n) ? `${prog}: invalid number '${v}'\n` : `${prog}: number ${v} is not in 1..2147483647 range\n`);
        return 1;
      }
      if (Number.isNaN(n)) {
        // findutils xargs.c parse_num: "invalid number \"%s\" for -%c option"
        c.err(`${prog}: invalid number "${v}" for -n option\n${tryHelp(prog)}`);
        return 1;
      }
      if (n < 1) {
        // findutils xargs.c parse_num: "value %s for -%c option should be >= %ld"
        c.err(`${prog}: value ${v} for -n option should be >= 1\n${tryHelp(prog)}`);
        return 1;
      }
      if (s.repl === undefined) s.maxArgs = n;
    }
  }
  if (f === 'gnu') {
    const nul = p.open('/dev/null', 'r', 3);
    if (typeof nul === 'number') s.stdinFd = nul;
  }
  return s;
}

/** The next command line, or undefined when more input is needed (or there is nothing to run). */
function nextBatch(s: XargsState, f: Flavor): string[] | undefined {
  if (s.repl !== undefined) {
    const line = s.words.shift();
    return line === undefined ? undefined : s.cmd.map((a) => a.split(s.repl!).join(line));
  }
  const fixed = s.cmd.reduce((n, a) => n + a.length + 1, 0);
  let take = 0;
  let size = fixed;
  while (take < s.words.length && (s.maxArgs === undefined || take < s.maxArgs) && (take === 0 || size + s.words[take]!.length + 1 <= ARG_SPACE[f])) {
    size += s.words[take]!.length + 1;
    take++;
  }
  const full = (s.maxArgs !== undefined && take === s.maxArgs) || take < s.words.length;
  if (take && (full || s.eof)) return [...s.cmd, ...s.words.splice(0, take)];
  // no input at all: GNU and busybox still run the command once, unless -r
  if (s.eof && !s.words.length && !s.ran && !s.noRunEmpty && !s.quoteError) return [...s.cmd];
  return undefined;
}

function readInput(p: Proc<XargsState>, f: Flavor): 'wait' | 'more' {
  const s = p.state;
  const chunk = p.read(0, 'all');
  if (chunk === null) {
    p.waitReadable(0);
    return 'wait';
  }
  if (chunk === '') s.eof = true;
  const text = s.buf + chunk;
  let w: Words;
  if (s.delim !== undefined) {
    const parts = text.split(s.delim);
    const rest = s.eof ? '' : parts.pop()!;
    if (s.eof && parts[parts.length - 1] === '') parts.pop();
    w = { words: parts, rest };
  } else w = s.repl !== undefined ? splitLines(text, s.eof, f) : splitWords(text, s.eof, f);
  s.words.push(...w.words);
  s.buf = w.rest;
  if (w.unmatched) {
    // findutils xargs.c read_line: "unmatched %s quote; by default quotes are special to xargs unless you use the -0 option";
    // busybox xargs.c process_stdin: "unmatched %s quote"
    s.quoteError = f === 'gnu' ? `unmatched ${w.unmatched} quote; by default quotes are special to xargs unless you use the -0 option` : `unmatched ${w.unmatched} quote`;
    s.eof = true;
    // busybox dies at once; GNU runs what it has read first (exec_if_possible)
    if (f === 'busybox') s.words = [];
  }
  return 'more';
}

/** Run batches until one must be waited for, input is needed, or all is done. */
function pump(p: Proc<XargsState>, f: Flavor): void {
  const s = p.state;
  const prog = f === 'gnu' ? p.argv[0]! : 'xargs';
  while (p.alive && s.child === undefined) {
    const argv = nextBatch(s, f);
    if (!argv) {
      if (!s.eof) {
        if (readInput(p, f) === 'wait') return;
        continue;
      }
      if (s.quoteError) {
        p.write(2, `${prog}: ${s.quoteError}\n`);
        return p.exit(1);
      }
      return p.exit(s.status);
    }
    s.ran = true;
    // findutils xargs.c print_args / busybox xargs.c -t: the command line on stderr
    if (s.verbose) p.write(2, `${argv.join(' ')}\n`);
    const name = argv[0]!;
    const path = name.includes('/') ? resolvePath(p.cwd, name) : searchPath(p.fs, p.env, name)[0];
    const res = path === undefined ? { errno: 'ENOENT' as const, path: name } : p.run({ path, argv, fds: [s.stdinFd, 1, 2] });
    if (isExecError(res)) {
      // findutils xargs.c (exec failed): error (0, errno, "%s", argv[0]), 127 for ENOENT, else 126;
      // busybox xargs.c xargs_exec: bb_simple_perror_msg(G.args[0]), the same statuses
      const missing = res.errno === 'ENOENT';
      p.write(2, `${prog}: ${name}: ${missing ? 'No such file or directory' : 'Permission denied'}\n`);
      return p.exit(missing ? 127 : 126);
    }
    const st = res.status ?? p.reap(res.pid);
    if (st) {
      if (!childDone(p, f, st, name)) return;
      continue;
    }
    s.child = res.pid;
  }
}

/** A command finished: false when xargs stops (it has exited then). */
function childDone(p: Proc<XargsState>, f: Flavor, st: ExitStatus, name: string): boolean {
  const s = p.state;
  const prog = f === 'gnu' ? p.argv[0]! : 'xargs';
  if (st.signal) {
    // findutils xargs.c wait_for_proc: "%s: terminated by signal %d"; busybox: "'%s' terminated by signal %u"
    p.write(2, f === 'gnu' ? `${prog}: ${name}: terminated by signal ${st.code - 128}\n` : `${prog}: '${name}' terminated by signal ${st.code - 128}\n`);
    p.exit(125);
    return false;
  }
  if (st.code === 255) {
    // findutils xargs.c wait_for_proc / busybox xargs.c xargs_exec: "%s: exited with status 255; aborting"
    p.write(2, `${prog}: ${name}: exited with status 255; aborting\n`);
    p.exit(124);
    return false;
  }
  if (st.code !== 0) s.status = 123;
  return true;
}

export function xargsCommand(f: Flavor): Program<XargsState> {
  return {
    kind: 'program',
    start(p) {
      const s = parse(p, f);
      if (typeof s === 'number') return p.exit(s);
      p.state = s;
      pump(p, f);
    },
    event(p, ev) {
      const s = p.state;
      if (ev.type === 'child' && ev.pid === s.child) {
        s.child = undefined;
        if (!childDone(p, f, ev.status, s.cmd[0]!)) return;
        pump(p, f);
      } else if (ev.type === 'readable' && s.child === undefined) pump(p, f);
    },
  };
}
