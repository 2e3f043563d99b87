// The one place errors become text, as kubectl's cmdutil.CheckErr does
// (kubectl pkg/cmd/util/helpers.go checkErr, StandardErrorMessage, MultilineError, AddSourceToErr).
// Commands throw; runKubectl catches here and prints to stderr with exit code 1.
import { isStatusError, StatusError } from '../engine';
import { FlagError } from './flags';

/** A client-side failure printed as `error: <message>` (kubectl: fmt.Errorf returned from Run). */
export class CmdError extends Error {
  constructor(message: string, readonly exitCode = 1) {
    super(message);
  }
}

/** cmdutil.UsageErrorf: "%s\nSee '%s -h' for help and examples". */
export class UsageError extends CmdError {}

/** Several errors at once (utilerrors.Aggregate): printed one per line. */
export class AggregateError extends CmdError {
  constructor(readonly errors: unknown[]) {
    super(errors.map(String).join('\n'));
  }
}

/** The command already printed what it had to say; exit with this code (cmdutil.ErrExit). */
export class ExitError extends CmdError {}

/**
 * cli-runtime AddSourceToErr: `error when <verb> "<file>": <message>`, kept as a StatusError so the
 * reason still prints (`Error from server (AlreadyExists): error when creating "pod.yaml": ...`).
 * Invalid errors are left alone: kubectl prints them from their details.
 */
export function addSourceToErr(verb: string, source: string, err: unknown): unknown {
  if (!source) return err;
  if (isStatusError(err)) {
    if (err.reason === 'Invalid') return err;
    const st = err.status;
    return new StatusError({ ...st, message: `error when ${verb} ${goQuote(source)}: ${st.message}` });
  }
  return err;
}

/** What kubectl prints for an error (without the trailing newline it adds), and the exit code. */
export function formatError(err: unknown, commandPath: string): { text: string; code: number } {
  if (err instanceof ExitError) return { text: err.message, code: err.exitCode };
  if (err instanceof FlagError) {
    // kubectl cmd.go: the flag error func appends "See '%s --help' for usage."
    return { text: `error: ${err.message}\nSee '${commandPath} --help' for usage.`, code: 1 };
  }
  if (err instanceof UsageError) {
    // cmdutil.UsageErrorf
    return { text: `error: ${err.message}\nSee '${commandPath} -h' for help and examples`, code: err.exitCode };
  }
  if (err instanceof AggregateError) {
    // helpers.go MultipleErrors/messageForError: one message per line, StandardErrorMessage for
    // API errors, the bare message (no "error: ") for the rest
    const line = (e: unknown): string => (e instanceof CmdError && !(e instanceof AggregateError) && !(e instanceof ExitError) ? e.message : formatError(e, commandPath).text);
    return { text: err.errors.map(line).join('\n'), code: 1 };
  }
  if (isStatusError(err)) return { text: statusMessage(err), code: 1 };
  if (err instanceof CmdError) return { text: prefixed(err.message), code: err.exitCode };
  // a bug in Podlab: say so plainly rather than crash the terminal
  return { text: prefixed(err instanceof Error ? err.message : String(err)), code: 1 };
}

function prefixed(msg: string): string {
  // helpers.go checkErr: "error: " unless the message has it already
  return msg.startsWith('error: ') ? msg : `error: ${msg}`;
}

function statusMessage(err: StatusError): string {
  const st = err.status;
  if (st.reason === 'Invalid') {
    // helpers.go checkErr IsInvalid: `The %s %q is invalid` + MultilineError over the causes
    const d = st.details;
    let s = 'The request is invalid';
    if (d?.kind || d?.name) s = `The ${d.kind ?? ''} ${goQuote(d.name ?? '')} is invalid`;
    // without kind, name and causes the server's message is all there is to say
    else if (st.message && !d?.causes?.length) s += `: ${st.message}`;
    const causes = (d?.causes ?? []).map((c) => (c.field ? `${c.field}: ${c.message}` : c.message));
    if (!causes.length) return s;
    // MultilineError ends the line itself, so a cause that ends in a newline leaves a blank line
    if (causes.length === 1) return `${s}: ${causes[0]}\n`;
    // MultilineError: the prefix on its own line (Fprintln), then "* <cause>" lines
    return `${s}: \n${causes.map((c) => `* ${c}\n`).join('')}`;
  }
  // StandardErrorMessage: Unauthorized has its own words; otherwise the reason in parentheses
  if (st.reason === 'Unauthorized') return `error: You must be logged in to the server (${st.message})`;
  if (st.reason) return `Error from server (${st.reason}): ${st.message}`;
  return `Error from server: ${st.message}`;
}

/** Go's %q for the plain strings kubectl quotes. */
export function goQuote(s: string): string {
  return JSON.stringify(s);
}
