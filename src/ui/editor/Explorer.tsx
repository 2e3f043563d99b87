// The workspace's files (the shell's /root): open, create, rename, delete (after a confirmation).
// Changes made here are plain filesystem operations, so `ls` in the terminal sees them at once.
import { useState, type FormEvent } from 'react';
import { WORKSPACE } from '../../terminal';
import { useAppStore } from '../../state';
import type { EditorSession } from './editor-session';
import { checkNewName, createFile, displayName, listWorkspace, parentDir, type WorkspaceEntry } from './workspace';

type Mode = { k: 'idle' } | { k: 'create' } | { k: 'rename'; entry: WorkspaceEntry } | { k: 'delete'; entry: WorkspaceEntry };

export function Explorer({ session, onOpen }: { session: EditorSession; onOpen: (path: string) => void }) {
  const fs = session.world.session.fs;
  const entries = listWorkspace(fs);
  const activeFile = useAppStore((s) => s.activeFile);
  const [mode, setMode] = useState<Mode>({ k: 'idle' });
  const [name, setName] = useState('');
  const [error, setError] = useState<string | undefined>();

  const start = (next: Mode) => {
    setMode(next);
    setError(undefined);
    setName(next.k === 'rename' ? next.entry.name : '');
  };

  const fail = (e: unknown) => setError(e instanceof Error ? e.message : String(e));

  const create = (e: FormEvent) => {
    e.preventDefault();
    const problem = checkNewName(fs, WORKSPACE, name);
    if (problem) return setError(problem);
    const path = `${WORKSPACE}/${name.trim()}`;
    try {
      createFile(fs, path);
    } catch (err) {
      return fail(err);
    }
    start({ k: 'idle' });
    onOpen(path);
  };

  const rename = (e: FormEvent, entry: WorkspaceEntry) => {
    e.preventDefault();
    if (name.trim() === entry.name) return start({ k: 'idle' });
    const dir = parentDir(entry.path);
    const problem = checkNewName(fs, dir, name);
    if (problem) return setError(problem);
    const to = `${dir}/${name.trim()}`;
    const store = useAppStore.getState();
    // the open tabs at or below it move with it, before the move: their text is written first,
    // and the filesystem's rename then finds the buffers already at the new path
    const moving = store.openFiles.filter((p) => p === entry.path || p.startsWith(`${entry.path}/`));
    for (const p of moving) session.save(p);
    const moveTabs = (from: string, into: string) => {
      for (const p of moving) {
        const a = from + p.slice(entry.path.length);
        const b = into + p.slice(entry.path.length);
        session.rename(a, b);
        store.renameOpenFile(a, b);
      }
    };
    moveTabs(entry.path, to);
    try {
      if (!fs.exists(parentDir(to))) fs.mkdir(parentDir(to), { recursive: true });
      fs.rename(entry.path, to);
    } catch (err) {
      moveTabs(to, entry.path);
      return fail(err);
    }
    start({ k: 'idle' });
    session.bump();
  };

  const remove = (entry: WorkspaceEntry) => {
    const store = useAppStore.getState();
    for (const p of store.openFiles.filter((q) => q === entry.path || q.startsWith(`${entry.path}/`))) {
      session.close(p);
      store.closeFile(p);
    }
    try {
      fs.rm(entry.path, { recursive: true });
    } catch (err) {
      return fail(err);
    }
    start({ k: 'idle' });
    session.bump();
  };

  return (
    <aside className="explorer" aria-label="Workspace files">
      <div className="explorer-head">
        <h2 className="region-title" title={`The files in ${WORKSPACE}, the terminal's home`}>
          Files
        </h2>
        <button onClick={() => start({ k: 'create' })} aria-label="New file" title="New file">
          + New
        </button>
      </div>
      {mode.k === 'create' && (
        <form className="explorer-form" onSubmit={create}>
          <label htmlFor="explorer-new">New file name</label>
          <input id="explorer-new" autoFocus value={name} placeholder="pod.yaml" onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && start({ k: 'idle' })} />
          <div>
            <button type="submit" className="primary">
              Create
            </button>
            <button type="button" onClick={() => start({ k: 'idle' })}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {error && (
        <p className="editor-message error" role="alert">
          {error}
        </p>
      )}
      {entries.length === 0 && mode.k !== 'create' && <p className="explorer-empty">No files yet.</p>}
      <ul className="explorer-list">
        {entries.map((entry) => (
          <li key={entry.path} style={{ paddingLeft: `${entry.depth * 12}px` }} className={entry.path === activeFile ? 'active' : undefined}>
            {mode.k === 'rename' && mode.entry.path === entry.path ? (
              <form className="explorer-form" onSubmit={(e) => rename(e, entry)}>
                <label htmlFor="explorer-rename">New name for {entry.name}</label>
                <input id="explorer-rename" autoFocus value={name} onChange={(e) => setName(e.target.value)} onKeyDown={(e) => e.key === 'Escape' && start({ k: 'idle' })} />
                <div>
                  <button type="submit" className="primary">
                    Rename
                  </button>
                  <button type="button" onClick={() => start({ k: 'idle' })}>
                    Cancel
                  </button>
                </div>
              </form>
            ) : mode.k === 'delete' && mode.entry.path === entry.path ? (
              <div className="explorer-confirm" role="alertdialog" aria-label={`Delete ${displayName(entry.path)}?`}>
                <span>
                  Delete {displayName(entry.path)}
                  {entry.type === 'dir' ? ' and everything in it' : ''}?
                </span>
                <div>
                  <button className="danger" autoFocus onClick={() => remove(entry)}>
                    Delete
                  </button>
                  <button onClick={() => start({ k: 'idle' })}>Keep it</button>
                </div>
              </div>
            ) : (
              <div className="explorer-row">
                {entry.type === 'file' ? (
                  <button className="explorer-name" onClick={() => onOpen(entry.path)} aria-current={entry.path === activeFile ? 'true' : undefined} title={`Open ${displayName(entry.path)}`}>
                    {entry.name}
                  </button>
                ) : (
                  <span className="explorer-name folder">{entry.name}/</span>
                )}
                <button className="explorer-action" aria-label={`Rename ${displayName(entry.path)}`} title="Rename" onClick={() => start({ k: 'rename', entry })}>
                  <span className="codicon codicon-edit" aria-hidden="true" />
                </button>
                <button className="explorer-action" aria-label={`Delete ${displayName(entry.path)}`} title="Delete" onClick={() => start({ k: 'delete', entry })}>
                  <span className="codicon codicon-trash" aria-hidden="true" />
                </button>
              </div>
            )}
          </li>
        ))}
      </ul>
      <p className="explorer-foot">
        The terminal works in the same folder: <code>ls</code> shows these files.
      </p>
    </aside>
  );
}
