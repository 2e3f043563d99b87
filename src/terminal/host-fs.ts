// The learner's machine as files: a layer of executables and /etc files that never changes (not
// snapshotted), and over it the writable MemFS whose differences are the learner's workspace.
//
// Layout: HOME is /root and the shell starts there; the editor shows /root (WORKSPACE). The
// executables sit in /usr/bin with copies in /bin (a merged-/usr Debian has symlinks; Podlab's
// filesystems have none), host-only commands (kubectl, ssh, watch, ...) in /usr/local/bin.
import { buildLayer, FsError, FsLayer, MemFS, normalizePath, programFile, type Clock, type FsStat, type Vfs } from '../engine';

export const HOME = '/root';
/** The folder the editor shows: the learner's files. */
export const WORKSPACE = HOME;
export const HOSTNAME = 'podlab';
export const HOST_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The runtime's commands a learner's Debian box has: file name → registry name. */
const SYSTEM_COMMANDS: Record<string, string> = {
  ...Object.fromEntries(
    ['cat', 'cp', 'date', 'df', 'echo', 'env', 'false', 'head', 'id', 'ls', 'mkdir', 'mv', 'printenv', 'printf', 'pwd', 'rm',
      'sleep', 'tail', 'tee', 'test', '[', 'touch', 'true', 'uname', 'wc', 'whoami', 'base64', 'sort', 'uniq', 'cut', 'tr', 'seq']
      .map((n) => [n, `coreutils/${n}`]),
  ),
  xargs: 'findutils/xargs', grep: 'grep/grep', egrep: 'grep/egrep', fgrep: 'grep/fgrep', sed: 'sed/sed', hostname: 'hostname/hostname',
  which: 'debianutils/which', ps: 'procps/ps', kill: 'procps/kill', curl: 'curl/curl', wget: 'wget/wget',
  sh: 'dash', dash: 'dash', bash: 'bash',
};

/** Registry name of a host command (`podlab/<name>`): kubectl, watch, ssh, ... */
export function hostCommandName(name: string): string {
  return `podlab/${name}`;
}

/** Write the system executables and /etc files of a host (the learner's machine or a node). */
function installSystem(fs: MemFS, hostCommands: readonly string[], aliases: Record<string, string>): void {
  for (const d of ['/bin', '/usr/bin', '/usr/local/bin', '/etc', '/tmp', HOME]) fs.mkdir(d, { recursive: true });
  const put = (path: string, prog: string): void => {
    fs.writeFile(path, programFile(prog), { mode: 0o755 });
    fs.chmod(path, 0o755);
  };
  for (const [file, prog] of Object.entries(SYSTEM_COMMANDS)) {
    put(`/usr/bin/${file}`, prog);
    put(`/bin/${file}`, prog);
  }
  for (const name of hostCommands) put(`/usr/local/bin/${name}`, hostCommandName(name));
  for (const [alias, name] of Object.entries(aliases)) put(`/usr/local/bin/${alias}`, hostCommandName(name));
}

/** The learner's machine: executables, /etc/hostname, /etc/hosts, an empty HOME. */
export function hostLayer(hostCommands: readonly string[], aliases: Record<string, string>): FsLayer {
  return buildLayer((fs) => {
    installSystem(fs, hostCommands, aliases);
    fs.writeFile('/etc/hostname', `${HOSTNAME}\n`);
    fs.writeFile('/etc/hosts', `127.0.0.1\tlocalhost\n127.0.1.1\t${HOSTNAME}\n::1\tlocalhost ip6-localhost ip6-loopback\n`);
    fs.writeFile('/etc/os-release', 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n');
  });
}

/** The learner's writable filesystem over the host layer. */
export function hostFs(clock: Pick<Clock, 'now'>, layer: FsLayer): MemFS {
  return new MemFS(clock, { lower: layer });
}

/** Directories of a node's filesystem view that come from the executables layer, not the node. */
const BIN_DIRS = ['/bin', '/usr/bin', '/usr/local/bin', '/sbin', '/usr/sbin'];

function binDirOf(path: string): string | undefined {
  return BIN_DIRS.find((d) => path === d || path.startsWith(`${d}/`));
}

/**
 * A node as `ssh` sees it: the kubelet's node filesystem (static pod manifests, kubelet config,
 * pod logs), with the executables of a minimal Ubuntu layered over the binary directories.
 * Writes outside those directories go to the node's filesystem, so `mv` of a manifest reaches the
 * kubelet.
 */
export class NodeView implements Vfs {
  constructor(private readonly node: MemFS, private readonly bins: MemFS) {}

  private route(path: string): Vfs {
    return binDirOf(path) ? this.bins : this.node;
  }

  readFile(path: string): string {
    return this.route(path).readFile(path);
  }

  readdir(path: string): string[] {
    const names = this.route(path).readdir(path);
    if (path !== '/' && path !== '/usr') return names;
    // the binary directories show in their parents even where the node has none
    const extra = BIN_DIRS.filter((d) => d.slice(0, d.lastIndexOf('/')) === (path === '/' ? '' : path)).map((d) => d.slice(d.lastIndexOf('/') + 1));
    return [...new Set([...names, ...extra])].sort();
  }

  stat(path: string): FsStat {
    return this.route(path).stat(path);
  }

  exists(path: string): boolean {
    if (path === '/usr' && !this.node.exists('/usr')) return true;
    return this.route(path).exists(path);
  }

  writeFile(path: string, data: string, opts?: { mode?: number }): void {
    this.route(path).writeFile(path, data, opts);
  }

  appendFile(path: string, data: string, opts?: { mode?: number }): void {
    this.route(path).appendFile(path, data, opts);
  }

  mkdir(path: string, opts?: { recursive?: boolean; mode?: number }): void {
    this.route(path).mkdir(path, opts);
  }

  rm(path: string, opts?: { recursive?: boolean; force?: boolean }): void {
    this.route(path).rm(path, opts);
  }

  rename(from: string, to: string): void {
    const a = this.route(from);
    if (a !== this.route(to)) {
      // rename(2) across two filesystems: mv then copies and removes, as coreutils does
      throw new FsError('EXDEV', 'rename', normalizePath(from), normalizePath(to));
    }
    a.rename(from, to);
  }

  chmod(path: string, mode: number): void {
    this.route(path).chmod(path, mode);
  }
}

/** The executables of a node (Ubuntu 22.04 in minikube's kicbase image), plus crictl. */
export function nodeBinaries(clock: Pick<Clock, 'now'>, layer: FsLayer): MemFS {
  return new MemFS(clock, { lower: layer });
}

export function nodeLayer(nodeCommands: readonly string[]): FsLayer {
  return buildLayer((fs) => installSystem(fs, nodeCommands, {}));
}
