// The kubelet's node heartbeat Lease: pkg/kubelet/kubelet.go NewMainKubelet builds the lease
// controller of k8s.io/component-helpers apimachinery/lease/controller.go for kube-node-lease/<node>,
// held by the node, with pkg/kubelet/util/nodelease.go SetNodeOwnerFunc as its post-process step.
// The controller syncs at once and then every renew interval; timers are clock tasks, so a
// snapshot carries the next renewal.
import type { KubeObject, ObjectInput, OwnerReference, StoredLease } from '../api/types';
import { toRFC3339Micro } from '../clock';
import type { EngineContext } from '../cluster/context';
import { isStatusError } from '../errors';

// pkg/kubelet/apis/config/v1beta1/defaults.go: NodeLeaseDurationSeconds defaults to 40
export const NODE_LEASE_DURATION_SECONDS = 40;
// pkg/kubelet/kubelet.go nodeLeaseRenewIntervalFraction (0.25): renewInterval = 0.25 × 40 s
export const NODE_LEASE_RENEW_INTERVAL_MS = NODE_LEASE_DURATION_SECONDS * 1000 * 0.25;
// staging/src/k8s.io/api/core/v1/types.go NamespaceNodeLease
export const NAMESPACE_NODE_LEASE = 'kube-node-lease';

export interface NodeLeaseState {
  /** the controller runs: its next sync is on the clock */
  running: boolean;
}

type Lease = StoredLease & KubeObject;

export class NodeLeaseController {
  private running = false;
  private readonly target: string;

  constructor(private readonly ctx: EngineContext, private readonly nodeName: string) {
    this.target = `kubelet/${nodeName}/lease`;
    ctx.clock.register(this.target, () => this.tick());
  }

  /** controller.go Run: sync now and then every renew interval (a restored controller already has its timer). */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.tick();
  }

  snapshot(): NodeLeaseState {
    return { running: this.running };
  }

  /** A snapshot from before node leases has no state: the controller then starts on start(). */
  restore(state: NodeLeaseState | undefined): void {
    this.running = state?.running ?? false;
  }

  private tick(): void {
    this.sync();
    // wait.JitterUntil(sync, renewInterval, 0.04, sliding): the next sync counts from the end of this one.
    // The jitter (up to 4%) is left out: it would draw from the cluster's random stream every 10 s.
    this.ctx.clock.schedule(NODE_LEASE_RENEW_INTERVAL_MS, this.target);
  }

  /**
   * controller.go sync: renew the lease, or create it when it is missing (ensureLease). Only
   * renewTime is asserted on an existing lease (newLease copies the base), plus the owner
   * reference when it has none. Failures wait for the next interval, as the kubelet logs and retries.
   */
  private sync(): void {
    const { store, clock } = this.ctx;
    const current = store.tryGet('leases', NAMESPACE_NODE_LEASE, this.nodeName) as Lease | undefined;
    const renewTime = toRFC3339Micro(clock.now());
    const ownerReferences = current?.metadata.ownerReferences?.length ? current.metadata.ownerReferences : this.nodeOwnerReferences();
    // newLease: a post-process error (the Node cannot be read) blocks both the create and the update
    if (!ownerReferences) return;
    try {
      if (current) {
        const next: ObjectInput = { ...current, metadata: { ...current.metadata, ownerReferences }, spec: { ...current.spec, renewTime } };
        store.update('leases', next, { owned: true });
      } else {
        store.create('leases', {
          apiVersion: 'coordination.k8s.io/v1',
          kind: 'Lease',
          metadata: { name: this.nodeName, namespace: NAMESPACE_NODE_LEASE, ownerReferences },
          // newLease: holder and duration; acquireTime and leaseTransitions stay unset for node leases
          spec: { holderIdentity: this.nodeName, leaseDurationSeconds: NODE_LEASE_DURATION_SECONDS, renewTime },
        }, { owned: true });
      }
    } catch (e) {
      // e.g. kube-node-lease deleted or terminating: "Failed to ensure lease exists, will retry"
      if (!isStatusError(e)) throw e;
    }
  }

  /** nodelease.go SetNodeOwnerFunc: the Node (apiVersion v1, kind, name, uid) owns its lease. */
  private nodeOwnerReferences(): OwnerReference[] | undefined {
    const node = this.ctx.store.tryGet('nodes', undefined, this.nodeName);
    return node ? [{ apiVersion: 'v1', kind: 'Node', name: this.nodeName, uid: node.metadata.uid }] : undefined;
  }
}
