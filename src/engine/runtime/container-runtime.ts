// A container runtime that runs what images contain: one process kernel per node, a PID
// namespace per container instance (PID 1 is the entrypoint) or per pod (shareProcessNamespace:
// PID 1 is the sandbox's /pause; see pid-namespaces.ts), a root filesystem per instance
// (the image's layer, a writable layer, the pod's volumes), a log per instance (the previous one
// stays for `logs -p` until the kubelet removes that container), exec sessions, exec probes.
// It implements the CRI slice in cri.ts; everything it holds snapshots to JSON and continues.
import type { Probe, StoredPod } from '../api/types';
import type { EngineContext } from '../cluster/context';
import type { Pod } from 'kubernetes-types/core/v1';
import { newInternalError } from '../errors';
import type {
  ContainerExit, ContainerLogOptions, ContainerRequest, ContainerStats, ImageLookup, ProbeResult, RuntimeListener, RuntimeService, StreamIO,
} from './cri';
import { lookupCatalog } from './image-catalog';
import { CommandRegistry } from './process/program';
import { Kernel, type KernelState } from './process/kernel';
import { LogBuffer, type LogBufferState } from './process/log-buffer';
import type { ExitStatus, ProcessInfo, SignalName } from './process/types';
import { registerCommands } from './commands/register';
import { createCommandEnv, readPasswd, type CommandEnv } from './commands/system';
import { ContainerFs, type ContainerFsState } from './fs/container-fs';
import { cgroupDir, writeContainerCgroup } from './fs/cgroupfs';
import { ProcFs } from './fs/procfs';
import { ImageLayers } from './fs/layers';
import { MemFS, type FsLayer } from './fs/memfs';
import type { MemFSNodeState } from './fs/nodes';
import { containerMounts } from './fs/volumes/mounts';
import { setUpPodVolumes } from './fs/volumes/set-up';
import { tearDownPodDir } from './fs/volumes/empty-dir';
import { sandboxDir } from './fs/volumes/paths';
import {
  createTerminationLog, ensureHostsFile, podDNSConfig, podHostnameAndDomain, resolvConfContent, writeSandboxFiles,
} from './fs/volumes/managed-files';
import { serviceAccountToken } from './fs/volumes/service-account-token';
import { containerArgv, containerEnv } from './container-env';
import { containerCredentials, containerWorkingDir } from './container-user';
import { ROOT, type Credentials } from './process/credentials';
import { imageConfigOf, populateImage, registerImagePrograms, type ImageConfig } from './image-rootfs';
import { networkProbe } from './probe-dial';
import { ClusterNetwork, type ClusterNetworkState } from './net/cluster-network';
import type { NetHost, NetSandbox } from './net/net-host';
import { portForwardSession, type PortForwardSession } from './net/port-forward';
import { execErrnoFailure, execProbeStartError, execStartError, lookPath, startContainerError, type StartFailure } from './runc';
import { seedNodeFiles } from '../kubelet/node-files';
import { tryParseQuantity } from '../../shared/quantity';
import { attachPauseFs, PAUSE_IMAGE, startPause, stopPause } from './pid-namespaces';
import { cgroupUsage, chargeCpu, commOf, findOomKill, limitsOf, nodeMemoryInUse, systemOomMessage, throttledCpu, type CpuAccount } from './cgroup';

/** The stored pod as the volume helpers type it (apiVersion is a plain string in the store). */
const v1 = (pod: StoredPod): Pod => pod as unknown as Pod;

export interface ContainerRuntimeOptions {
  /** the node's filesystem (volumes, hostPath); default: one the runtime owns and snapshots */
  nodeFs?: MemFS;
  /** the commands' network and kernel facts */
  commandEnv?: CommandEnv;
  /** kubelet clusterDNS / clusterDomain (minikube: 10.96.0.10, cluster.local) */
  clusterDNS?: string[];
  clusterDomain?: string;
  /** the cluster's network (Cluster passes its own); default: one of the runtime's own, for this node alone */
  network?: ClusterNetwork;
  /** test hook: register extra commands (a small server program) before anything runs */
  commands?: (registry: CommandRegistry) => void;
  /** kubelet singleProcessOOMKill (cgroup v1 behaviour): an OOM kills one process, not the whole container */
  singleProcessOOMKill?: boolean;
}

interface SandboxRecord {
  id: string;
  podUid: string;
  namespace?: string;
  name?: string;
  ip: string;
  /** hostNetwork: the node's network namespace, shared with every other such pod on the node */
  hostNetwork: boolean;
  ready: boolean;
  files: { hostname: string; resolvConf: string };
  /** spec.shareProcessNamespace: the pod's PID namespace (named by the sandbox id) with /pause as PID 1 */
  sharePid?: boolean;
}

interface ContainerRecord {
  id: string;
  sandboxId: string;
  req: ContainerRequest;
  imageKey: string;
  argv: string[];
  env: Record<string, string>;
  cwd: string;
  /** who PID 1 and every exec run as (securityContext, else the image's USER) */
  cred: Credentials;
  state: 'created' | 'running' | 'exited';
  /** `stdin: true`: the write end of PID 1's stdin pipe, held open for a later attach */
  stdinOfd?: number;
  startedAt?: number;
  finishedAt?: number;
  exitCode?: number;
  stopping?: boolean;
  /** containerd: a TaskOOM event hit the container's cgroup (its exit reason becomes OOMKilled) */
  oomKilled?: boolean;
  cpu?: CpuAccount;
  /** the node-side pid of the container's main process (the SystemOOM event names host pids) */
  hostPid?: number;
  /** the PID namespace it joined (the pod's, or a debug target's); absent: its own, named by its id */
  pidNs?: string;
  /** its main process's PID in that namespace; absent: 1 */
  mainPid?: number;
}

interface SavedContainer extends ContainerRecord {
  fs: ContainerFsState;
  log: LogBufferState;
}

export interface ContainerRuntimeState {
  nodeFs?: MemFSNodeState;
  kernel: KernelState;
  sandboxes: SandboxRecord[];
  containers: SavedContainer[];
  seq: number;
  hostPids?: number;
  /** the network's state, when the runtime has a network of its own */
  network?: ClusterNetworkState;
}

type TimerData = { k: 'kill'; id: string } | { k: 'exited'; exit: ContainerExit };

/** What the network sees of the node (ContainerRuntime.view). */
interface NetView {
  sandboxes: readonly NetSandbox[];
  /** pod IP → its sandbox (hostNetwork sandboxes have the node's address and are not here) */
  byIP: Map<string, NetSandbox>;
  /** sandbox id ('' for the node's namespace) → the container ids in that network namespace */
  members: Map<string, readonly string[]>;
}

/** What is live for a container besides its record: its filesystem view and its log. */
interface Live {
  rec: ContainerRecord;
  config: ImageConfig;
  fs: ContainerFs;
  log: LogBuffer;
  /** attached sessions (`kubectl attach`, `run -it`): they see PID 1's output besides the log */
  attached?: Set<StreamIO>;
}

// The layers' file times: the images were built before the cluster existed.
const IMAGE_BUILD_MS = Date.UTC(2024, 11, 3, 0, 0, 0);
const HOST_PID_BASE = 1800;
const HOST_PIDS_PER_START = 7;
// the image whose (stand-in) server answers DNS queries
const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns';
const NO_MEMBERS: readonly string[] = Object.freeze([]);
const EXEC_PROBE_PENDING = 'exec probe command did not finish at once: commands that wait are not supported in Podlab probes yet';

export class ContainerRuntime implements RuntimeService, NetHost {
  readonly kernel: Kernel;
  readonly nodeFs: MemFS;
  readonly network: ClusterNetwork;
  private readonly ownsNodeFs: boolean;
  private readonly ownsNetwork: boolean;
  private readonly layers = new ImageLayers();
  private readonly target: string;
  private sandboxes = new Map<string, SandboxRecord>();
  private containers = new Map<string, Live>();
  /**
   * The network's view of the node (its ready sandboxes, who shares which network namespace),
   * derived from the two maps above and dropped whenever either changes: probes and connections
   * ask for it many times a second, sandboxes and containers come and go far less often.
   */
  private netView: NetView | undefined;
  /** exec sessions by `<container id>/<pid>` */
  private readonly sessions = new Map<string, (status: ExitStatus) => void>();
  /** the exit handler of a process being spawned now (it may end before spawn returns) */
  private spawning: ((status: ExitStatus) => void) | undefined;
  private listener?: RuntimeListener;
  private seq = 0;
  /** the last host pid handed out (kicbase's own processes hold the low ones) */
  private hostPids = HOST_PID_BASE;

  constructor(private readonly ctx: EngineContext, readonly nodeName: string, private readonly opts: ContainerRuntimeOptions = {}) {
    this.ownsNetwork = !opts.network;
    this.network = opts.network ?? new ClusterNetwork(ctx);
    this.network.addHost(this);
    const registry = registerCommands(new CommandRegistry(), opts.commandEnv ?? createCommandEnv({ network: this.network.stack(nodeName), memoryInUse: () => this.memoryInUse() }));
    registerImagePrograms(registry);
    opts.commands?.(registry);
    // one kernel per node: its clock target is proc/<node>
    this.kernel = new Kernel(ctx.clock, ctx.random, registry, nodeName);
    this.kernel.setListener({
      processExited: (ns, pid, status) => this.onProcessExited(ns, pid, status),
      netPeers: (ns) => this.netPeers(ns),
      usageChanged: (_ns, _pid, fs) => this.onUsageChanged(fs),
    });
    this.ownsNodeFs = !opts.nodeFs;
    this.nodeFs = opts.nodeFs ?? new MemFS(ctx.clock);
    this.target = `runtime/${nodeName}`;
    ctx.clock.register(this.target, (d: TimerData) => this.onTimer(d));
  }

  lookupImage(ref: string): ImageLookup {
    return lookupCatalog(ref);
  }

  setListener(l: RuntimeListener): void {
    this.listener = l;
  }

  runPodSandbox(pod: StoredPod, podIP: string): string {
    this.seedOwnNodeFs();
    const id = this.ctx.random.hex(64);
    const dns = podDNSConfig(v1(pod), {
      clusterDNS: this.opts.clusterDNS ?? ['10.96.0.10'],
      clusterDomain: this.opts.clusterDomain ?? 'cluster.local',
      hostResolvConf: this.nodeFs.exists('/etc/resolv.conf') ? this.nodeFs.readFile('/etc/resolv.conf') : undefined,
    });
    // containerd podsandbox: a host-network pod has the node's hostname
    const hostname = pod.spec.hostNetwork ? this.nodeName : podHostnameAndDomain(v1(pod), this.opts.clusterDomain).hostname;
    const files = writeSandboxFiles(this.nodeFs, id, { hostname, resolvConf: resolvConfContent(dns) });
    const sb: SandboxRecord = {
      id, podUid: pod.metadata.uid, namespace: pod.metadata.namespace ?? 'default', name: pod.metadata.name, ip: podIP, hostNetwork: !!pod.spec.hostNetwork, ready: true, files,
    };
    if (pod.spec.shareProcessNamespace) sb.sharePid = true;
    this.sandboxes.set(id, sb);
    if (sb.sharePid) startPause(this.kernel, this.ctx.clock, this.pauseLayer(), id);
    this.netView = undefined;
    this.network.attachSandbox(this.nodeName, id);
    return id;
  }

  stopPodSandbox(sandboxId: string): void {
    const sb = this.sandboxes.get(sandboxId);
    if (!sb) return;
    sb.ready = false;
    this.netView = undefined;
    // stopping the sandbox kills whatever still runs in it, the pod's PID namespace last
    for (const live of this.containers.values()) {
      if (live.rec.sandboxId === sandboxId && live.rec.state === 'running') this.kernel.kill(pidNsOf(live.rec), mainPidOf(live.rec), 'KILL');
    }
    if (sb.sharePid) stopPause(this.kernel, sandboxId);
    // the volume manager tears the pod's volumes down once it is terminated (emptyDir data goes,
    // PV data stays where the PV points), and the sandbox's files go with the sandbox
    tearDownPodDir(this.nodeFs, sb.podUid);
    this.nodeFs.rm(sandboxDir(sandboxId), { recursive: true, force: true });
    this.sandboxes.delete(sandboxId);
    this.netView = undefined;
    this.network.detachSandbox(sandboxId);
  }

  createContainer(sandboxId: string, req: ContainerRequest): string {
    const sb = this.sandboxes.get(sandboxId);
    // containerd: creating a container in a sandbox that is gone
    if (!sb || !sb.ready) throw new Error(`failed to get sandbox ${sandboxId}: not found`);
    const { pod, container } = req;
    const id = this.ctx.random.hex(64);
    const image = imageConfigOf(container.image ?? '');
    // containerd pkg/cri/server/container_create.go: the generated spec needs a process
    if (!image) throw new Error(`failed to generate container "${id}" spec: failed to generate spec: no command specified`);
    const hostIP = this.ctx.store.tryGet('nodes', undefined, this.nodeName)?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const mounts = containerMounts({
      container,
      volumes: this.setUpVolumes(pod, container.volumeMounts?.map((m) => m.name) ?? []),
      nodeFs: this.nodeFs,
      etcHosts: ensureHostsFile(this.nodeFs, v1(pod), req.podIP ? [req.podIP] : [], this.opts.clusterDomain),
      sandboxFiles: sb.files,
      terminationLog: createTerminationLog(this.nodeFs, pod.metadata.uid, container.name, this.ctx.random),
    });
    // containerd WithMounts: the container's own cgroup, read-only, at /sys/fs/cgroup
    mounts.push({ path: '/sys/fs/cgroup', source: writeContainerCgroup(this.nodeFs, pod, container, id), readOnly: true });
    const layer = this.layers.get(image.key, (fs) => populateImage(fs, image.config), IMAGE_BUILD_MS);
    const fs = new ContainerFs(this.ctx.clock, {
      image: layer, mounts, filesystems: { node: this.nodeFs }, readOnlyRootFilesystem: container.securityContext?.readOnlyRootFilesystem,
    });
    const cred = containerCredentials(fs, pod.spec?.securityContext, container, image.config);
    // runc: HOME is the user's passwd home, "/" without an entry; the distroless images here have no
    // /etc/passwd file, where the real ones list root with /root
    const home = 'error' in cred ? undefined : readPasswd(fs).find((u) => u.uid === cred.uid)?.home ?? (cred.uid === 0 ? '/root' : '/');
    const env = containerEnv(this.ctx.store, pod, container, image.config, { podIP: req.podIP, hostIP, hostname: this.nodeFs.readFile(sb.files.hostname).trim(), nodeAllocatable: this.nodeAllocatable(), home });
    const argv = containerArgv(container, image.config, env);
    if ('error' in cred || !argv.length) {
      fs.dispose();
      throw new Error('error' in cred ? cred.error : `failed to generate container "${id}" spec: failed to generate spec: no command specified`);
    }
    // containerd oci.WithTTY (a container with `tty: true`): TERM=xterm, after the kubelet's variables
    if (container.tty) env.TERM = 'xterm';
    const rec: ContainerRecord = {
      id, sandboxId, req, imageKey: image.key, argv, env, cwd: containerWorkingDir(container, image.config), cred, state: 'created',
    };
    const pidNs = this.sharedPidNs(sb, req);
    if (pidNs !== undefined) rec.pidNs = pidNs;
    this.register(rec, image.config, fs, new LogBuffer(this.ctx.clock));
    return id;
  }

  startContainer(containerId: string): void {
    const live = this.mustGet(containerId);
    const { rec } = live;
    if (rec.state !== 'created') throw new Error(`container ${containerId} is not in created state`);
    const path = lookPath(live.fs, rec.cwd, rec.argv[0]!, rec.env.PATH);
    if (typeof path !== 'string') throw new Error(startContainerError(path));
    const ns = pidNsOf(rec);
    if (rec.pidNs === undefined) this.kernel.createNamespace(rec.id);
    // Linux refuses new processes in a PID namespace whose init has exited (fork: ENOMEM): a debug
    // target that exited since the create, a pod's /pause killed from inside (Podlab's words)
    else if (!this.kernel.process(ns, 1)) throw new Error(`failed to join the PID namespace ${ns}: its init process has exited`);
    rec.mainPid = this.kernel.nextPid(ns);
    rec.state = 'running';
    rec.startedAt = this.ctx.clock.now();
    rec.cpu = { coreNanos: 0, at: rec.startedAt, rateMillis: 0 };
    // each start takes a few host pids (containerd-shim, runc init) before the container's PID 1
    rec.hostPid = this.hostPids += HOST_PIDS_PER_START;
    const sink = `log:${rec.id}`;
    // containerd keeps a container's stdin open when the spec asks for it (`kubectl run -it`): a
    // shell then waits for input instead of exiting at end-of-file
    let stdin: number | 'null' = 'null';
    const tty = !!rec.req.container.tty;
    if (rec.req.container.stdin) {
      // `stdin: true, tty: true` (kubectl run -it): the stdin is a terminal, so a bare shell as
      // PID 1 runs interactively (it asks isatty(0)), as on a real node
      const [r, w] = this.kernel.openPipe({ tty });
      stdin = r;
      rec.stdinOfd = w;
    }
    const pid = this.kernel.spawn({
      ns, fs: rec.id, path, argv: rec.argv, env: rec.env, cwd: rec.cwd, cred: rec.cred,
      stdio: [stdin, { sink, stream: 'stdout' }, { sink, stream: tty ? 'stdout' : 'stderr' }],
    });
    if (typeof stdin === 'number') this.kernel.closeOfd(stdin);
    if (typeof pid !== 'number') {
      rec.state = 'created';
      if (rec.pidNs === undefined) this.kernel.destroyNamespace(rec.id);
      // exec(2) errors as runc words them (ENOEXEC: "exec format error", EACCES: "permission denied")
      throw new Error(startContainerError(execErrnoFailure(rec.argv[0]!, pid.errno)));
    }
    if (rec.state === 'running') this.chargeCpu(live);
  }

  stopContainer(containerId: string, gracePeriodSeconds: number): void {
    const live = this.containers.get(containerId);
    if (!live || live.rec.state !== 'running') return;
    const graceMs = Math.max(0, gracePeriodSeconds) * 1000;
    if (graceMs === 0) {
      // containerd StopContainer with timeout 0: straight to SIGKILL
      this.kernel.kill(pidNsOf(live.rec), mainPidOf(live.rec), 'KILL');
      return;
    }
    if (!live.rec.stopping) {
      live.rec.stopping = true;
      // containerd StopContainer: the image's STOPSIGNAL (default SIGTERM), SIGKILL after the timeout
      const sig: SignalName = live.config.stopSignal ?? 'TERM';
      this.kernel.kill(pidNsOf(live.rec), mainPidOf(live.rec), sig);
    }
    if (live.rec.state === 'running') this.ctx.clock.schedule(graceMs, this.target, { k: 'kill', id: containerId } satisfies TimerData);
  }

  removeContainer(containerId: string): void {
    const live = this.containers.get(containerId);
    if (!live) return;
    // a namespace goes with its owner: this container's own, the pod sandbox's shared one
    if (live.rec.pidNs === undefined) this.kernel.destroyNamespace(containerId);
    if (live.rec.stdinOfd !== undefined) this.kernel.closeOfd(live.rec.stdinOfd);
    this.kernel.detachFs(containerId);
    this.kernel.detachSink(`log:${containerId}`);
    live.fs.dispose();
    // the cgroup goes with the container, and the pod's with its last container
    const cgroup = cgroupDir(live.rec.req.pod, containerId);
    this.nodeFs.rm(cgroup, { recursive: true, force: true });
    const podCgroup = cgroup.slice(0, cgroup.lastIndexOf('/'));
    if (this.nodeFs.exists(podCgroup) && !this.nodeFs.readdir(podCgroup).length) this.nodeFs.rm(podCgroup, { force: true });
    this.containers.delete(containerId);
    this.netView = undefined;
  }

  containerLogs(containerId: string, opts: ContainerLogOptions): string {
    return this.containers.get(containerId)?.log.text(opts) ?? '';
  }

  exec(containerId: string, command: string[], io: StreamIO, opts: { stdin?: boolean; tty?: boolean } = {}): void {
    const live = this.containers.get(containerId);
    // kubelet streaming server: the container must be running
    if (!live || live.rec.state !== 'running') throw newInternalError(`error executing command in container: container ${containerId} is not running`);
    const path = lookPath(live.fs, live.rec.cwd, command[0] ?? '', live.rec.env.PATH);
    const execError = (f: StartFailure) => newInternalError(execStartError(this.ctx.random.hex(64), f));
    if (typeof path !== 'string') throw execError(path);
    const sink = `exec:${++this.seq}`;
    this.kernel.attachSink(sink, { write: (data, stream) => io.output(stream, data) });
    const finish = (status: ExitStatus) => {
      this.kernel.detachSink(sink);
      io.close(status.code);
    };
    // kubectl exec -i: the command reads what the learner types, through a pipe the session feeds
    let stdin: number | 'null' = 'null';
    let input: number | undefined;
    if (opts.stdin) {
      // kubectl exec -it: a terminal (a shell asks isatty(0) and runs interactively)
      const [r, w] = this.kernel.openPipe({ tty: !!opts.tty });
      stdin = r;
      input = w;
      io.onInput = (data) => void this.kernel.writeTo(w, data);
      io.onInputEnd = () => {
        if (input !== undefined) this.kernel.closeOfd(input);
        input = undefined;
      };
    }
    const end = finish;
    const ns = pidNsOf(live.rec);
    const pid = this.spawnTracked((status) => {
      if (input !== undefined) this.kernel.closeOfd(input);
      input = undefined;
      end(status);
    }, {
      // containerd CRI execInternal: a terminal gets TERM=xterm (oci.WithEnv: replaced, or appended)
      ns, fs: containerId, path, argv: command, env: opts.tty ? { ...live.rec.env, TERM: 'xterm' } : live.rec.env, cwd: live.rec.cwd, cred: live.rec.cred,
      stdio: [stdin, { sink, stream: 'stdout' }, { sink, stream: opts.tty ? 'stdout' : 'stderr' }],
    });
    if (typeof stdin === 'number') this.kernel.closeOfd(stdin);
    if (typeof pid !== 'number') {
      if (input !== undefined) this.kernel.closeOfd(input);
      this.kernel.detachSink(sink);
      throw execError(execErrnoFailure(command[0]!, pid.errno));
    }
    if (pid > 0) this.sessions.set(`${ns}/${pid}`, finish);
  }

  attach(containerId: string, io: StreamIO): () => void {
    const live = this.containers.get(containerId);
    // the kubelet only attaches to a container its status shows running; this is the race where it just exited (Podlab's words)
    if (!live || live.rec.state !== 'running') throw newInternalError(`failed to attach to container ${containerId}: container is not running`);
    const sessions = (live.attached ??= new Set());
    if (!sessions.size) {
      // PID 1 writes into the log sink: tee it to the attached sessions while there are any
      this.kernel.attachSink(`log:${containerId}`, {
        write: (data, stream) => {
          live.log.write(data, stream);
          for (const s of [...sessions]) s.output(stream, data);
        },
      });
    }
    sessions.add(io);
    io.onInput = (data) => {
      if (live.rec.stdinOfd !== undefined) this.kernel.writeTo(live.rec.stdinOfd, data);
    };
    // end of input (Ctrl-D, or stdinOnce's single attach ending) closes PID 1's stdin
    io.onInputEnd = () => {
      if (live.rec.stdinOfd === undefined) return;
      const ofd = live.rec.stdinOfd;
      live.rec.stdinOfd = undefined;
      this.kernel.closeOfd(ofd);
    };
    return () => this.detach(live, io);
  }

  private detach(live: Live, io: StreamIO): void {
    const sessions = live.attached;
    if (!sessions?.delete(io) || sessions.size) return;
    if (this.containers.get(live.rec.id) === live) this.kernel.attachSink(`log:${live.rec.id}`, live.log);
  }

  probe(containerId: string, probe: Probe, podIP: string): ProbeResult {
    const live = this.containers.get(containerId);
    if (!live || live.rec.state !== 'running') return { result: 'error', output: `container ${containerId} is not running` };
    if (probe.exec) return this.execProbe(live, probe.exec.command ?? []);
    // httpGet / tcpSocket: the kubelet dials from the node into the pod through the cluster network
    return networkProbe(this.network, this.nodeName, live.rec.req.container, probe, podIP);
  }

  /** CRI PortForward for the pod's sandbox; undefined when the pod has no ready sandbox here. */
  portForward(podUid: string, port: number): PortForwardSession | undefined {
    const sb = [...this.sandboxes.values()].find((s) => s.podUid === podUid && s.ready);
    if (!sb) return undefined;
    return portForwardSession(this.network, this.nodeName, this.netSandboxOf(sb), port, () => this.sandboxes.get(sb.id)?.ready === true);
  }

  // ---------- NetHost: the cluster network's view of this node ----------

  netSandboxes(): readonly NetSandbox[] {
    return this.view().sandboxes;
  }

  sandboxOfContainer(pidNs: string): string | undefined {
    // a shared PID namespace is named by its sandbox
    return this.containers.get(pidNs)?.rec.sandboxId ?? (this.sandboxes.get(pidNs)?.sharePid ? pidNs : undefined);
  }

  sandboxByIP(ip: string): NetSandbox | undefined {
    return this.view().byIP.get(ip);
  }

  netNamespaceMembers(sandboxId: string | undefined): readonly string[] {
    return this.view().members.get(sandboxId ?? '') ?? NO_MEMBERS;
  }

  /** The network's view of this node, built again after a sandbox or container came or went. */
  private view(): NetView {
    if (this.netView) return this.netView;
    const sandboxes = Object.freeze([...this.sandboxes.values()].filter((s) => s.ready).map((s) => Object.freeze(this.netSandboxOf(s))));
    // '' is the node's own network namespace, shared by every hostNetwork pod's containers
    const members = new Map<string, string[]>();
    const add = (key: string, ns: string): void => {
      const list = members.get(key);
      if (!list) members.set(key, [ns]);
      else if (!list.includes(ns)) list.push(ns);
    };
    for (const live of this.containers.values()) {
      const ns = pidNsOf(live.rec);
      add(live.rec.sandboxId, ns);
      if (this.sandboxes.get(live.rec.sandboxId)?.hostNetwork) add('', ns);
    }
    const byIP = new Map<string, NetSandbox>();
    for (const sb of sandboxes) if (!sb.hostNetwork && !byIP.has(sb.ip)) byIP.set(sb.ip, sb);
    return (this.netView = { sandboxes, byIP, members });
  }

  standInListens(members: readonly string[], port: number): boolean {
    for (const live of this.containers.values()) {
      if (live.rec.state === 'running' && live.config.healthPorts?.includes(port) && members.includes(pidNsOf(live.rec))) return true;
    }
    return false;
  }

  servesDns(sandboxId: string): boolean {
    for (const live of this.containers.values()) {
      if (live.rec.sandboxId === sandboxId && live.rec.state === 'running' && live.rec.imageKey === COREDNS_IMAGE) return true;
    }
    return false;
  }

  private netSandboxOf(s: SandboxRecord): NetSandbox {
    return { id: s.id, ip: s.ip, namespace: s.namespace ?? '', name: s.name ?? '', hostNetwork: s.hostNetwork };
  }

  /**
   * The PID namespaces that share `ns`'s network namespace: the pod's containers' (one when the
   * pod shares its PID namespace), or every hostNetwork pod's on this node. Exec sessions run in
   * their container's.
   */
  netPeers(ns: string): string[] {
    const sb = this.sandboxes.get(this.sandboxOfContainer(ns) ?? '');
    if (!sb) return [ns];
    const out = sb.sharePid ? [sb.id] : [];
    for (const live of this.containers.values()) {
      const other = this.sandboxes.get(live.rec.sandboxId);
      const peer = pidNsOf(live.rec);
      if ((live.rec.sandboxId === sb.id || (sb.hostNetwork && other?.hostNetwork)) && !out.includes(peer)) out.push(peer);
    }
    return out;
  }

  /** A container's state (tests, UI). */
  containerState(containerId: string): 'created' | 'running' | 'exited' | undefined {
    return this.containers.get(containerId)?.rec.state;
  }

  /** The container's filesystem view (tests, the host terminal). */
  containerFs(containerId: string): ContainerFs | undefined {
    return this.containers.get(containerId)?.fs;
  }

  /** CRI ContainerStats: the cgroup's working set and cumulative CPU time, at the current instant. */
  containerStats(containerId: string): ContainerStats | undefined {
    const live = this.containers.get(containerId);
    if (!live) return undefined;
    const now = this.ctx.clock.now();
    const running = live.rec.state === 'running';
    const usage = cgroupUsage(running ? this.cgroupProcs(live.rec) : []);
    if (live.rec.cpu && running) chargeCpu(live.rec.cpu, now, throttledCpu(usage.cpuDemandMillis, limitsOf(live.rec.req.container)));
    return { timestamp: now, startedAt: live.rec.startedAt ?? now, memoryWorkingSetBytes: usage.memoryBytes, cpuUsageCoreNanoSeconds: live.rec.cpu?.coreNanos ?? 0, cpuUsageMillis: live.rec.cpu?.rateMillis ?? 0 };
  }

  snapshot(): ContainerRuntimeState {
    const out: ContainerRuntimeState = {
      kernel: this.kernel.snapshot(),
      sandboxes: [...this.sandboxes.values()].map((s) => structuredClone(s)),
      containers: [...this.containers.values()].map((l) => ({ ...structuredClone(l.rec), fs: l.fs.snapshot(), log: l.log.snapshot() })),
      seq: this.seq,
      hostPids: this.hostPids,
    };
    if (this.ownsNodeFs) out.nodeFs = this.nodeFs.snapshot();
    if (this.ownsNetwork) out.network = this.network.snapshot();
    return out;
  }

  restore(state: unknown): void {
    const s = state as ContainerRuntimeState;
    // forget the current wiring without running anything: the kernel's restore replaces its processes
    for (const live of this.containers.values()) {
      this.kernel.detachFs(live.rec.id);
      this.kernel.detachSink(`log:${live.rec.id}`);
      live.fs.dispose();
    }
    for (const sb of this.sandboxes.values()) if (sb.sharePid) this.kernel.detachFs(sb.id);
    this.containers.clear();
    this.netView = undefined;
    this.sessions.clear();
    if (this.ownsNodeFs && s.nodeFs) this.nodeFs.restore(s.nodeFs);
    if (this.ownsNetwork && s.network) this.network.restore(s.network);
    this.sandboxes = new Map(s.sandboxes.map((x) => [x.id, structuredClone(x)]));
    for (const sb of this.sandboxes.values()) if (sb.sharePid) attachPauseFs(this.kernel, this.ctx.clock, this.pauseLayer(), sb.id);
    this.netView = undefined;
    this.seq = s.seq;
    this.hostPids = s.hostPids ?? HOST_PID_BASE;
    for (const saved of s.containers) {
      const { fs: fsState, log, ...rec } = structuredClone(saved);
      rec.cred ??= ROOT; // saved before containers had users
      const image = imageConfigOf(rec.req.container.image ?? '')!;
      const layer = this.layers.get(rec.imageKey, (f) => populateImage(f, image.config), IMAGE_BUILD_MS);
      const fs = new ContainerFs(this.ctx.clock, { image: layer, filesystems: { node: this.nodeFs } });
      fs.restore(fsState);
      this.register(rec, image.config, fs, LogBuffer.restore(this.ctx.clock, log));
    }
    // exec sessions are streams to a terminal that is gone: their processes run on unheard
    this.kernel.restore(s.kernel);
  }

  // ---------- internals ----------

  private register(rec: ContainerRecord, config: ImageConfig, fs: ContainerFs, log: LogBuffer): void {
    // containerd's default spec mounts procfs at /proc, for the PID namespace the container runs in
    fs.attachProc(new ProcFs(this.kernel, pidNsOf(rec)));
    this.kernel.attachFs(rec.id, fs);
    this.kernel.attachSink(`log:${rec.id}`, log);
    this.containers.set(rec.id, { rec, config, fs, log });
    this.netView = undefined;
  }

  private mustGet(id: string): Live {
    const c = this.containers.get(id);
    // containerd: "container %q in namespace %q: not found"
    if (!c) throw new Error(`container "${id}" in namespace "k8s.io": not found`);
    return c;
  }

  /** Spawn a process whose exit goes to `onExit`; returns its pid, 0 if it already ended, or the exec error. */
  private spawnTracked(onExit: (s: ExitStatus) => void, opts: Parameters<Kernel['spawn']>[0]): ReturnType<Kernel['spawn']> {
    let ended = false;
    this.spawning = (status) => {
      ended = true;
      onExit(status);
    };
    try {
      const pid = this.kernel.spawn(opts);
      return ended ? 0 : pid;
    } finally {
      this.spawning = undefined;
    }
  }

  /** The running container whose main process is `pid` in `ns`. */
  private mainOf(ns: string, pid: number): Live | undefined {
    const own = this.containers.get(ns);
    if (own && own.rec.pidNs === undefined && mainPidOf(own.rec) === pid) return own.rec.state === 'running' ? own : undefined;
    // a container that joined another's namespace (a debug target's, the pod's)
    for (const live of this.containers.values()) {
      if (live.rec.state === 'running' && live.rec.pidNs === ns && mainPidOf(live.rec) === pid) return live;
    }
    return undefined;
  }

  /** A container's processes (its cgroup): the ones in its PID namespace that see its filesystem. */
  private cgroupProcs(rec: ContainerRecord): ProcessInfo[] {
    return this.kernel.processes(pidNsOf(rec), rec.pidNs === undefined ? undefined : rec.id);
  }

  private onProcessExited(ns: string, pid: number, status: ExitStatus): void {
    const live = this.mainOf(ns, pid);
    if (live) {
      const now = this.ctx.clock.now();
      live.rec.state = 'exited';
      live.rec.finishedAt = now;
      live.rec.exitCode = status.code;
      if (live.rec.cpu) chargeCpu(live.rec.cpu, now, 0);
      live.log.flush();
      // containerd's runc shim: in a PID namespace it does not own, the main process's exit kills
      // the rest of the container (its cgroup); in its own, the kernel has already done so
      if (live.rec.pidNs !== undefined) for (const p of this.cgroupProcs(live.rec)) this.kernel.kill(ns, p.pid, 'KILL');
      // attached sessions end with the main process (kubectl attach returns)
      for (const io of [...(live.attached ?? [])]) {
        this.detach(live, io);
        io.close(status.code);
      }
      // containerd internal/cri/server container_status.go toCRIContainerStatus: the reason a TaskOOM
      // event left (OOMKilled, whatever the exit code), else "Completed" for exit 0 and "Error"
      const reason = live.rec.oomKilled ? 'OOMKilled' : status.code === 0 ? 'Completed' : 'Error';
      const exit: ContainerExit = { containerId: live.rec.id, exitCode: status.code, reason, finishedAt: now };
      // reported from a clock task, as PLEG would: never inside the kubelet's own runtime call
      this.ctx.clock.schedule(0, this.target, { k: 'exited', exit } satisfies TimerData);
      return;
    }
    const key = `${ns}/${pid}`;
    const session = this.sessions.get(key);
    if (session) {
      this.sessions.delete(key);
      session(status);
      return;
    }
    this.spawning?.(status);
  }

  /** A process's memory or CPU changed: account CPU at the new rate, then run the OOM killer. */
  private onUsageChanged(containerId: string): void {
    const live = this.containers.get(containerId);
    if (!live || live.rec.state !== 'running') return;
    this.chargeCpu(live);
    const cgroups = [...this.containers.values()].filter((l) => l.rec.state === 'running').map((l) => ({
      id: l.rec.id, pod: l.rec.req.pod, container: l.rec.req.container, procs: this.cgroupProcs(l.rec),
    }));
    const kill = findOomKill(containerId, cgroups, this.nodeMemoryBytes());
    if (!kill) return;
    const victim = this.containers.get(kill.containerId)!;
    victim.rec.oomKilled = true;
    // pkg/kubelet/oom/oom_watcher_linux.go: the kubelet reports every OOM kill the kernel logs on its Node
    const hostPid = (victim.rec.hostPid ?? HOST_PID_BASE) + kill.victim.pid - mainPidOf(victim.rec);
    this.ctx.events.event({ component: 'kubelet', host: this.nodeName }, { kind: 'Node', name: this.nodeName, uid: this.nodeName },
      'Warning', 'SystemOOM', systemOomMessage(commOf(kill.victim), hostPid));
    // memory.oom.group (cgroup v2, kubelet default): the whole container goes, its main process first
    this.kernel.kill(pidNsOf(victim.rec), this.opts.singleProcessOOMKill ? kill.victim.pid : mainPidOf(victim.rec), 'KILL');
  }

  private chargeCpu(live: Live): void {
    const demand = cgroupUsage(this.cgroupProcs(live.rec)).cpuDemandMillis;
    chargeCpu(live.rec.cpu!, this.ctx.clock.now(), throttledCpu(demand, limitsOf(live.rec.req.container)));
  }

  /** free's "used": what the OOM killer counts (nodeMemoryInUse over the running containers). */
  private memoryInUse(): number {
    return nodeMemoryInUse([...this.containers.values()].filter((l) => l.rec.state === 'running').map((l) => ({ procs: this.cgroupProcs(l.rec) })));
  }

  private nodeMemoryBytes(): number {
    const node = this.ctx.store.tryGet('nodes', undefined, this.nodeName) as { status?: { capacity?: Record<string, string> } } | undefined;
    return tryParseQuantity(node?.status?.capacity?.memory)?.value() ?? Number.MAX_SAFE_INTEGER;
  }

  private onTimer(d: TimerData): void {
    if (d.k === 'exited') {
      this.listener?.onContainerExited(d.exit);
      return;
    }
    const live = this.containers.get(d.id);
    if (live?.rec.state === 'running') this.kernel.kill(pidNsOf(live.rec), mainPidOf(live.rec), 'KILL');
  }

  private execProbe(live: Live, command: string[]): ProbeResult {
    const path = lookPath(live.fs, live.rec.cwd, command[0] ?? '', live.rec.env.PATH);
    // pkg/probe/exec/exec.go: an error starting the command is a probe error (Unknown), with its text
    if (typeof path !== 'string') {
      return { result: 'error', output: execProbeStartError(this.ctx.random.hex(64), path) };
    }
    const sink = `probe:${live.rec.id}`;
    let output = '';
    this.kernel.attachSink(sink, { write: (data) => void (output += data) });
    let status: ExitStatus | undefined;
    const ns = pidNsOf(live.rec);
    try {
      // pkg/kubelet/prober: an exec probe is a CRI ExecSync, so it runs in the container's PID namespace
      const pid = this.spawnTracked((s) => (status = s), {
        ns, fs: live.rec.id, path, argv: command, env: live.rec.env, cwd: live.rec.cwd, cred: live.rec.cred,
        stdio: ['null', { sink, stream: 'stdout' }, { sink, stream: 'stderr' }],
      });
      if (typeof pid !== 'number') return { result: 'error', output: execProbeStartError(this.ctx.random.hex(64), execErrnoFailure(command[0]!, pid.errno)) };
      if (!status) {
        this.sessions.set(`${ns}/${pid}`, () => undefined);
        this.kernel.kill(ns, pid, 'KILL');
        return { result: 'error', output: EXEC_PROBE_PENDING };
      }
    } finally {
      this.kernel.detachSink(sink);
    }
    // pkg/probe/exec/exec.go Probe: exit 0 succeeds, any other code fails with the output
    return { result: status.code === 0 ? 'success' : 'failure', output };
  }

  private pauseLayer(): FsLayer {
    const image = imageConfigOf(PAUSE_IMAGE)!;
    return this.layers.get(image.key, (fs) => populateImage(fs, image.config), IMAGE_BUILD_MS);
  }

  /**
   * The PID namespace a new container joins, if not one of its own: the pod's (shareProcessNamespace
   * takes precedence), else for an ephemeral container with a target, the target's.
   */
  private sharedPidNs(sb: SandboxRecord, req: ContainerRequest): string | undefined {
    if (sb.sharePid) return sb.id;
    const target = req.kind === 'ephemeral' ? (req.container as { targetContainerName?: string }).targetContainerName : undefined;
    if (!target) return undefined;
    for (const live of this.containers.values()) {
      if (live.rec.sandboxId === sb.id && live.rec.req.container.name === target && live.rec.state === 'running') return pidNsOf(live.rec);
    }
    // pkg/kubelet/kuberuntime/kuberuntime_container.go getTargetID
    throw new Error(`unable to find target container ${target}`);
  }

  private setUpVolumes(pod: StoredPod, mounted: string[]): ReturnType<typeof setUpPodVolumes>['volumes'] {
    const { store, clock } = this.ctx;
    const ns = pod.metadata.namespace ?? 'default';
    const sa = pod.spec.serviceAccountName ?? 'default';
    const { volumes, failed } = setUpPodVolumes(this.nodeFs, v1(pod), {
      configMap: (name) => store.tryGet('configmaps', ns, name) as never,
      secret: (name) => store.tryGet('secrets', ns, name) as never,
      persistentVolumeClaim: (name) => store.tryGet('persistentvolumeclaims', ns, name) as never,
      persistentVolume: (name) => store.tryGet('persistentvolumes', undefined, name) as never,
      nodeAllocatable: this.nodeAllocatable(),
      serviceAccountToken: ({ audience, expirationSeconds }) => serviceAccountToken({
        namespace: ns, serviceAccountName: sa, serviceAccountUid: store.tryGet('serviceaccounts', ns, sa)?.metadata.uid ?? '',
        podName: pod.metadata.name, podUid: pod.metadata.uid, nodeName: this.nodeName,
        nodeUid: store.tryGet('nodes', undefined, this.nodeName)?.metadata.uid ?? '', nowMs: clock.now(), expirationSeconds, audience,
      }),
    });
    // the kubelet waits for the volumes a container mounts (FailedMount); here the create fails with its text
    const bad = failed.find((f) => mounted.includes(f.volume));
    if (bad) throw new Error(bad.message);
    return volumes;
  }

  /**
   * A node filesystem of the runtime's own starts as the kubelet's would (kubelet/node-files.ts):
   * /etc/kubernetes, /tmp and the rest that the system pods' hostPath volumes expect.
   */
  private seedOwnNodeFs(): void {
    if (!this.ownsNodeFs || this.nodeFs.exists('/etc/hostname')) return;
    const node = this.ctx.store.tryGet('nodes', undefined, this.nodeName);
    const internalIP = node?.status?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? '';
    const controlPlane = node?.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;
    seedNodeFiles(this.nodeFs, { name: this.nodeName, controlPlane, internalIP });
    // kicbase has these; kube-proxy mounts /run/xtables.lock (FileOrCreate) and /lib/modules
    for (const dir of ['/run', '/lib/modules']) this.nodeFs.mkdir(dir, { recursive: true });
  }

  private nodeAllocatable(): Record<string, string> | undefined {
    const node = this.ctx.store.tryGet('nodes', undefined, this.nodeName) as { status?: { allocatable?: Record<string, string> } } | undefined;
    return node?.status?.allocatable;
  }
}

/** The PID namespace a container's processes run in (its own unless it joined another). */
function pidNsOf(rec: ContainerRecord): string {
  return rec.pidNs ?? rec.id;
}

/** Its main process's PID there (1 in a namespace of its own). */
function mainPidOf(rec: ContainerRecord): number {
  return rec.mainPid ?? 1;
}

