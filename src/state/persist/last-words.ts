// The save made as the page goes away. IndexedDB writes started in `pagehide` may never finish
// (the browser tears the page down first), so the changes of the last second would be lost on a
// reload or a closed tab. localStorage writes are synchronous: the page's last words go there,
// and the next start moves them into the store when they are newer than its current save.
import { decodeSave } from './save-file';
import type { SaveStore } from './save-store';

export const LAST_WORDS_KEY = 'podlab-last-words';

type SyncStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** Write the save synchronously; false when storage refuses it (quota, private mode). */
export function writeLastWords(storage: SyncStorage, text: string): boolean {
  try {
    storage.setItem(LAST_WORDS_KEY, text);
    return true;
  } catch {
    return false;
  }
}

/**
 * At start: if the last words are a valid save newer than the store's current one, they become
 * the current save. They are removed either way (the store holds the newest save from here on).
 */
export async function promoteLastWords(storage: SyncStorage, store: SaveStore): Promise<boolean> {
  let text: string | null;
  try {
    text = storage.getItem(LAST_WORDS_KEY);
  } catch {
    return false;
  }
  if (text === null) return false;
  const last = decodeSave(text);
  let promoted = false;
  if (last.ok) {
    const current = decodeSave(await store.read('current').catch(() => undefined));
    if (!current.ok || current.save.savedAt < last.save.savedAt) {
      await store.write('current', text);
      promoted = true;
    }
  }
  try {
    storage.removeItem(LAST_WORDS_KEY);
  } catch {
    // nothing more to do: a stale copy is ignored next time (it is older than the store's)
  }
  return promoted;
}
