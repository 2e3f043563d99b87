// The editor's side of one World: a Monaco model per open tab, kept in step with the learner's
// filesystem (buffers.ts), and autosave. It outlives the pane (switching to the Cluster view
// unmounts the pane; a half-edited `kubectl edit` buffer must survive that), and is replaced with
// the World.
import { pendingEditContent, useAppStore, type World } from '../../state';
import { BufferSet, type SaveResult, type TextBuffer } from './buffers';
import { monaco } from './monaco-setup';
import { languageOf } from './workspace';

/** The buffer is written this long after typing stops (and at once on blur or tab switch). */
export const AUTOSAVE_MS = 400;

type Listener = () => void;

export class EditorSession {
  readonly buffers: BufferSet;
  /** bumped when the files or the buffers change (the file list redraws) */
  version = 0;
  private readonly listeners = new Set<Listener>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly models = new Map<string, monaco.editor.ITextModel>();
  readonly viewStates = new Map<string, monaco.editor.ICodeEditorViewState | null>();
  private readonly stopFollowingTabs: () => void;

  constructor(readonly world: World) {
    const store = () => useAppStore.getState();
    this.buffers = new BufferSet(world.session.fs, (path, text) => this.makeBuffer(path, text), {
      setDirty: (p, d) => store().setDirty(p, d),
      setConflict: (p, c) => store().setConflict(p, c),
      removed: (p) => {
        this.forget(p);
        store().closeFile(p);
      },
      changed: () => this.bump(),
    });
    // a tab closed elsewhere (the bridge drops an interrupted kubectl edit) lets go of its model
    this.stopFollowingTabs = useAppStore.subscribe((s, prev) => {
      if (s.openFiles === prev.openFiles) return;
      for (const p of prev.openFiles) if (!s.openFiles.includes(p)) this.close(p);
    });
  }

  /** The model of a tab: the file, or the text a waiting `kubectl edit` handed over. */
  model(path: string): monaco.editor.ITextModel | undefined {
    const pending = useAppStore.getState().pendingEdits[path] ? pendingEditContent(path) : undefined;
    if (!this.buffers.open(path, pending)) return undefined;
    return this.models.get(path);
  }

  save(path: string): SaveResult {
    this.cancelAutosave(path);
    return this.buffers.save(path);
  }

  /** Every buffer written, except those in conflict (they wait for the learner's choice). */
  saveAll(): SaveResult {
    const { conflicts, openFiles } = useAppStore.getState();
    let result: SaveResult = { ok: true };
    for (const path of openFiles) {
      if (conflicts[path]) continue;
      const r = this.save(path);
      if (!r.ok && result.ok) result = r;
    }
    return result;
  }

  close(path: string): void {
    this.forget(path);
    this.buffers.close(path);
  }

  rename(from: string, to: string): void {
    this.cancelAutosave(from);
    const view = this.viewStates.get(from);
    this.buffers.rename(from, to);
    this.viewStates.delete(from);
    if (view !== undefined) this.viewStates.set(to, view);
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  bump(): void {
    this.version++;
    for (const l of this.listeners) l();
  }

  dispose(): void {
    this.stopFollowingTabs();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    this.buffers.dispose();
    this.listeners.clear();
  }

  private makeBuffer(path: string, text: string): TextBuffer {
    const uri = monaco.Uri.file(path);
    monaco.editor.getModel(uri)?.dispose();
    const model = monaco.editor.createModel(text, languageOf(path), uri);
    this.models.set(path, model);
    const sub = model.onDidChangeContent(() => this.edited(path));
    return {
      getValue: () => model.getValue(),
      setValue: (t) => {
        // keep undo: the shell's change is one more step the learner can undo
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: t }], () => null);
      },
      dispose: () => {
        sub.dispose();
        model.dispose();
        if (this.models.get(path) === model) this.models.delete(path);
      },
    };
  }

  private edited(path: string): void {
    this.buffers.edited(path);
    this.cancelAutosave(path);
    // a conflict waits for the learner's choice: autosave would overwrite the shell's change
    if (useAppStore.getState().conflicts[path] || useAppStore.getState().pendingEdits[path]) return;
    this.timers.set(path, setTimeout(() => {
      this.timers.delete(path);
      if (!useAppStore.getState().conflicts[path]) this.buffers.save(path);
    }, AUTOSAVE_MS));
  }

  private cancelAutosave(path: string): void {
    const t = this.timers.get(path);
    if (t !== undefined) clearTimeout(t);
    this.timers.delete(path);
  }

  private forget(path: string): void {
    this.cancelAutosave(path);
    this.viewStates.delete(path);
  }
}

let current: EditorSession | undefined;

/** The session of `world` (the previous world's is disposed with its models). */
export function editorSessionFor(world: World): EditorSession {
  if (current?.world !== world) {
    current?.dispose();
    current = new EditorSession(world);
  }
  return current;
}
