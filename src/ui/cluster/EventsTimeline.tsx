// The events timeline, newest last like `kubectl events`: Warning events stand out; filter by
// one object (set by clicking a pod) and by text. Stays scrolled to the newest unless the learner
// scrolled up to read.
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { humanDuration } from '../../shared/duration';
import { filterEvents, type EventFilter, type EventRow } from './events-model';
import { useClockText } from './use-cluster';

/** Rendering thousands of rows costs more than anyone reads: the newest this many are shown. */
const SHOWN = 300;

interface EventsTimelineProps {
  rows: readonly EventRow[];
  object: EventFilter['object'];
  onClearObject: () => void;
}

function LastSeen({ at }: { at: number }) {
  return <>{useClockText((now) => humanDuration(now - at))}</>;
}

export function EventsTimeline({ rows, object, onClearObject }: EventsTimelineProps) {
  const [text, setText] = useState('');
  const [warningsOnly, setWarningsOnly] = useState(false);
  const listRef = useRef<HTMLOListElement>(null);
  const atBottom = useRef(true);
  const shown = useMemo(() => filterEvents(rows, { object, text, warningsOnly }), [rows, object, text, warningsOnly]);
  const visible = shown.length > SHOWN ? shown.slice(-SHOWN) : shown;

  useLayoutEffect(() => {
    const el = listRef.current;
    if (el && atBottom.current) el.scrollTop = el.scrollHeight;
  }, [visible]);

  useEffect(() => {
    atBottom.current = true;
  }, [object, text, warningsOnly]);

  return (
    <section className="events" aria-labelledby="events-heading">
      <div className="events-bar">
        <h3 id="events-heading" className="region-title">Events</h3>
        {object && (
          <span className="chip filter-chip">
            {object.kind}/{object.name}
            <button type="button" className="chip-x" aria-label={`Show events of every object, not only ${object.kind}/${object.name}`} onClick={onClearObject}>
              ×
            </button>
          </span>
        )}
        <label className="events-filter">
          <span className="sr-only">Filter events</span>
          <input type="search" placeholder="Filter events" value={text} onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={warningsOnly} onChange={(e) => setWarningsOnly(e.target.checked)} /> Warnings only
        </label>
        <span className="muted" aria-live="polite">
          {shown.length > SHOWN ? `newest ${SHOWN} of ${shown.length}` : `${shown.length} ${shown.length === 1 ? 'event' : 'events'}`}
        </span>
      </div>
      <ol
        ref={listRef}
        className="events-list"
        tabIndex={0}
        aria-label="Events, oldest first"
        onScroll={(e) => {
          const el = e.currentTarget;
          atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 8;
        }}
      >
        {visible.map((r) => (
          <li key={r.key} className={r.warning ? 'event warning' : 'event'}>
            <span className="ev-age"><LastSeen at={r.at} /></span>
            <span className={`ev-type${r.warning ? ' tone-warn' : ''}`}>{r.type}</span>
            <span className="ev-reason">{r.reason}</span>
            <span className="ev-object">{r.object}{r.count > 1 && ` (x${r.count})`}</span>
            <span className="ev-message">{r.message}</span>
          </li>
        ))}
        {visible.length === 0 && <li className="muted event">No events match.</li>}
      </ol>
    </section>
  );
}
