// A Vite plugin: the fresh cluster the app starts with, made at build time. Creating one runs
// 15 minutes of virtual warm-up (about a second of work on a slow machine); restoring its
// snapshot takes a few milliseconds. Restoring behaves exactly as the cluster it was taken from
// (src/state/start-cluster.test.ts replays the seed walkthroughs on both and compares).
import type { Plugin } from 'vite'
import { Cluster } from '../src/engine'

export const START_CLUSTER_MODULE = 'virtual:podlab-start-cluster'
const RESOLVED = `\0${START_CLUSTER_MODULE}`

export function startClusterPlugin(): Plugin {
  let json: string | undefined
  return {
    name: 'podlab-start-cluster',
    resolveId: (id) => (id === START_CLUSTER_MODULE ? RESOLVED : undefined),
    load(id) {
      if (id !== RESOLVED) return undefined
      // the cluster World.create() makes when given no seed and no topology
      json ??= JSON.stringify(Cluster.create().snapshot())
      return `export default ${JSON.stringify(json)}`
    },
  }
}
