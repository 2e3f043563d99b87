// The lesson layer: markdown lessons parsed and linted, run against a cluster and a terminal with
// checks after every command, and verified end to end (lessons:check). See lessons/README.md.
export { parseLesson, shellCommands, type ParseResult } from './parse';
export type { Check, FileCheck, KubectlCheck, Lesson, LessonBlock, LessonProblem, ObjectCheck, RanCheck, ReadFile, Solution, Step, Task } from './types';
export { startLesson, LessonRuntime, type LessonProgress, type LessonSnapshot, type SetupFailure, type StartOptions, type TaskResult } from './runtime';
export { checkLesson, replayLesson, replaySolution, type CheckLessonOptions, type CheckLessonResult } from './verify';
export { evaluateCheck, evaluateTask, type CheckContext, type CheckResult, type TaskEvaluation } from './checks';
