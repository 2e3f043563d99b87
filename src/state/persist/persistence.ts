// What the app does with saves while it runs: autosave on change, save when the page is hidden
// or closed, export/import as a file, the two resets, and the unreadable save kept aside.
import type { Lesson } from '../../lesson';
import { DEFAULT_LAYOUT, useAppStore, type AppState } from '../store';
import { World } from '../world';
import { Autosaver, type AutosaveDeps, type ChangeKind, type SaveStatus } from './autosave';
import { restoreWorld, type LoadOptions } from './load';
import { applySave, captureSave } from './resume';
import { decodeSave, encodeSave } from './save-file';
import type { SaveStore } from './save-store';

export type ImportResult = { ok: true } | { ok: false; reason: string };

export interface Persistence {
  getStatus(): SaveStatus;
  subscribe(listener: () => void): () => void;
  /** the whole state as a JSON document (progress, workspace, cluster) */
  exportText(): string;
  /** checks a file before anything changes; on success it replaces the whole state */
  importText(text: string): Promise<ImportResult>;
  /** the running lesson from its start (its cluster, files and progress), or a fresh sandbox; layout and preferences stay */
  resetLesson(): Promise<void>;
  /** a fresh start: also the layout, preferences and every stored save */
  resetEverything(): Promise<void>;
  /** the save that would not load, as found (undefined when there is none) */
  rejectedText(): Promise<string | undefined>;
  saveNow(): Promise<void>;
  /** save at once if anything changed (the page is being hidden or closed) */
  saveNowIfChanged(): Promise<void>;
  stop(): void;
}

export type Timers = Pick<AutosaveDeps, 'wallClock' | 'stopwatch' | 'whenIdle' | 'every' | 'blocked'>;

/** Fields of the store that are part of a save (a change to others is not worth a save). */
const SAVED_FIELDS = ['world', 'layout', 'openFiles', 'activeFile', 'screenReaderMode', 'progress'] as const satisfies readonly (keyof AppState)[];

export type WorldSources = LoadOptions & {
  /** a lesson from its start */
  startLesson: (lesson: Lesson) => Promise<World>;
};

export function startPersistence(store: SaveStore, timers: Timers, sources: WorldSources): Persistence {
  const { fresh } = sources;
  const autosaver = new Autosaver({
    ...timers,
    capture: () => encodeSave(captureSave(useAppStore.getState(), timers.wallClock())),
    write: (text) => store.write('current', text),
  });
  const stopWatching = watchChanges((kind) => autosaver.markChanged(kind));

  const resetTabs = { openFiles: [], activeFile: undefined, dirty: {} };
  return {
    getStatus: autosaver.getStatus,
    subscribe: autosaver.subscribe,
    exportText: () => encodeSave(captureSave(useAppStore.getState(), timers.wallClock())),
    async importText(text) {
      const decoded = decodeSave(text);
      if (!decoded.ok) return { ok: false, reason: `This file cannot be imported: ${decoded.reason}.` };
      const restored = await restoreWorld(decoded.save, sources.lessons);
      if (!restored.ok) return { ok: false, reason: `This file cannot be imported: ${restored.reason}.` };
      applySave(decoded.save, restored.world);
      await autosaver.saveNow();
      return { ok: true };
    },
    async resetLesson() {
      const lesson = useAppStore.getState().world?.lesson?.lesson;
      if (lesson) useAppStore.getState().resetProgress(lesson.id);
      useAppStore.getState().replaceWorld(lesson ? await sources.startLesson(lesson) : fresh());
      useAppStore.setState(resetTabs);
      await autosaver.saveNow();
    },
    async resetEverything() {
      useAppStore.getState().replaceWorld(fresh());
      useAppStore.setState({ ...resetTabs, layout: DEFAULT_LAYOUT, screenReaderMode: false, notice: undefined, progress: {} });
      await Promise.all([store.remove('previous'), store.remove('rejected')]).catch(() => undefined);
      await autosaver.saveNow();
    },
    async rejectedText() {
      const raw = await store.read('rejected').catch(() => undefined);
      return raw === undefined ? undefined : typeof raw === 'string' ? raw : JSON.stringify(raw);
    },
    saveNow: () => autosaver.saveNow(),
    saveNowIfChanged: () => autosaver.flush(),
    stop() {
      stopWatching();
      autosaver.stop();
    },
  };
}

/**
 * Calls `onChange` for every change that belongs in a save: the store's saved fields, and in
 * the current world its objects, its clock, the shell (output means typed commands, history,
 * cwd) and its files. Follows the world when it is replaced. A world notification that moved
 * nothing but the cluster's time is a `clock` change; everything else is `work`.
 */
export function watchChanges(onChange: (kind: ChangeKind) => void): () => void {
  let offWorld = followWorld(useAppStore.getState().world, onChange);
  const offStore = useAppStore.subscribe((state, prev) => {
    if (!SAVED_FIELDS.some((k) => state[k] !== prev[k])) return;
    if (state.world !== prev.world) {
      offWorld();
      offWorld = followWorld(state.world, onChange);
    }
    onChange('work');
  });
  return () => {
    offStore();
    offWorld();
  };
}

function followWorld(world: World | undefined, onChange: (kind: ChangeKind) => void): () => void {
  if (!world) return () => undefined;
  // what a world notification can change besides the time: its objects (version, epoch after a
  // lesson's reset) and the clock's controls
  const mark = () => `${world.version}/${world.epoch}/${world.clockControl.speed}/${world.clockControl.paused}`;
  let seen = mark();
  const offs = [
    world.subscribe(() => {
      const now = mark();
      onChange(now === seen ? 'clock' : 'work');
      seen = now;
    }),
    // the session passes each tick on as a `clock` event (for `watch` and the replay driver)
    world.session.onEvent((e) => onChange(e.type === 'clock' ? 'clock' : 'work')),
    world.session.fs.onChange(() => onChange('work')),
  ];
  return () => offs.forEach((off) => off());
}
