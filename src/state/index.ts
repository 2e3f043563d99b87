// The state layer: the app's zustand store (UI slices) and the World it points to (the cluster,
// the host shell and the clock). Only this folder imports zustand. What needs the engine (the
// World, boot, the course's parser) is reached through engine.ts, so that this barrel stays light:
// the page imports it before the engine's chunk has arrived.
export { DEFAULT_LAYOUT, useAppStore, useWorld, type AppState, type Layout, type PreviewTab, type SideView } from './store';
export type { World, WorldOptions, WorldSnapshot } from './world';
export { SPEEDS, type ClockControl } from './clock-control';
export { runInTerminal, pasteInTerminal } from './terminal-actions';
export { boot, loadCourse, loadEngine } from './engine';
export type { Booted } from './boot';
export { thisTab } from './persist/this-tab';
export { prefetchBuildData } from './build-data';
export type { Course } from './course-parse';
export { finishEdit, pendingEditContent } from './editor-bridge';
export { openLesson, openSandbox, trackProgress } from './lesson-actions';
export { load as loadPage, normalizeUrl, headerOf, type PageError, type PageResponse, type PageResult, type Vantage } from './browser';
