// Per-namespace defaults the controller manager maintains:
// - the serviceaccounts-controller (pkg/controller/serviceaccount/serviceaccounts_controller.go)
//   ensures a "default" ServiceAccount in every active namespace;
// - the root-ca-cert-publisher (pkg/controller/certificates/rootcacertpublisher/publisher.go)
//   ensures the "kube-root-ca.crt" ConfigMap with the cluster CA bundle.
import type { Component, EngineContext } from '../cluster/context';
import type { KubeObject } from '../api/types';
import type { ApiStore } from '../store/store';
import { WorkQueue, type WorkQueueState } from './workqueue';
import { deepClone, deepEqual } from '../store/clone';
import { isStatusError } from '../errors';
import { ROOT_CA_CRT } from './root-ca';

// publisher.go RootCACertConfigMapName / DescriptionAnnotation / Description
export const ROOT_CA_CONFIGMAP = 'kube-root-ca.crt';
const DESCRIPTION_ANNOTATION = 'kubernetes.io/description';
const DESCRIPTION =
  'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. ' +
  'No other usage is guaranteed across distributions of Kubernetes clusters.';
export const DEFAULT_SERVICE_ACCOUNT = 'default';

/** serviceaccounts_controller.go syncNamespace: create the account if it is missing. */
export function ensureDefaultServiceAccount(store: ApiStore, ns: string): void {
  if (store.tryGet('serviceaccounts', ns, DEFAULT_SERVICE_ACCOUNT)) return;
  ignoreConflicts(() => store.create('serviceaccounts', { metadata: { name: DEFAULT_SERVICE_ACCOUNT, namespace: ns } }));
}

/** publisher.go syncNamespace: create the ConfigMap, or restore its data and description. */
export function ensureRootCAConfigMap(store: ApiStore, ns: string): void {
  const data = { 'ca.crt': ROOT_CA_CRT };
  const cm = store.tryGet('configmaps', ns, ROOT_CA_CONFIGMAP) as KubeObject | undefined;
  if (!cm) {
    ignoreConflicts(() =>
      store.create('configmaps', { metadata: { name: ROOT_CA_CONFIGMAP, namespace: ns, annotations: { [DESCRIPTION_ANNOTATION]: DESCRIPTION } }, data }),
    );
    return;
  }
  if (deepEqual(cm.data, data) && cm.metadata.annotations?.[DESCRIPTION_ANNOTATION]) return;
  const next = deepClone(cm);
  next.data = data;
  next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [DESCRIPTION_ANNOTATION]: DESCRIPTION };
  ignoreConflicts(() => store.update('configmaps', next));
}

function ignoreConflicts(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    // AlreadyExists, or Forbidden because the namespace started terminating: nothing to do.
    if (!isStatusError(e)) throw e;
  }
}

export class ServiceAccountController implements Component {
  readonly name = 'serviceaccount-controller';
  private readonly queue: WorkQueue;
  private restored = false;

  constructor(private readonly ctx: EngineContext) {
    this.queue = new WorkQueue(ctx.clock, 'serviceaccount', (ns) => this.sync(ns));
  }

  start(): void {
    const { store } = this.ctx;
    store.watch('namespaces', (e) => {
      if (e.type !== 'DELETED') this.queue.add(e.object.metadata.name);
    });
    store.watch('serviceaccounts', (e) => {
      if (e.type === 'DELETED' && e.object.metadata.name === DEFAULT_SERVICE_ACCOUNT) this.queue.add(e.object.metadata.namespace!);
    });
    store.watch('configmaps', (e) => {
      if (e.object.metadata.name === ROOT_CA_CONFIGMAP && e.type !== 'ADDED') this.queue.add(e.object.metadata.namespace!);
    });
    if (!this.restored) for (const ns of store.list('namespaces')) this.queue.add(ns.metadata.name);
  }

  snapshot(): { queue: WorkQueueState } {
    return { queue: this.queue.snapshot() };
  }

  restore(state: unknown): void {
    this.queue.restore((state as { queue: WorkQueueState }).queue);
    this.restored = true;
  }

  private sync(name: string): void {
    const ns = this.ctx.store.tryGet('namespaces', undefined, name);
    // Only active namespaces get content (a terminating one would refuse it anyway).
    if (!ns || ns.metadata.deletionTimestamp || ns.status?.phase !== 'Active') return;
    ensureDefaultServiceAccount(this.ctx.store, name);
    ensureRootCAConfigMap(this.ctx.store, name);
  }
}
