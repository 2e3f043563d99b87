// Expected texts are what GNU coreutils 9.1 (LC_ALL=C) printed for the same command lines, and
// what busybox 1.37's sources print (cited beside each).
import { describe, expect, it } from 'vitest';
import { box } from './testing';

const TRY = (p: string): string => `Try '${p} --help' for more information.\n`;

describe('base64', () => {
  it('encodes UTF-8 bytes, wraps at 76 columns, -w N and -w 0', () => {
    const d = box('debian');
    expect(d.sh('echo -n admin | base64')).toEqual({ out: 'YWRtaW4=\n', err: '', code: 0 });
    expect(d.sh('printf é | base64').out).toBe('w6k=\n');
    const forty = Array.from({ length: 40 }, (_, i) => `${i + 1}\n`).join('');
    d.sb.fs.writeFile('/tmp/n', forty);
    expect(d.sh('base64 /tmp/n').out).toBe(
      'MQoyCjMKNAo1CjYKNwo4CjkKMTAKMTEKMTIKMTMKMTQKMTUKMTYKMTcKMTgKMTkKMjAKMjEKMjIK\nMjMKMjQKMjUKMjYKMjcKMjgKMjkKMzAKMzEKMzIKMzMKMzQKMzUKMzYKMzcKMzgKMzkKNDAK\n',
    );
    expect(d.sh('base64 -w 20 /tmp/n').out.split('\n').slice(0, 2)).toEqual(['MQoyCjMKNAo1CjYKNwo4', 'CjkKMTAKMTEKMTIKMTMK']);
    expect(d.sh('seq 5 | base64 -w0').out).toBe('MQoyCjMKNAo1Cg==');
    expect(d.sh('printf "" | base64').out).toBe('');
  });

  it('decodes; GNU says "invalid input" after writing what it could, -i ignores garbage', () => {
    const d = box('debian');
    expect(d.sh('echo YWRtaW4= | base64 -d')).toEqual({ out: 'admin', err: '', code: 0 });
    expect(d.sh('echo YWRtaW4=YWRtaW4= | base64 --decode').out).toBe('adminadmin');
    expect(d.sh('echo "YWRt aW4=" | base64 -d')).toEqual({ out: 'adm', err: 'base64: invalid input\n', code: 1 });
    expect(d.sh('echo YWRtaW4 | base64 -d')).toEqual({ out: 'admin', err: 'base64: invalid input\n', code: 1 });
    expect(d.sh('echo "YWRt*aW4=" | base64 -di')).toEqual({ out: 'admin', err: '', code: 0 });
    expect(d.sh('echo -n 4pyTIMOgIGxhIG1vZGU= | base64 -d').out).toBe('✓ à la mode');
  });

  it('GNU option and file errors', () => {
    const d = box('debian');
    expect(d.sh('base64 -w x </dev/null')).toEqual({ out: '', err: "base64: invalid wrap size: 'x'\n", code: 1 });
    expect(d.sh('base64 -z')).toEqual({ out: '', err: `base64: invalid option -- 'z'\n${TRY('base64')}`, code: 1 });
    expect(d.sh('base64 --foo').err).toBe(`base64: unrecognized option '--foo'\n${TRY('base64')}`);
    expect(d.sh('base64 /nope')).toEqual({ out: '', err: 'base64: /nope: No such file or directory\n', code: 1 });
    expect(d.sh('base64 a b').err).toBe(`base64: extra operand 'b'\n${TRY('base64')}`);
  });

  it('busybox skips garbage and says "truncated input" for a partial quantum', () => {
    const b = box('busybox');
    expect(b.sh('echo -n admin | base64')).toEqual({ out: 'YWRtaW4=\n', err: '', code: 0 });
    // libbb/uuencode.c decode_base64 skips characters outside the alphabet
    expect(b.sh('echo "YWRt *aW4=" | base64 -d')).toEqual({ out: 'admin', err: '', code: 0 });
    expect(b.sh('echo YWRtaW4 | base64 -d')).toEqual({ out: 'adm', err: 'base64: truncated input\n', code: 1 });
    expect(b.sh('base64 -w x </dev/null')).toEqual({ out: '', err: "base64: invalid number 'x'\n", code: 1 });
    const bad = b.sh('base64 -q');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/^base64: invalid option -- 'q'\nBusyBox v1\.\d+\.\d+ .*multi-call binary\.\n\nUsage: base64 \[-d\] \[-w COL\] \[FILE\]\n/);
    expect(b.sh('base64 /nope').err).toBe("base64: can't open '/nope': No such file or directory\n");
  });
});

describe('sort', () => {
  it('orders bytes in the C locale, with -f -n -r -u -h', () => {
    const d = box('debian');
    expect(d.sh('printf "b\\nB\\na\\n10\\n9\\n_x\\n" | sort').out).toBe('10\n9\nB\n_x\na\nb\n');
    expect(d.sh('printf "B\\na\\nb\\nA\\n" | sort -f').out).toBe('A\na\nB\nb\n');
    expect(d.sh('printf "B\\na\\nb\\nA\\n" | sort -fu').out).toBe('a\nB\n');
    expect(d.sh('printf "10\\n9\\n-1\\n1.5\\nx\\n\\n" | sort -n').out).toBe('-1\n\nx\n1.5\n9\n10\n');
    expect(d.sh('printf "a\\na\\nb\\n" | sort -u').out).toBe('a\nb\n');
    expect(d.sh('printf "1K\\n2M\\n3\\n" | sort -h').out).toBe('3\n1K\n2M\n');
    expect(d.sh('printf "a\\nb" | sort -r').out).toBe('b\na\n');
  });

  it('keys: -k N[,M] with -t, fields keep their leading blanks, last-resort and -s', () => {
    const d = box('debian');
    expect(d.sh('printf "a 3\\nb 1\\nc 2\\n" | sort -k2').out).toBe('b 1\nc 2\na 3\n');
    expect(d.sh('printf "a:3\\nb:1\\nc:2\\n" | sort -t: -k2 -n -r').out).toBe('a:3\nc:2\nb:1\n');
    expect(d.sh('printf "b 1\\na 1\\n" | sort -k2,2').out).toBe('a 1\nb 1\n');
    expect(d.sh('printf "b 1\\na 1\\n" | sort -s -k2,2').out).toBe('b 1\na 1\n');
    expect(d.sh('printf "x  2\\ny 10\\n" | sort -k2').out).toBe('x  2\ny 10\n');
    expect(d.sh('printf "c 3\\nb 2\\nd 2\\n" | sort -k 2,2n -k 1,1r').out).toBe('d 2\nb 2\nc 3\n');
    expect(d.sh('printf "1\\n2\\n" | sort -k1,1nr').out).toBe('2\n1\n');
  });

  it('GNU errors exit 2', () => {
    const d = box('debian');
    expect(d.sh('sort -k 0 </dev/null')).toEqual({ out: '', err: "sort: field number is zero: invalid field specification '0'\n", code: 2 });
    expect(d.sh('sort -k x </dev/null').err).toBe("sort: invalid number at field start: invalid count at start of 'x'\n");
    expect(d.sh('sort -k 1.x </dev/null').err).toBe("sort: invalid number after '.': invalid count at start of 'x'\n");
    expect(d.sh('sort -k 2,1x </dev/null').err).toBe("sort: stray character in field spec: invalid field specification '2,1x'\n");
    expect(d.sh('sort -t ab </dev/null')).toEqual({ out: '', err: "sort: multi-character tab 'ab'\n", code: 2 });
    expect(d.sh('sort -Q </dev/null')).toEqual({ out: '', err: `sort: invalid option -- 'Q'\n${TRY('sort')}`, code: 2 });
    expect(d.sh('sort /nope')).toEqual({ out: '', err: 'sort: cannot read: /nope: No such file or directory\n', code: 2 });
    expect(d.sh('sort /etc').err).toBe('sort: read failed: /etc: Is a directory\n');
    expect(d.sh('seq 3 | sort -r -o /tmp/s; cat /tmp/s').out).toBe('3\n2\n1\n');
    expect(d.sh('sort -o /nonexist/x </dev/null')).toEqual({ out: '', err: 'sort: open failed: /nonexist/x: No such file or directory\n', code: 2 });
  });

  it('busybox wording, exit 2', () => {
    const b = box('busybox');
    expect(b.sh('printf "c 3\\nb 2\\nd 2\\n" | sort -k 2,2n -k 1,1r').out).toBe('d 2\nb 2\nc 3\n');
    // coreutils/sort.c: "bad -t parameter", str2u "bad field specification", "unknown key option"
    expect(b.sh('sort -t ab </dev/null')).toEqual({ out: '', err: 'sort: bad -t parameter\n', code: 2 });
    expect(b.sh('sort -k 0 </dev/null').err).toBe('sort: bad field specification\n');
    expect(b.sh('sort -k 1x </dev/null').err).toBe('sort: unknown key option\n');
    expect(b.sh('sort /nope')).toEqual({ out: '', err: "sort: can't open '/nope': No such file or directory\n", code: 2 });
  });
});

describe('uniq', () => {
  it('adjacent duplicates, -c -d -u -i, a last line without newline', () => {
    for (const family of ['debian', 'busybox'] as const) {
      const d = box(family);
      expect(d.sh('printf "a\\na\\nb\\na\\n" | uniq -c').out).toBe('      2 a\n      1 b\n      1 a\n');
      expect(d.sh('printf "a\\nA\\nb\\nb\\nc\\n" | uniq -i').out).toBe('a\nb\nc\n');
      expect(d.sh('printf "a\\nA\\nb\\nb\\nc\\n" | uniq -d').out).toBe('b\n');
      expect(d.sh('printf "a\\nA\\nb\\nb\\nc\\n" | uniq -u').out).toBe('a\nA\nc\n');
      expect(d.sh('printf "a\\na\\nb" | uniq -c').out).toBe('      2 a\n      1 b\n');
      expect(d.sh('printf "x 1\\ny 1\\n" | uniq -f 1 -c').out).toBe('      2 x 1\n');
      expect(d.sh('printf "a x\\nb x\\n" | uniq -f 99999999 -c').out).toBe('      2 a x\n');
    }
  });

  it('errors and the output file operand', () => {
    const d = box('debian');
    expect(d.sh('uniq -x')).toEqual({ out: '', err: `uniq: invalid option -- 'x'\n${TRY('uniq')}`, code: 1 });
    expect(d.sh('uniq /nope')).toEqual({ out: '', err: 'uniq: /nope: No such file or directory\n', code: 1 });
    expect(d.sh('uniq a b c').err).toBe(`uniq: extra operand 'c'\n${TRY('uniq')}`);
    expect(d.sh('uniq -f x </dev/null').err).toBe('uniq: x: invalid number of fields to skip\n');
    expect(d.sh('printf "a\\na\\n" | uniq - /tmp/out; cat /tmp/out').out).toBe('a\n');
    const b = box('busybox');
    expect(b.sh('uniq /nope').err).toBe("uniq: can't open '/nope': No such file or directory\n");
    expect(b.sh('uniq -f x </dev/null').err).toBe("uniq: invalid number 'x'\n");
  });
});

describe('cut', () => {
  it('fields, bytes, ranges, -s, --complement', () => {
    const d = box('debian');
    expect(d.sh('echo pod/web-1 | cut -d/ -f2').out).toBe('web-1\n');
    expect(d.sh('printf "a:b:c\\nnodelim\\n" | cut -d: -f1,3').out).toBe('a:c\nnodelim\n');
    expect(d.sh('printf "a:b:c\\nnodelim\\n" | cut -s -d: -f2-').out).toBe('b:c\n');
    expect(d.sh('echo a:b:c | cut -d: --complement -f2').out).toBe('a:c\n');
    expect(d.sh('echo abcdef | cut -c2-4').out).toBe('bcd\n');
    expect(d.sh('echo abcdef | cut -c-2,5-').out).toBe('abef\n');
    expect(d.sh('echo abcdef | cut -b 3').out).toBe('c\n');
    expect(d.sh('printf "a\\tb\\n" | cut -f2').out).toBe('b\n');
    expect(d.sh('echo "a b  c" | cut -d" " -f3').out).toBe('\n');
    // GNU cut -c counts bytes: the first byte of é alone is not UTF-8
    expect(d.sh('echo héllo | cut -c1-2').out).toBe('h\ufffd\n');
    expect(d.sh('echo a:b:c | cut -d: -f1,3 --output-delimiter=,').out).toBe('a,c\n');
  });

  it('GNU list and usage errors', () => {
    const d = box('debian');
    const err = (cmd: string): string => d.sh(`${cmd} </dev/null`).err;
    expect(d.sh('cut </dev/null')).toEqual({ out: '', err: `cut: you must specify a list of bytes, characters, or fields\n${TRY('cut')}`, code: 1 });
    expect(err('cut -f')).toBe(`cut: option requires an argument -- 'f'\n${TRY('cut')}`);
    expect(err('cut -f 0')).toBe(`cut: fields are numbered from 1\n${TRY('cut')}`);
    expect(err('cut -f x')).toBe(`cut: invalid field value 'x'\n${TRY('cut')}`);
    expect(err('cut -f 3-1')).toBe(`cut: invalid decreasing range\n${TRY('cut')}`);
    expect(err('cut -d ab -f1')).toBe(`cut: the delimiter must be a single character\n${TRY('cut')}`);
    expect(err('cut -c1 -f1')).toBe(`cut: only one list may be specified\n${TRY('cut')}`);
    expect(err('cut -d: -c1')).toBe(`cut: an input delimiter may be specified only when operating on fields\n${TRY('cut')}`);
    expect(err('cut -s -c1')).toBe(`cut: suppressing non-delimited lines makes sense\n\tonly when operating on fields\n${TRY('cut')}`);
    expect(err('cut -c -')).toBe(`cut: invalid range with no endpoint: -\n${TRY('cut')}`);
    expect(err('cut -c ,')).toBe(`cut: byte/character positions are numbered from 1\n${TRY('cut')}`);
    expect(err('cut -f 1-2-3')).toBe(`cut: invalid field range\n${TRY('cut')}`);
    expect(d.sh('cut -f1 /nope')).toEqual({ out: '', err: 'cut: /nope: No such file or directory\n', code: 1 });
  });

  it('busybox', () => {
    const b = box('busybox');
    expect(b.sh('echo pod/web-1 | cut -d/ -f2').out).toBe('web-1\n');
    expect(b.sh('echo a:b:c | cut -d: -f1,3 -O ,').out).toBe('a,c\n');
    expect(b.sh('echo abcdef | cut -c-2,5-').out).toBe('abef\n');
    // coreutils/cut.c: its own messages, no usage text
    expect(b.sh('cut </dev/null')).toEqual({ out: '', err: 'cut: expected a list of bytes, characters, or fields\n', code: 1 });
    expect(b.sh('cut -d: -c1 </dev/null').err).toBe('cut: a delimiter may be specified only when operating on fields\n');
    expect(b.sh('cut -f 3-1 </dev/null').err).toBe('cut: 1<2\n');
    expect(b.sh('cut -f x </dev/null').err).toBe("cut: invalid number 'x'\n");
    expect(b.sh('cut -f1 /nope').err).toBe("cut: can't open '/nope': No such file or directory\n");
  });
});

describe('tr', () => {
  it('translates ranges and classes, -d -s -c, escapes', () => {
    const d = box('debian');
    const tr = (input: string, args: string): string => d.sh(`printf '${input}' | tr ${args}`).out;
    expect(tr('abc\\n', 'a-z A-Z')).toBe('ABC\n');
    expect(tr('hello world\\n', '-d lo')).toBe('he wrd\n');
    expect(tr('aa  bb\\n', '-s " "')).toBe('aa bb\n');
    expect(tr('a1b2\\n', '-cd "[:digit:]"')).toBe('12');
    expect(tr('a1b2\\n', '-c "[:alpha:]" X')).toBe('aXbXX');
    expect(tr('a b\\n', '"[:space:]" "\\n"')).toBe('a\nb\n');
    expect(tr('ABC\\n', '"[:upper:]" "[:lower:]"')).toBe('abc\n');
    expect(tr('abcdef\\n', 'abcdef xy')).toBe('xyyyyy\n');
    expect(tr('a\\tb\\n', '"\\t" ,')).toBe('a,b\n');
    expect(tr('abc\\n', '-ds a b')).toBe('bc\n');
    expect(tr('hello\\n', '-s l')).toBe('helo\n');
    expect(tr('abc\\n', '-s ab xy')).toBe('xyc\n');
    expect(tr('héllo\\n', '-d é')).toBe('hllo\n');
  });

  it('GNU operand and set errors', () => {
    const d = box('debian');
    const err = (args: string): string => d.sh(`echo abc | tr ${args}`).err;
    expect(err('')).toBe(`tr: missing operand\n${TRY('tr')}`);
    expect(err('a')).toBe(`tr: missing operand after 'a'\nTwo strings must be given when translating.\n${TRY('tr')}`);
    expect(err('-ds a')).toBe(`tr: missing operand after 'a'\nTwo strings must be given when both deleting and squeezing repeats.\n${TRY('tr')}`);
    expect(err('-d a b')).toBe(`tr: extra operand 'b'\nOnly one string may be given when deleting without squeezing repeats.\n${TRY('tr')}`);
    expect(err('a b c')).toBe(`tr: extra operand 'c'\n${TRY('tr')}`);
    expect(d.sh('echo abc | tr z-a x')).toEqual({ out: '', err: "tr: range-endpoints of 'z-a' are in reverse collating sequence order\n", code: 1 });
    expect(err('"[:foo:]" x')).toBe("tr: invalid character class 'foo'\n");
    expect(err('"[:lower:]" "[:digit:]"')).toBe("tr: when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'\n");
    expect(err('a-c "[:upper:]"')).toBe('tr: misaligned [:upper:] and/or [:lower:] construct\n');
    expect(err('abc ""')).toBe('tr: when not truncating set1, string2 must be non-empty\n');
    expect(err('-x a b')).toBe(`tr: invalid option -- 'x'\n${TRY('tr')}`);
  });

  it('busybox', () => {
    const b = box('busybox');
    expect(b.sh('echo abc | tr a-z A-Z').out).toBe('ABC\n');
    expect(b.sh('echo "aa  bb" | tr -s " "').out).toBe('aa bb\n');
    expect(b.sh('echo a1b2 | tr -cd "[:digit:]"').out).toBe('12');
    // coreutils/tr.c: "STRING2 cannot be empty"; one or two strings, else the usage text
    expect(b.sh('echo abc | tr abc ""')).toEqual({ out: '', err: 'tr: STRING2 cannot be empty\n', code: 1 });
    expect(b.sh('echo abc | tr').err).toMatch(/^BusyBox v.*\n\nUsage: tr \[-cds\] STRING1 \[STRING2\]\n/);
  });
});

describe('seq', () => {
  it('LAST, FIRST LAST, FIRST INCR LAST, -s, -w, fractions, negative operands', () => {
    for (const family of ['debian', 'busybox'] as const) {
      const d = box(family);
      expect(d.sh('seq 3').out).toBe('1\n2\n3\n');
      expect(d.sh('seq 2 4').out).toBe('2\n3\n4\n');
      expect(d.sh('seq 1 2 7').out).toBe('1\n3\n5\n7\n');
      expect(d.sh('seq -s, 3').out).toBe('1,2,3\n');
      expect(d.sh('seq -s ", " 3').out).toBe('1, 2, 3\n');
      expect(d.sh('seq -w 8 10').out).toBe('08\n09\n10\n');
      expect(d.sh('seq 5 1')).toEqual({ out: '', err: '', code: 0 });
      expect(d.sh('seq 5 -2 1').out).toBe('5\n3\n1\n');
      expect(d.sh('seq 1 0.5 2').out).toBe('1.0\n1.5\n2.0\n');
      expect(d.sh('seq 0.5 2').out).toBe('0.5\n1.5\n');
      expect(d.sh('seq -w -1 1').out).toBe('-1\n00\n01\n');
      expect(d.sh('seq -1').out).toBe('');
    }
  });

  it('stops when its reader goes away, and streams into a pipe', () => {
    const d = box('debian');
    expect(d.sh('seq 1000000000 | head -n 3')).toEqual({ out: '1\n2\n3\n', err: '', code: 0 });
    expect(d.sh('seq 20000 | wc -l').out).toBe('20000\n');
    // busybox has no zero-increment check: 1 for ever, until head has enough
    expect(box('busybox').sh('seq 1 0 3 | head -n 2').out).toBe('1\n1\n');
  });

  it('errors', () => {
    const d = box('debian');
    expect(d.sh('seq')).toEqual({ out: '', err: `seq: missing operand\n${TRY('seq')}`, code: 1 });
    expect(d.sh('seq x').err).toBe(`seq: invalid floating point argument: 'x'\n${TRY('seq')}`);
    expect(d.sh('seq 1 0 3').err).toBe(`seq: invalid Zero increment value: '0'\n${TRY('seq')}`);
    expect(d.sh('seq 1 2 3 4').err).toBe(`seq: extra operand '4'\n${TRY('seq')}`);
    expect(d.sh('seq -x').err).toBe(`seq: invalid option -- 'x'\n${TRY('seq')}`);
    const b = box('busybox').sh('seq x');
    expect(b.code).toBe(1);
    expect(b.err).toMatch(/\n\nUsage: seq \[-w\] \[-s SEP\] \[FIRST \[INC\]\] LAST\n/);
  });
});
