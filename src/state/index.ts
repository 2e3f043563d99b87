// The state layer: the app's zustand store (UI slices) and the World it points to (the cluster,
// the host shell and the clock). Only this folder imports zustand.
export { DEFAULT_LAYOUT, useAppStore, useWorld, type AppState, type Layout, type PreviewTab, type SideView } from './store';
export { SPEEDS, World, recorder, runtimeFactory, type ClockControl, type WorldOptions, type WorldSnapshot } from './world';
export { runInTerminal, pasteInTerminal } from './terminal-actions';
export { Scrollback } from './scrollback';
export { boot, type Booted } from './boot';
export { startTicker } from './ticker';
export { finishEdit, pendingEditContent } from './editor-bridge';
export { buildCourse, loadCourse, type Course } from './course';
export { openLesson, openSandbox, trackProgress } from './lesson-actions';
export { load as loadPage, normalizeUrl, headerOf, type PageError, type PageResponse, type PageResult, type Vantage } from './browser';
