// A session for tests: a fresh cluster (the fake runtime unless asked), the transcript as text,
// and `type` to enter a line and let it run under the replay driver's rules.
import { Cluster } from '../engine';
import { settle, type DriveOptions } from './driver';
import { defaultCluster, plainText } from './replay';
import { HostSession, type SessionEvent } from './session';

export interface TestSession {
  session: HostSession;
  cluster: Cluster;
  events: SessionEvent[];
  /** everything shown so far, without escape sequences */
  screen(): string;
  /** what was shown since the last call */
  take(): string;
  /** type `line` and Enter, then run until the shell prompts again */
  type(line: string, opts?: DriveOptions): Promise<string>;
  /** raw keys, then run */
  keys(data: string, opts?: DriveOptions): Promise<string>;
}

export async function testSession(opts: { seed?: number; runtime?: boolean } = {}): Promise<TestSession> {
  const cluster = opts.runtime ? defaultCluster(opts.seed ?? 1) : Cluster.create({ seed: opts.seed ?? 1 });
  const events: SessionEvent[] = [];
  let raw = '';
  let mark = 0;
  const session = new HostSession(cluster, {
    onEvent: (e) => {
      events.push(e);
      if (e.type === 'output') raw += e.data;
    },
  });
  await settle(session);
  const take = (): string => {
    const out = plainText(raw.slice(mark));
    mark = raw.length;
    return out;
  };
  const keys = async (data: string, o?: DriveOptions): Promise<string> => {
    session.input(data);
    await settle(session, o);
    return take();
  };
  take();
  return { session, cluster, events, screen: () => plainText(raw), take, type: (line, o) => keys(`${line}\r`, o), keys };
}
