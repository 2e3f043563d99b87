// The editor view: the workspace's files (explorer), open files as tabs, Monaco on the active
// one, and the actions a learner needs next to a manifest: Save, Apply (typed visibly into the
// terminal) and Diff against the live objects. A `kubectl edit` tab gets a bar to submit or
// cancel it. Lazy-loaded by App.tsx: nothing here loads before the terminal is usable.
import { Component, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { finishEdit, runInTerminal, useAppStore, useWorld } from '../../state';
import { DiffView } from './DiffView';
import { Explorer } from './Explorer';
import { editorSessionFor, type EditorSession } from './editor-session';
import { MonacoEditor } from './MonacoEditor';
import { displayName, isYamlPath, pathForShell } from './workspace';
import './editor.css';

export default function EditorPane() {
  return (
    <EditorBoundary>
      <Editor />
    </EditorBoundary>
  );
}

function Editor() {
  const world = useWorld();
  const session = editorSessionFor(world);
  useSyncExternalStore(session.subscribe, () => session.version);
  const openFiles = useAppStore((s) => s.openFiles);
  const activeFile = useAppStore((s) => s.activeFile);
  const dirty = useAppStore((s) => s.dirty);
  const conflicts = useAppStore((s) => s.conflicts);
  const pendingEdits = useAppStore((s) => s.pendingEdits);
  const [message, setMessage] = useState<{ kind: 'info' | 'error'; text: string } | undefined>();
  const [diffOf, setDiffOf] = useState<string | undefined>();

  // a message is about what was just done: another file, another message
  useEffect(() => {
    setMessage(undefined);
    setDiffOf(undefined);
  }, [activeFile]);

  // leaving the editor (another view, another lesson) writes what was typed
  useEffect(() => () => void session.saveAll(), [session]);

  const active = activeFile && openFiles.includes(activeFile) ? activeFile : undefined;
  const editing = !!(active && pendingEdits[active]);

  const save = (path: string) => {
    const r = session.save(path);
    if (!r.ok) setMessage({ kind: 'error', text: `Could not save ${displayName(path)}: ${r.error}` });
    return r.ok;
  };

  const closeTab = (path: string) => {
    if (pendingEdits[path]) {
      // closing kubectl's file unsaved is a cancel: kubectl says so in the terminal
      session.close(path);
      finishEdit(path, undefined);
      return;
    }
    if (conflicts[path]) {
      switchTo(path);
      setMessage({ kind: 'error', text: `${displayName(path)} changed in the terminal too: keep your text or load the file before closing it.` });
      return;
    }
    if (!save(path)) return;
    session.close(path);
    useAppStore.getState().closeFile(path);
  };

  const submitEdit = (path: string, text: string | undefined) => {
    session.close(path);
    finishEdit(path, text);
  };

  const apply = (path: string) => {
    if (!save(path)) return;
    const line = `kubectl apply -f ${pathForShell(path, world.session.cwd)}`;
    if (runInTerminal(world, line)) setMessage({ kind: 'info', text: `Typed in the terminal: ${line}` });
    else setMessage({ kind: 'error', text: 'A command is still running in the terminal: wait for it to finish (or press Ctrl+C there), then Apply again.' });
  };

  const switchTo = (path: string) => {
    if (active && active !== path && !pendingEdits[active]) save(active);
    useAppStore.getState().openFile(path);
  };

  return (
    <div className="editor-pane">
      <Explorer session={session} onOpen={switchTo} />
      <div className="editor-main">
        <nav className="editor-tabs" aria-label="Open files">
          <ul>
            {openFiles.map((path) => (
              <li key={path} className={path === active ? 'active' : undefined}>
                <button className="editor-tab" aria-current={path === active ? 'page' : undefined} title={path} onClick={() => switchTo(path)}>
                  {pendingEdits[path] ? 'kubectl edit: ' : ''}
                  {displayName(path)}
                  {dirty[path] && !pendingEdits[path] && (
                    <span className="dirty-marker" aria-label="(unsaved)" title="Unsaved changes">
                      ●
                    </span>
                  )}
                </button>
                <button className="editor-tab-close" aria-label={`Close ${displayName(path)}`} title="Close" onClick={() => closeTab(path)}>
                  ×
                </button>
              </li>
            ))}
          </ul>
        </nav>

        {active && editing && (
          <div className="editor-bar edit-bar" role="status">
            <span>
              <strong>kubectl edit is waiting:</strong> Save &amp; close to submit · Cancel to leave the object as it is.
            </span>
            <button className="primary" title="Submit your changes to kubectl (Ctrl+S)" onClick={() => submitEdit(active, session.model(active)?.getValue())}>
              Save &amp; close
            </button>
            <button title="Close without submitting: kubectl changes nothing" onClick={() => submitEdit(active, undefined)}>
              Cancel
            </button>
          </div>
        )}
        {active && conflicts[active] && (
          <ConflictBar
            deleted={session.buffers.isDeleted(active)}
            onKeep={() => save(active)}
            onReload={() => session.buffers.reload(active)}
            onClose={() => {
              session.close(active);
              useAppStore.getState().closeFile(active);
            }}
          />
        )}

        {active && !editing && (
          <div className="editor-actions">
            <button onClick={() => save(active)} disabled={!dirty[active]} title="Write the file (Ctrl+S); it is also saved as you type">
              Save
            </button>
            {isYamlPath(active) && (
              <>
                <button className="primary" onClick={() => apply(active)} title="Save, then run kubectl apply -f in the terminal">
                  Apply
                </button>
                <button aria-pressed={diffOf === active} onClick={() => setDiffOf(diffOf === active ? undefined : active)} title="Compare the file with the live objects it names">
                  Diff
                </button>
              </>
            )}
            <span className="editor-hint" id="editor-keys">
              Tab indents · Ctrl+M: Tab moves focus · Alt+3: terminal · Alt+F1: help
            </span>
          </div>
        )}
        {message && (
          <p className={`editor-message ${message.kind}`} role={message.kind === 'error' ? 'alert' : 'status'}>
            {message.text}
          </p>
        )}

        <div className="editor-stage">
          {active ? (
            <ActiveEditor session={session} path={active} hidden={diffOf === active} onSave={() => (editing ? submitEdit(active, session.model(active)?.getValue()) : save(active))} />
          ) : (
            <div className="editor-empty">
              <p>No file is open.</p>
              <p>
                Create one in the file list, or type <code>nano pod.yaml</code> in the terminal.
              </p>
            </div>
          )}
          {active && diffOf === active && session.model(active) && <DiffView world={world} path={active} text={session.model(active)!.getValue()} onClose={() => setDiffOf(undefined)} />}
        </div>
      </div>
    </div>
  );
}

function ActiveEditor({ session, path, hidden, onSave }: { session: EditorSession; path: string; hidden: boolean; onSave: () => void }) {
  const model = session.model(path);
  if (!model) {
    return (
      <div className="editor-empty" role="alert">
        <p>{displayName(path)} cannot be opened: it is not a file any more.</p>
      </div>
    );
  }
  return <MonacoEditor session={session} path={path} model={model} hidden={hidden} onSave={onSave} />;
}

function ConflictBar({ deleted, onKeep, onReload, onClose }: { deleted: boolean; onKeep: () => void; onReload: () => void; onClose: () => void }) {
  return (
    <div className="editor-bar conflict-bar" role="alert">
      {deleted ? (
        <>
          <span>The file was deleted outside the editor (in the terminal). Your text is still here.</span>
          <button onClick={onKeep}>Save to recreate it</button>
          <button onClick={onClose}>Close without saving</button>
        </>
      ) : (
        <>
          <span>The file changed outside the editor (in the terminal) while you had unsaved changes.</span>
          <button onClick={onKeep}>Keep my text (save)</button>
          <button onClick={onReload}>Load the file</button>
        </>
      )}
    </div>
  );
}

/** Whatever goes wrong in the editor stays in the editor: the terminal and the lesson go on. */
class EditorBoundary extends Component<{ children: ReactNode }, { error: Error | undefined }> {
  override state = { error: undefined as Error | undefined };

  static getDerivedStateFromError(error: Error) {
    return { error };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="editor-empty" role="alert">
        <p>The editor stopped working: {this.state.error.message}</p>
        <p>Your files are safe in the workspace (the terminal sees them).</p>
        <button onClick={() => this.setState({ error: undefined })}>Restart the editor</button>
      </div>
    );
  }
}
