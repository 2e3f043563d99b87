// bash [[ ... ]] (also in busybox ash): no word splitting or globbing, && || ! ( ), == and !=
// match patterns (quoted parts literally), =~ matches an extended regular expression.
import type { Word } from './ast';
import { expandPattern, expandString, type ExpandHost } from './expand';
import { matchPattern } from './pattern';
import { evalTest, type TestEnv } from './test-expr';

export interface CondHost extends ExpandHost {
  readonly p: { fs: TestEnv['fs']; cwd: string };
  setVar(name: string, value: string): boolean;
}

const UNARY = /^-[abcdefghkLnprsStuwxzOGN]$/;
const BINARY = new Set(['==', '=', '!=', '<', '>', '=~', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** 0 when the condition holds, 1 when not, 2 on a syntax error. */
export function evalCond(words: readonly Word[], h: CondHost): number {
  let i = 0;
  const op = (w: Word | undefined): string | undefined => (w && w.parts.length === 1 && w.parts[0]!.t === 'lit' ? w.parts[0]!.v : undefined);
  const env: TestEnv = { fs: h.p.fs, cwd: h.p.cwd, flavor: 'bash' };

  const or = (): boolean => {
    let v = and();
    while (op(words[i]) === '||') {
      i++;
      const r = and();
      v = v || r;
    }
    return v;
  };
  const and = (): boolean => {
    let v = not();
    while (op(words[i]) === '&&') {
      i++;
      const r = not();
      v = v && r;
    }
    return v;
  };
  const not = (): boolean => {
    if (op(words[i]) === '!') {
      i++;
      return !not();
    }
    return primary();
  };
  const primary = (): boolean => {
    const w = words[i];
    if (!w) throw new Error('cond');
    const o = op(w);
    if (o === '(') {
      i++;
      const v = or();
      if (op(words[i]) !== ')') throw new Error('cond');
      i++;
      return v;
    }
    const next = op(words[i + 1]);
    if (next !== undefined && BINARY.has(next) && words[i + 2]) {
      const l = expandString(w, h);
      const rw = words[i + 2]!;
      i += 3;
      switch (next) {
        case '==':
        case '=':
          return matchPattern(expandPattern(rw, h), l);
        case '!=':
          return !matchPattern(expandPattern(rw, h), l);
        case '=~': {
          const m = new RegExp(expandString(rw, h)).exec(l);
          if (m) h.setVar('BASH_REMATCH', m[0]);
          return !!m;
        }
        case '-eq': case '-ne': case '-lt': case '-le': case '-gt': case '-ge': {
          const a = h.arith(l);
          const b = h.arith(expandString(rw, h));
          return evalTest([String(a), next, String(b)], env).status === 0;
        }
        default:
          return evalTest([l, next, expandString(rw, h)], env).status === 0;
      }
    }
    if (o !== undefined && UNARY.test(o) && words[i + 1]) {
      const arg = expandString(words[i + 1]!, h);
      i += 2;
      return evalTest([o === '-a' ? '-e' : o, arg], env).status === 0;
    }
    i++;
    return expandString(w, h) !== '';
  };

  try {
    const v = or();
    if (i < words.length) return 2;
    return v ? 0 : 1;
  } catch (e) {
    if (e instanceof Error && e.message === 'cond') return 2;
    throw e;
  }
}
