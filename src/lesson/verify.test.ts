import { existsSync, readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkLesson } from './verify';

/** Files as lessons see them: paths relative to the repository root (vitest's cwd). */
function readRepoFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return statSync(path).isDirectory() ? '' : readFileSync(path, 'utf8');
}

function fixture(name: string): { path: string; text: string } {
  const path = `src/lesson/__fixtures__/${name}`;
  return { path, text: readFileSync(path, 'utf8') };
}

describe('checkLesson', () => {
  it('passes a lesson whose tasks fail at the start and pass after their solutions', async () => {
    const { path, text } = fixture('good.md');
    const r = await checkLesson(text, path, readRepoFile);
    expect(r.problems).toEqual([]);
    // the solutions really ran in the learner's terminal
    expect(r.transcript).toContain('$ kubectl apply -f pod.yaml\npod/web created');
    expect(r.transcript).toContain('$ kubectl logs web');
  }, 30_000);

  it('reports a solution that does not make its checks pass, at the check line, with the transcript', async () => {
    const { path, text } = fixture('wrong-solution.md');
    const r = await checkLesson(text, path, readRepoFile);
    const lines = text.split('\n');
    const checkLine = lines.findIndex((l) => l.includes('object: { kind: Pod, name: pair }')) + 1;
    expect(r.problems.map((p) => [p.line, p.message.split('\n')[0]])).toContainEqual([
      checkLine,
      'task two-containers: after its solution this check still fails: pod pair exists but has 1 container; the task wants 2',
    ]);
    expect(r.problems[0]!.message).toContain('| kubectl apply -f pair.yaml');
  }, 30_000);

  it('reports a task that already passes in the start state (after setup)', async () => {
    const { path, text } = fixture('passes-at-start.md');
    const r = await checkLesson(text, path, readRepoFile);
    const taskLine = text.split('\n').indexOf('```task') + 1;
    expect(r.problems).toEqual([
      { file: path, line: taskLine, message: 'task namespace already passes before the learner has done anything; at least one check must fail at the start' },
    ]);
  }, 30_000);

  it('reports a setup line that fails, at its frontmatter line', async () => {
    const { path, text } = fixture('good.md');
    const broken = text.replace('kubectl create namespace extra', 'kubectl apply -f missing.yaml');
    const r = await checkLesson(broken, path, readRepoFile);
    const setupLine = broken.split('\n').findIndex((l) => l.includes('missing.yaml')) + 1;
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.line).toBe(setupLine);
    expect(r.problems[0]!.message).toContain('error: the path "missing.yaml" does not exist');
  }, 30_000);

  it('stops at lint problems without running anything', async () => {
    const r = await checkLesson('# no frontmatter\n', 'x.md', readRepoFile);
    expect(r.transcript).toBe('');
    expect(r.problems[0]).toMatchObject({ file: 'x.md', line: 1 });
  });
});
