// One pod: a button with its whole state as its accessible name (opens the details), the
// kubectl-style cells, and inside it its containers side by side with the volumes they share
// drawn underneath, connected to the columns of the containers that mount them.
import { memo } from 'react';
import { countdownText, type ContainerModel } from './container-model';
import type { PodModel, VolumeModel } from './pod-model';
import { useAge, useClockText } from './use-cluster';

interface PodCardProps {
  pod: PodModel;
  selected: boolean;
  onSelect: (key: string) => void;
}

function Age({ since }: { since: number }) {
  return <>{useAge(since)}</>;
}

function Countdown({ at }: { at: number }) {
  const text = useClockText((now) => countdownText(at, now));
  return <span className="countdown">{`restart ${text}`}</span>;
}

const KIND_WORD = { init: 'init', sidecar: 'sidecar', regular: '' } as const;

function ContainerBox({ c, column }: { c: ContainerModel; column: number }) {
  const state = c.state === 'NotCreated' ? 'not created' : c.state;
  // one text each line: a card is painted again each time the view scrolls far, and each text
  // node is one more thing to walk
  const stateLine = [state, c.reason, c.state === 'Terminated' && c.exitCode !== undefined && `exit ${c.exitCode}`].filter(Boolean).join(' · ');
  const resources = [c.requests && `req ${c.requests}`, c.limits && `lim ${c.limits}`].filter(Boolean).join('; ');
  const tone = c.state === 'Running' ? (c.ready ? 'ok' : 'warn')
    : c.state === 'Terminated' ? (c.exitCode === 0 ? 'done' : 'err')
      : c.reason && /BackOff|Err|Invalid/.test(c.reason) ? 'err' : 'pending';
  return (
    <div className={`ctr tone-${tone}`} style={{ gridColumn: column, gridRow: 1 }} role="group" aria-label={c.label}>
      <div className="ctr-name">
        {KIND_WORD[c.kind] && <span className="ctr-kind">{KIND_WORD[c.kind]}</span>}
        {c.name}
      </div>
      <div className="ctr-state">{stateLine}</div>
      {c.backOff && <Countdown at={c.backOff.restartAt} />}
      {c.restartCount > 0 && <div className="ctr-line">{`restarts ${c.restartCount}`}</div>}
      {c.lastState && <div className="ctr-line">{`last: ${c.lastState.replace(/^Terminated: /, '')}`}</div>}
      {resources && <div className="ctr-line muted">{resources}</div>}
    </div>
  );
}

/** A volume: a stub under each mounting container (with its mount path) and a chip spanning them. */
function VolumeRows({ v, columns, row }: { v: VolumeModel; columns: Map<string, number>; row: number }) {
  const cols = v.mounts.map((m) => columns.get(m.container)!).filter((n) => n !== undefined);
  const first = cols.length ? Math.min(...cols) : 1;
  const last = cols.length ? Math.max(...cols) : 1;
  const label = `volume ${v.name} (${v.type}${v.source ? ` ${v.source}` : ''}), mounted by ${v.mounts.map((m) => `${m.container} at ${m.mountPath}${m.readOnly ? ' read-only' : ''}`).join(', ') || 'no container'}`;
  return (
    <>
      {v.mounts.map((m) => (
        <div key={`${m.container}:${m.mountPath}`} className="vol-stub" style={{ gridColumn: columns.get(m.container), gridRow: row }} aria-hidden="true">
          {m.readOnly ? `${m.mountPath} (ro)` : m.mountPath}
        </div>
      ))}
      <div className="vol-chip" style={{ gridColumn: `${first} / ${last + 1}`, gridRow: row + 1 }} role="img" aria-label={label}>
        <span className="vol-name">{v.name}</span> <span className="muted">{v.source ? `${v.type}: ${v.source}` : v.type}</span>
      </div>
    </>
  );
}

function PodCardImpl({ pod, selected, onSelect }: PodCardProps) {
  const columns = new Map(pod.containers.map((c, i) => [c.name, i + 1]));
  const volumes = pod.volumes.filter((v) => !v.token);
  return (
    <li className={`pod tone-${pod.tone}${pod.terminating ? ' terminating' : ''}${selected ? ' selected' : ''}`}>
      <button type="button" className="pod-head" data-pod={pod.key} aria-label={pod.label} aria-pressed={selected} onClick={() => onSelect(pod.key)}>
        <span className="pod-name">{pod.name}</span>{' '}
        <span className={`badge tone-${pod.tone}`}>{pod.status}</span>
      </button>
      <div className="pod-cells">
        <span title="READY">{pod.ready}</span>
        <span title="RESTARTS">{`↻ ${pod.restarts}`}</span>
        <span title="AGE"><Age since={pod.createdAt} /></span>
        {pod.namespace !== 'default' && <span className="muted">{pod.namespace}</span>}
      </div>
      <div className="pod-cells muted">
        <span>{pod.ip ?? 'no IP yet'}</span>
        {pod.ports.length > 0 && <span>{pod.ports.join(' ')}</span>}
      </div>
      {(pod.mirror || pod.terminating) && (
        <div className="pod-marks">
          {pod.mirror && <span className="mark">static (mirror)</span>}
          {pod.terminating && <span className="mark">terminating</span>}
        </div>
      )}
      <div className="ctrs" style={{ gridTemplateColumns: `repeat(${Math.max(pod.containers.length, 1)}, minmax(0, 1fr))` }}>
        {pod.containers.map((c, i) => <ContainerBox key={c.name} c={c} column={i + 1} />)}
        {volumes.map((v, i) => <VolumeRows key={v.name} v={v} columns={columns} row={2 + i * 2} />)}
      </div>
    </li>
  );
}

/** Re-renders only when its pod's model changes (the model is kept per stored object). */
export const PodCard = memo(PodCardImpl);
