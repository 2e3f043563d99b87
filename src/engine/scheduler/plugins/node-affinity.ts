// NodeAffinity (pkg/scheduler/framework/plugins/nodeaffinity/node_affinity.go): spec.nodeSelector
// and requiredDuringSchedulingIgnoredDuringExecution must match the node. Matching follows
// k8s.io/component-helpers scheduling/corev1/nodeaffinity/nodeaffinity.go and
// k8s.io/apimachinery labels/selector.go Requirement.Matches.
import type { NodeSelectorRequirement, NodeSelectorTerm, StoredNode, StoredPod } from '../../api/types';
import { ActionType, Status, type CycleState, type EnqueueExtensions, type FilterPlugin, type QueueingHint } from '../framework';
import type { NodeInfo } from '../node-info';

// node_affinity.go ErrReasonPod and errReasonConflict
export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

type Labels = Readonly<Record<string, string>>;

interface LabelRequirement {
  key: string;
  op: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Gt' | 'Lt';
  values: readonly string[];
}

interface FieldRequirement {
  key: string;
  op: 'In' | 'NotIn';
  value: string;
}

/** A parsed NodeSelectorTerm (nodeaffinity.go nodeSelectorTerm). `invalid` terms never match. */
interface ParsedTerm {
  labels?: LabelRequirement[];
  fields?: FieldRequirement[];
  invalid: boolean;
}

const LABEL_OPS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt']);
const INT64 = /^[+-]?\d+$/;

// nodeaffinity.go nodeSelectorRequirementsAsSelector + labels.NewRequirement's value checks.
function parseTerm(term: NodeSelectorTerm): ParsedTerm {
  const parsed: ParsedTerm = { invalid: false };
  if (term.matchExpressions?.length) {
    parsed.labels = [];
    for (const e of term.matchExpressions) {
      const values = e.values ?? [];
      if (!LABEL_OPS.has(e.operator) || !valuesValid(e, values)) {
        parsed.invalid = true;
        continue;
      }
      parsed.labels.push({ key: e.key, op: e.operator as LabelRequirement['op'], values });
    }
  }
  if (term.matchFields?.length) {
    parsed.fields = [];
    for (const e of term.matchFields) {
      // nodeSelectorRequirementsAsFieldSelector: In/NotIn with exactly one value
      if ((e.operator !== 'In' && e.operator !== 'NotIn') || (e.values ?? []).length !== 1) {
        parsed.invalid = true;
        continue;
      }
      parsed.fields.push({ key: e.key, op: e.operator, value: e.values![0]! });
    }
  }
  return parsed;
}

function valuesValid(e: NodeSelectorRequirement, values: readonly string[]): boolean {
  switch (e.operator) {
    case 'In': case 'NotIn': return values.length > 0;
    case 'Exists': case 'DoesNotExist': return values.length === 0;
    default: return values.length === 1 && INT64.test(values[0]!); // Gt / Lt
  }
}

function isEmptyTerm(t: NodeSelectorTerm): boolean {
  return !t.matchExpressions?.length && !t.matchFields?.length;
}

/** labels/selector.go Requirement.Matches */
function requirementMatches(r: LabelRequirement, labels: Labels): boolean {
  const has = Object.prototype.hasOwnProperty.call(labels, r.key);
  const v = labels[r.key];
  switch (r.op) {
    case 'In': return has && r.values.includes(v!);
    case 'NotIn': return !has || !r.values.includes(v!);
    case 'Exists': return has;
    case 'DoesNotExist': return !has;
    case 'Gt':
    case 'Lt': {
      if (!has || !INT64.test(v!)) return false;
      const lv = BigInt(v!);
      const rv = BigInt(r.values[0]!);
      return r.op === 'Gt' ? lv > rv : lv < rv;
    }
  }
}

function termMatches(t: ParsedTerm, node: StoredNode): boolean {
  return termMatchesLabels(t, node.metadata.labels ?? {}, node.metadata.name);
}

// nodeSelectorTerm.match; fields apply only when the node has any (extractNodeFields: a name).
function termMatchesLabels(t: ParsedTerm, labels: Labels, name: string | undefined): boolean {
  if (t.invalid) return false;
  if (t.labels && !t.labels.every((r) => requirementMatches(r, labels))) return false;
  if (t.fields && name) {
    for (const f of t.fields) {
      // metadata.name is the only node field; fields.Set.Get gives "" for any other key
      const actual = f.key === 'metadata.name' ? name : '';
      if (f.op === 'In' ? actual !== f.value : actual === f.value) return false;
    }
  }
  return true;
}

/**
 * component-helpers MatchNodeSelectorTerms against labels alone, as volume.CheckNodeAffinity
 * does for a PersistentVolume's nodeAffinity (it builds a nameless node, so matchFields are moot).
 */
export function nodeSelectorTermsMatchLabels(terms: readonly NodeSelectorTerm[], labels: Labels): boolean {
  return terms.filter((t) => !isEmptyTerm(t)).some((t) => termMatchesLabels(parseTerm(t), labels, undefined));
}

/** nodeaffinity.go RequiredNodeAffinity: nodeSelector AND (any required term). */
export class RequiredNodeAffinity {
  private readonly selector: [string, string][] | undefined;
  private readonly terms: ParsedTerm[] | undefined;

  constructor(pod: StoredPod) {
    const ns = pod.spec.nodeSelector;
    this.selector = ns && Object.keys(ns).length ? Object.entries(ns) : undefined;
    const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    // NewLazyErrorNodeSelector: empty terms select nothing and are dropped
    this.terms = required ? (required.nodeSelectorTerms ?? []).filter((t) => !isEmptyTerm(t)).map(parseTerm) : undefined;
  }

  matches(node: StoredNode): boolean {
    if (this.selector) {
      const labels = node.metadata.labels ?? {};
      for (const [k, v] of this.selector) if (labels[k] !== v) return false;
    }
    if (this.terms) return this.terms.some((t) => termMatches(t, node));
    return true;
  }
}

/** nodeaffinity.go PreferredSchedulingTerms, for NodeAffinity scoring. */
export class PreferredSchedulingTerms {
  private readonly terms: { term: ParsedTerm; weight: number }[] = [];

  constructor(pod: StoredPod) {
    for (const p of pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
      if (!p.weight || isEmptyTerm(p.preference)) continue;
      const term = parseTerm(p.preference);
      if (!term.invalid) this.terms.push({ term, weight: p.weight });
    }
  }

  get empty(): boolean {
    return this.terms.length === 0;
  }

  score(node: StoredNode): number {
    let s = 0;
    for (const t of this.terms) if (termMatches(t.term, node)) s += t.weight;
    return s;
  }
}

export interface AffinityPreFilter {
  skip: boolean;
  nodeNames?: Set<string>;
  status?: Status;
}

/**
 * node_affinity.go PreFilter: Skip when the pod has no selector or required affinity; otherwise
 * narrow the candidates to the node names of `matchFields metadata.name In` terms, if every term
 * has one. Terms that each name nodes but share none conflict.
 */
export function nodeAffinityPreFilter(pod: StoredPod): AffinityPreFilter {
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (!required && pod.spec.nodeSelector == null) return { skip: true };
  const terms = required?.nodeSelectorTerms ?? [];
  if (!required || terms.length === 0) return { skip: false };
  let nodeNames: Set<string> | undefined;
  for (const t of terms) {
    let termNames: Set<string> | undefined;
    for (const r of t.matchFields ?? []) {
      if (r.key !== 'metadata.name' || r.operator !== 'In') continue;
      const s = new Set(r.values ?? []);
      termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
    }
    // A term without a node-name field admits every node: the terms are ORed.
    if (!termNames) return { skip: false };
    nodeNames = new Set([...(nodeNames ?? []), ...termNames]);
  }
  if (nodeNames && nodeNames.size === 0) return { skip: false, status: Status.unresolvable(ERR_REASON_CONFLICT) };
  return { skip: false, nodeNames };
}

export const NodeAffinity: FilterPlugin & EnqueueExtensions = {
  name: 'NodeAffinity',

  filter(state: CycleState, nodeInfo: NodeInfo): Status | null {
    const required = state.requiredAffinity ?? new RequiredNodeAffinity(state.pod);
    return required.matches(nodeInfo.node!) ? null : Status.unresolvable(ERR_REASON_POD);
  },

  eventsToRegister() {
    return [{ event: { resource: 'Node', action: ActionType.Add | ActionType.UpdateNodeLabel }, hint: afterNodeChange }];
  },
};

// node_affinity.go isSchedulableAfterNodeChange: a node that now matches (and did not before).
function afterNodeChange(pod: StoredPod, oldObj: unknown, newObj: unknown): QueueingHint {
  const required = new RequiredNodeAffinity(pod);
  if (!required.matches(newObj as StoredNode)) return 'QueueSkip';
  if (!oldObj) return 'Queue';
  return required.matches(oldObj as StoredNode) ? 'QueueSkip' : 'Queue';
}
