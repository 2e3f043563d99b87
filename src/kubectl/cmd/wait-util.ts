// Waiting on the virtual clock for objects to go away (kubectl pkg/cmd/wait IsDeleted, which
// delete --wait uses): watch each object by name and resolve once it is gone or replaced by one
// with another uid, the timeout passes, or the user presses Ctrl-C.
import { isStatusError, type KubeObject, type ResourceInfo } from '../../engine';
import type { KubectlEnv } from '../env';

export interface Awaited {
  resource: ResourceInfo;
  namespace: string | undefined;
  name: string;
  uid: string;
}

export type WaitOutcome = 'done' | 'timeout' | 'interrupted';

// wait.go: a zero --timeout means "wait a week"
export const WAIT_FOREVER_MS = 7 * 24 * 3600 * 1000;

/** Resolves when every object is gone; `onGone` runs for each as it goes. */
export async function waitForDeletion(env: KubectlEnv, items: readonly Awaited[], timeoutMs: number, onGone?: (a: Awaited) => void): Promise<WaitOutcome> {
  const pending = new Set<Awaited>();
  for (const it of items) if (await exists(env, it)) pending.add(it);
  else onGone?.(it);
  if (!pending.size) return 'done';
  return new Promise<WaitOutcome>((resolve) => {
    const stops: (() => void)[] = [];
    let settled = false;
    const finish = (o: WaitOutcome) => {
      if (settled) return;
      settled = true;
      for (const s of stops) s();
      resolve(o);
    };
    for (const it of pending) {
      stops.push(
        env.api.watch(it.resource.resource, { namespace: it.namespace, fieldSelector: `metadata.name=${it.name}` }, (e) => {
          const uid = ((e.object as KubeObject).metadata as { uid?: string } | undefined)?.uid;
          if (e.type !== 'DELETED' || uid !== it.uid || !pending.has(it)) return;
          pending.delete(it);
          onGone?.(it);
          if (!pending.size) finish('done');
        }),
      );
    }
    stops.push(env.interrupt.onInterrupt(() => finish('interrupted')));
    void env.sleep(timeoutMs).then(() => finish(pending.size ? 'timeout' : 'done'));
  });
}

async function exists(env: KubectlEnv, it: Awaited): Promise<boolean> {
  try {
    const obj = await env.api.get(it.resource.resource, it.namespace, it.name);
    return ((obj.metadata ?? {}) as { uid?: string }).uid === it.uid;
  } catch (e) {
    if (isStatusError(e, 'NotFound')) return false;
    throw e;
  }
}
