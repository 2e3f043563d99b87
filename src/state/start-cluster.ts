// The fresh cluster the app starts with, restored from a snapshot made at build time instead of
// created (which runs 15 minutes of virtual warm-up). Loaded in its own chunk; until it has
// arrived, or for another seed or topology, clusters are created the slow way.
import { Cluster, type ClusterSnapshot } from '../engine';
import { startClusterText } from './build-data';

let startJson: string | undefined;

/** Fetch the build's start snapshot (boot awaits this alongside the save). */
export async function preloadStartCluster(): Promise<void> {
  if (startJson !== undefined) return;
  startJson = await startClusterText();
}

/** Cluster.create() for the default seed and topology, fast when the start snapshot is loaded. */
export function createDefaultCluster(runtime: NonNullable<Parameters<typeof Cluster.restore>[1]>['runtime']): Cluster {
  if (startJson === undefined) return Cluster.create({ runtime });
  return Cluster.restore(JSON.parse(startJson) as ClusterSnapshot, { runtime });
}

/** For tests: use this snapshot as the start snapshot (undefined: none). */
export function setStartSnapshot(json: string | undefined): void {
  startJson = json;
}
