// startLesson: a lesson running — its cluster (the frontmatter's topology), the learner's terminal
// with the starting files, the setup already done, the lesson's terminal commands installed — and
// the LessonRuntime that re-evaluates every task after each command and as the cluster changes,
// tracks progress (tasks done, hints revealed), runs solutions and resets.
import { Cluster, resolvePath, type ClusterSnapshot } from '../engine';
import { settle } from '../terminal/driver';
import { HOME, WORKSPACE } from '../terminal/host-fs';
import { HostSession, type HostSessionSnapshot, type SessionListener } from '../terminal/session';
import { evaluateTask, type CheckContext } from './checks';
import { guardCommand, lessonCommands, type LessonCommandHost } from './commands';
import { checkText, hintText, solutionQuestion, whereText } from './texts';
import type { Lesson, Task } from './types';
import { splitWords } from './words';

export interface TaskResult {
  id: string;
  title: string;
  /** index into lesson.steps */
  step: number;
  passed: boolean;
  /** passed at some point (progress): stays true when a later change breaks it again */
  done: boolean;
  /** what is still missing, in plain words ("done" when passed) */
  message: string;
  hintsShown: number;
  hints: number;
}

/** What is saved per lesson: serialisable JSON. */
export interface LessonProgress {
  format: 'podlab-lesson-progress/v1';
  lesson: string;
  done: string[];
  /** hints revealed per task id */
  hints: Record<string, number>;
  /** bash's number of the first history entry typed in this lesson (`ran` checks look from there) */
  historyOffset: number;
}

/** A running lesson, whole: the cluster, the terminal and the progress. */
export interface LessonSnapshot {
  format: 'podlab-lesson/v1';
  lesson: string;
  cluster: ClusterSnapshot;
  session: HostSessionSnapshot;
  progress: LessonProgress;
}

export interface StartOptions {
  seed?: number | string;
  /** continue a saved lesson (cluster, terminal, progress) */
  snapshot?: LessonSnapshot;
  /** progress to continue with on a fresh cluster */
  progress?: LessonProgress;
  /**
   * Builds the lesson's fresh cluster (default: Cluster.create). The app passes one that restores
   * its build-time snapshot of the default cluster instead of warming a new one up.
   */
  createCluster?: (seed: number | string, topology: Lesson['topology']) => Cluster;
  /** the terminal's listener from the first prompt on (kept across resets) */
  onEvent?: SessionListener;
  columns?: number;
  /**
   * Evaluate after each prompt and store change, and type queued solution commands at prompts
   * (default true). lessons:check drives the session itself and evaluates on demand.
   */
  auto?: boolean;
}

/** A setup line that did not succeed. */
export interface SetupFailure {
  /** index into lesson.setup */
  index: number;
  output: string;
}

const STATUS_MARK = '__podlab_status=';

export async function startLesson(lesson: Lesson, opts: StartOptions = {}): Promise<LessonRuntime> {
  const rt = new LessonRuntime(lesson, opts);
  await rt.start();
  return rt;
}

export class LessonRuntime {
  private cluster_!: Cluster;
  private session_!: HostSession;
  private readonly done = new Set<string>();
  private readonly hintsShown = new Map<string, number>();
  private historyOffset = 1;
  private latest: TaskResult[];
  private readonly changeListeners = new Set<(results: readonly TaskResult[]) => void>();
  private readonly celebrateListeners = new Set<(task: Task) => void>();
  private readonly resetListeners = new Set<() => void>();
  private detach: (() => void)[] = [];
  private lastEvalAt = -Infinity;
  private storeChanged = true;
  private queuedEval: Promise<readonly TaskResult[]> | undefined;
  private running: Promise<unknown> = Promise.resolve();
  private readonly typing: string[] = [];
  private pumpQueued = false;
  private drained: (() => void)[] = [];
  setupFailures: SetupFailure[] = [];
  /** what the setup printed, in a terminal of its own that the learner does not see */
  setupTranscript = '';

  constructor(readonly lesson: Lesson, private readonly opts: StartOptions) {
    const progress = opts.snapshot?.progress ?? opts.progress;
    if (progress && progress.lesson === lesson.id) {
      for (const id of progress.done) this.done.add(id);
      for (const [id, n] of Object.entries(progress.hints)) this.hintsShown.set(id, n);
      this.historyOffset = progress.historyOffset;
    }
    this.latest = lesson.tasks.map((t) => this.result(t, false, 'not checked yet'));
  }

  get cluster(): Cluster {
    return this.cluster_;
  }

  /** The learner's terminal (a new one after `reset`). */
  get session(): HostSession {
    return this.session_;
  }

  /**
   * Build the cluster and the terminal (startLesson calls this). With a snapshot both are restored
   * before the first await, so `cluster` and `session` exist as soon as this is called.
   */
  async start(): Promise<void> {
    const snap = this.opts.snapshot;
    if (snap && snap.lesson === this.lesson.id) {
      this.cluster_ = Cluster.restore(snap.cluster);
      this.attach(this.newSession(snap.session));
    } else await this.build();
    await this.evaluate();
  }

  // ---------- what the UI reads ----------

  results(): readonly TaskResult[] {
    return this.latest;
  }

  /** Called with the new results whenever one changes; returns the unsubscribe function. */
  onChange(listener: (results: readonly TaskResult[]) => void): () => void {
    this.changeListeners.add(listener);
    return () => void this.changeListeners.delete(listener);
  }

  /** Called once per task, when it passes for the first time. */
  onCelebrate(listener: (task: Task) => void): () => void {
    this.celebrateListeners.add(listener);
    return () => void this.celebrateListeners.delete(listener);
  }

  /** Called after `reset` replaced the cluster and the session. */
  onReset(listener: () => void): () => void {
    this.resetListeners.add(listener);
    return () => void this.resetListeners.delete(listener);
  }

  progress(): LessonProgress {
    return {
      format: 'podlab-lesson-progress/v1',
      lesson: this.lesson.id,
      done: this.lesson.tasks.filter((t) => this.done.has(t.id)).map((t) => t.id),
      hints: Object.fromEntries([...this.hintsShown].filter(([, n]) => n > 0)),
      historyOffset: this.historyOffset,
    };
  }

  snapshot(): LessonSnapshot {
    return { format: 'podlab-lesson/v1', lesson: this.lesson.id, cluster: this.cluster_.snapshot(), session: this.session_.snapshot(), progress: this.progress() };
  }

  /** The first task not done yet (undefined when all are). */
  currentTask(): Task | undefined {
    return this.lesson.tasks.find((t) => !this.done.has(t.id));
  }

  task(id: string): Task | undefined {
    return this.lesson.tasks.find((t) => t.id === id);
  }

  /** Reveal the next hint of a task (default: the current one); undefined when none is left. */
  hint(taskId?: string): { task: Task; index: number; text: string } | undefined {
    const task = taskId === undefined ? this.currentTask() : this.task(taskId);
    if (!task) return undefined;
    const shown = this.hintsShown.get(task.id) ?? 0;
    if (shown >= task.hints.length) return undefined;
    this.hintsShown.set(task.id, shown + 1);
    this.latest = this.latest.map((r) => (r.id === task.id ? { ...r, hintsShown: shown + 1 } : r));
    this.emitChange();
    return { task, index: shown, text: task.hints[shown]! };
  }

  hintsShownFor(taskId: string): number {
    return this.hintsShown.get(taskId) ?? 0;
  }

  // ---------- evaluation ----------

  /** Evaluate every task now (after any evaluation already running). */
  evaluate(): Promise<readonly TaskResult[]> {
    // requests made while one waits to start share it
    this.queuedEval ??= this.running.then(() => {
      this.queuedEval = undefined;
      return this.evaluateNow();
    });
    const p = this.queuedEval;
    this.running = p.catch(() => undefined);
    return p;
  }

  /** The app moved the clock: evaluate if the cluster changed and a virtual second has passed. */
  update(): void {
    if (this.storeChanged && this.cluster_.clock.now() - this.lastEvalAt >= 1000) void this.evaluate();
  }

  private async evaluateNow(): Promise<readonly TaskResult[]> {
    this.lastEvalAt = this.cluster_.clock.now();
    this.storeChanged = false;
    const ctx = this.checkContext();
    const results: TaskResult[] = [];
    const firsts: Task[] = [];
    for (const task of this.lesson.tasks) {
      const r = await evaluateTask(task, ctx).catch((e: unknown) => ({ passed: false, message: `this task could not be checked: ${e instanceof Error ? e.message : String(e)}` }));
      if (r.passed && !this.done.has(task.id)) {
        this.done.add(task.id);
        firsts.push(task);
      }
      results.push(this.result(task, r.passed, r.message));
    }
    const changed = JSON.stringify(results) !== JSON.stringify(this.latest);
    this.latest = results;
    if (changed) this.emitChange();
    for (const t of firsts) for (const l of [...this.celebrateListeners]) l(t);
    return results;
  }

  /** What checks read: the cluster, the workspace, and the history typed since the lesson began. */
  checkContext(): CheckContext {
    const session = this.session_;
    return {
      api: this.cluster_.api,
      now: () => this.cluster_.clock.now(),
      fs: session.fs,
      workspace: WORKSPACE,
      history: () => {
        const h = session.history.snapshot();
        return h.lines.slice(Math.max(0, this.historyOffset - h.base));
      },
    };
  }

  private result(task: Task, passed: boolean, message: string): TaskResult {
    return { id: task.id, title: task.title, step: task.step, passed, done: this.done.has(task.id), message, hintsShown: this.hintsShown.get(task.id) ?? 0, hints: task.hints.length };
  }

  private emitChange(): void {
    for (const l of [...this.changeListeners]) l(this.latest);
  }

  // ---------- solutions ----------

  /**
   * Write the task's solution files and queue its commands; with `auto` they are typed at the
   * next prompts. Resolves when the last one has been typed and the shell prompts again.
   */
  runSolution(taskId: string): Promise<void> {
    const task = this.task(taskId);
    if (!task) return Promise.reject(new Error(`no task ${taskId} in lesson ${this.lesson.id}`));
    this.writeFiles(this.session_, task.solution.files);
    this.typing.push(...task.solution.commands);
    const done = new Promise<void>((resolve) => this.drained.push(resolve));
    this.schedulePump();
    return done;
  }

  /** Solution commands still to be typed. */
  get queued(): number {
    return this.typing.length;
  }

  /** Type the next queued line now (lessons:check and tests drive the session themselves). */
  typeNext(): boolean {
    const line = this.typing.shift();
    if (line === undefined) return false;
    this.session_.input(`${line}\r`);
    return true;
  }

  private schedulePump(): void {
    if (this.opts.auto === false || this.pumpQueued) return;
    this.pumpQueued = true;
    void Promise.resolve().then(() => {
      this.pumpQueued = false;
      const s = this.session_;
      if (s.closed) return;
      if (this.typing.length && (s.isIdle() || s.foreground().wantsInput)) this.typeNext();
      else if (!this.typing.length && s.isIdle()) for (const r of this.drained.splice(0)) r();
    });
  }

  private writeFiles(session: HostSession, files: Record<string, string>): void {
    for (const [name, text] of Object.entries(files)) {
      const path = resolvePath(WORKSPACE, name);
      session.fs.mkdir(path.slice(0, path.lastIndexOf('/')) || '/', { recursive: true });
      session.fs.writeFile(path, text);
    }
  }

  // ---------- reset ----------

  /** Start the lesson over: a fresh cluster, the starting files, setup again; progress and history are kept. */
  async reset(): Promise<void> {
    const history = this.session_.history.snapshot();
    this.teardown();
    this.typing.length = 0;
    for (const r of this.drained.splice(0)) r();
    await this.build(history);
    for (const l of [...this.resetListeners]) l();
    await this.evaluate();
  }

  dispose(): void {
    this.teardown();
  }

  private teardown(): void {
    for (const d of this.detach.splice(0)) d();
    this.session_.dispose();
  }

  // ---------- building ----------

  /** A fresh cluster, setup run silently in a session of its own, then the learner's session. */
  private async build(history?: HostSessionSnapshot['history']): Promise<void> {
    const seed = this.opts.seed ?? 1;
    this.cluster_ = this.opts.createCluster?.(seed, this.lesson.topology) ?? Cluster.create({ seed, ...(this.lesson.topology ? { topology: this.lesson.topology } : {}) });
    let out = '';
    this.setupTranscript = '';
    const setup = new HostSession(this.cluster_, {
      seed,
      onEvent: (e) => {
        if (e.type !== 'output') return;
        out += e.data;
        this.setupTranscript += e.data;
      },
    });
    this.writeFiles(setup, this.lesson.files);
    await settle(setup);
    this.setupFailures = [];
    for (const [index, line] of this.lesson.setup.entries()) {
      out = '';
      setup.input(`${line}\r`);
      const state = await settle(setup);
      if (state !== 'idle') {
        this.setupFailures.push({ index, output: `${out}\n(the command was still running)` });
        continue;
      }
      const shown = out;
      setup.input(`echo ${STATUS_MARK}$?\r`);
      await settle(setup);
      const status = new RegExp(`^${STATUS_MARK}(\\d+)`, 'm').exec(out.slice(shown.length));
      if (status?.[1] !== '0') this.setupFailures.push({ index, output: shown });
    }
    const snap = setup.snapshot();
    setup.dispose();
    this.setupTranscript = this.setupTranscript.split('\n').filter((l) => !l.includes(STATUS_MARK)).join('\n');
    const start: HostSessionSnapshot = { ...snap, history: history ?? { lines: [], base: 1 }, cwd: HOME, vars: {} };
    if (!history) this.historyOffset = 1;
    this.attach(this.newSession(start));
  }

  private newSession(snapshot: HostSessionSnapshot): HostSession {
    const host: LessonCommandHost = {
      hint: (args) => hintText(this, args),
      check: async () => checkText(this, await this.evaluate()),
      where: () => whereText(this),
      solutionFor: (args) => solutionQuestion(this, args),
      runSolution: (id) => {
        void this.runSolution(id);
        const files = Object.keys(this.task(id)!.solution.files);
        return files.map((f) => `Wrote ${f}.\n`).join('');
      },
      reset: () => void Promise.resolve().then(() => this.reset()),
      post: (p, data) => this.session_.kernel.post(p.ns, p.pid, 'lesson', data),
    };
    const session = new HostSession(this.cluster_, {
      columns: this.opts.columns,
      commands: lessonCommands(host),
      snapshot,
      onEvent: this.opts.onEvent,
    });
    this.disable(session);
    return session;
  }

  /** Wrap each disabled command's program so the lines starting with a disabled prefix are refused. */
  private disable(session: HostSession): void {
    const byName = new Map<string, string[]>();
    for (const prefix of this.lesson.disabledCommands) {
      const first = splitWords(prefix)[0];
      const registered = first && registryName(session, first);
      if (registered) byName.set(registered, [...(byName.get(registered) ?? []), prefix]);
    }
    for (const [name, prefixes] of byName) session.registry.register(name, guardCommand(session.registry.get(name)!, prefixes));
  }

  private attach(session: HostSession): void {
    this.session_ = session;
    this.detach.push(
      session.onEvent((e) => {
        if (e.type === 'prompt') {
          if (this.opts.auto !== false) void this.evaluate();
          this.schedulePump();
        } else if (e.type === 'output') this.schedulePump();
        else if (e.type === 'clock' && this.opts.auto !== false) this.update();
      }),
      this.cluster_.subscribe(() => {
        this.storeChanged = true;
        if (this.opts.auto !== false && this.cluster_.clock.now() - this.lastEvalAt >= 1000) void Promise.resolve().then(() => this.update());
      }),
    );
  }
}

/** The registered command an executable on the host's PATH runs (programFile's marker). */
function registryName(session: HostSession, command: string): string | undefined {
  for (const dir of ['/usr/local/bin', '/usr/bin', '/bin']) {
    const path = `${dir}/${command}`;
    if (!session.fs.exists(path)) continue;
    const name = /podlab-exec:([^\n]+)/.exec(session.fs.readFile(path))?.[1];
    if (name && session.registry.has(name)) return name;
  }
  return undefined;
}
