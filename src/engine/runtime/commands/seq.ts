// seq as GNU coreutils (src/seq.c) and busybox (coreutils/seq.c) print it. A Program, not a
// SimpleCommand: `seq 1000000000 | head -3` must stop when head goes away (SIGPIPE), and busybox's
// `seq 1 0 3` prints 1 for ever, so numbers go out in chunks that respect a full pipe and yield the
// CPU between them, as a real writer would.
import type { Proc, Program } from '../process/program';
import { getopt, isOptError, optMap, tryHelp } from './getopt';
import { busyboxUsage, libcOf, missingOperand, optionError, progName } from './msg';
import { ctxOfProc, quote, type Ctx, type Flavor } from './util';

interface SeqState {
  first: number;
  step: number;
  last: number;
  /** digits after the point */
  prec: number;
  /** -w: pad with zeros to this many characters (0: no padding) */
  width: number;
  sep: string;
  /** numbers printed so far */
  n: number;
}

/** Numbers per write: a chunk, then a pipe check and a CPU yield. */
const CHUNK = 4096;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
/** A number operand both implementations read (and that JSON can hold: no overflow to infinity). */
const isNumber = (s: string): boolean => NUMBER.test(s) && Number.isFinite(Number(s));

/** Digits after the point a number operand asks for (coreutils seq.c scan_arg). */
function precisionOf(s: string): number {
  const m = NUMBER.exec(s)!;
  const dot = m[1]!.indexOf('.');
  const frac = dot < 0 ? 0 : m[1]!.length - dot - 1;
  // toFixed stops at 100 digits
  return Math.min(100, Math.max(0, frac - Number(m[2]?.slice(1) ?? 0)));
}

function format(v: number, prec: number, width: number): string {
  const s = Math.abs(v).toFixed(prec);
  const sign = v < 0 ? '-' : '';
  return sign + s.padStart(width - sign.length, '0');
}

/**
 * Options end at the first operand that looks like a negative number (`seq -1 1`), unless it is
 * the argument of -s or -f (coreutils seq.c main; busybox truncates argv there the same way).
 */
function splitAtNumber(argv: readonly string[]): [string[], string[]] {
  for (let i = 1; i < argv.length; i++) {
    if (/^-[\d.]/.test(argv[i]!) && !/^(-s|-f|--separator|--format)$/.test(argv[i - 1]!)) return [argv.slice(0, i), argv.slice(i)];
  }
  return [[...argv], []];
}

function setup(c: Ctx, f: Flavor): SeqState | number {
  const [head, tail] = splitAtNumber(c.argv);
  const r = getopt(head, { short: '+ws:', long: f === 'gnu' ? { separator: { key: 's', arg: 'required' }, 'equal-width': { key: 'w', arg: 'none' } } : undefined }, libcOf(c, f));
  if (isOptError(r)) return optionError(c, f, r.error);
  const args = [...r.args, ...tail];
  const o = optMap(r);
  const prog = progName(c, f);
  if (f === 'busybox') {
    // coreutils/seq.c: strtod on each operand, bb_show_usage() when one is not a whole number
    if (args.length < 1 || args.length > 3 || !args.every(isNumber)) return busyboxUsage(c, prog);
  } else {
    if (!args.length) return missingOperand(c, f);
    if (args.length > 3) {
      // coreutils seq.c main: error (0, 0, _("extra operand %s"), quote (argv[optind + 3]))
      c.err(`${prog}: extra operand ${quote(args[3]!)}\n${tryHelp(prog)}`);
      return 1;
    }
    const bad = args.find((a) => !isNumber(a));
    if (bad !== undefined) {
      // coreutils seq.c scan_arg: error (0, 0, _("invalid floating point argument: %s"), quote (arg))
      c.err(`${prog}: invalid floating point argument: ${quote(bad)}\n${tryHelp(prog)}`);
      return 1;
    }
  }
  const nums = args.map(Number);
  const [first, step, last] = nums.length === 1 ? [1, 1, nums[0]!] : nums.length === 2 ? [nums[0]!, 1, nums[1]!] : [nums[0]!, nums[1]!, nums[2]!];
  if (f === 'gnu' && step === 0) {
    // coreutils seq.c main: error (0, 0, _("invalid Zero increment value: %s"), quote (argv[optind + 1]))
    c.err(`${prog}: invalid Zero increment value: ${quote(args[1]!)}\n${tryHelp(prog)}`);
    return 1;
  }
  // the precision comes from FIRST and INCREMENT, never from LAST (both implementations)
  const prec = Math.max(0, ...args.slice(0, -1).map(precisionOf));
  let width = 0;
  if (o.has('w')) {
    // GNU: the widest of FIRST and LAST as printed; busybox: the operands' integer parts as typed, plus the fraction
    width = f === 'gnu'
      ? Math.max(format(first, prec, 0).length, format(last, prec, 0).length)
      : Math.max(...args.map((a) => a.split('.')[0]!.length)) + (prec ? prec + 1 : 0);
  }
  return { first, step, last, prec, width, sep: o.get('s') ?? '\n', n: 0 };
}

function pump(p: Proc<SeqState>): void {
  const s = p.state;
  let out = '';
  let k = 0;
  for (; k < CHUNK; k++) {
    // first + n*step, not a running sum: no accumulated rounding (both implementations)
    const v = s.first + s.n * s.step;
    if (s.step >= 0 ? v > s.last : v < s.last) break;
    out += (s.n ? s.sep : '') + format(v, s.prec, s.width);
    s.n++;
  }
  const done = k < CHUNK;
  if (done && s.n) out += '\n';
  if (out && !p.write(1, out) && !p.alive) return;
  if (done) return p.exit(0);
  if (p.writeBlocked(1)) p.waitWritable(1);
  else p.yieldCpu(1, 'more');
}

export function seqCommand(f: Flavor): Program<SeqState> {
  return {
    kind: 'program',
    start(p) {
      const r = setup(ctxOfProc(p as Proc<unknown>), f);
      if (typeof r === 'number') return p.exit(r);
      p.state = r;
      pump(p);
    },
    event(p, ev) {
      if (ev.type === 'timer' || ev.type === 'writable') pump(p);
    },
  };
}
