// One tab saves. Every Podlab tab of a browser shares one save, and each would write its own
// world over the other's: the tab closed last would win, and work done in the other would be
// lost. So the tabs elect one that saves (the first one open); the others show the same saved
// world but write nothing, until the learner moves Podlab to one of them: that tab asks the saving
// one to save and let go, then reloads to load that save.
//
// BroadcastChannel carries the election: it works on plain http too (a classroom serving the
// build on the LAN), where Web Locks do not exist (they need a secure context).

/** What a tab says to the others. `id`: the sender; `since`: when it started saving (ties: id). */
export type TabMessage =
  | { t: 'ping'; id: string }
  | { t: 'saver'; id: string; since: number }
  | { t: 'hand-over'; id: string }
  | { t: 'released'; id: string };

/** The part of BroadcastChannel used here (tests pass a bus in memory). */
export interface TabChannel {
  postMessage(message: TabMessage): void;
  onmessage: ((ev: { data: TabMessage }) => void) | null;
  close(): void;
}

export interface TabElectionDeps {
  channel: TabChannel;
  /** this tab's id (random per page load) */
  id: string;
  /** real epoch ms */
  now: () => number;
  /** run `fn` after `ms` real ms; returns a cancel function */
  after: (fn: () => void, ms: number) => () => void;
}

export type TabRole = 'saver' | 'viewer';

/** How long a new tab listens for a saving tab before it saves itself. */
export const ELECTION_WAIT_MS = 200;
/** How long a tab taking over waits for the saving tab to let go (a frozen background tab never answers). */
export const HAND_OVER_WAIT_MS = 3000;
/** How often the saving tab repeats that it saves. */
export const ANNOUNCE_EVERY_MS = 5000;

export class TabElection {
  private current: TabRole = 'viewer';
  private since = 0;
  private readonly listeners = new Set<() => void>();
  private handOverHandler: () => Promise<void> = async () => undefined;
  private pendingRelease: (() => void) | undefined;
  private readonly heardListeners = new Set<() => void>();
  private gone = false;
  private stopped = false;

  private constructor(private readonly deps: TabElectionDeps) {
    deps.channel.onmessage = (ev) => this.onMessage(ev.data);
  }

  /** Ask whether a tab saves already; this tab saves if none answers in time. */
  static elect(deps: TabElectionDeps): Promise<TabElection> {
    const election = new TabElection(deps);
    return new Promise((resolve) => {
      let heard = false;
      const off = election.onRoleHeard(() => (heard = true));
      deps.channel.postMessage({ t: 'ping', id: deps.id });
      deps.after(() => {
        off();
        if (!heard) election.becomeSaver();
        resolve(election);
      }, ELECTION_WAIT_MS);
    });
  }

  role(): TabRole {
    return this.current;
  }

  isSaver = (): boolean => this.current === 'saver';

  /** A viewer whose saving tab has closed: the save it left is newer than what this tab shows. */
  saverGone(): boolean {
    return this.gone;
  }

  /** The saving tab is closing: the others may move Podlab to themselves (they reload to do it). */
  leave(): void {
    if (this.current === 'saver' && !this.stopped) this.deps.channel.postMessage({ t: 'released', id: this.deps.id });
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** What the saving tab does before it lets go (save what it has, stop saving). */
  onHandOver(handler: () => Promise<void>): void {
    this.handOverHandler = handler;
  }

  /**
   * Ask the saving tab to save and let go; resolves when it has (or has not answered in time: a
   * frozen background tab). The caller then reloads: the new page elects itself and loads that save.
   * This tab stays a viewer meanwhile, so nothing it holds is written over the handed-over save.
   */
  takeOver(): Promise<void> {
    return new Promise((resolve) => {
      const finish = () => {
        cancel();
        this.pendingRelease = undefined;
        resolve();
      };
      const cancel = this.deps.after(finish, HAND_OVER_WAIT_MS);
      this.pendingRelease = finish;
      this.deps.channel.postMessage({ t: 'hand-over', id: this.deps.id });
    });
  }

  stop(): void {
    this.stopped = true;
    this.deps.channel.onmessage = null;
    this.deps.channel.close();
    this.listeners.clear();
  }

  private onRoleHeard(fn: () => void): () => void {
    this.heardListeners.add(fn);
    return () => void this.heardListeners.delete(fn);
  }

  private becomeSaver(): void {
    if (this.stopped) return;
    this.since = this.deps.now();
    this.setRole('saver');
    this.announce();
    this.keepAnnouncing();
  }

  /** A tab frozen in the background misses messages: the saver says so now and then. */
  private keepAnnouncing(): void {
    this.deps.after(() => {
      if (this.stopped || this.current !== 'saver') return;
      this.announce();
      this.keepAnnouncing();
    }, ANNOUNCE_EVERY_MS);
  }

  private announce(): void {
    this.deps.channel.postMessage({ t: 'saver', id: this.deps.id, since: this.since });
  }

  private setRole(role: TabRole): void {
    if (this.current === role) return;
    this.current = role;
    this.notify();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }

  private onMessage(msg: TabMessage): void {
    if (this.stopped || msg.id === this.deps.id) return;
    switch (msg.t) {
      case 'ping':
        if (this.current === 'saver') this.announce();
        return;
      case 'saver':
        for (const fn of this.heardListeners) fn();
        if (this.gone) {
          this.gone = false;
          this.notify();
        }
        // two savers (tabs that started together, or one that was frozen while another took over):
        // the later claim wins, as taking over is the learner's latest choice
        if (this.current === 'saver' && (msg.since > this.since || (msg.since === this.since && msg.id > this.deps.id))) this.setRole('viewer');
        return;
      case 'hand-over':
        if (this.current !== 'saver') return;
        void this.handOverHandler().finally(() => {
          this.setRole('viewer');
          this.deps.channel.postMessage({ t: 'released', id: this.deps.id });
        });
        return;
      case 'released':
        if (this.pendingRelease) return this.pendingRelease();
        if (this.current === 'viewer' && !this.gone) {
          this.gone = true;
          this.notify();
        }
        return;
    }
  }
}

/** The browser's channel, or one that reaches nobody where BroadcastChannel is missing (this tab then saves). */
export function browserTabChannel(): TabChannel {
  if (typeof BroadcastChannel === 'function') return new BroadcastChannel('podlab-tabs') as unknown as TabChannel;
  return { postMessage: () => undefined, onmessage: null, close: () => undefined };
}
