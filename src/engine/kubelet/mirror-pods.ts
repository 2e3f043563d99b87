// Mirror pods: the API server's read-only copy of each static pod, so `kubectl get pods` shows
// what the kubelet runs from its manifest folder (pkg/kubelet/pod/mirror_client.go). The kubelet
// keeps them in step with its static pods (pkg/kubelet/kubelet.go syncPod / tryReconcileMirrorPods):
// a mirror that disappears or is being deleted is deleted for good and created anew, while the
// static pod's containers keep running.
import type { StoredNode, StoredPod } from '../api/types';
import type { EngineContext } from '../cluster/context';
import { WorkQueue, type WorkQueueState } from '../controllers/workqueue';
import { isStatusError } from '../errors';
import { deepClone, deepFreeze } from '../store/clone';
import type { WatchEvent } from '../store/store';
import { CONFIG_HASH_ANNOTATION_KEY, CONFIG_MIRROR_ANNOTATION_KEY } from './static-pods';

export interface MirrorPodClientState {
  wanted: StoredPod[];
  problems: [string, string][];
  waitingForNode: string[];
  queue: WorkQueueState;
}

export class MirrorPodClient {
  /** The static pods whose mirrors this kubelet keeps, by namespace/name (the pod's full name). */
  private wanted = new Map<string, StoredPod>();
  private problemsByKey = new Map<string, string>();
  /** Static pods whose mirror waits for the Node object (or its uid). */
  private waitingForNode = new Set<string>();
  private readonly queue: WorkQueue;
  private unwatch: (() => void)[] = [];

  /** Called after a mirror is created, so the status manager can write the pod's status onto it. */
  onMirrorCreated: ((staticPod: StoredPod, mirror: StoredPod) => void) | undefined;

  constructor(
    private readonly ctx: EngineContext,
    readonly nodeName: string,
    private readonly nodeUid: () => string,
  ) {
    this.queue = new WorkQueue(ctx.clock, `mirror-pods/${nodeName}`, (key) => this.reconcile(key));
  }

  /** Watch this node's pods (and the Node, for mirrors waiting on it). Idempotent; ensureMirror calls it too. */
  start(): void {
    if (this.unwatch.length) return;
    const { store } = this.ctx;
    this.unwatch.push(
      store.watch('pods', (e) => this.onPodEvent(e), { fieldSelector: `spec.nodeName=${this.nodeName}` }),
      store.watch('nodes', (e) => this.onNodeEvent(e)),
    );
  }

  /** Make sure the static pod has a current mirror: create it, or replace one that is stale or terminating. */
  ensureMirror(staticPod: StoredPod): void {
    this.start();
    const key = fullName(staticPod);
    this.wanted.set(key, staticPod);
    this.reconcile(key);
  }

  /** The static pod is gone: stop keeping its mirror and delete it (grace 0, by uid). */
  deleteMirror(staticPod: StoredPod): void {
    const key = fullName(staticPod);
    const current = this.wanted.get(key);
    const isCurrent = !current || current.metadata.uid === staticPod.metadata.uid;
    if (isCurrent) {
      this.wanted.delete(key);
      this.waitingForNode.delete(key);
      this.problemsByKey.delete(key);
    }
    const mirror = this.existingMirror(key);
    // A newer static pod of the same name keeps its own mirror; only this pod's mirror goes.
    if (!mirror || (!isCurrent && !isMirrorPodOf(mirror, staticPod))) return;
    this.deleteMirrorPod(mirror);
    if (!isCurrent) this.queue.add(key);
  }

  /** The mirror of a static pod in the store (matching hash), if there is one. */
  mirrorOf(staticPod: StoredPod): StoredPod | undefined {
    const m = this.existingMirror(fullName(staticPod));
    return m && isMirrorPodOf(m, staticPod) ? m : undefined;
  }

  /**
   * kubelet_pods.go deleteOrphanedMirrorPods: mirrors on this node whose static pod is gone.
   * The kubelet calls this from housekeeping, once its sources have been seen.
   */
  deleteOrphanedMirrorPods(): void {
    for (const pod of this.ctx.store.list('pods', { fieldSelector: `spec.nodeName=${this.nodeName}` })) {
      if (isMirrorPod(pod) && !this.wanted.has(fullName(pod))) this.deleteMirrorPod(pod);
    }
  }

  /** Why a mirror could not be made, as the kubelet logs it, by pod full name. */
  problems(): { pod: string; message: string }[] {
    return [...this.problemsByKey].map(([pod, message]) => ({ pod, message }));
  }

  snapshot(): MirrorPodClientState {
    return deepClone({
      wanted: [...this.wanted.values()],
      problems: [...this.problemsByKey],
      waitingForNode: [...this.waitingForNode],
      queue: this.queue.snapshot(),
    });
  }

  restore(state: unknown): void {
    const s = deepClone(state as MirrorPodClientState);
    this.wanted = new Map(s.wanted.map((p) => [fullName(p), deepFreeze(p)]));
    this.problemsByKey = new Map(s.problems);
    this.waitingForNode = new Set(s.waitingForNode);
    this.queue.restore(s.queue);
  }

  // ---------- watches: only enqueue, the work happens in a clock task ----------

  private onPodEvent(e: WatchEvent<StoredPod>): void {
    const key = fullName(e.object);
    const sp = this.wanted.get(key);
    if (!sp) return;
    if (e.type === 'DELETED' || e.object.metadata.deletionTimestamp || !isMirrorPodOf(e.object, sp)) this.queue.add(key);
  }

  private onNodeEvent(e: WatchEvent<StoredNode>): void {
    if (e.object.metadata.name !== this.nodeName || e.type === 'DELETED') return;
    for (const key of this.waitingForNode) this.queue.add(key);
  }

  // ---------- reconcile (kubelet.go tryReconcileMirrorPods) ----------

  private reconcile(key: string): void {
    const staticPod = this.wanted.get(key);
    if (!staticPod) return;
    const mirror = this.existingMirror(key);
    if (mirror) {
      if (!mirror.metadata.deletionTimestamp && isMirrorPodOf(mirror, staticPod)) return;
      // "The mirror pod is semantically different from the static pod. Remove it. The mirror pod will get recreated later."
      // Not deleted (NotFound/Conflict) means another writer won; its watch event brings us back.
      if (!this.deleteMirrorPod(mirror)) return;
    }
    this.createMirrorPod(key, staticPod);
  }

  // mirror_client.go CreateMirrorPod
  private createMirrorPod(key: string, staticPod: StoredPod): void {
    this.waitingForNode.delete(key);
    const node = this.ctx.store.tryGet('nodes', undefined, this.nodeName);
    if (!node) {
      // kubelet.go: "No need to create a mirror pod, since failed to get node info from the cluster"
      this.problemsByKey.set(key, 'No need to create a mirror pod, since failed to get node info from the cluster');
      this.waitingForNode.add(key);
      return;
    }
    if (node.metadata.deletionTimestamp) {
      this.problemsByKey.set(key, 'No need to create a mirror pod, since node has been removed from the cluster');
      return;
    }
    const nodeUid = this.nodeUid() || node.metadata.uid;
    if (!nodeUid) {
      // mirror_client.go getNode: "UID unset for current node"
      this.problemsByKey.set(key, 'Failed creating a mirror pod: failed to get node UID: UID unset for current node');
      this.waitingForNode.add(key);
      return;
    }
    const hash = staticPod.metadata.annotations?.[CONFIG_HASH_ANNOTATION_KEY] ?? '';
    const copy = deepClone(staticPod);
    const meta = copy.metadata as Partial<StoredPod['metadata']>;
    delete meta.uid; // the API server gives the mirror its own uid
    delete meta.resourceVersion;
    delete meta.creationTimestamp;
    delete (copy as { status?: unknown }).status;
    copy.metadata.annotations = { ...copy.metadata.annotations, [CONFIG_MIRROR_ANNOTATION_KEY]: hash };
    // MirrorPodNodeRestriction: a mirror pod is owned by its node.
    copy.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: nodeUid, controller: true }];
    try {
      const mirror = this.ctx.store.create('pods', copy);
      this.problemsByKey.delete(key);
      this.onMirrorCreated?.(staticPod, mirror);
    } catch (e) {
      if (isStatusError(e, 'AlreadyExists')) {
        // "Check if the existing pod is the same as the pod we want to create."
        const existing = this.ctx.store.tryGet('pods', staticPod.metadata.namespace, staticPod.metadata.name);
        if (existing && existing.metadata.annotations?.[CONFIG_MIRROR_ANNOTATION_KEY] === hash) {
          this.problemsByKey.delete(key);
          return;
        }
      }
      // kubelet.go: "Failed creating a mirror pod for"
      this.problemsByKey.set(key, `Failed creating a mirror pod for: ${(e as Error).message}`);
    }
  }

  // mirror_client.go DeleteMirrorPod: grace period 0 and a uid precondition; NotFound and Conflict mean someone else won.
  private deleteMirrorPod(mirror: StoredPod): boolean {
    try {
      this.ctx.store.delete('pods', mirror.metadata.namespace, mirror.metadata.name, {
        gracePeriodSeconds: 0,
        preconditions: { uid: mirror.metadata.uid },
      });
      return true;
    } catch (e) {
      if (isStatusError(e, 'NotFound') || isStatusError(e, 'Conflict')) return false;
      throw e;
    }
  }

  private existingMirror(key: string): StoredPod | undefined {
    const [namespace, name] = splitKey(key);
    const pod = this.ctx.store.tryGet('pods', namespace, name);
    return pod && isMirrorPod(pod) && pod.spec.nodeName === this.nodeName ? pod : undefined;
  }
}

/** pkg/kubelet/types IsMirrorPod: the pod carries kubernetes.io/config.mirror. */
export function isMirrorPod(pod: StoredPod): boolean {
  return pod.metadata.annotations?.[CONFIG_MIRROR_ANNOTATION_KEY] !== undefined;
}

/** pkg/kubelet/pod/pod_manager.go IsMirrorPodOf: same full name and the mirror's hash is the static pod's. */
export function isMirrorPodOf(mirror: StoredPod, staticPod: StoredPod): boolean {
  if (mirror.metadata.name !== staticPod.metadata.name || mirror.metadata.namespace !== staticPod.metadata.namespace) return false;
  const hash = mirror.metadata.annotations?.[CONFIG_MIRROR_ANNOTATION_KEY];
  return hash !== undefined && hash === staticPod.metadata.annotations?.[CONFIG_HASH_ANNOTATION_KEY];
}

function fullName(pod: StoredPod): string {
  return `${pod.metadata.namespace ?? 'default'}/${pod.metadata.name}`;
}

function splitKey(key: string): [string, string] {
  const i = key.indexOf('/');
  return [key.slice(0, i), key.slice(i + 1)];
}
