export function App() {
  return (
    <main className="app">
      <h1>Podlab</h1>
      <p>An interactive Kubernetes Pods course. The course is being built.</p>
    </main>
  )
}
