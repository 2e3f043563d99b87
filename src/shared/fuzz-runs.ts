// How many inputs a fast-check property tries: a small number in `npm test`, or the nightly size
// from PODLAB_FUZZ_RUNS (README "Fuzzing"). `cost` is how many plain inputs one input of the
// property is worth (a busy-cluster sequence runs many steps), so the nightly total stays near N
// per property without one expensive property taking the night. Read through globalThis so the
// file typechecks headless; only tests import it.
function env(name: string): string | undefined {
  return (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];
}

export function fuzzRuns(base: number, cost = 1): number {
  const nightly = Number(env('PODLAB_FUZZ_RUNS') ?? '');
  if (!Number.isFinite(nightly) || nightly <= 0) return base;
  return Math.max(base, Math.ceil(nightly / cost));
}

/** A fixed seed in `npm test` (reproducible failures); PODLAB_FUZZ_SEED picks another for a nightly run. */
export function fuzzSeed(base: number): number {
  const raw = env('PODLAB_FUZZ_SEED');
  return raw && Number.isInteger(Number(raw)) ? Number(raw) : base;
}

/** A test's time limit: `ms` for the `npm test` size, a day for a nightly run. */
export function fuzzTimeout(ms: number): number {
  return fuzzRuns(0) > 0 ? 24 * 3_600_000 : ms;
}
