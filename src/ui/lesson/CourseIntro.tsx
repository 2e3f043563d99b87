// The course's title and introduction: the first thing the lesson pane shows, before the
// engine and the lessons have arrived (it needs neither).
import './lesson.css';

export function CourseIntro() {
  return (
    <>
      <h1 className="course-title">Kubernetes Pods</h1>
      <p className="course-intro">A hands-on course on a simulated Kubernetes v1.32 cluster that runs in your browser. Pick a lesson; your progress is saved as you go.</p>
    </>
  );
}
