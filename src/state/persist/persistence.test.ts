import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_LAYOUT, useAppStore } from '../store';
import { World } from '../world';
import { type Timers, startPersistence, watchChanges } from './persistence';
import { applySave, captureSave, withoutLastLine, worldFromSave } from './resume';
import { decodeSave } from './save-file';
import { memorySaveStore } from './save-store';

/** Each test builds a few clusters (~0.5 s each, much more on a loaded machine). */
const SLOW_MS = 30_000;

/** Timers that never fire on their own: the tests call saveNow. */
const timers: Timers = {
  wallClock: () => 1_750_000_000_000,
  stopwatch: () => 0,
  whenIdle: () => () => undefined,
  every: () => () => undefined,
};

function typeLine(world: World, line: string): void {
  world.session.input(`${line}\r`);
}

let stops: (() => void)[] = [];
afterEach(() => {
  stops.forEach((s) => s());
  stops = [];
});

function started() {
  const world = World.create({ seed: 11 });
  useAppStore.getState().replaceWorld(world);
  useAppStore.setState({ layout: DEFAULT_LAYOUT, openFiles: [], activeFile: undefined, dirty: {}, screenReaderMode: false, notice: undefined });
  const store = memorySaveStore();
  const p = startPersistence(store, timers, {
    fresh: () => World.create({ seed: 99 }),
    lessons: async () => new Map(),
    startLesson: () => Promise.reject(new Error('no lessons here')),
  });
  stops.push(() => p.stop());
  return { world, store, p };
}

describe('resume', { timeout: SLOW_MS }, () => {
  it('drops the last (prompt) line of the scrollback, since the restored shell prints its own', () => {
    expect(withoutLastLine('$ ls\r\nnotes\r\n$ kub')).toBe('$ ls\r\nnotes\r\n');
    expect(withoutLastLine('$ ')).toBe('');
  });

  it('a restored world shows the old output once and one fresh prompt', () => {
    const w = World.create({ seed: 5 });
    typeLine(w, 'echo marker-1');
    const restored = worldFromSave(captureSave({ ...useAppStore.getState(), world: w }, 0));
    const text = restored.scrollback.text();
    expect(text.match(/marker-1/g)).toHaveLength(2); // the command line and its output
    expect(text.endsWith('marker-1\r\n$ ') || text.endsWith('marker-1\n$ ')).toBe(true);
    expect(text).not.toMatch(/\$ \$ /);
  });

  it('reopens only tabs whose files still exist', () => {
    const w = World.create({ seed: 5 });
    w.session.fs.writeFile('/root/a.yaml', 'kind: Pod\n');
    const save = captureSave({ ...useAppStore.getState(), world: w, openFiles: ['/root/a.yaml', '/root/gone.yaml'], activeFile: '/root/gone.yaml' }, 0);
    applySave(save, worldFromSave(save));
    expect(useAppStore.getState().openFiles).toEqual(['/root/a.yaml']);
    expect(useAppStore.getState().activeFile).toBe('/root/a.yaml');
  });
});

describe('persistence', { timeout: SLOW_MS }, () => {
  it('export then import brings back the cluster, files, history, layout and tabs', async () => {
    const { world, p } = started();
    world.session.fs.writeFile('/root/pod.yaml', 'kind: Pod\n');
    typeLine(world, 'echo first');
    world.advance(120_000);
    useAppStore.getState().setProgress({ format: 'podlab-lesson-progress/v1', lesson: 'first-pod', done: ['apply'], hints: {}, historyOffset: 2 });
    useAppStore.getState().openFile('/root/pod.yaml'); // (opening a file shows the editor)
    useAppStore.getState().setLayout({ view: 'cluster', lessonWidth: 0.25 });
    const exported = p.exportText();

    await p.resetEverything();
    const after = useAppStore.getState();
    expect(after.world).not.toBe(world);
    expect(after.world!.session.fs.exists('/root/pod.yaml')).toBe(false);
    expect(after.layout).toEqual(DEFAULT_LAYOUT);
    expect(after.openFiles).toEqual([]);
    expect(after.progress).toEqual({});

    expect(await p.importText(exported)).toEqual({ ok: true });
    const back = useAppStore.getState();
    expect(back.world!.now()).toBe(world.now());
    expect(back.world!.session.fs.readFile('/root/pod.yaml')).toBe('kind: Pod\n');
    expect(back.layout.view).toBe('cluster');
    expect(back.openFiles).toEqual(['/root/pod.yaml']);
    expect(back.progress['first-pod']?.done).toEqual(['apply']);
    // history: ↑ recalls the command typed before the export
    const lastLine = () => back.world!.scrollback.text().split('\n').pop();
    expect(lastLine()).toBe('$ ');
    back.world!.session.input('\x1b[A');
    expect(lastLine()).toMatch(/\$ echo first/);
  });

  it('a bad import is refused with a reason and changes nothing', async () => {
    const { world, store, p } = started();
    const before = useAppStore.getState();
    for (const bad of ['not json at all', '{"format":"podlab-save","version":1', JSON.stringify({ kind: 'Pod' })]) {
      const r = await p.importText(bad);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toMatch(/^This file cannot be imported: /);
    }
    expect(useAppStore.getState().world).toBe(world);
    expect(useAppStore.getState()).toBe(before);
    expect(store.slots.current).toBeUndefined();
  });

  it('an import whose cluster does not restore is refused', async () => {
    const { world, p } = started();
    const d = JSON.parse(p.exportText());
    d.world.cluster.topology = {};
    const r = await p.importText(JSON.stringify(d));
    expect(r.ok === false && r.reason).toMatch(/could not be restored/);
    expect(useAppStore.getState().world).toBe(world);
  });

  it('reset lesson: a fresh world and no tabs, layout kept, saved at once', async () => {
    const { world, store, p } = started();
    useAppStore.getState().openFile('/root/x.yaml');
    useAppStore.getState().setLayout({ view: 'cluster' });
    await p.resetLesson();
    const s = useAppStore.getState();
    expect(s.world).not.toBe(world);
    expect(s.openFiles).toEqual([]);
    expect(s.layout.view).toBe('cluster');
    const saved = decodeSave(store.slots.current);
    expect(saved.ok && saved.save.world.cluster.clock).toEqual(s.world!.snapshot().cluster.clock);
  });

  it('reset everything also clears the stored copies', async () => {
    const { store, p } = started();
    store.slots.previous = 'old';
    store.slots.rejected = 'bad';
    expect(await p.rejectedText()).toBe('bad');
    await p.resetEverything();
    expect(store.slots.previous).toBeUndefined();
    expect(await p.rejectedText()).toBeUndefined();
    expect(decodeSave(store.slots.current).ok).toBe(true);
  });
});

describe('watchChanges', { timeout: SLOW_MS }, () => {
  it('sees cluster, clock, shell, file and layout changes, and follows a replaced world', () => {
    const { world } = started();
    let n = 0;
    const off = watchChanges(() => n++);
    stops.push(off);
    const seen = (f: () => void) => {
      const before = n;
      f();
      return n > before;
    };
    expect(seen(() => world.advance(1000))).toBe(true);
    expect(seen(() => world.session.fs.writeFile('/root/f', 'x'))).toBe(true);
    expect(seen(() => world.session.input('e'))).toBe(true);
    expect(seen(() => useAppStore.getState().setLayout({ split: true }))).toBe(true);
    expect(seen(() => useAppStore.getState().setNotice({ kind: 'info', text: 'hi' }))).toBe(false);

    const next = World.create({ seed: 12 });
    useAppStore.getState().replaceWorld(next);
    expect(seen(() => next.advance(1000))).toBe(true);
    expect(seen(() => world.advance(1000))).toBe(false); // the old world is disposed and unfollowed
  });

  it('tells a change of the cluster time alone from one of the cluster, the shell or the clock controls', () => {
    const { world } = started();
    // a quiet cluster: the start's pods are up and nothing is scheduled to change for a while
    world.advance(120_000);
    const kinds: string[] = [];
    stops.push(watchChanges((k) => kinds.push(k)));
    const kindsOf = (f: () => void) => {
      kinds.length = 0;
      f();
      return [...new Set(kinds)].sort();
    };
    expect(kindsOf(() => world.advance(50))).toEqual(['clock']);
    expect(kindsOf(() => world.setSpeed(10))).toEqual(['work']);
    expect(kindsOf(() => world.setPaused(true))).toEqual(['work']);
    expect(kindsOf(() => world.session.input('e'))).toEqual(['work']);
    expect(kindsOf(() => world.session.fs.writeFile('/root/g', 'x'))).toEqual(['work']);
    expect(kindsOf(() => world.advance(50))).toEqual(['clock']);
    // a pod created through the API: the objects changed, and go on changing as the clock moves
    expect(kindsOf(() => void world.cluster.store.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as never))).toEqual(['work']);
    expect(kindsOf(() => world.advance(50))).toEqual(['clock', 'work']);
  });
});
