// printf(1) formatting, shared by the shell builtin and the printf command: C conversions with
// flags, width and precision, the format reused while arguments remain (XCU printf).
import { parseNumber } from './arith';
import { cEscape } from './parser';

export type PrintfFlavor = 'dash' | 'bash' | 'ash' | 'coreutils';

export interface PrintfResult {
  out: string;
  /** messages without the "printf: " prefix */
  errors: string[];
  status: number;
}

export function formatPrintf(fmt: string, args: readonly string[], flavor: PrintfFlavor): PrintfResult {
  const res: PrintfResult = { out: '', errors: [], status: 0 };
  let ai = 0;
  const next = (): string | undefined => (ai < args.length ? args[ai++] : undefined);
  for (;;) {
    const before = ai;
    const stop = formatOnce(fmt, next, res, flavor);
    if (stop || ai >= args.length || ai === before) break;
  }
  return res;
}

/** One pass over the format. Returns true when \c asked to stop all output. */
function formatOnce(fmt: string, next: () => string | undefined, res: PrintfResult, flavor: PrintfFlavor): boolean {
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i]!;
    if (c === '\\') {
      if (fmt[i + 1] === 'c') return true;
      if (i + 1 >= fmt.length) {
        res.out += '\\';
        continue;
      }
      const [text, used] = escapeAt(fmt, i + 1);
      res.out += text;
      i += used;
      continue;
    }
    if (c !== '%') {
      res.out += c;
      continue;
    }
    if (fmt[i + 1] === '%') {
      res.out += '%';
      i++;
      continue;
    }
    const m = /^%([-+ #0]*)(\*|\d+)?(?:\.(\*|\d*))?([a-zA-Z])?/.exec(fmt.slice(i))!;
    const flags = m[1]!;
    let width = m[2] === '*' ? toInt(next() ?? '', res, flavor) : m[2] ? Number(m[2]) : undefined;
    let prec = m[3] === '*' ? toInt(next() ?? '', res, flavor) : m[3] !== undefined ? Number(m[3] || '0') : undefined;
    const conv = m[4];
    let left = flags.includes('-');
    if (width !== undefined && width < 0) {
      left = true;
      width = -width;
    }
    if (prec !== undefined && prec < 0) prec = undefined;
    if (!conv) {
      // bash: "`%s': missing format character"; coreutils: "%s: missing format character" hmm-free wording
      res.errors.push(flavor === 'bash' ? `\`${fmt.slice(i)}': missing format character` : `${fmt.slice(i)}: missing format character`);
      res.status = 1;
      return true;
    }
    i += m[0].length - 1;
    let body: string;
    const arg = next;
    switch (conv) {
      case 's': {
        body = arg() ?? '';
        if (prec !== undefined) body = body.slice(0, prec);
        break;
      }
      case 'b': {
        const [text, stop] = expandBackslashes(arg() ?? '');
        body = prec !== undefined ? text.slice(0, prec) : text;
        res.out += pad(body, width, left, ' ');
        if (stop) return true;
        continue;
      }
      case 'c':
        body = (arg() ?? '').slice(0, 1);
        break;
      case 'q':
        body = shellQuote(arg() ?? '');
        break;
      case 'd':
      case 'i': {
        const n = toInt(arg() ?? '', res, flavor);
        body = signed(String(Math.abs(n)), n < 0, flags, prec);
        res.out += padNumber(body, width, left, flags.includes('0') && prec === undefined);
        continue;
      }
      case 'u':
      case 'o':
      case 'x':
      case 'X': {
        const n = toInt(arg() ?? '', res, flavor);
        const u = n < 0 ? BigInt.asUintN(64, BigInt(n)) : BigInt(n);
        let digits = conv === 'u' ? u.toString(10) : conv === 'o' ? u.toString(8) : u.toString(16);
        if (conv === 'X') digits = digits.toUpperCase();
        if (prec !== undefined) digits = digits.padStart(prec, '0');
        if (flags.includes('#') && u !== 0n) digits = conv === 'o' ? `0${digits}` : conv === 'x' ? `0x${digits}` : conv === 'X' ? `0X${digits}` : digits;
        res.out += padNumber(digits, width, left, flags.includes('0') && prec === undefined);
        continue;
      }
      case 'e':
      case 'E':
      case 'f':
      case 'F':
      case 'g':
      case 'G': {
        const a = arg() ?? '';
        let v = Number(a.trim() || '0');
        if (Number.isNaN(v)) {
          const n = parseNumber(a.trim());
          if (n === undefined) invalid(a, res, flavor);
          v = n ?? 0;
        }
        const text = formatFloat(Math.abs(v), conv, prec ?? 6, flags.includes('#'));
        body = (v < 0 || Object.is(v, -0) ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + text;
        res.out += padNumber(body, width, left, flags.includes('0'));
        continue;
      }
      default:
        // bash: "`%c': invalid format character"; dash/coreutils: "%s: invalid directive"
        res.errors.push(flavor === 'bash' ? `\`${conv}': invalid format character` : `%${conv}: invalid directive`);
        res.status = 1;
        return true;
    }
    res.out += pad(body, width, left, ' ');
  }
  return false;
}

function pad(s: string, width: number | undefined, left: boolean, ch: string): string {
  if (width === undefined || s.length >= width) return s;
  return left ? s + ' '.repeat(width - s.length) : ch.repeat(width - s.length) + s;
}

function padNumber(s: string, width: number | undefined, left: boolean, zero: boolean): string {
  if (width === undefined || s.length >= width) return s;
  if (left) return s + ' '.repeat(width - s.length);
  if (!zero) return ' '.repeat(width - s.length) + s;
  const sign = /^[-+ ]/.test(s) ? s[0]! : '';
  const rest = sign ? s.slice(1) : s;
  const prefix = /^0[xX]/.test(rest) ? rest.slice(0, 2) : '';
  return sign + prefix + '0'.repeat(width - s.length) + rest.slice(prefix.length);
}

function signed(digits: string, neg: boolean, flags: string, prec: number | undefined): string {
  if (prec !== undefined) digits = prec === 0 && digits === '0' ? '' : digits.padStart(prec, '0');
  return (neg ? '-' : flags.includes('+') ? '+' : flags.includes(' ') ? ' ' : '') + digits;
}

/** An integer argument: 'c gives the character code; bad numbers warn and count as what parsed. */
function toInt(a: string, res: PrintfResult, flavor: PrintfFlavor): number {
  const t = a.trim();
  if (t === '') return 0;
  if (t[0] === "'" || t[0] === '"') return t.length > 1 ? t.codePointAt(1)! : 0;
  const n = parseNumber(t);
  if (n !== undefined) return n;
  invalid(a, res, flavor);
  const m = /^[+-]?\d+/.exec(t);
  return m ? Number(m[0]) : 0;
}

function invalid(a: string, res: PrintfResult, flavor: PrintfFlavor): void {
  // bash general.c sh_invalidnum: "%s: invalid number"; dash printf.c: "%s: expected numeric value";
  // coreutils printf.c verify_numeric: "%s: expected a numeric value" (quoted name)
  if (flavor === 'bash') res.errors.push(`${a}: invalid number`);
  else if (flavor === 'coreutils') res.errors.push(`'${a}': expected a numeric value`);
  else res.errors.push(`${a}: expected numeric value`);
  res.status = 1;
}

function formatFloat(v: number, conv: string, prec: number, alt: boolean): string {
  const upper = conv === 'E' || conv === 'F' || conv === 'G';
  let s: string;
  if (!Number.isFinite(v)) s = Number.isNaN(v) ? 'nan' : 'inf';
  else if (conv === 'f' || conv === 'F') s = v.toFixed(prec);
  else if (conv === 'e' || conv === 'E') s = expForm(v, prec);
  else {
    const p = prec === 0 ? 1 : prec;
    const x = v === 0 ? 0 : Math.floor(Math.log10(v));
    s = p > x && x >= -4 ? v.toFixed(Math.max(0, p - 1 - x)) : expForm(v, p - 1);
    if (!alt && s.includes('.')) s = s.replace(/\.?0+(e|$)/, '$1');
  }
  return upper ? s.toUpperCase() : s;
}

function expForm(v: number, prec: number): string {
  const [m, e] = v.toExponential(prec).split('e') as [string, string];
  const exp = Number(e);
  return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
}

/** printf's own escapes in the format: C escapes, \NNN octal (up to 3 digits). */
function escapeAt(s: string, i: number): [string, number] {
  const c = s[i]!;
  if (c >= '0' && c <= '7') {
    const m = /^[0-7]{1,3}/.exec(s.slice(i))!;
    return [String.fromCharCode(parseInt(m[0], 8) & 0xff), m[0].length];
  }
  if (c === '"' || c === "'") return [c, 1];
  return cEscape(s, i, false);
}

/** %b and `echo -e`: C escapes with \0NNN octal; returns [text, stopped at \c]. */
/**
 * What `echo ARGS…` prints. dash's builtin takes only -n and always expands backslashes
 * (dash src/bltin/printf.c echocmd); bash's builtin, coreutils and busybox take -n/-e/-E clusters
 * and expand only with -e (bash builtins/echo.def, coreutils src/echo.c, busybox coreutils/echo.c).
 */
export function echoText(argv: readonly string[], dashStyle: boolean): string {
  let args = argv;
  let newline = true;
  let escapes = dashStyle;
  if (dashStyle) {
    if (args[0] === '-n') {
      newline = false;
      args = args.slice(1);
    }
  } else {
    while (args.length && /^-[neE]+$/.test(args[0]!)) {
      for (const c of args[0]!.slice(1)) {
        if (c === 'n') newline = false;
        else escapes = c === 'e';
      }
      args = args.slice(1);
    }
  }
  let text = args.join(' ');
  if (escapes) {
    const [t, stop] = expandBackslashes(text);
    text = t;
    if (stop) newline = false;
  }
  return newline ? `${text}\n` : text;
}

export function expandBackslashes(s: string): [string, boolean] {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c !== '\\' || i + 1 >= s.length) {
      out += c;
      continue;
    }
    const n = s[i + 1]!;
    if (n === 'c') return [out, true];
    if (n === '0') {
      const m = /^[0-7]{0,3}/.exec(s.slice(i + 2))!;
      out += String.fromCharCode(parseInt(m[0] || '0', 8) & 0xff);
      i += 1 + m[0].length;
      continue;
    }
    const [text, used] = cEscape(s, i + 1, false);
    out += text;
    i += used;
  }
  return [out, false];
}

/** bash printf %q / set -x quoting: plain words stay, others get single quotes. */
export function shellQuote(s: string): string {
  if (s === '') return "''";
  if (/^[A-Za-z0-9_@%+=:,./-]+$/.test(s)) return s;
  return `'${s.replace(/'/g, "'\\''")}'`;
}
