import { StrictMode, useEffect, useState } from 'react'
import { createRoot } from 'react-dom/client'
import { boot, prefetchBuildData, thisTab, useAppStore, type Booted } from '../state'
import { App } from './App'
import { BootContext } from './boot-context'
import { prefetchEditor, prefetchViews } from './lazy-views'
import { terminalShown } from './terminal-shown'
import './app.css'

const root = document.getElementById('root')
if (!root) throw new Error('index.html has no #root element')

// Test and debugging hooks (read-only use): the current world.
declare global {
  interface Window {
    __podlab?: { world: () => unknown }
  }
}
window.__podlab = { world: () => useAppStore.getState().world }

// Whether another tab saves is asked at once: the answer's wait overlaps the page's first render.
void thisTab()
// The page renders at once. Once the terminal shows its prompt: the editor's chunk (Monaco) is
// asked for first, then the engine's chunk, the lessons, the fresh cluster and the save, then the
// other views' chunks.
const booting = terminalShown().then((by) => {
  // for traces and the journeys: when, and why, the rest of the start-up began
  performance.mark('podlab:start-up', { detail: by })
  prefetchEditor()
  const booted = boot()
  prefetchBuildData()
  prefetchViews()
  return booted
})

function Root() {
  const [booted, setBooted] = useState<Booted>()
  useEffect(() => {
    let live = true
    booting.then(
      (b) => live && setBooted(b),
      (e: unknown) => live && useAppStore.getState().setNotice({ kind: 'error', text: `Podlab could not start its cluster: ${e instanceof Error ? e.message : String(e)}. Reload the page to try again.` }),
    )
    return () => {
      live = false
    }
  }, [])
  return (
    <BootContext.Provider value={booted}>
      <App />
    </BootContext.Provider>
  )
}

createRoot(root).render(
  <StrictMode>
    <Root />
  </StrictMode>,
)
