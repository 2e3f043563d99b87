/// <reference types="vite/client" />

// scripts/vite-plugin-start-cluster.ts: the fresh cluster's snapshot, as JSON text
declare module 'virtual:podlab-start-cluster' {
  const snapshot: string
  export default snapshot
}

// scripts/vite-plugin-course.ts: the course parsed at build time ({lessons, problems}), as JSON text
declare module 'virtual:podlab-course' {
  const course: string
  export default course
}
