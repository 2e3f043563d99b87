// The world the learner works in: one cluster, the host shell session on it, and the clock
// that moves both in real time. The engine keeps its own state; the app reads it through
// `version` (bumped on every watch event) and the engine's own read methods.
import { Cluster, ContainerRuntime, type ClusterOptions, type ClusterSnapshot, type Topology } from '../engine';
import { LessonRuntime, type Lesson, type LessonProgress } from '../lesson';
import { HostSession, WORKSPACE, type HostSessionSnapshot, type SessionEvent, type SessionListener } from '../terminal';
import type { ClockControl } from './clock-control';
import { Scrollback } from './scrollback';
import { createDefaultCluster } from './start-cluster';


export interface WorldSnapshot {
  format: 'podlab-world/v1';
  cluster: ClusterSnapshot;
  session: HostSessionSnapshot;
  clock: ClockControl;
  /** what the terminal showed (redrawn on resume) */
  scrollback?: string;
  /** the lesson this world runs (absent: the sandbox) */
  lesson?: { id: string; progress: LessonProgress };
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
  /** bumped on every change to any object in the cluster but node leases (and when the cluster is replaced) */
  version = 0;
  /** bumped when the lesson's reset replaced the cluster and the terminal session */
  epoch = 0;
  /** bumped when a pod changes or an event is recorded: what "skip to next event" waits for */
  private happenings = 0;
  readonly clockControl: ClockControl;
  private readonly listeners = new Set<Listener>();
  private unsubscribe: () => void = () => undefined;
  private unwatchFiles: () => void = () => undefined;
  private readonly offReset: () => void = () => undefined;
  private disposed = false;

  private constructor(
    private readonly own: { cluster: Cluster; session: HostSession } | undefined,
    /** the lesson running in this world; it owns the cluster and the session */
    readonly lesson: LessonRuntime | undefined,
    clock: ClockControl,
    /** the terminal's output so far; it must have seen the session from its first prompt */
    readonly scrollback: Scrollback,
  ) {
    this.clockControl = { ...clock };
    this.follow();
    if (lesson) {
      this.offReset = lesson.onReset(() => {
        this.epoch++;
        this.version++;
        this.follow();
        this.notify();
      });
    }
  }

  get cluster(): Cluster {
    return this.lesson ? this.lesson.cluster : this.own!.cluster;
  }

  get session(): HostSession {
    return this.lesson ? this.lesson.session : this.own!.session;
  }

  private follow(): void {
    this.unwatchFiles();
    const lesson = this.lesson;
    if (lesson) {
      // a file written outside the shell (the editor, the lesson's "Open in editor") is a step
      // too: check the tasks once the writes of this turn are done
      let queued = false;
      this.unwatchFiles = this.session.fs.watch(WORKSPACE, () => {
        if (queued) return;
        queued = true;
        queueMicrotask(() => {
          queued = false;
          if (!this.disposed) void lesson.evaluate();
        });
      });
    }
    this.unsubscribe();
    this.unsubscribe = this.cluster.subscribe((resource) => {
      // every node renews its Lease every 10 s, and no view shows leases: not worth a re-render
      if (resource === 'leases') return;
      this.version++;
      // node heartbeats, leases and metrics change all the time; they are not "something happened"
      if (resource === 'pods' || resource === 'events') this.happenings++;
      this.notify();
    });
  }

  static create(opts: WorldOptions = {}, onEvent?: SessionListener): World {
    const cluster =
      opts.seed === undefined && opts.topology === undefined
        ? createDefaultCluster(runtimeFactory())
        : Cluster.create({ seed: opts.seed, topology: opts.topology, runtime: runtimeFactory() });
    const scrollback = new Scrollback();
    const session = new HostSession(cluster, { seed: opts.seed, columns: opts.columns, onEvent: recorder(scrollback, onEvent) });
    return new World({ cluster, session }, undefined, { speed: 1, paused: false }, scrollback);
  }

  /** A fresh start of a lesson: its cluster, its files and setup; `progress` carries on an earlier attempt. */
  static async startLesson(lesson: Lesson, opts: { progress?: LessonProgress; columns?: number; onEvent?: SessionListener } = {}): Promise<World> {
    const scrollback = new Scrollback();
    const runtime = new LessonRuntime(lesson, {
      progress: opts.progress,
      columns: opts.columns,
      onEvent: recorder(scrollback, opts.onEvent),
      // the default cluster (seed 1, minikube's one node) comes from the build's snapshot
      createCluster: (seed, topology) => (seed === 1 && !topology ? createDefaultCluster(runtimeFactory()) : Cluster.create({ seed, topology, runtime: runtimeFactory() })),
    });
    await runtime.start();
    return new World(undefined, runtime, { speed: 1, paused: false }, scrollback);
  }

  /**
   * Resume a saved world. Throws on a snapshot that is not one, or whose lesson is not in
   * `lessons` (the caller reports it and starts afresh).
   */
  static restore(snap: WorldSnapshot, opts: { columns?: number; lessons?: ReadonlyMap<string, Lesson> } = {}, onEvent?: SessionListener): World {
    if (snap?.format !== 'podlab-world/v1') throw new Error(`not a Podlab save (format ${JSON.stringify(snap?.format)})`);
    const scrollback = new Scrollback(snap.scrollback ?? '');
    const clock = snap.clock ?? { speed: 1, paused: false };
    if (snap.lesson) {
      const lesson = opts.lessons?.get(snap.lesson.id);
      if (!lesson) throw new Error(`the save is for lesson ${JSON.stringify(snap.lesson.id)}, which this version of Podlab does not have`);
      const runtime = new LessonRuntime(lesson, {
        snapshot: { format: 'podlab-lesson/v1', lesson: lesson.id, cluster: snap.cluster, session: snap.session, progress: snap.lesson.progress },
        columns: opts.columns,
        onEvent: recorder(scrollback, onEvent),
      });
      // With a snapshot, start() restores the cluster and the session before its first await
      // (the evaluation of the tasks), so the world is whole when this returns.
      void runtime.start();
      return new World(undefined, runtime, clock, scrollback);
    }
    const cluster = Cluster.restore(snap.cluster, { runtime: runtimeFactory() });
    const session = new HostSession(cluster, { snapshot: snap.session, columns: opts.columns, onEvent: recorder(scrollback, onEvent) });
    return new World({ cluster, session }, undefined, clock, scrollback);
  }

  /** `shared`: see Cluster.snapshot — for a caller that serializes the snapshot at once. */
  snapshot(opts: { shared?: boolean } = {}): WorldSnapshot {
    return {
      format: 'podlab-world/v1',
      cluster: this.cluster.snapshot(opts),
      session: this.session.snapshot(),
      clock: { ...this.clockControl },
      scrollback: this.scrollback.text(),
      ...(this.lesson ? { lesson: { id: this.lesson.lesson.id, progress: this.lesson.progress() } } : {}),
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
   * Jump ahead until something happens in the cluster (a pod changes, an event is recorded), at
   * most an hour. Returns the virtual ms skipped.
   */
  skipToNextEvent(): number {
    if (this.disposed) return 0;
    const start = this.now();
    const seen = this.happenings;
    this.cluster.clock.advanceUntil(() => this.happenings !== seen, SKIP_LIMIT_MS);
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
  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  };

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.unsubscribe();
    this.unwatchFiles();
    this.offReset();
    if (this.lesson) this.lesson.dispose();
    else this.session.dispose();
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
