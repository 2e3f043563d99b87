// base64 as GNU coreutils (src/basenc.c, built as base64) and busybox (coreutils/uudecode.c
// baseNUM_main, libbb/uuencode.c) run it. Podlab's text is JS strings: base64 encodes their UTF-8
// bytes, and decoded bytes become text again (a byte that is not UTF-8 shows as U+FFFD, as a
// terminal would show it).
import type { SimpleCommand } from '../process/program';
import { base64Encode, utf8Decode, utf8Encode } from '../../../shared/base64';
import { optMap, tryHelp } from './getopt';
import { busyboxUsage, parseOpts, progName } from './msg';
import { readInputs, readsStdinOperands } from './filter-input';
import { quote, simpleCommand, type Ctx, type Flavor } from './util';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Encoded text in lines of `cols` characters (0: one line without a newline). */
export function wrapBase64(encoded: string, cols: number): string {
  if (!encoded || cols === 0) return encoded;
  let out = '';
  for (let i = 0; i < encoded.length; i += cols) out += `${encoded.slice(i, i + cols)}\n`;
  return out;
}

interface Decoded {
  bytes: number[];
  /** where decoding stopped: undefined when all input decoded */
  error?: 'invalid' | 'truncated';
}

/**
 * Decode as GNU's base64_decode_ctx: newlines are skipped, quanta of four characters (the last
 * may be padded with `=`) follow one another; at the first character that does not fit, the bytes
 * of the partial quantum are still written and decoding fails. `ignoreGarbage` (-i) drops every
 * character outside the alphabet first.
 */
export function gnuDecode(text: string, ignoreGarbage: boolean): Decoded {
  const chars = [...text].filter((ch) => ch !== '\n' && (!ignoreGarbage || ch === '=' || ALPHABET.includes(ch)));
  const bytes: number[] = [];
  let quantum: number[] = [];
  const flush = (): void => {
    // n characters carry floor(6n/8) whole bytes
    const n = quantum.length;
    const v = quantum.reduce((acc, x) => (acc << 6) | x, 0) << (6 * (4 - n));
    for (let k = 0; k < Math.floor((6 * n) / 8); k++) bytes.push((v >> (16 - 8 * k)) & 0xff);
    quantum = [];
  };
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const v = ALPHABET.indexOf(ch);
    if (v >= 0) {
      quantum.push(v);
      if (quantum.length === 4) flush();
      continue;
    }
    // '=' pads a quantum of two or three characters to four, and ends it
    const pads = quantum.length === 2 ? (chars[i + 1] === '=' ? 2 : 0) : quantum.length === 3 ? 1 : 0;
    if (ch !== '=' || pads === 0) {
      flush();
      return { bytes, error: 'invalid' };
    }
    flush();
    i += pads - 1;
  }
  if (quantum.length) {
    flush();
    return { bytes, error: 'invalid' };
  }
  return { bytes };
}

/**
 * Decode as busybox's read_base64/decode_base64: whitespace and characters outside the alphabet
 * are skipped, `=` ends a quantum where it may stand; a partial quantum at the end is an error
 * after everything before it was written.
 */
export function busyboxDecode(text: string): Decoded {
  const chars = [...text];
  const bytes: number[] = [];
  let acc = 0;
  let n = 0;
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    let v = ALPHABET.indexOf(ch);
    // libbb/uuencode.c decode_base64: '=' only as the 4th, or as the 3rd before another '='
    const pad = ch === '=' && (n === 3 || (n === 2 && chars[i + 1] === '='));
    if (v < 0 && !pad) continue;
    if (pad) v = 0;
    acc = (acc << 6) | v;
    n++;
    if (n < 4) continue;
    const three = [(acc >> 16) & 0xff, (acc >> 8) & 0xff, acc & 0xff];
    // "xx==" carries one byte, "xxx=" two
    bytes.push(...(pad ? three.slice(0, chars[i - 1] === '=' ? 1 : 2) : three));
    acc = 0;
    n = 0;
  }
  return n ? { bytes, error: 'truncated' } : { bytes };
}

export function base64Command(f: Flavor): SimpleCommand {
  return simpleCommand((c, stdin) => (f === 'gnu' ? gnuBase64(c, stdin) : busyboxBase64(c, stdin)), readsStdinOperands('w'));
}

function gnuBase64(c: Ctx, stdin: string): number {
  const p = parseOpts(c, 'gnu', { short: 'diw:', long: { decode: { key: 'd', arg: 'none' }, 'ignore-garbage': { key: 'i', arg: 'none' }, wrap: { key: 'w', arg: 'required' } } });
  if (typeof p === 'number') return p;
  const prog = progName(c, 'gnu');
  const o = optMap(p);
  let cols = 76;
  if (o.has('w')) {
    const w = o.get('w')!;
    if (!/^\d+$/.test(w)) {
      // coreutils basenc.c main: error (EXIT_FAILURE, 0, _("invalid wrap size: %s"), quote (optarg))
      c.err(`${prog}: invalid wrap size: ${quote(w)}\n`);
      return 1;
    }
    cols = Number(w);
  }
  if (p.args.length > 1) {
    // coreutils basenc.c main: error (0, 0, _("extra operand %s"), quote (argv[optind + 1]))
    c.err(`${prog}: extra operand ${quote(p.args[1]!)}\n${tryHelp(prog)}`);
    return 1;
  }
  const input = readInputs(c, 'gnu', p.args, stdin);
  if (!input.ok) return 1;
  const text = input.texts.join('');
  if (!o.has('d')) {
    c.out(wrapBase64(base64Encode(utf8Encode(text)), cols));
    return 0;
  }
  const r = gnuDecode(text, o.has('i'));
  c.out(utf8Decode(r.bytes));
  if (!r.error) return 0;
  // coreutils basenc.c do_decode: error (EXIT_FAILURE, 0, _("invalid input"))
  c.err(`${prog}: invalid input\n`);
  return 1;
}

function busyboxBase64(c: Ctx, stdin: string): number {
  const f = 'busybox' as const;
  const p = parseOpts(c, f, { short: 'diw:' });
  if (typeof p === 'number') return p;
  // coreutils/uudecode.c baseNUM_main: getopt32 "^diw:+\0?1": one FILE at most
  if (p.args.length > 1) return busyboxUsage(c, progName(c, f));
  const o = optMap(p);
  let cols = 76;
  if (o.has('w')) {
    const w = o.get('w')!;
    if (!/^\d+$/.test(w)) {
      // libbb/xatonum_template.c (getopt32 "+": xatoi_positive): "invalid number '%s'"
      c.err(`${progName(c, f)}: invalid number '${w}'\n`);
      return 1;
    }
    cols = Number(w);
  }
  const input = readInputs(c, f, p.args, stdin);
  // xfopen_stdin dies on the first file it cannot open
  if (!input.ok) return 1;
  const text = input.texts.join('');
  if (!o.has('d')) {
    c.out(wrapBase64(base64Encode(utf8Encode(text)), cols));
    return 0;
  }
  const r = busyboxDecode(text);
  c.out(utf8Decode(r.bytes));
  if (!r.error) return 0;
  // libbb/uuencode.c read_base64: bb_simple_error_msg_and_die("truncated input")
  c.err(`${progName(c, f)}: truncated input\n`);
  return 1;
}
