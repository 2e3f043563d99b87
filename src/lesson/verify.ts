// checkLesson: what `npm run lessons:check` proves for one lesson. Lint it; start it headlessly
// (same engine, same shell as the browser); every task must fail at the start with a message that
// names what is missing; then each task's solution, replayed in order (files, then commands with
// the clock settled after each), must make all of that task's checks pass; at the end every task
// passes together.
import { settle } from '../terminal/driver';
import { plainText } from '../terminal/replay';
import { evaluateCheck, evaluateTask } from './checks';
import { parseLesson } from './parse';
import { startLesson, type LessonRuntime } from './runtime';
import type { Check, Lesson, LessonProblem, ReadFile } from './types';

export interface CheckLessonResult {
  problems: LessonProblem[];
  /** the terminal while the solutions ran (empty when the lesson did not start) */
  transcript: string;
}

export interface CheckLessonOptions {
  seed?: number | string;
}

export async function checkLesson(source: string, path: string, readFile: ReadFile, opts: CheckLessonOptions = {}): Promise<CheckLessonResult> {
  const { lesson, problems } = parseLesson(source, path, readFile);
  if (!lesson || problems.length) return { problems, transcript: '' };
  const problem = (line: number, message: string) => problems.push({ file: path, line, message });
  let raw = '';
  const rt = await startLesson(lesson, { seed: opts.seed ?? 1, auto: false, onEvent: (e) => void (e.type === 'output' && (raw += e.data)) });
  try {
    for (const f of rt.setupFailures) problem(lesson.setupLines[f.index] ?? 1, `setup "${lesson.setup[f.index]}" failed:\n${tail(plainText(f.output))}`);
    const ctx = rt.checkContext();
    for (const task of lesson.tasks) {
      const r = await evaluateTask(task, ctx);
      if (r.passed) problem(task.line, `task ${task.id} already passes before the learner has done anything; at least one check must fail at the start`);
      else {
        const check = task.checks[r.failing!]!;
        if (!specific(check, r.generated!)) problem(check.line, `task ${task.id}: the start-state message "${r.generated}" does not name what is missing`);
      }
    }
    for (const task of lesson.tasks) {
      const mark = raw.length;
      await replaySolution(rt, task.id);
      // evaluating through the runtime records the task as done, as it would for the learner
      const passed = (await rt.evaluate()).find((r) => r.id === task.id)!.passed;
      if (passed) continue;
      for (const check of task.checks) {
        const r = await evaluateCheck(check, rt.checkContext());
        if (!r.passed) problem(check.line, `task ${task.id}: after its solution this check still fails: ${r.message}\n${tail(plainText(raw.slice(mark)))}`);
      }
    }
    // tasks build on each other (a later one may delete what an earlier one made): the lesson is
    // complete when every task has passed at its turn
    const done = new Set(rt.progress().done);
    for (const task of lesson.tasks) if (!done.has(task.id) && !problems.some((p) => p.message.startsWith(`task ${task.id}`))) problem(task.line, `task ${task.id} never passed while the solutions ran`);
  } finally {
    rt.dispose();
  }
  return { problems, transcript: plainText(raw) };
}

/** The lesson's setup and then every solution in order, as the terminal shows them (`replay --lesson`). */
export async function replayLesson(lesson: Lesson, opts: CheckLessonOptions = {}): Promise<string> {
  let raw = '';
  const rt = await startLesson(lesson, { seed: opts.seed ?? 1, auto: false, onEvent: (e) => void (e.type === 'output' && (raw += e.data)) });
  try {
    for (const task of lesson.tasks) await replaySolution(rt, task.id);
  } finally {
    rt.dispose();
  }
  // the setup's terminal ends at its prompt; the learner's terminal starts with its own
  return plainText(rt.setupTranscript.replace(/\$ $/, '') + raw);
}

/** Type a task's solution into the session as lessons:check does: each line, then settle. */
export async function replaySolution(rt: LessonRuntime, taskId: string): Promise<void> {
  void rt.runSolution(taskId);
  const session = rt.session;
  let state = await settle(session);
  while (rt.queued && !session.closed) {
    rt.typeNext();
    state = await settle(session);
  }
  // a job still reading the terminal gets end-of-file, as `replay` does
  if (state === 'input' && !session.atPrompt()) {
    session.input('\x04');
    await settle(session);
  }
}

/** A generated start-state message names the check's object, file or command. */
function specific(check: Check, message: string): boolean {
  const m = message.toLowerCase();
  switch (check.kind) {
    case 'object':
      // the kind and the name (or pattern) are in every generated object message
      return m.includes((check.object.name ?? check.object.namePattern ?? '').toLowerCase()) || m.includes(check.object.kind.toLowerCase());
    case 'kubectl':
      return m.includes(`kubectl ${check.command}`.toLowerCase());
    case 'ran':
      return m.includes(check.ran.toLowerCase());
    case 'file':
      return m.includes(check.file.toLowerCase());
  }
}

/** The last lines of a transcript, indented, for a problem message. */
function tail(text: string, lines = 12): string {
  const all = text.trimEnd().split('\n');
  return all
    .slice(-lines)
    .map((l) => `    | ${l}`)
    .join('\n');
}
