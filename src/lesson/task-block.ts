// A ```task block: YAML with the task's id, title, checks, hints and solution, each key checked
// against the format so a typo is reported at its line rather than silently ignored.
import { isMap, type Node } from 'yaml';
import { lookupResource } from '../engine';
import { ID_PATTERN, workspacePathOk } from './frontmatter';
import { regexOf } from './checks/partial';
import type { Check, LessonProblem, Solution, Task } from './types';
import { FieldMap, YamlSource, kindOf } from './yaml-fields';
import { splitWords } from './words';

const TASK_KEYS = ['id', 'title', 'checks', 'notYet', 'hints', 'solution'];
export const CHECK_KINDS = ['object', 'kubectl', 'ran', 'file'] as const;
const CHECK_KEYS: Record<(typeof CHECK_KINDS)[number], string[]> = {
  object: ['object', 'namespace', 'matches', 'count', 'absent', 'say'],
  kubectl: ['kubectl', 'equals', 'contains', 'matches', 'stream', 'say'],
  ran: ['ran', 'flags', 'args', 'say'],
  file: ['file', 'parses', 'matches', 'contains', 'say'],
};

/** The task in a block whose YAML starts at `firstLine`; undefined when it cannot be read at all. */
export function parseTaskBlock(text: string, file: string, firstLine: number, fenceLine: number, step: number, problems: LessonProblem[]): Task | undefined {
  const y = new YamlSource(text, file, firstLine, problems);
  const m = y.root('task');
  if (!m) return undefined;
  const id = m.string('id', true) ?? '';
  if (id && !ID_PATTERN.test(id)) m.problem('id', `task id "${id}" must be lowercase letters, digits and dashes (like create-pod)`);
  const where = `task ${id || '(no id)'}`;
  const t = new FieldMap(y, m.node, where);
  const task: Task = {
    id,
    title: t.string('title', true) ?? '',
    line: fenceLine,
    step,
    checks: [],
    notYet: t.string('notYet'),
    hints: (t.strings('hints') ?? []).map((h) => h.value),
    solution: { files: {}, commands: [] },
  };
  const checks = t.list('checks');
  if (!checks?.length) t.problem(checks ? 'checks' : undefined, 'needs "checks": a list of at least one check (object, kubectl, ran or file)');
  for (const c of checks ?? []) {
    const check = parseCheck(y, c, where);
    if (check) task.checks.push(check);
  }
  const sol = t.map('solution', `${where} solution`);
  if (!sol) t.problem(t.has('solution') ? 'solution' : undefined, 'needs a "solution" with files and/or commands (lessons:check replays it)');
  else task.solution = solution(sol);
  t.done(TASK_KEYS);
  return task;
}

function solution(s: FieldMap): Solution {
  const out: Solution = { files: {}, commands: (s.strings('commands') ?? []).map((c) => c.value) };
  const files = s.map('files', `${s.where} files`);
  for (const name of files?.keys() ?? []) {
    if (!workspacePathOk(name)) files!.problem(name, `"${name}" must be a path relative to the workspace (like pod.yaml)`);
    const text = files!.string(name);
    if (text !== undefined) out.files[name] = text;
  }
  if (!out.commands.length && !Object.keys(out.files).length) s.problem(undefined, 'the solution has no files and no commands');
  s.done(['files', 'commands']);
  return out;
}

function parseCheck(y: YamlSource, node: Node, where: string): Check | undefined {
  const line = y.lineOf(node);
  if (!isMap(node)) {
    y.problems.push({ file: y.file, line, message: `${where}: each check must be a map with one of ${CHECK_KINDS.join(', ')}, not ${kindOf(node?.toJSON())}` });
    return undefined;
  }
  const c = new FieldMap(y, node, `${where} check`);
  const kinds = CHECK_KINDS.filter((k) => c.has(k));
  if (kinds.length !== 1) {
    const keys = c.keys().join(', ');
    c.problem(undefined, kinds.length ? `a check has exactly one kind, this one has ${kinds.join(' and ')}` : `unknown check kind (keys: ${keys}); a check is one of ${CHECK_KINDS.join(', ')}`);
    return undefined;
  }
  const kind = kinds[0]!;
  const say = c.string('say');
  let check: Check | undefined;
  if (kind === 'object') check = objectCheck(c, line, say);
  else if (kind === 'kubectl') check = kubectlCheck(c, line, say);
  else if (kind === 'ran') check = ranCheck(c, line, say);
  else check = fileCheck(c, line, say);
  c.done(CHECK_KEYS[kind]);
  if (check && 'matches' in check && check.kind !== 'kubectl' && check.matches !== undefined) lintRegexes(c, check.matches);
  return check;
}

function objectCheck(c: FieldMap, line: number, say: string | undefined): Check | undefined {
  const o = c.map('object', `${c.where} object`);
  if (!o) {
    c.problem('object', '"object" must be a map like { kind: Pod, name: web } or { kind: Pod, namePattern: "web-*" }');
    return undefined;
  }
  const kind = o.string('kind', true);
  const name = o.string('name');
  const namePattern = o.string('namePattern');
  const namespace = o.string('namespace') ?? c.string('namespace') ?? 'default';
  o.done(['kind', 'name', 'namePattern', 'namespace']);
  const info = kind ? lookupResource(kind) : undefined;
  if (kind && !info) o.problem('kind', `unknown kind "${kind}" (Podlab knows Pod, Deployment, ReplicaSet, Service, Node, PersistentVolumeClaim, ConfigMap, ...)`);
  if (name !== undefined && namePattern !== undefined) o.problem('namePattern', 'give "name" or "namePattern", not both');
  const count = countOf(c);
  const absent = c.bool('absent');
  if (!info) return undefined;
  return {
    kind: 'object', line, say,
    object: { kind: info.kind, ...(name !== undefined ? { name } : {}), ...(namePattern !== undefined ? { namePattern } : {}), namespace },
    matches: c.value('matches'),
    ...(count ? { count } : {}),
    ...(absent ? { absent } : {}),
  };
}

function countOf(c: FieldMap): { min?: number; max?: number } | undefined {
  const v = c.value('count');
  if (v === undefined) return undefined;
  if (typeof v === 'number' && Number.isInteger(v) && v >= 0) return { min: v, max: v };
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const m = c.map('count')!;
    const min = m.number('min');
    const max = m.number('max');
    m.done(['min', 'max']);
    if (min !== undefined || max !== undefined) return { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) };
  }
  c.problem('count', '"count" must be a number or { min: N, max: N }');
  return undefined;
}

function kubectlCheck(c: FieldMap, line: number, say: string | undefined): Check | undefined {
  const command = c.string('kubectl', true)?.trim().replace(/^(kubectl|k)\s+/, '') ?? '';
  const argv = splitWords(command);
  if (!argv.length) return undefined;
  const equals = c.string('equals');
  const contains = c.string('contains');
  const matches = c.string('matches');
  const given = [equals, contains, matches].filter((v) => v !== undefined).length;
  if (given !== 1) c.problem('kubectl', 'a kubectl check needs exactly one of "equals", "contains" or "matches"');
  if (matches !== undefined && !regexOf(`/${matches}/`)) c.problem('matches', `"${matches}" is not a valid regular expression`);
  const stream = c.string('stream') ?? 'stdout';
  if (stream !== 'stdout' && stream !== 'stderr') c.problem('stream', '"stream" must be stdout or stderr');
  return { kind: 'kubectl', line, say, command, argv, equals, contains, matches, stream: stream === 'stderr' ? 'stderr' : 'stdout' };
}

function ranCheck(c: FieldMap, line: number, say: string | undefined): Check | undefined {
  const ran = c.string('ran', true)?.trim() ?? '';
  if (!ran) return undefined;
  const flags = (c.strings('flags') ?? []).map((f) => f.value.split('|').map((a) => a.trim()).filter(Boolean));
  const args = (c.strings('args') ?? []).map((a) => a.value);
  return { kind: 'ran', line, say, ran, flags, args };
}

function fileCheck(c: FieldMap, line: number, say: string | undefined): Check | undefined {
  const file = c.string('file', true) ?? '';
  if (file && !workspacePathOk(file)) c.problem('file', `"${file}" must be a path relative to the workspace (like pod.yaml)`);
  const parses = c.string('parses');
  if (parses !== undefined && parses !== 'yaml' && parses !== 'json') c.problem('parses', '"parses" must be yaml or json');
  if (!file) return undefined;
  return {
    kind: 'file', line, say, file,
    ...(parses === 'yaml' || parses === 'json' ? { parses } : {}),
    matches: c.value('matches'),
    contains: c.string('contains'),
  };
}

/** `/regex/` strings inside a partial object must compile. */
function lintRegexes(c: FieldMap, partial: unknown): void {
  if (typeof partial === 'string') {
    if (partial.length >= 2 && partial.startsWith('/') && partial.endsWith('/') && !regexOf(partial)) c.problem('matches', `${partial} is not a valid regular expression`);
  } else if (Array.isArray(partial)) for (const p of partial) lintRegexes(c, p);
  else if (partial && typeof partial === 'object') for (const p of Object.values(partial)) lintRegexes(c, p);
}
