// Command-line flags as kubectl parses them (spf13/pflag through cobra): `--name=value`,
// `--name value`, `-n value`, `-nvalue`, grouped bool shorthands (`-it`), `--` ends the flags,
// flags and arguments interleave. Errors carry pflag's own wording; the caller adds kubectl's
// "See 'kubectl <cmd> --help' for usage." line.
import { parseGoDuration } from '../shared/duration';

export type FlagType = 'bool' | 'string' | 'int' | 'stringArray' | 'stringSlice' | 'duration';

export interface FlagSpec {
  name: string;
  shorthand?: string;
  type: FlagType;
  /** default as the help text prints it; bools default to false, strings to '' */
  default?: string | number | boolean | string[];
  /** one line (or a few) written in Podlab's words */
  usage: string;
  /** `--flag` alone means this (e.g. `--dry-run` = "unchanged"); only for non-bool flags */
  noOptDefault?: string;
  /** not listed in help (kept for compatibility) */
  hidden?: boolean;
}

export type FlagValue = string | number | boolean | string[];

export interface ParsedFlags {
  /** by long name; only flags given on the command line */
  values: Map<string, FlagValue>;
  args: string[];
  /** index in args of the first argument after `--` (-1 when there was no `--`), cobra's ArgsLenAtDash */
  dashAt: number;
}

/** A command-line error in pflag's words (kubectl turns it into a usage error). */
export class FlagError extends Error {}

export class FlagSet {
  private readonly byName = new Map<string, FlagSpec>();
  private readonly byShort = new Map<string, FlagSpec>();

  constructor(readonly specs: readonly FlagSpec[]) {
    for (const f of specs) {
      this.byName.set(f.name, f);
      if (f.shorthand) this.byShort.set(f.shorthand, f);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  spec(name: string): FlagSpec | undefined {
    return this.byName.get(name);
  }

  /** pflag FlagSet.Parse with interspersed arguments. */
  parse(argv: readonly string[]): ParsedFlags {
    const values = new Map<string, FlagValue>();
    const args: string[] = [];
    let dashAt = -1;
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i]!;
      if (a === '--') {
        dashAt = args.length;
        args.push(...argv.slice(i + 1));
        break;
      }
      if (a.startsWith('--') ) {
        i = this.parseLong(a, argv, i, values);
      } else if (a.startsWith('-') && a.length > 1) {
        i = this.parseShort(a, argv, i, values);
      } else {
        args.push(a);
      }
    }
    return { values, args, dashAt };
  }

  // pflag flag.go parseLongArg
  private parseLong(a: string, argv: readonly string[], i: number, values: Map<string, FlagValue>): number {
    const body = a.slice(2);
    const eq = body.indexOf('=');
    const name = eq < 0 ? body : body.slice(0, eq);
    // pflag parseLongArg: "bad flag syntax: %s" for `---x` or `--=x`
    if (!name || name.startsWith('-') || name.startsWith('=')) throw new FlagError(`bad flag syntax: ${a}`);
    const spec = this.byName.get(name);
    // pflag parseLongArg: "unknown flag: --%s"
    if (!spec) throw new FlagError(`unknown flag: --${name}`);
    if (eq >= 0) {
      this.set(spec, body.slice(eq + 1), values, `--${name}`);
      return i;
    }
    if (spec.type === 'bool') {
      this.set(spec, 'true', values, `--${name}`);
      return i;
    }
    if (spec.noOptDefault !== undefined) {
      this.set(spec, spec.noOptDefault, values, `--${name}`);
      return i;
    }
    // pflag parseLongArg: "flag needs an argument: %s" with the flag as typed
    if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: ${a}`);
    this.set(spec, argv[i + 1]!, values, `--${name}`);
    return i + 1;
  }

  // pflag flag.go parseShortArg / parseSingleShortArg: one or more shorthands in one word
  private parseShort(a: string, argv: readonly string[], i: number, values: Map<string, FlagValue>): number {
    let rest = a.slice(1);
    while (rest.length) {
      const c = rest[0]!;
      const spec = this.byShort.get(c);
      // pflag parseSingleShortArg: "unknown shorthand flag: %q in -%s"
      if (!spec) throw new FlagError(`unknown shorthand flag: '${c}' in -${rest}`);
      const after = rest.slice(1);
      if (after.startsWith('=')) {
        this.set(spec, after.slice(1), values, `-${c}`);
        return i;
      }
      if (spec.type === 'bool') {
        this.set(spec, 'true', values, `-${c}`);
        rest = after;
        continue;
      }
      if (after.length) {
        this.set(spec, after, values, `-${c}`);
        return i;
      }
      if (spec.noOptDefault !== undefined) {
        this.set(spec, spec.noOptDefault, values, `-${c}`);
        return i;
      }
      // pflag parseSingleShortArg: "flag needs an argument: %q in -%s"
      if (i + 1 >= argv.length) throw new FlagError(`flag needs an argument: '${c}' in -${rest}`);
      this.set(spec, argv[i + 1]!, values, `-${c}`);
      return i + 1;
    }
    return i;
  }

  private set(spec: FlagSpec, raw: string, values: Map<string, FlagValue>, typed: string): void {
    // pflag flag.go (*FlagSet).set: `invalid argument %q for %q flag: %v`, naming "-s, --long" when both exist
    const flagName = spec.shorthand && typed.startsWith('-') && !typed.startsWith('--') ? `-${spec.shorthand}, --${spec.name}` : `--${spec.name}`;
    const invalid = (why: string) => new FlagError(`invalid argument "${raw}" for "${flagName}" flag: ${why}`);
    switch (spec.type) {
      case 'bool': {
        const b = parseGoBool(raw);
        // strconv.ParseBool's error text
        if (b === undefined) throw invalid(`strconv.ParseBool: parsing "${raw}": invalid syntax`);
        values.set(spec.name, b);
        return;
      }
      case 'int': {
        // strconv.ParseInt(s, 0, 64) accepts an optional sign and base prefixes; decimal is what matters here
        if (!/^[+-]?\d+$/.test(raw)) throw invalid(`strconv.ParseInt: parsing "${raw}": invalid syntax`);
        const n = Number(raw);
        if (!Number.isSafeInteger(n)) throw invalid(`strconv.ParseInt: parsing "${raw}": value out of range`);
        values.set(spec.name, n);
        return;
      }
      case 'stringArray': {
        const prev = values.get(spec.name) as string[] | undefined;
        values.set(spec.name, [...(prev ?? []), raw]);
        return;
      }
      case 'stringSlice': {
        // pflag stringSlice: values are CSV; repeated flags append
        const prev = values.get(spec.name) as string[] | undefined;
        values.set(spec.name, [...(prev ?? []), ...(raw === '' ? [] : splitCsv(raw))]);
        return;
      }
      case 'duration':
        try {
          values.set(spec.name, parseGoDuration(raw));
        } catch (e) {
          throw invalid((e as Error).message);
        }
        return;
      case 'string':
        values.set(spec.name, raw);
        return;
    }
  }
}

/** strconv.ParseBool */
export function parseGoBool(s: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(s)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(s)) return false;
  return undefined;
}

/** encoding/csv reading one record, as pflag's stringSlice does: commas split, double quotes group. */
function splitCsv(s: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') {
        cur += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cur += c;
    } else if (c === '"' && cur === '') quoted = true;
    else if (c === ',') {
      out.push(cur);
      cur = '';
    } else cur += c;
  }
  out.push(cur);
  return out;
}

/** Typed access to parsed flags with their defaults. */
export class Flags {
  constructor(private readonly set: FlagSet, private readonly parsed: ParsedFlags) {}

  get args(): string[] {
    return this.parsed.args;
  }

  get dashAt(): number {
    return this.parsed.dashAt;
  }

  /** Whether the flag was given on the command line (cobra's Changed). */
  changed(name: string): boolean {
    return this.parsed.values.has(name);
  }

  bool(name: string): boolean {
    return Boolean(this.value(name) ?? false);
  }

  string(name: string): string {
    return String(this.value(name) ?? '');
  }

  int(name: string): number {
    return Number(this.value(name) ?? 0);
  }

  /** A duration flag in milliseconds (its default may be given as a Go duration string). */
  duration(name: string): number {
    const v = this.value(name);
    return typeof v === 'string' ? parseGoDuration(v) : Number(v ?? 0);
  }

  strings(name: string): string[] {
    const v = this.value(name);
    return Array.isArray(v) ? v : [];
  }

  private value(name: string): FlagValue | undefined {
    if (!this.set.has(name)) throw new Error(`kubectl: flag --${name} is not declared`);
    return this.parsed.values.get(name) ?? this.set.spec(name)!.default;
  }
}
