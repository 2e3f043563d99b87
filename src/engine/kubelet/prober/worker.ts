// One probe worker: the per-container, per-probe-type state machine of the kubelet.
// Ported rules: pkg/kubelet/prober/worker.go (newWorker, doProbe). The worker holds its result
// (what the results manager would cache for the current container ID) and the run counters;
// the manager owns timers, events and the calls back into the kubelet.
import type { Probe } from '../../api/types';
import type { ProbeAttempt, ProbeType, Result } from './prober';

// pkg/apis/core/v1/defaults.go SetDefaults_Probe: used only if a spec reached us undefaulted.
const DEFAULT_PERIOD_SECONDS = 10;
const DEFAULT_SUCCESS_THRESHOLD = 1;
const DEFAULT_FAILURE_THRESHOLD = 3;

export interface WorkerState {
  type: ProbeType;
  result: Result;
  lastResult: Result;
  resultRun: number;
  onHold: boolean;
  /** The clock task id of the next probe; undefined while idle. */
  timer?: number;
}

/** What the worker needs to know about its container at the moment it probes. */
export interface ProbeView {
  now: number;
  startedAt: number;
  /** The container's started state (startup probe succeeded, or there is none). */
  started: boolean;
  run(): ProbeAttempt;
}

export interface ProbeStep {
  /** Probe again after periodSeconds. */
  tick: boolean;
  /** The cached result flipped to this value. */
  changed?: Result;
  /** Liveness or startup failed past its threshold: the container must be killed. */
  kill?: boolean;
}

// worker.go newWorker: readiness starts as Failure, liveness as Success, startup as Unknown.
export function initialResult(type: ProbeType): Result {
  return type === 'readiness' ? 'failure' : type === 'liveness' ? 'success' : 'unknown';
}

export function periodMs(spec: Probe): number {
  return (spec.periodSeconds || DEFAULT_PERIOD_SECONDS) * 1000;
}

export function initialDelayMs(spec: Probe): number {
  return (spec.initialDelaySeconds ?? 0) * 1000;
}

export class Worker {
  result: Result;
  // The zero value of results.Result in Go is Success, with a run of 0.
  lastResult: Result = 'success';
  resultRun = 0;
  onHold = false;
  timer: number | undefined;

  constructor(readonly type: ProbeType, readonly spec: Probe) {
    this.result = initialResult(type);
  }

  static fromState(state: WorkerState, spec: Probe): Worker {
    const w = new Worker(state.type, spec);
    w.result = state.result;
    w.lastResult = state.lastResult;
    w.resultRun = state.resultRun;
    w.onHold = state.onHold;
    w.timer = state.timer;
    return w;
  }

  state(): WorkerState {
    const s: WorkerState = { type: this.type, result: this.result, lastResult: this.lastResult, resultRun: this.resultRun, onHold: this.onHold };
    if (this.timer !== undefined) s.timer = this.timer;
    return s;
  }

  /**
   * worker.go doProbe, on seeing a new container ID: the result restarts from the initial
   * value and probing resumes. The run counters are deliberately kept, as upstream does.
   */
  newContainer(): void {
    this.result = initialResult(this.type);
    this.onHold = false;
  }

  /** worker.go doProbe, non-running container: the result becomes Failure. */
  containerStopped(): void {
    this.result = 'failure';
  }

  /** worker.go doProbe for a running container whose pod is not being deleted. */
  doProbe(view: ProbeView): ProbeStep {
    if (this.onHold) return { tick: false };
    // Probe disabled for InitialDelaySeconds: int32(seconds since start) < initialDelaySeconds.
    if (Math.floor((view.now - view.startedAt) / 1000) < (this.spec.initialDelaySeconds ?? 0)) return { tick: true };
    if (view.started) {
      // Stop probing for startup once the container has started.
      if (this.type === 'startup') return { tick: false };
    } else if (this.type !== 'startup') {
      // Disable other probes until the container has started.
      return { tick: true };
    }

    const attempt = view.run();
    // Prober error: throw the result away.
    if (attempt.errored) return { tick: true };
    const result = attempt.result;
    if (this.lastResult === result) {
      this.resultRun++;
    } else {
      this.lastResult = result;
      this.resultRun = 1;
    }
    const failureThreshold = this.spec.failureThreshold || DEFAULT_FAILURE_THRESHOLD;
    const successThreshold = this.spec.successThreshold || DEFAULT_SUCCESS_THRESHOLD;
    if ((result === 'failure' && this.resultRun < failureThreshold) || (result === 'success' && this.resultRun < successThreshold)) {
      // Below the threshold: leave the cached result unchanged.
      return { tick: true };
    }

    const changed = this.result !== result ? result : undefined;
    this.result = result;
    if ((this.type === 'liveness' || this.type === 'startup') && result === 'failure') {
      // The container will be restarted: hold until a new container ID shows up.
      this.onHold = true;
      this.resultRun = 0;
      return { tick: false, changed, kill: true };
    }
    // A startup success is final for this container: later ticks would only skip.
    if (this.type === 'startup') return { tick: false, changed };
    return { tick: true, changed };
  }
}
