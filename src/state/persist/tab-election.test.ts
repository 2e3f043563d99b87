import { describe, expect, it } from 'vitest';
import { ANNOUNCE_EVERY_MS, ELECTION_WAIT_MS, HAND_OVER_WAIT_MS, TabElection, type TabChannel, type TabMessage } from './tab-election';

/** Tabs of one browser: a message bus in memory and one manual real-time clock for all of them. */
function browser() {
  let now = 1_000;
  let timers: { at: number; fn: () => void; live: boolean }[] = [];
  const channels = new Set<TabChannel>();
  const after = (fn: () => void, ms: number) => {
    const t = { at: now + ms, fn, live: true };
    timers.push(t);
    return () => void (t.live = false);
  };
  /** Let `ms` pass, running timers as they fall due (messages are delivered at once). */
  const pass = async (ms: number) => {
    const end = now + ms;
    for (;;) {
      const next = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      now = next.at;
      next.live = false;
      next.fn();
      await Promise.resolve();
    }
    timers = timers.filter((t) => t.live);
    now = end;
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  const channel = (): TabChannel => {
    const ch: TabChannel = {
      onmessage: null,
      postMessage(data: TabMessage) {
        // BroadcastChannel: every other channel of the name, never the sender
        for (const other of channels) if (other !== ch) other.onmessage?.({ data: structuredClone(data) });
      },
      close: () => void channels.delete(ch),
    };
    channels.add(ch);
    return ch;
  };
  let ids = 0;
  const open = async () => {
    const electing = TabElection.elect({ channel: channel(), id: `tab-${++ids}`, now: () => now, after });
    await pass(ELECTION_WAIT_MS);
    return electing;
  };
  const openTogether = async () => {
    const electing = [1, 2].map(() => TabElection.elect({ channel: channel(), id: `tab-${++ids}`, now: () => now, after }));
    await pass(ELECTION_WAIT_MS);
    return Promise.all(electing);
  };
  return { open, openTogether, pass };
}

describe('TabElection', () => {
  it('the first tab saves; a tab opened later does not', async () => {
    const b = browser();
    const first = await b.open();
    const second = await b.open();
    expect(first.role()).toBe('saver');
    expect(second.role()).toBe('viewer');
    await b.pass(ANNOUNCE_EVERY_MS * 3);
    expect([first.role(), second.role()]).toEqual(['saver', 'viewer']);
  });

  it('taking over: the saving tab saves before it lets go, and the new tab waits for that', async () => {
    const b = browser();
    const first = await b.open();
    const second = await b.open();
    const events: string[] = [];
    first.onHandOver(async () => {
      events.push('saved');
    });
    const taking = second.takeOver().then(() => events.push('taken'));
    await b.pass(0);
    await taking;
    expect(events).toEqual(['saved', 'taken']);
    expect(first.role()).toBe('viewer');
    // the new tab reloads, and its new page finds nobody saving
    second.stop();
    const reloaded = await b.open();
    expect(reloaded.role()).toBe('saver');
    expect(first.role()).toBe('viewer');
  });

  it('a saving tab that does not answer (frozen) is given up on after a while', async () => {
    const b = browser();
    const first = await b.open();
    const second = await b.open();
    first.onHandOver(() => new Promise(() => undefined)); // never finishes
    let taken = false;
    void second.takeOver().then(() => (taken = true));
    await b.pass(HAND_OVER_WAIT_MS - 1);
    expect(taken).toBe(false);
    await b.pass(1);
    expect(taken).toBe(true);
  });

  it('two tabs opened at the same moment: exactly one of them saves', async () => {
    const b = browser();
    const [one, two] = await b.openTogether();
    expect([one.role(), two.role()].sort()).toEqual(['saver', 'viewer']);
    await b.pass(ANNOUNCE_EVERY_MS * 2);
    expect([one.role(), two.role()].sort()).toEqual(['saver', 'viewer']);
  });

  it('viewers learn that the saving tab closed, and forget it when a tab saves again', async () => {
    const b = browser();
    const first = await b.open();
    const second = await b.open();
    let changes = 0;
    second.subscribe(() => changes++);
    first.leave();
    expect(second.saverGone()).toBe(true);
    expect(second.role()).toBe('viewer'); // it does not save its older world over the closed tab's save
    first.stop();
    const third = await b.open();
    expect(third.role()).toBe('saver');
    expect(second.saverGone()).toBe(false);
    expect(changes).toBe(2);
  });
});
