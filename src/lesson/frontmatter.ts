// The lesson's frontmatter: the YAML between the `---` lines at the top, checked key by key.
import type { NodeTopology, Taint, Topology } from '../engine';
import { isMap, type Node } from 'yaml';
import type { Lesson, LessonProblem, ReadFile } from './types';
import { FieldMap, YamlSource, kindOf } from './yaml-fields';
import { dirname, joinPath } from './paths';

/** What the frontmatter gives the Lesson (the fields below are described on Lesson). */
export type Frontmatter = Pick<Lesson, 'id' | 'title' | 'summary' | 'order' | 'minutes' | 'sources' | 'topology' | 'files' | 'setup' | 'setupLines' | 'disabledCommands'>;

const KEYS = ['id', 'title', 'summary', 'order', 'minutes', 'sources', 'cluster', 'files', 'setup', 'disabledCommands'];
const NODE_KEYS = ['name', 'cpu', 'memory', 'pods', 'ephemeralStorage', 'labels', 'taints', 'controlPlane', 'unschedulable', 'internalIP', 'podCIDR'];
// k8s.io/api core/v1 types.go TaintEffect
const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
export const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Splits `---\n...\n---\n` off the top: the YAML, and the line where the body starts. */
export function splitFrontmatter(source: string): { yaml?: string; body: string; bodyLine: number } {
  const lines = source.split('\n');
  if (lines[0]?.replace(/\r$/, '') !== '---') return { body: source, bodyLine: 1 };
  const end = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\r?$/.test(l));
  if (end < 0) return { body: source, bodyLine: 1 };
  return { yaml: lines.slice(1, end).join('\n'), body: lines.slice(end + 1).join('\n'), bodyLine: end + 2 };
}

export function parseFrontmatter(yaml: string | undefined, file: string, problems: LessonProblem[], readFile?: ReadFile): Frontmatter | undefined {
  if (yaml === undefined) {
    problems.push({ file, line: 1, message: 'the lesson must start with frontmatter: a line "---", YAML (id, title, summary, order, minutes), and another "---"' });
    return undefined;
  }
  const y = new YamlSource(yaml, file, 2, problems);
  const m = y.root('frontmatter');
  if (!m) return undefined;
  const id = m.string('id', true) ?? '';
  if (id && !ID_PATTERN.test(id)) m.problem('id', `id "${id}" must be lowercase letters, digits and dashes (like first-pod)`);
  const fm: Frontmatter = {
    id,
    title: m.string('title', true) ?? '',
    summary: m.string('summary', true) ?? '',
    order: positive(m, 'order') ?? 0,
    minutes: positive(m, 'minutes') ?? 0,
    sources: (m.strings('sources') ?? []).map((s) => s.value),
    topology: topology(m),
    files: files(m, file, readFile),
    setup: [],
    setupLines: [],
    disabledCommands: (m.strings('disabledCommands') ?? []).map((s) => s.value.trim()).filter(Boolean),
  };
  for (const s of m.strings('setup') ?? []) {
    fm.setup.push(s.value);
    fm.setupLines.push(s.line);
  }
  m.done(KEYS);
  return fm;
}

function positive(m: FieldMap, key: string): number | undefined {
  const n = m.number(key, true);
  if (n !== undefined && (!Number.isInteger(n) || n <= 0)) {
    m.problem(key, `"${key}" must be a whole number above 0`);
    return undefined;
  }
  return n;
}

function topology(m: FieldMap): Topology | undefined {
  const c = m.map('cluster', 'frontmatter cluster');
  if (!c) return undefined;
  const items = c.list('nodes');
  c.done(['nodes']);
  if (!items) {
    c.problem(undefined, 'missing "nodes" (a list of nodes, each with a name)');
    return undefined;
  }
  const nodes: NodeTopology[] = [];
  for (const item of items) {
    if (!isMap(item)) {
      m.y.problems.push({ file: m.y.file, line: m.y.lineOf(item), message: 'frontmatter cluster nodes: each node must be a map like { name: minikube, cpu: "2", memory: 3912Mi }' });
      continue;
    }
    const n = new FieldMap(m.y, item, 'frontmatter cluster node');
    const node: NodeTopology = { name: n.string('name', true) ?? '' };
    for (const k of ['cpu', 'memory', 'ephemeralStorage', 'internalIP', 'podCIDR'] as const) {
      const v = n.string(k);
      if (v !== undefined) node[k] = v;
    }
    const pods = n.number('pods');
    if (pods !== undefined) node.pods = pods;
    for (const k of ['controlPlane', 'unschedulable'] as const) {
      const v = n.bool(k);
      if (v !== undefined) node[k] = v;
    }
    const labels = n.value('labels');
    if (labels !== undefined) {
      if (labels && typeof labels === 'object' && !Array.isArray(labels)) node.labels = Object.fromEntries(Object.entries(labels).map(([k, v]) => [k, String(v)]));
      else n.problem('labels', `"labels" must be a map of texts, not ${kindOf(labels)}`);
    }
    const taints = n.list('taints');
    if (taints) node.taints = taints.map((t) => taint(n, t)).filter((t): t is Taint => !!t);
    n.done(NODE_KEYS);
    if (node.name && nodes.some((o) => o.name === node.name)) n.problem('name', `node "${node.name}" is listed twice`);
    nodes.push(node);
  }
  if (!nodes.length) c.problem('nodes', 'the cluster needs at least one node');
  return { nodes };
}

function taint(n: FieldMap, t: Node): Taint | undefined {
  if (!isMap(t)) {
    n.problem('taints', 'each taint must be a map like { key: gpu, value: "true", effect: NoSchedule }');
    return undefined;
  }
  const f = new FieldMap(n.y, t, 'frontmatter cluster node taint');
  const key = f.string('key', true) ?? '';
  const value = f.string('value');
  const effect = f.string('effect', true);
  if (effect && !EFFECTS.includes(effect)) f.problem('effect', `effect "${effect}" must be one of ${EFFECTS.join(', ')}`);
  f.done(['key', 'value', 'effect']);
  return { key, ...(value !== undefined ? { value } : {}), effect: effect ?? 'NoSchedule' };
}

function files(m: FieldMap, file: string, readFile: ReadFile | undefined): Record<string, string> {
  const f = m.map('files', 'frontmatter files');
  const out: Record<string, string> = {};
  if (!f) return out;
  for (const name of f.keys()) {
    if (!workspacePathOk(name)) f.problem(name, `"${name}" must be a path relative to the workspace (like pod.yaml or app/nginx.conf)`);
    const v = f.value(name);
    if (typeof v === 'string') out[name] = v;
    else if (v && typeof v === 'object' && !Array.isArray(v) && typeof (v as { from?: unknown }).from === 'string') {
      const from = (v as { from: string }).from;
      const inner = f.map(name, `frontmatter files ${name}`)!;
      inner.done(['from']);
      const text = readFile?.(joinPath(dirname(file), from));
      if (text === undefined) f.problem(name, `${name}: from: ${from} does not exist beside the lesson`);
      else out[name] = text;
    } else f.problem(name, `"${name}" must be the file's text (name: |) or { from: path/beside/the/lesson }`);
  }
  return out;
}

/** A relative path inside the workspace: no leading `/`, no `..`. */
export function workspacePathOk(p: string): boolean {
  return !!p && !p.startsWith('/') && !p.split('/').includes('..') && !p.endsWith('/');
}
