// The engine — the cluster, the shells, the lesson runtime and what starts and saves them — is a
// chunk of its own: the page (the lesson pane, a terminal that takes typing) is up before it has
// arrived, and Monaco loads beside it instead of after it. Everything that needs a World goes
// through here; the rest of the state layer imports only types from it.
import type { Booted } from './boot';
import type { Course } from './course-parse';

export type EngineModule = typeof import('./engine-chunk');

let loading: Promise<EngineModule> | undefined;

/** The engine's chunk, fetched once (the first call starts it). */
export function loadEngine(): Promise<EngineModule> {
  return (loading ??= import('./engine-chunk'));
}

/** Resume the learner's world (or start one), then the clock and autosave: see boot.ts. */
export async function boot(): Promise<Booted> {
  return (await loadEngine()).boot();
}

/** The course, every lesson parsed: a chunk of its own too (the lesson files and their parser). */
export async function loadCourse(): Promise<Course> {
  return (await import('./course')).loadCourse();
}
