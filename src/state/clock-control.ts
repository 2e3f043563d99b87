// How real time moves the cluster clock; apart from the World so the header needs no engine.

/** What the clock does with real time: multiplied by `speed`, or nothing while paused. */
export interface ClockControl {
  speed: number;
  paused: boolean;
}

/** The speeds the header offers. */
export const SPEEDS = [1, 10, 60] as const;
