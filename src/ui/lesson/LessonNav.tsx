// The header's view of the course: which lesson runs, how far along it is, and the way to
// the course map (with every lesson's state).
import type { LessonRuntime } from '../../lesson';
import { useAppStore, useWorld } from '../../state';
import { useResults } from './LessonPane';

export function LessonNav() {
  const world = useWorld();
  const course = useAppStore((s) => s.course);
  const progress = useAppStore((s) => s.progress);
  const setLayout = useAppStore((s) => s.setLayout);
  const done = course ? course.lessons.filter((l) => (progress[l.id]?.done.length ?? 0) >= l.tasks.length && l.tasks.length > 0).length : 0;
  return (
    <nav className="lesson-nav" aria-label="Course">
      <button
        className="lesson-nav-course"
        onClick={() => setLayout({ showCourse: true, lessonCollapsed: false })}
        title="All lessons and your progress"
        aria-label={course ? `Lessons: ${done} of ${course.lessons.length} done` : 'Lessons'}
      >
        Lessons{course ? ` ${done}/${course.lessons.length}` : ''}
      </button>
      {world.lesson ? <Current runtime={world.lesson} index={course?.lessons.findIndex((l) => l.id === world.lesson!.lesson.id) ?? -1} /> : <span className="lesson-nav-title">Free play</span>}
    </nav>
  );
}

function Current({ runtime, index }: { runtime: LessonRuntime; index: number }) {
  const results = useResults(runtime);
  const setLayout = useAppStore((s) => s.setLayout);
  const done = results.filter((r) => r.done).length;
  return (
    <button className="lesson-nav-title" onClick={() => setLayout({ showCourse: false, lessonCollapsed: false })} title="Back to the lesson">
      {index >= 0 ? `${index + 1}. ` : ''}
      {runtime.lesson.title} · {done}/{results.length}
    </button>
  );
}
