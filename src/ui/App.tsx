// The app's frame: the header, the lesson (left), the editor / cluster / preview views (top
// right) and the terminal (bottom right), with splitters, and Alt+1..4 to move focus.
import { Suspense, useEffect } from 'react';
import { loadCourse, trackProgress, useAppStore, type SideView } from '../state';
import { useIsBooted } from './boot-context';
import { Header } from './Header';
import { Splitter } from './layout/Splitter';
import { openEditorGate, useEditorGate } from './editor-gate';
import { ClusterView, EditorPane, LessonPane, PreviewPane } from './lazy-views';
import { CourseIntro } from './lesson/CourseIntro';
import { TerminalPanel } from './terminal/TerminalPanel';
import { terminalShown } from './terminal-shown';

const VIEWS: { id: SideView; label: string }[] = [
  { id: 'editor', label: 'Editor' },
  { id: 'cluster', label: 'Cluster' },
  { id: 'preview', label: 'Preview' },
];

/** Alt+1..4: the regions in reading order. */
const REGIONS = ['lesson', 'views', 'terminal', 'header'] as const;

export function focusRegion(name: (typeof REGIONS)[number]): void {
  const region = document.querySelector<HTMLElement>(`[data-region="${name}"]`);
  const target = region?.querySelector<HTMLElement>('[data-focus-target]') ?? region;
  target?.focus();
}

export function App() {
  const layout = useAppStore((s) => s.layout);
  const setLayout = useAppStore((s) => s.setLayout);
  const notice = useAppStore((s) => s.notice);
  const setNotice = useAppStore((s) => s.setNotice);
  const booted = useIsBooted();
  const editorMayLoad = useEditorGate(booted);

  // the lessons arrive in their own chunk, after the terminal's prompt
  useEffect(() => {
    let live = true;
    terminalShown().then(loadCourse).then(
      (course) => live && useAppStore.getState().setCourse(course),
      (e: unknown) => live && setNotice({ kind: 'error', text: `The lessons could not be loaded: ${e instanceof Error ? e.message : String(e)}` }),
    );
    const stop = trackProgress();
    return () => {
      live = false;
      stop();
    };
  }, [setNotice]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey) return;
      // the physical digit key: Alt+digit types other characters on some layouts
      const i = Number(e.code.startsWith('Digit') ? e.code.slice(5) : e.key) - 1;
      if (i >= 0 && i < REGIONS.length) {
        e.preventDefault();
        e.stopPropagation();
        focusRegion(REGIONS[i]!);
      }
    };
    // capture: xterm and Monaco handle Alt+digit themselves and stop it from bubbling
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const views = layout.split && layout.view !== 'preview' ? (['editor', 'cluster'] as const) : [layout.view];

  return (
    <div className="app" data-booted={booted ? '' : undefined}>
      <Header booted={booted} />
      {notice && (
        <div className={`notice ${notice.kind}`} role={notice.kind === 'error' ? 'alert' : 'status'}>
          {notice.text} {notice.action && <button onClick={notice.action.run}>{notice.action.label}</button>}{' '}
          <button onClick={() => setNotice(undefined)}>Dismiss</button>
        </div>
      )}
      <main className="app-main">
        {!layout.lessonCollapsed && (
          <>
            <section className="region lesson-region" data-region="lesson" aria-label="Lesson" style={{ flexBasis: `${layout.lessonWidth * 100}%` }}>
              {booted ? (
                <Suspense fallback={<LessonPaneStarting />}>
                  <LessonPane />
                </Suspense>
              ) : (
                <LessonPaneStarting />
              )}
            </section>
            <Splitter orientation="vertical" label="Resize lesson" value={layout.lessonWidth} onChange={(v) => setLayout({ lessonWidth: v })} />
          </>
        )}
        <div className="right-side" style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column' }}>
          <section className="region" data-region="views" aria-label="Workspace views" style={{ flexBasis: `${layout.topHeight * 100}%` }}>
            <div className="tabs">
              {/* only tabs inside the tablist: the layout toggles beside it are plain buttons */}
              <div role="tablist" aria-label="Views">
                {VIEWS.map((v) => (
                  <button
                    key={v.id}
                    role="tab"
                    id={`tab-${v.id}`}
                    aria-selected={views.includes(v.id as never)}
                    aria-controls={`view-${v.id}`}
                    // Alt+2 lands on the shown view's tab (every view has one)
                    data-focus-target={v.id === layout.view ? '' : undefined}
                    onClick={() => setLayout({ view: v.id })}
                  >
                    {v.label}
                  </button>
                ))}
              </div>
              <span style={{ flex: 1 }} />
              <button aria-pressed={layout.split} title="Show the cluster beside the editor" onClick={() => setLayout({ split: !layout.split, view: layout.view === 'preview' ? 'editor' : layout.view })}>
                Side by side
              </button>
              <button aria-pressed={layout.lessonCollapsed} title="Hide or show the lesson" onClick={() => setLayout({ lessonCollapsed: !layout.lessonCollapsed })}>
                {layout.lessonCollapsed ? 'Show lesson' : 'Hide lesson'}
              </button>
            </div>
            <div style={{ flex: 1, minHeight: 0, display: 'flex' }}>
              {views.map((v) => (
                <div key={v} id={`view-${v}`} role="tabpanel" aria-labelledby={`tab-${v}`} className="view" style={{ flex: 1, minWidth: 0, display: 'flex', flexDirection: 'column', borderLeft: v === 'cluster' && views.length > 1 ? '1px solid var(--border)' : undefined }}>
                  {!booted ? (
                    <p className="loading" style={{ padding: 12 }}>
                      Starting the cluster…
                    </p>
                  ) : (
                    <Suspense fallback={<p className="loading" style={{ padding: 12 }}>{v === 'editor' ? 'Loading the editor…' : 'Loading…'}</p>}>
                      {v === 'editor' && (editorMayLoad ? <EditorPane /> : <EditorWaiting />)}
                      {v === 'cluster' && <ClusterView />}
                      {v === 'preview' && <PreviewPane />}
                    </Suspense>
                  )}
                </div>
              ))}
            </div>
          </section>
          <Splitter orientation="horizontal" label="Resize terminal" value={layout.topHeight} onChange={(v) => setLayout({ topHeight: v })} />
          <section className="region terminal-region" data-region="terminal" aria-label="Terminal" style={{ flex: 1 }}>
            <TerminalPanel />
          </section>
        </div>
      </main>
    </div>
  );
}

/** The editor's pane until its chunk may load (editor-gate.ts): turning to it loads it at once. */
function EditorWaiting() {
  return (
    <p className="loading" style={{ padding: 12, flex: 1 }} tabIndex={-1} onPointerDown={openEditorGate} onFocus={openEditorGate}>
      Loading the editor…
    </p>
  );
}

/** The lesson pane before the world is up: the course's introduction (the lessons follow). */
function LessonPaneStarting() {
  return (
    <div className="course">
      <CourseIntro />
      <p role="status">Loading the lessons…</p>
    </div>
  );
}
