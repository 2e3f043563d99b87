// Each shell says the same things in its own words. Three dialects:
// - dash: /bin/sh on Debian and Ubuntu images (nginx, redis, ...)
// - ash: busybox's shell (/bin/sh on busybox and alpine images)
// - bash
// Formats come from dash src/error.c + parser.c, busybox shell/ash.c, bash error.c + parse.y.

export type DialectName = 'dash' | 'ash' | 'bash';

/** Where an error happened: what the prefix of its line needs. */
export interface ErrorContext {
  /** $0: `sh`, `/bin/sh`, `bash`, or the script path */
  arg0: string;
  /** the line of the command being run (LINENO) */
  line: number;
  interactive: boolean;
  /** the shell was started interactive (bash's interactive_shell: a subshell keeps it, `$-` loses i) */
  startedInteractive?: boolean;
  /** running a script file (not -c, not stdin) */
  script: boolean;
  /** the builtin that complains, if any */
  cmd?: string;
}

/** The prefix of a runtime error line. */
export function errorPrefix(d: DialectName, c: ErrorContext): string {
  switch (d) {
    case 'dash':
      // dash src/error.c exvwarning2: "%s: %d: " or "%s: %d: %s: " (arg0, errlinno, commandname)
      return `${c.arg0}: ${c.line}: ${c.cmd ? `${c.cmd}: ` : ''}`;
    case 'ash': {
      // busybox shell/ash.c ash_vmsg: "arg0: ", then "commandname: " if it differs from arg0 and
      // "line N: " when not interactive or reading a file; commandname is the running builtin
      // (or the script while one runs), and unset for `sh -c`.
      const commandname = c.cmd ?? (c.script ? c.arg0 : undefined);
      let s = `${c.arg0}: `;
      if (commandname) {
        if (commandname !== c.arg0) s += `${commandname}: `;
        if (!c.interactive || c.script) s += `line ${c.line}: `;
      }
      return s;
    }
    case 'bash':
      // bash error.c error_prolog / builtins/common.c builtin_error_prolog:
      // "name: line N: " unless interactive_shell (so not in a pipeline or ( ) of an interactive
      // shell either), then "builtin: "
      return `${c.arg0}: ${c.interactive || c.startedInteractive ? '' : `line ${c.line}: `}${c.cmd ? `${c.cmd}: ` : ''}`;
  }
}

/** `foo: not found` / `foo: command not found` (exit 127). */
export function notFound(d: DialectName, name: string): string {
  // bash execute_cmd.c execute_disk_command: "%s: command not found"
  if (d === 'bash') return `${name}: command not found`;
  // dash src/exec.c shellexec + errmsg(E_EXEC) "not found"; busybox ash.c shellexec the same
  return `${name}: not found`;
}

/** Why an exec failed, as the shell words it (exit 126 unless noted). */
export function execFailure(d: DialectName, path: string, errno: string, isDir: boolean): string {
  if (errno === 'ENOEXEC') {
    // bash execute_cmd.c shell_execve: "%s: cannot execute binary file: %s"
    if (d === 'bash') return `${path}: cannot execute binary file: Exec format error`;
    return `${path}: Exec format error`;
  }
  // bash reports a directory by name; dash and ash print strerror(EACCES)
  if (d === 'bash' && isDir) return `${path}: Is a directory`;
  if (errno === 'ENOENT' || errno === 'ENOTDIR') return d === 'bash' ? `${path}: No such file or directory` : `${path}: not found`;
  return `${path}: Permission denied`;
}

/**
 * The status of a command whose redirection failed. dash src/redir.c redirectsafe and busybox
 * shell/ash.c redirectsafe: 2 × the setjmp value of the caught error; bash redir.c: 1.
 */
export function redirFailStatus(d: DialectName): number {
  return d === 'bash' ? 1 : 2;
}

/** A redirection that cannot be opened. `code` is the errno name. */
export function redirFailure(d: DialectName, path: string, code: string, forWrite: boolean): string {
  const missing = code === 'ENOENT' || code === 'ENOTDIR';
  if (d === 'dash') {
    // dash src/redir.c openredirect: "cannot create %s: %s" / "cannot open %s: %s",
    // src/error.c errmsg: ENOENT is "Directory nonexistent" (E_CREAT) or "No such file" (E_OPEN)
    if (forWrite) return `cannot create ${path}: ${missing ? 'Directory nonexistent' : strerrorOf(code)}`;
    return `cannot open ${path}: ${missing ? 'No such file' : strerrorOf(code)}`;
  }
  if (d === 'ash') {
    // busybox ash.c openredirect: "can't create %s: %s" / "can't open %s: %s" (errmsg: ENOENT texts)
    if (forWrite) return `can't create ${path}: ${missing ? 'nonexistent directory' : strerrorOf(code)}`;
    return `can't open ${path}: ${missing ? 'no such file' : strerrorOf(code)}`;
  }
  // bash redir.c redirection_error → file_error: "%s: %s"
  return `${path}: ${strerrorOf(code)}`;
}

/** glibc strerror text for the errno names Podlab uses. */
export function strerrorOf(code: string): string {
  switch (code) {
    case 'ENOENT': return 'No such file or directory';
    case 'EEXIST': return 'File exists';
    case 'ENOTDIR': return 'Not a directory';
    case 'EISDIR': return 'Is a directory';
    case 'ENOTEMPTY': return 'Directory not empty';
    case 'EACCES': return 'Permission denied';
    case 'EROFS': return 'Read-only file system';
    case 'EBUSY': return 'Device or resource busy';
    case 'EINVAL': return 'Invalid argument';
    case 'ESRCH': return 'No such process';
    case 'EPERM': return 'Operation not permitted';
    case 'EBADF': return 'Bad file descriptor';
    case 'ENOSPC': return 'No space left on device';
    case 'EXDEV': return 'Invalid cross-device link';
    default: return code;
  }
}

// ---------- syntax errors ----------

/** The token a syntax error is about. */
export interface TokenInfo {
  type: 'eof' | 'newline' | 'word' | 'op' | 'keyword' | 'redir';
  text: string;
}

export type SyntaxErrorInfo =
  | { kind: 'token'; tok: TokenInfo; expecting?: string; line: number; source: string }
  | { kind: 'unterminated'; what: 'quote' | 'brace' | 'arith' | 'backquote' | 'paren'; ch: string; line: number; startLine: number }
  | { kind: 'bad'; what: 'substitution' | 'fd' | 'for-var' | 'function-name'; line: number };

/** Whether more input could complete the text (an interactive shell then prompts with PS2). */
export function syntaxErrorAtEof(e: SyntaxErrorInfo): boolean {
  return e.kind === 'unterminated' || (e.kind === 'token' && e.tok.type === 'eof');
}

/**
 * The lines a syntax error prints. `arg0` is $0; `iname` is bash's input name (`-c` for a -c
 * string, the script path for a file). Exit status is 2 in all three shells.
 */
export function syntaxError(d: DialectName, e: SyntaxErrorInfo, arg0: string, iname: string, interactive: boolean): string {
  if (d === 'bash') {
    // bash error.c parser_error: "name: iname: line N: " when not interactive ("name: " when it is);
    // "name: line N: " when name and input name are the same (a script)
    const pre = (line: number): string => (interactive ? `${arg0}: ` : arg0 === iname ? `${arg0}: line ${line}: ` : `${arg0}: ${iname}: line ${line}: `);
    if (e.kind === 'unterminated') {
      // parse.y parse_matched_pair: "unexpected EOF while looking for matching `%c'"
      const close = e.ch === '${' ? '}' : e.ch === '$((' ? ')' : e.ch === '$(' ? ')' : e.ch;
      return `${pre(e.startLine)}unexpected EOF while looking for matching \`${close}'\n`;
    }
    if (e.kind === 'bad') return `${pre(e.line)}${e.what === 'substitution' ? 'bad substitution' : 'syntax error'}\n`;
    if (e.tok.type === 'eof') return `${pre(e.line)}syntax error: unexpected end of file\n`;
    // parse.y report_syntax_error: "syntax error near unexpected token `%s'", then (not
    // interactive) print_offending_line: "`%s'" with the line's text
    const tok = e.tok.type === 'newline' ? 'newline' : e.tok.text;
    let out = `${pre(e.line)}syntax error near unexpected token \`${tok}'\n`;
    if (!interactive) out += `${pre(e.line)}\`${e.source}'\n`;
    return out;
  }
  const pre = d === 'dash' ? `${arg0}: ${e.line}: ` : `${arg0}: `;
  if (e.kind === 'unterminated') {
    // dash parser.c readtoken1 endword checks / busybox ash.c the same, in lower case
    const dash = { arith: "Missing '))'", brace: "Missing '}'", backquote: 'EOF in backquote substitution', quote: 'Unterminated quoted string', paren: 'end of file unexpected (expecting ")")' };
    const ash = { arith: "missing '))'", brace: "missing '}'", backquote: 'EOF in backquote substitution', quote: 'unterminated quoted string', paren: 'unexpected end of file (expecting ")")' };
    return d === 'dash' ? `${pre}Syntax error: ${dash[e.what]}\n` : `${pre}syntax error: ${ash[e.what]}\n`;
  }
  if (e.kind === 'bad') {
    const text = { substitution: 'Bad substitution', fd: 'Bad fd number', 'for-var': 'Bad for loop variable', 'function-name': 'Bad function name' }[e.what];
    // dash: sh_error("Bad substitution") is not a syntax error line; the rest go through synerror
    if (d === 'dash') return e.what === 'substitution' ? `${pre}${text}\n` : `${pre}Syntax error: ${text}\n`;
    return `${pre}syntax error: ${text[0]!.toLowerCase()}${text.slice(1)}\n`;
  }
  if (d === 'dash') {
    // dash parser.c synexpect: "%s unexpected (expecting %s)" / "%s unexpected", tokname quoted
    // for operators and keywords (src/mktokens), bare for end of file, newline, word, redirection
    const name = dashTokName(e.tok);
    return `${pre}Syntax error: ${name} unexpected${e.expecting ? ` (expecting ${quoteTok(e.expecting)})` : ''}\n`;
  }
  // busybox ash.c raise_error_unexpected_syntax: "unexpected %s" + " (expecting %s)"; tokname
  // leaves end of file, newline, redirection and word bare
  const name = dashTokName(e.tok);
  return `${pre}syntax error: unexpected ${name}${e.expecting ? ` (expecting ${quoteTok(e.expecting)})` : ''}\n`;
}

function dashTokName(t: TokenInfo): string {
  switch (t.type) {
    case 'eof': return 'end of file';
    case 'newline': return 'newline';
    case 'word': return 'word';
    case 'redir': return 'redirection';
    default: return `"${t.text}"`;
  }
}

function quoteTok(s: string): string {
  return s === 'end of file' || s === 'newline' || s === 'word' ? s : `"${s}"`;
}
