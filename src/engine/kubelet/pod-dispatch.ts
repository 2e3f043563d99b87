// One pod watch per API store, routed to the kubelet of each pod's node. A kubelet watches with
// the field selector spec.nodeName=<node> (pkg/kubelet/config/apiserver.go NewSourceApiserver);
// with a hundred kubelets, evaluating a hundred selectors on every pod write is the cost this
// avoids: the router looks the node up once.
import type { StoredPod } from '../api/types';
import type { ApiStore, WatchEvent } from '../store/store';

export type NodePodHandler = (e: WatchEvent<StoredPod>) => void;

class NodePodRouter {
  private handlers = new Map<string, NodePodHandler>();

  constructor(store: ApiStore) {
    store.watch('pods', (e) => this.route(e));
  }

  add(nodeName: string, handler: NodePodHandler): () => void {
    this.handlers.set(nodeName, handler);
    return () => {
      if (this.handlers.get(nodeName) === handler) this.handlers.delete(nodeName);
    };
  }

  private route(e: WatchEvent<StoredPod>): void {
    const now = e.object.spec?.nodeName ?? '';
    const before = e.type === 'MODIFIED' ? (e.oldObject?.spec?.nodeName ?? '') : now;
    if (now === before) {
      if (now) this.handlers.get(now)?.(e);
      return;
    }
    // A filtered watch sees the pod leave one selection and enter another.
    if (before) this.handlers.get(before)?.({ type: 'DELETED', object: e.object, oldObject: e.oldObject });
    if (now) this.handlers.get(now)?.({ type: 'ADDED', object: e.object });
  }
}

const routers = new WeakMap<ApiStore, NodePodRouter>();

/** Watch the pods bound to `nodeName`, as `store.watch('pods', h, {fieldSelector: spec.nodeName=...})` would. */
export function watchNodePods(store: ApiStore, nodeName: string, handler: NodePodHandler): () => void {
  let r = routers.get(store);
  if (!r) {
    r = new NodePodRouter(store);
    routers.set(store, r);
  }
  return r.add(nodeName, handler);
}
