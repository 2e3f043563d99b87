// Routes the shell's `open-in-editor` events to the editor, for whichever World is current (a
// reset or a restore replaces it: the bridge follows). It runs from boot, before Monaco has
// loaded, so `nano x.yaml` typed in the first second still opens a tab.
//
// - `nano/vi/vim/code FILE`: the file opens as a tab (created empty when missing, as the editor
//   would save it), the editor view comes to the front and takes the keyboard (as nano takes the
//   terminal's); a directory only brings the view.
// - `kubectl edit`: the live object's text opens as a tab that is not a workspace file. kubectl
//   waits until the learner saves and closes (`finishEdit(path, text)`) or cancels
//   (`finishEdit(path, undefined)`); then it prints its answer in the terminal. Interrupted
//   (Ctrl-C), it answers nothing: its tab closes when the shell prompts again.
import type { SessionEvent } from '../terminal';
import { useAppStore } from './store';
import type { World } from './world';

interface PendingEdit {
  world: World;
  content: string;
  done: (saved: string | undefined) => void;
}

/** `kubectl edit` sessions waiting for the learner, by the temp file path kubectl chose. */
const pendingEdits = new Map<string, PendingEdit>();

/** Starts following the store's world; returns the function that stops. */
export function startEditorBridge(): () => void {
  let detach: (() => void) | undefined;
  const attach = (world: World | undefined) => {
    detach?.();
    detach = undefined;
    dropEditsOf((w) => w !== world);
    if (!world) return;
    pruneTabs(world);
    detach = world.session.onEvent((e) => route(world, e));
  };
  attach(useAppStore.getState().world);
  const unsubscribe = useAppStore.subscribe((s, prev) => {
    if (s.world !== prev.world) attach(s.world);
  });
  return () => {
    unsubscribe();
    attach(undefined);
  };
}

/** The text `kubectl edit` handed over for `path`, while it waits. */
export function pendingEditContent(path: string): string | undefined {
  return pendingEdits.get(path)?.content;
}

/**
 * Answers the `kubectl edit` waiting on `path`: the saved text, or undefined for "closed without
 * saving". The tab closes. Returns false when nothing waits there (already answered).
 */
export function finishEdit(path: string, saved: string | undefined): boolean {
  const edit = pendingEdits.get(path);
  pendingEdits.delete(path);
  useAppStore.getState().closeFile(path);
  if (!edit) return false;
  edit.done(saved);
  return true;
}

function route(world: World, e: SessionEvent): void {
  // back at the prompt, no kubectl edit waits any more (Ctrl-C ended it): its tab goes
  if (e.type === 'prompt') dropEditsOf((w) => w === world);
  if (e.type !== 'open-in-editor') return;
  const store = useAppStore.getState();
  if (e.done) {
    pendingEdits.set(e.path, { world, content: e.content ?? '', done: e.done });
    store.openEdit(e.path);
    store.requestEditorFocus();
    return;
  }
  const fs = world.session.fs;
  if (fs.exists(e.path) && fs.stat(e.path).type === 'dir') {
    // `code .`: the workspace is already what the editor shows
    store.setLayout({ view: 'editor' });
    return;
  }
  if (!fs.exists(e.path)) {
    try {
      fs.writeFile(e.path, '');
    } catch (err) {
      // nano says "[ Directory '...' does not exist ]" and would fail to save; say why here
      store.setNotice({ kind: 'error', text: `Cannot open ${e.path}: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
  }
  store.openFile(e.path);
  store.requestEditorFocus();
}

/** Tabs of files the (new) world does not have are closed, and pending edits of old worlds too. */
function pruneTabs(world: World): void {
  const store = useAppStore.getState();
  for (const path of store.openFiles) {
    const gone = store.pendingEdits[path] ? !pendingEdits.has(path) : !world.session.fs.exists(path);
    if (gone) store.closeFile(path);
  }
}

/** Edits whose kubectl is gone (with a replaced world's shell, or interrupted) close unanswered. */
function dropEditsOf(stale: (w: World) => boolean): void {
  for (const [path, edit] of [...pendingEdits]) {
    if (!stale(edit.world)) continue;
    pendingEdits.delete(path);
    useAppStore.getState().closeFile(path);
  }
}
