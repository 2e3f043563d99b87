// Why a pod fits nowhere: per-node statuses (framework.NodeToStatus), the diagnosis of one
// scheduling attempt, and the FailedScheduling text built from them
// (pkg/scheduler/framework/types.go FitError.Error).
import { Status, type Code } from './framework';
import type { NodeInfo } from './node-info';

// pkg/scheduler/scheduler.go ErrNoNodesAvailable
export const NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

/**
 * interface.go NodeToStatus: explicit statuses for nodes that were filtered, and one status
 * standing for every other ("absent") node.
 */
export class NodeToStatus {
  private explicit = new Map<string, Status>();
  /** NewDefaultNodeToStatus: absent nodes are UnschedulableAndUnresolvable with no reason. */
  absent: Status = new Status('UnschedulableAndUnresolvable');

  set(node: string, status: Status): void {
    this.explicit.set(node, status);
  }

  get(node: string): Status {
    return this.explicit.get(node) ?? this.absent;
  }

  get size(): number {
    return this.explicit.size;
  }

  explicitEntries(): IterableIterator<[string, Status]> {
    return this.explicit.entries();
  }

  /** NodeToStatus.NodesForStatusCode, in node-list order (upstream iterates a Go map). */
  nodesForStatusCode(nodes: readonly NodeInfo[], code: Code): NodeInfo[] {
    if (this.absent.code !== code) return nodes.filter((n) => this.explicit.get(n.name)?.code === code);
    return nodes.filter((n) => this.get(n.name).code === code);
  }
}

/** framework.Diagnosis */
export interface Diagnosis {
  nodeToStatus: NodeToStatus;
  /** Plugins that rejected the pod somewhere: the queue asks only them whether an event helps. */
  unschedulablePlugins: Set<string>;
  preFilterMsg: string;
  postFilterMsg: string;
}

export function newDiagnosis(): Diagnosis {
  return { nodeToStatus: new NodeToStatus(), unschedulablePlugins: new Set(), preFilterMsg: '', postFilterMsg: '' };
}

/** Diagnosis.AddPluginStatus */
export function addPluginStatus(d: Diagnosis, s: Status): void {
  if (s.plugin && s.isRejected()) d.unschedulablePlugins.add(s.plugin);
}

/**
 * types.go FitError.Error:
 * `0/%v nodes are available:` + ` <PreFilterMsg>.` or ` <sorted "count reason" list>.`,
 * then ` <PostFilterMsg>` when a PostFilter plugin (preemption) said something.
 */
export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  // types.go NoNodeAvailableMsg = "0/%v nodes are available"
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg) {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const counts = new Map<string, number>();
    for (const [, status] of d.nodeToStatus.explicitEntries()) {
      for (const r of status.reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
    }
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0) for (const r of d.nodeToStatus.absent.reasons) counts.set(r, (counts.get(r) ?? 0) + absent);
    // sortReasonsHistogram: "%v %v" (count, reason), sorted as strings (so "10 …" sorts before "2 …")
    const histogram = [...counts].map(([reason, n]) => `${n} ${reason}`).sort(compareStrings);
    if (histogram.length) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg) msg += ` ${d.postFilterMsg}`;
  return msg;
}

/** Go's sort.Strings: byte-wise order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// pkg/scheduler/schedule_one.go truncateMessage: events are cut to validation.NoteLengthLimit (1024).
const NOTE_LENGTH_LIMIT = 1024;

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}
