import { existsSync, readFileSync, statSync } from 'node:fs';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { settle } from '../terminal/driver';
import { plainText } from '../terminal/replay';
import { parseLesson } from './parse';
import { startLesson, type LessonRuntime } from './runtime';
import type { Lesson, Task } from './types';

/** Files as lessons see them: paths relative to the repository root (vitest's cwd). */
function readRepoFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return statSync(path).isDirectory() ? '' : readFileSync(path, 'utf8');
}

function fixture(name: string): { path: string; text: string } {
  const path = `src/lesson/__fixtures__/${name}`;
  return { path, text: readFileSync(path, 'utf8') };
}

let lesson: Lesson;

beforeAll(() => {
  const { path, text } = fixture('good.md');
  lesson = parseLesson(text, path, readRepoFile).lesson!;
});

/** A started lesson with its screen and a `type` that runs a line (and what the runtime queues) to the next prompt. */
async function started(opts: Parameters<typeof startLesson>[1] = {}) {
  let screen = '';
  const rt = await startLesson(lesson, { seed: 1, ...opts, onEvent: (e) => void (e.type === 'output' && (screen += e.data)) });
  const celebrated: Task[] = [];
  rt.onCelebrate((t) => celebrated.push(t));
  const type = async (keys: string): Promise<string> => {
    const mark = screen.length;
    rt.session.input(`${keys}\r`);
    await drive(rt);
    return plainText(screen.slice(mark));
  };
  return { rt, type, celebrated, screen: () => plainText(screen) };
}

/** Settle until the queued solution lines are typed and the shell is back at its prompt; then evaluate. */
async function drive(rt: LessonRuntime): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await settle(rt.session);
    if (!rt.queued && rt.session.isIdle()) break;
  }
  await rt.evaluate();
}

describe('startLesson', () => {
  it('starts with the lesson files, the setup done, an empty history and every task failing', async () => {
    const { rt, type } = await started();
    expect(rt.results().map((r) => [r.id, r.passed, r.message])).toEqual([
      ['create-web', false, 'pod web does not exist yet'],
      ['logs', false, 'you have not run kubectl logs web yet'],
    ]);
    expect(await type('ls')).toBe('ls\npod.yaml\n$ ');
    expect(await type('kubectl get ns extra -o name')).toContain('namespace/extra');
    // the setup's lines are not in the learner's history
    expect(await type('history')).toBe('history\n    1  ls\n    2  kubectl get ns extra -o name\n    3  history\n$ ');
    rt.dispose();
  }, 30_000);

  it('hint reveals the hints one at a time, then says there are no more', async () => {
    const { rt, type } = await started();
    expect(await type('hint')).toBe('hint\nHint 1 of 2 for "Run the pod web":\n  The manifest is in pod.yaml.\n$ ');
    expect(await type('hint')).toBe('hint\nHint 2 of 2 for "Run the pod web":\n  `kubectl apply -f pod.yaml`\n$ ');
    expect(await type('hint')).toContain('No more hints for "Run the pod web". Type "check" to see what is missing, or "solution" to run the solution.');
    expect(await type('hint nope')).toContain('hint: no task "nope" in this lesson (tasks: create-web, logs)');
    expect(rt.results()[0]!.hintsShown).toBe(2);
    expect(rt.progress().hints).toEqual({ 'create-web': 2 });
    rt.dispose();
  }, 30_000);

  it('check and lesson say where the learner is and what is missing', async () => {
    const { rt, type } = await started();
    expect(await type('check')).toBe('check\nA fixture lesson: 0 of 2 tasks pass\n  ✗ Run the pod web\n      pod web does not exist yet\n  ✗ Read the logs of web and take a note\n$ ');
    expect(await type('lesson')).toBe(
      'lesson\nA fixture lesson (lesson 1, about 5 minutes)\nStep 1 of 2: Create the pod\nTask: Run the pod web\nProgress: 0 of 2 tasks done\nCommands: hint, check, solution, reset, lesson\n$ ',
    );
    rt.dispose();
  }, 30_000);

  it('re-evaluates after each command and celebrates a task once when it first passes', async () => {
    const { rt, type, celebrated } = await started();
    const changes: boolean[] = [];
    rt.onChange((r) => changes.push(r[0]!.passed));
    await type('kubectl apply -f pod.yaml');
    await type('kubectl wait --for=condition=Ready pod/web --timeout=60s');
    expect(rt.results()[0]!.message).toBe('you have not run kubectl get pods yet');
    await type('kubectl get pods');
    expect(rt.results()[0]).toMatchObject({ passed: true, done: true, message: 'done' });
    expect(celebrated.map((t) => t.id)).toEqual(['create-web']);
    await type('kubectl get pods');
    expect(celebrated).toHaveLength(1);
    expect(changes.at(-1)).toBe(true);
    rt.dispose();
  }, 30_000);

  it('evaluates as the cluster changes while time passes, at most once per virtual second', async () => {
    const { rt, type } = await started();
    await type('kubectl get pods');
    // apply without waiting: the pod starts while the clock runs, with no prompt in between
    rt.session.input('kubectl apply -f pod.yaml\r');
    await settle(rt.session);
    expect(rt.results()[0]!.passed).toBe(false);
    const evaluations = vi.spyOn(rt, 'checkContext');
    // the app's clock: 200 ticks of 100 ms
    for (let i = 0; i < 200; i++) {
      rt.cluster.clock.advance(100);
      rt.update();
      for (let j = 0; j < 50; j++) await Promise.resolve();
    }
    expect(rt.results()[0]!.passed).toBe(true);
    expect(evaluations.mock.calls.length).toBeGreaterThan(0);
    expect(evaluations.mock.calls.length).toBeLessThanOrEqual(20);
    // nothing changes any more: no more evaluations
    const settled = evaluations.mock.calls.length;
    for (let i = 0; i < 20; i++) {
      rt.cluster.clock.advance(1000);
      rt.update();
    }
    expect(evaluations.mock.calls.length).toBe(settled);
    rt.dispose();
  }, 30_000);

  it('refuses the disabled commands, however they are spelled', async () => {
    const { rt, type } = await started();
    expect(await type('kubectl delete pod web')).toBe('kubectl delete pod web\nkubectl delete: this command is turned off in this lesson\n$ ');
    expect(await type('k -n default delete pod web')).toContain('kubectl delete: this command is turned off in this lesson');
    expect(await type('kubectl get pods')).toContain('No resources found in default namespace.');
    rt.dispose();
  }, 30_000);

  it('solution asks first, then writes the files and types the commands', async () => {
    const { rt, type, celebrated } = await started();
    expect(await type('solution\rn')).toBe('solution\nRun the solution of "Run the pod web"? It types 3 commands for you. [y/N] n\nNothing changed.\n$ ');
    const out = await type('solution\ry');
    expect(out).toContain('[y/N] y\n$ kubectl apply -f pod.yaml\npod/web created\n$ kubectl wait --for=condition=Ready pod/web --timeout=60s\npod/web condition met\n$ kubectl get pods\n');
    expect(rt.results().map((r) => r.passed)).toEqual([true, false]);
    expect(celebrated.map((t) => t.id)).toEqual(['create-web']);
    // the next task's solution writes its file first
    expect(await type('solution\ry')).toContain('Wrote notes.txt.\n$ kubectl logs web\n');
    expect(rt.results().map((r) => r.passed)).toEqual([true, true]);
    expect(await type('solution')).toContain('solution: every task in this lesson is done already');
    rt.dispose();
  }, 30_000);

  it('reset asks, then starts the cluster and files over and keeps progress', async () => {
    const { rt, type } = await started();
    const solved = rt.runSolution('create-web');
    await drive(rt);
    await solved;
    await type('echo changed > pod.yaml');
    const old = rt.session;
    const reset = new Promise<void>((resolve) => rt.onReset(resolve));
    expect(await type('reset\ry')).toContain('[y/N] y\nResetting the lesson...\n');
    await reset;
    expect(rt.session).not.toBe(old);
    expect(rt.progress().done).toEqual(['create-web']);
    expect(await type('cat pod.yaml')).toContain('name: web');
    expect(await type('kubectl get pods')).toContain('No resources found');
    expect(rt.results()[0]).toMatchObject({ passed: false, done: true });
    rt.dispose();
  }, 30_000);

  it('progress and snapshots round-trip through JSON', async () => {
    const { rt, type } = await started();
    await type('hint');
    const solved = rt.runSolution('create-web');
    await drive(rt);
    await solved;
    const snap = JSON.parse(JSON.stringify(rt.snapshot())) as ReturnType<LessonRuntime['snapshot']>;
    const progress = JSON.parse(JSON.stringify(rt.progress())) as ReturnType<LessonRuntime['progress']>;
    expect(progress).toEqual({ format: 'podlab-lesson-progress/v1', lesson: 'fixture-good', done: ['create-web'], hints: { 'create-web': 1 }, historyOffset: 1 });
    rt.dispose();

    const restored = await startLesson(lesson, { snapshot: snap });
    expect(restored.progress()).toEqual(progress);
    expect(restored.results().map((r) => r.passed)).toEqual([true, false]);
    restored.session.input('kubectl logs web\r');
    await settle(restored.session);
    await restored.evaluate();
    restored.session.input('echo nginx > notes.txt\r');
    await settle(restored.session);
    expect((await restored.evaluate()).map((r) => r.passed)).toEqual([true, true]);
    restored.dispose();

    // progress alone on a fresh cluster: done stays done, the cluster starts over
    const fresh = await startLesson(lesson, { progress });
    expect(fresh.results()[0]).toMatchObject({ passed: false, done: true, hintsShown: 1 });
    expect(fresh.currentTask()?.id).toBe('logs');
    fresh.dispose();
  }, 60_000);
});
