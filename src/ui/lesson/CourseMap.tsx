// The course map: every lesson with its state (done, in progress, not started), the sandbox,
// and, for instructors, opening a lesson file from disk (file picker or drag and drop) with its
// lint problems shown against its lines.
import { useState, type DragEvent } from 'react';
import type { Lesson, LessonProblem } from '../../lesson';
import { openLesson, openSandbox, useAppStore, useWorld } from '../../state';
import { CourseIntro } from './CourseIntro';

export function CourseMap() {
  const course = useAppStore((s) => s.course);
  const progress = useAppStore((s) => s.progress);
  const setLayout = useAppStore((s) => s.setLayout);
  const world = useWorld();
  const running = world.lesson?.lesson.id;
  const [opening, setOpening] = useState<string>();
  const [problems, setProblems] = useState<{ file: string; source: string; problems: LessonProblem[] }>();
  const [dragging, setDragging] = useState(false);

  const start = async (lesson: Lesson) => {
    if (lesson.id === running) return setLayout({ showCourse: false });
    setOpening(lesson.id);
    try {
      await openLesson(lesson);
    } finally {
      setOpening(undefined);
    }
  };

  const openFile = async (file: File) => {
    const source = await file.text();
    // the parser comes with the course's chunk (loaded by now, so this costs nothing)
    const { parseLesson } = await import('../../lesson/parse');
    const r = parseLesson(source, file.name);
    if (r.lesson && !r.problems.length) {
      setProblems(undefined);
      await start(r.lesson);
    } else setProblems({ file: file.name, source, problems: r.problems });
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void openFile(file);
  };

  return (
    <div
      className={`course ${dragging ? 'dragging' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <CourseIntro />
      {!course && <p role="status">Loading the lessons…</p>}
      {course && (
        <ol className="course-list">
          {course.lessons.map((l, i) => {
            const p = progress[l.id];
            const done = p?.done.length ?? 0;
            const state = done >= l.tasks.length ? 'done' : p ? 'started' : 'new';
            return (
              <li key={l.id} className={`course-item course-${state}`}>
                <button className="course-open" data-focus-target={i === 0 ? '' : undefined} onClick={() => void start(l)} disabled={opening !== undefined} aria-describedby={`summary-${l.id}`}>
                  <span className="course-num">{i + 1}</span>
                  <span className="course-name">{l.title}</span>
                  <span className="course-state">
                    {opening === l.id ? 'Starting…' : l.id === running ? 'Current' : state === 'done' ? '✓ Done' : state === 'started' ? `${done}/${l.tasks.length} tasks` : `${l.minutes} min`}
                  </span>
                </button>
                <p id={`summary-${l.id}`} className="course-summary">
                  {l.summary}
                </p>
              </li>
            );
          })}
        </ol>
      )}
      {course && course.problems.length > 0 && (
        <section className="lint" aria-label="Lesson problems">
          <h2>Lessons with problems (left out of the course)</h2>
          <ul>
            {course.problems.map((p, i) => (
              <li key={i}>
                <code>
                  {p.file}:{p.line}
                </code>{' '}
                {p.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div className="course-actions">
        <button onClick={() => (world.lesson ? void openSandbox() : setLayout({ showCourse: false }))}>{world.lesson ? 'Free play (no lesson)' : 'Back to free play'}</button>
        <label className="file-pick">
          <span>Open a lesson file…</span>
          <input type="file" accept=".md,text/markdown" onChange={(e) => e.target.files?.[0] && void openFile(e.target.files[0])} />
        </label>
        <span className="hint-text">or drop a lesson .md file here (for instructors)</span>
      </div>
      {problems && <LintReport {...problems} />}
    </div>
  );
}

/** Lint problems shown in place: each with the lines of the file around it. */
function LintReport({ file, source, problems }: { file: string; source: string; problems: LessonProblem[] }) {
  const lines = source.split('\n');
  return (
    <section className="lint" aria-label={`Problems in ${file}`} role="alert">
      <h2>
        {file}: {problems.length} problem{problems.length === 1 ? '' : 's'}
      </h2>
      {problems.map((p, i) => (
        <div key={i} className="lint-problem">
          <p>
            <code>
              {p.file}:{p.line}
              {p.column ? `:${p.column}` : ''}
            </code>{' '}
            {p.message}
          </p>
          <pre className="code">
            {lines.slice(Math.max(0, p.line - 2), p.line + 1).map((text, j) => {
              const n = Math.max(0, p.line - 2) + j + 1;
              return (
                <div key={n} className={n === p.line ? 'lint-line' : undefined}>
                  {String(n).padStart(4)} {text}
                </div>
              );
            })}
          </pre>
        </div>
      ))}
    </section>
  );
}
