// Real time moves the cluster clock: every TICK_MS the world advances by the real time that
// passed times the speed. A tab in the background is throttled by the browser; World.tick caps a
// late step so waking up does not run minutes of cluster work in one go.
import { useAppStore } from './store';

const TICK_MS = 50;

/** Starts the real-time clock; returns a function that stops it. */
export function startTicker(now: () => number = () => performance.now()): () => void {
  let last = now();
  const id = setInterval(() => {
    // whole milliseconds: the engine's clock is integral (events format it through BigInt); the
    // fraction carries over to the next tick
    const step = Math.floor(now() - last);
    const world = useAppStore.getState().world;
    world?.tick(step);
    last += step;
  }, TICK_MS);
  return () => clearInterval(id);
}
