// Moving through the course: open a lesson (a fresh cluster for it, with the progress of any
// earlier attempt), leave for the sandbox, and keep the running lesson's progress in the store.
import type { Lesson } from '../lesson';
import { loadEngine } from './engine';
import { useAppStore } from './store';
import type { World } from './world';

/** Start `lesson` in a world of its own and make it the current one. */
export async function openLesson(lesson: Lesson): Promise<World> {
  const { World } = await loadEngine();
  const { progress, replaceWorld, setLayout } = useAppStore.getState();
  const world = await World.startLesson(lesson, { progress: progress[lesson.id] });
  replaceWorld(world);
  setLayout({ showCourse: false });
  return world;
}

/** The free-play cluster with no lesson. */
export async function openSandbox(): Promise<World> {
  const { World } = await loadEngine();
  const world = World.create();
  useAppStore.getState().replaceWorld(world);
  return world;
}

/**
 * Keep the store's progress for the running lesson current (tasks done, hints revealed) for as
 * long as the app runs; follows the world as it is replaced. Returns the unsubscribe function.
 */
export function trackProgress(): () => void {
  let off: (() => void) | undefined;
  const follow = (world: World | undefined) => {
    off?.();
    off = undefined;
    const rt = world?.lesson;
    if (!rt) return;
    const save = () => useAppStore.getState().setProgress(rt.progress());
    save();
    off = rt.onChange(save);
  };
  follow(useAppStore.getState().world);
  const unsub = useAppStore.subscribe((s, prev) => {
    if (s.world !== prev.world) follow(s.world);
  });
  return () => {
    unsub();
    off?.();
  };
}
