// The lesson region: the course map when no lesson runs, else the running lesson — its text,
// the buttons on its code blocks, its tasks with what is still missing, hints and solutions.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LessonRuntime, TaskResult } from '../../lesson';
import { openLesson, useAppStore, useWorld } from '../../state';
import { CourseMap } from './CourseMap';
import { inlineMarkdown } from './inline-markdown';
import { LessonBody } from './LessonBody';
import './lesson.css';

export function LessonPane() {
  const world = useWorld();
  const showCourse = useAppStore((s) => s.layout.showCourse);
  const runtime = world.lesson;
  return runtime && !showCourse ? <LessonView key={runtime.lesson.id} runtime={runtime} /> : <CourseMap />;
}

/** The runtime's latest results, re-rendering on change. */
export function useResults(runtime: LessonRuntime): readonly TaskResult[] {
  const subscribe = useCallback((fn: () => void) => runtime.onChange(fn), [runtime]);
  return useSyncExternalStore(subscribe, () => runtime.results());
}

function LessonView({ runtime }: { runtime: LessonRuntime }) {
  const lesson = runtime.lesson;
  const results = useResults(runtime);
  const done = results.filter((r) => r.done).length;
  const [celebration, setCelebration] = useState<string>();
  const [checked, setChecked] = useState<CheckAnswer>();
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const article = useRef<HTMLElement>(null);
  const setLayout = useAppStore((s) => s.setLayout);

  // Check answers even when nothing changed (the tasks are checked after every command anyway):
  // how many pass, and the first one that does not, which it brings into view.
  const check = async () => {
    const res = await runtime.evaluate();
    const open = res.find((r) => !r.passed);
    setChecked({ passed: res.filter((r) => r.passed).length, total: res.length, open });
    if (open) article.current?.querySelector(`[data-task="${CSS.escape(open.id)}"]`)?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };

  useEffect(
    () =>
      runtime.onCelebrate((task) => {
        setChecked(undefined);
        setCelebration(`Done: ${task.title}`);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => setCelebration(undefined), 4000);
      }),
    [runtime],
  );
  useEffect(() => () => clearTimeout(timer.current), []);

  return (
    <div className="lesson">
      <div className="lesson-bar">
        <button data-focus-target onClick={() => setLayout({ showCourse: true })} title="All lessons">
          ← Course
        </button>
        <span className="lesson-progress" aria-label={`${done} of ${results.length} tasks done`}>
          <progress max={results.length} value={done} /> {done}/{results.length}
        </span>
        <button onClick={() => void check()} title="Check the tasks now">
          Check
        </button>
      </div>
      <div className="celebration" role="status" aria-live="polite">
        {celebration ? <span className="celebrate">✓ {celebration}</span> : checked && <CheckedLine answer={checked} onClose={() => setChecked(undefined)} />}
      </div>
      <article className="lesson-scroll" aria-label={lesson.title} ref={article}>
        <LessonBody runtime={runtime} results={results} />
        {done === results.length && results.length > 0 && <LessonComplete lessonId={lesson.id} />}
      </article>
    </div>
  );
}

interface CheckAnswer {
  passed: number;
  total: number;
  /** the first task that does not pass */
  open?: TaskResult;
}

/** What Check found: the count, and what the first open task still needs (as `check` says in the terminal). */
function CheckedLine({ answer, onClose }: { answer: CheckAnswer; onClose: () => void }) {
  const { passed, total, open } = answer;
  return (
    <p className="checked">
      <span>
        {passed} of {total} task{total === 1 ? '' : 's'} pass.{' '}
        {open ? (
          <>
            Next, <span dangerouslySetInnerHTML={{ __html: inlineMarkdown(open.title) }} />: <span dangerouslySetInnerHTML={{ __html: inlineMarkdown(open.message) }} />
          </>
        ) : (
          'All done. Well done!'
        )}
      </span>
      <button onClick={onClose} aria-label="Dismiss">
        ×
      </button>
    </p>
  );
}

function LessonComplete({ lessonId }: { lessonId: string }) {
  const course = useAppStore((s) => s.course);
  const next = course?.lessons[course.lessons.findIndex((l) => l.id === lessonId) + 1];
  return (
    <section className="lesson-complete" aria-label="Lesson complete">
      <h2>Lesson complete</h2>
      <p>Every task of this lesson is done.</p>
      {next && <NextLessonButton id={next.id} title={next.title} />}
    </section>
  );
}

function NextLessonButton({ id, title }: { id: string; title: string }) {
  const course = useAppStore((s) => s.course);
  return (
    <button
      className="primary"
      onClick={() => {
        const lesson = course?.byId.get(id);
        if (lesson) void openLesson(lesson);
      }}
    >
      Next: {title} →
    </button>
  );
}
