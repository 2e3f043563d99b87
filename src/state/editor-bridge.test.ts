import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { plainText, quiesce, settle } from '../terminal';
import { finishEdit, pendingEditContent, startEditorBridge } from './editor-bridge';
import { useAppStore } from './store';
import { World } from './world';

let stop: () => void;
let screen = '';

function freshWorld(): World {
  return World.create({ seed: 7 }, (e) => {
    if (e.type === 'output') screen += e.data;
  });
}

async function type(world: World, line: string): Promise<void> {
  world.session.input(`${line}\r`);
  await settle(world.session);
}

beforeEach(() => {
  screen = '';
  useAppStore.setState({ openFiles: [], activeFile: undefined, dirty: {}, conflicts: {}, pendingEdits: {}, notice: undefined });
  useAppStore.getState().replaceWorld(freshWorld());
  useAppStore.getState().setLayout({ view: 'cluster', split: false });
  stop = startEditorBridge();
});

afterEach(() => stop());

const world = () => useAppStore.getState().world!;

describe('editor bridge', () => {
  it('opens `nano FILE` as a tab, creating a missing file empty, and brings the editor to the front', async () => {
    await settle(world().session);
    await type(world(), 'nano new.yaml');
    const s = useAppStore.getState();
    expect(s.openFiles).toEqual(['/root/new.yaml']);
    expect(s.activeFile).toBe('/root/new.yaml');
    expect(s.layout.view).toBe('editor');
    expect(world().session.fs.readFile('/root/new.yaml')).toBe('');
  });

  it('keeps what an existing file holds, and reports a file in a missing directory', async () => {
    await settle(world().session);
    await type(world(), 'echo "kind: Pod" > pod.yaml');
    await type(world(), 'vi pod.yaml');
    expect(world().session.fs.readFile('/root/pod.yaml')).toBe('kind: Pod\n');
    await type(world(), 'nano nodir/x.yaml');
    const s = useAppStore.getState();
    expect(s.openFiles).toEqual(['/root/pod.yaml']);
    expect(s.notice?.text).toMatch(/^Cannot open \/root\/nodir\/x\.yaml: /);
  });

  it('`code .` only brings the editor view', async () => {
    await settle(world().session);
    await type(world(), 'code .');
    expect(useAppStore.getState().openFiles).toEqual([]);
    expect(useAppStore.getState().layout.view).toBe('editor');
  });

  it('hands kubectl edit the saved text and shows its answer in the terminal', async () => {
    await settle(world().session);
    await type(world(), 'kubectl run web --image=nginx');
    world().session.input('kubectl edit pod web\r');
    await quiesce(world().session);
    const [path] = Object.keys(useAppStore.getState().pendingEdits);
    expect(path).toMatch(/^\/tmp\/kubectl-edit-\d+\.yaml$/);
    expect(useAppStore.getState().activeFile).toBe(path);
    const content = pendingEditContent(path!)!;
    expect(content).toContain('  name: web\n');
    expect(finishEdit(path!, content.replace('image: nginx', 'image: nginx:alpine'))).toBe(true);
    await settle(world().session);
    expect(plainText(screen)).toContain('pod/web edited\n');
    expect(useAppStore.getState().openFiles).toEqual([]);
    expect(useAppStore.getState().pendingEdits).toEqual({});
    expect(finishEdit(path!, 'again')).toBe(false);
  });

  it('a cancelled kubectl edit changes nothing', async () => {
    await settle(world().session);
    await type(world(), 'kubectl run web --image=nginx');
    world().session.input('kubectl edit pod web\r');
    await quiesce(world().session);
    const [path] = Object.keys(useAppStore.getState().pendingEdits);
    finishEdit(path!, undefined);
    await settle(world().session);
    expect(plainText(screen)).toContain('Edit cancelled, no changes made.\n');
  });

  it('closes the tab of a kubectl edit interrupted with Ctrl-C', async () => {
    await settle(world().session);
    await type(world(), 'kubectl run web --image=nginx');
    world().session.input('kubectl edit pod web\r');
    await quiesce(world().session);
    const [path] = Object.keys(useAppStore.getState().pendingEdits);
    expect(path).toBeDefined();
    world().session.input('\x03');
    await settle(world().session);
    expect(useAppStore.getState().openFiles).toEqual([]);
    expect(pendingEditContent(path!)).toBeUndefined();
  });

  it('follows a replaced world: old edits close, tabs of missing files close, new events route', async () => {
    await settle(world().session);
    await type(world(), 'nano a.yaml');
    await type(world(), 'kubectl run web --image=nginx');
    world().session.input('kubectl edit pod web\r');
    await quiesce(world().session);
    expect(useAppStore.getState().openFiles).toHaveLength(2);

    const next = freshWorld();
    useAppStore.getState().replaceWorld(next);
    expect(useAppStore.getState().openFiles).toEqual([]);
    expect(useAppStore.getState().pendingEdits).toEqual({});

    await settle(next.session);
    await type(next, 'nano b.yaml');
    expect(useAppStore.getState().openFiles).toEqual(['/root/b.yaml']);
  });
});
