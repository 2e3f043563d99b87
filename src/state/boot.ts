// Starting the app: resume the world the learner left (or start a fresh one), then the
// real-time clock and autosave. Nothing is saved before this has finished, so a save can only
// ever hold a state that was fully loaded.
import { loadCourse } from './course';
import { startEditorBridge } from './editor-bridge';
import { promoteLastWords, writeLastWords } from './persist/last-words';
import { loadSave } from './persist/load';
import { startPersistence, type Persistence, type Timers, type WorldSources } from './persist/persistence';
import { applySave } from './persist/resume';
import { idbSaveStore, type SaveSlot, type SaveStore } from './persist/save-store';
import type { TabElection } from './persist/tab-election';
import { thisTab } from './persist/this-tab';
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

export async function boot(idb: SaveStore = idbSaveStore()): Promise<Booted> {
  const sources = worldSources();
  // the build's fresh cluster (a chunk) is fetched meanwhile; a fresh world is then a restore of
  // it, not 15 virtual minutes of warm-up, so nothing below may make one before it has arrived
  const startCluster = preloadStartCluster();
  // another tab of Podlab may be the one that saves: then this one shows the save and writes nothing
  const tab = await thisTab();
  const store = savingOnlyAsSaver(idb, tab);
  // the page's last words (written as it went away) win over an older save in IndexedDB
  if (tab.isSaver()) await promoteLastWords(localStorage, store).catch(() => false);
  await startCluster;
  const loaded = await loadSave(store, sources);
  // a turn of the event loop between restoring the world and drawing it: keys typed meanwhile
  // reach the terminal (it echoes them) instead of waiting for both
  await new Promise((resolve) => setTimeout(resolve, 0));
  if (loaded.save) applySave(loaded.save, loaded.world);
  else useAppStore.getState().replaceWorld(loaded.world);
  if (loaded.notice) useAppStore.getState().setNotice(loaded.notice);

  const persistence = startPersistence(store, { ...browserTimers(), blocked: () => (tab.isSaver() ? undefined : OTHER_TAB_SAVES) }, sources);
  const stopLifecycle = saveWhenLeaving(persistence, tab);
  const stopTabNotice = showTabRole(tab, persistence);
  const stopTicker = startTicker();
  const stopEditorBridge = startEditorBridge();
  return {
    persistence,
    stop() {
      stopTicker();
      stopEditorBridge();
      stopLifecycle();
      stopTabNotice();
      persistence.stop();
      tab.stop();
    },
  };
}

/** The save store as a tab that does not save sees it: reads work, writes are refused. */
function savingOnlyAsSaver(store: SaveStore, tab: TabElection): SaveStore {
  const refuse = () => Promise.reject(new Error(OTHER_TAB_SAVES));
  return {
    read: (slot: SaveSlot) => store.read(slot),
    write: (slot, text) => (tab.isSaver() ? store.write(slot, text) : refuse()),
    remove: (slot) => (tab.isSaver() ? store.remove(slot) : refuse()),
  };
}

const OTHER_TAB_SAVES = 'Podlab is open in another tab, and that tab saves';
const OTHER_TAB_NOTICE = 'Podlab is open in another tab, and that tab saves your work: nothing you do in this one is saved.';
const SAVER_GONE_NOTICE = 'The tab that saved your work has closed. Reload to continue from its save here (nothing done in this tab is kept).';

/**
 * A tab that does not save says so, with a button that moves Podlab here: the saving tab saves
 * and lets go, and this page reloads to continue from that save.
 */
function showTabRole(tab: TabElection, persistence: Persistence): () => void {
  tab.onHandOver(() => persistence.saveNow());
  const show = () => {
    const { notice, setNotice } = useAppStore.getState();
    if (tab.isSaver()) {
      if (notice?.text === OTHER_TAB_NOTICE || notice?.text === SAVER_GONE_NOTICE) setNotice(undefined);
      return;
    }
    if (tab.saverGone()) return setNotice({ kind: 'info', text: SAVER_GONE_NOTICE, action: { label: 'Reload', run: () => location.reload() } });
    setNotice({
      kind: 'info',
      text: OTHER_TAB_NOTICE,
      action: { label: 'Use this tab instead', run: () => void tab.takeOver().then(() => location.reload()) },
    });
  };
  show();
  return tab.subscribe(show);
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
function saveWhenLeaving(persistence: Persistence, tab: TabElection): () => void {
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') void persistence.saveNowIfChanged();
  };
  const onPageHide = () => {
    if (!tab.isSaver()) return;
    // IndexedDB may not finish before the page is gone: say the last words synchronously too
    writeLastWords(localStorage, persistence.exportText());
    void persistence.saveNowIfChanged();
    tab.leave();
  };
  document.addEventListener('visibilitychange', onVisibility);
  window.addEventListener('pagehide', onPageHide);
  return () => {
    document.removeEventListener('visibilitychange', onVisibility);
    window.removeEventListener('pagehide', onPageHide);
  };
}
