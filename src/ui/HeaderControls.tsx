// The header's controls that need the running world: the course navigation, the cluster's
// clock (pause/play, speed, +30 s, skip to the next event) and the Save menu.
import { useState, useSyncExternalStore } from 'react';
import { SPEEDS, useWorld } from '../state';
import { clockText, skipText } from './clock-format';
import { LessonNav } from './lesson/LessonNav';
import { SaveMenu } from './persist/SaveMenu';

export function HeaderControls() {
  return (
    <>
      <span className="header-slot" id="header-lesson">
        <LessonNav />
      </span>
      <ClockControls />
      <span className="header-slot" id="header-end">
        <SaveMenu />
      </span>
    </>
  );
}

function ClockControls() {
  const world = useWorld();
  const now = useSyncExternalStore(world.subscribe, () => Math.floor(world.now() / 1000));
  const control = useSyncExternalStore(world.subscribe, () => `${world.clockControl.paused}:${world.clockControl.speed}`);
  const [paused, speedText] = control.split(':');
  const speed = Number(speedText);
  const [skipped, setSkipped] = useState<string>('');

  return (
    <div className="clock" role="group" aria-label="Cluster clock">
      <span className="clock-time" data-testid="cluster-clock" title="Cluster time (UTC)" aria-live="off">
        {clockText(now * 1000)}
      </span>
      <button data-focus-target aria-label={paused === 'true' ? 'Play' : 'Pause'} onClick={() => world.setPaused(paused !== 'true')}>
        {paused === 'true' ? '▶' : '❚❚'}
      </button>
      <span role="radiogroup" aria-label="Clock speed" className="speeds">
        {SPEEDS.map((s) => (
          <button key={s} role="radio" aria-checked={speed === s} onClick={() => world.setSpeed(s)}>
            ×{s}
          </button>
        ))}
      </span>
      <button onClick={() => world.advance(30_000)} title="Move the cluster clock 30 seconds ahead">
        +30 s
      </button>
      <button
        onClick={() => {
          const ms = world.skipToNextEvent();
          setSkipped(ms > 0 ? skipText(ms) : 'nothing ahead');
        }}
        title="Jump ahead until something in the cluster changes"
      >
        Skip to next event
      </button>
      <span className="skipped" role="status">
        {skipped}
      </span>
    </div>
  );
}
