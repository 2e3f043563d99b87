// Test fixtures for the scheduler: a bare cluster (store + clock + events, optionally the Pod
// strategy), and nodes and pods written straight into the store.
import { Clock } from '../clock';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import { EventRecorder } from '../events';
import type { EngineContext } from '../cluster/context';
import type { Container, ObjectInput, PodSpec, StoredEvent, StoredNode, StoredPod, Taint } from '../api/types';
import { Scheduler, type BindFn } from './scheduler';
import { podStrategy } from '../registry/pod';

export interface TestCluster {
  ctx: EngineContext;
  store: ApiStore;
  clock: Clock;
  scheduler: Scheduler;
}

/**
 * A cluster with just a scheduler. `podStrategy: true` registers the real Pod strategy (defaults,
 * admission, validation, graceful delete); without it pods are stored as given.
 */
export function newTestCluster(seed: number | string = 1, opts: { bind?: BindFn; start?: boolean; podStrategy?: boolean } = {}): TestCluster {
  const clock = new Clock();
  const random = new SeededRandom(seed);
  const store = new ApiStore(clock, random);
  if (opts.podStrategy) store.registerStrategy('pods', podStrategy);
  const events = new EventRecorder(store, clock);
  const ctx: EngineContext = { clock, random, store, events };
  const scheduler = new Scheduler(ctx, opts.bind ? { bind: opts.bind } : {});
  if (opts.start !== false) scheduler.start();
  return { ctx, store, clock, scheduler };
}

export interface NodeOptions {
  cpu?: string;
  memory?: string;
  pods?: string;
  ephemeralStorage?: string;
  extra?: Record<string, string>;
  labels?: Record<string, string>;
  taints?: Taint[];
  unschedulable?: boolean;
}

export function nodeObject(name: string, o: NodeOptions = {}): ObjectInput {
  const allocatable: Record<string, string> = {
    cpu: o.cpu ?? '2', memory: o.memory ?? '3912Mi', pods: o.pods ?? '110', 'ephemeral-storage': o.ephemeralStorage ?? '17Gi', ...o.extra,
  };
  return {
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...o.labels } },
    spec: { ...(o.taints ? { taints: o.taints } : {}), ...(o.unschedulable ? { unschedulable: true } : {}) },
    status: { capacity: { ...allocatable }, allocatable, conditions: [{ type: 'Ready', status: 'True' }] },
  };
}

export function addNode(store: ApiStore, name: string, o: NodeOptions = {}): StoredNode {
  return store.create('nodes', nodeObject(name, o));
}

/** A pod with one container `c`; `requests` go on that container. */
export function podObject(name: string, requests: Record<string, string> = {}, spec: Partial<PodSpec> = {}): ObjectInput {
  const container: Container = { name: 'c', image: 'nginx', ...(Object.keys(requests).length ? { resources: { requests } } : {}) };
  return { metadata: { name, namespace: 'default' }, spec: { containers: [container], ...spec } };
}

export function addPod(store: ApiStore, name: string, requests: Record<string, string> = {}, spec: Partial<PodSpec> = {}): StoredPod {
  return store.create('pods', podObject(name, requests, spec));
}

export function podNode(store: ApiStore, name: string): string | undefined {
  return store.get('pods', 'default', name).spec.nodeName;
}

/** Events about one pod with a given reason. */
export function eventsFor(store: ApiStore, name: string, reason?: string): StoredEvent[] {
  return store.list('events').filter((e) => e.involvedObject.name === name && (!reason || e.reason === reason));
}

export function podScheduledCondition(store: ApiStore, name: string) {
  return store.get('pods', 'default', name).status.conditions?.find((c) => c.type === 'PodScheduled');
}
