// Starting the app: resume the world the learner left (or start a fresh one), then the
// real-time clock and autosave. Nothing is saved before this has finished, so a save can only
// ever hold a state that was fully loaded.
import { loadCourse } from './course';
import { startEditorBridge } from './editor-bridge';
import { promoteLastWords, writeLastWords } from './persist/last-words';
import { loadSave } from './persist/load';
import { startPersistence, type Persistence, type Timers, type WorldSources } from './persist/persistence';
import { applySave } from './persist/resume';
import { idbSaveStore, type SaveStore } from './persist/save-store';
import { preloadStartCluster } from './start-cluster';
import { useAppStore } from './store';
import { startTicker } from './ticker';
import { World } from './world';

export interface Booted {
  persistence: Persistence;
  stop(): void;
}

/** Idle-time saves still happen within this long when the page is never idle. */
const IDLE_TIMEOUT_MS = 1000;

export async function boot(store: SaveStore = idbSaveStore()): Promise<Booted> {
  const sources = worldSources();
  // the build's fresh cluster (a chunk) is fetched meanwhile; a fresh world is then a restore of
  // it, not 15 virtual minutes of warm-up, so nothing below may make one before it has arrived
  const startCluster = preloadStartCluster();
  // the page's last words (written as it went away) win over an older save in IndexedDB
  await promoteLastWords(localStorage, store).catch(() => false);
  await startCluster;
  const loaded = await loadSave(store, sources);
  // a turn of the event loop between restoring the world and drawing it: keys typed meanwhile
  // reach the terminal (it echoes them) instead of waiting for both
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (loaded.save) applySave(loaded.save, loaded.world);
  else useAppStore.getState().replaceWorld(loaded.world);
  if (loaded.notice) useAppStore.getState().setNotice(loaded.notice);

  const persistence = startPersistence(store, browserTimers(), sources);
  const stopLifecycle = saveWhenLeaving(persistence);
  const stopTicker = startTicker();
  const stopEditorBridge = startEditorBridge();
  return {
    persistence,
    stop() {
      stopTicker();
      stopEditorBridge();
      stopLifecycle();
      persistence.stop();
    },
  };
}

function worldSources(): WorldSources {
  return {
    fresh: () => World.create(),
    startLesson: (lesson) => World.startLesson(lesson, { progress: undefined }),
    // the course is its own chunk; a save made inside a lesson waits for it
    lessons: async () => {
      const state = useAppStore.getState();
      const course = state.course ?? (await loadCourse());
      if (!state.course) state.setCourse(course);
      return course.byId;
    },
  };
}

function browserTimers(): Timers {
  return {
    wallClock: () => Date.now(),
    stopwatch: () => performance.now(),
    whenIdle: (fn) => {
      if (typeof requestIdleCallback === 'function') {
        const id = requestIdleCallback(fn, { timeout: IDLE_TIMEOUT_MS });
        return () => cancelIdleCallback(id);
      }
      const id = setTimeout(fn, 0);
      return () => clearTimeout(id);
    },
    every: (fn, ms) => {
      const id = setInterval(fn, ms);
      return () => clearInterval(id);
    },
  };
}

/** A page that is hidden may be discarded without another event: save then, and on pagehide. */
function saveWhenLeaving(persistence: Persistence): () => void {
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void persistence.saveNowIfChanged();
  };
  const onPageHide = () => {
    // IndexedDB may not finish before the page is gone: say the last words synchronously too
    writeLastWords(localStorage, persistence.exportText());
    void persistence.saveNowIfChanged();
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onPageHide);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onPageHide);
  };
}
