// What the lesson's terminal commands print: short, friendly, plain text (no colour), in the
// style of a CLI that talks to a learner.
import type { LessonRuntime, TaskResult } from './runtime';
import type { Task } from './types';

const PASS = '✓';
const FAIL = '✗';

/** `hint [TASK]`: the next hint of the current (or named) task. */
export function hintText(rt: LessonRuntime, args: readonly string[]): { text: string; code: number } {
  const named = args[0];
  const task = named === undefined ? rt.currentTask() : rt.task(named);
  if (named !== undefined && !task) return { text: `hint: no task "${named}" in this lesson (tasks: ${rt.lesson.tasks.map((t) => t.id).join(', ')})\n`, code: 1 };
  if (!task) return { text: 'Every task in this lesson is done: there is nothing left to hint at.\n', code: 0 };
  const h = rt.hint(task.id);
  if (!h) {
    const none = task.hints.length ? `No more hints for "${task.title}".` : `"${task.title}" has no hints.`;
    return { text: `${none} Type "check" to see what is missing, or "solution" to run the solution.\n`, code: 0 };
  }
  return { text: `Hint ${h.index + 1} of ${task.hints.length} for "${task.title}":\n${indent(h.text)}\n`, code: 0 };
}

/** `check`: every task, ticked or not, and what the first unfinished one still needs. */
export function checkText(rt: LessonRuntime, results: readonly TaskResult[]): string {
  const passed = results.filter((r) => r.passed).length;
  let out = `${rt.lesson.title}: ${passed} of ${results.length} task${results.length === 1 ? '' : 's'} pass\n`;
  let explained = false;
  for (const r of results) {
    out += `  ${r.passed ? PASS : FAIL} ${r.title}\n`;
    if (!r.passed && !explained) {
      out += `${indent(r.message, 6)}\n`;
      explained = true;
    }
  }
  if (!explained) out += 'All done. Well done!\n';
  return out;
}

/** `lesson`: where the learner is. */
export function whereText(rt: LessonRuntime): string {
  const l = rt.lesson;
  const task = rt.currentTask();
  const done = rt.progress().done.length;
  let out = `${l.title} (lesson ${l.order}, about ${l.minutes} minutes)\n`;
  if (task) {
    const step = l.steps[task.step];
    if (step) out += `Step ${task.step + 1} of ${l.steps.length}: ${step.title}\n`;
    out += `Task: ${task.title}\n`;
  } else out += 'Every task is done.\n';
  out += `Progress: ${done} of ${l.tasks.length} tasks done\n`;
  out += 'Commands: hint, check, solution, reset, lesson\n';
  return out;
}

/** `solution [TASK]`: what it will do, as a y/N question. */
export function solutionQuestion(rt: LessonRuntime, args: readonly string[]): { taskId: string; question: string } | { error: string } {
  const named = args[0];
  const task: Task | undefined = named === undefined ? rt.currentTask() : rt.task(named);
  if (named !== undefined && !task) return { error: `solution: no task "${named}" in this lesson (tasks: ${rt.lesson.tasks.map((t) => t.id).join(', ')})\n` };
  if (!task) return { error: 'solution: every task in this lesson is done already\n' };
  const files = Object.keys(task.solution.files);
  const n = task.solution.commands.length;
  const parts = [files.length ? `writes ${files.join(', ')}` : '', n ? `types ${n} command${n === 1 ? '' : 's'} for you` : ''].filter(Boolean);
  return { taskId: task.id, question: `Run the solution of "${task.title}"? It ${parts.join(' and ')}. [y/N] ` };
}

function indent(text: string, by = 2): string {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => `${' '.repeat(by)}${l}`)
    .join('\n');
}
