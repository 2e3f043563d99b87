// test(1) / [ expressions (XCU test): the POSIX rules by argument count, then -a/-o/!/( )
// precedence for longer lists. Shared by the shell builtins and the test command.
import { resolvePath } from '../fs/path';
import type { Vfs } from '../process/types';
import { parseNumber } from './arith';

export type TestFlavor = 'dash' | 'bash' | 'ash' | 'coreutils';

export interface TestEnv {
  fs: Vfs;
  cwd: string;
  flavor: TestFlavor;
  /** `-t fd`: whether fd is a terminal (the stdin of `kubectl exec -it`; absent: nothing is) */
  isatty?(fd: number): boolean;
}

export interface TestResult {
  /** 0 true, 1 false, 2 error */
  status: number;
  /** the error text without the "[: " / "test: " prefix */
  error?: string;
}

class TestError extends Error {}

const UNARY = new Set(['-b', '-c', '-d', '-e', '-f', '-g', '-h', '-L', '-k', '-n', '-p', '-r', '-s', '-S', '-t', '-u', '-w', '-x', '-z', '-O', '-G', '-N']);
const BINARY = new Set(['=', '==', '!=', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef']);

/** Evaluate `test args...` (for `[`, the caller has removed the closing `]`). */
export function evalTest(args: readonly string[], env: TestEnv): TestResult {
  try {
    return { status: evaluate([...args], env) ? 0 : 1 };
  } catch (e) {
    if (e instanceof TestError) return { status: 2, error: e.message };
    throw e;
  }
}

/** The message for `[` without its `]`. */
export function missingBracket(flavor: TestFlavor): string {
  // bash test.c: "missing `]'"; dash test.c: "missing ]"; coreutils: "missing ']'"; busybox: "missing ]"
  if (flavor === 'bash') return "missing `]'";
  if (flavor === 'coreutils') return "missing ']'";
  return 'missing ]';
}

function evaluate(a: string[], env: TestEnv): boolean {
  switch (a.length) {
    case 0: return false;
    case 1: return a[0] !== '';
    case 2:
      if (a[0] === '!') return a[1] === '';
      if (UNARY.has(a[0]!)) return unary(a[0]!, a[1]!, env);
      throw new TestError(unaryExpected(a[0]!, env.flavor));
    case 3:
      if (BINARY.has(a[1]!)) return binary(a[0]!, a[1]!, a[2]!, env);
      if (a[0] === '!') return !evaluate(a.slice(1), env);
      if (a[0] === '(' && a[2] === ')') return evaluate([a[1]!], env);
      break;
    case 4:
      if (a[0] === '!') return !evaluate(a.slice(1), env);
      if (a[0] === '(' && a[3] === ')') return evaluate(a.slice(1, 3), env);
      break;
  }
  const p = new ExprParser(a, env);
  const v = p.or();
  if (p.i < a.length) throw new TestError(extraOperand(a[p.i]!, env.flavor));
  return v;
}

class ExprParser {
  i = 0;
  constructor(private readonly a: string[], private readonly env: TestEnv) {}

  or(): boolean {
    let v = this.and();
    while (this.a[this.i] === '-o') {
      this.i++;
      v = this.and() || v;
    }
    return v;
  }

  and(): boolean {
    let v = this.not();
    while (this.a[this.i] === '-a') {
      this.i++;
      v = this.not() && v;
    }
    return v;
  }

  not(): boolean {
    if (this.a[this.i] === '!') {
      this.i++;
      return !this.not();
    }
    return this.primary();
  }

  primary(): boolean {
    const a = this.a;
    const t = a[this.i];
    if (t === undefined) throw new TestError(this.env.flavor === 'bash' ? 'argument expected' : 'argument expected');
    if (t === '(') {
      this.i++;
      const v = this.or();
      if (a[this.i] !== ')') throw new TestError(this.env.flavor === 'bash' ? "`)' expected" : 'closing paren expected');
      this.i++;
      return v;
    }
    if (BINARY.has(a[this.i + 1] ?? '') && this.i + 2 < a.length) {
      this.i += 3;
      return binary(t, a[this.i - 2]!, a[this.i - 1]!, this.env);
    }
    if (UNARY.has(t) && this.i + 1 < a.length) {
      this.i += 2;
      return unary(t, a[this.i - 1]!, this.env);
    }
    this.i++;
    return t !== '';
  }
}

function unary(op: string, arg: string, env: TestEnv): boolean {
  if (op === '-n') return arg !== '';
  if (op === '-z') return arg === '';
  if (op === '-t') return env.isatty?.(Number(arg)) ?? false;
  let st;
  try {
    st = env.fs.stat(resolvePath(env.cwd, arg));
  } catch {
    return false;
  }
  if (arg === '') return false;
  switch (op) {
    case '-e': return true;
    case '-f': return st.type === 'file';
    case '-d': return st.type === 'dir';
    case '-s': return st.size > 0;
    case '-r': return (st.mode & 0o444) !== 0;
    case '-w': return (st.mode & 0o222) !== 0;
    case '-x': return (st.mode & 0o111) !== 0;
    case '-u': return (st.mode & 0o4000) !== 0;
    case '-g': return (st.mode & 0o2000) !== 0;
    case '-k': return (st.mode & 0o1000) !== 0;
    case '-O': case '-G': return true; // everything belongs to root in Podlab
    default: return false; // -b -c -p -S -h -L -N: no devices, fifos, sockets or links
  }
}

function binary(l: string, op: string, r: string, env: TestEnv): boolean {
  switch (op) {
    case '=':
    case '==': return l === r;
    case '!=': return l !== r;
    case '<': return l < r;
    case '>': return l > r;
    case '-nt':
    case '-ot': {
      const t = (p: string): number | undefined => {
        try {
          return env.fs.stat(resolvePath(env.cwd, p)).mtimeMs;
        } catch {
          return undefined;
        }
      };
      const a = t(l);
      const b = t(r);
      if (op === '-nt') return a !== undefined && (b === undefined || a > b);
      return b !== undefined && (a === undefined || a < b);
    }
    case '-ef': return resolvePath(env.cwd, l) === resolvePath(env.cwd, r);
  }
  const a = integer(l, env);
  const b = integer(r, env);
  switch (op) {
    case '-eq': return a === b;
    case '-ne': return a !== b;
    case '-lt': return a < b;
    case '-le': return a <= b;
    case '-gt': return a > b;
    default: return a >= b;
  }
}

function integer(s: string, env: TestEnv): number {
  const t = s.trim();
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  if (env.flavor === 'bash' && t !== '' && parseNumber(t) !== undefined && /^[+-]?\d/.test(t)) return parseNumber(t)!;
  // bash test.c integer_expected_error: "%s: integer expression expected"; dash mystring.c number:
  // "Illegal number: %s"; coreutils: "invalid integer %s" (quoted); busybox test.c: "%s: bad number"
  switch (env.flavor) {
    case 'bash': throw new TestError(`${s}: integer expression expected`);
    case 'dash': throw new TestError(`Illegal number: ${s}`);
    case 'coreutils': throw new TestError(`invalid integer '${s}'`);
    default: throw new TestError(`${s}: bad number`);
  }
}

function unaryExpected(op: string, flavor: TestFlavor): string {
  // bash: "%s: unary operator expected"; dash: "%s: unexpected operator"
  if (flavor === 'bash') return `${op}: unary operator expected`;
  if (flavor === 'coreutils') return `'${op}': unary operator expected`;
  return `${op}: unexpected operator`;
}

function extraOperand(op: string, flavor: TestFlavor): string {
  if (flavor === 'bash') return 'too many arguments';
  if (flavor === 'coreutils') return `extra argument '${op}'`;
  return `${op}: unexpected operator`;
}
