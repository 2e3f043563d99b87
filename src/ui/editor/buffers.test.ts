import { beforeEach, describe, expect, it } from 'vitest';
import { Clock, MemFS } from '../../engine';
import { BufferSet, type TextBuffer } from './buffers';

class FakeBuffer implements TextBuffer {
  disposed = false;
  constructor(private text: string) {}
  getValue() {
    return this.text;
  }
  setValue(text: string) {
    this.text = text;
  }
  dispose() {
    this.disposed = true;
  }
}

let fs: MemFS;
let set: BufferSet;
let dirty: Record<string, boolean>;
let conflicts: Record<string, boolean>;
let removed: string[];
let changes: number;

/** The learner types: the buffer's text changes and the pane reports it. */
function type(path: string, text: string) {
  set.open(path)!.setValue(text);
  set.edited(path);
}

beforeEach(() => {
  fs = new MemFS(new Clock(0));
  fs.mkdir('/root/sub', { recursive: true });
  fs.writeFile('/root/pod.yaml', 'kind: Pod\n');
  dirty = {};
  conflicts = {};
  removed = [];
  changes = 0;
  set = new BufferSet(fs, (_p, text) => new FakeBuffer(text), {
    setDirty: (p, d) => void (dirty[p] = d),
    setConflict: (p, c) => void (conflicts[p] = c),
    removed: (p) => void removed.push(p),
    changed: () => void changes++,
  });
});

describe('BufferSet', () => {
  it('opens a file with its text, and nothing for a missing file or a folder', () => {
    expect(set.open('/root/pod.yaml')!.getValue()).toBe('kind: Pod\n');
    expect(set.open('/root/none.yaml')).toBeUndefined();
    expect(set.open('/root/sub')).toBeUndefined();
  });

  it('marks an edited buffer dirty, clean again when undone, and saves it to the file', () => {
    set.open('/root/pod.yaml');
    type('/root/pod.yaml', 'kind: Service\n');
    expect(dirty['/root/pod.yaml']).toBe(true);
    type('/root/pod.yaml', 'kind: Pod\n');
    expect(dirty['/root/pod.yaml']).toBe(false);
    type('/root/pod.yaml', 'kind: Service\n');
    expect(set.save('/root/pod.yaml')).toEqual({ ok: true });
    expect(fs.readFile('/root/pod.yaml')).toBe('kind: Service\n');
    expect(dirty['/root/pod.yaml']).toBe(false);
    // its own write is not taken for the shell's: no conflict, the buffer stays
    expect(conflicts['/root/pod.yaml']).toBe(false);
  });

  it('reloads a clean buffer when the shell rewrites the file', () => {
    const b = set.open('/root/pod.yaml')!;
    fs.writeFile('/root/pod.yaml', 'kind: Namespace\n');
    expect(b.getValue()).toBe('kind: Namespace\n');
    expect(conflicts['/root/pod.yaml']).toBeUndefined();
    expect(changes).toBeGreaterThan(0);
  });

  it('keeps a dirty buffer and flags the conflict; saving makes the learner’s text win, reload the file’s', () => {
    set.open('/root/pod.yaml');
    type('/root/pod.yaml', 'mine\n');
    fs.writeFile('/root/pod.yaml', 'theirs\n');
    expect(set.open('/root/pod.yaml')!.getValue()).toBe('mine\n');
    expect(conflicts['/root/pod.yaml']).toBe(true);
    expect(dirty['/root/pod.yaml']).toBe(true);
    set.reload('/root/pod.yaml');
    expect(set.open('/root/pod.yaml')!.getValue()).toBe('theirs\n');
    expect(conflicts['/root/pod.yaml']).toBe(false);

    type('/root/pod.yaml', 'mine again\n');
    fs.writeFile('/root/pod.yaml', 'theirs again\n');
    expect(conflicts['/root/pod.yaml']).toBe(true);
    set.save('/root/pod.yaml');
    expect(fs.readFile('/root/pod.yaml')).toBe('mine again\n');
    expect(conflicts['/root/pod.yaml']).toBe(false);
  });

  it('clears the conflict when the shell writes what the buffer holds', () => {
    set.open('/root/pod.yaml');
    type('/root/pod.yaml', 'same\n');
    fs.writeFile('/root/pod.yaml', 'same\n');
    expect(dirty['/root/pod.yaml']).toBe(false);
    expect(conflicts['/root/pod.yaml']).toBe(false);
  });

  it('closes a clean buffer whose file was removed; a dirty one stays, and saving recreates the file', () => {
    fs.writeFile('/root/sub/a.yaml', 'a\n');
    const a = set.open('/root/sub/a.yaml') as FakeBuffer;
    set.open('/root/pod.yaml');
    type('/root/pod.yaml', 'edited\n');
    fs.rm('/root/sub', { recursive: true });
    fs.rm('/root/pod.yaml');
    expect(removed).toEqual(['/root/sub/a.yaml']);
    expect(a.disposed).toBe(true);
    expect(set.has('/root/sub/a.yaml')).toBe(false);
    expect(set.isDeleted('/root/pod.yaml')).toBe(true);
    expect(conflicts['/root/pod.yaml']).toBe(true);
    expect(set.save('/root/pod.yaml')).toEqual({ ok: true });
    expect(fs.readFile('/root/pod.yaml')).toBe('edited\n');
    expect(set.isDeleted('/root/pod.yaml')).toBe(false);
  });

  it('follows a file moved by the shell as removed (a clean tab closes)', () => {
    set.open('/root/pod.yaml');
    fs.rename('/root/pod.yaml', '/root/moved.yaml');
    expect(removed).toEqual(['/root/pod.yaml']);
  });

  it('reports a save that the filesystem refuses', () => {
    fs.writeFile('/root/x', 'x');
    set.open('/root/x');
    type('/root/x', 'y');
    fs.rm('/root/x');
    fs.mkdir('/root/x');
    const r = set.save('/root/x');
    expect(r.ok).toBe(false);
    expect(dirty['/root/x']).toBe(true);
  });

  it('keeps a kubectl edit buffer out of the filesystem', () => {
    const b = set.open('/tmp/kubectl-edit-1.yaml', 'apiVersion: v1\n')!;
    b.setValue('changed');
    set.edited('/tmp/kubectl-edit-1.yaml');
    expect(set.save('/tmp/kubectl-edit-1.yaml')).toEqual({ ok: true });
    expect(fs.exists('/tmp/kubectl-edit-1.yaml')).toBe(false);
    expect(dirty['/tmp/kubectl-edit-1.yaml']).toBeUndefined();
  });

  it('moves a buffer to its new name with its text, and stops watching on dispose', () => {
    set.open('/root/pod.yaml');
    type('/root/pod.yaml', 'unsaved\n');
    set.rename('/root/pod.yaml', '/root/renamed.yaml');
    expect(set.has('/root/pod.yaml')).toBe(false);
    expect(set.open('/root/renamed.yaml')!.getValue()).toBe('unsaved\n');
    set.dispose();
    const before = changes;
    fs.writeFile('/root/other', '');
    expect(changes).toBe(before);
  });
});
