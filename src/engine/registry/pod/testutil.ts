// Test helpers: a store with the pod strategy registered, and small pod builders.
import { Clock } from '../../clock';
import { SeededRandom } from '../../../shared/random';
import { ApiStore } from '../../store/store';
import type { KubeObject, ObjectInput, StoredPod } from '../../api/types';
import { podStrategy } from './strategy';
import { deepClone } from '../../store/clone';

export function newStore(seed = 1): ApiStore {
  const store = new ApiStore(new Clock(), new SeededRandom(seed));
  store.registerStrategy('pods', podStrategy);
  return store;
}

/** What `kubectl run nginx --image=nginx --dry-run=client -o yaml` sends (facts §9.1). */
export function kubectlRunPod(name = 'nginx', image = 'nginx'): ObjectInput {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { creationTimestamp: null, labels: { run: name }, name } as unknown as ObjectInput['metadata'],
    spec: { containers: [{ image, name, resources: {} }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always' },
    status: {},
  };
}

export function pod(spec: Record<string, unknown>, meta: Record<string, unknown> = {}): ObjectInput {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', ...meta }, spec };
}

/** A deep, mutable copy of a stored pod for building updates. */
export function edit(p: KubeObject | StoredPod): any { // eslint-disable-line @typescript-eslint/no-explicit-any
  return deepClone(p);
}

/** The message of the StatusError `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error');
}
