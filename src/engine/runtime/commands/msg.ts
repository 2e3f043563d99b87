// How each implementation names itself and complains about its command line. GNU programs print
// `argv[0]: message` (glibc error(3) uses program_invocation_name, so `/bin/ls` says `/bin/ls:`) and
// end option errors with "Try 'prog --help' ..."; busybox applets print `applet: message`
// (bb_error_msg uses applet_name, argv[0]'s basename) and show the usage text.
import { basename } from '../fs/path';
import { BUSYBOX_USAGE } from './busybox-usage';
import { getopt, isOptError, tryHelp, type Libc, type OptSpec, type Parsed } from './getopt';
import { busyboxBanner, distroOf } from './system';
import type { Ctx, Flavor } from './util';

export function progName(c: Pick<Ctx, 'argv'>, f: Flavor): string {
  const a0 = c.argv[0] ?? '';
  return f === 'gnu' ? a0 : basename(a0);
}

/** The C library behind the command: busybox on Alpine is musl, everything else here glibc-like. */
export function libcOf(c: Pick<Ctx, 'fs'>, f: Flavor): Libc {
  return f === 'busybox' && distroOf(c.fs) === 'alpine' ? 'musl' : 'glibc';
}

/** libbb bb_show_usage: banner, then "Usage: applet USAGE" on stderr. Returns the exit status (1). */
export function busyboxUsage(c: Ctx, applet: string): number {
  const u = BUSYBOX_USAGE[applet] ?? '';
  // libbb/appletlib.c bb_show_usage: bb_banner " multi-call binary.\n" "\nUsage: " applet " " usage "\n"
  c.err(`${busyboxBanner(c.fs)}\n\nUsage: ${applet}${u && u[0] !== '\n' ? ' ' : ''}${u}\n`);
  return 1;
}

/** An option error: GNU adds the --help hint, busybox the usage text. */
export function optionError(c: Ctx, f: Flavor, message: string, status = 1): number {
  const prog = progName(c, f);
  c.err(`${prog}: ${message}\n`);
  if (f === 'gnu') {
    c.err(tryHelp(prog));
    return status;
  }
  busyboxUsage(c, prog);
  return 1;
}

/** getopt with the flavor's libc; on error prints it (see optionError) and returns the exit status. */
export function parseOpts(c: Ctx, f: Flavor, spec: OptSpec, status = 1): Parsed | number {
  const r = getopt(c.argv, spec, libcOf(c, f));
  if (isOptError(r)) return optionError(c, f, r.error, status);
  return r;
}

/** GNU "missing operand" (coreutils: error (0, 0, _("missing operand")); usage (EXIT_FAILURE)). */
export function missingOperand(c: Ctx, f: Flavor, what = 'missing operand', status = 1): number {
  if (f === 'busybox') return busyboxUsage(c, progName(c, f));
  const prog = progName(c, f);
  c.err(`${prog}: ${what}\n${tryHelp(prog)}`);
  return status;
}
