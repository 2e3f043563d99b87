// The app's one bound store, made of slices (zustand's slices pattern). Only UI state lives
// here; the cluster and the shell live in the World, which the store points to and replaces
// whole on reset or restore.
import { create, type StateCreator } from 'zustand';
import type { LessonProgress } from '../lesson';
import type { Course } from './course-parse';
import type { World } from './world';

/** Which view fills the right-hand top region (or sits beside the editor when `split`). */
export type SideView = 'editor' | 'cluster' | 'preview';

export interface Layout {
  /** width of the lesson pane, as a fraction of the window */
  lessonWidth: number;
  /** height of the top-right region (editor/cluster/preview), as a fraction of the right side */
  topHeight: number;
  view: SideView;
  /** the cluster view beside the editor instead of replacing it */
  split: boolean;
  lessonCollapsed: boolean;
  /** the course map instead of the running lesson */
  showCourse: boolean;
}

export const DEFAULT_LAYOUT: Layout = { lessonWidth: 0.34, topHeight: 0.55, view: 'editor', split: false, lessonCollapsed: false, showCourse: false };

export interface LayoutSlice {
  layout: Layout;
  setLayout: (patch: Partial<Layout>) => void;
}

export interface EditorSlice {
  /** workspace paths open as tabs, in tab order */
  openFiles: string[];
  activeFile: string | undefined;
  /** paths whose editor buffer differs from the file */
  dirty: Record<string, true>;
  /** dirty paths the shell changed on disk meanwhile (the buffer keeps the learner's text) */
  conflicts: Record<string, true>;
  /** tabs that are a `kubectl edit` waiting for Save & close or Cancel (see editor-bridge.ts) */
  pendingEdits: Record<string, true>;
  openFile: (path: string) => void;
  closeFile: (path: string) => void;
  renameOpenFile: (from: string, to: string) => void;
  setDirty: (path: string, dirty: boolean) => void;
  setConflict: (path: string, conflict: boolean) => void;
  /** opens `path` as a pending `kubectl edit` tab */
  openEdit: (path: string) => void;
  /**
   * The terminal opened a file for the learner to type in (`nano x.yaml`, `kubectl edit`): the
   * editor takes the keyboard, as nano would take the terminal's. `at` is performance.now(), so a
   * request made before Monaco had loaded is honoured only if it is still fresh when it has.
   */
  editorFocus: { n: number; at: number };
  requestEditorFocus: () => void;
}

export interface TerminalSlice {
  screenReaderMode: boolean;
  setScreenReaderMode: (on: boolean) => void;
}

/** A message above the app, with a button of its own when the learner can act on it. */
export interface Notice {
  kind: 'error' | 'info';
  text: string;
  action?: { label: string; run: () => void };
}

export interface WorldSlice {
  /** undefined only until boot has created or restored it (the app renders after that) */
  world: World | undefined;
  /** bumped each time the world is replaced (reset, restore, another lesson) */
  generation: number;
  /** a problem to show the learner instead of failing silently (a save that would not load) */
  notice: Notice | undefined;
  replaceWorld: (world: World) => void;
  setNotice: (notice: WorldSlice['notice']) => void;
}

export interface CourseSlice {
  /** undefined until the lessons have loaded */
  course: Course | undefined;
  /** progress of every lesson started, by lesson id (the running lesson's is kept current) */
  progress: Record<string, LessonProgress>;
  setCourse: (course: Course) => void;
  setProgress: (progress: LessonProgress) => void;
  resetProgress: (lessonId?: string) => void;
}

export interface PreviewTab {
  id: number;
  /** what the address bar shows for the page on screen */
  url: string;
  /** where requests come from: the learner's machine or inside a pod (`namespace/name`) */
  viewAs: string;
  history: string[];
  /** position in history */
  at: number;
}

export interface PreviewSlice {
  previewTabs: PreviewTab[];
  activePreview: number;
  /** open `url` in the preview: in the active tab, or a new one */
  openPreview: (url: string, opts?: { newTab?: boolean; viewAs?: string }) => void;
  updatePreviewTab: (id: number, patch: Partial<Omit<PreviewTab, 'id'>>) => void;
  closePreviewTab: (id: number) => void;
  setActivePreview: (id: number) => void;
}

export type AppState = LayoutSlice & EditorSlice & TerminalSlice & WorldSlice & CourseSlice & PreviewSlice;

const layoutSlice: StateCreator<AppState, [], [], LayoutSlice> = (set) => ({
  layout: DEFAULT_LAYOUT,
  setLayout: (patch) => set((s) => ({ layout: { ...s.layout, ...patch } })),
});

/** `flags` without `path` (the same object when it was not there, so no re-render). */
function without(flags: Record<string, true>, path: string): Record<string, true> {
  if (!flags[path]) return flags;
  const { [path]: _gone, ...rest } = flags;
  return rest;
}

function withFlag(flags: Record<string, true>, path: string, on: boolean): Record<string, true> {
  if (!!flags[path] === on) return flags;
  return on ? { ...flags, [path]: true } : without(flags, path);
}

/** `flags` with `from` renamed to `to` (when it was set). */
function renamed(flags: Record<string, true>, from: string, to: string): Record<string, true> {
  return flags[from] ? { ...without(flags, from), [to]: true } : flags;
}

const editorSlice: StateCreator<AppState, [], [], EditorSlice> = (set) => ({
  openFiles: [],
  activeFile: undefined,
  dirty: {},
  conflicts: {},
  pendingEdits: {},
  openFile: (path) =>
    set((s) => ({
      openFiles: s.openFiles.includes(path) ? s.openFiles : [...s.openFiles, path],
      activeFile: path,
      layout: s.layout.view === 'editor' || s.layout.split ? s.layout : { ...s.layout, view: 'editor' },
    })),
  closeFile: (path) =>
    set((s) => {
      const at = s.openFiles.indexOf(path);
      if (at < 0) return s;
      const openFiles = s.openFiles.filter((p) => p !== path);
      const activeFile = s.activeFile === path ? openFiles[Math.min(at, openFiles.length - 1)] : s.activeFile;
      return { openFiles, activeFile, dirty: without(s.dirty, path), conflicts: without(s.conflicts, path), pendingEdits: without(s.pendingEdits, path) };
    }),
  renameOpenFile: (from, to) =>
    set((s) => ({
      openFiles: s.openFiles.map((p) => (p === from ? to : p)),
      activeFile: s.activeFile === from ? to : s.activeFile,
      dirty: renamed(s.dirty, from, to),
      conflicts: renamed(s.conflicts, from, to),
    })),
  setDirty: (path, dirty) => set((s) => ({ dirty: withFlag(s.dirty, path, dirty) })),
  setConflict: (path, conflict) => set((s) => ({ conflicts: withFlag(s.conflicts, path, conflict) })),
  openEdit: (path) =>
    set((s) => ({
      openFiles: s.openFiles.includes(path) ? s.openFiles : [...s.openFiles, path],
      activeFile: path,
      pendingEdits: withFlag(s.pendingEdits, path, true),
      layout: s.layout.view === 'editor' || s.layout.split ? s.layout : { ...s.layout, view: 'editor' },
    })),
  editorFocus: { n: 0, at: 0 },
  requestEditorFocus: () => set((s) => ({ editorFocus: { n: s.editorFocus.n + 1, at: performance.now() } })),
});

const terminalSlice: StateCreator<AppState, [], [], TerminalSlice> = (set) => ({
  screenReaderMode: false,
  setScreenReaderMode: (on) => set({ screenReaderMode: on }),
});

const worldSlice: StateCreator<AppState, [], [], WorldSlice> = (set, get) => ({
  world: undefined,
  generation: 0,
  notice: undefined,
  replaceWorld: (world) => {
    const old = get().world;
    if (old && old !== world) old.dispose();
    set((s) => ({ world, generation: s.generation + 1 }));
  },
  setNotice: (notice) => set({ notice }),
});

const courseSlice: StateCreator<AppState, [], [], CourseSlice> = (set) => ({
  course: undefined,
  progress: {},
  setCourse: (course) => set({ course }),
  setProgress: (p) => set((s) => (JSON.stringify(s.progress[p.lesson]) === JSON.stringify(p) ? s : { progress: { ...s.progress, [p.lesson]: p } })),
  resetProgress: (lessonId) =>
    set((s) => {
      if (lessonId === undefined) return { progress: {} };
      const { [lessonId]: _gone, ...rest } = s.progress;
      return { progress: rest };
    }),
});

const previewSlice: StateCreator<AppState, [], [], PreviewSlice> = (set) => ({
  previewTabs: [{ id: 1, url: '', viewAs: 'host', history: [], at: -1 }],
  activePreview: 1,
  openPreview: (url, opts = {}) =>
    set((s) => {
      const layout = { ...s.layout, view: 'preview' as const };
      const active = s.previewTabs.find((t) => t.id === s.activePreview);
      if (!opts.newTab && active) {
        const history = [...active.history.slice(0, active.at + 1), url];
        const tab = { ...active, url, history, at: history.length - 1, viewAs: opts.viewAs ?? active.viewAs };
        return { layout, previewTabs: s.previewTabs.map((t) => (t.id === tab.id ? tab : t)) };
      }
      const id = Math.max(0, ...s.previewTabs.map((t) => t.id)) + 1;
      return { layout, activePreview: id, previewTabs: [...s.previewTabs, { id, url, viewAs: opts.viewAs ?? 'host', history: [url], at: 0 }] };
    }),
  updatePreviewTab: (id, patch) => set((s) => ({ previewTabs: s.previewTabs.map((t) => (t.id === id ? { ...t, ...patch } : t)) })),
  closePreviewTab: (id) =>
    set((s) => {
      const rest = s.previewTabs.filter((t) => t.id !== id);
      const tabs = rest.length ? rest : [{ id: id + 1, url: '', viewAs: 'host', history: [], at: -1 }];
      return { previewTabs: tabs, activePreview: s.activePreview === id ? tabs[tabs.length - 1]!.id : s.activePreview };
    }),
  setActivePreview: (id) => set({ activePreview: id }),
});

export const useAppStore = create<AppState>()((...a) => ({
  ...layoutSlice(...a),
  ...editorSlice(...a),
  ...terminalSlice(...a),
  ...worldSlice(...a),
  ...courseSlice(...a),
  ...previewSlice(...a),
}));

/** The current world; only for components rendered after boot. */
export function useWorld(): World {
  const world = useAppStore((s) => s.world);
  if (!world) throw new Error('useWorld before boot');
  return world;
}
