// The scheduling queue: pods no node has taken, under why they wait, in plain words and as the
// scheduler wrote it (once for all the pods that wait for the same reason).
import { useMemo } from 'react';
import { groupPending, type PendingPod } from './cluster-model';
import { PodCard } from './PodCard';

interface PendingQueueProps {
  pending: readonly PendingPod[];
  selected: string | undefined;
  onSelect: (key: string) => void;
}

export function PendingQueue({ pending, selected, onSelect }: PendingQueueProps) {
  const groups = useMemo(() => groupPending(pending), [pending]);
  if (pending.length === 0) return null;
  return (
    <section className="pending" aria-labelledby="pending-heading">
      <h3 id="pending-heading" className="pending-title">Pending: not scheduled ({pending.length})</h3>
      {groups.map((g) => (
        <div key={`${g.explanation}\n${g.schedulerMessage ?? ''}`} className="pending-group">
          <div className="why">
            <p>
              <strong>Why: </strong>
              {g.explanation}
            </p>
            {g.schedulerMessage && (
              <p className="scheduler-msg">
                <span className="sr-only">Scheduler message: </span>
                {g.schedulerMessage}
              </p>
            )}
          </div>
          <ul className="pods pending-pods" aria-label={`${g.pods.length} ${g.pods.length === 1 ? 'pod waits' : 'pods wait'} for this reason`}>
            {g.pods.map((p) => <PodCard key={p.uid || p.key} pod={p} selected={selected === p.key} onSelect={onSelect} />)}
          </ul>
        </div>
      ))}
    </section>
  );
}
