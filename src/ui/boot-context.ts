import { createContext, useContext } from 'react'
import type { Booted } from '../state'

export const BootContext = createContext<Booted | undefined>(undefined)

export function useBooted(): Booted {
  const b = useContext(BootContext)
  if (!b) throw new Error('the app is rendered before boot')
  return b
}
