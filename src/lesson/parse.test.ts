import { existsSync, readFileSync, statSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseLesson, shellCommands } from './parse';

/** Files as lessons see them: paths relative to the repository root (vitest's cwd). */
function readRepoFile(path: string): string | undefined {
  if (!existsSync(path)) return undefined;
  return statSync(path).isDirectory() ? '' : readFileSync(path, 'utf8');
}

function fixture(name: string): { path: string; text: string } {
  const path = `src/lesson/__fixtures__/${name}`;
  return { path, text: readFileSync(path, 'utf8') };
}

/** A lesson from lines; `problems` as "line: message" for compact assertions. */
function lint(lines: string[], readFile = readRepoFile) {
  const r = parseLesson(lines.join('\n'), 'lessons/99-test.md', readFile);
  return { ...r, at: r.problems.map((p) => `${p.line}: ${p.message}`) };
}

const FRONT = ['---', 'id: test-lesson', 'title: A test', 'summary: Testing.', 'order: 1', 'minutes: 5', '---', '', '# A test', ''];
const TASK = ['```task', 'id: t1', 'title: Do it', 'checks:', '  - file: a.txt', 'solution:', '  commands: [touch a.txt]', '```'];

describe('parseLesson', () => {
  it('reads the fixture lesson: frontmatter, steps, tasks and the blocks the UI shows buttons for', () => {
    const { path, text } = fixture('good.md');
    const { lesson, problems } = parseLesson(text, path, readRepoFile);
    expect(problems).toEqual([]);
    expect(lesson).toMatchObject({ id: 'fixture-good', order: 1, minutes: 5, setup: ['kubectl create namespace extra'], disabledCommands: ['kubectl delete'] });
    expect(lesson!.files['pod.yaml']).toContain('name: web\n');
    expect(lesson!.steps.map((s) => [s.title, s.anchor, s.tasks])).toEqual([
      ['Create the pod', 'create-the-pod', ['create-web']],
      ['Read its logs', 'read-its-logs', ['logs']],
    ]);
    const lines = text.split('\n');
    const lineOf = (s: string, from = 0) => lines.findIndex((l, i) => i >= from && l === s) + 1;
    expect(lesson!.blocks).toEqual([
      { kind: 'file', line: lineOf('```yaml file=pod.yaml'), step: 0, lang: 'yaml', path: 'pod.yaml', content: expect.stringMatching(/^apiVersion: v1\n[^]*image: nginx\n$/) },
      { kind: 'shell', line: lineOf('```shell'), step: 0, lang: 'shell', text: 'kubectl apply -f pod.yaml', commands: ['kubectl apply -f pod.yaml'] },
      { kind: 'task', line: lineOf('```task'), step: 0, taskId: 'create-web' },
      { kind: 'shell', line: lineOf('```console'), step: 1, lang: 'console', text: expect.any(String), commands: ['kubectl logs web'] },
      { kind: 'task', line: lineOf('```task', lineOf('```task')), step: 1, taskId: 'logs' },
    ]);
    const t = lesson!.tasks[0]!;
    expect(t.checks.map((c) => [c.kind, c.line])).toEqual([['object', lineOf('  - object: { kind: Pod, name: web }')], ['ran', lineOf('  - ran: kubectl get pods')]]);
    expect(t.hints).toHaveLength(2);
    expect(t.solution.commands[1]).toBe('kubectl wait --for=condition=Ready pod/web --timeout=60s');
  });

  it('reports frontmatter problems at their lines', () => {
    const { at } = lint([
      '---', 'id: Bad_Id', 'titel: Typo', 'summary: [a, b]', 'order: first', 'minutes: 0', 'cluster:', '  nodes:', '    - { name: n1, cpu: 2, taints: [{ key: a, effect: Sometimes }] }', '    - { nme: n2 }', 'files:', '  /etc/x: hi', '  a.txt: { from: nowhere.txt }', 'setup: kubectl get pods', 'extra: 1', '---', '', '# A test', '', '## Step', '', ...TASK,
    ]);
    expect(at).toEqual([
      '2: frontmatter: id "Bad_Id" must be lowercase letters, digits and dashes (like first-pod)',
      '2: frontmatter: missing "title"',
      '4: frontmatter: "summary" must be text, not a list',
      '5: frontmatter: "order" must be a number, not text',
      '6: frontmatter: "minutes" must be a whole number above 0',
      '9: frontmatter cluster node taint: effect "Sometimes" must be one of NoSchedule, PreferNoSchedule, NoExecute',
      '10: frontmatter cluster node: missing "name"',
      '10: frontmatter cluster node: unknown key "nme" (did you mean "name"?); known keys: name, cpu, memory, pods, ephemeralStorage, labels, taints, controlPlane, unschedulable, internalIP, podCIDR',
      '12: frontmatter files: "/etc/x" must be a path relative to the workspace (like pod.yaml or app/nginx.conf)',
      '13: frontmatter files: a.txt: from: nowhere.txt does not exist beside the lesson',
      '3: frontmatter: unknown key "titel" (did you mean "title"?); known keys: id, title, summary, order, minutes, sources, cluster, files, setup, disabledCommands',
      '15: frontmatter: unknown key "extra"; known keys: id, title, summary, order, minutes, sources, cluster, files, setup, disabledCommands',
    ]);
  });

  it('reports YAML that does not parse in the frontmatter, with the file line', () => {
    const { at, lesson } = lint(['---', 'id: x', 'title: [unclosed', '---', '# x']);
    expect(lesson).toBeUndefined();
    expect(at).toHaveLength(1);
    expect(at[0]).toMatch(/^3: invalid YAML/);
  });

  it('reports task problems: unknown check kinds, unknown fields, missing checks and solution, duplicate ids', () => {
    const { at } = lint([
      ...FRONT,
      '```task',
      'id: early',
      'title: Before any step',
      'checks: [{ file: a.txt }]',
      'solution: { commands: [touch a.txt] }',
      '```',
      '## Step',
      '```task',
      'id: t1',
      'title: Checks',
      'checks:',
      '  - pod: web',
      '  - object: { kind: Pod, name: web }',
      '    mathces: { a: 1 }',
      '  - object: { kind: Gizmo, name: x }',
      '  - kubectl: get pods',
      '  - ran: kubectl logs',
      '    file: x',
      '  - file: a.txt',
      '    matches: { a: "/[/" }',
      'hint: singular',
      '```',
      '```task',
      'id: t1',
      'title: Twice',
      '```',
    ]);
    expect(at).toEqual([
      '11: task early comes before the first "## " step; put it inside the step it belongs to',
      '22: task t1 check: unknown check kind (keys: pod); a check is one of object, kubectl, ran, file',
      '24: task t1 check: unknown key "mathces" (did you mean "matches"?); known keys: object, namespace, matches, count, absent, say',
      '25: task t1 check object: unknown kind "Gizmo" (Podlab knows Pod, Deployment, ReplicaSet, Service, Node, PersistentVolumeClaim, ConfigMap, ...)',
      '26: task t1 check: a kubectl check needs exactly one of "equals", "contains" or "matches"',
      '27: task t1 check: a check has exactly one kind, this one has ran and file',
      '30: task t1 check: /[/ is not a valid regular expression',
      '19: task t1: needs a "solution" with files and/or commands (lessons:check replays it)',
      '31: task t1: unknown key "hint" (did you mean "hints"?); known keys: id, title, checks, notYet, hints, solution',
      '34: task t1: needs "checks": a list of at least one check (object, kubectl, ran or file)',
      '34: task t1: needs a "solution" with files and/or commands (lessons:check replays it)',
      '33: task id "t1" is used twice in this lesson',
    ]);
  });

  it('reports links to missing files and to anchors no heading has', () => {
    const { at } = lint([...FRONT, 'See [step](#the-step), [nothing](#nowhere), [readme](README.md), [gone](gone.md), [anchor](README.md#no-such-heading) and [web](https://kubernetes.io).', '', '## The step', '', ...TASK]);
    expect(at).toEqual([
      '11: link #nowhere: no heading in this lesson has that anchor',
      '11: link gone.md: lessons/gone.md does not exist',
      '11: link README.md#no-such-heading: lessons/README.md has no heading with the anchor #no-such-heading',
    ]);
  });

  it('reports code blocks that do not parse and manifests kubectl would reject, unless marked nolint', () => {
    const { at } = lint([
      ...FRONT, '## Step', '',
      '```yaml', 'a: [1', '```',
      '```json', '{"a":', '```',
      '```yaml file=pod.yaml', 'kind: Pod', 'metadata: { name: x }', '```',
      '```yaml file=other.yaml nolint', 'kind: Pod', '```',
      '```yaml', 'spec:', '  containers: []', '```',
      ...TASK,
    ]);
    expect(at).toHaveLength(3);
    expect(at[0]).toMatch(/^14: yaml block: not valid YAML/);
    expect(at[1]).toMatch(/^16: json block: not valid JSON/);
    expect(at[2]).toBe('19: pod.yaml: kubectl would reject this manifest: error validating "pod.yaml": error validating data: apiVersion not set; if you choose to ignore these errors, turn validation off with --validate=false (add "nolint" after the language if that is the point)');
  });

  it('wants a title that matches, at least one step and one task', () => {
    expect(lint(['---', 'id: x', 'title: X', 'summary: s', 'order: 1', 'minutes: 1', '---', '', '# Y', 'text']).at).toEqual([
      '9: the "# " title "Y" differs from the frontmatter title "X"',
      '8: the lesson has no steps ("## " headings)',
      '8: the lesson has no tasks (```task blocks)',
    ]);
  });

  it('finds blocks inside list items at their lines', () => {
    const { lesson } = lint([...FRONT, '## Step', '', '1. First:', '', '   ```shell', '   kubectl get pods', '   ```', '', ...TASK]);
    expect(lesson!.blocks[0]).toMatchObject({ kind: 'shell', line: 15, commands: ['kubectl get pods'] });
  });
});

describe('shellCommands', () => {
  it('strips prompts; console blocks paste only prompted lines', () => {
    expect(shellCommands('shell', '$ kubectl get pods\nkubectl logs web\n\n')).toEqual(['kubectl get pods', 'kubectl logs web']);
    expect(shellCommands('console', '$ kubectl get pods\nNAME  READY\nweb   1/1\n$ kubectl logs web')).toEqual(['kubectl get pods', 'kubectl logs web']);
  });
});

describe('parseLesson on anything', () => {
  it('never throws: damaged lessons give problems, not crashes', () => {
    const lines = fixture('good.md').text.split('\n');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(lines.length - 1), fc.oneof(fc.string(), fc.constantFrom('---', '```', '```task', '  - ', ': [', '## ', '# x', '[a](#b)', 'checks:', '  - object: {}'))), { maxLength: 8 }), (edits) => {
        const damaged = [...lines];
        for (const [at, text] of edits) damaged[at] = text;
        const r = parseLesson(damaged.join('\n'), 'lessons/x.md', readRepoFile);
        for (const p of r.problems) expect(p.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 100 },
    );
  }, 60_000);
});
