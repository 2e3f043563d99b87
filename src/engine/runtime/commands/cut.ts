// cut as GNU coreutils (src/cut.c, list syntax in src/set-fields.c) and busybox (coreutils/cut.c)
// run it. -b and -c count bytes in both (GNU cut 9.x has no multibyte -c): a line is cut as its
// UTF-8 bytes, and a character split in two shows as U+FFFD, as on a terminal.
import type { SimpleCommand } from '../process/program';
import { utf8Decode, utf8Encode } from '../../../shared/base64';
import { getopt, isOptError, tryHelp } from './getopt';
import { busyboxUsage, libcOf, optionError, progName } from './msg';
import { readInputs, readsStdinOperands, textLines } from './filter-input';
import { quote, simpleCommand, type Ctx, type Flavor } from './util';

/** Selected positions: inclusive 1-based ranges (hi Infinity: to the end of the line). */
type Ranges = [number, number][];

/** A LIST as coreutils set-fields.c set_fields reads it: N, N-, -M, N-M, separated by commas or blanks. */
export function gnuList(list: string, fields: boolean): Ranges | string {
  // coreutils set-fields.c: the messages name fields or byte/character positions
  const zero = fields ? 'fields are numbered from 1' : 'byte/character positions are numbered from 1';
  const out: Ranges = [];
  for (const part of list.split(/[,\t ]/)) {
    const bad = /[^\d-]/.exec(part);
    if (bad) return `${fields ? 'invalid field value' : 'invalid byte/character position'} ${quote(list.slice(list.indexOf(part) + bad.index))}`;
    const dashes = part.split('-').length - 1;
    if (dashes > 1) return fields ? 'invalid field range' : 'invalid byte or character range';
    if (dashes === 0) {
      if (!part || Number(part) === 0) return zero;
      out.push([Number(part), Number(part)]);
      continue;
    }
    const [lo, hi] = part.split('-') as [string, string];
    if (!lo && !hi) return 'invalid range with no endpoint: -';
    if (lo && Number(lo) === 0) return zero;
    const from = lo ? Number(lo) : 1;
    const to = hi ? Number(hi) : Infinity;
    if (to < from) return 'invalid decreasing range';
    out.push([from, to]);
  }
  if (!out.length) return fields ? 'missing list of fields' : 'missing list of byte/character positions';
  return out;
}

/** busybox cut.c: each comma-separated N, N-, -M or N-M; an empty item is allowed. */
function busyboxList(list: string): Ranges | string {
  const out: Ranges = [];
  for (const item of list.split(',')) {
    if (!item) continue;
    const [lo, hi] = item.split('-', 2) as [string, string | undefined];
    // libbb xatoi_positive: "invalid number '%s'"
    const num = (s: string): number | string => (/^\d+$/.test(s) ? Number(s) : `invalid number '${s}'`);
    const s = lo ? num(lo) : 0;
    if (typeof s === 'string') return s;
    const start = Math.max(1, s);
    if (hi === undefined) {
      out.push([start, start]);
      continue;
    }
    const e = hi ? num(hi) : Infinity;
    if (typeof e === 'string') return e;
    // busybox cut.c: bb_error_msg_and_die("%d<%d", e, s) with s already zero-based
    if (e < start) return `${e}<${start - 1}`;
    out.push([start, e]);
  }
  return out.length ? out : 'missing list of positions';
}

const inRanges = (r: Ranges, i: number): boolean => r.some(([lo, hi]) => i >= lo && i <= hi);

interface CutArgs {
  spec: CutSpec;
  names: string[];
}

interface CutSpec {
  mode: 'b' | 'f';
  ranges: Ranges;
  complement: boolean;
  delim: string;
  odelim?: string;
  suppress: boolean;
}

function cutLine(line: string, s: CutSpec): string | undefined {
  const pick = (i: number): boolean => inRanges(s.ranges, i) !== s.complement;
  if (s.mode === 'b') {
    const bytes = utf8Encode(line);
    let out = '';
    let run: number[] = [];
    let prev = -1;
    for (let i = 0; i < bytes.length; i++) {
      if (!pick(i + 1)) continue;
      // --output-delimiter goes between ranges that do not touch
      if (s.odelim !== undefined && prev >= 0 && i !== prev + 1) {
        out += utf8Decode(run) + s.odelim;
        run = [];
      }
      run.push(bytes[i]!);
      prev = i;
    }
    return out + utf8Decode(run);
  }
  if (!line.includes(s.delim)) return s.suppress ? undefined : line;
  return line.split(s.delim).filter((_, i) => pick(i + 1)).join(s.odelim ?? s.delim);
}

function gnuSpec(c: Ctx): CutArgs | number {
  const f = 'gnu' as const;
  const r = getopt(c.argv, {
    short: 'b:c:d:f:ns',
    long: {
      bytes: { key: 'b', arg: 'required' }, characters: { key: 'c', arg: 'required' }, delimiter: { key: 'd', arg: 'required' },
      fields: { key: 'f', arg: 'required' }, 'only-delimited': { key: 's', arg: 'none' }, complement: { key: 'complement', arg: 'none' },
      'output-delimiter': { key: 'O', arg: 'required' },
    },
  });
  if (isOptError(r)) return optionError(c, f, r.error);
  const prog = progName(c, f);
  const fail = (msg: string): number => {
    c.err(`${prog}: ${msg}\n${tryHelp(prog)}`);
    return 1;
  };
  let mode: 'b' | 'f' | undefined;
  let list = '';
  let delim: string | undefined;
  let odelim: string | undefined;
  let suppress = false;
  let complement = false;
  for (const [k, v] of r.opts) {
    if (k === 'b' || k === 'c' || k === 'f') {
      // coreutils cut.c main: FATAL_ERROR (_("only one list may be specified"))
      if (mode) return fail('only one list may be specified');
      mode = k === 'f' ? 'f' : 'b';
      list = v!;
    } else if (k === 'd') {
      // coreutils cut.c main: FATAL_ERROR (_("the delimiter must be a single character"))
      if ([...v!].length > 1) return fail('the delimiter must be a single character');
      delim = v || '\0';
    } else if (k === 'O') odelim = v;
    else if (k === 's') suppress = true;
    else if (k === 'complement') complement = true;
  }
  // coreutils cut.c main: the usage errors, in this order
  if (!mode) return fail('you must specify a list of bytes, characters, or fields');
  if (mode === 'b' && delim !== undefined) return fail('an input delimiter may be specified only when operating on fields');
  if (mode === 'b' && suppress) return fail('suppressing non-delimited lines makes sense\n\tonly when operating on fields');
  const ranges = gnuList(list, mode === 'f');
  if (typeof ranges === 'string') return fail(ranges);
  return { spec: { mode, ranges, complement, delim: delim ?? '\t', odelim, suppress }, names: r.args };
}

function busyboxSpec(c: Ctx): CutArgs | number {
  const f = 'busybox' as const;
  const r = getopt(c.argv, { short: 'b:c:f:d:O:sDn' }, libcOf(c, f));
  if (isOptError(r)) return optionError(c, f, r.error);
  const prog = progName(c, f);
  const die = (msg: string): number => {
    c.err(`${prog}: ${msg}\n`);
    return 1;
  };
  const lists = r.opts.filter(([k]) => 'bcf'.includes(k));
  // busybox cut.c getopt32 "b--bcf:c--bcf:f--bcf": the list options exclude each other
  if (new Set(lists.map(([k]) => k)).size > 1) return busyboxUsage(c, prog);
  const get = (k: string): string | undefined => r.opts.filter(([x]) => x === k).pop()?.[1];
  if (!lists.length) return die('expected a list of bytes, characters, or fields');
  const mode = lists[0]![0] === 'f' ? 'f' : 'b';
  // busybox cut.c cut_main: _op_on_field = " only when operating on fields"
  if (mode === 'b' && get('s') !== undefined) return die('suppressing non-delimited lines makes sense only when operating on fields');
  if (mode === 'b' && get('d') !== undefined) return die('a delimiter may be specified only when operating on fields');
  const ranges = busyboxList(lists[lists.length - 1]![1]!);
  if (typeof ranges === 'string') return die(ranges);
  const delim = [...(get('d') ?? '')][0] ?? '\t';
  // busybox cut.c cut_file: -O joins fields only; bytes and characters go out one by one
  return { spec: { mode, ranges, complement: false, delim, odelim: mode === 'f' ? get('O') ?? delim : undefined, suppress: r.opts.some(([k]) => k === 's') }, names: r.args };
}

export function cutCommand(f: Flavor): SimpleCommand {
  return simpleCommand((c, stdin) => {
    const parsed = f === 'gnu' ? gnuSpec(c) : busyboxSpec(c);
    if (typeof parsed === 'number') return parsed;
    const { spec, names } = parsed;
    const input = readInputs(c, f, names, stdin);
    let out = '';
    for (const text of input.texts) {
      for (const line of textLines(text)) {
        const cut = cutLine(line, spec);
        if (cut !== undefined) out += `${cut}\n`;
      }
    }
    c.out(out);
    return input.ok ? 0 : 1;
  }, readsStdinOperands('bcdfO'));
}
