// The lesson region: the course map when no lesson runs, else the running lesson — its text,
// the buttons on its code blocks, its tasks with what is still missing, hints and solutions.
import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { LessonRuntime, TaskResult } from '../../lesson';
import { openLesson, useAppStore, useWorld } from '../../state';
import { CourseMap } from './CourseMap';
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
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const setLayout = useAppStore((s) => s.setLayout);

  useEffect(
    () =>
      runtime.onCelebrate((task) => {
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
        <button onClick={() => void runtime.evaluate()} title="Check the tasks now">
          Check
        </button>
      </div>
      <div className="celebration" role="status" aria-live="polite">
        {celebration && <span className="celebrate">✓ {celebration}</span>}
      </div>
      <article className="lesson-scroll" aria-label={lesson.title}>
        <LessonBody runtime={runtime} results={results} />
        {done === results.length && results.length > 0 && <LessonComplete lessonId={lesson.id} />}
      </article>
    </div>
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
