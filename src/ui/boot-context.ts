import { createContext, useContext } from 'react'
import type { Booted } from '../state'

/** Undefined until the engine's chunk has arrived and the world is loaded. */
export const BootContext = createContext<Booted | undefined>(undefined)

/** For components rendered only after boot. */
export function useBooted(): Booted {
  const b = useContext(BootContext)
  if (!b) throw new Error('the app is rendered before boot')
  return b
}

/** Whether the world is up (the page renders before it is). */
export function useIsBooted(): boolean {
  return useContext(BootContext) !== undefined
}
