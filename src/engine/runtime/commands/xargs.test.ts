// Expected texts are what GNU findutils 4.9 xargs printed for the same command lines (LC_ALL=C),
// and what busybox 1.37's findutils/xargs.c prints (cited beside each).
import { describe, expect, it } from 'vitest';
import { box } from './testing';

const TRY = "Try 'xargs --help' for more information.\n";

describe('xargs (GNU)', () => {
  it('runs the command with the words of stdin, echo by default, -n batches', () => {
    const d = box('debian');
    expect(d.sh('seq 3 | xargs')).toEqual({ out: '1 2 3\n', err: '', code: 0 });
    expect(d.sh('seq 3 | xargs -n1 echo').out).toBe('1\n2\n3\n');
    expect(d.sh('seq 4 | xargs -n 2 echo').out).toBe('1 2\n3 4\n');
    expect(d.sh('printf "a\\0b c\\0" | xargs -0 -n1 echo').out).toBe('a\nb c\n');
    expect(d.sh('printf "a b c" | xargs -n2 -t echo')).toEqual({ out: 'a b\nc\n', err: 'echo a b\necho c\n', code: 0 });
  });

  it('quotes and backslashes as GNU reads them', () => {
    const d = box('debian');
    expect(d.sh(`printf 'a b\\n"c d" '"'e f'"' g\\\\ h\\n' | xargs -n1 echo`).out).toBe('a\nb\nc d\ne f\ng h\n');
    expect(d.sh(`printf 'a\\nb"c\\n' | xargs echo`)).toEqual({
      out: 'a\n', err: 'xargs: unmatched double quote; by default quotes are special to xargs unless you use the -0 option\n', code: 1,
    });
    expect(d.sh(`printf "a'b\\n" | xargs echo`).err).toBe('xargs: unmatched single quote; by default quotes are special to xargs unless you use the -0 option\n');
  });

  it('-I: one line per command, leading blanks dropped; -r and empty input', () => {
    const d = box('debian');
    expect(d.sh('printf "a\\nb c\\n" | xargs -I{} echo "[{}]"').out).toBe('[a]\n[b c]\n');
    expect(d.sh('printf "a\\nb\\n" | xargs -I {} echo x{}y{}').out).toBe('xaya\nxbyb\n');
    expect(d.sh('echo "  a   b  " | xargs -I{} echo "[{}]"').out).toBe('[a   b  ]\n');
    expect(d.sh(`echo '"a b" c\\d' | xargs -I{} echo "[{}]"`).out).toBe('[a b cd]\n');
    expect(d.sh('printf "\\n\\n" | xargs -I{} echo "[{}]"')).toEqual({ out: '', err: '', code: 0 });
    expect(d.sh('printf "" | xargs echo hi').out).toBe('hi\n');
    expect(d.sh('printf "" | xargs -r echo hi')).toEqual({ out: '', err: '', code: 0 });
  });

  it('exit statuses: 123, 124, 125, 126, 127', () => {
    const d = box('debian');
    expect(d.sh('seq 3 | xargs false')).toEqual({ out: '', err: '', code: 123 });
    expect(d.sh('seq 3 | xargs -n1 sh -c \'echo $0; [ $0 != 2 ]\'')).toEqual({ out: '1\n2\n3\n', err: '', code: 123 });
    expect(d.sh('seq 3 | xargs nosuchcmd')).toEqual({ out: '', err: 'xargs: nosuchcmd: No such file or directory\n', code: 127 });
    expect(d.sh('seq 2 | xargs sh -c "exit 255"')).toEqual({ out: '', err: 'xargs: sh: exited with status 255; aborting\n', code: 124 });
    expect(d.sh('seq 2 | xargs sh -c \'kill $$\'')).toEqual({ out: '', err: 'xargs: sh: terminated by signal 15\n', code: 125 });
    expect(d.sh('seq 2 | xargs /etc/passwd')).toEqual({ out: '', err: 'xargs: /etc/passwd: Permission denied\n', code: 126 });
  });

  it('option errors', () => {
    const d = box('debian');
    expect(d.sh('seq 3 | xargs -n x echo')).toEqual({ out: '', err: `xargs: invalid number "x" for -n option\n${TRY}`, code: 1 });
    expect(d.sh('seq 3 | xargs -n 0 echo').err).toBe(`xargs: value 0 for -n option should be >= 1\n${TRY}`);
    expect(d.sh('xargs -Q </dev/null').err).toBe(`xargs: invalid option -- 'Q'\n${TRY}`);
    expect(d.sh('seq 3 | xargs -n').err).toBe(`xargs: option requires an argument -- 'n'\n${TRY}`);
  });

  it('runs each batch as the words arrive, and waits for each command', () => {
    const d = box('debian');
    const r = d.start('(echo a; sleep 5; echo b) | xargs -n1 echo');
    d.sb.advance(1000);
    expect(r.out).toBe('a\n');
    d.sb.advance(5000);
    expect(r.out).toBe('a\nb\n');
    expect(r.exit?.code).toBe(0);
    const s = d.start('printf "1\\n2\\n" | xargs -n1 sh -c \'sleep 2; echo $0\'');
    d.sb.advance(2500);
    expect(s.out).toBe('1\n');
    d.sb.advance(2000);
    expect(s.out).toBe('1\n2\n');
  });

  it('GNU gives the commands /dev/null as stdin', () => {
    const d = box('debian');
    expect(d.sh('(echo a; sleep 1; echo b) | xargs -n1 sh -c \'read x; echo "$0:$x"\'').out).toBe('a:\nb:\n');
  });
});

describe('xargs (busybox)', () => {
  it('the same basics', () => {
    const b = box('busybox');
    expect(b.sh('seq 3 | xargs -n1 echo').out).toBe('1\n2\n3\n');
    expect(b.sh('printf "a\\nb c\\n" | xargs -I{} echo "[{}]"').out).toBe('[a]\n[b c]\n');
    // findutils/xargs.c: without -r the command runs once even for empty input
    expect(b.sh('printf "" | xargs echo hi').out).toBe('hi\n');
    expect(b.sh('printf "" | xargs -r echo hi').out).toBe('');
  });

  it('the commands share its stdin (GNU would give them /dev/null)', () => {
    const b = box('busybox');
    expect(b.sh('(echo a; sleep 1; echo b) | xargs -n1 sh -c \'read x; echo "$0:$x"\'').out).toBe('a:b\n');
  });

  it('its own messages', () => {
    const b = box('busybox');
    // process_stdin: bb_error_msg_and_die("unmatched %s quote") before anything runs
    expect(b.sh(`printf 'a\\nb"c\\n' | xargs echo`)).toEqual({ out: '', err: 'xargs: unmatched double quote\n', code: 1 });
    // xargs_exec: "'%s' terminated by signal %u"
    expect(b.sh('seq 2 | xargs sh -c \'kill $$\'')).toEqual({ out: '', err: "xargs: 'sh' terminated by signal 15\n", code: 125 });
    expect(b.sh('seq 3 | xargs nosuchcmd')).toEqual({ out: '', err: 'xargs: nosuchcmd: No such file or directory\n', code: 127 });
    expect(b.sh('seq 3 | xargs -n x echo')).toEqual({ out: '', err: "xargs: invalid number 'x'\n", code: 1 });
    expect(b.sh('seq 3 | xargs -n 0 echo').err).toBe('xargs: number 0 is not in 1..2147483647 range\n');
  });
});
