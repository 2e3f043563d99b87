// Expansion edge cases, and the pattern and arithmetic engines on their own.
import { describe, expect, it } from 'vitest';
import { Sandbox } from '../process/sandbox';
import { ArithError, evalArith } from './arith';
import { globPaths, matchPattern, removePrefix, removeSuffix, replacePattern } from './pattern';

function out(script: string, shell: 'sh' | 'bash' = 'sh', sb = new Sandbox()): string {
  return sb.finish(sb.sh(script, shell)).out;
}

describe('expansion edge cases', () => {
  it('"$@" glued to text joins the first and last parameters', () => {
    expect(out('set -- a "b c"; for w in x"$@"y; do echo "[$w]"; done')).toBe('[xa]\n[b cy]\n');
  });

  it('an unquoted variable holding a glob is expanded; quoted, it is not', () => {
    const sb = new Sandbox();
    sb.fs.writeFile('/tmp/one.txt', '');
    expect(out('p="/tmp/*.txt"; echo $p "$p"; set -f; echo $p', 'sh', sb)).toBe('/tmp/one.txt /tmp/*.txt\n/tmp/*.txt\n');
  });

  it('empty and unset variables vanish unquoted but count quoted', () => {
    expect(out('set -- $nothing "" "$nothing"; echo $#')).toBe('2\n');
  });

  it('command substitution output is split, but not inside quotes', () => {
    expect(out('for w in $(printf "a b\\nc"); do echo "[$w]"; done; echo "[$(printf "a  b")]"')).toBe('[a]\n[b]\n[c]\n[a  b]\n');
  });

  it('backslashes inside double quotes only escape $ ` " \\ and newline', () => {
    expect(out('printf "%s\\n" "\\a\\$\\`\\"\\\\"')).toBe('\\a$`"\\\n');
  });

  it('${x:-word} expands the word with its own quoting', () => {
    expect(out('for w in ${u:-a b} "${u:-c d}"; do echo "[$w]"; done')).toBe('[a]\n[b]\n[c d]\n');
  });

  it('$(( )) sees variables by name and by $', () => {
    expect(out('a=3 b=4; echo $((a*a + $b*$b)) $(( $(echo 2) + 1 ))')).toBe('25 3\n');
  });

  it('assignments are not split or globbed', () => {
    expect(out('x="a   b"; y=$x; echo "$y"; z=*; echo "$z"')).toBe('a   b\n*\n');
  });
});

describe('patterns', () => {
  it('matches like fnmatch', () => {
    expect(matchPattern('*.txt', 'a.txt')).toBe(true);
    expect(matchPattern('?.txt', 'ab.txt')).toBe(false);
    expect(matchPattern('[!a-c]*', 'dog')).toBe(true);
    expect(matchPattern('[[:digit:]]x', '7x')).toBe(true);
    expect(matchPattern('\\*', '*')).toBe(true);
    expect(matchPattern('\\*', 'a')).toBe(false);
    expect(matchPattern('[', '[')).toBe(true);
  });

  it('removes prefixes and suffixes, shortest and longest', () => {
    expect(removePrefix('a/b/c', '*/', false)).toBe('b/c');
    expect(removePrefix('a/b/c', '*/', true)).toBe('c');
    expect(removeSuffix('f.tar.gz', '.*', false)).toBe('f.tar');
    expect(removeSuffix('f.tar.gz', '.*', true)).toBe('f');
    expect(replacePattern('banana', 'an', 'AN', '/')).toBe('bANANa');
    expect(replacePattern('banana', 'a', 'o', '%')).toBe('banano');
  });

  it('pathname expansion skips dot files unless asked, and sorts in byte order', () => {
    const sb = new Sandbox();
    sb.fs.mkdir('/g/c', { recursive: true });
    for (const f of ['B', 'a', '.dot', 'c/d']) sb.fs.writeFile(`/g/${f}`, '');
    expect(globPaths('/g/*', '/', sb.fs)).toEqual(['/g/B', '/g/a', '/g/c']);
    expect(globPaths('/g/.*', '/', sb.fs)).toEqual(['/g/.dot']);
    expect(globPaths('*/d', '/g', sb.fs)).toEqual(['c/d']);
  });
});

describe('arithmetic', () => {
  const vars = (init: Record<string, string> = {}) => {
    const m = new Map(Object.entries(init));
    return { get: (n: string) => m.get(n), set: (n: string, v: string) => void m.set(n, v), m };
  };

  it('follows C precedence and integer division', () => {
    const v = vars({ x: '7', y: 'x+1' });
    expect(evalArith('1 + 2 * 3 - 4 / 2', v)).toBe(5);
    expect(evalArith('-7 / 2', v)).toBe(-3);
    expect(evalArith('y * 2', v)).toBe(16); // a variable holding an expression
    expect(evalArith('x > 5 && x < 10 ? 100 : 200', v)).toBe(100);
    expect(evalArith('z += 5, z *= 2', v)).toBe(10);
    expect(v.m.get('z')).toBe('10');
  });

  it('skips side effects of branches not taken', () => {
    const v = vars();
    expect(evalArith('0 && (a = 1)', v)).toBe(0);
    expect(evalArith('1 || (b = 1)', v)).toBe(1);
    expect(v.m.has('a') || v.m.has('b')).toBe(false);
  });

  it('reports division by zero and syntax errors', () => {
    expect(() => evalArith('1/0', vars())).toThrow(ArithError);
    try {
      evalArith('2 +', vars());
    } catch (e) {
      expect((e as ArithError).kind).toBe('syntax');
    }
  });
});
