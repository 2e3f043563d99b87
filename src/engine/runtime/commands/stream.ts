// The shape of a filter (cat, head, tail, grep, sed, wc, tee): a Program that reads its inputs in
// order, files at once and standard input as it arrives, so `tail -f log | grep x` or a writer loop
// piped into `tee` produce output while the producer runs, and `head -3` stops reading (its writer
// then gets SIGPIPE) as on Linux. The filter's own state is JSON; the driver keeps the position.
import type { Proc, Program } from '../process/program';
import type { ProcEvent } from '../process/types';
import { resolvePath } from '../fs/path';
import { ctxOfProc, deviceOf, errCode, type Ctx } from './util';

/** What a filter function sees: the Ctx plus the process, for timers and memory reports. */
export interface StreamCtx extends Ctx {
  readonly p: Proc<unknown>;
}

export interface StreamSpec<S> {
  /** Read the command line: the filter state (JSON) and the inputs (`-` is stdin), or an exit status. */
  setup(c: StreamCtx): { state: S; inputs: string[] } | number;
  /** Deliver whole lines (each with its newline; the last piece of an input may lack one), or raw chunks. */
  readonly raw?: boolean;
  /** An input is about to be read (`index` in the input list). */
  begin?(c: StreamCtx, s: S, name: string, index: number): void;
  /** Text from input `name`. Return 'next' to skip the rest of this input, 'stop' to read no more input. */
  data(c: StreamCtx, s: S, name: string, text: string): void | 'next' | 'stop';
  /** The input ended (or was skipped). */
  end?(c: StreamCtx, s: S, name: string): void;
  /** A file that cannot be read (errno name): print the filter's complaint, remember the failure. */
  openError(c: StreamCtx, s: S, name: string, code: string): void;
  /**
   * An endless device (/dev/zero, /dev/urandom) as input. Default: the filter keeps reading it
   * forever without output (wc, cat > /dev/null); line-collecting filters return 'hog'.
   */
  endless?(c: StreamCtx, s: S, name: string): 'hog' | 'spin' | 'next';
  /** Every input is done: the exit status, or undefined to keep running (tail -f). */
  finish(c: StreamCtx, s: S): number | undefined;
  /** A timer the filter set after finish (tail -f polling). Return an exit status to end. */
  timer?(c: StreamCtx, s: S, data: unknown): number | undefined;
}

interface DriverState<S> {
  s: S;
  inputs: string[];
  i: number;
  /** the current input has begun */
  open: boolean;
  /** stdin text after the last newline */
  buf: string;
  /** rss of an endless-input hog, bytes */
  hog?: number;
  done: boolean;
}

/** How fast a line-collecting filter reading /dev/zero grows (one timer step): about 1 GiB/s. */
export const HOG_STEP_MS = 100;
export const HOG_STEP_BYTES = 100 * 1024 * 1024;
const HOG_BASE_BYTES = 1024 * 1024;

/** A Program running a StreamSpec. */
export function streamProgram<S>(spec: StreamSpec<S>): Program<DriverState<S>> {
  const ctxOf = (p: Proc<DriverState<S>>): StreamCtx => Object.assign(ctxOfProc(p as Proc<unknown>), { p: p as Proc<unknown> });
  return {
    kind: 'program',
    start(p) {
      const c = ctxOf(p);
      const r = spec.setup(c);
      if (typeof r === 'number') {
        p.exit(r);
        return;
      }
      p.state = { s: r.state, inputs: r.inputs, i: 0, open: false, buf: '', done: false };
      pump(p, c, spec);
    },
    event(p, ev: ProcEvent) {
      const st = p.state;
      const c = ctxOf(p);
      if (ev.type === 'timer') {
        if (ev.data === 'hog') {
          st.hog = (st.hog ?? HOG_BASE_BYTES) + HOG_STEP_BYTES;
          p.setRss(st.hog);
          p.setTimer(HOG_STEP_MS, 'hog');
          return;
        }
        if (st.done && spec.timer) {
          const code = spec.timer(c, st.s, ev.data);
          if (code !== undefined && p.alive) p.exit(code);
        }
        return;
      }
      if ((ev.type === 'readable' || ev.type === 'writable') && !st.done) pump(p, c, spec);
    },
  };
}

function pump<S>(p: Proc<DriverState<S>>, c: StreamCtx, spec: StreamSpec<S>): void {
  const st = p.state;
  while (st.i < st.inputs.length) {
    if (!p.alive) return;
    if (p.writeBlocked(1)) {
      p.waitWritable(1);
      return;
    }
    const name = st.inputs[st.i]!;
    if (!st.open) {
      st.open = true;
      spec.begin?.(c, st.s, name, st.i);
    }
    const dev = name === '-' ? 'stdin' : deviceOf(resolvePath(c.cwd, name));
    if (dev === 'stdin') {
      const chunk = p.read(0, 'all');
      if (chunk === null) {
        p.waitReadable(0);
        return;
      }
      let verdict: void | 'next' | 'stop' = undefined;
      if (chunk === '') {
        if (st.buf) verdict = spec.data(c, st.s, name, st.buf);
        st.buf = '';
        if (verdict === 'stop') break;
        closeInput(p, c, spec);
        continue;
      }
      if (spec.raw) verdict = spec.data(c, st.s, name, chunk);
      else {
        const text = st.buf + chunk;
        const nl = text.lastIndexOf('\n');
        st.buf = text.slice(nl + 1);
        if (nl >= 0) verdict = spec.data(c, st.s, name, text.slice(0, nl + 1));
      }
      if (verdict === 'stop') break;
      if (verdict === 'next') {
        st.buf = '';
        closeInput(p, c, spec);
      }
      continue;
    }
    if (dev === 'zero' || dev === 'urandom') {
      const how = spec.endless?.(c, st.s, name) ?? 'spin';
      if (how === 'next') {
        closeInput(p, c, spec);
        continue;
      }
      // the command reads forever: it never gets past this input
      if (how === 'hog') {
        st.hog = HOG_BASE_BYTES;
        p.setRss(st.hog);
        p.setTimer(HOG_STEP_MS, 'hog');
      }
      return;
    }
    let text = '';
    if (dev !== 'null') {
      try {
        text = c.fs.readFile(resolvePath(c.cwd, name));
      } catch (e) {
        spec.openError(c, st.s, name, errCode(e));
        closeInput(p, c, spec);
        continue;
      }
    }
    const verdict = text ? spec.data(c, st.s, name, text) : undefined;
    if (verdict === 'stop') break;
    closeInput(p, c, spec);
  }
  if (!p.alive) return;
  st.done = true;
  const code = spec.finish(c, st.s);
  if (code !== undefined && p.alive) p.exit(code);
}

function closeInput<S>(p: Proc<DriverState<S>>, c: StreamCtx, spec: StreamSpec<S>): void {
  // writing the last data may have killed us (SIGPIPE: the reader of our pipe is gone)
  if (!p.alive) return;
  const st = p.state;
  spec.end?.(c, st.s, st.inputs[st.i]!);
  st.open = false;
  st.i++;
}
