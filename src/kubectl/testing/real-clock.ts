// Test-only: clusters whose virtual clock meets the wall clock, so that ages printed by the real
// kubectl (which measures from time.Now()) and by our code (which measures from `now`) can be
// compared without rewriting any output.
//
// A scenario gets `leadMs` of virtual time that ends at (about) the moment it was created: the
// cluster starts at Date.now() − leadMs, the scenario advances the clock, and catchUp() runs it
// on to the current wall time. Between catching up and kubectl answering, wall time moves on
// while the cluster stands still, exactly as a real cluster with no new events.
import { Cluster } from '../../engine/index';
import { FakeRuntime, type FakeBehaviour } from '../../engine/runtime/fake-runtime';

/**
 * A cluster led by `leadMs`, on the KWOK-style fake runtime: containers named in `behaviours`
 * exit, crash or fail probes as told (exit codes, OOMKilled, ...); the others run until stopped.
 */
export function wallClockCluster(leadMs: number, behaviours: Record<string, FakeBehaviour> = {}, seed: number | string = 1): Cluster {
  return Cluster.create({
    seed, startTime: Date.now() - leadMs,
    runtime: (ctx, node) => new FakeRuntime(ctx, (req) => behaviours[req.container.name] ?? {}, node),
  });
}

/**
 * Run the cluster on to the current wall time. Running it takes wall time too (seconds on a
 * loaded machine), so repeat until it is within a few milliseconds.
 */
export function catchUp(cluster: Cluster): void {
  for (let i = 0; i < 20; i++) {
    const behind = Date.now() - cluster.clock.now();
    if (behind <= 5) return;
    cluster.clock.advance(behind);
  }
}

/**
 * Every distinct rendering of `render(now)` for `now` in [from, to] (ms steps). The real client
 * measured ages at one instant inside that window; its output must be one of these.
 */
export async function renderingsBetween(from: number, to: number, render: (now: number) => Promise<string>): Promise<Set<string>> {
  const out = new Set<string>();
  for (let t = from; t <= to; t++) out.add(await render(t));
  return out;
}
