// What `kubectl wait --for=...` waits for (kubectl pkg/cmd/wait/wait.go conditionFuncFor,
// processJSONPathInput, splitJSONPathInput; condition.go ConditionalWait.checkCondition;
// json.go JSONPathWait.checkCondition): each kind of condition as a check on one object.
import type { KubeObject } from '../../engine';
import { CmdError } from '../errors';
import { relaxedJSONPathExpression } from '../printers';
import { JSONPath } from '../printers/jsonpath/eval';
import { JSONPathParseError, parseJSONPath } from '../printers/jsonpath/parser';

export type WaitCondition =
  | { kind: 'delete' }
  | { kind: 'create' }
  /** true when met; throws CmdError when the object cannot meet it (e.g. a jsonpath leading to a list) */
  | { kind: 'check'; met(obj: KubeObject): boolean };

/** wait.go conditionFuncFor. */
export function conditionFor(condition: string): WaitCondition {
  const lower = condition.toLowerCase();
  if (lower === 'delete') return { kind: 'delete' };
  if (lower === 'create') return { kind: 'create' };
  if (condition.startsWith('condition=')) {
    let name = condition.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) {
      value = name.slice(eq + 1);
      name = name.slice(0, eq);
    }
    return { kind: 'check', met: (obj) => conditionMet(obj, name, value) };
  }
  if (condition.startsWith('jsonpath=')) return jsonPathCondition(condition.slice('jsonpath='.length));
  // wait.go conditionFuncFor
  throw new CmdError(`unrecognized condition: ${JSON.stringify(condition)}`);
}

/** condition.go checkCondition: a status.conditions entry of that type (case-folded) with that status. */
function conditionMet(obj: KubeObject, name: string, value: string): boolean {
  const status = (obj as { status?: { conditions?: unknown; observedGeneration?: number } }).status;
  if (!Array.isArray(status?.conditions)) return false;
  for (const c of status.conditions as Record<string, unknown>[]) {
    if (typeof c.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase()) continue;
    if (typeof c.status !== 'string') continue;
    // a condition observed for an older generation does not count yet
    const generation = (obj.metadata as { generation?: number }).generation;
    if (typeof generation === 'number') {
      const observed = typeof c.observedGeneration === 'number' ? c.observedGeneration : status.observedGeneration;
      if (typeof observed === 'number' && observed < generation) return false;
    }
    return c.status.toLowerCase() === value.toLowerCase();
  }
  return false;
}

/** wait.go processJSONPathInput + newJSONPathParser; json.go checkCondition. */
function jsonPathCondition(input: string): WaitCondition {
  const parts = splitJSONPathInput(input);
  if (parts.length > 2) {
    // wait.go processJSONPathInput
    throw new CmdError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
  }
  const expr = relaxedJSONPathExpression(parts[0]!);
  let expected: string | undefined;
  if (parts.length === 2) {
    expected = parts[1]!.replace(/^['"]+|['"]+$/g, '');
    if (expected === '') throw new CmdError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
  }
  // wait.go newJSONPathParser
  if (expr === '') throw new CmdError('jsonpath expression cannot be empty');
  let path: JSONPath;
  try {
    path = new JSONPath(parseJSONPath(expr), { allowMissingKeys: true });
  } catch (e) {
    if (e instanceof JSONPathParseError) throw new CmdError(e.message);
    throw e;
  }
  return {
    kind: 'check',
    met(obj) {
      const results = path.findResults(obj);
      if (!results.length || !results[0]!.length) return false;
      // json.go verifyParsedJSONPath
      if (results.length > 1) throw new CmdError('given jsonpath expression matches more than one list');
      if (results[0]!.length > 1) throw new CmdError('given jsonpath expression matches more than one value');
      if (expected === undefined) return true;
      const v = results[0]![0];
      // json.go compareResults
      if (v !== null && typeof v === 'object') throw new CmdError('jsonpath leads to a nested object or list which is not supported');
      return goValue(v).trim() === expected.trim();
    },
  };
}

/** fmt's %v of a JSON scalar. */
function goValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

/** wait.go splitJSONPathInput: split on "=", keeping "==" inside the expression. */
function splitJSONPathInput(input: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] === '=') {
      if (input[i + 1] === '=') {
        cur += '==';
        i++;
        continue;
      }
      out.push(cur);
      cur = '';
      continue;
    }
    cur += input[i];
  }
  out.push(cur);
  return out;
}
