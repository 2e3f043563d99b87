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
};

/**
 * The editor pane's chunk, Monaco inside it (half the page's code): it is fetched, and compiled
 * off the main thread, before the engine's chunk is asked for, not after the engine has booted.
 * It is evaluated (half a second of the main thread) only when the pane renders after the boot,
 * so a command typed at once does not wait for it. The build names the chunk's file
 * (scripts/vite-plugin-chunk-hints.ts); the dev server has no such file and skips this.
 */
export function prefetchEditor(): void {
  const href = document.querySelector<HTMLMetaElement>('meta[name="podlab-chunk:editor"]')?.content;
  if (!href) return;
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.href = href;
  document.head.append(link);
}

export const HeaderControls = lazy(() => loaders.header().then((m) => ({ default: m.HeaderControls })));
export const LessonPane = lazy(() => loaders.lesson().then((m) => ({ default: m.LessonPane })));
export const ClusterView = lazy(() => loaders.cluster().then((m) => ({ default: m.ClusterView })));
export const PreviewPane = lazy(() => loaders.preview().then((m) => ({ default: m.PreviewPane })));
export const ForwardOffers = lazy(() => loaders.preview().then((m) => ({ default: m.ForwardOffers })));
// evaluated when it first renders: see prefetchEditor
export const EditorPane = lazy(() => import('./editor/EditorPane'));

/** Start fetching (and evaluating) every view's chunk but the editor's now. */
export function prefetchViews(): void {
  for (const load of Object.values(loaders)) void load().catch(() => undefined);
}
