// The Diff button: the live objects a manifest names (left, as `kubectl get -o yaml` prints them)
// against the file (right), in Monaco's diff editor; or a plain sentence when there is nothing
// to compare yet.
import { useEffect, useRef, useState } from 'react';
import { runKubectlCaptured } from '../../kubectl';
import type { World } from '../../state';
import { fetchLive, objectsIn, refLabel, type LiveDiff } from './live-objects';
import { followSystemTheme, monaco } from './monaco-setup';
import { displayName } from './workspace';

interface Props {
  world: World;
  path: string;
  /** the buffer's text when Diff was pressed */
  text: string;
  onClose: () => void;
}

type State = { k: 'loading' } | { k: 'message'; text: string } | { k: 'diff'; live: LiveDiff };

export function DiffView({ world, path, text, onClose }: Props) {
  const [state, setState] = useState<State>({ k: 'loading' });

  useEffect(() => {
    let cancelled = false;
    const { refs, error } = objectsIn(text);
    if (error) setState({ k: 'message', text: `The file is not valid YAML, so it names no object: ${error}` });
    else if (!refs.length) setState({ k: 'message', text: 'This file names no object (it needs kind and metadata.name).' });
    else {
      const run = (argv: string[]) => runKubectlCaptured(world.cluster.api, argv, { now: () => world.now() });
      void fetchLive(refs, run).then((live) => {
        if (cancelled) return;
        if (!live.live && !live.errors.length) {
          const names = live.missing.map(refLabel).join(', ');
          setState({ k: 'message', text: `${names} ${live.missing.length > 1 ? 'do' : 'does'} not exist in the cluster yet: Apply creates ${live.missing.length > 1 ? 'them' : 'it'}.` });
        } else if (!live.live) setState({ k: 'message', text: live.errors.join('\n') });
        else setState({ k: 'diff', live });
      });
    }
    return () => {
      cancelled = true;
    };
  }, [world, text]);

  return (
    <section className="diff-view" aria-label={`Diff of ${displayName(path)} against the cluster`}>
      <div className="editor-bar">
        <span>
          {state.k === 'diff' ? (
            <>
              Left: the live object{state.live.live.includes('\n---\n') ? 's' : ''} (<code>kubectl get -o yaml</code>) · Right: {displayName(path)}
            </>
          ) : (
            <>Diff of {displayName(path)}</>
          )}
        </span>
        <button onClick={onClose}>Back to the editor</button>
      </div>
      {state.k === 'loading' && <p className="editor-message info">Fetching the live objects…</p>}
      {state.k === 'message' && (
        <p className="editor-message info diff-message" role="status">
          {state.text}
        </p>
      )}
      {state.k === 'diff' && (
        <>
          {(state.live.missing.length > 0 || state.live.errors.length > 0) && (
            <p className="editor-message info" role="status">
              {state.live.missing.length > 0 && `Not in the cluster yet: ${state.live.missing.map(refLabel).join(', ')}. `}
              {state.live.errors.join(' ')}
            </p>
          )}
          <DiffEditor live={state.live.live} text={text} />
        </>
      )}
    </section>
  );
}

function DiffEditor({ live, text }: { live: string; text: string }) {
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // no .yaml in these URIs: the schema would flag nothing useful on server-filled fields
    const original = monaco.editor.createModel(live, 'yaml');
    const modified = monaco.editor.createModel(text, 'yaml');
    const diff = monaco.editor.createDiffEditor(host.current!, {
      automaticLayout: true,
      readOnly: true,
      originalEditable: false,
      renderSideBySide: true,
      minimap: { enabled: false },
      scrollBeyondLastLine: false,
      // Monaco's Linux default 'dimmed' draws the last line number below AA contrast (axe)
      renderFinalNewline: 'on',
      fontFamily: getComputedStyle(document.documentElement).getPropertyValue('--font-mono').trim() || 'monospace',
      fontSize: 13,
      originalAriaLabel: 'Live object',
      modifiedAriaLabel: 'Your file',
    });
    const stopTheme = followSystemTheme();
    diff.setModel({ original, modified });
    return () => {
      stopTheme();
      diff.setModel(null);
      diff.dispose();
      original.dispose();
      modified.dispose();
    };
  }, [live, text]);
  return <div ref={host} className="monaco-host diff-host" />;
}
