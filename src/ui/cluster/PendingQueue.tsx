// The scheduling queue: pods no node has taken, each with why, in plain words and as the
// scheduler wrote it.
import type { PendingPod } from './cluster-model';
import { PodCard } from './PodCard';

interface PendingQueueProps {
  pending: readonly PendingPod[];
  selected: string | undefined;
  onSelect: (key: string) => void;
}

export function PendingQueue({ pending, selected, onSelect }: PendingQueueProps) {
  if (pending.length === 0) return null;
  return (
    <section className="pending" aria-labelledby="pending-heading">
      <h3 id="pending-heading" className="pending-title">Pending: not scheduled ({pending.length})</h3>
      <ul className="pods pending-pods" aria-label="Pods waiting for a node">
        {pending.map((p) => (
          <PodCard
            key={p.pod.uid || p.pod.key}
            pod={p.pod}
            selected={selected === p.pod.key}
            onSelect={onSelect}
            note={
              <div className="why">
                <p>
                  <strong>Why: </strong>
                  {p.explanation}
                </p>
                {p.schedulerMessage && (
                  <p className="scheduler-msg">
                    <span className="sr-only">Scheduler message: </span>
                    {p.schedulerMessage}
                  </p>
                )}
              </div>
            }
          />
        ))}
      </ul>
    </section>
  );
}
