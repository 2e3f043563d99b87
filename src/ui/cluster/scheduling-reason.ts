// Why a pod waits in the scheduling queue, in plain words. The input is what the scheduler wrote
// on the pod (the PodScheduled condition's reason and message, the FailedScheduling text) plus
// what the pod asks for and how much room each node has left, so a sentence can name the numbers
// ("the pod requests 3 CPUs, the largest free is 1.2 CPUs") the raw message leaves out.
import { bytesShort, cpuWords, plural } from './units';

/** What one node can still give a new pod (allocatable minus what its pods request). */
export interface NodeRoom {
  name: string;
  cpuFree: number; // milli-CPU
  memoryFree: number; // bytes
  ephemeralStorageFree: number; // bytes
  podsFree: number;
  podsMax: number;
}

/** What the pending pod asks for. */
export interface PodAsk {
  cpu: number; // milli-CPU
  memory: number; // bytes
  ephemeralStorage: number; // bytes
  nodeSelector?: Readonly<Record<string, string>>;
  schedulingGates?: readonly string[];
}

/** The scheduler's FitError message taken apart (pkg/scheduler/framework/types.go FitError.Error). */
export interface FitError {
  total: number;
  /** "count reason" histogram entries, or one entry with count 0 for a PreFilter message */
  reasons: { count: number; reason: string }[];
  preFilter?: string;
  /** what the PostFilter (preemption) plugin added, without the "preemption: " prefix */
  preemption?: string;
}

// types.go NoNodeAvailableMsg "0/%v nodes are available" + ": " + reasons + "."
const FIT_ERROR = /^0\/(\d+) nodes are available: (.*?)\.(?: preemption: (.*))?$/s;
// scheduler.go ErrNoNodesAvailable
const NO_NODES = 'no nodes available to schedule pods';

export function parseFitError(message: string): FitError | undefined {
  const m = FIT_ERROR.exec(message.trim());
  if (!m) return undefined;
  const total = Number(m[1]);
  const body = m[2]!;
  const preemption = m[3]?.trim();
  // sortReasonsHistogram entries are "%v %v" (count, reason) joined by ", "
  const parts = body.split(/, (?=\d+ )/);
  const histogram = parts.map((p) => /^(\d+) (.*)$/s.exec(p));
  if (histogram.every((h) => h !== null)) {
    return { total, reasons: histogram.map((h) => ({ count: Number(h![1]), reason: h![2]! })), preemption };
  }
  return { total, reasons: [], preFilter: body, preemption };
}

/** "The only node", "All 3 nodes", "2 of 3 nodes" — and whether the verb is plural. */
function whichNodes(count: number, total: number): { who: string; many: boolean } {
  if (count >= total) return total === 1 ? { who: 'The only node', many: false } : { who: `All ${total} nodes`, many: true };
  return { who: `${count} of ${total} nodes`, many: count !== 1 };
}

function largest(nodes: readonly NodeRoom[], pick: (n: NodeRoom) => number): number {
  return nodes.length ? Math.max(0, ...nodes.map(pick)) : 0;
}

/** One histogram reason in words. */
function explainReason(count: number, total: number, reason: string, ask: PodAsk, nodes: readonly NodeRoom[]): string {
  const { who, many } = whichNodes(count, total);
  const v = (one: string, more: string) => (many ? more : one);
  const none = count >= total;
  const short = (what: string) => (none ? `No node has enough free ${what}` : `${who} ${v("doesn't", "don't")} have enough free ${what}`);
  // noderesources/fit.go fitsRequest reasons
  if (reason === 'Insufficient cpu') {
    return `${short('CPU')}: the pod requests ${cpuWords(ask.cpu)}, the largest free is ${cpuWords(largest(nodes, (n) => n.cpuFree))}.`;
  }
  if (reason === 'Insufficient memory') {
    return `${short('memory')}: the pod requests ${bytesShort(ask.memory)}, the largest free is ${bytesShort(largest(nodes, (n) => n.memoryFree))}.`;
  }
  if (reason === 'Insufficient ephemeral-storage') {
    return `${short('disk space')}: the pod requests ${bytesShort(ask.ephemeralStorage)} of ephemeral storage, the largest free is ${bytesShort(largest(nodes, (n) => n.ephemeralStorageFree))}.`;
  }
  if (reason === 'Too many pods') {
    const max = largest(nodes, (n) => n.podsMax);
    return `${who} already ${v('runs', 'run')} as many pods as ${v('it allows', 'they allow')} (${max}).`;
  }
  if (reason.startsWith('Insufficient ')) return `${short(reason.slice('Insufficient '.length))}.`;
  // taint_toleration.go Filter: "node(s) had untolerated taint {%s: %s}"
  const taint = /^node\(s\) had untolerated taint \{(.*?): (.*)\}$/.exec(reason);
  if (taint) {
    const [, key, value] = taint;
    const hint = key === 'node-role.kubernetes.io/control-plane' ? ' (control-plane nodes keep ordinary pods off)' : '';
    return `${who} ${v('has', 'have')} a taint the pod does not tolerate: ${value ? `${key}=${value}` : key}${hint}.`;
  }
  // node_affinity.go ErrReasonPod
  if (reason === "node(s) didn't match Pod's node affinity/selector") {
    const sel = Object.entries(ask.nodeSelector ?? {}).map(([k, val]) => `${k}=${val}`);
    const asked = sel.length ? ` (nodeSelector: ${sel.join(', ')})` : '';
    return `${who} ${v('lacks', 'lack')} the labels the pod's node selector or affinity asks for${asked}.`;
  }
  // node_unschedulable.go ErrReasonUnschedulable
  if (reason === 'node(s) were unschedulable') return `${who} ${v('is', 'are')} cordoned (marked unschedulable).`;
  // node_ports.go ErrReason
  if (reason === "node(s) didn't have free ports for the requested pod ports") {
    return `${who} already ${v('has', 'have')} a pod using the host port this pod asks for.`;
  }
  // node_name.go ErrReason
  if (reason === "node(s) didn't match the requested node name") return `${who} ${v('is not', 'are not')} the node the pod asks for by name.`;
  // volume_binding.go ErrReasonNodeConflict
  if (reason === 'node(s) had volume node affinity conflict') return `${who} cannot reach the pod's volume (it is tied to another node).`;
  return `${plural(count, 'node')}: ${reason}.`;
}

/** A PreFilter message (one reason for the whole cluster) in words. */
function explainPreFilter(msg: string, ask: PodAsk): string {
  // volume_binding.go PreFilter
  if (msg === 'pod has unbound immediate PersistentVolumeClaims') return 'A PersistentVolumeClaim the pod uses is not bound to a volume yet.';
  const missing = /^persistentvolumeclaim "(.*)" not found$/.exec(msg);
  if (missing) return `The pod uses the PersistentVolumeClaim ${missing[1]}, which does not exist.`;
  const deleting = /^persistentvolumeclaim "(.*)" is being deleted$/.exec(msg);
  if (deleting) return `The pod uses the PersistentVolumeClaim ${deleting[1]}, which is being deleted.`;
  // scheduling_gates.go PreEnqueue
  if (msg.startsWith('waiting for scheduling gates')) return gatesSentence(ask);
  return `${msg}.`;
}

function gatesSentence(ask: PodAsk): string {
  const gates = ask.schedulingGates ?? [];
  return `The scheduler leaves the pod alone until its scheduling gates are removed${gates.length ? ` (${gates.join(', ')})` : ''}.`;
}

function explainPreemption(msg: string): string {
  // default_preemption.go / preemption.go messages
  if (msg.includes('No preemption victims found')) return 'Evicting lower-priority pods would not make room either.';
  if (msg.includes('preemptionPolicy=Never')) return 'The pod may not evict others to make room (preemptionPolicy: Never).';
  return `Preemption: ${msg}`;
}

/**
 * Why the pod is not scheduled, in plain words, from its PodScheduled condition.
 * `nodes` are the cluster's nodes with the room they have left.
 */
export function explainPending(condition: { reason?: string; message?: string } | undefined, ask: PodAsk, nodes: readonly NodeRoom[]): string {
  if (!condition || condition.reason === undefined) return 'Waiting for the scheduler to pick a node.';
  // pkg/apis/core/types.go PodReasonSchedulingGated
  if (condition.reason === 'SchedulingGated') return gatesSentence(ask);
  const message = condition.message ?? '';
  if (message === NO_NODES) return 'The cluster has no nodes to run it.';
  const fit = parseFitError(message);
  if (!fit) return message ? `The scheduler says: ${message}` : 'Waiting for the scheduler to pick a node.';
  const sentences = fit.preFilter !== undefined
    ? [explainPreFilter(fit.preFilter, ask)]
    : fit.reasons.map((r) => explainReason(r.count, fit.total, r.reason, ask, nodes));
  if (fit.preemption) sentences.push(explainPreemption(fit.preemption));
  return sentences.join(' ');
}
