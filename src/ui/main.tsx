import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { boot, useAppStore } from '../state'
import { App } from './App'
import { BootContext } from './boot-context'
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

boot().then((booted) => {
  createRoot(root).render(
    <StrictMode>
      <BootContext.Provider value={booted}>
        <App />
      </BootContext.Provider>
    </StrictMode>,
  )
})
