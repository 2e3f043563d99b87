// Error messages in each shell's own words: dash (Debian/Ubuntu /bin/sh), busybox ash, bash.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../process/sandbox';

type Dialect = 'dash' | 'ash' | 'bash';

/** Run a -c script the way an image would: `sh -c` for dash and busybox, `bash -c` for bash. */
function run(d: Dialect, script: string): { out: string; err: string; code: number | undefined } {
  const sb = new Sandbox({ sh: d === 'bash' ? 'dash' : d });
  const r = sb.finish(d === 'bash' ? sb.sh(script, 'bash') : sb.sh(script, 'sh'));
  return { out: r.out, err: r.err, code: r.exit?.code };
}

describe('command not found (exit 127)', () => {
  it.each([
    ['dash', 'sh: 1: foo: not found\n'],
    ['ash', 'sh: foo: not found\n'],
    ['bash', 'bash: line 1: foo: command not found\n'],
  ] as const)('%s', (d, err) => {
    expect(run(d, 'foo')).toEqual({ out: '', err, code: 127 });
  });

  it('knows no builtin named like an Object property (constructor, toString)', () => {
    expect(run('dash', 'constructor; echo $?; toString; type hasOwnProperty')).toEqual({
      out: '127\nhasOwnProperty: not found\n',
      err: 'sh: 1: constructor: not found\nsh: 1: toString: not found\n',
      code: 127,
    });
  });

  it('names $0 as the shell was invoked (/bin/sh in a pod command)', () => {
    const sb = new Sandbox();
    const r = sb.finish(sb.run(['/bin/sh', '-c', 'true\nnope']));
    expect(r.err).toBe('/bin/sh: 2: nope: not found\n');
  });

  it('uses the script name and its line for a script file', () => {
    const sb = new Sandbox();
    sb.fs.writeFile('/run.sh', 'echo start\n\nmissing-cmd\n');
    const r = sb.finish(sb.run(['sh', '/run.sh']));
    expect(r.out).toBe('start\n');
    expect(r.err).toBe('/run.sh: 3: missing-cmd: not found\n');
  });
});

describe('syntax errors (exit 2)', () => {
  it.each([
    ['dash', 'while true; do echo hi', 'sh: 1: Syntax error: end of file unexpected (expecting "done")\n'],
    ['ash', 'while true; do echo hi', 'sh: syntax error: unexpected end of file (expecting "done")\n'],
    ['bash', 'while true; do echo hi', 'bash: -c: line 1: syntax error: unexpected end of file\n'],
    ['dash', 'if true; then echo; fi fi', 'sh: 1: Syntax error: "fi" unexpected\n'],
    ['ash', 'if true; then echo; fi fi', 'sh: syntax error: unexpected "fi"\n'],
    ['bash', 'if true; then echo; fi fi', "bash: -c: line 1: syntax error near unexpected token `fi'\nbash: -c: line 1: `if true; then echo; fi fi'\n"],
    ['dash', 'echo "open', 'sh: 1: Syntax error: Unterminated quoted string\n'],
    ['ash', 'echo "open', 'sh: syntax error: unterminated quoted string\n'],
    ['bash', 'echo "open', "bash: -c: line 1: unexpected EOF while looking for matching `\"'\n"],
    ['dash', 'case x in a) echo;; esac; done', 'sh: 1: Syntax error: "done" unexpected\n'],
    ['dash', 'if true; then echo; done', 'sh: 1: Syntax error: "done" unexpected (expecting "fi")\n'],
  ] as const)('%s: %s', (d, script, err) => {
    expect(run(d, script)).toEqual({ out: '', err, code: 2 });
  });

  it('runs the lines before the one with the error, as dash parses line by line', () => {
    expect(run('dash', 'echo first\nif then')).toEqual({ out: 'first\n', err: 'sh: 2: Syntax error: "then" unexpected\n', code: 2 });
  });
});

describe('builtin and redirection errors', () => {
  it.each([
    ['dash', 'cd /nope', 'sh: 1: cd: can\'t cd to /nope\n', 2],
    ['ash', 'cd /nope', "sh: cd: line 1: can't cd to /nope: No such file or directory\n", 1],
    ['bash', 'cd /nope', 'bash: line 1: cd: /nope: No such file or directory\n', 1],
    // a failed redirection is status 2 in dash and ash (redirectsafe), as `dash -c 'echo x > /nope/f'` exits
    ['dash', 'echo x > /nope/f', 'sh: 1: cannot create /nope/f: Directory nonexistent\n', 2],
    ['ash', 'echo x > /nope/f', "sh: can't create /nope/f: nonexistent directory\n", 2],
    ['bash', 'echo x > /nope/f', 'bash: line 1: /nope/f: No such file or directory\n', 1],
    ['dash', 'cat < /nope', 'sh: 1: cannot open /nope: No such file\n', 2],
    ['bash', 'cat < /nope', 'bash: line 1: /nope: No such file or directory\n', 1],
    ['dash', 'exit abc', 'sh: 1: exit: Illegal number: abc\n', 2],
    ['bash', 'exit abc', 'bash: line 1: exit: abc: numeric argument required\n', 2],
    ['dash', 'echo $((1/0))', 'sh: 1: arithmetic expression: division by zero: "1/0"\n', 2],
    ['bash', 'echo $((1/0))', 'bash: line 1: 1/0: division by 0 (error token is "0")\n', 1],
    ['dash', 'echo ${x?}', 'sh: 1: x: parameter not set\n', 2],
    ['bash', 'echo ${x:?}', 'bash: line 1: x: parameter null or not set\n', 1],
    ['dash', 'set -u; echo $nope', 'sh: 1: nope: parameter not set\n', 2],
    ['bash', 'set -u; echo $nope', 'bash: line 1: nope: unbound variable\n', 1],
    ['dash', '[ a -eq 1 ]', 'sh: 1: [: Illegal number: a\n', 2],
    ['bash', '[ a -eq 1 ]', 'bash: line 1: [: a: integer expression expected\n', 2],
    ['dash', '[ 1 -eq 1', 'sh: 1: [: missing ]\n', 2],
    ['bash', '[ 1 -eq 1', "bash: line 1: [: missing `]'\n", 2],
    ['dash', 'x=1; readonly x; x=2', 'sh: 1: x: is read only\n', 2],
    ['bash', 'x=1; readonly x; x=2', 'bash: line 1: x: readonly variable\n', 1],
  ] as const)('%s: %s', (d, script, err, code) => {
    expect(run(d, script)).toEqual({ out: '', err, code });
  });

  it('permission and directory errors are 126', () => {
    const sb = new Sandbox();
    sb.fs.writeFile('/tmp/script', 'echo hi\n', { mode: 0o644 });
    const dash = sb.finish(sb.sh('/tmp/script; echo $?; /tmp; echo $?'));
    expect(dash.err).toBe('sh: 1: /tmp/script: Permission denied\nsh: 1: /tmp: Permission denied\n');
    expect(dash.out).toBe('126\n126\n');
    const bash = sb.finish(sb.sh('/tmp; echo $?', 'bash'));
    expect(bash.err).toBe('bash: line 1: /tmp: Is a directory\n');
  });
});
