// Evaluating checks and tasks: a task passes when all its checks pass; the first failing one is
// reported, with the author's `say` (or the task's `notYet`) in place of the generated message.
import type { Check, Task } from '../types';
import type { CheckContext, CheckResult } from './context';
import { checkFile } from './file';
import { checkKubectl } from './kubectl';
import { checkObject } from './object';
import { checkRan } from './ran';

export type { CheckContext, CheckResult } from './context';

/** One check, with the generated message (no `say`). */
export async function evaluateCheck(check: Check, ctx: CheckContext): Promise<CheckResult> {
  switch (check.kind) {
    case 'object':
      return checkObject(check, ctx);
    case 'kubectl':
      return checkKubectl(check, ctx);
    case 'ran':
      return checkRan(check, ctx);
    case 'file':
      return checkFile(check, ctx);
  }
}

export interface TaskEvaluation {
  passed: boolean;
  /** what the learner reads: `notYet`, the check's `say`, or the generated message */
  message: string;
  /** the first failing check (index into task.checks) */
  failing?: number;
  /** that check's generated message, before `say`/`notYet` replaced it */
  generated?: string;
}

export async function evaluateTask(task: Task, ctx: CheckContext): Promise<TaskEvaluation> {
  for (let i = 0; i < task.checks.length; i++) {
    const check = task.checks[i]!;
    const r = await evaluateCheck(check, ctx);
    if (!r.passed) return { passed: false, message: task.notYet ?? check.say ?? r.message, failing: i, generated: r.message };
  }
  return { passed: true, message: 'done' };
}
