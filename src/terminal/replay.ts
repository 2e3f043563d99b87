// `replay`: type a script's lines into a fresh session on the default cluster and return the
// transcript as the terminal shows it (prompt, echoed input, output) without colour or cursor
// control. The same on every run for the same seed: all time is virtual, all randomness seeded.
import { Cluster, ContainerRuntime } from '../engine';
import { settle, type DriveOptions } from './driver';
import { HostSession } from './session';

const ESC = String.fromCharCode(0x1b);

export interface ReplayOptions extends DriveOptions {
  seed?: number | string;
  columns?: number;
  /** a cluster to replay against (default: a fresh one with the container runtime) */
  cluster?: Cluster;
}

/** A fresh cluster as the app starts it: the container runtime on every node. */
export function defaultCluster(seed: number | string = 1): Cluster {
  return Cluster.create({ seed, runtime: (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network }) });
}

export async function replay(lines: readonly string[], opts: ReplayOptions = {}): Promise<string> {
  const cluster = opts.cluster ?? defaultCluster(opts.seed);
  let out = '';
  const session = new HostSession(cluster, {
    seed: opts.seed,
    columns: opts.columns,
    onEvent: (e) => {
      if (e.type === 'output') out += e.data;
      // no editor here: kubectl edit sees the editor closed without saving
      else if (e.type === 'open-in-editor') e.done?.(undefined);
    },
  });
  let state = await settle(session, opts);
  for (const line of lines) {
    if (session.closed) break;
    session.input(`${line}\r`);
    state = await settle(session, opts);
  }
  // the script has ended: a job still reading the terminal gets end-of-file (Ctrl-D)
  if (state === 'input' && !session.atPrompt()) {
    session.input('\x04');
    await settle(session, opts);
  }
  session.dispose();
  return plainText(out);
}

const CSI = new RegExp(`${ESC}\\[[0-?]*[ -/]*[@-~]`, 'g');
const ESC2 = new RegExp(`${ESC}[@-_]`, 'g');

/** Terminal output without escape sequences (colours, cursor motion, screen clearing). */
export function plainText(s: string): string {
  // ECMA-48 CSI sequences, then other two-byte ESC sequences
  return s.replace(CSI, '').replace(ESC2, '').replace(/\r\n/g, '\n');
}

/** A script as replay types it: its lines (a final newline does not make an empty line). */
export function scriptLines(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => l.replace(/\r$/, ''));
}
