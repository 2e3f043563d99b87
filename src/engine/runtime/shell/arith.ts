// Shell arithmetic, $(( )) and (( )): C integer expressions with assignment (XCU 2.6.4, bash
// "ARITHMETIC EVALUATION"). Numbers are JS doubles truncated to integers: exact up to 2^53, which
// covers what scripts count. Short-circuit operators skip their side effects, as in C.
import type { DialectName } from './dialect';

export interface ArithVars {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

export class ArithError extends Error {
  constructor(
    readonly kind: 'syntax' | 'divzero' | 'badnum' | 'recursion',
    /** the expression */
    readonly expr: string,
    /** the text from the offending token on (bash's "error token") */
    readonly rest: string,
  ) {
    super(kind);
  }
}

/** The error as each shell prints it (after its usual prefix). */
export function arithMessage(d: DialectName, e: ArithError): string {
  const expr = e.expr.trim();
  if (d === 'bash') {
    // bash expr.c evalerror: "%s: %s (error token is \"%s\")"
    const msg = e.kind === 'divzero' ? 'division by 0' : e.kind === 'badnum' ? 'invalid number' : e.kind === 'recursion' ? 'expression recursion level exceeded' : e.rest ? 'syntax error: invalid arithmetic operator' : 'syntax error: operand expected';
    return `${expr}: ${msg} (error token is "${e.rest}")`;
  }
  if (d === 'dash') {
    // dash arith_yacc.c yyerror: "arithmetic expression: %s: \"%s\""
    const msg = e.kind === 'divzero' ? 'division by zero' : 'expecting primary';
    return `arithmetic expression: ${msg}: "${expr}"`;
  }
  // busybox shell/math.c: "divide by zero", "arithmetic syntax error"
  return e.kind === 'divzero' ? 'divide by zero' : 'arithmetic syntax error';
}

type Tok = { t: 'num'; v: number } | { t: 'id'; v: string } | { t: 'op'; v: string } | { t: 'end' };

const OPS = [
  '<<=', '>>=', '**', '++', '--', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=',
  '+', '-', '*', '/', '%', '<', '>', '&', '^', '|', '!', '~', '?', ':', '=', '(', ')', ',',
];

const MAX_DEPTH = 64;

export function evalArith(expr: string, vars: ArithVars, depth = 0): number {
  if (depth > MAX_DEPTH) throw new ArithError('recursion', expr, '');
  if (!expr.trim()) return 0;
  return new Evaluator(expr, vars, depth).run();
}

/** A variable's value as a number: empty is 0, digits are a number, anything else is an expression. */
function valueOf(text: string | undefined, vars: ArithVars, depth: number): number {
  if (text === undefined || text === '') return 0;
  const n = parseNumber(text.trim());
  if (n !== undefined) return n;
  return evalArith(text, vars, depth + 1);
}

/** 12, 0x1f, 017, 2#101; undefined when not a number. */
export function parseNumber(s: string): number | undefined {
  let m = /^([+-]?)(\d+)$/.exec(s);
  if (m) {
    const digits = m[2]!;
    const v = digits.length > 1 && digits[0] === '0' ? parseInt(digits, 8) : Number(digits);
    if (Number.isNaN(v)) return undefined;
    return m[1] === '-' ? -v : v;
  }
  m = /^([+-]?)0[xX]([0-9a-fA-F]+)$/.exec(s);
  if (m) return (m[1] === '-' ? -1 : 1) * parseInt(m[2]!, 16);
  m = /^([+-]?)(\d+)#([0-9a-zA-Z@_]+)$/.exec(s);
  if (m) {
    const base = Number(m[2]);
    if (base < 2 || base > 36) return undefined;
    const v = parseInt(m[3]!, base);
    return Number.isNaN(v) ? undefined : (m[1] === '-' ? -1 : 1) * v;
  }
  return undefined;
}

class Evaluator {
  private toks: Tok[] = [];
  private starts: number[] = [];
  private i = 0;
  /** > 0 while evaluating a branch whose value is discarded (no assignments happen) */
  private skip = 0;

  constructor(private readonly src: string, private readonly vars: ArithVars, private readonly depth: number) {
    this.lex();
  }

  run(): number {
    const v = this.comma();
    if (this.peek().t !== 'end') throw this.syntax();
    return v;
  }

  private lex(): void {
    const s = this.src;
    let i = 0;
    outer: while (i < s.length) {
      const c = s[i]!;
      if (/\s/.test(c)) {
        i++;
        continue;
      }
      this.starts.push(i);
      if (/[0-9]/.test(c)) {
        const m = /^[0-9]+(#[0-9a-zA-Z@_]+|[xX][0-9a-fA-F]+)?[0-9a-zA-Z_]*/.exec(s.slice(i))!;
        const v = parseNumber(m[0]);
        if (v === undefined) throw new ArithError('badnum', this.src, s.slice(i));
        this.toks.push({ t: 'num', v });
        i += m[0].length;
        continue;
      }
      if (/[A-Za-z_]/.test(c)) {
        const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i))!;
        this.toks.push({ t: 'id', v: m[0] });
        i += m[0].length;
        continue;
      }
      for (const op of OPS) {
        if (s.startsWith(op, i)) {
          this.toks.push({ t: 'op', v: op });
          i += op.length;
          continue outer;
        }
      }
      throw new ArithError('syntax', this.src, s.slice(i));
    }
    this.starts.push(s.length);
    this.toks.push({ t: 'end' });
  }

  private peek(): Tok {
    return this.toks[this.i]!;
  }

  private isOp(v: string): boolean {
    const t = this.toks[this.i]!;
    return t.t === 'op' && t.v === v;
  }

  private syntax(): ArithError {
    return new ArithError('syntax', this.src, this.src.slice(this.starts[this.i] ?? this.src.length).trim());
  }

  private comma(): number {
    let v = this.assign();
    while (this.isOp(',')) {
      this.i++;
      v = this.assign();
    }
    return v;
  }

  private assign(): number {
    const t = this.peek();
    const n = this.toks[this.i + 1];
    if (t.t === 'id' && n?.t === 'op' && /^(=|\+=|-=|\*=|\/=|%=|<<=|>>=|&=|\^=|\|=)$/.test(n.v)) {
      this.i += 2;
      const rhsAt = this.i;
      const rhs = this.assign();
      let v = rhs;
      if (n.v !== '=') v = this.binary(n.v.slice(0, -1), this.read(t.v), rhs, rhsAt);
      if (!this.skip) this.vars.set(t.v, String(v));
      return v;
    }
    return this.ternary();
  }

  private ternary(): number {
    const c = this.binaryLevel(0);
    if (!this.isOp('?')) return c;
    this.i++;
    if (!c) this.skip++;
    const a = this.assign();
    if (!c) this.skip--;
    if (!this.isOp(':')) throw this.syntax();
    this.i++;
    if (c) this.skip++;
    const b = this.assign();
    if (c) this.skip--;
    return c ? a : b;
  }

  private static readonly LEVELS: string[][] = [
    ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%'],
  ];

  private binaryLevel(level: number): number {
    if (level >= Evaluator.LEVELS.length) return this.power();
    const ops = Evaluator.LEVELS[level]!;
    let v = this.binaryLevel(level + 1);
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || !ops.includes(t.v)) return v;
      this.i++;
      const rhsAt = this.i;
      if (t.v === '&&' || t.v === '||') {
        const short = t.v === '&&' ? !v : !!v;
        if (short) this.skip++;
        const r = this.binaryLevel(level + 1);
        if (short) this.skip--;
        v = short ? (t.v === '||' ? 1 : 0) : r ? 1 : 0;
        continue;
      }
      v = this.binary(t.v, v, this.binaryLevel(level + 1), rhsAt);
    }
  }

  private binary(op: string, a: number, b: number, rhsAt: number): number {
    switch (op) {
      case '+': return a + b;
      case '-': return a - b;
      case '*': return a * b;
      case '/':
      case '%':
        if (b === 0) {
          if (this.skip) return 0;
          throw new ArithError('divzero', this.src, this.src.slice(this.starts[rhsAt] ?? 0).trim());
        }
        return op === '/' ? Math.trunc(a / b) : a % b;
      case '<<': return Number(BigInt.asIntN(64, BigInt(a) << BigInt(b & 63)));
      case '>>': return Math.trunc(a / 2 ** (b & 63)) - (a < 0 && a % 2 ** (b & 63) !== 0 ? 1 : 0);
      case '<': return a < b ? 1 : 0;
      case '<=': return a <= b ? 1 : 0;
      case '>': return a > b ? 1 : 0;
      case '>=': return a >= b ? 1 : 0;
      case '==': return a === b ? 1 : 0;
      case '!=': return a !== b ? 1 : 0;
      case '&': return Number(BigInt.asIntN(64, BigInt(a) & BigInt(b)));
      case '|': return Number(BigInt.asIntN(64, BigInt(a) | BigInt(b)));
      case '^': return Number(BigInt.asIntN(64, BigInt(a) ^ BigInt(b)));
      default: throw this.syntax();
    }
  }

  private power(): number {
    const base = this.unary();
    if (!this.isOp('**')) return base;
    this.i++;
    const exp = this.power(); // right associative
    return exp < 0 ? 0 : Math.trunc(base ** exp);
  }

  private unary(): number {
    const t = this.peek();
    if (t.t === 'op') {
      switch (t.v) {
        case '+': this.i++; return this.unary();
        case '-': this.i++; return -this.unary();
        case '!': this.i++; return this.unary() ? 0 : 1;
        case '~': this.i++; return -this.unary() - 1;
        case '++':
        case '--': {
          this.i++;
          const id = this.peek();
          if (id.t !== 'id') throw this.syntax();
          this.i++;
          const v = this.read(id.v) + (t.v === '++' ? 1 : -1);
          if (!this.skip) this.vars.set(id.v, String(v));
          return v;
        }
      }
    }
    return this.postfix();
  }

  private postfix(): number {
    const t = this.peek();
    if (t.t === 'id' && this.toks[this.i + 1]?.t === 'op') {
      const n = this.toks[this.i + 1] as { t: 'op'; v: string };
      if (n.v === '++' || n.v === '--') {
        this.i += 2;
        const v = this.read(t.v);
        if (!this.skip) this.vars.set(t.v, String(v + (n.v === '++' ? 1 : -1)));
        return v;
      }
    }
    return this.primary();
  }

  private primary(): number {
    const t = this.peek();
    if (t.t === 'num') {
      this.i++;
      return t.v;
    }
    if (t.t === 'id') {
      this.i++;
      return this.read(t.v);
    }
    if (t.t === 'op' && t.v === '(') {
      this.i++;
      const v = this.comma();
      if (!this.isOp(')')) throw this.syntax();
      this.i++;
      return v;
    }
    throw this.syntax();
  }

  private read(name: string): number {
    return valueOf(this.vars.get(name), this.vars, this.depth);
  }
}
