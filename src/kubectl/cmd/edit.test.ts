import { describe, expect, it } from 'vitest';
import type { EditorHook } from '../env';
import { testKubectl } from '../testing-env';

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
spec:
  containers:
  - name: web
    image: nginx
`;

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

async function withPod() {
  const k = testKubectl();
  k.files.set('/work/pod.yaml', POD);
  await k.run('apply -f pod.yaml');
  return k;
}

/** An editor that applies the given edits in turn and records what it was shown. */
function scriptedEditor(...edits: ((text: string) => string | undefined)[]) {
  const opened: { path: string; content: string }[] = [];
  const hook: EditorHook = async (path, content) => {
    opened.push({ path, content });
    const next = edits.shift();
    return next ? next(content) : undefined;
  };
  return { hook, opened };
}

describe('kubectl edit', () => {
  it('opens the live object under the header and patches what changed', async () => {
    const k = await withPod();
    const ed = scriptedEditor((t) => t.replace('    app: web\n', '    app: web\n    tier: front\n'));
    const r = await k.run('edit pod/web', { editor: ed.hook });
    expect(r).toEqual({ stdout: 'pod/web edited\n', stderr: '', code: 0 });
    const [first] = ed.opened;
    expect(first!.path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(first!.content.startsWith(`${HEADER}apiVersion: v1\nkind: Pod\nmetadata:\n`)).toBe(true);
    expect(first!.content).toContain('  uid: ');
    expect(first!.content).not.toContain('managedFields');
    expect((await k.cluster.api.get('pods', 'default', 'web')).metadata.labels).toEqual({ app: 'web', tier: 'front' });
  });

  it('cancels when nothing changed, or when the file was emptied', async () => {
    const k = await withPod();
    expect(await k.run('edit pod web', { editor: scriptedEditor().hook })).toEqual({ stdout: '', stderr: 'Edit cancelled, no changes made.\n', code: 0 });
    // comments and layout are not changes
    const comment = scriptedEditor((t) => `# mine\n${t}`);
    expect((await k.run('edit pod web', { editor: comment.hook })).stderr).toBe('Edit cancelled, no changes made.\n');
    const empty = scriptedEditor(() => '# nothing\n\n');
    expect((await k.run('edit pod web', { editor: empty.hook })).stderr).toBe('Edit cancelled, saved file was empty.\n');
  });

  it('reopens an invalid change with the reasons, then keeps a copy when the learner gives up', async () => {
    const k = await withPod();
    const ed = scriptedEditor((t) => t.replace('  - image: nginx\n', '  - image: nginx\n    ports:\n    - containerPort: 80\n'));
    const r = await k.run('edit pod web', { editor: ed.hook });
    expect(ed.opened).toHaveLength(2);
    const reopened = ed.opened[1]!;
    expect(reopened.path).not.toBe(ed.opened[0]!.path);
    expect(reopened.content.startsWith(`${HEADER}# pods "web" was not valid:\n# * spec: Forbidden: pod updates may not change fields other than`)).toBe(true);
    // the learner's version follows the header, without the old comments
    expect(reopened.content).toContain('    - containerPort: 80\n');
    expect(reopened.content.split('\n').filter((l) => l.startsWith('# Please edit'))).toHaveLength(1);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`error: pods "web" is invalid\nA copy of your changes has been stored to "${reopened.path}"\nerror: Edit cancelled, no valid changes were saved.\n`);
    expect(k.files.get(reopened.path)).toBe(reopened.content);
    const live = await k.cluster.api.get('pods', 'default', 'web');
    expect((live.spec as { containers: { ports?: unknown }[] }).containers[0]!.ports).toBeUndefined();
  });

  it('accepts a valid change made in the reopened file', async () => {
    const k = await withPod();
    const ed = scriptedEditor(
      (t) => t.replace('  - image: nginx\n', '  - image: nginx\n    ports:\n    - containerPort: 80\n'),
      (t) => t.replace('    ports:\n    - containerPort: 80\n', '').replace('  - image: nginx\n', '  - image: nginx:alpine\n'),
    );
    const r = await k.run('edit pod web --output-patch', { editor: ed.hook });
    expect(r.stderr).toBe('error: pods "web" is invalid\n');
    expect(r.stdout).toBe(
      // strategicpatch CreateTwoWayMergePatch keeps the list order with $setElementOrder
      'Patch: {"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"name":"web","ports":[{"containerPort":80}]}]}}\n' +
      'Patch: {"spec":{"$setElementOrder/containers":[{"name":"web"}],"containers":[{"image":"nginx:alpine","name":"web"}]}}\npod/web edited\n',
    );
    expect(r.code).toBe(0);
    const live = await k.cluster.api.get('pods', 'default', 'web');
    expect((live.spec as { containers: { image: string }[] }).containers[0]!.image).toBe('nginx:alpine');
  });

  it('reopens a file with a syntax error and accepts the fix', async () => {
    const k = await withPod();
    const ed = scriptedEditor(
      (t) => t.replace('    app: web\n', '    app: [web\n'),
      (t) => t.replace('    app: [web\n', '    app: fixed\n'),
    );
    const r = await k.run('edit pod web', { editor: ed.hook });
    expect(ed.opened[1]!.content).toContain('# The edited file had a syntax error: error parsing edited-file: error converting YAML to JSON: yaml: line ');
    expect(r).toEqual({ stdout: 'pod/web edited\n', stderr: '', code: 0 });
    expect((await k.cluster.api.get('pods', 'default', 'web')).metadata.labels).toEqual({ app: 'fixed' });
  });

  it('refuses a renamed object, fails without an editor, and checks its arguments', async () => {
    const k = await withPod();
    const rename = scriptedEditor((t) => t.replace('  name: web\n', '  name: other\n'));
    const r = await k.run('edit pod web', { editor: rename.hook });
    expect(r.stderr).toBe(`A copy of your changes has been stored to "${rename.opened[0]!.path}"\nerror: At least one of apiVersion, kind and name was changed\n`);
    expect((await k.run('edit pod web', { vars: { KUBE_EDITOR: 'nano' } })).stderr).toBe('error: unable to launch the editor "nano"\n');
    expect((await k.run('edit pod web')).stderr).toBe('error: unable to launch the editor "vi"\n');
    // [REAL] kubectl v1.32
    expect((await k.run('edit')).stderr).toMatch(/^error: You must provide one or more resources by argument or filename\.\n/);
    expect((await k.run('edit pod nope', { editor: scriptedEditor().hook })).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });

  it('edits several objects as a List and in JSON', async () => {
    const k = await withPod();
    k.files.set('/work/pod2.yaml', POD.replace('name: web', 'name: db'));
    await k.run('apply -f pod2.yaml');
    const ed = scriptedEditor((t) => t.replaceAll('      app: web\n', '      app: x\n'));
    const r = await k.run('edit pods', { editor: ed.hook });
    expect(ed.opened[0]!.content).toContain(`${HEADER}apiVersion: v1\nitems:\n- apiVersion: v1\n`);
    expect(ed.opened[0]!.content.endsWith('kind: List\nmetadata: {}\n')).toBe(true);
    expect(r.stdout).toBe('pod/db edited\npod/web edited\n');
    const json = scriptedEditor((t) => t.replace('"app": "x"', '"app": "y"'));
    const j = await k.run('edit pod web -o json', { editor: json.hook });
    expect(json.opened[0]!.path).toMatch(/\.json$/);
    expect(json.opened[0]!.content.startsWith('{\n    "apiVersion": "v1",')).toBe(true);
    expect(j.stdout).toContain('"app": "y"');
  });
});
