// The two chunks the build makes as data: the lessons, parsed (scripts/vite-plugin-course.ts), and
// the fresh cluster's snapshot (scripts/vite-plugin-start-cluster.ts). Each is fetched once. The
// page asks for both as it starts up, beside the engine's chunk: asked for by the engine's boot
// and the course's loader, they would wait for those chunks to arrive and run first.

let course: Promise<string> | undefined;
let startCluster: Promise<string> | undefined;

/** The course as the build parsed it (JSON text). */
export function builtCourseText(): Promise<string> {
  return (course ??= import('virtual:podlab-course').then((m) => m.default));
}

/** The fresh cluster's snapshot (JSON text). */
export function startClusterText(): Promise<string> {
  return (startCluster ??= import('virtual:podlab-start-cluster').then((m) => m.default));
}

/** Start fetching both (the dev server parses the lessons itself: see course.ts). */
export function prefetchBuildData(): void {
  void startClusterText().catch(() => undefined);
  if (!import.meta.env.DEV) void builtCourseText().catch(() => undefined);
}
