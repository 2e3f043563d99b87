// What a check reads: the cluster through its KubeApi, the learner's workspace and what the
// learner has typed. Checks only read; evaluating them never changes the simulation.
import type { KubeApi, Vfs } from '../../engine';

export interface CheckContext {
  api: KubeApi;
  /** virtual time (kubectl's ages) */
  now(): number;
  /** the learner's machine; workspace paths are relative to `workspace` */
  fs: Vfs;
  workspace: string;
  /** command lines the learner typed since the lesson started, oldest first */
  history(): readonly string[];
}

export interface CheckResult {
  passed: boolean;
  /** on failure: what is missing, in plain words */
  message: string;
}

export const PASSED: CheckResult = { passed: true, message: 'done' };

export function failed(message: string): CheckResult {
  return { passed: false, message };
}
