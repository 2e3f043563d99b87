// The world the learner works in: one cluster, the host shell session on it, and the clock
// that moves both in real time. The engine keeps its own state; the app reads it through
// `version` (bumped on every watch event) and the engine's own read methods.
import { Cluster, ContainerRuntime, type ClusterOptions, type ClusterSnapshot, type Topology } from '../engine';
import { HostSession, type HostSessionSnapshot, type SessionEvent, type SessionListener } from '../terminal';
import { Scrollback } from './scrollback';

/** What the clock does with real time: multiplied by `speed`, or nothing while paused. */
export interface ClockControl {
  speed: number;
  paused: boolean;
}

export const SPEEDS = [1, 10, 60] as const;

export interface WorldSnapshot {
  format: 'podlab-world/v1';
  cluster: ClusterSnapshot;
  session: HostSessionSnapshot;
  clock: ClockControl;
  /** what the terminal showed (redrawn on resume) */
  scrollback?: string;
}

export interface WorldOptions {
  seed?: number | string;
  topology?: Topology;
  /** terminal width for completion listings and watch's header */
  columns?: number;
}

/** The built-in container runtime on every node (what `replay` and the tests use too). */
export function runtimeFactory(): NonNullable<ClusterOptions['runtime']> {
  return (ctx, node, nodeFs, network) => new ContainerRuntime(ctx, node, { nodeFs, network });
}

/** How far one real-time step may move the clock at most (a background tab wakes up late). */
const MAX_STEP_MS = 5_000;
/** "Skip to next event" looks this far ahead at most. */
const SKIP_LIMIT_MS = 60 * 60_000;

type Listener = () => void;

export class World {
  /** bumped on every change to any object in the cluster */
  version = 0;
  readonly clockControl: ClockControl;
  private readonly listeners = new Set<Listener>();
  private readonly unsubscribe: () => void;
  private disposed = false;

  private constructor(
    readonly cluster: Cluster,
    readonly session: HostSession,
    clock: ClockControl,
    /** the terminal's output so far; it must have seen the session from its first prompt */
    readonly scrollback: Scrollback,
  ) {
    this.clockControl = { ...clock };
    this.unsubscribe = cluster.subscribe(() => {
      this.version++;
      this.notify();
    });
  }

  static create(opts: WorldOptions = {}, onEvent?: SessionListener): World {
    const cluster = Cluster.create({ seed: opts.seed, topology: opts.topology, runtime: runtimeFactory() });
    const scrollback = new Scrollback();
    const session = new HostSession(cluster, { seed: opts.seed, columns: opts.columns, onEvent: recorder(scrollback, onEvent) });
    return new World(cluster, session, { speed: 1, paused: false }, scrollback);
  }

  /**
   * A world from parts built elsewhere (the lesson runtime starts its own cluster and session);
   * `scrollback` must have followed the session's output from the start (see `recorder`).
   */
  static of(cluster: Cluster, session: HostSession, scrollback: Scrollback, clock: ClockControl = { speed: 1, paused: false }): World {
    return new World(cluster, session, clock, scrollback);
  }

  /** Resume a saved world. Throws on a snapshot that is not one (the caller reports it). */
  static restore(snap: WorldSnapshot, opts: { columns?: number } = {}, onEvent?: SessionListener): World {
    if (snap?.format !== 'podlab-world/v1') throw new Error(`not a Podlab save (format ${JSON.stringify(snap?.format)})`);
    const cluster = Cluster.restore(snap.cluster, { runtime: runtimeFactory() });
    const scrollback = new Scrollback(snap.scrollback ?? '');
    const session = new HostSession(cluster, { snapshot: snap.session, columns: opts.columns, onEvent: recorder(scrollback, onEvent) });
    return new World(cluster, session, snap.clock ?? { speed: 1, paused: false }, scrollback);
  }

  snapshot(): WorldSnapshot {
    return {
      format: 'podlab-world/v1',
      cluster: this.cluster.snapshot(),
      session: this.session.snapshot(),
      clock: { ...this.clockControl },
      scrollback: this.scrollback.text(),
    };
  }

  /** Cluster time in epoch ms. */
  now(): number {
    return this.cluster.clock.now();
  }

  /** Real time passed: move the clock by it times the speed (unless paused). */
  tick(realMs: number): void {
    if (this.disposed || this.clockControl.paused || realMs <= 0) return;
    this.advance(Math.min(realMs, MAX_STEP_MS) * this.clockControl.speed);
  }

  /** Move the clock by `ms` of virtual time (the +30 s button, and tick). */
  advance(ms: number): void {
    if (this.disposed) return;
    this.cluster.clock.advance(ms);
    this.session.clockMoved();
    this.notify();
  }

  /**
   * Jump ahead until something in the cluster changes (an object is written: a pod changes
   * phase, an event is recorded), at most an hour. Returns the virtual ms skipped.
   */
  skipToNextEvent(): number {
    if (this.disposed) return 0;
    const start = this.now();
    const seen = this.version;
    this.cluster.clock.advanceUntil(() => this.version !== seen, SKIP_LIMIT_MS);
    this.session.clockMoved();
    this.notify();
    return this.now() - start;
  }

  setSpeed(speed: number): void {
    this.clockControl.speed = speed;
    this.notify();
  }

  setPaused(paused: boolean): void {
    this.clockControl.paused = paused;
    this.notify();
  }

  /** Called after any change worth re-rendering for (objects, the clock, the clock control). */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.session.dispose();
    this.listeners.clear();
  }

  private notify(): void {
    for (const l of this.listeners) l();
  }
}

/** A session listener that keeps the scrollback (and passes every event on). */
export function recorder(scrollback: Scrollback, next?: SessionListener): SessionListener {
  return (e: SessionEvent) => {
    if (e.type === 'output') scrollback.append(e.data);
    next?.(e);
  };
}
