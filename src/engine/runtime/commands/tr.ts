// tr as GNU coreutils (src/tr.c) and busybox (coreutils/tr.c) run it. Both work on bytes (GNU tr
// has no multibyte support, whatever the locale), so the text is translated as its UTF-8 bytes
// and the sets too: `tr -d é` deletes both bytes of every é, as on Linux.
import type { SimpleCommand } from '../process/program';
import { utf8Decode, utf8Encode } from '../../../shared/base64';
import { getopt, isOptError, optMap, tryHelp } from './getopt';
import { busyboxUsage, libcOf, optionError, progName } from './msg';
import { quote, simpleCommand, type Ctx, type Flavor } from './util';

const range = (lo: number, hi: number): number[] => Array.from({ length: Math.max(0, hi - lo + 1) }, (_, i) => lo + i);
const isPrint = (b: number): boolean => b >= 0x20 && b < 0x7f;
const isAlnum = (b: number): boolean => /[A-Za-z0-9]/.test(String.fromCharCode(b));

/** The C locale's character classes, in byte order. */
const CLASSES: Record<string, number[]> = {
  alnum: [...range(48, 57), ...range(65, 90), ...range(97, 122)],
  alpha: [...range(65, 90), ...range(97, 122)],
  blank: [9, 32],
  cntrl: [...range(0, 31), 127],
  digit: range(48, 57),
  graph: range(33, 126),
  lower: range(97, 122),
  print: range(32, 126),
  punct: range(33, 126).filter((b) => isPrint(b) && !isAlnum(b)),
  space: [9, 10, 11, 12, 13, 32],
  upper: range(65, 90),
  xdigit: [...range(48, 57), ...range(65, 70), ...range(97, 102)],
};
// busybox tr.c expand: the classes it knows (others stay literal text)
const BUSYBOX_CLASSES = ['alpha', 'alnum', 'digit', 'lower', 'upper', 'space', 'blank', 'punct', 'cntrl', 'xdigit'];

const ESCAPES: Record<string, number> = { a: 7, b: 8, f: 12, n: 10, r: 13, t: 9, v: 11, '\\': 92 };

interface TrSet {
  bytes: number[];
  /** [offset in bytes, class name] for every [:class:] */
  classes: [number, string][];
}

/** Expand a SET: escapes, ranges, [:class:], [=c=] (coreutils tr.c build_spec_list/busybox expand). */
function expand(s: string, f: Flavor): TrSet | string {
  const src = utf8Encode(s);
  const out: TrSet = { bytes: [], classes: [] };
  const text = (i: number, n: number): string => String.fromCharCode(...src.slice(i, i + n));
  // one byte, with a backslash escape: [byte, length in src]
  const atom = (i: number): [number, number] => {
    if (src[i] !== 92 || i + 1 >= src.length) return [src[i]!, 1];
    const oct = /^[0-7]{1,3}/.exec(text(i + 1, 3));
    if (oct) return [parseInt(oct[0], 8) & 0xff, 1 + oct[0].length];
    const ch = String.fromCharCode(src[i + 1]!);
    return [ESCAPES[ch] ?? src[i + 1]!, 2];
  };
  for (let i = 0; i < src.length;) {
    const cls = /^\[:([a-z]*):\]/.exec(text(i, 12));
    if (cls) {
      const known = f === 'gnu' ? Object.hasOwn(CLASSES, cls[1]!) : BUSYBOX_CLASSES.includes(cls[1]!);
      // coreutils tr.c: error (0, 0, _("invalid character class %s"), quote (class_str)); busybox: literal text
      if (!known && f === 'gnu') return `invalid character class ${quote(cls[1]!)}`;
      if (known) {
        out.classes.push([out.bytes.length, cls[1]!]);
        out.bytes.push(...CLASSES[cls[1]!]!);
        i += cls[0].length;
        continue;
      }
    }
    const equiv = /^\[=(.)=\]/s.exec(text(i, 5));
    if (equiv) {
      out.bytes.push(src[i + 2]!);
      i += 5;
      continue;
    }
    const [lo, n] = atom(i);
    if (src[i + n] === 45 && i + n + 1 < src.length) {
      const [hi, m] = atom(i + n + 1);
      if (hi < lo && f === 'gnu') {
        // coreutils tr.c build_spec_list: "range-endpoints of %s are in reverse collating sequence order"
        return `range-endpoints of ${quote(text(i, n + 1 + m))} are in reverse collating sequence order`;
      }
      out.bytes.push(...range(lo, hi));
      i += n + 1 + m;
      continue;
    }
    out.bytes.push(lo);
    i += n;
  }
  return out;
}

/** Every byte not in `set`, in order (-c). */
const complementOf = (set: number[]): number[] => range(0, 255).filter((b) => !set.includes(b));

interface Plan {
  del: Set<number>;
  map: Map<number, number>;
  /** squeeze runs of these (after translation) */
  squeeze: Set<number>;
  /** busybox squeezes a byte when its input or its output is in a set */
  squeezeIn?: Set<number>;
}

function gnuPlan(c: Ctx, prog: string, o: Map<string, string | undefined>, args: string[]): Plan | number {
  const del = o.has('d');
  const sq = o.has('s');
  const fail = (msg: string, help = true): number => {
    c.err(`${prog}: ${msg}\n${help ? tryHelp(prog) : ''}`);
    return 1;
  };
  // coreutils tr.c main: how many strings each mode takes
  const min = 1 + (del === sq ? 1 : 0);
  const max = 1 + (del && !sq ? 0 : 1);
  if (args.length < min) {
    if (!args.length) return fail('missing operand');
    const why = sq ? 'Two strings must be given when both deleting and squeezing repeats.' : 'Two strings must be given when translating.';
    return fail(`missing operand after ${quote(args[0]!)}\n${why}`);
  }
  if (args.length > max) {
    const why = args.length === 2 ? '\nOnly one string may be given when deleting without squeezing repeats.' : '';
    return fail(`extra operand ${quote(args[max]!)}${why}`);
  }
  const s1 = expand(args[0]!, 'gnu');
  if (typeof s1 === 'string') return fail(s1, false);
  const s2 = args.length > 1 ? expand(args[1]!, 'gnu') : undefined;
  if (typeof s2 === 'string') return fail(s2, false);
  const set1 = o.has('c') ? complementOf(s1.bytes) : s1.bytes;
  const plan: Plan = { del: new Set(del ? set1 : []), map: new Map(), squeeze: new Set() };
  if (!del && s2) {
    // coreutils tr.c validate: the checks on string2 when translating
    if (s2.classes.some(([, n]) => n !== 'upper' && n !== 'lower')) return fail("when translating, the only character classes that may appear in\nstring2 are 'upper' and 'lower'", false);
    for (const [at] of s2.classes) {
      if (!s1.classes.some(([at1, n1]) => at1 === at && (n1 === 'upper' || n1 === 'lower'))) return fail('misaligned [:upper:] and/or [:lower:] construct', false);
    }
    if (!s2.bytes.length && !o.has('t')) return fail('when not truncating set1, string2 must be non-empty', false);
    const last = s2.classes[s2.classes.length - 1];
    if (set1.length > s2.bytes.length && last && last[0] + CLASSES[last[1]]!.length === s2.bytes.length && !o.has('t')) {
      return fail('when translating with string1 longer than string2,\nthe latter string must not end with a character class', false);
    }
    set1.forEach((b, i) => {
      if (i < s2.bytes.length || !o.has('t')) plan.map.set(b, s2.bytes[Math.min(i, s2.bytes.length - 1)]!);
    });
  }
  if (sq) plan.squeeze = new Set(s2 ? s2.bytes : set1);
  return plan;
}

function busyboxPlan(c: Ctx, prog: string, o: Map<string, string | undefined>, args: string[]): Plan | number {
  // busybox tr.c getopt32 "^+Ccds\0-1:?2": one or two strings
  if (args.length < 1 || args.length > 2) return busyboxUsage(c, prog);
  const s1 = expand(args[0]!, 'busybox') as TrSet;
  const set1 = o.has('c') || o.has('C') ? complementOf(s1.bytes) : s1.bytes;
  const plan: Plan = { del: new Set(o.has('d') ? set1 : []), map: new Map(), squeeze: new Set(), squeezeIn: new Set(set1) };
  if (args.length === 2) {
    if (args[1] === '') {
      // busybox tr.c: bb_simple_error_msg_and_die("STRING2 cannot be empty")
      c.err(`${prog}: STRING2 cannot be empty\n`);
      return 1;
    }
    const s2 = (expand(args[1]!, 'busybox') as TrSet).bytes;
    plan.squeeze = new Set(s2);
    // busybox tr.c map: a shorter STRING2 repeats its last byte
    set1.forEach((b, i) => plan.map.set(b, s2[Math.min(i, s2.length - 1)]!));
  }
  if (!o.has('s')) plan.squeezeIn = undefined;
  return plan;
}

export function trCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c, stdin) => {
    const long = f === 'gnu' ? {
      complement: { key: 'c', arg: 'none' as const }, delete: { key: 'd', arg: 'none' as const },
      'squeeze-repeats': { key: 's', arg: 'none' as const }, 'truncate-set1': { key: 't', arg: 'none' as const },
    } : undefined;
    const r = getopt(c.argv, { short: f === 'gnu' ? '+Ccdst' : '+Ccds', long }, libcOf(c, f));
    if (isOptError(r)) return optionError(c, f, r.error);
    const prog = progName(c, f);
    const o = optMap(r);
    const plan = f === 'gnu' ? gnuPlan(c, prog, o, r.args) : busyboxPlan(c, prog, o, r.args);
    if (typeof plan === 'number') return plan;
    const squeezing = o.has('s');
    const out: number[] = [];
    let last = -1;
    for (const b of utf8Encode(stdin)) {
      if (plan.del.has(b)) continue;
      const t = plan.map.get(b) ?? b;
      const squeezable = f === 'gnu' ? plan.squeeze.has(t) : plan.squeezeIn?.has(b) || plan.squeeze.has(t);
      if (squeezing && t === last && squeezable) continue;
      out.push(t);
      last = t;
    }
    c.out(utf8Decode(out));
    return 0;
  }, (argv) => argv.slice(1).some((a) => !a.startsWith('-')));
}
