// What a pod asks of a node: the effective resource requests, computed the way
// k8s.io/component-helpers resource/helpers.go PodRequests does (sidecar-aware init-container
// max rule, plus overhead), and turned into the scheduler's integer Resource
// (pkg/scheduler/framework/types.go Resource.Add).
import type { Container } from '../api/types';
import type { StoredPod } from '../api/types';
import { Quantity, tryParseQuantity } from '../../shared/quantity';

/** framework.Resource: cpu in millicores, the rest in base units (bytes, counts). */
export interface Resource {
  milliCPU: number;
  memory: number;
  ephemeralStorage: number;
  /** Extended resources, hugepages, attachable volumes (ScalarResources); absent when none. */
  scalar?: Record<string, number>;
}

export function emptyResource(): Resource {
  return { milliCPU: 0, memory: 0, ephemeralStorage: 0 };
}

type ResourceList = Map<string, Quantity>;

// pkg/scheduler/util/pod_resources.go DefaultMilliCPURequest / DefaultMemoryRequest: what a
// container without a cpu or memory request counts as when scoring (never when filtering).
export const DEFAULT_MILLI_CPU_REQUEST = 100;
export const DEFAULT_MEMORY_REQUEST = 200 * 1024 * 1024;
const NON_MISSING_DEFAULTS: ReadonlyMap<string, Quantity> = new Map([
  ['cpu', Quantity.fromMilli(DEFAULT_MILLI_CPU_REQUEST)],
  ['memory', Quantity.fromNumber(DEFAULT_MEMORY_REQUEST)],
]);

/**
 * resource/helpers.go PodRequests (AggregateContainerRequests + overhead):
 * max(sum of regular containers + sum of sidecars,
 *     max over init containers i of (request of i + sidecars declared before i)) + overhead.
 * With `nonMissing`, a container lacking cpu/memory counts the scheduler's defaults.
 */
export function podRequests(pod: StoredPod, nonMissing = false): ResourceList {
  const defaults = nonMissing ? NON_MISSING_DEFAULTS : undefined;
  const containers = pod.spec.containers ?? [];
  // Most pods: one container, no init containers, no overhead. The rules below then reduce to
  // that container's requests (same entries, same order), without the bookkeeping maps.
  if (containers.length === 1 && !pod.spec.initContainers?.length && !pod.spec.overhead) return containerRequests(containers[0]!, defaults);
  const reqs: ResourceList = new Map();
  for (const c of pod.spec.containers ?? []) addInto(reqs, containerRequests(c, defaults));

  const sidecars: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const c of pod.spec.initContainers ?? []) {
    const own = containerRequests(c, defaults);
    let inUse: ResourceList;
    if (c.restartPolicy === 'Always') {
      // A sidecar keeps running: it adds to the pod's steady state and to every later init step.
      addInto(reqs, own);
      addInto(sidecars, own);
      inUse = sidecars;
    } else {
      inUse = new Map(own);
      addInto(inUse, sidecars);
    }
    maxInto(initMax, inUse);
  }
  maxInto(reqs, initMax);
  addInto(reqs, parseList(pod.spec.overhead));
  return reqs;
}

/** framework.Resource.Add over a resource list (pods are not a request, so they are skipped). */
export function toResource(list: ResourceList): Resource {
  const r = emptyResource();
  for (const [name, q] of list) {
    switch (name) {
      case 'cpu': r.milliCPU += q.milliValue(); break;
      case 'memory': r.memory += q.value(); break;
      case 'ephemeral-storage': r.ephemeralStorage += q.value(); break;
      case 'pods': break;
      default:
        if (isScalarResourceName(name)) (r.scalar ??= {})[name] = (r.scalar[name] ?? 0) + q.value();
    }
  }
  return r;
}

/** A node's allocatable as framework.NewResource reads it, plus the allowed pod count. */
export function allocatableResource(allocatable: Record<string, unknown> | undefined): Resource & { allowedPodNumber: number } {
  const list = parseList(allocatable);
  const r = toResource(list);
  return { ...r, allowedPodNumber: list.get('pods')?.value() ?? 0 };
}

/**
 * pkg/scheduler/util IsScalarResourceName: extended resources (domain/name), prefixed native
 * resources, hugepages-* and attachable-volumes-*.
 */
export function isScalarResourceName(name: string): boolean {
  if (name.startsWith('hugepages-') || name.startsWith('attachable-volumes-')) return true;
  return name.includes('/') && !name.startsWith('requests.');
}

function containerRequests(c: Container, defaults: ReadonlyMap<string, Quantity> | undefined): ResourceList {
  const list = parseList(c.resources?.requests);
  // resource/helpers.go applyNonMissing: a default only where the key is absent (an explicit 0 stays 0)
  if (defaults) for (const [k, v] of defaults) if (!list.has(k)) list.set(k, v);
  return list;
}

function parseList(raw: Record<string, unknown> | undefined): ResourceList {
  const out: ResourceList = new Map();
  if (!raw) return out;
  for (const [name, v] of Object.entries(raw)) {
    const q = tryParseQuantity(v);
    if (q) out.set(name, q);
  }
  return out;
}

function addInto(list: ResourceList, more: ResourceList): void {
  for (const [k, q] of more) {
    const cur = list.get(k);
    list.set(k, cur ? cur.add(q) : q);
  }
}

function maxInto(list: ResourceList, other: ResourceList): void {
  for (const [k, q] of other) {
    const cur = list.get(k);
    if (!cur || q.cmp(cur) > 0) list.set(k, q);
  }
}
