// The shell's constructs, one by one, run as `sh -c` (dash unless a test says otherwise).
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../process/sandbox';

function sh(script: string, shell: 'sh' | 'bash' | 'ash' = 'sh', sb = new Sandbox()): { out: string; err: string; code: number | undefined } {
  const r = sb.finish(sb.sh(script, shell));
  return { out: r.out, err: r.err, code: r.exit?.code };
}

const out = (script: string, shell: 'sh' | 'bash' | 'ash' = 'sh'): string => sh(script, shell).out;

describe('words and quoting', () => {
  it('single quotes, double quotes and backslashes', () => {
    expect(out(`echo 'a  $x' "b  \${x:-c}" d\\ \\$e "f\\"g" 'h'"i"j`)).toBe('a  $x b  c d $e f"g hij\n');
    expect(out(`printf '%s|' "a\\b" "\\$HOME" '\\n'`)).toBe('a\\b|$HOME|\\n|');
    expect(out('echo a\\\nb')).toBe('ab\n');
  });

  it('field splitting on IFS, and none for quoted expansions', () => {
    expect(out('x="a  b   c"; for w in $x; do echo "[$w]"; done; echo "[$x]"')).toBe('[a]\n[b]\n[c]\n[a  b   c]\n');
    expect(out('IFS=:; x="a::b:"; for w in $x; do echo "[$w]"; done')).toBe('[a]\n[]\n[b]\n');
    expect(out('e=; for w in $e "" "$e"; do echo "[$w]"; done')).toBe('[]\n[]\n');
  });

  it('positional parameters, $@ and $*', () => {
    const r = sh('set -- 1 "2 3" ""; echo $#; for a in "$@"; do echo "<$a>"; done; echo "$*"; IFS=,; echo "$*"; set --; for a in "$@"; do echo never; done; echo "${1-unset}"');
    expect(r.out).toBe('3\n<1>\n<2 3>\n<>\n1 2 3 \n1,2 3,\nunset\n');
    expect(out('echo $0 $1 $2', 'sh')).toBe('sh\n');
    const sb = new Sandbox();
    const withArgs = sb.finish(sb.run(['sh', '-c', 'echo "$0|$1|$2|$#"', 'name', 'a', 'b']));
    expect(withArgs.out).toBe('name|a|b|2\n');
  });

  it('special parameters $? $$ $!', () => {
    expect(out('false; echo $?; true; echo $?; echo $$; sleep 1 & echo $!')).toBe('1\n0\n1\n2\n');
  });

  it('parameter expansion forms', () => {
    expect(out('e=; echo ${u:-d1} ${u-d2} "${e:-d3}" "${e-d4}" ${x:=set} $x ${x:+alt} ${u:+alt}.', 'sh')).toBe('d1 d2 d3  set set alt .\n');
    expect(out('p=/usr/local/lib/file.tar.gz; echo ${#p} ${p#*/} ${p##*/} ${p%.*} ${p%%.*} ${p%/*}')).toBe(
      '26 usr/local/lib/file.tar.gz file.tar.gz /usr/local/lib/file.tar /usr/local/lib/file /usr/local/lib\n',
    );
    expect(out('v=hello; echo ${v/l/L} ${v//l/L} ${v:1:3} ${v: -2} ${v^^}', 'bash')).toBe('heLlo heLLo ell lo HELLO\n');
  });

  it('command substitution $(...) and `...`, nested, trailing newlines removed', () => {
    expect(out('echo "[$(printf "a\\n\\n")]" `echo back` $(echo $(echo nested))')).toBe('[a] back nested\n');
    expect(out('x=$(exit 3); echo $?; y=$(sleep 1; echo late); echo $y')).toBe('3\nlate\n');
  });

  it('arithmetic $((...))', () => {
    expect(out('i=5; echo $((i*2+1)) $(( (1<<4) | 3 )) $((7/2)) $((-7%3)) $((2**10)) $((i>3 ? 1 : 0)) $((0x1f)) $((010))')).toBe('11 19 3 -1 1024 1 31 8\n');
    expect(out('i=0; j=$((i++)); k=$((++i)); echo $i $j $k; : $((n+=5)); echo $n')).toBe('2 0 2\n5\n');
  });

  it('globbing against the filesystem: * ? [..], no match stays literal, quoted is literal', () => {
    const sb = new Sandbox();
    for (const f of ['a.txt', 'b.txt', 'c.log', '.hidden']) sb.fs.writeFile(`/tmp/${f}`, '');
    expect(sh('echo /tmp/*.txt; echo /tmp/?.log; echo /tmp/[ab]*; echo /tmp/*.none; echo "/tmp/*"; cd /tmp; echo *', 'sh', sb).out).toBe(
      '/tmp/a.txt /tmp/b.txt\n/tmp/c.log\n/tmp/a.txt /tmp/b.txt\n/tmp/*.none\n/tmp/*\na.txt b.txt c.log\n',
    );
  });

  it('tilde expansion', () => {
    expect(out('echo ~ ~/x "~"; HOME=/home/me; echo ~')).toBe('/root /root/x ~\n/home/me\n');
  });
});

describe('lists, pipelines, exit codes', () => {
  it('; && || ! and exit statuses', () => {
    expect(out('true && echo a; false && echo b; false || echo c; true || echo d; ! true; echo $?; ! false; echo $?')).toBe('a\nc\n1\n0\n');
    expect(sh('exit 42').code).toBe(42);
    expect(sh('exit 300').code).toBe(44);
    expect(sh('false').code).toBe(1);
  });

  it('pipelines connect stdout to stdin; status is the last command, pipefail the rightmost failure', () => {
    expect(out('echo hello | cat | cat')).toBe('hello\n');
    expect(out('printf "b\\na\\n" | while read l; do echo "got $l"; done')).toBe('got b\ngot a\n');
    expect(out('false | true; echo $?; true | false; echo $?')).toBe('0\n1\n');
    expect(out('set -o pipefail; false | true; echo $?', 'bash')).toBe('1\n');
  });

  it('background jobs and wait', () => {
    const sb = new Sandbox();
    const r = sb.sh('sleep 2 & a=$!; (sleep 1; exit 3) & b=$!; wait $b; echo "b=$?"; wait $a; echo "a=$?"; date');
    sb.finish(r);
    expect(r.out).toBe('b=3\na=0\nSat Nov 21 12:00:02 UTC 2026\n');
  });

  it('subshells do not change the parent', () => {
    expect(out('x=1; (x=2; cd /tmp; echo "$x $PWD"); echo "$x $PWD"')).toBe('2 /tmp\n1 /\n');
  });

  it('set -e stops at a failing command, but not in conditions', () => {
    expect(sh('set -e; if false; then :; fi; false || true; ! true; echo alive; false; echo dead')).toEqual({ out: 'alive\n', err: '', code: 1 });
  });

  it('set -x traces commands on stderr', () => {
    expect(sh('set -x; x=1; echo "a b"', 'bash').err).toBe("+ x=1\n+ echo 'a b'\n");
    expect(sh('set -x; echo hi').err).toBe('+ echo hi\n');
  });
});

describe('redirections', () => {
  it('> >> < 2>&1 2>/dev/null and here-strings', () => {
    const sb = new Sandbox();
    sh('echo one > /tmp/f; echo two >> /tmp/f; ls-nope 2>/dev/null; { echo out; echo err >&2; } > /tmp/both 2>&1', 'sh', sb);
    expect(sb.fs.readFile('/tmp/f')).toBe('one\ntwo\n');
    expect(sb.fs.readFile('/tmp/both')).toBe('out\nerr\n');
    expect(sh('cat < /tmp/f; cat <<< "here"', 'bash', sb).out).toBe('one\ntwo\nhere\n');
  });

  it('here-documents: expanded, quoted, and <<- strips tabs', () => {
    expect(out('x=world; cat <<EOF\nhello $x $(echo sub)\nEOF\ncat <<\'EOF\'\nno $x\nEOF\ncat <<-END\n\t\tindented\n\tEND\necho after')).toBe(
      'hello world sub\nno $x\nindented\nafter\n',
    );
  });

  it('an fd opened with >> follows its file through a rename and an unlink, as on Linux; a new >> opens the name', () => {
    const sb = new Sandbox();
    // the file moves and goes while the shell sleeps, its fd 3 still open
    const run = sb.sh('exec 3>>/tmp/log; echo one >&3; sleep 1; echo two >&3; sleep 1; echo lost >&3; echo new >> /tmp/log');
    sb.advance(500);
    sb.fs.rename('/tmp/log', '/tmp/log.1');
    sb.advance(1000);
    expect(sb.fs.readFile('/tmp/log.1')).toBe('one\ntwo\n');
    sb.fs.rm('/tmp/log.1');
    sb.finish(run);
    expect(run.exit?.code).toBe(0);
    expect(sb.fs.exists('/tmp/log.1')).toBe(false);
    expect(sb.fs.readFile('/tmp/log')).toBe('new\n');
  });

  it('an external command with one output redirection (the writer-loop path): same files, statuses and errors', () => {
    const sb = new Sandbox();
    // > truncates, >> appends, /dev/null swallows, the exit status comes through
    const r = sh('date > /tmp/d; date >> /tmp/d; printf "%s\\n" x y >> /tmp/d; cat /tmp/d > /dev/null; false > /tmp/e; echo $?', 'sh', sb);
    expect(r.out).toBe('1\n');
    expect(sb.fs.readFile('/tmp/d')).toMatch(/^Sat Nov 21 12:00:00 UTC 2026\nSat Nov 21 12:00:00 UTC 2026\nx\ny\n$/);
    expect(sb.fs.readFile('/tmp/e')).toBe('');
    // a target that will not open, a missing command and noclobber answer as before
    const bad = sh('date > /nope/f; echo $?; nosuch > /tmp/made; echo $?; set -C; date > /tmp/d; echo $?', 'sh', sb);
    expect(bad.err).toBe('sh: 1: cannot create /nope/f: Directory nonexistent\nsh: 1: nosuch: not found\nsh: 1: cannot create /tmp/d: File exists\n');
    expect(bad.out).toBe('2\n127\n2\n');
    expect(sb.fs.readFile('/tmp/made')).toBe('');
    // the not-found error goes where the command's stderr was redirected, as dash's child writes it
    const sb3 = new Sandbox();
    expect(sh('nosuch 2> /tmp/err; echo $?', 'sh', sb3)).toMatchObject({ out: '127\n', err: '' });
    expect(sb3.fs.readFile('/tmp/err')).toBe('sh: 1: nosuch: not found\n');
    // a command that reads stdin (cat with no file) still gets the shell's stdin
    const sb2 = new Sandbox();
    const run = sb2.run(['sh', '-c', 'cat > /tmp/in; cat /tmp/in'], { stdin: 'pipe' });
    run.write('typed\n');
    run.closeStdin();
    sb2.finish(run);
    expect(run.out).toBe('typed\n');
  });

  it('a failed redirection: status 2 in dash and ash (redirectsafe), 1 in bash, whatever the command', () => {
    const script = 'echo x > /nope/f; echo "builtin $?"; f() { :; }; f > /nope/f; echo "func $?"; > /nope/f; echo "none $?"; { echo; } > /nope/f; echo "group $?"; date > /nope/f; echo "external $?"';
    expect(out(script, 'sh')).toBe('builtin 2\nfunc 2\nnone 2\ngroup 2\nexternal 2\n');
    expect(out(script, 'ash')).toBe('builtin 2\nfunc 2\nnone 2\ngroup 2\nexternal 2\n');
    expect(out(script, 'bash')).toBe('builtin 1\nfunc 1\nnone 1\ngroup 1\nexternal 1\n');
    // the last command of sh -c is exec'd: its redirection failing ends the shell with that status
    expect(sh('date > /nope/f').code).toBe(2);
    expect(sh('date > /nope/f', 'bash').code).toBe(1);
  });

  it('redirections on compound commands last for the whole command', () => {
    const sb = new Sandbox();
    sh('for i in 1 2 3; do echo $i; done > /tmp/n; while read l; do echo "l$l"; done < /tmp/n > /tmp/m', 'sh', sb);
    expect(sb.fs.readFile('/tmp/m')).toBe('l1\nl2\nl3\n');
  });
});

describe('compound commands', () => {
  it('if / elif / else', () => {
    expect(out('for n in 1 2 3; do if [ $n -eq 1 ]; then echo one; elif [ $n = 2 ]; then echo two; else echo many; fi; done')).toBe('one\ntwo\nmany\n');
    expect(out('if false; then echo; fi; echo $?')).toBe('0\n');
  });

  it('while, until, break, continue', () => {
    expect(out('i=0; while [ $i -lt 10 ]; do i=$((i+1)); [ $i = 2 ] && continue; [ $i = 5 ] && break; echo $i; done')).toBe('1\n3\n4\n');
    expect(out('i=3; until [ $i -eq 0 ]; do echo $i; i=$((i-1)); done')).toBe('3\n2\n1\n');
    expect(out('for i in 1 2; do for j in a b; do [ $j = b ] && continue 2; echo $i$j; done; done')).toBe('1a\n2a\n');
  });

  it('for over words, globs and "$@"', () => {
    expect(out('for x in a "b c" d; do echo "[$x]"; done')).toBe('[a]\n[b c]\n[d]\n');
    const sb = new Sandbox();
    expect(sb.finish(sb.run(['sh', '-c', 'for a; do echo "<$a>"; done', 'sh', 'x y', 'z'])).out).toBe('<x y>\n<z>\n');
  });

  it('case with patterns, alternatives and fallthrough', () => {
    const script = 'for f in a.txt b.md c.sh Makefile; do case $f in *.txt|*.md) echo "$f doc";; *.sh) echo "$f script";; [A-Z]*) echo "$f upper";; esac; done';
    expect(out(script)).toBe('a.txt doc\nb.md doc\nc.sh script\nMakefile upper\n');
    expect(out('case x in x) echo one;& y) echo two;; z) echo three;; esac', 'bash')).toBe('one\ntwo\n');
    expect(out('case "*" in "*") echo literal;; esac; case abc in "a"*) echo prefix;; esac')).toBe('literal\nprefix\n');
  });

  it('functions, arguments, return, local (dynamic scope)', () => {
    expect(out('greet() { echo "hi $1 ($#)"; return 7; }; greet bob x; echo $?')).toBe('hi bob (2)\n7\n');
    expect(out('f() { local v=inner; g; }; g() { echo $v; }; v=outer; f; echo $v', 'bash')).toBe('inner\nouter\n');
    expect(out('fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(($1-1))) )); fi; }; fact 5')).toBe('120\n');
  });

  it('{ groups } and [[ ]] and (( )) in bash', () => {
    expect(out('{ echo a; echo b; } | cat')).toBe('a\nb\n');
    expect(out('x=hello; [[ $x == h* && -n $x ]] && echo yes; [[ $x =~ l+ ]] && echo "re $BASH_REMATCH"; (( 3 > 2 )) && echo arith', 'bash')).toBe('yes\nre ll\narith\n');
  });
});

describe('builtins', () => {
  it('echo differs: dash interprets backslashes, bash needs -e', () => {
    expect(out("echo 'a\\tb'; echo -n x; echo y")).toBe('a\tb\nxy\n');
    expect(out("echo 'a\\tb'; echo -e 'c\\td'", 'bash')).toBe('a\\tb\nc\td\n');
  });

  it('printf', () => {
    expect(out('printf "%s|%5s|%-5s|%d|%05d|%x|%o|%c|%%|%.2f|%e\\n" str ab cd 42 42 255 8 xyz 3.14159 1234.5')).toBe('str|   ab|cd   |42|00042|ff|10|x|%|3.14|1.234500e+03\n');
    expect(out('printf "%s,%s\\n" a b c')).toBe('a,b\nc,\n');
    expect(sh('printf "%d\\n" abc', 'bash')).toEqual({ out: '0\n', err: 'bash: line 1: printf: abc: invalid number\n', code: 1 });
  });

  it('cd, pwd, export, unset, read, shift, eval, type, command -v', () => {
    expect(out('cd /tmp; pwd; cd ..; pwd; cd -; echo $OLDPWD')).toBe('/tmp\n/\n/tmp\n/\n');
    expect(out('export A=1; B=2; sh -c \'echo "[$A][$B]"\'; unset A; sh -c \'echo "[$A]"\'')).toBe('[1][]\n[]\n');
    expect(out('V=temp sh -c \'echo $V\'; echo "[$V]"')).toBe('temp\n[]\n');
    expect(out('echo "a b c" | { read x rest; echo "$x|$rest"; }; printf "1\\n2\\n" | { read -r one; read two; echo $one$two; }')).toBe('a|b c\n12\n');
    expect(out('set -- a b c; shift; echo $@; shift 2; echo $#')).toBe('b c\n0\n');
    expect(out('cmd="echo evaluated"; eval "$cmd"; eval "x=5"; echo $x')).toBe('evaluated\n5\n');
    expect(out('f() { :; }; type echo cd exit f sleep; type sleep; command -v sleep; command -v nope || echo none')).toBe(
      'echo is a shell builtin\ncd is a shell builtin\nexit is a special shell builtin\nf is a shell function\nsleep is /bin/sleep\n' +
        'sleep is a tracked alias for /bin/sleep\n/bin/sleep\nnone\n',
    );
    expect(out('sleep 0; type sleep; f() { :; }; type f', 'bash')).toBe('sleep is hashed (/bin/sleep)\nf is a function\n');
  });

  it('. (source) runs a file in the current shell', () => {
    const sb = new Sandbox();
    sb.fs.writeFile('/tmp/lib.sh', 'LIBVAR=loaded\nhelper() { echo "helper $1"; }\n');
    expect(sh('. /tmp/lib.sh; echo $LIBVAR; helper x', 'sh', sb).out).toBe('loaded\nhelper x\n');
  });

  it('exec replaces the shell; exec with redirections redirects the shell', () => {
    const sb = new Sandbox();
    expect(sh('exec > /tmp/log; echo into log; exec echo replaced; echo never', 'sh', sb).out).toBe('');
    expect(sb.fs.readFile('/tmp/log')).toBe('into log\nreplaced\n');
  });

  it('sleep waits on the virtual clock; date prints it like coreutils', () => {
    const sb = new Sandbox();
    const r = sb.sh('date; sleep 1.5; date; sleep 1m; date +%H:%M:%S');
    sb.finish(r);
    expect(r.out).toBe('Sat Nov 21 12:00:00 UTC 2026\nSat Nov 21 12:00:01 UTC 2026\n12:01:01\n');
    expect(sh('sleep x').err).toBe("sleep: invalid time interval 'x'\nTry 'sleep --help' for more information.\n");
  });

  it('a busy loop costs virtual time instead of hanging', () => {
    const sb = new Sandbox();
    const r = sb.sh('i=0; while [ $i -lt 5000 ]; do i=$((i+1)); done; echo $i');
    sb.finish(r);
    expect(r.out).toBe('5000\n');
    expect(sb.clock.now()).toBeGreaterThan(Date.UTC(2026, 10, 21, 12, 0, 0));
  });
});

describe('interactive shells (kubectl exec -it)', () => {
  it('prompts on stderr, runs each line, survives errors, ignores SIGTERM, exits with exit', () => {
    const sb = new Sandbox();
    sb.run(['sleep', '3600']); // PID 1
    const r = sb.run(['sh', '-i'], { stdin: 'pipe' });
    expect(r.err).toBe('# ');
    r.write('echo hi\n');
    expect(r.out).toBe('hi\n');
    r.write('nope\n');
    expect(r.err).toBe('# # sh: 2: nope: not found\n# ');
    r.write('for i in 1 2\n');
    expect(r.err.endsWith('> ')).toBe(true);
    r.write('do echo $i; done\n');
    expect(r.out).toBe('hi\n1\n2\n');
    sb.kernel.kill(sb.ns, r.pid, 'TERM');
    expect(r.exit).toBeUndefined();
    r.write('exit 3\n');
    expect(r.exit).toEqual({ code: 3 });
  });

  it('bash expands its prompt escapes', () => {
    const sb = new Sandbox();
    sb.fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n');
    const r = sb.run(['bash', '-i'], { stdin: 'pipe', env: { PS1: '\\u@\\h:\\w\\$ ', HOSTNAME: 'web-7d4', HOME: '/root', USER: 'root' }, cwd: '/tmp' });
    expect(r.err).toBe('root@web-7d4:/tmp# ');
    r.closeStdin();
    expect(r.err).toBe('root@web-7d4:/tmp# exit\n');
    expect(r.exit).toEqual({ code: 0 });
  });

  it('the prompt follows the process user, not $USER: `$` when not root, bash\'s "I have no name!" without a passwd entry', () => {
    const sb = new Sandbox();
    sb.fs.writeFile('/etc/passwd', 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000::/home/app:/bin/sh\n');
    const as = (uid: number) => ({ uid, gid: uid, groups: [uid] });
    const env = { PS1: '\\u@\\h:\\w\\$ ', HOSTNAME: 'web', HOME: '/home/app', USER: 'root' };
    expect(sb.run(['bash', '-i'], { stdin: 'pipe', env, cwd: '/home/app', cred: as(1000) }).err).toBe('app@web:~$ ');
    expect(sb.run(['bash', '-i'], { stdin: 'pipe', env, cwd: '/', cred: as(4242) }).err).toBe('I have no name!@web:/$ ');
    expect(sb.run(['sh', '-i'], { stdin: 'pipe', cred: as(1000) }).err).toBe('$ ');
  });
});
