// The live cluster view: nodes with their pods, containers and volumes, the scheduling queue,
// the events timeline, and a pod's describe/YAML on click; or the same data as tables.
// Keyboard: Tab or the arrow keys move between pods, Enter opens one, Esc closes the details.
import { useCallback, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useWorld } from '../../state';
import { ClusterErrorBoundary } from './ClusterErrorBoundary';
import { ClusterTable } from './ClusterTable';
import { EventsTimeline } from './EventsTimeline';
import { NodeCard } from './NodeCard';
import { PendingQueue } from './PendingQueue';
import { PodDetails } from './PodDetails';
import { useClusterModel, useEventRows, useWorldVersion } from './use-cluster';
import './cluster.css';

const ALL = '';
const NEXT_KEYS = new Set(['ArrowDown', 'ArrowRight']);
const PREV_KEYS = new Set(['ArrowUp', 'ArrowLeft']);

/** Arrow keys, Home and End move the focus among the pod buttons in `container`. */
function movePodFocus(e: KeyboardEvent<HTMLElement>): void {
  const target = e.target as HTMLElement;
  if (!target.matches('[data-pod]')) return;
  const buttons = [...e.currentTarget.querySelectorAll<HTMLElement>('button[data-pod]')];
  const at = buttons.indexOf(target);
  let next = -1;
  if (NEXT_KEYS.has(e.key)) next = Math.min(at + 1, buttons.length - 1);
  else if (PREV_KEYS.has(e.key)) next = Math.max(at - 1, 0);
  else if (e.key === 'Home') next = 0;
  else if (e.key === 'End') next = buttons.length - 1;
  if (next < 0) return;
  e.preventDefault();
  buttons[next]!.focus();
}

function ClusterViewBody() {
  const world = useWorld();
  const version = useWorldVersion(world);
  const model = useClusterModel(world, version);
  const events = useEventRows(world, version);
  const [table, setTable] = useState(false);
  const [namespace, setNamespace] = useState(ALL);
  const [showEvents, setShowEvents] = useState(true);
  const [selected, setSelected] = useState<string | undefined>();
  const [eventObject, setEventObject] = useState<{ kind: string; namespace: string; name: string } | undefined>();
  const rootRef = useRef<HTMLDivElement>(null);

  const onSelect = useCallback((key: string) => {
    const [ns = '', name = ''] = key.split('/');
    setSelected(key);
    setEventObject({ kind: 'Pod', namespace: ns, name });
  }, []);

  const close = useCallback(() => {
    const key = selected;
    setSelected(undefined);
    // back to the pod that was open
    if (key) rootRef.current?.querySelector<HTMLElement>(`button[data-pod="${CSS.escape(key)}"]`)?.focus();
  }, [selected]);

  const shown = useCallback((ns: string) => namespace === ALL || ns === namespace, [namespace]);
  const nodes = useMemo(() => model.nodes.map((n) => ({ node: n, pods: namespace === ALL ? n.pods : n.pods.filter((p) => shown(p.namespace)) })), [model, namespace, shown]);
  const pending = useMemo(() => model.pending.filter((p) => shown(p.pod.namespace)), [model, shown]);
  const allPods = useMemo(() => [...nodes.flatMap((n) => n.pods), ...pending.map((p) => p.pod)], [nodes, pending]);
  const open = selected ? model.pods.get(selected) : undefined;
  const [openNs = '', openName = ''] = selected?.split('/') ?? [];

  return (
    <div
      className="cluster-view"
      ref={rootRef}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && selected) {
          e.stopPropagation();
          close();
        }
      }}
    >
      <div className="cluster-toolbar" role="toolbar" aria-label="Cluster view">
        <div className="seg" role="group" aria-label="Show as">
          <button type="button" aria-pressed={!table} onClick={() => setTable(false)} data-focus-target>
            Cards
          </button>
          <button type="button" aria-pressed={table} onClick={() => setTable(true)}>
            Table
          </button>
        </div>
        <label className="ns-select">
          Namespace{' '}
          <select value={namespace} onChange={(e) => setNamespace(e.target.value)}>
            <option value={ALL}>all</option>
            {model.namespaces.map((ns) => <option key={ns} value={ns}>{ns}</option>)}
          </select>
        </label>
        <button type="button" aria-pressed={showEvents} onClick={() => setShowEvents(!showEvents)}>
          Events
        </button>
        <span className="muted" aria-live="polite">
          {model.nodes.length} {model.nodes.length === 1 ? 'node' : 'nodes'}, {allPods.length} pods{pending.length > 0 && `, ${pending.length} pending`}
        </span>
      </div>
      <div className="cluster-body">
        <div className="cluster-main" onKeyDown={movePodFocus} data-testid="cluster-main">
          {table ? (
            <ClusterTable nodes={model.nodes} pods={allPods} onSelect={onSelect} />
          ) : (
            <>
              <PendingQueue pending={pending} selected={selected} onSelect={onSelect} />
              {nodes.map(({ node, pods }) => <NodeCard key={node.name} node={node} pods={pods} selected={selected} onSelect={onSelect} />)}
              {model.nodes.length === 0 && <p className="muted empty">The cluster has no nodes.</p>}
            </>
          )}
        </div>
        {selected && (
          <PodDetails world={world} version={version} namespace={open?.namespace ?? openNs} name={open?.name ?? openName} onClose={close} />
        )}
      </div>
      {showEvents && <EventsTimeline rows={events} object={eventObject} onClearObject={() => setEventObject(undefined)} />}
    </div>
  );
}

export function ClusterView() {
  return (
    <ClusterErrorBoundary>
      <ClusterViewBody />
    </ClusterErrorBoundary>
  );
}
