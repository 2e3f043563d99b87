import { readFileSync } from 'node:fs';
import { afterEach, expect, test } from 'vitest';
import { Cluster } from '../engine';
import { parseLesson } from '../lesson';
import { replay, scriptLines } from '../terminal';
import { setStartSnapshot } from './start-cluster';
import { World } from './world';

afterEach(() => setStartSnapshot(undefined));

// The app's fresh world is restored from a build-time snapshot of Cluster.create(): that is only
// honest if the restored cluster behaves exactly as the created one. The seed walkthroughs say so.
test('a cluster restored from the start snapshot replays the seed walkthroughs as a created one', async () => {
  const json = JSON.stringify(Cluster.create().snapshot());
  for (const name of ['000-pods-101', '001-limits-oomkilled', '003-pods-and-volumes']) {
    const lines = scriptLines(readFileSync(`src/terminal/seeds/${name}.replay`, 'utf8'));
    const created = await replay(lines, { cluster: Cluster.create() });
    const restored = await replay(lines, { cluster: Cluster.restore(JSON.parse(json)) });
    expect(restored).toBe(created);
  }
}, 300_000);

test('World.create uses the start snapshot for the default seed and topology only', () => {
  const json = JSON.stringify(Cluster.create().snapshot());
  setStartSnapshot(json);
  const w = World.create();
  expect(JSON.stringify(w.cluster.snapshot())).toBe(json);
  const other = World.create({ seed: 'other' });
  expect(JSON.stringify(other.cluster.snapshot())).not.toBe(json);
});

test('a lesson on the default cluster starts the same from the start snapshot', async () => {
  const lesson = parseLesson(readFileSync('src/lesson/__fixtures__/good.md', 'utf8'), 'src/lesson/__fixtures__/good.md', (p) => readFileSync(p, 'utf8')).lesson!;
  expect(lesson.topology).toBeUndefined();
  const slow = await World.startLesson(lesson);
  setStartSnapshot(JSON.stringify(Cluster.create().snapshot()));
  const fast = await World.startLesson(lesson);
  expect(JSON.stringify(fast.cluster.snapshot())).toBe(JSON.stringify(slow.cluster.snapshot()));
  expect(fast.lesson!.results()).toEqual(slow.lesson!.results());
});
