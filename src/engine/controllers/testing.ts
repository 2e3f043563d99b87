// A bare engine context for controller and registry tests: clock, seeded random, store with every
// strategy, and the event recorder. No kubelet or scheduler: tests write pod status themselves.
import { Clock } from '../clock';
import { SeededRandom } from '../../shared/random';
import { ApiStore } from '../store/store';
import { EventRecorder } from '../events';
import type { EngineContext } from '../cluster/context';
import { registerStrategies } from '../registry';
import type { KubeObject, StoredPod } from '../api/types';
import { deepClone } from '../store/clone';

export function newTestContext(seed: number | string = 1, namespaces = ['default', 'kube-system']): EngineContext {
  const clock = new Clock();
  const random = new SeededRandom(seed);
  const store = new ApiStore(clock, random);
  registerStrategies(store);
  const events = new EventRecorder(store, clock);
  for (const name of namespaces) store.create('namespaces', { metadata: { name } });
  return { clock, random, store, events };
}

/** Make a pod look like the kubelet ran it (status only): Running, with an IP, Ready (or not). */
export function runPod(ctx: EngineContext, ns: string, name: string, opts: { ready?: boolean; ip?: string } = {}): StoredPod {
  const { store, clock } = ctx;
  const pod = store.get('pods', ns, name) as StoredPod;
  const next = deepClone(pod) as StoredPod;
  const ready = opts.ready ?? true;
  const now = clock.nowRFC3339();
  const prevReady = pod.status?.conditions?.find((c) => c.type === 'Ready');
  const ltt = prevReady && prevReady.status === (ready ? 'True' : 'False') ? prevReady.lastTransitionTime : now;
  next.status = {
    ...next.status,
    phase: 'Running',
    podIP: opts.ip ?? pod.status?.podIP ?? `10.244.0.${ctx.random.int(200) + 10}`,
    conditions: [{ type: 'Ready', status: ready ? 'True' : 'False', lastTransitionTime: ltt }],
  };
  next.status.podIPs = [{ ip: next.status.podIP! }];
  return store.updateStatus('pods', next as unknown as KubeObject) as StoredPod;
}
