// A node: its status, roles, taints, capacity and what its pods request (kubectl describe
// node's "Allocated resources"), and the pods it runs.
import type { NodeModel, Allocation } from './cluster-model';
import type { PodModel } from './pod-model';
import { PodCard } from './PodCard';

function Usage({ label, a, capacity }: { label: string; a: Allocation; capacity: string }) {
  const pct = Math.min(a.requestsPercent, 100);
  const tone = a.requestsPercent >= 90 ? 'err' : a.requestsPercent >= 70 ? 'warn' : 'ok';
  return (
    <div className="usage">
      <span className="usage-label">{label}</span>
      <span className="bar" aria-hidden="true">
        <span className={`fill tone-${tone}`} style={{ width: `${pct}%` }} />
      </span>
      <span className="usage-text">
        requests {a.requests} ({a.requestsPercent}%) of {capacity} · limits {a.limits} ({a.limitsPercent}%)
      </span>
    </div>
  );
}

interface NodeCardProps {
  node: NodeModel;
  pods: readonly PodModel[];
  selected: string | undefined;
  onSelect: (key: string) => void;
}

export function NodeCard({ node, pods, selected, onSelect }: NodeCardProps) {
  const headingId = `node-${node.name}`;
  return (
    <section className="node" aria-labelledby={headingId}>
      <header className="node-head">
        <h3 id={headingId} className="node-name">
          <span className="sr-only">Node </span>
          {node.name}
        </h3>
        <span className={`badge tone-${node.ready ? 'ok' : 'err'}`}>{node.status}</span>
        {node.roles.map((r) => <span key={r} className="chip">{r}</span>)}
        {node.unschedulable && <span className="chip tone-warn">cordoned</span>}
        {node.taints.map((t) => <span key={t} className="chip" title="taint">taint {t}</span>)}
        {node.internalIP && <span className="muted">{node.internalIP}</span>}
      </header>
      <div className="node-usage">
        <Usage label="CPU" a={node.allocated.cpu} capacity={node.capacity.cpu} />
        <Usage label="Memory" a={node.allocated.memory} capacity={node.capacity.memory} />
        <div className="usage">
          <span className="usage-label">Pods</span>
          <span className="usage-text">{node.allocated.pods} of {node.capacity.pods}</span>
        </div>
      </div>
      {pods.length === 0 ? (
        <p className="muted empty">No pods shown on this node.</p>
      ) : (
        <ul className="pods" aria-label={`Pods on ${node.name}`}>
          {pods.map((p) => <PodCard key={p.uid || p.key} pod={p} selected={selected === p.key} onSelect={onSelect} />)}
        </ul>
      )}
    </section>
  );
}
