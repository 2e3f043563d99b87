// A fake container runtime in the spirit of KWOK: containers are records on the virtual clock,
// their behaviour (when they exit, how they answer probes, whether they ignore SIGTERM) is data.
// Images come from the catalog (image-catalog.ts). Issue 3 replaces the behaviours with real
// image programs; the RuntimeService contract (cri.ts) stays.
import type { EngineContext } from '../cluster/context';
import type { Container, Probe, StoredPod } from '../api/types';
import type { Clock } from '../clock';
import { deepEqual } from '../store/clone';
import type { ContainerExit, ContainerRequest, ImageLookup, ProbeResult, RuntimeListener, RuntimeService } from './cri';
import { lookupCatalog } from './image-catalog';

export type FakeProbeType = 'liveness' | 'readiness' | 'startup';

/** How one container behaves. Everything is optional; the default runs until it is stopped. */
export interface FakeBehaviour {
  /** the process exits on its own this long after it starts */
  exitAfterMs?: number;
  /** exit code of that natural exit (default 0) */
  exitCode?: number;
  /** terminated reason of that natural exit (default Completed for 0, Error otherwise) */
  reason?: string;
  /** PID 1 without a TERM handler: only SIGKILL ends it (exit 137 after the grace period) */
  ignoresSigterm?: boolean;
  /** how long the process takes to exit after SIGTERM (default TERM_EXIT_MS) */
  termMs?: number;
  /** the answer to each probe; default: success (or connection refused when `listens` is false) */
  probe?: (type: FakeProbeType, sinceStartMs: number) => ProbeResult;
  /** whether anything listens on the container's ports (default true) */
  listens?: boolean;
  /** CreateContainer fails with this text */
  createError?: string;
}

export type FakeBehaviours = (req: ContainerRequest) => FakeBehaviour;

/** A process that handles SIGTERM exits this quickly (143). */
export const TERM_EXIT_MS = 30;

// Exit codes a Linux shell reports for signals: 128 + SIGTERM(15), 128 + SIGKILL(9).
const EXIT_SIGTERM = 143;
const EXIT_SIGKILL = 137;

interface SandboxRecord {
  id: string;
  podUid: string;
  ip: string;
  ready: boolean;
}

interface ContainerRecord {
  id: string;
  sandboxId: string;
  req: ContainerRequest;
  state: 'created' | 'running' | 'exited';
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  stopping?: boolean;
}

interface TimerData {
  id: string;
  kind: 'exit' | 'term' | 'kill';
}

interface FakeRuntimeState {
  sandboxes: SandboxRecord[];
  containers: ContainerRecord[];
}

// Each runtime on a clock gets its own timer target; construction order makes the names stable.
const instances = new WeakMap<Clock, number>();

export class FakeRuntime implements RuntimeService {
  private sandboxes = new Map<string, SandboxRecord>();
  private containers = new Map<string, ContainerRecord>();
  private behaviourCache = new Map<string, FakeBehaviour>();
  private listener?: RuntimeListener;
  private readonly target: string;

  private readonly behaviours?: FakeBehaviours;

  /**
   * @param behavioursOrName how each container behaves, or (as the cluster passes it) the node name
   * @param name names the runtime's clock target; unnamed runtimes are numbered in construction order
   */
  constructor(private readonly ctx: EngineContext, behavioursOrName?: FakeBehaviours | string, name?: string) {
    if (typeof behavioursOrName === 'string') name = behavioursOrName;
    else this.behaviours = behavioursOrName;
    const n = instances.get(ctx.clock) ?? 0;
    instances.set(ctx.clock, n + 1);
    this.target = `runtime/${name ?? `fake-${n}`}`;
    ctx.clock.register(this.target, (data: TimerData) => this.onTimer(data));
  }

  lookupImage(ref: string): ImageLookup {
    return lookupCatalog(ref);
  }

  runPodSandbox(pod: StoredPod, podIP: string): string {
    const id = this.ctx.random.hex(64);
    this.sandboxes.set(id, { id, podUid: pod.metadata.uid, ip: podIP, ready: true });
    return id;
  }

  stopPodSandbox(sandboxId: string): void {
    const sb = this.sandboxes.get(sandboxId);
    if (!sb || !sb.ready) return;
    sb.ready = false;
    // Stopping the sandbox kills whatever still runs in it.
    for (const c of this.containers.values()) {
      if (c.sandboxId === sandboxId && c.state === 'running') this.ctx.clock.schedule(0, this.target, { id: c.id, kind: 'kill' } satisfies TimerData);
    }
  }

  createContainer(sandboxId: string, req: ContainerRequest): string {
    const sb = this.sandboxes.get(sandboxId);
    // containerd: creating a container in a sandbox that is gone
    if (!sb || !sb.ready) throw new Error(`failed to get sandbox ${sandboxId}: not found`);
    const b = this.behaviourFor(req);
    if (b.createError) throw new Error(b.createError);
    const id = this.ctx.random.hex(64);
    this.containers.set(id, { id, sandboxId, req, state: 'created' });
    this.behaviourCache.set(id, b);
    return id;
  }

  startContainer(containerId: string): void {
    const c = this.mustGet(containerId);
    if (c.state !== 'created') throw new Error(`container ${containerId} is not in created state`);
    c.state = 'running';
    c.startedAt = this.ctx.clock.now();
    const b = this.behaviour(c);
    if (b.exitAfterMs !== undefined) this.ctx.clock.schedule(b.exitAfterMs, this.target, { id: c.id, kind: 'exit' } satisfies TimerData);
  }

  stopContainer(containerId: string, gracePeriodSeconds: number): void {
    const c = this.containers.get(containerId);
    if (!c || c.state !== 'running') return;
    const b = this.behaviour(c);
    const graceMs = Math.max(0, gracePeriodSeconds) * 1000;
    const termMs = b.termMs ?? TERM_EXIT_MS;
    c.stopping = true;
    if (!b.ignoresSigterm && termMs < graceMs) this.ctx.clock.schedule(termMs, this.target, { id: c.id, kind: 'term' } satisfies TimerData);
    this.ctx.clock.schedule(graceMs, this.target, { id: c.id, kind: 'kill' } satisfies TimerData);
  }

  removeContainer(containerId: string): void {
    this.containers.delete(containerId);
    this.behaviourCache.delete(containerId);
  }

  probe(containerId: string, probe: Probe, podIP: string): ProbeResult {
    const c = this.containers.get(containerId);
    if (!c || c.state !== 'running') return { result: 'error', output: `container ${containerId} is not running` };
    const b = this.behaviour(c);
    if (b.probe) return b.probe(probeTypeOf(c.req.container, probe), this.ctx.clock.now() - (c.startedAt ?? 0));
    if (b.listens === false) return refused(c.req.container, probe, podIP);
    return { result: 'success', output: '' };
  }

  setListener(l: RuntimeListener): void {
    this.listener = l;
  }

  /** Test and UI helper: the state of a container, if the runtime still has it. */
  containerState(containerId: string): 'created' | 'running' | 'exited' | undefined {
    return this.containers.get(containerId)?.state;
  }

  /** How many containers are running right now (tests). */
  runningCount(): number {
    let n = 0;
    for (const c of this.containers.values()) if (c.state === 'running') n++;
    return n;
  }

  snapshot(): FakeRuntimeState {
    return { sandboxes: [...this.sandboxes.values()].map((s) => ({ ...s })), containers: [...this.containers.values()].map((c) => ({ ...c })) };
  }

  restore(state: unknown): void {
    const s = state as FakeRuntimeState;
    this.sandboxes = new Map(s.sandboxes.map((x) => [x.id, { ...x }]));
    this.containers = new Map(s.containers.map((x) => [x.id, { ...x }]));
    this.behaviourCache.clear();
  }

  private onTimer(data: TimerData): void {
    const c = this.containers.get(data.id);
    if (!c || c.state !== 'running') return; // already exited or removed
    const now = this.ctx.clock.now();
    let exit: ContainerExit;
    if (data.kind === 'exit') {
      const b = this.behaviour(c);
      const code = b.exitCode ?? 0;
      // containerd CRI: "Completed" for exit 0, "Error" otherwise (OOMKilled when the cgroup OOMs)
      exit = { containerId: c.id, exitCode: code, reason: b.reason ?? (code === 0 ? 'Completed' : 'Error'), finishedAt: now };
    } else {
      exit = { containerId: c.id, exitCode: data.kind === 'term' ? EXIT_SIGTERM : EXIT_SIGKILL, reason: 'Error', finishedAt: now };
    }
    c.state = 'exited';
    c.finishedAt = now;
    c.exitCode = exit.exitCode;
    this.listener?.onContainerExited(exit);
  }

  private behaviour(c: ContainerRecord): FakeBehaviour {
    let b = this.behaviourCache.get(c.id);
    if (!b) {
      b = this.behaviourFor(c.req);
      this.behaviourCache.set(c.id, b);
    }
    return b;
  }

  private behaviourFor(req: ContainerRequest): FakeBehaviour {
    return this.behaviours?.(req) ?? {};
  }

  private mustGet(id: string): ContainerRecord {
    const c = this.containers.get(id);
    // containerd: "container %q in namespace %q: not found"
    if (!c) throw new Error(`container "${id}" in namespace "k8s.io": not found`);
    return c;
  }
}

/** Which of the container's probes this is (the CRI call does not say). */
function probeTypeOf(container: Container, probe: Probe): FakeProbeType {
  const order: [FakeProbeType, Probe | undefined][] = [
    ['startup', container.startupProbe], ['liveness', container.livenessProbe], ['readiness', container.readinessProbe],
  ];
  for (const [type, p] of order) if (p === probe) return type;
  for (const [type, p] of order) if (p && deepEqual(p, probe)) return type;
  return 'readiness';
}

/** The dial error a probe gets when nothing listens (Go net and net/http error texts). */
function refused(container: Container, probe: Probe, podIP: string): ProbeResult {
  const portOf = (p: number | string | undefined): string => {
    if (typeof p === 'number') return String(p);
    const named = container.ports?.find((x) => x.name === p);
    return named ? String(named.containerPort) : String(p ?? '');
  };
  if (probe.httpGet) {
    const host = probe.httpGet.host || podIP;
    const port = portOf(probe.httpGet.port as number | string);
    const scheme = (probe.httpGet.scheme ?? 'HTTP').toLowerCase();
    const path = probe.httpGet.path ?? '/';
    // pkg/probe/http/http.go DoHTTPProbe returns the client error: Get "<url>": dial tcp <addr>: connect: connection refused
    return { result: 'failure', output: `Get "${scheme}://${host}:${port}${path}": dial tcp ${host}:${port}: connect: connection refused` };
  }
  if (probe.tcpSocket) {
    const host = probe.tcpSocket.host || podIP;
    const port = portOf(probe.tcpSocket.port as number | string);
    // pkg/probe/tcp/tcp.go DoTCPProbe: the dial error
    return { result: 'failure', output: `dial tcp ${host}:${port}: connect: connection refused` };
  }
  return { result: 'success', output: '' };
}
