// What every engine component (scheduler, kubelets, controllers) is built from, and the
// contract they follow so a whole cluster can be snapshotted and restored.
import type { Clock } from '../clock';
import type { SeededRandom } from '../../shared/random';
import type { ApiStore } from '../store/store';
import type { EventRecorder } from '../events';
import type { Taint } from '../api/types';

export interface EngineContext {
  clock: Clock;
  random: SeededRandom;
  store: ApiStore;
  events: EventRecorder;
}

/**
 * A controller-like part of the cluster. Constructors register clock handlers (so a restored
 * clock finds them); start() subscribes to store watches. snapshot()/restore() carry any state
 * that cannot be derived from the store (queues, backoff entries, caches of what was seen).
 * After restore(), start() is called; it must not redo work the snapshot already holds.
 */
export interface Component {
  readonly name: string;
  start(): void;
  snapshot?(): unknown;
  restore?(state: unknown): void;
}

/** A node as a lesson or test describes it; everything but the name has a minikube-like default. */
export interface NodeTopology {
  name: string;
  cpu?: string; // capacity, e.g. "2"
  memory?: string; // capacity, e.g. "3912Mi"
  pods?: number; // default 110
  ephemeralStorage?: string;
  labels?: Record<string, string>;
  taints?: Taint[];
  controlPlane?: boolean;
  unschedulable?: boolean;
  internalIP?: string; // default 192.168.49.(2+index)
  podCIDR?: string; // default 10.244.<index>.0/24
}

export interface Topology {
  nodes: NodeTopology[];
}

/** minikube's default single node (docker driver): 2 CPUs, ~4 GiB, podCIDR 10.244.0.0/24. */
export const DEFAULT_TOPOLOGY: Topology = {
  nodes: [{ name: 'minikube', cpu: '2', memory: '3912Mi', controlPlane: true, internalIP: '192.168.49.2', podCIDR: '10.244.0.0/24' }],
};
