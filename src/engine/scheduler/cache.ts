// The scheduler's view of the cluster (pkg/scheduler/backend/cache/cache.go): one NodeInfo per
// node, updated incrementally from node and assigned-pod watch events. It is derived data, so a
// restored cluster rebuilds it from the store instead of snapshotting it.
import type { StoredNode } from '../api/types';
import { NodeInfo, type PodInfo } from './node-info';

export class SchedulerCache {
  /** Every NodeInfo, including "ghosts" holding pods whose node object is gone (as upstream). */
  private infos = new Map<string, NodeInfo>();
  /** uid -> node name, for assigned, non-terminal pods. */
  private podNodes = new Map<string, string>();
  /** Nodes that exist, in the order they were added (the snapshot's node list). */
  private list: NodeInfo[] | undefined = [];

  addNode(node: StoredNode): NodeInfo {
    const info = this.infoFor(node.metadata.name);
    const isNew = !info.node;
    info.setNode(node);
    if (isNew) this.list = undefined;
    return info;
  }

  updateNode(node: StoredNode): NodeInfo {
    return this.addNode(node);
  }

  removeNode(name: string): void {
    const info = this.infos.get(name);
    if (!info) return;
    info.node = undefined;
    if (info.pods.size === 0) this.infos.delete(name);
    this.list = undefined;
  }

  addPod(pi: PodInfo, nodeName: string): void {
    if (this.podNodes.has(pi.uid)) this.removePod(pi.uid);
    this.infoFor(nodeName).addPod(pi);
    this.podNodes.set(pi.uid, nodeName);
  }

  /** Refresh the object a cached pod points at (status changes: deletion, conditions). */
  updatePod(pi: PodInfo): void {
    const nodeName = this.podNodes.get(pi.uid);
    if (nodeName) this.infos.get(nodeName)?.pods.set(pi.uid, pi);
  }

  removePod(uid: string): PodInfo | undefined {
    const nodeName = this.podNodes.get(uid);
    if (nodeName === undefined) return undefined;
    this.podNodes.delete(uid);
    const info = this.infos.get(nodeName);
    const pi = info?.removePod(uid);
    if (info && !info.node && info.pods.size === 0) this.infos.delete(nodeName);
    return pi;
  }

  hasPod(uid: string): boolean {
    return this.podNodes.has(uid);
  }

  /** The NodeInfo of an existing node. */
  get(name: string): NodeInfo | undefined {
    const info = this.infos.get(name);
    return info?.node ? info : undefined;
  }

  /** Existing nodes in the order they were added. */
  nodes(): readonly NodeInfo[] {
    if (!this.list) this.list = [...this.infos.values()].filter((i) => i.node);
    return this.list;
  }

  clear(): void {
    this.infos.clear();
    this.podNodes.clear();
    this.list = [];
  }

  private infoFor(name: string): NodeInfo {
    let info = this.infos.get(name);
    if (!info) this.infos.set(name, (info = new NodeInfo(name)));
    return info;
  }
}
