// This page's place among Podlab's tabs (tab-election.ts), asked for once per page load. The page
// asks as it starts, so the election's wait for an answer runs while the page renders, not after
// the engine's chunk has arrived.
import { browserTabChannel, TabElection } from './tab-election';

let electing: Promise<TabElection> | undefined;

/** The election of this page (started by the first call). */
export function thisTab(): Promise<TabElection> {
  return (electing ??= TabElection.elect({
    channel: browserTabChannel(),
    // getRandomValues, not randomUUID: the latter exists only in secure contexts, and a classroom
    // serves the build over plain http on its LAN
    id: Array.from(crypto.getRandomValues(new Uint32Array(2)), (n) => n.toString(16).padStart(8, '0')).join(''),
    now: () => Date.now(),
    after: (fn, ms) => {
      const id = setTimeout(fn, ms);
      return () => clearTimeout(id);
    },
  }));
}
