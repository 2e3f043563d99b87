// The same data as the drawing, as plain tables (nodes, pods, containers, volumes): what a
// screen reader or a keyboard user reads instead of the cards.
import type { NodeModel } from './cluster-model';
import type { PodModel } from './pod-model';
import { useAge } from './use-cluster';

interface ClusterTableProps {
  nodes: readonly NodeModel[];
  pods: readonly PodModel[];
  onSelect: (key: string) => void;
}

function AgeCell({ since }: { since: number }) {
  return <td>{useAge(since)}</td>;
}

export function ClusterTable({ nodes, pods, onSelect }: ClusterTableProps) {
  return (
    <div className="cluster-tables" data-testid="cluster-table">
      <table>
        <caption>Nodes</caption>
        <thead>
          <tr>
            <th scope="col">Name</th><th scope="col">Status</th><th scope="col">Roles</th><th scope="col">CPU requests</th>
            <th scope="col">Memory requests</th><th scope="col">Pods</th><th scope="col">Taints</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((n) => (
            <tr key={n.name}>
              <th scope="row">{n.name}</th>
              <td>{n.status}</td>
              <td>{n.roles.join(', ') || '<none>'}</td>
              <td>{n.allocated.cpu.requests} ({n.allocated.cpu.requestsPercent}%) of {n.capacity.cpu}</td>
              <td>{n.allocated.memory.requests} ({n.allocated.memory.requestsPercent}%) of {n.capacity.memory}</td>
              <td>{n.allocated.pods} of {n.capacity.pods}</td>
              <td>{n.taints.join(', ') || '<none>'}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>Pods</caption>
        <thead>
          <tr>
            <th scope="col">Namespace</th><th scope="col">Name</th><th scope="col">Ready</th><th scope="col">Status</th>
            <th scope="col">Restarts</th><th scope="col">Age</th><th scope="col">IP</th><th scope="col">Node</th>
            <th scope="col">Ports</th><th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {pods.map((p) => (
            <tr key={p.key} data-pod-row={p.key}>
              <td>{p.namespace}</td>
              <th scope="row">
                <button type="button" className="link" onClick={() => onSelect(p.key)} aria-label={`Details of pod ${p.name}`}>
                  {p.name}
                </button>
              </th>
              <td>{p.ready}</td>
              <td>{p.status}</td>
              <td>{p.restarts}</td>
              <AgeCell since={p.createdAt} />
              <td>{p.ip ?? '<none>'}</td>
              <td>{p.nodeName ?? 'not scheduled'}</td>
              <td>{p.ports.join(', ')}</td>
              <td>{[p.mirror && 'static (mirror)', p.terminating && 'terminating', p.owner && `owned by ${p.owner}`].filter(Boolean).join('; ')}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>Containers</caption>
        <thead>
          <tr>
            <th scope="col">Pod</th><th scope="col">Container</th><th scope="col">Kind</th><th scope="col">Image</th><th scope="col">State</th>
            <th scope="col">Reason</th><th scope="col">Ready</th><th scope="col">Restarts</th><th scope="col">Last state</th>
            <th scope="col">Requests</th><th scope="col">Limits</th>
          </tr>
        </thead>
        <tbody>
          {pods.flatMap((p) =>
            p.containers.map((c) => (
              <tr key={`${p.key}/${c.name}`}>
                <td>{p.namespace}/{p.name}</td>
                <th scope="row">{c.name}</th>
                <td>{c.kind}</td>
                <td>{c.image}</td>
                <td>{c.state === 'NotCreated' ? 'not created' : c.state}</td>
                <td>{[c.reason, c.exitCode !== undefined && c.state === 'Terminated' && `exit ${c.exitCode}`].filter(Boolean).join(', ')}</td>
                <td>{c.ready ? 'yes' : 'no'}</td>
                <td>{c.restartCount}</td>
                <td>{c.lastState ?? ''}</td>
                <td>{c.requests}</td>
                <td>{c.limits}</td>
              </tr>
            )))}
        </tbody>
      </table>

      <table>
        <caption>Volumes</caption>
        <thead>
          <tr>
            <th scope="col">Pod</th><th scope="col">Volume</th><th scope="col">Type</th><th scope="col">Source</th><th scope="col">Mounted by</th>
          </tr>
        </thead>
        <tbody>
          {pods.flatMap((p) =>
            p.volumes.map((v) => (
              <tr key={`${p.key}/${v.name}`}>
                <td>{p.namespace}/{p.name}</td>
                <th scope="row">{v.name}</th>
                <td>{v.type}{v.token && ' (service account token)'}</td>
                <td>{v.source}</td>
                <td>{v.mounts.map((m) => `${m.container} at ${m.mountPath}${m.readOnly ? ' (read-only)' : ''}`).join('; ')}</td>
              </tr>
            )))}
        </tbody>
      </table>
    </div>
  );
}
