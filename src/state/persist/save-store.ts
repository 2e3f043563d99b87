// Where saves live: IndexedDB through idb-keyval, in a database of our own. Three slots: the
// current save, the last one that is known to load (for recovery), and a save that would not
// load, kept aside so the learner can download it instead of losing it.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

export type SaveSlot = 'current' | 'previous' | 'rejected';

/** The slots as text (the JSON of a SaveFile, or whatever was found there when rejected). */
export interface SaveStore {
  read(slot: SaveSlot): Promise<unknown>;
  write(slot: SaveSlot, text: string): Promise<void>;
  remove(slot: SaveSlot): Promise<void>;
}

export const SAVE_DB = 'podlab';
export const SAVE_OBJECT_STORE = 'saves';
/** The IndexedDB key of each slot (tests write a damaged save under `current`). */
export const SLOT_KEYS: Record<SaveSlot, string> = {
  current: 'save',
  previous: 'save-previous',
  rejected: 'save-rejected',
};

export function idbSaveStore(): SaveStore {
  let db: UseStore | undefined;
  const store = () => (db ??= createStore(SAVE_DB, SAVE_OBJECT_STORE));
  return {
    read: (slot) => get(SLOT_KEYS[slot], store()),
    write: (slot, text) => set(SLOT_KEYS[slot], text, store()),
    remove: (slot) => del(SLOT_KEYS[slot], store()),
  };
}

/** A store in memory (unit tests, and the fallback when IndexedDB is unavailable). */
export function memorySaveStore(initial: Partial<Record<SaveSlot, unknown>> = {}): SaveStore & { slots: Partial<Record<SaveSlot, unknown>> } {
  const slots: Partial<Record<SaveSlot, unknown>> = { ...initial };
  return {
    slots,
    read: async (slot) => slots[slot],
    write: async (slot, text) => void (slots[slot] = text),
    remove: async (slot) => void delete slots[slot],
  };
}
