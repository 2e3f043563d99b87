// A real engine cluster for the view-model tests, and shorthands to put pods on it.
import { Cluster, type ObjectInput, type Topology } from '../../engine';
import { runtimeFactory } from '../../state/world';

export function testCluster(topology?: Topology): Cluster {
  return Cluster.create({ seed: 7, topology, runtime: runtimeFactory() });
}

export interface PodOptions {
  image?: string;
  command?: string[];
  requests?: Record<string, string>;
  limits?: Record<string, string>;
  extra?: Record<string, unknown>;
}

/** A one-container pod in `default`. */
export function pod(name: string, o: PodOptions = {}): ObjectInput {
  const resources = o.requests || o.limits ? { resources: { requests: o.requests, limits: o.limits } } : {};
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default' },
    spec: { containers: [{ name: 'main', image: o.image ?? 'nginx', command: o.command, ...resources }], ...o.extra },
  };
}

export async function createPod(cluster: Cluster, obj: ObjectInput): Promise<void> {
  await cluster.api.create('pods', obj, { namespace: 'default' });
}
