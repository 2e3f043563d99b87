// The parts of the page that need the running world come in chunks of their own, so the first
// paint (the lesson pane's introduction, a terminal that takes typing) waits for none of them.
// They are fetched as soon as the page starts; they render once the engine has booted.
import { lazy } from 'react';

const loaders = {
  header: () => import('./HeaderControls'),
  lesson: () => import('./lesson/LessonPane'),
  cluster: () => import('./cluster/ClusterView'),
  preview: () => import('./preview/PreviewPane'),
};

export const HeaderControls = lazy(() => loaders.header().then((m) => ({ default: m.HeaderControls })));
export const LessonPane = lazy(() => loaders.lesson().then((m) => ({ default: m.LessonPane })));
export const ClusterView = lazy(() => loaders.cluster().then((m) => ({ default: m.ClusterView })));
export const PreviewPane = lazy(() => loaders.preview().then((m) => ({ default: m.PreviewPane })));
export const ForwardOffers = lazy(() => loaders.preview().then((m) => ({ default: m.ForwardOffers })));
// Monaco, the largest chunk by far, loads when the editor first shows (after boot): compiling it
// earlier would hold up the engine's start, which the terminal waits for.
export const EditorPane = lazy(() => import('./editor/EditorPane'));

/** Start fetching every view's chunk now (all but the editor's). */
export function prefetchViews(): void {
  for (const load of Object.values(loaders)) void load().catch(() => undefined);
}
