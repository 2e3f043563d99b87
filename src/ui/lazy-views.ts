// The parts of the page that need the running world come in chunks of their own, so the first
// paint (the lesson pane's introduction, a terminal that takes typing) waits for none of them.
// They are fetched once the terminal shows its prompt (main.tsx); they render once the engine has
// booted.
import { lazy } from 'react';

const loaders = {
  header: () => import('./HeaderControls'),
  lesson: () => import('./lesson/LessonPane'),
  cluster: () => import('./cluster/ClusterView'),
  preview: () => import('./preview/PreviewPane'),
  editor: () => import('./editor/EditorPane'),
};

/**
 * Monaco itself, a chunk the editor pane imports: it needs no engine, so it is fetched (and
 * compiled, off the main thread) before the engine's chunk is asked for, not after the engine
 * has booted. Vite's preload asks for the chunk the moment this is called.
 */
export function prefetchMonaco(): void {
  void import('./editor/monaco-setup').catch(() => undefined);
}

export const HeaderControls = lazy(() => loaders.header().then((m) => ({ default: m.HeaderControls })));
export const LessonPane = lazy(() => loaders.lesson().then((m) => ({ default: m.LessonPane })));
export const ClusterView = lazy(() => loaders.cluster().then((m) => ({ default: m.ClusterView })));
export const PreviewPane = lazy(() => loaders.preview().then((m) => ({ default: m.PreviewPane })));
export const ForwardOffers = lazy(() => loaders.preview().then((m) => ({ default: m.ForwardOffers })));
export const EditorPane = lazy(loaders.editor);

/** Start fetching every view's chunk now. */
export function prefetchViews(): void {
  for (const load of Object.values(loaders)) void load().catch(() => undefined);
}
