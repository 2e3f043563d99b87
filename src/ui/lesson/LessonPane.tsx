// Replaced when the lesson runtime lands.
export function LessonPane() {
  return <p style={{ padding: 12 }}>Lessons are being built.</p>;
}
