// Loading at start: the current save if it checks out and restores, else the previous good one,
// else a fresh world. A save that does not load is kept aside (never thrown away) and the
// learner is told what happened; nothing here may stop the app from starting.
import type { Lesson } from '../../lesson';
import { World } from '../world';
import { decodeSave, type SaveFile } from './save-file';
import type { SaveSlot, SaveStore } from './save-store';
import { worldFromSave } from './resume';

export interface Loaded {
  world: World;
  /** the save the world came from (undefined for a fresh world) */
  save: SaveFile | undefined;
  /** what to tell the learner (a save that would not load, storage that does not work) */
  notice: { kind: 'error' | 'info'; text: string } | undefined;
}

type Attempt =
  | { kind: 'loaded'; save: SaveFile; world: World }
  | { kind: 'empty' }
  | { kind: 'bad'; reason: string; raw: unknown }
  | { kind: 'unavailable'; reason: string };

export interface LoadOptions {
  /** a new sandbox world */
  fresh: () => World;
  /** the course's lessons by id (loaded only for a save made while a lesson ran) */
  lessons: () => Promise<ReadonlyMap<string, Lesson>>;
}

export async function loadSave(store: SaveStore, opts: LoadOptions): Promise<Loaded> {
  const { fresh } = opts;
  const current = await attempt(store, 'current', opts);
  switch (current.kind) {
    case 'loaded':
      // it loads: keep it as the recovery copy for next time
      await store.write('previous', JSON.stringify(current.save)).catch(() => undefined);
      return { world: current.world, save: current.save, notice: undefined };
    case 'empty':
      return { world: fresh(), save: undefined, notice: undefined };
    case 'unavailable':
      return {
        world: fresh(),
        save: undefined,
        notice: { kind: 'error', text: `Your work cannot be saved in this browser: ${current.reason}. Use Export in the Save menu to keep a copy.` },
      };
  }
  const kept = await store.write('rejected', asText(current.raw)).then(
    () => ' The unreadable save is kept: download it from the Save menu.',
    () => '',
  );
  const previous = await attempt(store, 'previous', opts);
  if (previous.kind === 'loaded') {
    const when = new Date(previous.save.savedAt).toLocaleString();
    return {
      world: previous.world,
      save: previous.save,
      notice: { kind: 'error', text: `Your last save could not be loaded: ${current.reason}. Resumed the previous save (from ${when}) instead.${kept}` },
    };
  }
  return {
    world: fresh(),
    save: undefined,
    notice: { kind: 'error', text: `Your saved work could not be loaded: ${current.reason}. A fresh cluster was started.${kept} Reset everything (also in the Save menu) clears it.` },
  };
}

async function attempt(store: SaveStore, slot: SaveSlot, opts: LoadOptions): Promise<Attempt> {
  let raw: unknown;
  try {
    raw = await store.read(slot);
  } catch (e) {
    return { kind: 'unavailable', reason: `its storage (IndexedDB) does not work (${messageOf(e)})` };
  }
  if (raw === undefined) return { kind: 'empty' };
  const decoded = decodeSave(raw);
  if (!decoded.ok) return { kind: 'bad', reason: decoded.reason, raw };
  const restored = await restoreWorld(decoded.save, opts.lessons);
  return restored.ok ? { kind: 'loaded', save: decoded.save, world: restored.world } : { kind: 'bad', reason: restored.reason, raw };
}

/** The save's world, with the course loaded first when a lesson was running; never throws. */
export async function restoreWorld(
  save: SaveFile,
  lessons: LoadOptions['lessons'],
): Promise<{ ok: true; world: World } | { ok: false; reason: string }> {
  let course: ReadonlyMap<string, Lesson> | undefined;
  if (save.world.lesson) {
    try {
      course = await lessons();
    } catch (e) {
      return { ok: false, reason: `the lessons it needs could not be loaded (${messageOf(e)})` };
    }
  }
  try {
    return { ok: true, world: worldFromSave(save, course) };
  } catch (e) {
    return { ok: false, reason: `its cluster could not be restored (${messageOf(e)})` };
  }
}

/** What was found, as text to keep and download (a damaged slot may hold anything). */
function asText(raw: unknown): string {
  if (typeof raw === 'string') return raw;
  try {
    return JSON.stringify(raw) ?? String(raw);
  } catch {
    return String(raw);
  }
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
