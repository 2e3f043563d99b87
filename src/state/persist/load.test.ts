import { describe, expect, it } from 'vitest';
import { World } from '../world';
import { loadSave } from './load';
import { encodeSave, SAVE_VERSION } from './save-file';
import { memorySaveStore, type SaveStore } from './save-store';
import { saveOf } from './testing';

/** Each test builds a few clusters (~0.5 s each, much more on a loaded machine). */
const SLOW_MS = 30_000;


// a world with something to recognise it by: a file and a moved clock
const used = World.create({ seed: 3 });
used.session.fs.writeFile('/root/notes.txt', 'hello\n');
used.advance(90_000);
const good = encodeSave(saveOf(used));
/** A save that passes the structural checks but whose cluster does not restore. */
const unrestorable = (() => {
  const d = JSON.parse(good);
  d.world.cluster.store = {};
  return JSON.stringify(d);
})();

let freshCount = 0;
const fresh = {
  fresh: () => {
    freshCount++;
    return World.create({ seed: 1 });
  },
  lessons: async () => new Map(),
};

describe('loadSave', { timeout: SLOW_MS }, () => {
  it('starts fresh and quietly when there is no save', async () => {
    const before = freshCount;
    const r = await loadSave(memorySaveStore(), fresh);
    expect(freshCount).toBe(before + 1);
    expect(r.save).toBeUndefined();
    expect(r.notice).toBeUndefined();
  });

  it('resumes a good save and keeps it as the recovery copy', async () => {
    const store = memorySaveStore({ current: good });
    const r = await loadSave(store, fresh);
    expect(r.notice).toBeUndefined();
    expect(r.world.now()).toBe(used.now());
    expect(r.world.session.fs.readFile('/root/notes.txt')).toBe('hello\n');
    expect(store.slots.previous).toBe(good);
    expect(store.slots.rejected).toBeUndefined();
  });

  it.each([
    ['truncated', good.slice(0, 5000), /cut short/],
    ['garbage', 'ÿþ\u0000garbage', /not valid JSON/],
    ['foreign', JSON.stringify({ hello: 'world' }), /not a Podlab save/],
    ['older', good.replace(`"version":${SAVE_VERSION}`, '"version":0'), /older version/],
    ['unrestorable', unrestorable, /could not be restored/],
  ])('a %s save: fresh world, save kept aside, notice says why', async (_kind, bad, why) => {
    const store = memorySaveStore({ current: bad });
    const before = freshCount;
    const r = await loadSave(store, fresh);
    expect(freshCount).toBe(before + 1);
    expect(r.save).toBeUndefined();
    expect(r.notice?.kind).toBe('error');
    expect(r.notice?.text).toMatch(why);
    expect(r.notice?.text).toMatch(/download it from the Save menu/);
    expect(store.slots.rejected).toBe(bad);
    expect(store.slots.current).toBe(bad); // not deleted: autosave replaces it later
  });

  it('a bad save with a good previous one resumes the previous', async () => {
    const store = memorySaveStore({ current: '{"format":"podlab-save",', previous: good });
    const r = await loadSave(store, fresh);
    expect(r.world.now()).toBe(used.now());
    expect(r.notice?.text).toMatch(/Resumed the previous save/);
    expect(store.slots.rejected).toBe('{"format":"podlab-save",');
  });

  it('a save made in a lesson this version does not have is refused and kept', async () => {
    const d = JSON.parse(good);
    d.world.lesson = { id: 'gone-lesson', progress: { format: 'podlab-lesson-progress/v1', lesson: 'gone-lesson', done: [], hints: {}, historyOffset: 0 } };
    const store = memorySaveStore({ current: JSON.stringify(d) });
    const r = await loadSave(store, fresh);
    expect(r.notice?.text).toMatch(/lesson "gone-lesson", which this version of Podlab does not have/);
    expect(store.slots.rejected).toBe(JSON.stringify(d));
  });

  it('keeps a non-text value found in storage as text', async () => {
    const store = memorySaveStore({ current: { some: 'object' } });
    await loadSave(store, fresh);
    expect(store.slots.rejected).toBe('{"some":"object"}');
  });

  it('storage that cannot be read: fresh world and a notice, nothing written', async () => {
    const writes: string[] = [];
    const broken: SaveStore = {
      read: async () => Promise.reject(new Error('The operation is insecure.')),
      write: async (slot) => void writes.push(slot),
      remove: async () => undefined,
    };
    const r = await loadSave(broken, fresh);
    expect(r.notice?.text).toMatch(/cannot be saved in this browser.*The operation is insecure/);
    expect(writes).toEqual([]);
  });
});
