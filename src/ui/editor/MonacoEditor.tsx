// One Monaco code editor showing the active tab's model. The editor instance lives as long as the
// pane; switching tabs swaps the model and brings back where the learner was in that file.
import { useEffect, useRef } from 'react';
import { useAppStore } from '../../state';
import type { EditorSession } from './editor-session';
import { followSystemTheme, monaco } from './monaco-setup';
import { displayName } from './workspace';

/** How long a request to focus the editor stays good (Monaco's first load takes 1–3 s). */
const FOCUS_FRESH_MS = 5000;
/** The last focus request acted on (the store's count starts at 0: none yet). */
let focusHandled = 0;

interface Props {
  session: EditorSession;
  path: string;
  model: monaco.editor.ITextModel;
  hidden: boolean;
  /** Ctrl+S */
  onSave: () => void;
}

export function MonacoEditor({ session, path, model, hidden, onSave }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useRef<monaco.editor.IStandaloneCodeEditor | undefined>(undefined);
  const current = useRef({ path, onSave, session });
  current.current = { path, onSave, session };

  useEffect(() => {
    const ed = monaco.editor.create(host.current!, {
      model: null,
      automaticLayout: true,
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || 'monospace',
      fontSize: 14,
      tabSize: 2,
      insertSpaces: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      renderWhitespace: 'boundary',
      // Monaco's Linux default 'dimmed' draws the last line number below AA contrast (axe)
      renderFinalNewline: 'on',
      fixedOverflowWidgets: true,
      ariaLabel: 'File editor',
    });
    editor.current = ed;
    const stopTheme = followSystemTheme();
    ed.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => current.current.onSave());
    // clicking into the terminal to run the file: it must be on disk by then
    const blur = ed.onDidBlurEditorWidget(() => {
      const { path: p, session: s } = current.current;
      if (!useAppStore.getState().pendingEdits[p] && !useAppStore.getState().conflicts[p]) s.save(p);
    });
    return () => {
      if (ed.getModel()) current.current.session.viewStates.set(current.current.path, ed.saveViewState());
      blur.dispose();
      stopTheme();
      ed.setModel(null);
      ed.dispose();
      editor.current = undefined;
    };
  }, []);

  useEffect(() => {
    const ed = editor.current!;
    if (ed.getModel() === model) return;
    ed.setModel(model);
    const view = session.viewStates.get(path);
    if (view) ed.restoreViewState(view);
    // Monaco keeps Tab for indenting: say how to get out (the hint bar says it to the eye)
    ed.updateOptions({ ariaLabel: `Editing ${displayName(path)}. Ctrl+M switches Tab to moving focus; Alt+3 goes to the terminal.` });
    return () => {
      // on unmount the editor may have been let go of already (it kept the view state then)
      if (ed.getModel() === model) session.viewStates.set(path, ed.saveViewState());
    };
  }, [session, path, model]);

  // `nano x.yaml` / `kubectl edit` in the terminal: typing goes on here. A request from before
  // Monaco had loaded counts only while fresh: by then the learner may be typing in the terminal.
  const focus = useAppStore((s) => s.editorFocus);
  useEffect(() => {
    if (focus.n === focusHandled || hidden) return;
    focusHandled = focus.n;
    if (performance.now() - focus.at < FOCUS_FRESH_MS) editor.current?.focus();
  }, [focus, hidden, model]);

  return <div ref={host} className="monaco-host" style={hidden ? { display: 'none' } : undefined} />;
}
