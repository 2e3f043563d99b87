// The world notifies on every object change and every clock step — hundreds of times in one
// busy tick. The view needs it at most once per frame: this store samples the world's version and
// clock in an animation frame after a notification, so every age, countdown and the model itself
// re-render together, once, whatever happened in between.
import type { World } from '../../state';

export interface FrameStore {
  subscribe(listener: () => void): () => void;
  /** world.version as of the last frame */
  version(): number;
  /** cluster time as of the last frame */
  now(): number;
}

function createFrameStore(world: World): FrameStore {
  const listeners = new Set<() => void>();
  let version = world.version;
  let now = world.now();
  let frame: number | undefined;
  let unsubscribe: (() => void) | undefined;

  const sample = () => {
    frame = undefined;
    version = world.version;
    now = world.now();
    for (const l of listeners) l();
  };
  const onWorld = () => {
    if (frame === undefined) frame = requestAnimationFrame(sample);
  };

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!unsubscribe) {
        unsubscribe = world.subscribe(onWorld);
        // catch up with what happened while nobody listened (React re-reads the snapshot)
        version = world.version;
        now = world.now();
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && unsubscribe) {
          unsubscribe();
          unsubscribe = undefined;
          if (frame !== undefined) cancelAnimationFrame(frame);
          frame = undefined;
        }
      };
    },
    version: () => version,
    now: () => now,
  };
}

const stores = new WeakMap<World, FrameStore>();

export function frameStore(world: World): FrameStore {
  let s = stores.get(world);
  if (!s) {
    s = createFrameStore(world);
    stores.set(world, s);
  }
  return s;
}
