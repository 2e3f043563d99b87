// `ssh <node>` from the learner's machine: a root shell on the node over the kubelet's own node
// filesystem (static pod manifests, /var/lib/kubelet/config.yaml, pod logs), and `crictl` there
// to look at the node's container runtime. The session runs the node shell (it owns the
// terminal); the ssh process waits for it and reports the end as OpenSSH does.
import { ContainerRuntime, type Cluster, type Command, type ExitStatus, type Kernel, type MemFS, type NetworkStack, type Program, type StoredPod, type SimpleCommand } from '../engine';
import { HOST_PATH, NodeView, hostFs, nodeLayer } from './host-fs';

export interface NodeShellHost {
  /** start the node's shell on the terminal for ssh process `sshPid`; false when it cannot start */
  open(node: { name: string; fs: string; ns: string }, sshPid: number): boolean;
}

const NODE_COMMANDS = ['crictl'];

// OpenSSH 9.2 ssh.c usage()
const SSH_USAGE = `usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]
           [-c cipher_spec] [-D [bind_address:]port] [-E log_file]
           [-e escape_char] [-F configfile] [-I pkcs11] [-i identity_file]
           [-J destination] [-L address] [-l login_name] [-m mac_spec]
           [-O ctl_cmd] [-o option] [-P tag] [-p port] [-R address]
           [-S ctl_path] [-W host:port] [-w local_tun[:remote_tun]]
           destination [command [argument ...]]
`;

// ssh.c main: the options that take an argument (getopt string "...b:c:e:...")
const SSH_ARG_OPTIONS = new Set('BbcDEeFIiJLlmOoPpRSWw'.split(''));

/** ssh's argv: options, the destination, then the remote command (its words joined by spaces, as ssh.c does). */
export function parseSshArgs(args: readonly string[]): { dest?: string; command: string[] } {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') return { dest: args[i + 1], command: args.slice(i + 2) };
    if (!a.startsWith('-') || a === '-') return { dest: a, command: args.slice(i + 1) };
    // a flag cluster like -tt or -p22: an option with an argument takes the rest or the next word
    for (let j = 1; j < a.length; j++) {
      if (!SSH_ARG_OPTIONS.has(a[j]!)) continue;
      if (j === a.length - 1) i++;
      break;
    }
  }
  return { command: [] };
}

interface RemoteCommand {
  sshNs: string;
  sshPid: number;
  pid: number;
}

/** The nodes one can ssh into, their filesystem views and the shells open on them. */
export class NodeShells {
  private kernel: Kernel | undefined;
  private readonly bins: MemFS;
  private readonly open = new Map<string, string>();
  /** `ssh node command`: the command's namespace → who waits for it */
  private readonly remote = new Map<string, RemoteCommand>();
  private seq = 0;

  constructor(private readonly cluster: Cluster, private readonly host: NodeShellHost) {
    this.bins = hostFs(cluster.clock, nodeLayer(NODE_COMMANDS));
  }

  /** Wire the node filesystems into the host kernel (as `node:<name>`). */
  attach(kernel: Kernel): void {
    this.kernel = kernel;
    for (const [name, fs] of this.cluster.nodeFiles) kernel.attachFs(`node:${name}`, new NodeView(fs, this.bins));
  }

  nodeOnly(): string[] {
    return NODE_COMMANDS;
  }

  commands(): Record<string, Command> {
    return { ssh: this.ssh(), crictl: crictl(this.cluster) };
  }

  /** The filesystem id of a node shell's namespace. */
  fsIdOf(ns: string): string | undefined {
    return this.open.get(ns);
  }

  commandNames(): string[] {
    const names = new Set<string>();
    for (const d of ['/usr/local/bin', '/usr/bin']) for (const n of this.bins.readdir(d)) names.add(n);
    return [...names].sort();
  }

  shellExited(ns: string): void {
    this.open.delete(ns);
    this.kernel?.destroyNamespace(ns);
  }

  /**
   * The host's NetworkStack made node-aware: a process in a node shell (`ssh minikube`) is in the
   * node's network namespace, where pod IPs and ClusterIPs are routed; the learner's own shell keeps
   * the host's loopback-only stack. Names the cluster's DNS does not answer fall back to the host's
   * resolver, as the node's own resolv.conf points outside the cluster.
   */
  networkStack(host: NetworkStack): NetworkStack {
    const nodeOf = (ns: string): string | undefined => this.open.get(ns)?.slice('node:'.length);
    const cluster = (ns: string): NetworkStack | undefined => {
      const node = nodeOf(ns);
      // only the real runtime joins the cluster network (tests may run a fake one)
      return node !== undefined && this.cluster.runtimes.get(node) instanceof ContainerRuntime ? this.cluster.network.stack(node) : undefined;
    };
    return {
      dnsQuery: (from, server, name, type) => {
        const answer = cluster(from.ns)?.dnsQuery(from, server, name, type);
        return answer && answer.rcode !== 'TIMEOUT' ? answer : host.dnsQuery(from, server, name, type);
      },
      http: (from, req, tag) => (cluster(from.ns) ?? host).http(from, req, tag),
      ping: (from, ip, seq) => (cluster(from.ns) ?? host).ping(from, ip, seq),
      interfaces: (from) => (cluster(from.ns) ?? host).interfaces(from),
    };
  }

  /** networkStack for a registry built before the NodeShells exist: resolved at the first call. */
  static nodeAware(host: NetworkStack, nodes: () => NodeShells): NetworkStack {
    let stack: NetworkStack | undefined;
    const s = (): NetworkStack => (stack ??= nodes().networkStack(host));
    return {
      dnsQuery: (from, server, name, type) => s().dnsQuery(from, server, name, type),
      http: (from, req, tag) => s().http(from, req, tag),
      ping: (from, ip, seq) => s().ping(from, ip, seq),
      interfaces: (from) => s().interfaces(from),
    };
  }

  /** A process ended somewhere; if it was a remote command, its ssh returns its status. */
  processExited(ns: string, pid: number, status: ExitStatus): void {
    const r = this.remote.get(ns);
    if (!r || r.pid !== pid) return;
    this.remote.delete(ns);
    this.shellExited(ns);
    this.kernel?.post(r.sshNs, r.sshPid, 'ssh-command', status.code);
  }

  /** `ssh node command`: the login shell runs the command (`bash -c`) without a terminal. */
  private runRemote(p: Parameters<Program<{ host: string; ns?: string }>['start']>[0], node: string, command: string): void {
    const kernel = this.kernel!;
    const ns = `ssh-${++this.seq}`;
    kernel.createNamespace(ns);
    this.open.set(ns, `node:${node}`);
    p.state.ns = ns;
    const fds = kernel.record(p.ns, p.pid)!.fds;
    const env = { PATH: HOST_PATH, HOME: '/root', HOSTNAME: node, SHELL: '/bin/bash', USER: 'root', LOGNAME: 'root' };
    const pid = kernel.spawn({ ns, fs: `node:${node}`, path: '/bin/bash', argv: ['bash', '-c', command], env, cwd: '/root', stdio: [fds[0]!, fds[1]!, fds[2]!] });
    if (typeof pid !== 'number') {
      this.shellExited(ns);
      p.write(2, `Connection to ${p.state.host} closed by remote host.\n`);
      return p.exit(255);
    }
    this.remote.set(ns, { sshNs: p.ns, sshPid: p.pid, pid });
    // clientloop.c: a signal ends the session (sshd then hangs up on the command) with status 255
    for (const sig of ['INT', 'TERM', 'HUP'] as const) p.setSignal(sig, 'catch');
  }

  /** A node by its name or InternalIP. */
  private resolve(host: string): string | undefined {
    const node = this.cluster.topology.nodes.find((n) => n.name === host || n.internalIP === host);
    return node && this.cluster.nodeFiles.has(node.name) ? node.name : undefined;
  }

  private ssh(): Program<{ host: string; ns?: string }> {
    return {
      kind: 'program',
      start: (p) => {
        const { dest, command } = parseSshArgs(p.argv.slice(1));
        if (!dest) {
          p.write(2, SSH_USAGE);
          return p.exit(255);
        }
        const host = dest.includes('@') ? dest.slice(dest.indexOf('@') + 1) : dest;
        p.state = { host };
        const node = this.resolve(host);
        if (!node) {
          // ssh.c main: "ssh: Could not resolve hostname %s: %s" (getaddrinfo EAI_NONAME)
          p.write(2, `ssh: Could not resolve hostname ${host}: Name or service not known\n`);
          return p.exit(255);
        }
        if (command.length) return this.runRemote(p, node, command.join(' '));
        const ns = `ssh-${++this.seq}`;
        this.kernel!.createNamespace(ns);
        this.open.set(ns, `node:${node}`);
        if (!this.host.open({ name: node, fs: `node:${node}`, ns }, p.pid)) {
          this.shellExited(ns);
          p.write(2, `Connection to ${host} closed by remote host.\n`);
          p.exit(255);
        }
      },
      event: (p, ev) => {
        if (ev.type === 'message' && ev.topic === 'ssh-command') return p.exit(ev.data as number);
        if (ev.type === 'signal' && p.state.ns) {
          const r = this.remote.get(p.state.ns);
          this.remote.delete(p.state.ns);
          if (r) this.kernel!.kill(p.state.ns, r.pid, 'HUP');
          this.shellExited(p.state.ns);
          return p.exit(255);
        }
        if (ev.type !== 'message' || ev.topic !== 'ssh') return;
        // clientloop.c client_loop: "Connection to %.64s closed.\r\n" (with a pty)
        p.write(2, `Connection to ${p.state.host} closed.\n`);
        p.exit(ev.data as number);
      },
    };
  }
}

// ---------- crictl ----------

interface CrictlContainer {
  id: string;
  image: string;
  createdAt: number;
  state: 'Created' | 'Running' | 'Exited' | 'Unknown';
  name: string;
  attempt: number;
  podId: string;
  pod: string;
  namespace: string;
}

/** crictl (cri-tools v1.32): ps [-a] [-q], pods [-q], images, logs ID, over this node's runtime. */
function crictl(cluster: Cluster): SimpleCommand {
  return {
    kind: 'simple',
    run(io) {
      const node = io.fs.readFile('/etc/hostname').trim();
      const [verb, ...args] = io.argv.slice(1);
      const runtime = cluster.runtimes.get(node);
      const pods = (cluster.store.list('pods', {}) as StoredPod[]).filter((p) => p.spec?.nodeName === node);
      const containers = listContainers(pods, runtime instanceof ContainerRuntime ? runtime : undefined);
      const now = io.now();
      const quiet = args.includes('-q') || args.includes('--quiet');
      switch (verb) {
        case 'ps': {
          const all = args.includes('-a') || args.includes('--all');
          const shown = containers.filter((c) => all || c.state === 'Running');
          if (quiet) io.stdout(shown.map((c) => `${c.id}\n`).join(''));
          else {
            const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
            for (const c of shown) rows.push([c.id.slice(0, 13), c.image, `${humanDuration(now - c.createdAt)} ago`, c.state, c.name, String(c.attempt), c.podId.slice(0, 13), c.pod, c.namespace]);
            io.stdout(table(rows));
          }
          return 0;
        }
        case 'pods': {
          const sandboxes = runtime instanceof ContainerRuntime ? runtime.netSandboxes() : [];
          if (quiet) io.stdout(sandboxes.map((s) => `${s.id}\n`).join(''));
          else {
            const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
            for (const s of sandboxes) {
              const pod = pods.find((p) => p.metadata.name === s.name && p.metadata.namespace === s.namespace);
              const created = pod?.status?.startTime ? Date.parse(pod.status.startTime) : now;
              // sandbox.go: getSandboxesRuntimeHandler returns "(default)" for the default handler
              rows.push([s.id.slice(0, 13), `${humanDuration(now - created)} ago`, 'Ready', s.name, s.namespace, '0', '(default)']);
            }
            io.stdout(table(rows));
          }
          return 0;
        }
        case 'images': {
          const seen = new Map<string, string[]>();
          for (const p of pods) for (const s of p.status?.containerStatuses ?? []) {
            const [repo, tag] = splitImage(s.image);
            const id = (s.imageID.split('@sha256:')[1] ?? '').slice(0, 13);
            const found = runtime?.lookupImage(s.image);
            seen.set(`${repo}\t${tag}`, [repo, tag, id, found?.ok ? humanSize(found.image.size) : '']);
          }
          const rows = [['IMAGE', 'TAG', 'IMAGE ID', 'SIZE'], ...[...seen.values()].sort((a, b) => a[0]!.localeCompare(b[0]!))];
          io.stdout(table(rows));
          return 0;
        }
        case 'logs': {
          const id = args.find((a) => !a.startsWith('-'));
          const c = id ? containers.find((x) => x.id.startsWith(id)) : undefined;
          if (!id) {
            // util.go errIDEmpty, reported by main's logrus.Error (text formatter on a terminal)
            io.stderr('ERRO[0000] ID cannot be empty\n');
            return 1;
          }
          if (!c || !(runtime instanceof ContainerRuntime)) {
            // containerd's CRI ContainerStatus NotFound, wrapped by crictl logs and reported by logrus.Error
            io.stderr(`ERRO[0000] failed to get container status "${id}": rpc error: code = NotFound desc = an error occurred when try to find container "${id}": not found\n`);
            return 1;
          }
          io.stdout(runtime.containerLogs(c.id, {}));
          return 0;
        }
        default:
          // urfave/cli: No help topic for '%s'
          io.stderr(verb ? `No help topic for '${verb}'\n` : 'NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n');
          return verb ? 3 : 0;
      }
    },
  };
}

function listContainers(pods: StoredPod[], runtime: ContainerRuntime | undefined): CrictlContainer[] {
  const out: CrictlContainer[] = [];
  const sandboxes = runtime?.netSandboxes() ?? [];
  for (const pod of pods) {
    const sandbox = sandboxes.find((s) => s.name === pod.metadata.name && s.namespace === pod.metadata.namespace);
    for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])]) {
      const id = s.containerID?.replace(/^containerd:\/\//, '');
      if (!id) continue;
      const live = runtime?.containerState(id);
      const started = s.state?.running?.startedAt ?? s.state?.terminated?.startedAt;
      out.push({
        id,
        image: (s.imageID.split('@sha256:')[1] ?? s.image).slice(0, 13),
        createdAt: started ? Date.parse(started) : 0,
        state: live === 'running' ? 'Running' : live === 'exited' ? 'Exited' : live === 'created' ? 'Created' : s.state?.running ? 'Running' : s.state?.terminated ? 'Exited' : 'Unknown',
        name: s.name,
        attempt: s.restartCount,
        podId: sandbox?.id ?? '',
        pod: pod.metadata.name,
        namespace: pod.metadata.namespace ?? 'default',
      });
    }
  }
  // the runtime lists newest first
  return out.sort((a, b) => b.createdAt - a.createdAt || a.id.localeCompare(b.id));
}

function splitImage(image: string): [string, string] {
  const at = image.lastIndexOf(':');
  return at > image.lastIndexOf('/') ? [image.slice(0, at), image.slice(at + 1)] : [image, 'latest'];
}

/** crictl's display: text/tabwriter with minwidth 20, padding 3 (display.go newDefaultTableDisplay). */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((cell, i) => {
    if (i < r.length - 1) widths[i] = Math.max(widths[i] ?? 0, Math.max(20, cell.length + 3));
  });
  return rows.map((r) => r.map((cell, i) => (i < r.length - 1 ? cell.padEnd(widths[i]!) : cell)).join('') + '\n').join('');
}

/** go-units HumanSize: decimal units, four significant digits (%.4g). */
export function humanSize(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
  let i = 0;
  let n = bytes;
  while (n >= 1000 && i < units.length - 1) {
    n /= 1000;
    i++;
  }
  return `${Number(n.toPrecision(4))}${units[i]}`;
}

/** github.com/docker/go-units HumanDuration. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(seconds / 60);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(hours / 24 / 365)} years`;
}
