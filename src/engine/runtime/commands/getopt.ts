// getopt(3) and getopt_long(3) as the C libraries behind the images run them. glibc (Debian,
// Ubuntu, and uClibc-ng in the busybox image, whose getopt is glibc's) permutes: options may follow
// operands (`ls /tmp -l`). musl (Alpine) stops at the first operand, as POSIX says, so there
// `ls /tmp -l` lists a file named `-l`. The error texts are each libc's own.

/** Which C library parses the options: glibc (and uClibc-ng) or musl. */
export type Libc = 'glibc' | 'musl';

export interface LongOpt {
  /** the key reported in `opts` (a short letter it stands for, or its own name) */
  key: string;
  arg: 'none' | 'required' | 'optional';
}

export interface OptSpec {
  /** getopt optstring: letters, `:` after one that takes an argument, `::` for optional */
  short: string;
  long?: Record<string, LongOpt>;
}

export interface Parsed {
  /** options in command-line order: [key, argument] */
  opts: [string, string | undefined][];
  /** operands, in order */
  args: string[];
}

export interface OptError {
  /** the message after `prog: ` (glibc: `invalid option -- 'z'`; musl: `unrecognized option: z`) */
  error: string;
}

interface ShortInfo {
  arg: 'none' | 'required' | 'optional';
}

function shortTable(spec: string): Map<string, ShortInfo> {
  const t = new Map<string, ShortInfo>();
  const s = spec.replace(/^[+-]/, '');
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === ':') continue;
    let arg: ShortInfo['arg'] = 'none';
    if (s[i + 1] === ':') arg = s[i + 2] === ':' ? 'optional' : 'required';
    t.set(c, { arg });
  }
  return t;
}

/** Parse argv[1..] with getopt_long rules. */
export function getopt(argv: readonly string[], spec: OptSpec, libc: Libc = 'glibc'): Parsed | OptError {
  const shorts = shortTable(spec.short);
  const longs = spec.long ?? {};
  const permute = libc === 'glibc' && !spec.short.startsWith('+');
  const out: Parsed = { opts: [], args: [] };
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') {
      out.args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && Object.keys(longs).length) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const value = eq < 0 ? undefined : a.slice(eq + 1);
      let match = longs[name] ? [name] : Object.keys(longs).filter((k) => k.startsWith(name));
      // abbreviations standing for the same option are not ambiguous
      if (match.length > 1 && new Set(match.map((k) => longs[k]!.key)).size === 1) match = [match[0]!];
      if (!match.length) {
        // glibc getopt.c process_long_option: "unrecognized option '%s%s'"; musl: "unrecognized option: %s"
        return { error: libc === 'musl' ? `unrecognized option: ${name}` : `unrecognized option '--${name}'` };
      }
      if (match.length > 1) {
        // glibc getopt.c: "option '%s%s' is ambiguous; possibilities:" + " '%s%s'"...
        return { error: `option '--${name}' is ambiguous; possibilities:${match.map((m) => ` '--${m}'`).join('')}` };
      }
      const full = match[0]!;
      const lo = longs[full]!;
      if (lo.arg === 'none' && value !== undefined) {
        // glibc getopt.c: "option '%s%s' doesn't allow an argument"
        return { error: `option '--${full}' doesn't allow an argument` };
      }
      if (lo.arg === 'required' && value === undefined) {
        if (i + 1 >= argv.length) {
          // glibc getopt.c: "option '%s%s' requires an argument"
          return { error: libc === 'musl' ? `option requires an argument: ${full}` : `option '--${full}' requires an argument` };
        }
        out.opts.push([lo.key, argv[++i]]);
      } else out.opts.push([lo.key, value]);
      continue;
    }
    if (a.length < 2 || a[0] !== '-') {
      if (!permute) {
        out.args.push(...argv.slice(i));
        break;
      }
      out.args.push(a);
      continue;
    }
    for (let j = 1; j < a.length; j++) {
      const c = a[j]!;
      const info = shorts.get(c);
      if (!info) {
        // glibc getopt.c: "invalid option -- '%c'"; musl getopt.c: "unrecognized option: "
        return { error: libc === 'musl' ? `unrecognized option: ${c}` : `invalid option -- '${c}'` };
      }
      if (info.arg === 'none') {
        out.opts.push([c, undefined]);
        continue;
      }
      const rest = a.slice(j + 1);
      if (rest || info.arg === 'optional') {
        out.opts.push([c, rest || undefined]);
      } else if (i + 1 < argv.length) {
        out.opts.push([c, argv[++i]]);
      } else {
        // glibc getopt.c: "option requires an argument -- '%c'"; musl: "option requires an argument: "
        return { error: libc === 'musl' ? `option requires an argument: ${c}` : `option requires an argument -- '${c}'` };
      }
      break;
    }
  }
  return out;
}

export function isOptError(x: Parsed | OptError): x is OptError {
  return 'error' in x;
}

/** The set of option keys given (for flags), and the last value of each. */
export function optMap(p: Parsed): Map<string, string | undefined> {
  const m = new Map<string, string | undefined>();
  for (const [k, v] of p.opts) m.set(k, v);
  return m;
}

/** coreutils' usage(EXIT_FAILURE) line after an option error. */
export function tryHelp(prog: string): string {
  // coreutils system.h emit_try_help: "Try '%s --help' for more information.\n"
  return `Try '${prog} --help' for more information.\n`;
}
