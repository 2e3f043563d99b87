import { describe, expect, it } from 'vitest';
import { World } from '../world';
import { LAST_WORDS_KEY, promoteLastWords, writeLastWords } from './last-words';
import { encodeSave } from './save-file';
import { memorySaveStore } from './save-store';
import { saveOf } from './testing';

const world = World.create({ seed: 'last-words' });
const save = (savedAt: number): string => encodeSave(saveOf(world, savedAt));

function storage(initial: Record<string, string> = {}, opts: { full?: boolean } = {}) {
  const items = new Map(Object.entries(initial));
  return {
    items,
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => {
      if (opts.full) throw new DOMException('quota', 'QuotaExceededError');
      items.set(k, v);
    },
    removeItem: (k: string) => void items.delete(k),
  };
}

describe("the page's last words", () => {
  it('a newer last-words save replaces the current one, and is then removed', async () => {
    const store = memorySaveStore({ current: save(1000) });
    const ls = storage({ [LAST_WORDS_KEY]: save(2000) });
    expect(await promoteLastWords(ls, store)).toBe(true);
    expect(JSON.parse(store.slots.current as string).savedAt).toBe(2000);
    expect(ls.items.has(LAST_WORDS_KEY)).toBe(false);
  });

  it('an older or damaged one never replaces a good current save', async () => {
    const store = memorySaveStore({ current: save(3000) });
    expect(await promoteLastWords(storage({ [LAST_WORDS_KEY]: save(2000) }), store)).toBe(false);
    expect(await promoteLastWords(storage({ [LAST_WORDS_KEY]: save(4000).slice(0, 500) }), store)).toBe(false);
    expect(JSON.parse(store.slots.current as string).savedAt).toBe(3000);
  });

  it('with no current save (first visit, or it was damaged) the last words are used', async () => {
    const store = memorySaveStore({ current: 'garbage' });
    expect(await promoteLastWords(storage({ [LAST_WORDS_KEY]: save(10) }), store)).toBe(true);
  });

  it('a full storage refuses quietly', () => {
    expect(writeLastWords(storage({}, { full: true }), save(1))).toBe(false);
    const ok = storage();
    expect(writeLastWords(ok, 'x')).toBe(true);
    expect(ok.items.get(LAST_WORDS_KEY)).toBe('x');
  });
});
